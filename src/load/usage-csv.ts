import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { USAGE_CSV_COLUMNS } from '../model/usage.js';

/** One data row of a usage CSV file, as text, with its 1-based line. Types are checked by the schema pass. */
export interface UsageCsvRow {
  line: number;
  values: Record<(typeof USAGE_CSV_COLUMNS)[number], string>;
}

/**
 * Reads a usage CSV file (RFC 4180: comma-separated, fields may be double-quoted, "" escapes a quote). The header
 * must name exactly the usage columns, in order, so that a column swapped in a spreadsheet cannot go unnoticed.
 */
export function parseUsageCsv(file: string, text: string): { rows: UsageCsvRow[]; diagnostics: Diagnostic[] } {
  const rows: UsageCsvRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const records = splitCsv(text);
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
    rows.push({ line: record.line, values: { date, consumer, service, metric, quantity } });
  }
  return { rows, diagnostics };
}

function splitCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
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
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
