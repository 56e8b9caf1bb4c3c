import type { TicketStory } from '../../sla/explain.js';
import type { SlaReport } from '../../sla/report.js';
import type { SlaStatus } from '../../sla/status.js';
import { formatSlaReportCsv, formatSlaStatusCsv, slaReportCsvChunks } from './csv.js';
import { formatTicketStoryText } from './explain-text.js';
import { formatSlaJson, slaReportJsonChunks } from './json.js';
import { formatSlaReportMarkdown, type SlaMarkdownOptions } from './markdown.js';
import { formatSlaReportTable, type SlaReportTableOptions } from './report-table.js';
import type { SlaFormatOptions } from './shared.js';
import { formatSlaStatusTable } from './status-table.js';

export type { SlaFormatOptions } from './shared.js';
export type { SlaMarkdownOptions } from './markdown.js';
export type { SlaReportTableOptions } from './report-table.js';
export { CLOCK_CSV_COLUMNS, csvField } from './csv.js';
export { formatMinutes } from './shared.js';
export {
  formatSlaJson,
  formatSlaReportCsv,
  formatSlaReportMarkdown,
  formatSlaReportTable,
  formatSlaStatusCsv,
  formatSlaStatusTable,
  formatTicketStoryText,
};

/** The `--format` values of `sla report`. The first is the default. */
export const SLA_REPORT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type SlaReportFormat = (typeof SLA_REPORT_FORMATS)[number];

/** The `--format` values of `sla status`. The first is the default. */
export const SLA_STATUS_FORMATS = ['table', 'json', 'csv'] as const;
export type SlaStatusFormat = (typeof SLA_STATUS_FORMATS)[number];

/** The `--format` values of `sla explain`. The first is the default. */
export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

/** Options of `formatSlaReport`: colour, zone, width and `allTargets` for `table`, zone and heading level for `markdown`. */
export type SlaReportFormatOptions = SlaMarkdownOptions & SlaReportTableOptions;

const REPORT_FORMATTERS: Record<SlaReportFormat, (report: SlaReport, options: SlaReportFormatOptions) => string> = {
  table: formatSlaReportTable,
  json: formatSlaJson,
  csv: formatSlaReportCsv,
  markdown: formatSlaReportMarkdown,
};

const STATUS_FORMATTERS: Record<SlaStatusFormat, (status: SlaStatus, options: SlaFormatOptions) => string> = {
  table: formatSlaStatusTable,
  json: formatSlaJson,
  csv: formatSlaStatusCsv,
};

const EXPLAIN_FORMATTERS: Record<ExplainFormat, (story: TicketStory, options: SlaFormatOptions) => string> = {
  text: formatTicketStoryText,
  json: formatSlaJson,
};

export function isSlaReportFormat(value: string): value is SlaReportFormat {
  return (SLA_REPORT_FORMATS as readonly string[]).includes(value);
}

export function isSlaStatusFormat(value: string): value is SlaStatusFormat {
  return (SLA_STATUS_FORMATS as readonly string[]).includes(value);
}

export function isExplainFormat(value: string): value is ExplainFormat {
  return (EXPLAIN_FORMATS as readonly string[]).includes(value);
}

/** Renders an SLA report. Pure: the caller decides colour, the display zone and where the text goes. */
export function formatSlaReport(format: SlaReportFormat, report: SlaReport, options: SlaReportFormatOptions = {}): string {
  return REPORT_FORMATTERS[format](report, options);
}

/** Renders the open clocks of `sla status`. */
export function formatSlaStatus(format: SlaStatusFormat, status: SlaStatus, options: SlaFormatOptions = {}): string {
  return STATUS_FORMATTERS[format](status, options);
}

/** Renders the story of one ticket's clocks (`sla explain`). */
export function formatTicketStory(format: ExplainFormat, story: TicketStory, options: SlaFormatOptions = {}): string {
  return EXPLAIN_FORMATTERS[format](story, options);
}

export { slaReportCsvChunks, slaReportJsonChunks };
