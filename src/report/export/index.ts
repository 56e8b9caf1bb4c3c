import type { TicketExportRow } from '../../export/tickets.js';
import type { CsvOptions } from '../csv.js';
import { exportCsvHeader, exportCsvRow } from './csv.js';
import { exportJsonlHeader, exportJsonlRow } from './jsonl.js';

export { exportCsvHeader, exportCsvRow, exportJsonlHeader, exportJsonlRow };
// The rows these formats write, so that the programmatic API (src/index.ts) takes the whole export from one module.
export { CLOCK_COLUMNS, EXPORT_COLUMNS, TICKET_COLUMNS, exportTicketRows, type TicketExportOptions, type TicketExportRow, type TicketExportSummary } from '../../export/tickets.js';

/** The `--format` values of `export tickets`. The first is the default. */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A format as two pure functions, so that the CLI can stream: the text before the first row, and the text of one row
 * (each ends with "\n"). The whole output is `header() + rows.map(row).join('')`.
 */
export interface RowFormatter {
  header: () => string;
  row: (row: TicketExportRow) => string;
}

/** Options of the formats: the delimiter of `csv`. */
export type ExportFormatOptions = CsvOptions;

const FORMATTERS: Record<ExportFormat, (options: ExportFormatOptions) => RowFormatter> = {
  csv: (options) => ({ header: () => exportCsvHeader(options), row: (row) => exportCsvRow(row, options) }),
  jsonl: () => ({ header: exportJsonlHeader, row: exportJsonlRow }),
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export function exportFormatter(format: ExportFormat, options: ExportFormatOptions = {}): RowFormatter {
  return FORMATTERS[format](options);
}

/** The whole export as one string, for library callers and tests; the CLI streams instead. */
export function formatTicketExport(format: ExportFormat, rows: Iterable<TicketExportRow>, options: ExportFormatOptions = {}): string {
  const { header, row } = FORMATTERS[format](options);
  let text = header();
  for (const r of rows) text += row(r);
  return text;
}
