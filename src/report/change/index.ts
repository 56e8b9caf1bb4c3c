export { formatCalendarIcs } from './ics.js';
export { formatChangeJson } from './json.js';
export { formatCalendarMarkdown, formatImpactMarkdown, formatReportMarkdown } from './markdown.js';
export { formatCalendarTable, formatImpactTable } from './table.js';
export { formatReportText } from './text.js';
export type { ChangeFormatOptions } from './shared.js';

export const IMPACT_FORMATS = ['table', 'markdown', 'json'] as const;
export const CALENDAR_FORMATS = ['table', 'markdown', 'json', 'ics'] as const;
export const REPORT_FORMATS = ['text', 'markdown', 'json'] as const;
