import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { HISTORY_NOTICE, mappedCsvItems, planMappedCsv, readMappedCsv } from '../../src/import/csv-mapped.js';
import { CsvMappingFile } from '../../src/import/csv-mapped-schema.js';
import { CsvParser, parseCsv, type CsvRecord } from '../../src/import/csv-stream.js';
import { readMappingFile } from '../../src/import/mapping-file.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { collect, inlineMapping, rowsAccountedFor, testContext } from './csv-mapped-helpers.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import/csv');

function readFixture(folder: string, csv: string, notices: string[] = []) {
  const mappingFile = readMappingFile(join(FIXTURES, folder, 'mapping.yaml'), CsvMappingFile);
  return collect(readMappedCsv({ ...testContext(), file: join(FIXTURES, folder, csv), mappingFile, notice: (m) => notices.push(m) }));
}

async function* records(text: string, delimiter = ','): AsyncGenerator<CsvRecord> {
  yield* parseCsv(text, { delimiter });
}

describe('one row per ticket: helpdesk-tickets (semicolons, BOM, CRLF, day-first 12-hour dates in Berlin)', async () => {
  const notices: string[] = [];
  const result = await readFixture('helpdesk-tickets', 'tickets.csv', notices);
  const ticket = (id: string) => result.tickets.find((t) => t.id === id);

  it('maps every column and writes the resolution and closure as the timeline', () => {
    expect(ticket('T-1001')).toEqual({
      id: 'T-1001',
      type: 'incident',
      service: 'printing',
      consumer: 'finance',
      priority: 'P2',
      title: 'Drucker druckt nicht',
      opened: '2026-10-05T07:05:00Z',
      timeline: [
        { at: '2026-10-05T09:30:00Z', status: 'resolved' },
        { at: '2026-10-07T07:00:00Z', status: 'closed' },
      ],
      lines: { first: 2, last: 2, count: 1 },
      labels: { 'itsm/source': 'csv' },
    });
  });

  it('leaves an open ticket in "new" when no column dates its status, and joins a title on two lines', () => {
    expect(ticket('T-1002')).toMatchObject({ type: 'request', service: 'workplace', consumer: 'hr', priority: 'P3', title: 'Neues Notebook für Frau Weber', opened: '2026-10-06T11:15:00Z', timeline: [] });
  });

  it('tries the second date format, and takes a service named by its id without a table entry', () => {
    expect(ticket('T-1003')).toMatchObject({ service: 'vpn', priority: 'P4', opened: '2026-10-07T12:40:00Z', timeline: [], lines: { first: 5 } });
    expect(ticket('T-1003')!.consumer).toBeUndefined();
  });

  it('writes a cancelled ticket as cancelled at its resolution date', () => {
    expect(ticket('T-1008')!.timeline).toEqual([{ at: '2026-10-12T14:00:00Z', status: 'cancelled' }]);
  });

  it('moves a closure dated before the resolution to the resolution', () => {
    expect(ticket('T-1009')!.timeline).toEqual([
      { at: '2026-10-13T08:00:00Z', status: 'resolved' },
      { at: '2026-10-13T08:00:00Z', status: 'closed' },
    ]);
  });

  it('reports unknown values, bad dates, duplicates and missing values with their lines', () => {
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped, p.ticket, p.message])).toEqual([
      [7, 'unknown-state', false, 'T-1004', 'Status "Eskaliert" is not mapped to a status; it is left out of the timeline'],
      [8, 'unparseable-date', true, 'T-1005', 'Erstellt: "31/9/2026 8:00 AM" is not a date in the formats "D/M/YYYY h:mm A", "D.M.YYYY H:mm"; the ticket is skipped'],
      [9, 'duplicate-row', true, 'T-1001', 'ticket T-1001 appears again, an identical copy of line 2; the first row is imported'],
      [10, 'missing-field', true, 'T-1006', 'Priorität is empty and the mapping has no fallback priority; the ticket is skipped'],
      [11, 'invalid-ticket', true, 'T-1007', 'Art "Wunsch" is not mapped to incident, request, problem or change and the mapping has no fallback type; the ticket is skipped'],
      [13, 'out-of-order', false, 'T-1009', 'closed 2026-10-13T07:00:00Z is before it was resolved (2026-10-13T08:00:00Z); moved to 2026-10-13T08:00:00Z'],
    ]);
  });

  it('accounts for every row and says that the export has no history', () => {
    expect(result.tickets.map((t) => t.id)).toEqual(['T-1001', 'T-1002', 'T-1003', 'T-1004', 'T-1008', 'T-1009']);
    expect(result.rows).toBe(10);
    expect(rowsAccountedFor(result)).toBe(10);
    expect(notices).toEqual([HISTORY_NOTICE]);
  });
});

describe('one row per update: audit-log (out of order, duplicated, São Paulo time)', async () => {
  const notices: string[] = [];
  const result = await readFixture('audit-log', 'updates.csv', notices);
  const ticket = (id: string) => result.tickets.find((t) => t.id === id);

  it('orders the updates and keeps only the changes, with who made them', () => {
    expect(ticket('INC100')).toEqual({
      id: 'INC100',
      type: 'incident',
      service: 'email',
      consumer: 'finance',
      priority: 'P3',
      title: 'Email bounces',
      opened: '2026-10-05T12:00:00Z',
      timeline: [
        { at: '2026-10-05T12:20:00Z', status: 'in-progress', actor: 'bruno' },
        { at: '2026-10-05T13:00:00Z', status: 'awaiting-customer', priority: 'P2', actor: 'bruno' },
        { at: '2026-10-05T14:00:00Z', status: 'in-progress', actor: 'bruno' },
        { at: '2026-10-05T15:00:00Z', status: 'resolved', actor: 'bruno' },
      ],
      lines: { first: 2, last: 7, count: 5 },
      labels: { 'itsm/source': 'csv' },
    });
  });

  it('leaves out an unknown status and a later unknown priority, and skips a row with no readable time', () => {
    expect(ticket('INC101')).toMatchObject({
      service: 'vpn',
      consumer: 'sales',
      priority: 'P2',
      title: 'VPN, again',
      opened: '2026-10-05T13:00:00Z',
      timeline: [{ at: '2026-10-05T13:45:00Z', status: 'in-progress', actor: 'carla' }],
      lines: { first: 4, last: 10, count: 3 },
    });
  });

  it('moves an update made before the opening to the opening', () => {
    expect(ticket('INC103')).toMatchObject({ priority: 'P1', title: 'Mail "outage"', timeline: [{ at: '2026-10-06T11:00:00Z', status: 'in-progress', actor: 'dora' }] });
  });

  it('skips a ticket whose service is not mapped with all its rows, and accounts for every row', () => {
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped, p.rows])).toEqual([
      [7, 'out-of-order', false, undefined],
      [8, 'duplicate-row', true, undefined],
      [9, 'unknown-state', false, undefined],
      [11, 'unparseable-date', true, undefined],
      [10, 'unknown-priority', false, undefined],
      [13, 'invalid-ticket', true, 2],
      [15, 'out-of-order', false, undefined],
    ]);
    expect(result.problems.find((p) => p.line === 13)!.message).toBe(
      'category "Plotters" names no mapped service and the mapping has no fallback service; the ticket is skipped (its 2 rows are skipped)',
    );
    expect(result.rows).toBe(13);
    expect(rowsAccountedFor(result)).toBe(13);
    expect(notices).toEqual([]);
  });
});

describe('mapped CSV edge cases', () => {
  const mapping = (extra: Partial<CsvMappingFile> = {}) =>
    planMappedCsv(
      inlineMapping<CsvMappingFile>({
        columns: { id: 'id', title: 'title', opened: 'opened', priority: 'priority', status: 'status', statusSince: 'since' },
        service: { fallback: 'service-desk' },
        ...extra,
      }),
      testContext(),
    );

  it('takes values that are already the repository\'s ids (by case and by slug) and ISO dates by default', async () => {
    const text = 'id,title,opened,priority,status,since\nX-1,Disk full,2026-10-05 09:00,p2,In Progress,2026-10-05T09:30:00Z\n';
    const result = await collect(mappedCsvItems(records(text), mapping()));
    expect(result.tickets).toMatchObject([
      { id: 'X-1', type: 'incident', service: 'service-desk', priority: 'P2', opened: '2026-10-05T09:00:00Z', timeline: [{ at: '2026-10-05T09:30:00Z', status: 'in-progress' }] },
    ]);
  });

  it('uses defaults.priority for an empty or unknown cell, and reads the zone of --time-zone over the mapping', async () => {
    const text = 'id,title,opened,priority,status,since\nX-1,A,2026-10-05 09:00,,new,\nX-2,B,2026-10-05 09:00,Urgent,new,\n';
    const plan = planMappedCsv(
      inlineMapping<CsvMappingFile>({ columns: { id: 'id', title: 'title', opened: 'opened', priority: 'priority' }, service: { fallback: 'service-desk' }, timeZone: 'Asia/Tokyo', defaults: { priority: 'P4' } }),
      testContext({ timeZoneOverride: 'America/New_York' }),
    );
    const result = await collect(mappedCsvItems(records(text), plan));
    expect(result.tickets.map((t) => [t.id, t.priority, t.opened])).toEqual([
      ['X-1', 'P4', '2026-10-05T13:00:00Z'],
      ['X-2', 'P4', '2026-10-05T13:00:00Z'],
    ]);
  });

  it('reads a time the clocks skipped or repeated, and reports it as a correction', async () => {
    const text = 'id,title,opened,priority\nX-1,Spring,2026-03-29 02:30,P3\nX-2,Autumn,2026-10-25 02:30,P3\n';
    const plan = planMappedCsv(
      inlineMapping<CsvMappingFile>({ columns: { id: 'id', title: 'title', opened: 'opened', priority: 'priority' }, service: { fallback: 'service-desk' }, timeZone: 'Europe/Berlin' }),
      testContext(),
    );
    const result = await collect(mappedCsvItems(records(text), plan));
    expect(result.tickets.map((t) => t.opened)).toEqual(['2026-03-29T01:30:00Z', '2026-10-25T00:30:00Z']);
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped, p.message])).toEqual([
      [2, 'unparseable-date', false, 'opened: "2026-03-29 02:30" does not exist in Europe/Berlin (the clocks skipped it); read as 2026-03-29T01:30:00Z'],
      [3, 'unparseable-date', false, 'opened: "2026-10-25 02:30" happened twice in Europe/Berlin (the clocks went back); read as the first, 2026-10-25T00:30:00Z'],
    ]);
  });

  it('reports a row with a broken quote and a row without an id, and skips both', async () => {
    const text = 'id,title,opened,priority,status,since\n,No id,2026-10-05 09:00,P3,,\nX-2,"broken" here,2026-10-05 09:00,P3,,\n';
    const result = await collect(mappedCsvItems(records(text), mapping()));
    expect(result.tickets).toEqual([]);
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped])).toEqual([
      [2, 'missing-field', true],
      [3, 'invalid-ticket', true],
    ]);
    expect(rowsAccountedFor(result)).toBe(2);
  });

  it('reports a quote that is never closed with the lines it swallowed, and the lines of the file once read', async () => {
    // Line 3 opens a quote in its title that nothing closes: lines 3–5 are one row, skipped; line 2 is imported.
    const text = 'id,title,opened,priority,status,since\nX-1,Disk full,2026-10-05 09:00,P3,,\nX-2,"Printer,2026-10-05 09:00,P3,,\nX-3,VPN,2026-10-05 09:00,P3,,\nX-4,Mail,2026-10-05 09:00,P3,,\n';
    const parser = new CsvParser();
    async function* read(): AsyncGenerator<CsvRecord> {
      yield* parser.push(text);
      yield* parser.end();
    }
    const result = await collect(mappedCsvItems(read(), mapping(), () => parser.stats()));
    expect(result.tickets.map((t) => t.id)).toEqual(['X-1']);
    expect(result.problems).toEqual([
      {
        line: 3,
        lastLine: 5,
        ticket: 'X-2',
        kind: 'invalid-ticket',
        skipped: true,
        message:
          'the quote that opens column 2 on line 3 is not closed before the end of the file: the row starting on line 3 swallowed lines 3–5 (3 lines), ' +
          'which are skipped as this one row; fix that quote (a quote inside a field is written "") and import again',
      },
    ]);
    expect(result.rows).toBe(2);
    expect(rowsAccountedFor(result)).toBe(2);
    // 5 lines = 1 of header + 1 (row X-1) + 3 (the row of lines 3–5).
    expect(result.lines).toEqual({ total: 5, header: 1, rows: 4, blank: 0 });
  });

  it('files a ticket whose service value maps to nothing under --default-service, over the mapping file\'s fallback', async () => {
    const plan = planMappedCsv(
      inlineMapping<CsvMappingFile>({ columns: { id: 'id', title: 'title', opened: 'opened', priority: 'priority' }, service: { column: 'team', values: { Mail: 'email' }, fallback: 'vpn' } }),
      testContext({ serviceFallback: 'service-desk' }),
    );
    const text = 'id,title,opened,priority,team\nX-1,A,2026-10-05 09:00,P3,Mail\nX-2,B,2026-10-05 09:00,P3,Plotters\n';
    const result = await collect(mappedCsvItems(records(text), plan));
    expect(result.tickets.map((t) => [t.id, t.service])).toEqual([
      ['X-1', 'email'],
      ['X-2', 'service-desk'],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('marks the values that map to nothing on their problems, for the summary', async () => {
    const plan = planMappedCsv(
      inlineMapping<CsvMappingFile>({ columns: { id: 'id', title: 'title', opened: 'opened', priority: 'priority', status: 'status' }, service: { column: 'team' } }),
      testContext(),
    );
    const text = 'id,title,opened,priority,status,team\nX-1,A,2026-10-05 09:00,P3,Parked,Plotters\nX-2,B,2026-10-05 09:00,P3,new,\n';
    const result = await collect(mappedCsvItems(records(text), plan));
    expect(result.problems.map((p) => [p.line, p.kind, p.unmapped])).toEqual([
      [2, 'invalid-ticket', { field: 'service', column: 'team', value: 'Plotters' }],
      [2, 'unknown-state', { field: 'status', column: 'status', value: 'Parked' }],
      [3, 'invalid-ticket', { field: 'service', column: 'team', value: '' }],
    ]);
  });

  it('reports a second row of a ticket that differs from the first, and keeps the first', async () => {
    const text = 'id,title,opened,priority,status,since\nX-1,First,2026-10-05 09:00,P3,,\nX-1,Second,2026-10-05 09:00,P3,,\n';
    const result = await collect(mappedCsvItems(records(text), mapping()));
    expect(result.tickets.map((t) => t.title)).toEqual(['First']);
    expect(result.problems[0]!.message).toBe('ticket X-1 appears again, different from line 2; the first row is imported');
  });

  it('skips a ticket whose id cannot be an id', async () => {
    const text = 'id,title,opened,priority,status,since\nINC 1,Spaces,2026-10-05 09:00,P3,,\n';
    const result = await collect(mappedCsvItems(records(text), mapping()));
    expect(result.problems).toMatchObject([{ line: 2, kind: 'invalid-ticket', skipped: true, ticket: 'INC 1' }]);
  });

  it('refuses an empty file, and hints at the delimiter when the header is one column holding separators', async () => {
    await expect(collect(mappedCsvItems(records(''), mapping()))).rejects.toThrow(DataError);
    await expect(collect(mappedCsvItems(records('id;title;opened;priority;status;since\n'), mapping()))).rejects.toThrow(
      /it has "id;title;opened;priority;status;since" \(is "delimiter" in the mapping file right\?\)$/,
    );
  });
});
