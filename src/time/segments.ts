import { firstDayReaching, lastDayReaching } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import { ruleOfDay, workingSpansOfDay } from './calendar.js';
import { assertInstant } from './zone.js';
import type { Span } from './zone.js';

/**
 * One stretch of a clock's story: working time, time outside the working hours of an ordinary day, a holiday, or the
 * closed part of a special day (a special day's working part is plain `working`).
 */
export type Segment =
  | { readonly start: number; readonly end: number; readonly kind: 'working' | 'outside-hours' }
  | { readonly start: number; readonly end: number; readonly kind: 'holiday' | 'special-day'; readonly name: string };

export type SegmentKind = Segment['kind'];

/** The parts of `outer` (sorted, disjoint) not covered by `inner` (sorted, disjoint). */
function subtract(outer: readonly Span[], inner: readonly Span[]): Span[] {
  const result: Span[] = [];
  for (const span of outer) {
    let cursor = span.start;
    for (const hole of inner) {
      if (hole.end <= cursor || hole.start >= span.end) continue;
      if (hole.start > cursor) result.push({ start: cursor, end: hole.start });
      cursor = Math.max(cursor, hole.end);
    }
    if (cursor < span.end) result.push({ start: cursor, end: span.end });
  }
  return result;
}

function withEnd(segment: Segment, end: number): Segment {
  return segment.kind === 'holiday' || segment.kind === 'special-day'
    ? { start: segment.start, end, kind: segment.kind, name: segment.name }
    : { start: segment.start, end, kind: segment.kind };
}

function nameOf(segment: Segment): string | undefined {
  return segment.kind === 'holiday' || segment.kind === 'special-day' ? segment.name : undefined;
}

function sameLabel(a: Segment, b: Segment): boolean {
  return a.kind === b.kind && nameOf(a) === nameOf(b);
}

/**
 * Splits [fromMs, toMs) into consecutive segments that together cover it exactly, each labelled with why the clock
 * did or did not run: `working`, `outside-hours`, `holiday` or `special-day` (with the holiday's or special day's
 * name). Adjacent segments with the same label are merged. This is the story `itsm sla explain` tells.
 */
export function describeSegments(cal: BusinessCalendar, fromMs: number, toMs: number): Segment[] {
  assertInstant(fromMs, 'from');
  assertInstant(toMs, 'to');
  if (toMs <= fromMs) return [];
  const pieces: Segment[] = [];
  const lastDay = lastDayReaching(toMs);
  for (let day = firstDayReaching(fromMs); day <= lastDay; day++) {
    const wholeDay = cal.offsets.spansOfLocalDay(day);
    if (!wholeDay.some((span) => span.start < toMs && span.end > fromMs)) continue;
    const working = workingSpansOfDay(cal, day);
    for (const span of working) {
      const start = Math.max(span.start, fromMs);
      const end = Math.min(span.end, toMs);
      if (start < end) pieces.push({ start, end, kind: 'working' });
    }
    const rule = ruleOfDay(cal, day);
    for (const span of subtract(wholeDay, working)) {
      const start = Math.max(span.start, fromMs);
      const end = Math.min(span.end, toMs);
      if (start >= end) continue;
      pieces.push(
        rule.kind === 'weekday'
          ? { start, end, kind: 'outside-hours' }
          : { start, end, kind: rule.kind, name: rule.name },
      );
    }
  }
  // Local days normally follow one another, but a zone falling back across midnight interleaves two of them.
  pieces.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  for (const piece of pieces) {
    const last = segments.at(-1);
    if (last !== undefined && last.end === piece.start && sameLabel(last, piece)) {
      segments[segments.length - 1] = withEnd(last, piece.end);
    } else {
      segments.push(piece);
    }
  }
  return segments;
}
