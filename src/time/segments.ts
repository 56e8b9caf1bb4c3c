import { firstDayReaching, lastDayReaching } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import { MINUTES_PER_DAY, ruleOfDay, workingSpansOfDay } from './calendar.js';
import { assertInstant, instantsOfLocalInterval } from './zone.js';
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

function sameLabel(a: Segment, b: Segment): boolean {
  if (a.kind !== b.kind) return false;
  return !('name' in a) || !('name' in b) || a.name === b.name;
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
  const clip = (span: Span): Span | undefined => {
    const start = Math.max(span.start, fromMs);
    const end = Math.min(span.end, toMs);
    return start < end ? { start, end } : undefined;
  };
  const lastDay = lastDayReaching(toMs);
  for (let day = firstDayReaching(fromMs); day <= lastDay; day++) {
    const wholeDay = instantsOfLocalInterval(cal.offsets, day, 0, MINUTES_PER_DAY);
    if (!wholeDay.some((span) => clip(span) !== undefined)) continue;
    const working = workingSpansOfDay(cal, day);
    for (const span of working) {
      const clipped = clip(span);
      if (clipped) pieces.push({ ...clipped, kind: 'working' });
    }
    const rule = ruleOfDay(cal, day);
    for (const span of subtract(wholeDay, working)) {
      const clipped = clip(span);
      if (!clipped) continue;
      pieces.push(
        rule.kind === 'weekday' ? { ...clipped, kind: 'outside-hours' } : { ...clipped, kind: rule.kind, name: rule.name },
      );
    }
  }
  pieces.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  for (const piece of pieces) {
    const last = segments.at(-1);
    if (last !== undefined && last.end === piece.start && sameLabel(last, piece)) {
      segments[segments.length - 1] = { ...last, end: piece.end };
    } else {
      segments.push(piece);
    }
  }
  return segments;
}
