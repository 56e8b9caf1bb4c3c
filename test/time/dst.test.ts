import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  startOfLocalDay,
  workingIntervals,
  workingIntervalsOfDay,
} from '../../src/time/index.js';
import type { BusinessCalendar } from '../../src/time/index.js';
import { H, M, at, calendar, everyDay, weekdays } from './helpers.js';

/** The working time of one local date, summed over its spans. */
function dayLength(cal: BusinessCalendar, date: string): number {
  return workingIntervalsOfDay(cal, date).reduce((sum, span) => sum + span.end - span.start, 0);
}

describe('US DST in America/New_York (2026-03-08 spring forward 02:00→03:00, 2026-11-01 fall back 02:00→01:00)', () => {
  const zone = 'America/New_York';
  const always = compileCalendar(calendar(zone, everyDay(['00:00-24:00'])));

  it('a 24x7 day lasts 23h in spring and 25h in autumn', () => {
    // 03-08 00:00 EST = 05:00Z; 03-09 00:00 EDT = 04:00Z → 23h.
    expect(workingIntervalsOfDay(always, '2026-03-08')).toEqual([
      { start: at('2026-03-08T05:00:00Z'), end: at('2026-03-09T04:00:00Z') },
    ]);
    // 11-01 00:00 EDT = 04:00Z; 11-02 00:00 EST = 05:00Z → 25h.
    expect(workingIntervalsOfDay(always, '2026-11-01')).toEqual([
      { start: at('2026-11-01T04:00:00Z'), end: at('2026-11-02T05:00:00Z') },
    ]);
    expect(dayLength(always, '2026-03-07')).toBe(24 * H);
    expect(dayLength(always, '2026-03-08')).toBe(23 * H);
    expect(dayLength(always, '2026-11-01')).toBe(25 * H);
    expect(dayLength(always, '2026-11-02')).toBe(24 * H);
  });

  it('measures a local day from midnight to midnight the same way', () => {
    const day = (date: string, next: string) =>
      businessTimeBetween(always, startOfLocalDay(zone, date), startOfLocalDay(zone, next));
    expect(day('2026-03-08', '2026-03-09')).toBe(23 * H);
    expect(day('2026-11-01', '2026-11-02')).toBe(25 * H);
  });

  it('leaves 9–17 untouched: 8h on the change day and 8h each weekday either side', () => {
    const nineToFiveDaily = compileCalendar(calendar(zone, everyDay(['09:00-17:00'])));
    // 03-08 09:00 EDT = 13:00Z … 17:00 EDT = 21:00Z (the change was at 02:00, before the interval).
    expect(workingIntervalsOfDay(nineToFiveDaily, '2026-03-08')).toEqual([
      { start: at('2026-03-08T13:00:00Z'), end: at('2026-03-08T21:00:00Z') },
    ]);
    expect(dayLength(nineToFiveDaily, '2026-11-01')).toBe(8 * H);

    const office = compileCalendar(calendar(zone, weekdays(['09:00-17:00'])));
    // Fri 03-06 09:00 EST → Mon 03-09 17:00 EDT: Fri 8h + Mon 8h = 16h (the wall time is 79h: 14:00Z → 21:00Z + 3 days).
    expect(businessTimeBetween(office, at('2026-03-06T09:00:00-05:00'), at('2026-03-09T17:00:00-04:00'))).toBe(16 * H);
    // Fri 10-30 09:00 EDT → Mon 11-02 17:00 EST: 16h.
    expect(businessTimeBetween(office, at('2026-10-30T09:00:00-04:00'), at('2026-11-02T17:00:00-05:00'))).toBe(16 * H);
    // Fri 16:00 EST + 4h: 1h on Friday, Mon 09:00 EDT + 3h = 12:00 EDT.
    expect(addBusinessTime(office, at('2026-03-06T16:00:00-05:00'), 4 * H)).toBe(at('2026-03-09T12:00:00-04:00'));
  });

  it('a night interval 00:00–04:00 holds 3h in spring and 5h in autumn', () => {
    const night = compileCalendar(calendar(zone, everyDay(['00:00-04:00'])));
    // 00:00 EST = 05:00Z … 02:00 EST = 07:00Z, the clock jumps to 03:00 EDT = 07:00Z … 04:00 EDT = 08:00Z → 3h.
    expect(workingIntervalsOfDay(night, '2026-03-08')).toEqual([
      { start: at('2026-03-08T05:00:00Z'), end: at('2026-03-08T08:00:00Z') },
    ]);
    // 00:00 EDT = 04:00Z … 02:00 EDT = 06:00Z = 01:00 EST … 04:00 EST = 09:00Z → 5h.
    expect(workingIntervalsOfDay(night, '2026-11-01')).toEqual([
      { start: at('2026-11-01T04:00:00Z'), end: at('2026-11-01T09:00:00Z') },
    ]);
    expect(dayLength(night, '2026-03-08')).toBe(3 * H);
    expect(dayLength(night, '2026-11-01')).toBe(5 * H);
  });

  it('a skipped hour does not exist and a repeated hour counts twice', () => {
    const skipped = compileCalendar(calendar(zone, everyDay(['02:00-03:00'])));
    expect(workingIntervalsOfDay(skipped, '2026-03-08')).toEqual([]); // 02:00–03:00 never reads on 03-08
    expect(dayLength(skipped, '2026-03-09')).toBe(1 * H);

    const earlyHours = compileCalendar(calendar(zone, everyDay(['01:00-04:00'])));
    // 01:00 EST = 06:00Z … 02:00 EST = 07:00Z = 03:00 EDT … 04:00 EDT = 08:00Z → 2h.
    expect(dayLength(earlyHours, '2026-03-08')).toBe(2 * H);

    const repeated = compileCalendar(calendar(zone, everyDay(['01:00-02:00'])));
    // 01:00 EDT = 05:00Z … 01:00 EST = 06:00Z … 02:00 EST = 07:00Z: one span of 2h.
    expect(workingIntervalsOfDay(repeated, '2026-11-01')).toEqual([
      { start: at('2026-11-01T05:00:00Z'), end: at('2026-11-01T07:00:00Z') },
    ]);
    // A due date that falls in the second pass of the hour: 05:00Z + 90m = 06:30Z = 01:30 EST.
    expect(addBusinessTime(repeated, at('2026-11-01T00:00:00-04:00'), 90 * M)).toBe(at('2026-11-01T01:30:00-05:00'));
  });
});

describe('EU DST in Europe/Berlin (2026-03-29 02:00→03:00, 2026-10-25 03:00→02:00)', () => {
  const zone = 'Europe/Berlin';

  it('a 24x7 day lasts 23h and 25h', () => {
    const always = compileCalendar(calendar(zone, everyDay(['00:00-24:00'])));
    // 03-29 00:00 CET = 03-28 23:00Z; 03-30 00:00 CEST = 03-29 22:00Z → 23h.
    expect(workingIntervalsOfDay(always, '2026-03-29')).toEqual([
      { start: at('2026-03-28T23:00:00Z'), end: at('2026-03-29T22:00:00Z') },
    ]);
    // 10-25 00:00 CEST = 10-24 22:00Z; 10-26 00:00 CET = 10-25 23:00Z → 25h.
    expect(dayLength(always, '2026-10-25')).toBe(25 * H);
    expect(dayLength(always, '2026-03-29')).toBe(23 * H);
  });

  it('a night interval 00:00–04:00 holds 3h and 5h; 02:00–03:00 holds 0h and 2h', () => {
    const night = compileCalendar(calendar(zone, everyDay(['00:00-04:00'])));
    // 00:00 CET = 23:00Z … 02:00 CET = 01:00Z = 03:00 CEST … 04:00 CEST = 02:00Z → 3h.
    expect(dayLength(night, '2026-03-29')).toBe(3 * H);
    // 00:00 CEST = 22:00Z … 03:00 CEST = 01:00Z = 02:00 CET … 04:00 CET = 03:00Z → 5h.
    expect(dayLength(night, '2026-10-25')).toBe(5 * H);

    const twoToThree = compileCalendar(calendar(zone, everyDay(['02:00-03:00'])));
    expect(dayLength(twoToThree, '2026-03-29')).toBe(0);
    // 02:00 CEST = 00:00Z … 02:00 CET = 01:00Z … 03:00 CET = 02:00Z → 2h.
    expect(workingIntervalsOfDay(twoToThree, '2026-10-25')).toEqual([
      { start: at('2026-10-25T00:00:00Z'), end: at('2026-10-25T02:00:00Z') },
    ]);
  });

  it('leaves 9–17 Mon–Fri untouched across both weekends', () => {
    const office = compileCalendar(calendar(zone, weekdays(['09:00-17:00'])));
    // Fri 03-27 09:00 CET → Mon 03-30 17:00 CEST: 8h + 8h.
    expect(businessTimeBetween(office, at('2026-03-27T09:00:00+01:00'), at('2026-03-30T17:00:00+02:00'))).toBe(16 * H);
    // Fri 10-23 09:00 CEST → Mon 10-26 17:00 CET: 8h + 8h.
    expect(businessTimeBetween(office, at('2026-10-23T09:00:00+02:00'), at('2026-10-26T17:00:00+01:00'))).toBe(16 * H);
  });
});

describe('half-hour DST in Australia/Lord_Howe (2026-04-05 02:00→01:30, 2026-10-04 02:00→02:30)', () => {
  const zone = 'Australia/Lord_Howe';

  it('a 24x7 day lasts 24.5h and 23.5h', () => {
    const always = compileCalendar(calendar(zone, everyDay(['00:00-24:00'])));
    expect(dayLength(always, '2026-04-05')).toBe(24.5 * H);
    expect(dayLength(always, '2026-10-04')).toBe(23.5 * H);
  });

  it('repeats 01:30–02:00 and skips 02:00–02:30', () => {
    const halfHours = compileCalendar(calendar(zone, everyDay(['01:30-02:30'])));
    // April: 01:30–02:00 twice (+11:00 then +10:30) and 02:00–02:30 once → 1.5h.
    expect(dayLength(halfHours, '2026-04-05')).toBe(1.5 * H);
    // October: 01:30–02:00 once, 02:00–02:30 never → 0.5h.
    expect(dayLength(halfHours, '2026-10-04')).toBe(0.5 * H);
  });
});

describe('clock changes at midnight', () => {
  it('America/Santiago: Saturday 2026-04-04 repeats 23:00–24:00 (25h); Sunday 2026-09-06 starts at 01:00 (23h)', () => {
    const always = compileCalendar(calendar('America/Santiago', everyDay(['00:00-24:00'])));
    // 04-04 00:00 −03 = 03:00Z; at 04-05 03:00Z the clock goes from 00:00 −03 back to 23:00 −04; 04-05 00:00 −04 = 04:00Z.
    expect(workingIntervalsOfDay(always, '2026-04-04')).toEqual([
      { start: at('2026-04-04T03:00:00Z'), end: at('2026-04-05T04:00:00Z') },
    ]);
    // At 09-06 04:00Z the clock goes from 00:00 −04 to 01:00 −03, so the day starts then; 09-07 00:00 −03 = 03:00Z.
    expect(workingIntervalsOfDay(always, '2026-09-06')).toEqual([
      { start: at('2026-09-06T04:00:00Z'), end: at('2026-09-07T03:00:00Z') },
    ]);
    expect(startOfLocalDay('America/Santiago', '2026-09-06')).toBe(at('2026-09-06T04:00:00Z'));
    const midnightShift = compileCalendar(calendar('America/Santiago', everyDay(['00:00-01:00'])));
    expect(dayLength(midnightShift, '2026-09-06')).toBe(0); // 00:00–01:00 never reads that day
  });

  // St John's fell back from 00:01 NDT (−02:30) to 23:01 NST (−03:30) the previous day until 2011: on 2010-11-07 the
  // clock read Sat 23:59, Sun 00:00, then Sat 23:01 again at 02:31Z, and Sun 00:00 again at 03:30Z. The two dates
  // interleave, so working time must be put in time order, not in date order.
  const zone = 'America/St_Johns';

  it('St John’s 2010: Saturday lasts 24h59m in two pieces, Sunday 24h01m in two pieces', () => {
    const always = compileCalendar(calendar(zone, everyDay(['00:00-24:00'])));
    // Sat 00:00 NDT = 11-06 02:30Z … 02:30Z on 11-07, then 23:01 NST = 02:31Z … 24:00 NST = 03:30Z.
    expect(workingIntervalsOfDay(always, '2010-11-06')).toEqual([
      { start: at('2010-11-06T02:30:00Z'), end: at('2010-11-07T02:30:00Z') },
      { start: at('2010-11-07T02:31:00Z'), end: at('2010-11-07T03:30:00Z') },
    ]);
    // Sun 00:00–00:01 NDT = 02:30Z–02:31Z, then 00:00 NST = 03:30Z … Mon 00:00 NST = 11-08 03:30Z.
    expect(workingIntervalsOfDay(always, '2010-11-07')).toEqual([
      { start: at('2010-11-07T02:30:00Z'), end: at('2010-11-07T02:31:00Z') },
      { start: at('2010-11-07T03:30:00Z'), end: at('2010-11-08T03:30:00Z') },
    ]);
    const from = at('2010-11-06T02:30:00Z');
    const to = at('2010-11-08T03:30:00Z');
    expect([...workingIntervals(always, from, to)]).toEqual([{ start: from, end: to }]);
  });

  it('St John’s 2010: a due date runs through the interleaved minutes in time order', () => {
    // Saturday 23:00–24:00 and Sunday 00:00–01:00. Saturday's hour: 23:00 NDT = 01:30Z … 02:30Z, and again
    // 23:01 NST = 02:31Z … 03:30Z. Sunday's: 00:00 NDT = 02:30Z … 02:31Z, and 00:00 NST = 03:30Z … 04:30Z.
    // Together, one stretch 01:30Z–04:30Z = 3h.
    const lateShift = compileCalendar(calendar(zone, { saturday: ['23:00-24:00'], sunday: ['00:00-01:00'] }));
    const from = at('2010-11-07T01:00:00Z');
    expect([...workingIntervals(lateShift, from, at('2010-11-07T06:00:00Z'))]).toEqual([
      { start: at('2010-11-07T01:30:00Z'), end: at('2010-11-07T04:30:00Z') },
    ]);
    // 61 minutes from 01:30Z: Saturday's first 60 (to 02:30Z), then Sunday's minute → 02:31Z.
    expect(addBusinessTime(lateShift, from, 61 * M)).toBe(at('2010-11-07T02:31:00Z'));
    expect(businessTimeBetween(lateShift, from, at('2010-11-07T02:31:00Z'))).toBe(61 * M);
  });
});
