/**
 * CSV fields and records, as every CSV output of itsm writes them (sla report and status, chargeback and its FOCUS
 * dataset, export tickets).
 *
 * - Quoting follows RFC 4180 §2 with the delimiter in place of the comma: a field containing the delimiter, a double
 *   quote, CR or LF is enclosed in double quotes and its quotes are doubled. Everything else is written bare.
 * - The delimiter is a comma unless asked otherwise (`--delimiter`): Excel opens a CSV file with the list separator
 *   of the user's locale, which is `;` wherever the decimal separator is a comma (German, French, Dutch, …), so that
 *   a comma-separated file opens there as one column. Tab and `|` are for tools that prefer them.
 * - `null` is an empty field; booleans are `true` / `false`; numbers are written as JSON writes them (`90.5`), with
 *   a decimal point whatever the delimiter.
 * - Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and
 *   some also tab or CR) as a formula. Free text that people type (a title, a name) is prefixed with `'` when it
 *   begins with one of them. Numbers are never prefixed (`-12` must stay a number) and identifiers cannot begin
 *   with those characters (the schema's `Id` pattern starts with a letter or digit).
 */

/** The delimiters `--delimiter` accepts, by the name the user types. */
export const CSV_DELIMITERS = { ',': ',', ';': ';', '|': '|', tab: '\t' } as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[keyof typeof CSV_DELIMITERS];

export interface CsvOptions {
  /** Between fields; default ",". */
  delimiter?: CsvDelimiter;
}

export type CsvValue = string | number | boolean | null;

const FORMULA_START_RE = /^[=+\-@\t\r]/;
const NEEDS_QUOTES: Record<CsvDelimiter, RegExp> = {
  ',': /[",\r\n]/,
  ';': /[";\r\n]/,
  '|': /["|\r\n]/,
  '\t': /["\t\r\n]/,
};

/** One CSV field: the injection guard for free text (`text`), then quoting for the delimiter. */
export function csvField(value: CsvValue, text = false, delimiter: CsvDelimiter = ','): string {
  if (value === null) return '';
  let s = String(value);
  if (text && FORMULA_START_RE.test(s)) s = `'${s}`;
  return NEEDS_QUOTES[delimiter].test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, ended by "\n"; `text[i]` says whether field i is free text (and so gets the injection guard). */
export function csvRecord(values: readonly CsvValue[], text: readonly boolean[], delimiter: CsvDelimiter = ','): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    line += csvField(values[i]!, text[i] === true, delimiter);
  }
  return `${line}\n`;
}

/** The header record: column names, quoted like any field. */
export function csvHeader(columns: readonly string[], delimiter: CsvDelimiter = ','): string {
  return csvRecord(columns, [], delimiter);
}
