import { EXPORT_COLUMNS, type TicketExportRow } from '../../export/tickets.js';

/**
 * JSON Lines (https://jsonlines.org): one JSON object per line, UTF-8, "\n" after every line, including the last.
 * Every key of EXPORT_COLUMNS is always present, in that order (the CSV's column order), `null` when there is no
 * value; numbers and booleans are JSON numbers and booleans. The keys are written from the column list rather than
 * from the row object, so the order holds whatever order a caller built the row in.
 */

const KEYS = EXPORT_COLUMNS.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c)}:`);

/** JSONL has no header. */
export function exportJsonlHeader(): string {
  return '';
}

/** One object on one line, ended by "\n" (JSON.stringify escapes every line break inside a string). */
export function exportJsonlRow(row: TicketExportRow): string {
  let line = '';
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) line += KEYS[i]! + JSON.stringify(row[EXPORT_COLUMNS[i]!]);
  return `${line}}\n`;
}
