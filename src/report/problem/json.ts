import type { ProblemReport } from '../../practices/problem/report.js';
import type { ProblemSuggestions } from '../../practices/problem/suggest.js';

/**
 * `--format json` of `itsm problem report` and `itsm problem suggest`: the result types are the documented shape
 * (`version: 1`, docs/problem.md), printed as they are: instants ISO 8601 UTC, durations milliseconds.
 */
export function formatProblemJson(result: ProblemReport | ProblemSuggestions): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
