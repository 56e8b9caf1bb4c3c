import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { fieldValues, firstJsonError, jiraJsonItems, parseJiraInstant, scanIssueLines } from '../../src/import/jira-json.js';
import { planJira } from '../../src/import/jira.js';
import type { JiraMappingFile } from '../../src/import/csv-mapped-schema.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { collect, inlineMapping, rowsAccountedFor, testContext } from './csv-mapped-helpers.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/import/jira/search-changelog.json');

/** The overrides the fixture needs: its components, its organisation field, a priority for the issue that has none. */
const MAPPING: JiraMappingFile = {
  service: { values: { Email: 'email', VPN: 'vpn', Printing: 'printing' }, fallback: 'service-desk' },
  consumer: { column: 'Organizations', values: { Finance: 'finance' } },
  defaults: { priority: 'P3' },
};

function plan(notices: string[] = [], mapping: JiraMappingFile = MAPPING) {
  return planJira(inlineMapping(mapping), { ...testContext(), notice: (m) => notices.push(m) });
}

describe('parseJiraInstant', () => {
  it('reads an offset without a colon, drops the milliseconds and writes UTC', () => {
    expect(parseJiraInstant('2026-10-05T14:02:11.123+0200')).toEqual({ ms: Date.UTC(2026, 9, 5, 12, 2, 11), at: '2026-10-05T12:02:11Z' });
    expect(parseJiraInstant('2026-10-05T14:02:11.999-0430')?.at).toBe('2026-10-05T18:32:11Z');
  });

  it('reads Z, an offset with a colon, and no seconds', () => {
    expect(parseJiraInstant('2026-10-05T14:02:11.000Z')?.at).toBe('2026-10-05T14:02:11Z');
    expect(parseJiraInstant('2026-10-05T14:02:11+05:30')?.at).toBe('2026-10-05T08:32:11Z');
    expect(parseJiraInstant('2026-10-05T14:02+0000')?.at).toBe('2026-10-05T14:02:00Z');
  });

  it('crosses midnight and month ends in UTC', () => {
    expect(parseJiraInstant('2026-11-01T01:30:00.000+0200')?.at).toBe('2026-10-31T23:30:00Z');
  });

  it('refuses what is not a real Jira timestamp', () => {
    for (const text of ['05/Oct/26 2:02 PM', '2026-02-30T10:00:00.000+0000', '2026-10-05T24:00:00.000+0000', '2026-10-05T10:00:00.000+2500', '2026-10-05 10:00', '']) {
      expect(parseJiraInstant(text), text).toBeUndefined();
    }
  });
});

describe('scanIssueLines', () => {
  it('finds the first and last line of each issue of a search result, whatever the strings hold', () => {
    const text = [
      '{"expand": "names", "issues": [', // 1
      '  {"key": "A-1", "fields": {"summary": "braces { [ and a \\"quote\\" ] }"}},', // 2
      '  {', // 3
      '    "key": "A-2",', // 4
      '    "fields": {"issues": [{"not": "an issue"}]}', // 5
      '  }', // 6
      '], "names": {}}', // 7
    ].join('\r\n');
    expect(scanIssueLines(text)).toEqual({ issues: [{ first: 2, last: 2 }, { first: 3, last: 6 }], rootItems: [] });
  });

  it('finds the issues of every page of an array of pages', () => {
    const text = '[\n {"issues": [\n  {"key": "A-1"}\n ]},\n {"issues": [{"key": "A-2"},\n {"key": "A-3"}]}\n]';
    const lines = scanIssueLines(text);
    expect(lines.issues).toEqual([{ first: 3, last: 3 }, { first: 5, last: 5 }, { first: 6, last: 6 }]);
    expect(lines.rootItems).toEqual([{ first: 2, last: 4 }, { first: 5, last: 6 }]);
  });
});

describe('firstJsonError', () => {
  it('finds nothing wrong with JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"']) expect(firstJsonError(text), text).toBeUndefined();
  });

  it('points at the first character that cannot continue the text', () => {
    expect(firstJsonError('[1,]')).toBe(3);
    expect(firstJsonError('{"a" 1}')).toBe(5);
    expect(firstJsonError('{"a": tru}')).toBe(9);
    expect(firstJsonError('["open')).toBe(6);
    expect(firstJsonError('{} x')).toBe(3);
    expect(firstJsonError('[01]')).toBe(2);
  });
});

describe('fieldValues', () => {
  const fields = {
    components: [{ name: 'Email' }, { name: 'VPN' }],
    customfield_10002: [{ id: 1, name: 'Finance' }],
    customfield_10010: { requestType: { name: 'Get IT help' } },
    labels: ['outage', 'vip'],
  };
  const names = { customfield_10002: 'Organizations', customfield_10010: 'Customer Request Type' };

  it('reads a field by its CSV column name, its id, or its display name', () => {
    expect(fieldValues(fields, 'Component/s', names)).toEqual(['Email', 'VPN']);
    expect(fieldValues(fields, 'components', names)).toEqual(['Email', 'VPN']);
    expect(fieldValues(fields, 'Organizations', names)).toEqual(['Finance']);
    expect(fieldValues(fields, 'Custom field (Organizations)', names)).toEqual(['Finance']);
    expect(fieldValues(fields, 'customfield_10010', undefined)).toEqual(['Get IT help']);
    expect(fieldValues(fields, 'Labels', names)).toEqual(['outage', 'vip']);
  });

  it('gives nothing for a field the issue does not have', () => {
    expect(fieldValues(fields, 'Organizations', undefined)).toEqual([]);
    expect(fieldValues(fields, 'Team', names)).toEqual([]);
  });
});

describe('jiraJsonItems on a search result with changelogs', async () => {
  const notices: string[] = [];
  const result = await collect(jiraJsonItems(readFileSync(FIXTURE, 'utf8'), plan(notices).json));
  const ticket = (id: string) => result.tickets.find((t) => t.id === id);

  it('rebuilds the timeline from status and priority transitions, the opening priority from the first change', () => {
    expect(ticket('ITSD-101')).toEqual({
      id: 'ITSD-101',
      type: 'incident',
      service: 'email',
      consumer: 'finance',
      priority: 'P2',
      title: 'Outlook cannot connect',
      opened: '2026-10-05T12:02:11Z',
      // The fixture's issues have no assignee; Jira has no group unless a mapping names the field.
      assignmentFields: ['assignee'],
      timeline: [
        { at: '2026-10-05T12:09:30Z', status: 'in-progress', actor: 'Jo Alvarez' },
        { at: '2026-10-05T12:30:00Z', priority: 'P1', actor: 'Jo Alvarez' },
        { at: '2026-10-05T13:10:00Z', status: 'awaiting-customer', actor: 'Jo Alvarez' },
        { at: '2026-10-05T14:45:00Z', status: 'in-progress', actor: 'Pat Customer' },
        { at: '2026-10-05T15:20:00Z', status: 'resolved', actor: 'Jo Alvarez' },
      ],
      lines: { first: 321, last: 464, count: 1 },
      labels: { 'itsm/source': 'jira' },
    });
  });

  it('does not record an opening status that is the agent\'s turn ("Waiting for support"): the ticket starts new', () => {
    expect(ticket('ITSD-102')).toMatchObject({ type: 'request', service: 'vpn', priority: 'P3', opened: '2026-10-06T13:15:00Z', timeline: [] });
    expect(ticket('ITSD-102')!.consumer).toBeUndefined();
  });

  it('orders the histories, moves a change before the creation to it, and leaves out an unknown status', () => {
    expect(ticket('ITSD-103')).toMatchObject({
      type: 'problem',
      service: 'printing',
      priority: 'P4',
      title: 'Printers drop off the network {weekly}',
      opened: '2026-10-07T10:00:00Z',
      timeline: [
        { at: '2026-10-07T10:00:00Z', priority: 'P3', actor: 'Sam Lee' },
        { at: '2026-10-07T11:00:00Z', status: 'in-progress', actor: 'Sam Lee' },
        { at: '2026-10-08T09:00:00Z', priority: 'P2', actor: 'Sam Lee' },
      ],
    });
  });

  it('uses the resolution date when an issue comes without a changelog, and the first mapped component', () => {
    expect(ticket('ITSD-106')).toMatchObject({
      service: 'workplace',
      priority: 'P4',
      opened: '2026-10-08T07:00:00Z',
      timeline: [{ at: '2026-10-08T15:30:00Z', status: 'resolved' }],
    });
    expect(notices).toEqual([
      '1 issue(s) came without a changelog (fetch them with expand=changelog): their timelines hold only the resolution and the current status',
    ]);
  });

  it('completes a changelog the API cut short with the resolution date, and says it was cut', () => {
    expect(ticket('ITSD-107')).toMatchObject({
      type: 'change',
      priority: 'P3',
      timeline: [
        { at: '2026-10-10T09:00:00Z', status: 'in-progress', actor: 'Ops Bot' },
        { at: '2026-10-12T08:00:00Z', status: 'resolved' },
      ],
    });
  });

  it('reports every problem with the line on which its issue starts', () => {
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped, p.ticket])).toEqual([
      [10, 'duplicate-row', true, 'ITSD-101'],
      [113, 'unknown-state', false, 'ITSD-103'],
      [113, 'out-of-order', false, 'ITSD-103'],
      [225, 'invalid-ticket', true, 'ITSD-104'],
      [260, 'unparseable-date', true, 'ITSD-105'],
      [295, 'missing-field', true, undefined],
      [501, 'missing-field', false, 'ITSD-107'],
    ]);
    expect(result.problems[0]!.message).toBe('issue ITSD-101 appears again; the copy updated last (line 321) is imported');
    expect(result.problems[3]!.message).toBe(
      'issue type "Bug" is not mapped to incident, request, problem or change and the mapping has no fallback type; the ticket is skipped',
    );
    expect(result.problems[6]!.message).toContain('the changelog holds 1 of 150 entries');
  });

  it('accounts for every issue', () => {
    expect(result.tickets.map((t) => t.id)).toEqual(['ITSD-102', 'ITSD-103', 'ITSD-101', 'ITSD-106', 'ITSD-107']);
    expect(result.rows).toBe(9);
    expect(rowsAccountedFor(result)).toBe(9);
  });
});

describe('jiraJsonItems on other inputs', () => {
  const issue = (key: string, extra: Record<string, unknown> = {}) => ({
    key,
    fields: { issuetype: { name: 'Incident' }, summary: `Issue ${key}`, created: '2026-10-05T10:00:00.000+0000', status: { name: 'Open' }, priority: { name: 'Low' }, ...extra },
    changelog: { histories: [] },
  });

  it('reads a byte order mark and an array of pages', async () => {
    const text = `\uFEFF${JSON.stringify([{ issues: [issue('A-1')] }, { issues: [issue('A-2')] }], null, 1)}`;
    const result = await collect(jiraJsonItems(text, plan().json));
    expect(result.tickets.map((t) => [t.id, t.service, t.lines.first])).toEqual([
      ['A-1', 'service-desk', 4],
      ['A-2', 'service-desk', 27],
    ]);
  });

  it('records an opening status that is already waiting or resolved at the opening', async () => {
    const text = JSON.stringify({ issues: [issue('A-1', { status: { name: 'Resolved' } })] });
    const result = await collect(jiraJsonItems(text, plan().json));
    expect(result.tickets[0]!.timeline).toEqual([{ at: '2026-10-05T10:00:00Z', status: 'resolved' }]);
  });

  it('uses the key as the title of an issue without a summary, and says so', async () => {
    const result = await collect(jiraJsonItems(JSON.stringify({ issues: [issue('A-1', { summary: '  ' })] }), plan().json));
    expect(result.tickets[0]!.title).toBe('A-1');
    expect(result.problems).toEqual([{ line: 1, kind: 'missing-field', skipped: false, ticket: 'A-1', message: 'the issue has no summary; its key is used as the title' }]);
  });

  it('skips an issue whose service is not mapped when there is no fallback', async () => {
    const result = await collect(jiraJsonItems(JSON.stringify({ issues: [issue('A-1', { components: [{ name: 'Plotters' }] })] }), plan([], {}).json));
    expect(result.tickets).toEqual([]);
    expect(result.problems[0]).toMatchObject({ kind: 'invalid-ticket', skipped: true, message: 'Component/s "Plotters" names no mapped service and the mapping has no fallback service; the ticket is skipped' });
  });

  it('refuses text that is not JSON with its line and column, and JSON that is not a search result', () => {
    expect(() => [...jiraJsonItems('{\n  "issues": [,]\n}', plan().json)]).toThrow(DataError);
    expect(() => [...jiraJsonItems('{\n  "issues": [,]\n}', plan().json)]).toThrow(/^2:14: not valid JSON: Unexpected token ','$/);
    expect(() => [...jiraJsonItems('{"values": []}', plan().json)]).toThrow(/an object with an "issues" array/);
  });
});
