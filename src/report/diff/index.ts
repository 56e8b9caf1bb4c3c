import type { DiffReport } from '../../governance/report.js';
import { formatDiffJson } from './json.js';
import { formatDiffMarkdown } from './markdown.js';
import type { DiffFormatOptions } from './shared.js';
import { formatDiffText } from './text.js';

export type { DiffFormatOptions } from './shared.js';
export { DIFF_JSON_VERSION, formatDiffJson, toDiffJson, type DiffJson } from './json.js';
export { formatDiffMarkdown, formatDiffText };

/** The `--format` values of `itsm diff`; the first is the default. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const FORMATTERS: Readonly<Record<DiffFormat, (report: DiffReport, options: DiffFormatOptions) => string>> = {
  text: formatDiffText,
  markdown: formatDiffMarkdown,
  json: (report) => formatDiffJson(report),
};

export function formatDiff(format: DiffFormat, report: DiffReport, options: DiffFormatOptions = {}): string {
  return FORMATTERS[format](report, options);
}
