import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mappedCsvItems, planMappedCsv } from '../../src/import/csv-mapped.js';
import type { CsvMappingFile } from '../../src/import/csv-mapped-schema.js';
import { parseCsv, type CsvRecord } from '../../src/import/csv-stream.js';
import type { ImportedTicket } from '../../src/import/types.js';
import { collect, inlineMapping, rowsAccountedFor, testContext } from './csv-mapped-helpers.js';

/**
 * Whatever an export holds — rows in any order, copies, unknown values, bad dates, empty cells — every row is
 * accounted for (imported or skipped with a reason), and every ticket's timeline is one the format accepts: in time
 * order, never before the opening, each event changing something.
 */

const MAPPING: CsvMappingFile = {
  columns: { id: 'id', title: 'title', opened: 'opened', updated: 'at', status: 'status', priority: 'priority' },
  statuses: { Open: 'new', Working: 'in-progress', Waiting: 'awaiting-customer', Done: 'resolved', Closed: 'closed' },
  priorities: { High: 'P2', Low: 'P4' },
  service: { column: 'service', values: { Mail: 'email' } },
};

const cell = (values: readonly string[]) => fc.constantFrom(...values);
const row = fc.record({
  id: cell(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', '', 'bad id']),
  title: cell(['Printer', '', 'Line\nbreak', 'Comma, "quoted"']),
  opened: cell(['2026-10-05 09:00', '2026-10-05 10:00', '', 'yesterday']),
  at: fc.oneof(fc.integer({ min: 0, max: 23 }).map((h) => `2026-10-05 ${String(h).padStart(2, '0')}:00`), cell(['', 'never', '2026-02-30 10:00'])),
  status: cell(['Open', 'Working', 'Waiting', 'Done', 'Closed', 'Frozen', '']),
  // Valid values more often than broken ones, so that many tickets are imported as well as skipped.
  priority: cell(['High', 'Low', 'High', 'Low', 'Urgent', '']),
  service: cell(['Mail', 'vpn', 'Mail', 'vpn', 'Plotters', '']),
});

function csvOf(rows: ReadonlyArray<Record<string, string>>, layout: 'updates' | 'tickets'): string {
  const columns = layout === 'updates' ? ['id', 'title', 'opened', 'at', 'status', 'priority', 'service'] : ['id', 'title', 'opened', 'status', 'priority', 'service'];
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n');
}

async function* records(text: string): AsyncGenerator<CsvRecord> {
  yield* parseCsv(text);
}

function checkTimeline(ticket: ImportedTicket): void {
  let previous = Date.parse(ticket.opened);
  let status = 'new';
  let priority = ticket.priority;
  for (const event of ticket.timeline) {
    const at = Date.parse(event.at);
    expect(at).toBeGreaterThanOrEqual(previous);
    previous = at;
    expect(event.status !== undefined || event.priority !== undefined).toBe(true);
    if (event.status !== undefined) {
      expect(event.status).not.toBe(status);
      status = event.status;
    }
    if (event.priority !== undefined) {
      expect(event.priority).not.toBe(priority);
      priority = event.priority;
    }
  }
}

describe('mapped CSV on any rows', () => {
  for (const layout of ['updates', 'tickets'] as const) {
    it(`accounts for every row and writes valid timelines (one row per ${layout === 'updates' ? 'update' : 'ticket'})`, async () => {
      const mapping = layout === 'updates' ? MAPPING : { ...MAPPING, columns: { ...MAPPING.columns, updated: undefined } };
      const plan = planMappedCsv(inlineMapping(mapping), testContext());
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(row, { maxLength: 30 }), async (rows) => {
          const result = await collect(mappedCsvItems(records(csvOf(rows, layout)), plan));
          expect(result.rows).toBe(rows.length);
          expect(rowsAccountedFor(result)).toBe(rows.length);
          expect(new Set(result.tickets.map((t) => t.id)).size).toBe(result.tickets.length);
          imported += result.tickets.length;
          for (const ticket of result.tickets) {
            checkTimeline(ticket);
            expect(ticket.title).not.toMatch(/[\r\n]/);
          }
        }),
        { numRuns: 300 },
      );
      // The property is about imported tickets too, not only about rows that were all skipped.
      expect(imported).toBeGreaterThan(50);
    });
  }
});
