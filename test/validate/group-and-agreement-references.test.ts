import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../src/validate/index.js';
import { brief, calendar, config, consumer, doc, group, service, sla, ticket } from './model-11-fixtures.js';

const only = (rule: string, documents: Parameters<typeof validateDocuments>[0], rejected: Parameters<typeof validateDocuments>[2] = []) =>
  validateDocuments(documents, [], rejected).diagnostics.filter((d) => d.rule === rule).map(brief);

describe('unknown-reference: groups, per-consumer agreements and calendars, versions', () => {
  it('reports each new place that names an SLA, a calendar or a group, at its exact path', () => {
    const result = only('unknown-reference', [
      config(),
      service('email', { sla: 'standard' }),
      sla('standard', { group: 'netwrok', versions: [{ from: '2026-07-01', calendar: 'uk-office' }] }),
      calendar('uk-offices'),
      group('network', { calendar: 'uk-ofice', parent: 'it' }),
      consumer('finance', {
        calendar: 'uk', // far from every id: no hint
        agreements: ['gold'],
        subscriptions: [{ service: 'email', from: '2026-01-01', agreements: ['standard', 'standrd'] }],
      }),
      ticket('T1', { consumer: 'finance', group: 'netwok', timeline: [{ at: '2026-03-02T10:00:00Z', group: 'network' }, { at: '2026-03-02T11:00:00Z', group: 'vendor' }] }),
    ]);
    // Sorted as the CLI prints them: by file, then (here, without positions) by message.
    expect(result).toEqual([
      ['consumers/finance.yaml', 'unknown-reference', 'spec.agreements.0', 'SLA "gold" does not exist'],
      ['consumers/finance.yaml', 'unknown-reference', 'spec.subscriptions.0.agreements.1', 'SLA "standrd" does not exist'],
      ['consumers/finance.yaml', 'unknown-reference', 'spec.calendar', 'calendar "uk" does not exist'],
      ['groups/network.yaml', 'unknown-reference', 'spec.calendar', 'calendar "uk-ofice" does not exist'],
      ['groups/network.yaml', 'unknown-reference', 'spec.parent', 'group "it" does not exist'],
      ['slas/standard.yaml', 'unknown-reference', 'spec.versions.0.calendar', 'calendar "uk-office" does not exist'],
      ['slas/standard.yaml', 'unknown-reference', 'spec.group', 'group "netwrok" does not exist'],
      ['tickets/T1.yaml', 'unknown-reference', 'spec.group', 'group "netwok" does not exist'],
      ['tickets/T1.yaml', 'unknown-reference', 'spec.timeline.1.group', 'group "vendor" does not exist'],
    ]);
    const hints = validateDocuments([config(), group('network'), ticket('T1', { group: 'netwok' }), service('email')]).diagnostics.map((d) => d.hint);
    expect(hints).toEqual(['did you mean "network"?']);
  });

  it('a group that fails its schema is one reference-to-invalid warning, not an unknown group per ticket', () => {
    const invalid = doc('groups/network.yaml', { apiVersion: 'itsm/v1', kind: 'Group', metadata: { id: 'network' }, spec: { lead: 'Ann' } });
    const documents = [config(), service('email'), invalid, ticket('T1', { group: 'network' }), ticket('T2', { group: 'network' })];
    expect(only('unknown-reference', documents)).toEqual([]);
    expect(only('reference-to-invalid', documents)).toEqual([
      ['tickets/T1.yaml', 'reference-to-invalid', 'spec.group', 'group "network" exists but fails its schema, so its 2 references cannot be checked'],
    ]);
  });

  it('duplicate-id covers groups', () => {
    const second = doc('groups/network-2.yaml', { apiVersion: 'itsm/v1', kind: 'Group', metadata: { id: 'network' }, spec: {} });
    expect(only('duplicate-id', [config(), group('network'), second])).toEqual([['groups/network-2.yaml', 'duplicate-id', 'metadata.id', 'Group id "network" is already used']]);
  });
});

describe('unknown-status and unknown-priority in versions', () => {
  it('checks the pauseOn and the target priorities of every version', () => {
    const documents = [config(), sla('standard', { versions: [{ from: '2026-07-01', pauseOn: ['awaiting-custmer'], targets: [{ type: 'incident', priority: 'P9', resolution: { within: '4h', objective: 90 } }] }] })];
    expect(only('unknown-status', documents)).toEqual([['slas/standard.yaml', 'unknown-status', 'spec.versions.0.pauseOn.0', 'status "awaiting-custmer" is not defined']]);
    expect(only('unknown-priority', documents)).toEqual([['slas/standard.yaml', 'unknown-priority', 'spec.versions.0.targets.0.priority', 'priority "P9" is not defined']]);
  });
});

describe('group-cycle', () => {
  it('reports a cycle of parents once, at its alphabetically first group, and a group that is its own parent', () => {
    const result = validateDocuments([
      config(),
      group('network', { parent: 'infrastructure' }),
      group('infrastructure', { parent: 'it' }),
      group('it', { parent: 'network' }),
      group('vendor', { parent: 'vendor' }),
      group('desk', { parent: 'it' }), // hangs off the cycle: not part of it
    ]).diagnostics.filter((d) => d.rule === 'group-cycle');
    expect(result.map(brief)).toEqual([
      ['groups/infrastructure.yaml', 'group-cycle', 'spec.parent', 'group parents form a cycle: infrastructure → it → network → infrastructure'],
      ['groups/vendor.yaml', 'group-cycle', 'spec.parent', 'group "vendor" is its own parent'],
    ]);
    expect(result[0]?.related?.map((r) => [r.file, r.message])).toEqual([
      ['groups/it.yaml', 'the parent of it is network'],
      ['groups/network.yaml', 'the parent of network is infrastructure'],
    ]);
  });
});

describe('unknown-assignee', () => {
  it('against the group holding the ticket at that moment, only for groups that list members; once per group and name', () => {
    const found = validateDocuments([
      config(),
      service('email'),
      group('network', { members: [{ name: 'Ann Lee' }, { name: 'Raj Patel' }] }),
      group('desk'), // lists no members: not checked
      ticket('T1', {
        group: 'network',
        assignee: 'Ann Lee',
        timeline: [
          { at: '2026-03-02T10:00:00Z', assignee: 'Kim Osei' }, // still network's
          { at: '2026-03-02T11:00:00Z', group: 'desk', assignee: 'Kim Osei' }, // desk lists no members
          { at: '2026-03-02T12:00:00Z', group: 'network', assignee: 'Raj Patel' },
        ],
      }),
      ticket('T2', { group: 'network', assignee: 'Kim Osei' }),
    ]).diagnostics.filter((d) => d.rule === 'unknown-assignee');
    expect(found.map(brief)).toEqual([
      ['tickets/T1.yaml', 'unknown-assignee', 'spec.timeline.0.assignee', 'assignee "Kim Osei" is not a member of group "network", which holds the ticket at that moment (2 assignments, this one first)'],
    ]);
    expect(found[0]?.hint).toBe('add "Kim Osei" to the members of group network, or correct the name');
    expect(found[0]?.related?.map((r) => [r.file, r.message])).toEqual([
      ['groups/network.yaml', 'the members of network'],
      ['tickets/T2.yaml', 'ticket T2 too'],
    ]);
  });
});
