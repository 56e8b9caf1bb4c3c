export { calendarDays, type CalendarDay, type CalendarDays } from './days.js';
export { formatCalendarIcs, HOURS_PROPERTY } from './ics.js';
export { formatCalendarJson } from './json.js';

export const CALENDAR_FORMATS = ['ics', 'json'] as const;
export type CalendarFormat = (typeof CALENDAR_FORMATS)[number];
