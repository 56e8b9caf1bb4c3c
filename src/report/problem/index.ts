import type { ProblemReport } from '../../practices/problem/report.js';
import type { ProblemSuggestions } from '../../practices/problem/suggest.js';
import { formatProblemJson } from './json.js';
import { formatProblemReportMarkdown, formatProblemSuggestionsMarkdown } from './markdown.js';
import type { ProblemFormatOptions } from './shared.js';
import { formatProblemReportText, formatProblemSuggestionsText } from './text.js';

export type { ProblemFormatOptions } from './shared.js';
export { elapsedText, windowText } from './shared.js';
export { formatProblemJson, formatProblemReportMarkdown, formatProblemReportText, formatProblemSuggestionsMarkdown, formatProblemSuggestionsText };

/** The `--format` values of `itsm problem report` and `itsm problem suggest`. The first is the default. */
export const PROBLEM_FORMATS = ['text', 'markdown', 'json'] as const;
export type ProblemFormat = (typeof PROBLEM_FORMATS)[number];

const REPORT: Record<ProblemFormat, (r: ProblemReport, o: ProblemFormatOptions) => string> = {
  text: formatProblemReportText,
  markdown: formatProblemReportMarkdown,
  json: formatProblemJson,
};

const SUGGEST: Record<ProblemFormat, (r: ProblemSuggestions, o: ProblemFormatOptions) => string> = {
  text: formatProblemSuggestionsText,
  markdown: formatProblemSuggestionsMarkdown,
  json: formatProblemJson,
};

/** Renders a problem report. Pure: the caller decides colour and where the text goes. */
export function formatProblemReport(format: ProblemFormat, report: ProblemReport, options: ProblemFormatOptions = {}): string {
  return REPORT[format](report, options);
}

export function formatProblemSuggestions(format: ProblemFormat, result: ProblemSuggestions, options: ProblemFormatOptions = {}): string {
  return SUGGEST[format](result, options);
}
