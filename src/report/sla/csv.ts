import { reportClocks, type ClockRow, type SlaReport } from '../../sla/report.js';
import type { SlaStatus } from '../../sla/status.js';
import { csvHeader, csvRecord, type CsvOptions, type CsvValue } from '../csv.js';

export { csvField } from '../csv.js';

/**
 * CSV: one row per clock, for spreadsheets and BI tools, written as src/report/csv.ts says (RFC 4180 quoting for the
 * delimiter, "\n" after every record, null as an empty field, the formula-injection guard on the title, the only free
 * text a ticket's reporter typed).
 *
 * Records end with "\n", not RFC 4180's CRLF: every spreadsheet and CSV library reads LF, it is what the rest of the
 * CLI prints, and a file written on Windows by `--out` keeps the same bytes as one piped on Linux.
 */
export const CLOCK_CSV_COLUMNS = [
  'ticket',
  'title',
  'type',
  'service',
  'consumer',
  'sla',
  'metric',
  'priority',
  'state',
  'warning',
  'target',
  'targetMinutes',
  'elapsedMinutes',
  'pausedMinutes',
  'usedPercent',
  'startedAt',
  'stoppedAt',
  'breachedAt',
  'dueAt',
  'cycles',
  'anyCycleBreached',
  'counted',
] as const satisfies readonly (keyof ClockRow)[];

/**
 * Which agreement measured each clock and why (docs/sla.md, "Which agreements measure a ticket"), and its group: after
 * every earlier column, so that a sheet that reads the columns by position keeps reading what it read.
 */
export const AGREEMENT_CSV_COLUMNS = ['slaVersion', 'selectedBy', 'calendar', 'calendarBy', 'assignmentGroup'] as const satisfies readonly (keyof ClockRow)[];

/** Columns whose values are free text a user typed, and so get the formula-injection guard. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['title']);

function csv(columns: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvOptions): string {
  const text = columns.map((c) => TEXT_COLUMNS.has(c));
  let out = csvHeader(columns, options.delimiter);
  for (const row of rows) out += csvRecord(row, text, options.delimiter);
  return out;
}

function clockFields(row: ClockRow): CsvValue[] {
  return CLOCK_CSV_COLUMNS.map((column) => row[column]);
}

function agreementFields(row: ClockRow): CsvValue[] {
  return AGREEMENT_CSV_COLUMNS.map((column) => row[column]);
}

/** `sla report --format csv`: every clock of the report's `tickets` array, counted or not (see the `counted` column). */
export function formatSlaReportCsv(report: SlaReport, options: CsvOptions = {}): string {
  return [...slaReportCsvChunks(report, options)].join('');
}

/** Records written together: a few hundred KB of text. */
const RECORDS_PER_PIECE = 2000;

/**
 * `sla report --format csv` in pieces, the same bytes as `formatSlaReportCsv`: each clock's row is built when its record
 * is written (`reportClocks`), so that neither the rows nor the whole text of a year of clocks sit in memory at once.
 */
export function* slaReportCsvChunks(report: SlaReport, options: CsvOptions = {}): Generator<string, void, undefined> {
  const columns = [...CLOCK_CSV_COLUMNS, ...AGREEMENT_CSV_COLUMNS];
  const text = columns.map((c) => TEXT_COLUMNS.has(c));
  let out = csvHeader(columns, options.delimiter);
  let records = 0;
  for (const row of reportClocks(report)) {
    out += csvRecord([...clockFields(row), ...agreementFields(row)], text, options.delimiter);
    if (++records === RECORDS_PER_PIECE) {
      yield out;
      out = '';
      records = 0;
    }
  }
  if (out !== '') yield out;
}

/**
 * `sla status --format csv`: the open clocks, most urgent first, with the business minutes left (negative when
 * overdue). Its columns are kept as they were first published, so that sheets and scripts built on them keep
 * working: whether a clock is paused now and the ticket's status now are in the JSON (`paused`, `currentStatus`).
 */
export function formatSlaStatusCsv(status: SlaStatus, options: CsvOptions = {}): string {
  return csv(
    [...CLOCK_CSV_COLUMNS, 'leftMinutes', ...AGREEMENT_CSV_COLUMNS],
    status.clocks.map((c) => [...clockFields(c), c.leftMinutes, ...agreementFields(c)]),
    options,
  );
}
