import { localDateOf } from './zone.js';

/** When a check is made: an instant (epoch milliseconds), or a local date in the organisation's time zone (`--now 2027-01-05`). */
export type CheckDay = number | { date: string };

/** The local date in `timeZone` of a check made at `day`. */
export function localDayOf(timeZone: string, day: CheckDay): string {
  return typeof day === 'number' ? localDateOf(timeZone, day) : day.date;
}
