import { describe, expect, it } from 'vitest';
import { listTicketChanges } from '../../src/governance/ticket-list.js';
import { describeChanges } from '../../src/governance/changes.js';
import { CONFIG, diffLines, docYaml, repositoryOf } from './changes-helpers.js';

const finance = (lines: string[]) => ({ 'consumers/finance.yaml': docYaml('Consumer', 'finance', ['costCenter: CC-1100', ...lines]) });

describe('describeChanges: consumers and subscriptions', () => {
  it('describes the consumer fields and its subscriptions as items', () => {
    const base = finance([
      'headcount: 85',
      'agreements: [gold]',
      'subscriptions: [{ service: email, units: 85, from: 2024-01-01 }, { service: erp, from: 2024-01-01 }, { service: vpn, from: 2024-01-01 }]',
    ]);
    const head = finance([
      'headcount: 90',
      'calendar: us',
      'contact: { name: Robert Kim }',
      'subscriptions: [{ service: email, units: 90, from: 2024-01-01, to: 2026-12-31 }, { service: erp, from: 2025-01-01, agreements: [gold-finance] }, { service: crm, units: 5, from: 2027-01-01 }]',
    ]);
    expect(diffLines(base, head)).toEqual([
      'consumers/finance.yaml  finance: headcount 85 → 90',
      'consumers/finance.yaml  finance: contact Robert Kim added',
      'consumers/finance.yaml  finance: calendar us added',
      'consumers/finance.yaml  finance: agreement gold removed',
      'consumers/finance.yaml  finance: subscription to crm added (5 units, from 2027-01-01)',
      'consumers/finance.yaml  finance: subscription to email units 85 → 90',
      'consumers/finance.yaml  finance: subscription to email end 2026-12-31 added',
      'consumers/finance.yaml  finance: subscription to erp start 2024-01-01 → 2025-01-01',
      'consumers/finance.yaml  finance: subscription to erp agreement gold-finance added',
      'consumers/finance.yaml  finance: subscription to vpn removed (from 2024-01-01)',
    ]);
  });

  it('says what a new consumer subscribes to', () => {
    expect(diffLines({}, finance(['headcount: 3', 'subscriptions: [{ service: vpn, from: 2024-01-01 }, { service: email, units: 3, from: 2024-01-01 }]']))).toEqual([
      'consumers/finance.yaml  finance: added (headcount 3, 2 subscriptions: email, vpn)',
    ]);
  });
});

describe('describeChanges: groups', () => {
  it('describes calendar, parent, manager and members', () => {
    const base = { 'groups/net.yaml': docYaml('Group', 'network', ['calendar: us', 'members: [{ name: Ann }, { name: Bob, email: bob@a.example }]']) };
    const head = { 'groups/net.yaml': docYaml('Group', 'network', ['calendar: de', 'parent: it', 'manager: Cy', 'members: [{ name: Bob, email: bob@b.example }, { name: Dee }]']) };
    expect(diffLines(base, head)).toEqual([
      'groups/net.yaml  network: calendar us → de',
      'groups/net.yaml  network: parent it added',
      'groups/net.yaml  network: manager Cy added',
      'groups/net.yaml  network: member Bob email bob@a.example → bob@b.example',
      'groups/net.yaml  network: member Dee added',
      'groups/net.yaml  network: member Ann removed',
    ]);
  });
});

describe('describeChanges: config', () => {
  it('compares the settings after defaults: writing the default priorities out is no change', () => {
    const written = CONFIG.replace('timeZone: UTC }', 'timeZone: UTC, priorities: [{ id: P1, name: Critical }, { id: P2, name: High }, { id: P3, name: Moderate }, { id: P4, name: Low }] }');
    expect(diffLines({}, { 'itsm.yaml': written })).toEqual([]);
  });

  it('describes currency, time zone, exclude patterns, priorities and statuses', () => {
    const head = {
      'itsm.yaml': CONFIG.replace(
        'spec: { currency: USD, timeZone: UTC }',
        'spec: { currency: EUR, timeZone: Europe/Berlin, exclude: ["drafts/**"], priorities: [{ id: P1, name: Urgent }, { id: P2, name: High }], statuses: [{ id: new, category: new }, { id: on-hold, category: active }] }',
      ),
    };
    expect(diffLines({}, head)).toEqual([
      'itsm.yaml  lab: currency USD → EUR',
      'itsm.yaml  lab: time zone UTC → Europe/Berlin',
      'itsm.yaml  lab: exclude pattern drafts/** added',
      'itsm.yaml  lab: priority P1 name Critical → Urgent',
      'itsm.yaml  lab: priority P3 removed',
      'itsm.yaml  lab: priority P4 removed',
      'itsm.yaml  lab: status new name New removed',
      'itsm.yaml  lab: status on-hold category waiting → active',
      'itsm.yaml  lab: status on-hold name On hold removed',
      'itsm.yaml  lab: status in-progress removed',
      'itsm.yaml  lab: status awaiting-customer removed',
      'itsm.yaml  lab: status awaiting-vendor removed',
      'itsm.yaml  lab: status resolved removed',
      'itsm.yaml  lab: status closed removed',
      'itsm.yaml  lab: status cancelled removed',
    ]);
  });
});

describe('describeChanges: usage', () => {
  const usage = (records: string[]) => ({ 'usage/2026-10.yaml': `apiVersion: itsm/v1\nkind: Usage\nmetadata: { id: u }\nspec:\n  records:\n${records.map((r) => `    - ${r}`).join('\n')}\n` });
  const rec = (date: string, consumer: string, quantity: number) => `{ date: ${date}, consumer: ${consumer}, service: storage, metric: gb, quantity: ${quantity} }`;

  it('sums a month of a metric per consumer exactly, and says when only the records moved', () => {
    const base = usage([rec('2026-10-01', 'finance', 0.1), rec('2026-10-02', 'finance', 0.2), rec('2026-10-01', 'legal', 5)]);
    const head = usage([rec('2026-10-01', 'finance', 0.1), rec('2026-10-02', 'finance', 0.3), rec('2026-10-03', 'legal', 5), rec('2026-11-01', 'hr', 1200)]);
    expect(diffLines(base, head)).toEqual([
      'usage/2026-10.yaml  usage/2026-10.yaml: storage gb of finance in 2026-10: 0.3 → 0.4',
      'usage/2026-10.yaml  usage/2026-10.yaml: storage gb of hr in 2026-11: 1,200 added',
      'usage/2026-10.yaml  usage/2026-10.yaml: storage gb of legal in 2026-10: 5 unchanged, records changed',
    ]);
    expect(diffLines({}, base)).toEqual(['usage/2026-10.yaml  usage/2026-10.yaml: added (3 records, 2026-10-01 to 2026-10-02)']);
  });
});

describe('describeChanges: tickets', () => {
  const ticket = (id: string, title = 'Broken') =>
    docYaml('Ticket', id, ['type: incident', 'service: email', 'priority: P2', `title: ${title}`, 'opened: "2026-10-05T14:02:00Z"']);

  it('counts tickets added, changed and removed by id, a moved ticket with the same content being unchanged', () => {
    const base = { 'tickets/a.yaml': [ticket('INC-1'), ticket('INC-2'), ticket('INC-3')].join('---\n') };
    const head = { 'tickets/b.yaml': [ticket('INC-1'), ticket('INC-2', 'Still broken'), ticket('INC-4'), ticket('INC-5')].join('---\n') };
    const changes = describeChanges(repositoryOf(base), repositoryOf(head));
    expect(changes).toEqual({ definitions: [], tickets: { added: 2, changed: 1, removed: 1 } });
  });

  it('counts exactly the tickets `--tickets` lists: one meaning of added, changed and removed', () => {
    // An id written twice in head (an error validation reports) is one ticket, matched by its first definition.
    const base = { 'tickets/a.yaml': [ticket('INC-1'), ticket('INC-2'), ticket('INC-3')].join('---\n') };
    const head = {
      'tickets/a.yaml': [ticket('INC-1', 'Moved on'), ticket('INC-2')].join('---\n'),
      'tickets/b.yaml': [ticket('INC-4'), ticket('INC-4', 'Twice'), ticket('INC-2', 'Second copy')].join('---\n'),
    };
    const [before, after] = [repositoryOf(base), repositoryOf(head)];
    const list = listTicketChanges(before, after);
    expect(list).toEqual({
      added: [{ id: 'INC-4', file: 'tickets/b.yaml' }],
      changed: [{ id: 'INC-1', file: 'tickets/a.yaml' }],
      removed: [{ id: 'INC-3', file: 'tickets/a.yaml' }],
    });
    const { tickets } = describeChanges(before, after);
    expect(tickets).toEqual({ added: list.added.length, changed: list.changed.length, removed: list.removed.length });
  });
});

describe('describeChanges: the whole', () => {
  it('sorts by file, then kind, then id, and gives nothing for an unchanged repository', () => {
    const files = {
      'all.yaml': [docYaml('Group', 'g', ['manager: A']), docYaml('Calendar', 'c', ['timeZone: UTC', 'hours: {}'])].join('---\n'),
      'a.yaml': docYaml('Group', 'z', ['manager: A']),
    };
    expect(describeChanges(repositoryOf(files), repositoryOf(files))).toEqual({ definitions: [], tickets: { added: 0, changed: 0, removed: 0 } });
    const head = {
      'all.yaml': [docYaml('Group', 'g', ['manager: B']), docYaml('Calendar', 'c', ['timeZone: UTC', 'hours: {}', 'description: x'])].join('---\n'),
      'a.yaml': docYaml('Group', 'z', ['manager: B']),
    };
    const changes = describeChanges(repositoryOf(files), repositoryOf(head));
    expect(changes.definitions.map((c) => [c.file, c.kind, c.id, c.document])).toEqual([
      ['a.yaml', 'Group', 'z', 0],
      ['all.yaml', 'Calendar', 'c', 1],
      ['all.yaml', 'Group', 'g', 0],
    ]);
  });
});
