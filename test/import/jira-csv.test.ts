import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import type { JiraMappingFile } from '../../src/import/csv-mapped-schema.js';
import { parseCsv, readCsvFile, type CsvRecord } from '../../src/import/csv-stream.js';
import { detectJiraFormat, JIRA_CSV_NOTICE, jiraCsv, normaliseJiraDate, planJira } from '../../src/import/jira.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { collect, inlineMapping, rowsAccountedFor, testContext } from './csv-mapped-helpers.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/import/jira/export.csv');

/** The fixture's export was made by a user in Berlin; it uses one priority that Jira does not have by default. */
const MAPPING: JiraMappingFile = {
  timeZone: 'Europe/Berlin',
  priorities: { Urgent: 'P1' },
  service: { values: { Email: 'email', VPN: 'vpn', Printing: 'printing' }, fallback: 'service-desk' },
  consumer: { column: 'Organizations', values: { Finance: 'finance', Sales: 'sales' } },
};

function plan(notices: string[] = [], mapping: JiraMappingFile = MAPPING) {
  return planJira(inlineMapping(mapping), { ...testContext(), notice: (m) => notices.push(m) });
}

async function* records(text: string): AsyncGenerator<CsvRecord> {
  yield* parseCsv(text);
}

describe('Jira CSV dates and format detection', () => {
  it('turns the month name and the two-digit year of Jira\'s default format into numbers', () => {
    expect(normaliseJiraDate('05/Oct/26 2:02 PM')).toBe('05/10/2026 2:02 PM');
    expect(normaliseJiraDate('5/sept/2026 14:02')).toBe('5/9/2026 14:02');
    expect(normaliseJiraDate('2026-10-05 14:02')).toBe('2026-10-05 14:02');
    expect(normaliseJiraDate('05/Okt/26 2:02 PM')).toBe('05/Okt/26 2:02 PM');
  });

  it('tells the JSON of the API from a CSV export by the first character', () => {
    expect(detectJiraFormat('\uFEFF\n  {"expand": "names"')).toBe('json');
    expect(detectJiraFormat('[{"issues": []}]')).toBe('json');
    expect(detectJiraFormat('\uFEFFSummary,Issue key')).toBe('csv');
    expect(detectJiraFormat('')).toBe('csv');
  });
});

describe('the Jira CSV export', async () => {
  const notices: string[] = [];
  const result = await collect(jiraCsv(readCsvFile(FIXTURE), plan(notices)));
  const ticket = (id: string) => result.tickets.find((t) => t.id === id);

  it('reads a row through Jira\'s columns, in the mapping\'s zone, with the resolution as the timeline', () => {
    expect(ticket('ITSD-201')).toEqual({
      id: 'ITSD-201',
      type: 'incident',
      service: 'email',
      consumer: 'finance',
      priority: 'P2',
      title: 'Outlook cannot connect',
      opened: '2026-10-05T12:02:00Z',
      // The CSV export has the assignee now, taken as the ticket's from its opening.
      assignee: 'Jo Alvarez',
      assignmentFields: ['assignee'],
      timeline: [{ at: '2026-10-05T15:20:00Z', status: 'resolved' }],
      lines: { first: 2, last: 2, count: 1 },
      labels: { 'itsm/source': 'jira' },
    });
  });

  it('dates the current status by "Status Category Changed", reads a quoted summary on two lines as one line', () => {
    expect(ticket('ITSD-202')).toMatchObject({
      type: 'request',
      service: 'printing',
      consumer: 'sales',
      priority: 'P3',
      title: 'Printer on the 2nd floor, "jams" every morning',
      opened: '2026-10-06T07:05:00Z',
      timeline: [{ at: '2026-10-06T08:00:00Z', status: 'in-progress' }],
      lines: { first: 3, last: 3, count: 1 },
    });
  });

  it('keeps a ticket whose status is unknown, without that status', () => {
    expect(ticket('ITSD-203')).toMatchObject({ service: 'workplace', priority: 'P4', opened: '2026-10-07T09:30:00Z', timeline: [], lines: { first: 6 } });
  });

  it('records a declined request as cancelled at its resolution, with the fallback service and a consumer named by id', () => {
    expect(ticket('ITSD-205')).toMatchObject({
      type: 'request',
      service: 'service-desk',
      consumer: 'hr',
      priority: 'P4',
      opened: '2026-10-08T06:00:00Z',
      timeline: [{ at: '2026-10-08T07:00:00Z', status: 'cancelled' }],
    });
  });

  it('moves a resolution dated before the creation to the creation', () => {
    expect(ticket('ITSD-206')).toMatchObject({ priority: 'P1', opened: '2026-10-09T11:00:00Z', timeline: [{ at: '2026-10-09T11:00:00Z', status: 'resolved' }] });
  });

  it('uses the key as the title when the summary is empty, and reads times after the end of summer time', () => {
    expect(ticket('ITSD-208')).toMatchObject({ type: 'problem', title: 'ITSD-208', priority: 'P1', timeline: [{ at: '2026-10-13T06:30:00Z', status: 'in-progress' }] });
    expect(ticket('ITSD-209')).toMatchObject({ opened: '2026-10-26T08:00:00Z', timeline: [{ at: '2026-10-26T09:00:00Z', status: 'resolved' }] });
  });

  it('reports each problem at its line and accounts for every row', () => {
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped, p.ticket])).toEqual([
      [6, 'unknown-state', false, 'ITSD-203'],
      [7, 'unparseable-date', true, 'ITSD-204'],
      [8, 'duplicate-row', true, 'ITSD-201'],
      [10, 'out-of-order', false, 'ITSD-206'],
      [11, 'missing-field', true, undefined],
      [12, 'missing-field', false, 'ITSD-208'],
    ]);
    expect(result.problems[1]!.message).toBe(
      'Created: "2026-10-07 25:00" is not a date in the formats "D/M/YYYY h:mm A", "D/M/YYYY H:mm", "YYYY-MM-DD HH:mm", "YYYY-MM-DD HH:mm:ss"; the ticket is skipped',
    );
    expect(result.problems[2]!.message).toBe('ticket ITSD-201 appears again, an identical copy of line 2; the first row is imported');
    expect(result.rows).toBe(10);
    expect(rowsAccountedFor(result)).toBe(10);
  });

  it('says that the export has no history', () => {
    expect(notices).toEqual([JIRA_CSV_NOTICE]);
  });
});

describe('Jira CSV exports of other shapes', () => {
  it('does without the columns a Jira Server export or a project without components lacks', async () => {
    const text = 'Issue key,Summary,Issue Type,Created\nSD-1,Printer,Incident,05/Oct/26 9:00 AM\n';
    const result = await collect(jiraCsv(records(text), plan([], { defaults: { priority: 'P3' }, service: { fallback: 'service-desk' } })));
    expect(result.tickets).toMatchObject([{ id: 'SD-1', service: 'service-desk', priority: 'P3', opened: '2026-10-05T09:00:00Z', timeline: [] }]);
  });

  it('refuses a header without the issue key, naming the columns it has', async () => {
    const text = 'Key,Summary,Created\nSD-1,Printer,05/Oct/26 9:00 AM\n';
    await expect(collect(jiraCsv(records(text), plan([], {})))).rejects.toThrow(DataError);
    await expect(collect(jiraCsv(records(text), plan([], {})))).rejects.toThrow('the header has no column "Issue key" (columns.id); it has "Key", "Summary", "Created"');
  });

  it('requires a service column that a mapping file names', async () => {
    const text = 'Issue key,Summary,Created\nSD-1,Printer,05/Oct/26 9:00 AM\n';
    await expect(collect(jiraCsv(records(text), plan([], { service: { column: 'Team' } })))).rejects.toThrow('"Team" (columns.service)');
  });
});
