import type { ClockRow, SlaReport } from '../../sla/report.js';
import type { SlaStatus } from '../../sla/status.js';

/**
 * CSV: one row per clock, for spreadsheets and BI tools.
 *
 * - Quoting follows RFC 4180 §2: a field containing a comma, a double quote, CR or LF is enclosed in double quotes and
 *   its quotes are doubled. Everything else is written bare.
 * - Records end with "\n", not RFC 4180's CRLF: every spreadsheet and CSV library reads LF, it is what the rest of
 *   the CLI prints, and a file written on Windows by `--out` keeps the same bytes as one piped on Linux.
 * - `null` is an empty field; booleans are `true` / `false`; numbers are written as JSON writes them (`90.5`).
 * - Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and
 *   some also tab or CR) as a formula. Free text typed by a ticket's reporter — the title — is prefixed with `'`
 *   when it begins with one of them. Numbers are never prefixed (`-12` must stay a number) and identifiers cannot
 *   begin with those characters (the schema's `Id` pattern starts with a letter or digit).
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

/** Columns whose values are free text a user typed, and so get the formula-injection guard. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['title']);

const FORMULA_START_RE = /^[=+\-@\t\r]/;
const NEEDS_QUOTES_RE = /[",\r\n]/;

type Field = string | number | boolean | null;

/** One CSV field: the injection guard for free text, then RFC 4180 quoting. */
export function csvField(value: Field, text = false): string {
  if (value === null) return '';
  let s = String(value);
  if (text && FORMULA_START_RE.test(s)) s = `'${s}`;
  return NEEDS_QUOTES_RE.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(columns: readonly string[], rows: readonly (readonly Field[])[]): string {
  const lines = [columns.map((c) => csvField(c)).join(',')];
  for (const row of rows) lines.push(row.map((value, i) => csvField(value, TEXT_COLUMNS.has(columns[i]!))).join(','));
  return `${lines.join('\n')}\n`;
}

function clockFields(row: ClockRow): Field[] {
  return CLOCK_CSV_COLUMNS.map((column) => row[column]);
}

/** `sla report --format csv`: every clock of the report's `tickets` array, counted or not (see the `counted` column). */
export function formatSlaReportCsv(report: SlaReport): string {
  return csv(CLOCK_CSV_COLUMNS, report.tickets.map(clockFields));
}

/** `sla status --format csv`: the open clocks, most urgent first, with the business minutes left (negative when overdue). */
export function formatSlaStatusCsv(status: SlaStatus): string {
  return csv(
    [...CLOCK_CSV_COLUMNS, 'leftMinutes'],
    status.clocks.map((c) => [...clockFields(c), c.leftMinutes]),
  );
}
