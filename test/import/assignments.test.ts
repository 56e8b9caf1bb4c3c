import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappedCsvItems, planMappedCsv } from '../../src/import/csv-mapped.js';
import type { CsvMappingFile } from '../../src/import/csv-mapped-schema.js';
import { parseCsv, type CsvRecord } from '../../src/import/csv-stream.js';
import { GroupResolver, groupIdOf } from '../../src/import/groups.js';
import { jiraJsonItems } from '../../src/import/jira-json.js';
import { planJira } from '../../src/import/jira.js';
import { buildValueMapping } from '../../src/import/mapping-file.js';
import { mergeTicket, ticketDocumentOf } from '../../src/import/merge.js';
import { readServiceNow, serviceNowDefaults } from '../../src/import/servicenow.js';
import { mergeTimeline } from '../../src/import/timeline-merge.js';
import type { ImportedTicket } from '../../src/import/types.js';
import { DEFAULT_STATUSES } from '../../src/model/config.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { collect, inlineMapping, testContext } from './csv-mapped-helpers.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import/assignments');

describe('group ids from source names', () => {
  it('slugs a name: lower case, runs of other characters one "-", no "-" at the ends, at most 128 characters', () => {
    expect(groupIdOf('Group 70')).toBe('group-70');
    expect(groupIdOf('  Service Desk / EMEA ')).toBe('service-desk-emea');
    expect(groupIdOf('Équipe Réseau')).toBe('equipe-reseau');
    expect(groupIdOf('???')).toBeUndefined();
    expect(groupIdOf(`${'a'.repeat(127)} b`)).toBe('a'.repeat(127));
  });

  it('takes the mapping first, then a group id of the repository as written, then the slug; remembers the names', () => {
    const resolver = new GroupResolver({ 'Network Team': 'network' }, new Set(['SAP-CC']), 'assignment_group');
    expect(resolver.resolve('Network Team')).toEqual({ id: 'network' });
    expect(resolver.resolve('SAP-CC')).toEqual({ id: 'SAP-CC' });
    expect(resolver.resolve('Group 70')).toEqual({ id: 'group-70' });
    expect(resolver.resolve('group-70')).toEqual({ id: 'group-70' });
    expect(resolver.resolve('?')).toEqual({ missing: true });
    expect(resolver.resolve('')).toEqual({ missing: true });
    expect(resolver.resolve('***')).toEqual({ unmapped: { field: 'group', column: 'assignment_group', value: '***' } });
    expect(resolver.seen()).toEqual([
      { id: 'SAP-CC', values: ['SAP-CC'] },
      { id: 'group-70', values: ['Group 70', 'group-70'] },
      { id: 'network', values: ['Network Team'] },
    ]);
  });
});

describe('the mapping file\'s group map', () => {
  const vocabulary = { statuses: new Set(['new']), priorities: new Set(['P3']), services: new Set(['s']), consumers: new Set<string>() };

  it('adds its values to the source\'s default column, or names another column', () => {
    const file = inlineMapping({ group: { values: { 'Network Team': 'network' } } });
    expect(buildValueMapping(serviceNowDefaults('UTC'), vocabulary, { file }).group).toEqual({ column: 'assignment_group', values: { 'Network Team': 'network' } });
    const other = inlineMapping({ group: { column: 'u_team' } });
    expect(buildValueMapping(serviceNowDefaults('UTC'), vocabulary, { file: other }).group).toEqual({ column: 'u_team', values: {} });
  });

  it('needs a column when the source has no default one', () => {
    const defaults = { ...serviceNowDefaults('UTC') };
    delete defaults.group;
    expect(() => buildValueMapping(defaults, vocabulary, { file: inlineMapping({ group: { values: { A: 'a' } } }) })).toThrow(/"group" needs a "column"/);
  });
});

describe('ServiceNow: assignment_group and assigned_to (test/fixtures/import/assignments)', async () => {
  const items = await collect(
    readServiceNow({
      file: join(FIXTURES, 'servicenow.csv'),
      mapping: { ...serviceNowDefaults('UTC'), group: { column: 'assignment_group', values: { 'Network Team': 'network' } } },
      services: new Set(['category-55']),
      consumers: new Set(),
      statusCategories: new Map(DEFAULT_STATUSES.map((s) => [s.id, s.category])),
    }),
  );
  const ticket = (id: string) => items.tickets.find((t) => t.id === id)!;

  it('opens with the first row\'s group, and each change is an event — with a status change at the same instant, back to an earlier group, "?" changing nothing', () => {
    const t = ticket('INC0000001');
    expect([t.group, t.assignee, t.assignmentFields]).toEqual(['group-70', undefined, ['group', 'assignee']]);
    expect(t.timeline).toEqual([
      { at: '2016-03-01T09:10:00Z', status: 'in-progress', assignee: 'Ann Lee', actor: 'Updated by 2' },
      { at: '2016-03-01T10:00:00Z', status: 'awaiting-customer', group: 'network', assignee: 'Bob Stone', actor: 'Updated by 3' },
      { at: '2016-03-01T11:00:00Z', status: 'in-progress', group: 'group-70', assignee: 'Ann Lee', actor: 'Updated by 4' },
      { at: '2016-03-01T12:00:00Z', status: 'resolved', actor: 'Updated by 5' },
    ]);
  });

  it('gives no group and no assignee to an incident that has "?" on every row', () => {
    const t = ticket('INC0000002');
    expect([t.group, t.assignee]).toEqual([undefined, undefined]);
    expect(t.timeline).toEqual([{ at: '2016-03-01T13:00:00Z', status: 'resolved', actor: 'Updated by 6' }]);
  });

  it('says which groups it saw, with their names', () => {
    expect(items.groups).toEqual([
      { id: 'group-70', values: ['Group 70'] },
      { id: 'network', values: ['Network Team'] },
    ]);
    expect(items.problems).toEqual([]);
  });
});

describe('Jira JSON: the assignee and its history, a group from the field the mapping names', () => {
  const history = (created: string, items: unknown[]) => ({ created, author: { displayName: 'Agent' }, items });
  const issue = {
    key: 'A-1',
    fields: {
      issuetype: { name: 'Incident' },
      summary: 'VPN down',
      created: '2026-10-05T10:00:00.000+0000',
      status: { name: 'Done' },
      priority: { name: 'High' },
      assignee: null,
      customfield_10010: { value: 'Network Team' },
    },
    changelog: {
      histories: [
        history('2026-10-05T10:05:00.000+0000', [{ field: 'assignee', fromString: null, toString: 'Ann Lee' }]),
        history('2026-10-05T10:30:00.000+0000', [
          { field: 'status', fromString: 'Open', toString: 'In Progress' },
          { field: 'Team', fieldId: 'customfield_10010', fromString: 'Service Desk', toString: 'Network Team' },
        ]),
        history('2026-10-05T11:00:00.000+0000', [{ field: 'Team', fieldId: 'customfield_10010', fromString: 'Network Team', toString: 'Service Desk' }]),
        history('2026-10-05T11:30:00.000+0000', [{ field: 'assignee', fromString: 'Ann Lee', toString: null }]),
        history('2026-10-05T12:00:00.000+0000', [{ field: 'status', fromString: 'In Progress', toString: 'Done' }]),
      ],
    },
  };
  const source = JSON.stringify({ names: { customfield_10010: 'Team' }, issues: [issue] });

  it('reads assignee changes (an unassignment changes nothing); without a group mapping, no group', async () => {
    const plan = planJira(inlineMapping({ service: { fallback: 'service-desk' } }), testContext());
    const result = await collect(jiraJsonItems(source, plan.json));
    const t = result.tickets[0]!;
    expect([t.group, t.assignee, t.assignmentFields]).toEqual([undefined, undefined, ['assignee']]);
    expect(t.timeline).toEqual([
      { at: '2026-10-05T10:05:00Z', assignee: 'Ann Lee', actor: 'Agent' },
      { at: '2026-10-05T10:30:00Z', status: 'in-progress', actor: 'Agent' },
      { at: '2026-10-05T12:00:00Z', status: 'resolved', actor: 'Agent' },
    ]);
    expect(result.groups).toBeUndefined();
  });

  it('with group.column, opens in the group the first change left and reassigns at each change, back to the first one too', async () => {
    const mapping = { service: { fallback: 'service-desk' }, group: { column: 'Team', values: { 'Service Desk': 'service-desk-team' } } };
    const plan = planJira(inlineMapping(mapping), testContext());
    const result = await collect(jiraJsonItems(source, plan.json));
    const t = result.tickets[0]!;
    expect([t.group, t.assignmentFields]).toEqual(['service-desk-team', ['group', 'assignee']]);
    expect(t.timeline).toEqual([
      { at: '2026-10-05T10:05:00Z', assignee: 'Ann Lee', actor: 'Agent' },
      { at: '2026-10-05T10:30:00Z', status: 'in-progress', group: 'network-team', actor: 'Agent' },
      { at: '2026-10-05T11:00:00Z', group: 'service-desk-team', actor: 'Agent' },
      { at: '2026-10-05T12:00:00Z', status: 'resolved', actor: 'Agent' },
    ]);
    expect(result.groups).toEqual([
      { id: 'network-team', values: ['Network Team'] },
      { id: 'service-desk-team', values: ['Service Desk'] },
    ]);
  });
});

describe('mapped CSV: columns.assignee and group.column', () => {
  async function* records(text: string): AsyncGenerator<CsvRecord> {
    yield* parseCsv(text, { delimiter: ',' });
  }

  it('one row per update: the first update\'s are the opening\'s, the changes are events, an empty cell changes nothing', async () => {
    const plan = planMappedCsv(
      inlineMapping<CsvMappingFile>({
        columns: { id: 'id', title: 'title', updated: 'at', status: 'status', priority: 'priority', assignee: 'owner' },
        service: { fallback: 'service-desk' },
        group: { column: 'team' },
      }),
      testContext(),
    );
    const text = [
      'id,title,at,status,priority,team,owner',
      'T-1,Printer,2026-10-05 09:00,new,P3,Service Desk,',
      'T-1,Printer,2026-10-05 09:30,in-progress,P3,Service Desk,Ann Lee',
      'T-1,Printer,2026-10-05 10:00,in-progress,P3,Field Support,Bob Stone',
      'T-1,Printer,2026-10-05 11:00,resolved,P3,Service Desk,',
      '',
    ].join('\n');
    const result = await collect(mappedCsvItems(records(text), plan));
    const t = result.tickets[0]!;
    expect([t.group, t.assignee, t.assignmentFields]).toEqual(['service-desk', undefined, ['group', 'assignee']]);
    expect(t.timeline).toEqual([
      { at: '2026-10-05T09:30:00Z', status: 'in-progress', assignee: 'Ann Lee' },
      { at: '2026-10-05T10:00:00Z', group: 'field-support', assignee: 'Bob Stone' },
      { at: '2026-10-05T11:00:00Z', status: 'resolved', group: 'service-desk' },
    ]);
  });

  it('one row per ticket: the row\'s group and assignee are the ticket\'s from its opening', async () => {
    const plan = planMappedCsv(
      inlineMapping<CsvMappingFile>({
        columns: { id: 'id', title: 'title', opened: 'opened', priority: 'priority', assignee: 'owner' },
        service: { fallback: 'service-desk' },
        group: { column: 'team', values: { 'Service Desk': 'desk' } },
      }),
      testContext(),
    );
    const text = 'id,title,opened,priority,team,owner\nT-1,A,2026-10-05 09:00,P3,Service Desk,Ann Lee\nT-2,B,2026-10-05 09:00,P3,?,\n';
    const result = await collect(mappedCsvItems(records(text), plan));
    expect(result.tickets.map((t) => [t.id, t.group, t.assignee])).toEqual([
      ['T-1', 'desk', 'Ann Lee'],
      ['T-2', undefined, undefined],
    ]);
  });
});

describe('re-importing assignments (merge)', () => {
  const base: ImportedTicket = {
    id: 'INC1',
    type: 'incident',
    service: 's',
    priority: 'P3',
    title: 'T',
    opened: '2026-01-01T09:00:00Z',
    group: 'desk',
    timeline: [
      { at: '2026-01-01T10:00:00Z', group: 'network' },
      { at: '2026-01-01T11:00:00Z', status: 'resolved' },
    ],
    assignmentFields: ['group', 'assignee'],
    lines: { first: 2, last: 3, count: 2 },
  };

  it('writes the group and assignee after the opening, in the order of docs/format.md', () => {
    const spec = ticketDocumentOf({ ...base, assignee: 'Ann' }).spec as Record<string, unknown>;
    expect(Object.keys(spec)).toEqual(['type', 'service', 'priority', 'title', 'opened', 'group', 'assignee', 'timeline']);
  });

  it('an import that lacks a reassignment the repository has inside its window keeps the ticket (the window rule)', () => {
    const existing = ticketDocumentOf(base);
    // The export's window is 09:30–11:00: the 10:00 reassignment is in it and the export does not have it.
    const merged = mergeTicket(existing, { ...base, timeline: [{ at: '2026-01-01T09:30:00Z', status: 'in-progress' }, base.timeline[1]!] });
    expect('loss' in merged && merged.loss.dropped).toEqual([{ at: '2026-01-01T10:00:00Z', group: 'network' }]);
  });

  it('an import that does not read groups keeps the repository\'s (they are the user\'s, like notes)', () => {
    const existing = ticketDocumentOf(base);
    const merged = mergeTicket(existing, { ...base, group: undefined, timeline: [base.timeline[1]!], assignmentFields: [] } as ImportedTicket);
    expect('document' in merged && merged.document.spec).toMatchObject({ group: 'desk', timeline: [{ at: '2026-01-01T10:00:00Z', group: 'network' }, { at: '2026-01-01T11:00:00Z', status: 'resolved' }] });
  });

  it('a partial export (since) restating the group in effect adds no event; a new group at its first update is one', () => {
    const existing = { opened: base.opened, priority: 'P3', group: 'desk', timeline: [{ at: '2026-01-01T10:00:00Z', group: 'network' }] };
    const restating = mergeTimeline(existing, { opened: base.opened, priority: 'P3', group: 'network', timeline: [{ at: '2026-01-02T09:00:00Z', status: 'resolved' }], since: { at: '2026-01-02T08:00:00Z' } }, { speaks: ['group'] });
    expect('merged' in restating && restating.merged.timeline).toEqual([{ at: '2026-01-01T10:00:00Z', group: 'network' }, { at: '2026-01-02T09:00:00Z', status: 'resolved' }]);
    const moved = mergeTimeline(existing, { opened: base.opened, priority: 'P3', group: 'vendor', timeline: [{ at: '2026-01-02T09:00:00Z', status: 'resolved' }], since: { at: '2026-01-02T08:00:00Z' } }, { speaks: ['group'] });
    expect('merged' in moved && moved.merged).toMatchObject({
      group: 'desk',
      timeline: [{ at: '2026-01-01T10:00:00Z', group: 'network' }, { at: '2026-01-02T08:00:00Z', group: 'vendor' }, { at: '2026-01-02T09:00:00Z', status: 'resolved' }],
    });
  });

  it('a partial export that starts without an assignee ("?") and then names the one in effect adds no event', () => {
    const existing = { opened: base.opened, priority: 'P3', assignee: 'Ann', timeline: [] };
    const imported = { opened: base.opened, priority: 'P3', timeline: [{ at: '2026-01-02T08:00:00Z', status: 'in-progress' }, { at: '2026-01-02T09:00:00Z', assignee: 'Ann' }, { at: '2026-01-02T10:00:00Z', assignee: 'Bob' }], since: { at: '2026-01-02T08:00:00Z' } };
    const merged = mergeTimeline(existing, imported, { speaks: ['assignee'] });
    expect('merged' in merged && merged.merged.timeline).toEqual([{ at: '2026-01-02T08:00:00Z', status: 'in-progress' }, { at: '2026-01-02T10:00:00Z', assignee: 'Bob' }]);
  });

  it('a partial export whose first update changes the group and whose next, at the same minute, changes it again keeps both', () => {
    const existing = { opened: base.opened, priority: 'P3', group: 'desk', timeline: [] };
    const imported = { opened: base.opened, priority: 'P3', group: 'network', timeline: [{ at: '2026-01-02T08:00:00Z', group: 'vendor' }], since: { at: '2026-01-02T08:00:00Z' } };
    const merged = mergeTimeline(existing, imported, { speaks: ['group'] });
    expect('merged' in merged && merged.merged.timeline).toEqual([{ at: '2026-01-02T08:00:00Z', group: 'network' }, { at: '2026-01-02T08:00:00Z', group: 'vendor' }]);
  });

  it('at the instant of its first event, the first update\'s change is an event of its own unless that event is the first update\'s', () => {
    const existing = { opened: base.opened, priority: 'P3', group: 'desk', timeline: [] };
    const imported = { opened: base.opened, priority: 'P3', group: 'network', timeline: [{ at: '2026-01-02T08:00:00Z', status: 'in-progress' }] };
    const separate = mergeTimeline(existing, { ...imported, since: { at: '2026-01-02T08:00:00Z', isFirstEvent: false } }, { speaks: ['group'] });
    expect('merged' in separate && separate.merged.timeline).toEqual([{ at: '2026-01-02T08:00:00Z', group: 'network' }, { at: '2026-01-02T08:00:00Z', status: 'in-progress' }]);
    const one = mergeTimeline(existing, { ...imported, since: { at: '2026-01-02T08:00:00Z', isFirstEvent: true } }, { speaks: ['group'] });
    expect('merged' in one && one.merged.timeline).toEqual([{ at: '2026-01-02T08:00:00Z', status: 'in-progress', group: 'network' }]);
  });
});
