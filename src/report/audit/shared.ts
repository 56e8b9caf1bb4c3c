import type { DefinitionChange } from '../../governance/changes.js';
import type { AuditEntry, AuditFilter, AuditReport } from '../../governance/audit.js';

/** A change in words, as `itsm diff` writes it: "gold: incident P2 resolution 8h → 4h; …", "erp: added (…)". */
export function changeText(change: DefinitionChange): string {
  const words = change.details.map((d) => d.text).join('; ');
  return `${change.id}: ${words === '' ? change.action : words}`;
}

/** What a commit that changed definition files without changing their meaning says instead of changes. */
export const NO_MEANINGFUL_CHANGE = 'no change in meaning (layout, comments or order only)';

/** The short hash a reader quotes (git's default abbreviation). */
export function shortHash(hash: string): string {
  return hash.slice(0, 7);
}

/** The day of an ISO 8601 date as git wrote it (in the author's own offset). */
export function dayOf(date: string): string {
  return date.slice(0, 10);
}

/** The command-line flag of each kind's filter. */
export const KIND_FLAGS = { Config: 'config', Service: 'service', SLA: 'sla', Calendar: 'calendar', Consumer: 'consumer', Group: 'group', Usage: 'usage', ChangeTemplate: 'template', Article: 'article', Improvement: 'improvement' } as const;

/** The filter in words: "--service erp, --sla (all)", or null without one. */
export function filterText(filter: AuditFilter): string | null {
  const parts: string[] = [];
  for (const [kind, ids] of Object.entries(filter.kinds) as [keyof typeof KIND_FLAGS, string[] | null][]) {
    parts.push(`--${KIND_FLAGS[kind]} ${ids === null ? '(every one)' : ids.join(',')}`);
  }
  if (filter.for !== undefined) parts.push(`--for ${filter.for}`);
  return parts.length === 0 ? null : parts.join(', ');
}

/** The range in words: "all of the history", "from 2026-11-01 to 2026-11-30 (America/New_York)". */
export function rangeText(report: AuditReport): string {
  const { since, until, timeZone } = report.range;
  if (since === null && until === null) return 'the whole history';
  const zone = [since, until].some((d) => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d)) ? ` (dates in ${timeZone})` : '';
  if (since !== null && until !== null) return `from ${since} to ${until}, both included${zone}`;
  return since !== null ? `from ${since} on${zone}` : `up to ${until ?? ''}, included${zone}`;
}

/** The authors of the entries and of the commits their merges brought in, by name, in order of first appearance (newest first). */
export function authorsOf(entries: readonly AuditEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => [e.author.name, ...e.merged.map((m) => m.author.name)]))];
}
