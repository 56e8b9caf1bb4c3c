import { addLocalDays, startOfLocalDay } from './zone.js';

/** A half-open span of instants [start, end), epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Whether two half-open intervals share an instant: one that ends when the other starts does not. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Whole local days `from` to `to`, both included, in `zone`: from the start of the first to the start of the day after
 * the last, so a day the clocks change lasts 23 or 25 hours (a freeze period, a subscription's days).
 */
export function wholeLocalDays(zone: string, from: string, to: string): Interval {
  return { start: startOfLocalDay(zone, from), end: startOfLocalDay(zone, addLocalDays(to, 1)) };
}
