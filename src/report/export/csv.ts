import { EXPORT_COLUMNS, type TicketExportRow } from '../../export/tickets.js';
import { csvField, csvHeader, type CsvOptions } from '../csv.js';

/**
 * CSV of `itsm export tickets`, with the conventions of every CSV output (src/report/csv.ts): RFC 4180 §2 quoting
 * (a field with the delimiter, a double quote, CR or LF is quoted, its quotes doubled), a header row, records ended by "\n", null as an empty field, booleans `true`/`false`, numbers as JSON
 * writes them. The title and the assignee, the free text of a ticket, get the OWASP "CSV Injection" guard: a `'`
 * before a leading `=`, `+`, `-`, `@`, tab or CR. Identifiers cannot start with those (the `Id` pattern starts with a
 * letter or digit) and numbers must stay numbers, so nothing else is prefixed.
 */

/** Columns whose values are free text, and so get the formula-injection guard. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['title', 'assignee']);
const IS_TEXT = EXPORT_COLUMNS.map((c) => TEXT_COLUMNS.has(c));

/** The header row, ended by "\n". */
export function exportCsvHeader(options: CsvOptions = {}): string {
  return csvHeader(EXPORT_COLUMNS, options.delimiter);
}

/** One record, ended by "\n". A loop rather than csvRecord: this runs once per clock of years of tickets. */
export function exportCsvRow(row: TicketExportRow, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let line = '';
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(row[EXPORT_COLUMNS[i]!], IS_TEXT[i], delimiter);
  }
  return `${line}\n`;
}
