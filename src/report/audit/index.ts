import type { AuditReport } from '../../governance/audit.js';
import type { CsvDelimiter } from '../csv.js';
import { AUDIT_CSV_COLUMNS, formatAuditCsv } from './csv.js';
import { AUDIT_JSON_VERSION, formatAuditJson } from './json.js';
import { formatAuditMarkdown } from './markdown.js';

export { AUDIT_CSV_COLUMNS, AUDIT_JSON_VERSION, formatAuditCsv, formatAuditJson, formatAuditMarkdown };

/** The `--format` values of `itsm audit`. The first is the default. */
export const AUDIT_FORMATS = ['markdown', 'csv', 'json'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Renders an audit report. Pure: the caller decides where the text goes. */
export function formatAudit(format: AuditFormat, report: AuditReport, options: { delimiter?: CsvDelimiter } = {}): string {
  switch (format) {
    case 'markdown':
      return formatAuditMarkdown(report);
    case 'csv':
      return formatAuditCsv(report, options);
    case 'json':
      return formatAuditJson(report);
  }
}
