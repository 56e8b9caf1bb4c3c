import { formatMinor, minorDigitsOf } from '../../chargeback/money.js';
import { countBySeverity, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ChangeDetail, DefinitionChange } from '../../governance/changes.js';
import type { ClockImpactKind, ComplianceImpact, Impact } from '../../governance/impact.js';
import type { DiffReport, RevisionInfo } from '../../governance/report.js';

/** Options of every diff formatter: colour for the terminal, the organisation's zone for dates. */
export interface DiffFormatOptions {
  color?: boolean;
  timeZone?: string;
}

/** A revision as a reader names it: "HEAD (1a2b3c4d5e6f)", "working tree". */
export function revisionLabel(info: RevisionInfo): string {
  return info.commit === null ? info.name : `${info.name} (${info.commit.slice(0, 12)})`;
}

const KIND_WORDS: Readonly<Record<DefinitionChange['kind'], string>> = {
  Config: 'configuration',
  Service: 'service',
  SLA: 'agreement',
  Calendar: 'calendar',
  Consumer: 'consumer',
  Group: 'group',
  Usage: 'usage',
  ChangeTemplate: 'change template',
  Article: 'article',
  Improvement: 'improvement',
};

/** Where a change is, as an editor opens it: "slas/gold.yaml:3" (the line its document starts on), or the file alone. */
export function changePlace(change: DefinitionChange): string {
  return change.line === undefined ? change.file : `${change.file}:${change.line}`;
}

/**
 * The lines of one definition change, without its place: "gold: incident P2 resolution 8h → 4h", "erp: service added".
 * An added or removed definition's detail starts with the action ("removed; still named by …"), said once after the
 * kind: "gold: agreement removed; still named by …".
 */
export function changeLines(change: DefinitionChange): string[] {
  const head = `${change.id}: ${KIND_WORDS[change.kind]} ${change.action}`;
  if (change.details.length === 0) return [head];
  if (change.action === 'changed') return change.details.map((d) => `${change.id}: ${detailText(d)}`);
  const rest = change.details.map((d) => (d.text.startsWith(change.action) ? d.text.slice(change.action.length) : `; ${d.text}`)).join('');
  return [`${head}${rest}`];
}

/**
 * A detail's words. Its version is in the words when it has a date ("from 2027-01-01", "in version from 2026-10-01");
 * a change to the undated terms of something that has dated versions is marked, because it changes every figure
 * since the beginning, those already reported included.
 */
function detailText(detail: ChangeDetail): string {
  return detail.version?.from === null ? `${detail.text} [undated terms]` : detail.text;
}

export function ticketCountsText(report: DiffReport): string {
  const { added, changed, removed } = report.changes.tickets;
  return `${added} added, ${changed} changed, ${removed} removed`;
}

/** Money in minor units as the currency writes it, with a sign when asked: "+1,204.50 USD". */
export function money(minor: number, currency: string, signed = false): string {
  const text = formatMinor(BigInt(minor), minorDigitsOf(currency), true);
  return `${signed && minor > 0 ? '+' : ''}${text} ${currency}`;
}

export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${value}%`;
}

/** Percentage points with their sign, the minus written as a minus sign: "+2.5 points", "−4 points". */
export function points(value: number | null): string {
  if (value === null) return 'n/a';
  const rounded = Math.round(value * 100) / 100;
  return `${rounded > 0 ? '+' : rounded < 0 ? '\u2212' : ''}${Math.abs(rounded)} points`;
}

/** The agreement of a compliance figure, with the dated version that set its target: "gold-finance from 2026-10-01". */
export function complianceSla(c: ComplianceImpact): string {
  return c.version === null ? c.sla : `${c.sla} from ${c.version}`;
}

/** The target of a compliance figure and its duration on each side: "incident P2 resolution 8h → 4h". */
export function complianceTarget(c: ComplianceImpact): string {
  const { base, head } = c.target;
  const duration = base === head ? (head ?? '') : base === null ? `${head} (new target)` : head === null ? `${base} (target removed)` : `${base} \u2192 ${head}`;
  return `${c.type} ${c.priority} ${c.metric} ${duration}`.trimEnd();
}

/** The objective, or how it moved: "95%", "95% → 90%". */
export function complianceObjective(c: ComplianceImpact): string {
  const { base, head } = c.objectivePercent;
  return base === head || base === null || head === null ? percent(head ?? base) : `${percent(base)} \u2192 ${percent(head)}`;
}

/** One compliance figure in words: "gold incident P2 resolution 8h → 4h: 92% → 88% (−4 points, objective 95%)". */
export function complianceLine(c: ComplianceImpact): string {
  return `${complianceSla(c)} ${complianceTarget(c)}: ${percent(c.base.compliancePercent)} \u2192 ${percent(c.head.compliancePercent)} (${points(c.deltaPoints)}, objective ${complianceObjective(c)})`;
}

export const CLOCK_WORDS: Readonly<Record<ClockImpactKind, string>> = {
  'newly-breached': 'newly breached',
  'no-longer-breached': 'no longer breached',
  'due-sooner': 'due sooner',
  'due-later': 'due later',
};

/** Why there are no impact figures, in words. */
export function skippedText(report: DiffReport): string | undefined {
  if (report.impactSkipped === 'no-definition-change') return 'not measured: no definition changed, so no figure can move';
  if (report.impactSkipped === 'invalid-revision') {
    const sides = [report.base, report.head].filter((s) => countBySeverity(s.diagnostics).errors > 0).map(revisionLabel);
    return `not measured: ${sides.join(' and ')} ${sides.length > 1 ? 'have' : 'has'} errors, and figures from invalid data would be wrong; fix them first`;
  }
  return undefined;
}

/** One line of counts summing up what the impact moves: "2 targets move, 1 clock newly breached, …". */
export function impactSummary(impact: Impact): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (impact.compliance.length > 0) parts.push(count(impact.compliance.length, 'target moves', 'targets move'));
  const breached = impact.clocks.filter((c) => c.kind === 'newly-breached').length;
  if (breached > 0) parts.push(count(breached, 'running clock newly breached', 'running clocks newly breached'));
  const other = impact.clocks.length - breached;
  if (other > 0) parts.push(count(other, 'other running clock moves', 'other running clocks move'));
  if (impact.availability.length > 0) parts.push(count(impact.availability.length, 'availability window moves', 'availability windows move'));
  if (impact.chargeback.consumers.length > 0) parts.push(`chargeback ${impact.chargeback.month} moves for ${count(impact.chargeback.consumers.length, 'consumer', 'consumers')}`);
  if (impact.retired.length > 0) parts.push(count(impact.retired.length, 'retired service still depended on', 'retired services still depended on'));
  const past = impact.past.reduce((sum, p) => sum + p.clocks, 0);
  if (past > 0) parts.push(`${count(past, 'clock', 'clocks')} of months already reported change`);
  return parts.length === 0 ? 'no figure moves' : parts.join(', ');
}

/** A diagnostic as one line: "slas/gold.yaml:3:5 error unknown calendar "x" (unknown-reference)". */
export function diagnosticLine(d: Diagnostic): string {
  const at = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  return `${at} ${d.severity} ${d.message} (${d.rule})`;
}
