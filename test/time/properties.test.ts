import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_24X7, WEEKDAYS } from '../../src/model/calendar.js';
import type { CalendarSpec } from '../../src/model/calendar.js';
import {
  BUSINESS_TIME_HORIZON_DAYS,
  MS_PER_DAY,
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  describeSegments,
  workingIntervals,
} from '../../src/time/index.js';
import type { Segment } from '../../src/time/index.js';
import { H, everyDay } from './helpers.js';

const RUNS = { numRuns: 200 };

// Lord_Howe moves by 30 minutes; Kolkata and UTC never move; St_Johns is at −03:30/−02:30.
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'America/St_Johns'];

// Uniform instants in 2026–2027 rarely land on a clock change, so half of them are drawn within 3 days of one.
const CHANGES = [
  '2026-03-08T07:00:00Z', // New York spring
  '2026-11-01T06:00:00Z', // New York autumn
  '2026-03-29T01:00:00Z', // Berlin spring
  '2026-10-25T01:00:00Z', // Berlin autumn
  '2026-04-04T15:00:00Z', // Lord Howe autumn
  '2026-10-03T15:30:00Z', // Lord Howe spring
  '2027-03-14T07:00:00Z', // New York spring 2027
  '2027-10-31T01:00:00Z', // Berlin autumn 2027
].map((iso) => Date.parse(iso));

const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
  fc
    .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * MS_PER_DAY, max: 3 * MS_PER_DAY }))
    .map(([change, delta]) => change + delta),
);

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** 0–3 intervals a day on a 15-minute grid, with the hours around the clock changes well represented. */
const dayHours = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => `${hhmm(Math.min(a, b) * 15)}-${hhmm(Math.max(a, b) * 15)}`),
  { maxLength: 3 },
);

const localDate = fc
  .integer({ min: Date.UTC(2026, 0, 1) / MS_PER_DAY, max: Date.UTC(2027, 11, 31) / MS_PER_DAY })
  .map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10));

const calendarSpec: fc.Arbitrary<CalendarSpec> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  hours: fc.record(Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<string, typeof dayHours>),
  holidays: fc.array(fc.record({ date: localDate, name: fc.constantFrom('Holiday A', 'Holiday B') }), {
    maxLength: 5,
  }),
  specialDays: fc.array(fc.record({ date: localDate, name: fc.constant('Special'), hours: dayHours }), {
    maxLength: 5,
  }),
});

/** Three instants in order. */
const ordered3 = fc.tuple(instant, instant, instant).map((xs) => xs.sort((x, y) => x - y) as [number, number, number]);

// An independent reading of the definition, straight from Intl and the spec's strings: is instant t working time?
const formatters = new Map<string, Intl.DateTimeFormat>();
function isWorkingByDefinition(spec: CalendarSpec, t: number): boolean {
  let format = formatters.get(spec.timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: spec.timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(spec.timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(t).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  const special = spec.specialDays?.find((s) => s.date === date);
  const holiday = spec.holidays?.some((h) => h.date === date);
  const weekday = String(parts.weekday).toLowerCase() as keyof CalendarSpec['hours'];
  const hours = special ? special.hours : holiday ? [] : (spec.hours[weekday] ?? []);
  return hours.some((interval) => {
    const [from, to] = interval.split('-').map((text) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5)));
    return from! <= minute && minute < to!;
  });
}

describe('business time properties', () => {
  it('agrees with the definition instant by instant', () => {
    fc.assert(
      fc.property(calendarSpec, instant, (spec, t) => {
        const cal = compileCalendar(spec);
        // Intervals are on a 15-minute grid and offsets whole minutes, so a minute is wholly in or out.
        const minute = Math.floor(t / 60_000) * 60_000;
        expect(businessTimeBetween(cal, minute, minute + 60_000)).toBe(
          isWorkingByDefinition(spec, minute) ? 60_000 : 0,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('is additive: business(a, c) = business(a, b) + business(b, c)', () => {
    fc.assert(
      fc.property(calendarSpec, ordered3, (spec, [a, b, c]) => {
        const cal = compileCalendar(spec);
        expect(businessTimeBetween(cal, a, c)).toBe(businessTimeBetween(cal, a, b) + businessTimeBetween(cal, b, c));
      }),
      RUNS,
    );
  });

  it('is between 0 and the wall time', () => {
    fc.assert(
      fc.property(calendarSpec, ordered3, (spec, [a, b]) => {
        const business = businessTimeBetween(compileCalendar(spec), a, b);
        expect(business).toBeGreaterThanOrEqual(0);
        expect(business).toBeLessThanOrEqual(b - a);
      }),
      RUNS,
    );
  });

  it('equals wall time on 24x7, in UTC and in any zone', () => {
    const utc = compileCalendar(BUILTIN_24X7.spec);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), ordered3, (zone, [a, b]) => {
        expect(businessTimeBetween(utc, a, b)).toBe(b - a);
        const zoned = compileCalendar({ timeZone: zone, hours: everyDay(['00:00-24:00']) });
        expect(businessTimeBetween(zoned, a, b)).toBe(b - a);
      }),
      RUNS,
    );
  });

  it('addBusinessTime gives the earliest instant at which the duration has elapsed', () => {
    fc.assert(
      fc.property(calendarSpec, instant, fc.integer({ min: 1, max: 120 * H }), (spec, a, d) => {
        const cal = compileCalendar(spec);
        const due = addBusinessTime(cal, a, d);
        if (due === null) {
          // Only when the horizon holds less than d (the scan starts up to 2 days before a, hence the margin).
          expect(businessTimeBetween(cal, a, a + (BUSINESS_TIME_HORIZON_DAYS - 3) * MS_PER_DAY)).toBeLessThan(d);
          return;
        }
        expect(due).toBeGreaterThan(a);
        expect(businessTimeBetween(cal, a, due)).toBe(d);
        expect(businessTimeBetween(cal, a, due - 1)).toBeLessThan(d);
      }),
      RUNS,
    );
  });

  it('addBusinessTime finds the earliest instant where local dates interleave (St John’s fell back across midnight until 2011)', () => {
    // On 2010-11-07 the clock read Sun 00:00 NDT, then Sat 23:01 NST again: a due date must take the two dates' working
    // minutes in time order, which is what the pending spans of addBusinessTime keep (checked by businessTimeBetween).
    const fallBack = Date.parse('2010-11-07T02:31:00Z');
    // Saturday working until midnight and Sunday from midnight, each from a random quarter hour, so that the repeated
    // hour of Saturday and the first minute of Sunday are both working time.
    const stJohns = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }), dayHours).map(
      ([from, to, friday]): CalendarSpec => ({ timeZone: 'America/St_Johns', hours: { friday, saturday: [`${hhmm(from * 15)}-24:00`], sunday: [`00:00-${hhmm(to * 15)}`] } }),
    );
    fc.assert(
      fc.property(stJohns, fc.integer({ min: fallBack - 2 * MS_PER_DAY, max: fallBack + 2 * H }), fc.integer({ min: 1, max: 30 * H }), (spec, a, d) => {
        const cal = compileCalendar(spec);
        const due = addBusinessTime(cal, a, d);
        if (due === null) return;
        expect(businessTimeBetween(cal, a, due)).toBe(d);
        expect(businessTimeBetween(cal, a, due - 1)).toBeLessThan(d);
      }),
      RUNS,
    );
  });

  it('workingIntervals yields ordered, separate spans inside the range that add up to the business time', () => {
    fc.assert(
      fc.property(calendarSpec, ordered3, (spec, [a, , c]) => {
        const cal = compileCalendar(spec);
        const spans = [...workingIntervals(cal, a, c)];
        // Checked without expect() per span: thousands of spans over two years would make the test slow.
        const misplaced = spans.filter(
          (span, i) =>
            !(span.start < span.end && span.start >= a && span.end <= c) ||
            // strictly after the previous one: touching spans would have been merged
            (i > 0 && !(span.start > spans[i - 1]!.end)),
        );
        expect(misplaced).toEqual([]);
        const total = spans.reduce((sum, span) => sum + span.end - span.start, 0);
        expect(total).toBe(businessTimeBetween(cal, a, c));
      }),
      RUNS,
    );
  });

  it('describeSegments tiles the range, merges equal neighbours, and its working time is the business time', () => {
    fc.assert(
      fc.property(calendarSpec, ordered3, (spec, [a, b]) => {
        const cal = compileCalendar(spec);
        const segments = describeSegments(cal, a, b);
        const nameOf = (segment: Segment) => ('name' in segment ? segment.name : undefined);
        const broken = segments.filter((segment, i) => {
          const previous = segments[i - 1];
          const startsWhereThePreviousEnds = segment.start === (previous ? previous.end : a);
          const sameLabelAsPrevious =
            previous !== undefined && previous.kind === segment.kind && nameOf(previous) === nameOf(segment);
          return !startsWhereThePreviousEnds || !(segment.end > segment.start) || sameLabelAsPrevious;
        });
        expect(broken).toEqual([]);
        expect(segments.at(-1)?.end).toBe(b > a ? b : undefined);
        const working = segments
          .filter((segment) => segment.kind === 'working')
          .reduce((sum, segment) => sum + segment.end - segment.start, 0);
        expect(working).toBe(businessTimeBetween(cal, a, b));
      }),
      RUNS,
    );
  });
});
