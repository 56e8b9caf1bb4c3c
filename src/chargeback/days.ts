/**
 * Calendar days for proration. Subscriptions, usage records and chargeback periods are local dates (read in the
 * organisation's zone), so days are counted on the calendar, not in hours: a month has 28 to 31 days whatever the
 * daylight saving time changes do to its length in hours, and February 2028 has 29.
 */

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a date written YYYY-MM-DD (already validated). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`expected a date YYYY-MM-DD but found "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Days in the month of `date`: 28, 29, 30 or 31. */
export function daysInMonth(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function firstOfNextMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * One calendar month of the chargeback period, clipped to it: [start, end) as local dates, `end` excluded. Monthly
 * prices and costs are charged per month, so a quarter is three months and a period from the 10th to the 20th is
 * one clipped month.
 */
export interface MonthSegment {
  /** YYYY-MM. */
  month: string;
  /** First day in the period (inclusive). */
  start: string;
  /** First day after it (exclusive). */
  end: string;
  /** Days of the whole calendar month: the denominator of proration. */
  monthDays: number;
  /** Days of the month inside the period. */
  days: number;
}

/** The months that the local-date period [from, to) overlaps, each clipped to it. */
export function monthSegments(from: string, to: string): MonthSegment[] {
  const segments: MonthSegment[] = [];
  let cursor = from;
  while (cursor < to) {
    const next = firstOfNextMonth(cursor);
    const end = next < to ? next : to;
    segments.push({ month: cursor.slice(0, 7), start: cursor, end, monthDays: daysInMonth(cursor), days: dayNumber(end) - dayNumber(cursor) });
    cursor = end;
  }
  return segments;
}

/**
 * Days that an inclusive range [from, to] (a subscription: `to` is its last day, absent when open-ended) shares with
 * the half-open [start, end).
 */
export function overlapDays(from: string, to: string | undefined, start: string, end: string): number {
  const first = Math.max(dayNumber(from), dayNumber(start));
  const afterLast = Math.min(to === undefined ? Infinity : dayNumber(to) + 1, dayNumber(end));
  return Math.max(0, afterLast - first);
}

/**
 * The longest period a chargeback covers: 3,660 days, ten years and a few leap days. The statement has a line per
 * consumer, service and month, so its size grows with the period (the example organisation, 162 lines a month: a
 * 10-year statement is 10 MB of JSON and takes 171 MB of memory to compute); a longer question is several periods.
 */
export const MAX_PERIOD_DAYS = 3660;

/** Days in the local-date period [from, to). */
export function periodDays(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The index of the segment that holds `date`, or -1 when the date is outside the period (segments are in order). */
export function segmentOfDate(segments: readonly MonthSegment[], date: string): number {
  return search(segments.length, (i) => (date < segments[i]!.start ? -1 : date >= segments[i]!.end ? 1 : 0));
}

/** The index of the span [start, end) that holds `ms`, or -1 (spans are in order and do not overlap). */
export function segmentOfInstant(spans: ReadonlyArray<{ start: number; end: number }>, ms: number): number {
  return search(spans.length, (i) => (ms < spans[i]!.start ? -1 : ms >= spans[i]!.end ? 1 : 0));
}

/** Binary search over indexes 0..length-1; `where(i)` says whether the target is before (-1), at (0) or after (1) i. */
function search(length: number, where: (i: number) => number): number {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const side = where(mid);
    if (side === 0) return mid;
    if (side < 0) high = mid - 1;
    else low = mid + 1;
  }
  return -1;
}
