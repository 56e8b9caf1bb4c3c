import type { DiffReport } from './report.js';

/**
 * CONTRACT (issue #13): the g13-impact part fills in `gateFailures`. The conditions `--fail-on` accepts; each is
 * documented in docs/governance.md.
 */
export const FAIL_ON = ['compliance-drop', 'new-breach', 'rewrite-past', 'retired-dependency', 'broken-reference', 'invalid'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** One line per condition met, saying why (empty: the gate passes). */
export function gateFailures(conditions: readonly FailOn[], report: DiffReport): string[] {
  void conditions;
  void report;
  return [];
}
