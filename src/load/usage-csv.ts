import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { USAGE_CSV_COLUMNS } from '../model/usage.js';

/** One data row of a usage CSV file, as text, with its 1-based line. Types are checked by the schema pass. */
export interface UsageCsvRow {
  line: number;
  values: Record<(typeof USAGE_CSV_COLUMNS)[number], string>;
  /** 1-based column at which each field starts, for diagnostics. */
  columns: Record<(typeof USAGE_CSV_COLUMNS)[number], number>;
}

/**
 * Reads a usage CSV file (RFC 4180: comma-separated, fields may be double-quoted, "" escapes a quote). The header
 * must name exactly the usage columns, in order, so that a column swapped in a spreadsheet cannot go unnoticed.
 */
export function parseUsageCsv(file: string, text: string): { rows: UsageCsvRow[]; diagnostics: Diagnostic[] } {
  const rows: UsageCsvRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const { records, unclosedQuoteLine } = splitCsv(text);
  if (unclosedQuoteLine !== undefined) {
    diagnostics.push({
      rule: 'usage-csv',
      severity: 'error',
      file,
      line: unclosedQuoteLine,
      column: 1,
      message: `a quoted field opened on line ${unclosedQuoteLine} is never closed`,
      hint: 'close the field with a double quote; write "" for a quote inside a quoted field',
    });
    return { rows, diagnostics };
  }
  const header = records[0];
  if (!header || header.fields.join(',') !== USAGE_CSV_COLUMNS.join(',')) {
    diagnostics.push({
      rule: 'usage-csv',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: `expected the header "${USAGE_CSV_COLUMNS.join(',')}" but found "${header?.fields.join(',') ?? ''}"`,
    });
    return { rows, diagnostics };
  }
  for (const record of records.slice(1)) {
    if (record.fields.length === 1 && record.fields[0] === '') continue;
    if (record.fields.length !== USAGE_CSV_COLUMNS.length) {
      diagnostics.push({
        rule: 'usage-csv',
        severity: 'error',
        file,
        line: record.line,
        column: 1,
        message: `expected ${USAGE_CSV_COLUMNS.length} fields but found ${record.fields.length}`,
      });
      continue;
    }
    const [date, consumer, service, metric, quantity] = record.fields as [string, string, string, string, string];
    const [c1, c2, c3, c4, c5] = record.starts as [number, number, number, number, number];
    rows.push({
      line: record.line,
      values: { date, consumer, service, metric, quantity },
      columns: { date: c1, consumer: c2, service: c3, metric: c4, quantity: c5 },
    });
  }
  return { rows, diagnostics };
}

function splitCsv(text: string): { records: Array<{ line: number; fields: string[]; starts: number[] }>; unclosedQuoteLine?: number } {
  const records: Array<{ line: number; fields: string[]; starts: number[] }> = [];
  let fields: string[] = [];
  let starts: number[] = [1];
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let recordLine = 1;
  let lineStart = 0;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      starts.push(i - lineStart + 2);
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields, starts });
      fields = [];
      starts = [1];
      field = '';
      line++;
      recordLine = line;
      lineStart = i + 1;
    } else {
      field += ch;
    }
  }
  if (quoted) return { records, unclosedQuoteLine: quoteLine };
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields, starts });
  }
  return { records };
}
