import type { CalendarDays } from './days.js';

/** The calendar's dated days as JSON: one object, its `days` sorted by date. */
export function formatCalendarJson(days: CalendarDays): string {
  return `${JSON.stringify({ version: 1, ...days }, null, 2)}\n`;
}
