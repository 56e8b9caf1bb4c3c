import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { referenceToInvalid, unknownPriorities, unknownReferences, unknownStatuses } from '../validate/rules/references.js';
import type { ComplianceImpact } from './impact.js';
import { FAIL_ON, type FailOn } from './fail-on.js';
import type { DiffReport } from './report.js';

/** CONTRACT (issue #13): `gateFailures` checks the conditions `--fail-on` accepts (fail-on.ts). */
export { FAIL_ON, type FailOn } from './fail-on.js';

/** The rules of src/validate/rules/references.ts: a name that points at nothing, or at a document that is invalid. */
const REFERENCE_RULES: ReadonlySet<string> = new Set([unknownReferences.id, unknownStatuses.id, unknownPriorities.id, referenceToInvalid.id]);

/** How many examples a line names before it says "…". */
const EXAMPLES = 3;

/** One line per condition met, saying why (empty: the gate passes). Each condition is checked once, in FAIL_ON order. */
export function gateFailures(conditions: readonly FailOn[], report: DiffReport): string[] {
  const failures: string[] = [];
  for (const condition of FAIL_ON) {
    if (!conditions.includes(condition)) continue;
    const why = CHECKS[condition](report);
    if (why !== null) failures.push(`${condition}: ${why}`);
  }
  return failures;
}

const CHECKS: Readonly<Record<FailOn, (report: DiffReport) => string | null>> = {
  'compliance-drop': (report) => {
    const drops = (report.impact?.compliance ?? []).filter(isComplianceDrop);
    return drops.length === 0 ? null : `${count(drops.length, 'target')} below ${drops.length === 1 ? 'its' : 'their'} objective after the change: ${examples(drops.map(dropText))}`;
  },
  'new-breach': (report) => {
    const breached = (report.impact?.clocks ?? []).filter((c) => c.kind === 'newly-breached');
    if (breached.length === 0) return null;
    return `${count(breached.length, 'running clock')} newly breached as of ${report.impact!.asOf}: ${examples(breached.map((c) => `${c.ticket} ${c.sla} ${c.metric}`))}`;
  },
  'rewrite-past': (report) => {
    const past = report.impact?.past ?? [];
    if (past.length === 0) return null;
    const total = past.reduce((n, p) => n + p.clocks, 0);
    return `${count(total, 'clock')} of months already reported would be measured differently: ${examples(past.map((p) => `${p.sla} ${p.month} (${p.clocks})`))}; give the agreement a dated version instead of editing it in place`;
  },
  'retired-dependency': (report) => {
    const retired = report.impact?.retired ?? [];
    if (retired.length === 0) return null;
    return examples(retired.map((r) => `${r.service} is retired but ${r.dependents.map((d) => d.path.join(' → ')).join(', ')}`), '; ');
  },
  'broken-reference': (report) => {
    const errors = errorsOf(report.head.diagnostics).filter((d) => REFERENCE_RULES.has(d.rule));
    return errors.length === 0 ? null : `${report.head.name} has ${count(errors.length, 'reference error')}: ${examples(errors.map(where), '; ')}`;
  },
  invalid: (report) => {
    const errors = errorsOf(report.head.diagnostics);
    return errors.length === 0 ? null : `${report.head.name} has ${count(errors.length, 'error')}: ${examples(errors.map(where), '; ')}`;
  },
};

/**
 * A compliance drop: head misses the target's objective (compliance below it) and either base met it (or had no such
 * target, or measured nothing) or head's compliance is lower still. A target that gets stricter but is still met does
 * not fail the gate: the objective is the promise, and it holds.
 */
export function isComplianceDrop(c: ComplianceImpact): boolean {
  const missed = (compliance: number | null, objective: number | null) => compliance !== null && objective !== null && compliance < objective;
  if (!missed(c.head.compliancePercent, c.objectivePercent.head)) return false;
  return !missed(c.base.compliancePercent, c.objectivePercent.base) || (c.deltaPoints !== null && c.deltaPoints < 0);
}

function dropText(c: ComplianceImpact): string {
  const from = c.base.compliancePercent === null ? 'nothing measured' : `${c.base.compliancePercent}%`;
  return `${c.sla} ${c.type} ${c.priority} ${c.metric} ${from} → ${c.head.compliancePercent}% (objective ${c.objectivePercent.head}%)`;
}

function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

function where(d: Diagnostic): string {
  const at = d.line === undefined ? d.file : `${d.file}:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  return `${at} ${d.message} (${d.rule})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function examples(items: readonly string[], separator = ', '): string {
  return items.length <= EXAMPLES ? items.join(separator) : `${items.slice(0, EXAMPLES).join(separator)}${separator}and ${items.length - EXAMPLES} more`;
}
