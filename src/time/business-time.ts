import type { BusinessCalendar } from './calendar.js';
import { mergeSpans, workingSpansOfDay } from './calendar.js';
import { LOCAL_DAY_REACH_MS, MS_PER_DAY, assertInstant } from './zone.js';
import type { Span } from './zone.js';

/**
 * How far `addBusinessTime` looks for the due date: 5 years of local days (5 × 365.25, rounded up). A target that
 * needs longer — or a calendar that never works again — gives null instead of a loop without end.
 */
export const BUSINESS_TIME_HORIZON_DAYS = 1827;

/** The first local day number that can have instants at or after `ms` (a day reaches 18h beyond its UTC date). */
export function firstDayReaching(ms: number): number {
  return Math.floor((ms - MS_PER_DAY - LOCAL_DAY_REACH_MS) / MS_PER_DAY) + 1;
}

/** The last local day number that can have instants before `ms`. */
export function lastDayReaching(ms: number): number {
  return Math.ceil((ms + LOCAL_DAY_REACH_MS) / MS_PER_DAY) - 1;
}

/**
 * The working time of [fromMs, toMs) in milliseconds: the measure of the working instants in it; 0 when
 * toMs ≤ fromMs.
 * Days come from the per-day cache, so a year of a 9–17 calendar is a few hundred additions.
 */
export function businessTimeBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  assertInstant(fromMs, 'from');
  assertInstant(toMs, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  const lastDay = lastDayReaching(toMs);
  for (let day = firstDayReaching(fromMs); day <= lastDay; day++) {
    for (const span of workingSpansOfDay(cal, day)) {
      const start = Math.max(span.start, fromMs);
      const end = Math.min(span.end, toMs);
      if (start < end) total += end - start;
    }
  }
  return total;
}

/**
 * Working spans of [fromMs, toMs) in time order, disjoint, but cut wherever convenient (not merged): day by day, a
 * span is let out once no later local day can reach before its end. Local days are scanned from the first that can
 * reach fromMs, for at most `maxDays` days; spans not yet let out when the scan stops are dropped, so whatever this
 * yields is exact.
 */
function* orderedWorkingSpans(cal: BusinessCalendar, fromMs: number, toMs: number, maxDays: number): Generator<Span> {
  // Normally local dates only move forward, but a zone that falls back across midnight (St John's fell back from
  // 00:01 to 23:01 until 2011) interleaves two dates' instants; holding spans back until no later day can reach them
  // keeps the order right in every case.
  const buffer: Span[] = [];
  const firstDay = firstDayReaching(fromMs);
  for (let day = firstDay; day < firstDay + maxDays; day++) {
    let added = false;
    for (const span of workingSpansOfDay(cal, day)) {
      const start = Math.max(span.start, fromMs);
      const end = Math.min(span.end, toMs);
      if (start < end) {
        buffer.push({ start, end });
        added = true;
      }
    }
    if (added) {
      const merged = mergeSpans(buffer);
      buffer.length = 0;
      buffer.push(...merged);
    }
    // Every instant of a later local day is at or after this bound.
    const bound = (day + 1) * MS_PER_DAY - LOCAL_DAY_REACH_MS;
    while (buffer.length > 0 && buffer[0]!.start < bound) {
      const first = buffer[0]!;
      if (first.end <= bound) {
        buffer.shift();
        yield first;
      } else {
        buffer[0] = { start: bound, end: first.end };
        yield { start: first.start, end: bound };
      }
    }
    if (bound >= toMs) return;
  }
}

/**
 * The working time of [fromMs, toMs) as maximal spans [start, end), in time order, clipped to the range. Lazy: a
 * caller that stops early does not pay for the rest.
 */
export function* workingIntervals(cal: BusinessCalendar, fromMs: number, toMs: number): Generator<Span> {
  assertInstant(fromMs, 'from');
  assertInstant(toMs, 'to');
  if (toMs <= fromMs) return;
  let pending: Span | undefined;
  for (const span of orderedWorkingSpans(cal, fromMs, toMs, Number.POSITIVE_INFINITY)) {
    if (pending !== undefined && span.start <= pending.end) {
      pending = { start: pending.start, end: Math.max(pending.end, span.end) };
    } else {
      if (pending !== undefined) yield pending;
      pending = span;
    }
  }
  if (pending !== undefined) yield pending;
}

/**
 * The due date of a target: the earliest instant t ≥ fromMs with businessTimeBetween(cal, fromMs, t) = durationMs.
 * A duration of 0 gives fromMs itself, working time or not. Null when the calendar has no working time at all, or
 * when the duration is not used up within BUSINESS_TIME_HORIZON_DAYS local days.
 */
export function addBusinessTime(cal: BusinessCalendar, fromMs: number, durationMs: number): number | null {
  assertInstant(fromMs, 'from');
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`duration ${durationMs} is not a non-negative number of milliseconds`);
  }
  if (durationMs === 0) return fromMs;
  if (!cal.hasAnyWorkingTime) return null;
  // orderedWorkingSpans, without its objects: a due date or a breach instant is sought for every breached or running
  // clock. The spans not yet let out are kept as [start, end] pairs in time order. Two local days never share an
  // instant, so they are disjoint; spans that touch need no merging, since the instant found is the same either way.
  let remaining = durationMs;
  const pending: number[] = [];
  let head = 0;
  const firstDay = firstDayReaching(fromMs);
  for (let day = firstDay; day < firstDay + BUSINESS_TIME_HORIZON_DAYS; day++) {
    for (const span of workingSpansOfDay(cal, day)) {
      const start = Math.max(span.start, fromMs);
      if (start < span.end) insertInOrder(pending, head, start, span.end);
    }
    // Every instant of a later local day is at or after this bound.
    const bound = (day + 1) * MS_PER_DAY - LOCAL_DAY_REACH_MS;
    while (head < pending.length && pending[head]! < bound) {
      const start = pending[head]!;
      const end = pending[head + 1]!;
      const length = Math.min(end, bound) - start;
      if (remaining <= length) return start + remaining;
      remaining -= length;
      if (end > bound) {
        pending[head] = bound;
        break;
      }
      head += 2;
    }
    if (head === pending.length) {
      pending.length = 0;
      head = 0;
    }
  }
  return null;
}

/** Inserts the span [start, end) into the pairs of `pending` from `head` on, which are in time order. */
function insertInOrder(pending: number[], head: number, start: number, end: number): void {
  let at = pending.length;
  while (at > head && pending[at - 2]! > start) at -= 2;
  if (at === pending.length) pending.push(start, end);
  else pending.splice(at, 0, start, end);
}
