import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Rules whose findings are about how a practice was followed (a change approved late, made in a freeze, clashing
 * with another, not reviewed; an article's broken link or passed review date), never about data a figure reads. They
 * fail `itsm validate`, which is where a pull request meets them, but they do not stop the commands that compute
 * figures: a CAB must see the impact of the very change that crosses a freeze, and an SLA report is not wrong
 * because a change was approved late.
 */
export const PRACTICE_FINDING_RULES: ReadonlySet<string> = new Set([
  'change-approval',
  'change-conflict',
  'change-freeze',
  'change-review',
  'change-template',
  'change-window-missing',
  'article-link',
  'article-review-due',
]);

/** The diagnostics of a check as a command that computes figures sees them. */
export interface FigureFindings {
  /** Errors that make figures wrong: the command stops on them. */
  blocking: Diagnostic[];
  /** Errors and warnings about how practices were followed (PRACTICE_FINDING_RULES). */
  practice: number;
  /** Other warnings. */
  warnings: number;
}

export function figureFindings(diagnostics: readonly Diagnostic[]): FigureFindings {
  const blocking: Diagnostic[] = [];
  let practice = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (PRACTICE_FINDING_RULES.has(d.rule)) practice++;
    else if (d.severity === 'error') blocking.push(d);
    else warnings++;
  }
  return { blocking, practice, warnings };
}
