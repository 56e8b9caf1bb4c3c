import type { AuditReport } from '../../governance/audit.js';

/**
 * `itsm audit --format json`: the report as it is computed (docs/governance.md, "itsm audit", documents every field). Stable:
 * fields may be added, none renamed or removed, without changing `version`.
 */
export const AUDIT_JSON_VERSION = 1;

export function formatAuditJson(report: AuditReport): string {
  const { repository, head, range, filter, cut, entries, inForce } = report;
  return `${JSON.stringify({ format: 'itsm-audit', version: AUDIT_JSON_VERSION, repository, head, range, filter, cut, entries, inForce }, null, 2)}\n`;
}
