import type { CalendarSpec, WeeklyHours } from '../../src/model/calendar.js';

/** Hours and minutes in milliseconds, so expected values read like the arithmetic in their comments. */
export const H = 3_600_000;
export const M = 60_000;

/** An instant written as ISO 8601 with its offset: every expected instant in these tests says its own offset. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant in test: ${iso}`);
  return ms;
};

const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const ALL_WEEK = [...WEEK, 'saturday', 'sunday'] as const;

export function weekdays(hours: string[]): WeeklyHours {
  return Object.fromEntries(WEEK.map((day) => [day, hours]));
}

export function everyDay(hours: string[]): WeeklyHours {
  return Object.fromEntries(ALL_WEEK.map((day) => [day, hours]));
}

export function calendar(timeZone: string, hours: WeeklyHours, extra: Partial<CalendarSpec> = {}): CalendarSpec {
  return { timeZone, hours, ...extra };
}
