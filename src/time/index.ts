/**
 * Business time: which instants a calendar counts as working time, and arithmetic on them. Pure: no I/O, no clock;
 * instants are epoch milliseconds.
 *
 * Semantics — the product's promise:
 *
 * - An instant is working time for a calendar when its local wall-clock time in the calendar's IANA zone falls inside
 *   one of that local date's working intervals: the special day's intervals if the date is a special day (a special
 *   day wins over a holiday on the same date); none if it is a holiday; otherwise the weekday's. Intervals are
 *   "HH:MM-HH:MM", the end exclusive and "24:00" the end of the day.
 * - Precisely: for a local date D and a local interval [from, to), the working instants are every instant t whose
 *   local date in the zone is D and whose local time of day is in [from, to).
 * - The business time between two instants is the measure, in milliseconds, of the working instants between them.
 *
 * Consequences on the days the clocks change (all of them follow from the definition, none is a special case):
 * - A 00:00-24:00 day lasts as long as the local date does: 23 hours when the clocks spring forward, 25 when they
 *   fall back (America/New_York 2026-03-08 and 2026-11-01; Europe/Berlin 2026-03-29 and 2026-10-25).
 * - A working hour that the clock skips does not exist: "01:00-04:00" on 2026-03-08 in New York holds 2 real hours.
 * - A local hour that the clock repeats counts twice: "01:00-02:00" on 2026-11-01 in New York holds 2 real hours.
 * - Intervals away from the change (9–17) are untouched: 8 hours either side.
 *
 * How: each local day is split at its UTC-offset changes (found by comparing offsets and bisecting, never by walking
 * minutes) and each piece maps the day's local intervals back to UTC with its own offset. Offsets come from the
 * runtime's time zone database via Intl and are cached per zone; working spans are cached per calendar and local day.
 */
export { BUSINESS_TIME_HORIZON_DAYS, addBusinessTime, businessTimeBetween, workingIntervals } from './business-time.js';
export {
  MINUTES_PER_DAY,
  businessDayMinutesAt,
  compileCalendar,
  hasUniformDaysInEveryVersion,
  hasWorkingTime,
  parseWorkingInterval,
  uniformDayLength,
  weekOfDay,
  workingIntervalsOfDay,
} from './calendar.js';
export type { BusinessCalendar, CalendarExtras, DayRule, LocalInterval, WeekVersion } from './calendar.js';
export { describeSegments } from './segments.js';
export type { Segment, SegmentKind } from './segments.js';
export {
  MAX_INSTANT,
  MIN_INSTANT,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  addLocalDays,
  formatInstant,
  localDateOf,
  localDateOfDayNumber,
  startOfLocalDay,
  utcOffsetAt,
} from './zone.js';
export type { Span } from './zone.js';
