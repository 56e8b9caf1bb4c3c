import type { AuditEntry, AuditReport } from '../../governance/audit.js';
import { csvHeader, csvRecord, type CsvDelimiter, type CsvValue } from '../csv.js';
import { NO_MEANINGFUL_CHANGE } from './shared.js';

/**
 * `itsm audit --format csv`: one row per change (a detail of a definition change), RFC 4180 as every CSV of itsm
 * (src/report/csv.ts). A definition added or removed without details is one row; a commit that changed files of
 * definitions without changing their meaning is one row per file, so that every commit listed has rows.
 */
export const AUDIT_CSV_COLUMNS = [
  'date',
  'commit',
  'author',
  'author_email',
  'pull_request',
  'merge',
  'subject',
  'merged_authors',
  'file',
  'kind',
  'id',
  'action',
  'field',
  'before',
  'after',
  'change',
  'version_from',
  'version_change',
] as const;

/** Which columns are free text (the injection guard of src/report/csv.ts applies to them). */
const TEXT = AUDIT_CSV_COLUMNS.map((c) => ['author', 'subject', 'merged_authors', 'file', 'before', 'after', 'change'].includes(c));

export function formatAuditCsv(report: AuditReport, options: { delimiter?: CsvDelimiter } = {}): string {
  const delimiter = options.delimiter ?? ',';
  let out = csvHeader(AUDIT_CSV_COLUMNS, delimiter);
  for (const entry of report.entries) for (const row of rowsOf(entry)) out += csvRecord(row, TEXT, delimiter);
  return out;
}

function rowsOf(entry: AuditEntry): CsvValue[][] {
  // The authors of a merge's commits, once each, newest first: who wrote the pull request.
  const mergedAuthors = [...new Set(entry.merged.map((m) => m.author.name))].join('; ');
  const commit: CsvValue[] = [entry.date, entry.hash, entry.author.name, entry.author.email, entry.pullRequest, entry.merge, entry.subject, mergedAuthors === '' ? null : mergedAuthors];
  const rows: CsvValue[][] = [];
  for (const change of entry.changes) {
    const at: CsvValue[] = [...commit, change.file, change.kind, change.id, change.action];
    if (change.details.length === 0) rows.push([...at, null, null, null, change.action, null, null]);
    for (const d of change.details) rows.push([...at, d.field, d.before, d.after, d.text, d.version?.from ?? null, d.version?.change ?? null]);
  }
  if (entry.changes.length === 0) for (const file of entry.files) rows.push([...commit, file, null, null, null, null, null, null, NO_MEANINGFUL_CHANGE, null, null]);
  return rows;
}
