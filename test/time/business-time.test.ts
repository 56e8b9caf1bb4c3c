import { describe, expect, it } from 'vitest';
import { BUILTIN_24X7 } from '../../src/model/calendar.js';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  workingIntervals,
  workingIntervalsOfDay,
} from '../../src/time/index.js';
import { H, M, at, calendar, weekdays } from './helpers.js';

// 9–17 Monday to Friday in New York, with Thanksgiving and Christmas off and a half day on Christmas Eve.
// Weekdays used below (2026): Fri 10-02, Sat 10-03, Mon 10-05; Wed 11-25, Thu 11-26 (Thanksgiving), Fri 11-27;
// Thu 12-24 (half day), Fri 12-25 (Christmas), Mon 12-28. October is EDT (−04:00); late November and December EST (−05:00).
const office = compileCalendar(
  calendar('America/New_York', weekdays(['09:00-17:00']), {
    holidays: [
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ],
    specialDays: [{ date: '2026-12-24', name: 'Christmas Eve', hours: ['09:00-13:00'] }],
  }),
);

describe('businessTimeBetween on a 9–17 Mon–Fri calendar (America/New_York)', () => {
  it('counts only the working hours on either side of a weekend', () => {
    // Fri 16:00–17:00 = 1h; Sat, Sun = 0; Mon 09:00–10:00 = 1h → 2h.
    expect(businessTimeBetween(office, at('2026-10-02T16:00:00-04:00'), at('2026-10-05T10:00:00-04:00'))).toBe(2 * H);
  });

  it('counts a ticket opened on Saturday from Monday 09:00', () => {
    // Sat 11:00 → Mon 10:30: Sat, Sun = 0; Mon 09:00–10:30 = 1.5h.
    expect(businessTimeBetween(office, at('2026-10-03T11:00:00-04:00'), at('2026-10-05T10:30:00-04:00'))).toBe(1.5 * H);
  });

  it('counts nothing from Friday evening to Monday before nine, and only Monday after nine', () => {
    // Fri 18:00 → Mon 08:30: all outside hours = 0.
    expect(businessTimeBetween(office, at('2026-10-02T18:00:00-04:00'), at('2026-10-05T08:30:00-04:00'))).toBe(0);
    // Fri 18:00 → Mon 09:45: Mon 09:00–09:45 = 45m.
    expect(businessTimeBetween(office, at('2026-10-02T18:00:00-04:00'), at('2026-10-05T09:45:00-04:00'))).toBe(45 * M);
  });

  it('skips a holiday', () => {
    // Wed 16:00–17:00 = 1h; Thu (Thanksgiving) = 0; Fri 09:00–10:00 = 1h → 2h.
    expect(businessTimeBetween(office, at('2026-11-25T16:00:00-05:00'), at('2026-11-27T10:00:00-05:00'))).toBe(2 * H);
    // Inside the holiday itself: 0.
    expect(businessTimeBetween(office, at('2026-11-26T09:00:00-05:00'), at('2026-11-26T17:00:00-05:00'))).toBe(0);
  });

  it('uses the hours of a special half day instead of the weekday’s', () => {
    // Thu 12-24 09:00–13:00 = 4h; Fri 12-25 holiday = 0; weekend = 0; Mon 12-28 09:00–10:00 = 1h → 5h.
    expect(businessTimeBetween(office, at('2026-12-24T08:00:00-05:00'), at('2026-12-28T10:00:00-05:00'))).toBe(5 * H);
    // Thu 12:00 → 15:00: only 12:00–13:00 works that day = 1h.
    expect(businessTimeBetween(office, at('2026-12-24T12:00:00-05:00'), at('2026-12-24T15:00:00-05:00'))).toBe(1 * H);
  });

  it('is 0 for an empty or reversed range', () => {
    const t = at('2026-10-05T10:00:00-04:00');
    expect(businessTimeBetween(office, t, t)).toBe(0);
    expect(businessTimeBetween(office, t + H, t)).toBe(0);
  });

  it('measures a year in whole weeks', () => {
    // Mon 2026-01-05 00:00 → Mon 2027-01-04 00:00 = 52 weeks × 5 days × 8h = 2080h, minus Thanksgiving (8h) and
    // Christmas Day (8h), minus the 4h Christmas Eve does not work (Thu, 8h → 4h) = 2080 − 20 = 2060h.
    expect(businessTimeBetween(office, at('2026-01-05T00:00:00-05:00'), at('2027-01-04T00:00:00-05:00'))).toBe(2060 * H);
  });
});

describe('several intervals a day (Europe/Berlin, 08:00–12:00 and 13:00–17:00 Mon–Fri)', () => {
  const lunch = compileCalendar(calendar('Europe/Berlin', weekdays(['08:00-12:00', '13:00-17:00'])));
  // Mon 2026-10-05 is CEST (+02:00).

  it('leaves out the lunch gap', () => {
    // 10:00–12:00 = 2h; 12:00–13:00 lunch = 0; 13:00–14:30 = 1.5h → 3.5h.
    expect(businessTimeBetween(lunch, at('2026-10-05T10:00:00+02:00'), at('2026-10-05T14:30:00+02:00'))).toBe(3.5 * H);
    // 11:30–12:00 = 30m; 13:00–13:30 = 30m → 1h.
    expect(businessTimeBetween(lunch, at('2026-10-05T11:30:00+02:00'), at('2026-10-05T13:30:00+02:00'))).toBe(1 * H);
    // Within lunch: 0.
    expect(businessTimeBetween(lunch, at('2026-10-05T12:00:00+02:00'), at('2026-10-05T13:00:00+02:00'))).toBe(0);
  });

  it('has two spans a day and 8h in all', () => {
    // 08:00+02:00 = 06:00Z … 12:00+02:00 = 10:00Z; 13:00+02:00 = 11:00Z … 17:00+02:00 = 15:00Z.
    expect(workingIntervalsOfDay(lunch, '2026-10-05')).toEqual([
      { start: at('2026-10-05T06:00:00Z'), end: at('2026-10-05T10:00:00Z') },
      { start: at('2026-10-05T11:00:00Z'), end: at('2026-10-05T15:00:00Z') },
    ]);
  });

  it('merges overlapping intervals instead of counting them twice', () => {
    const overlapping = compileCalendar(calendar('UTC', weekdays(['08:00-12:00', '10:00-14:00'])));
    // 08:00–14:00 once = 6h.
    expect(businessTimeBetween(overlapping, at('2026-10-05T00:00:00Z'), at('2026-10-06T00:00:00Z'))).toBe(6 * H);
  });
});

describe('workingIntervals', () => {
  it('yields the working spans in order, clipped to the range', () => {
    // Fri 10-02 12:00 → Tue 10-06 10:00 (EDT, 09:00 = 13:00Z, 17:00 = 21:00Z).
    const spans = [...workingIntervals(office, at('2026-10-02T12:00:00-04:00'), at('2026-10-06T10:00:00-04:00'))];
    expect(spans).toEqual([
      { start: at('2026-10-02T16:00:00Z'), end: at('2026-10-02T21:00:00Z') }, // Fri 12:00–17:00
      { start: at('2026-10-05T13:00:00Z'), end: at('2026-10-05T21:00:00Z') }, // Mon 09:00–17:00
      { start: at('2026-10-06T13:00:00Z'), end: at('2026-10-06T14:00:00Z') }, // Tue 09:00–10:00
    ]);
  });

  it('yields one span for a 24x7 range, whatever days it crosses', () => {
    const always = compileCalendar(BUILTIN_24X7.spec);
    const from = at('2026-10-01T10:17:00Z');
    const to = at('2026-10-09T03:00:00Z');
    expect([...workingIntervals(always, from, to)]).toEqual([{ start: from, end: to }]);
  });

  it('yields nothing for an empty range', () => {
    const t = at('2026-10-05T10:00:00-04:00');
    expect([...workingIntervals(office, t, t)]).toEqual([]);
  });
});

describe('addBusinessTime (due dates)', () => {
  it('carries the remainder over the weekend', () => {
    // Fri 16:00 + 4h: Fri 16:00–17:00 uses 1h, 3h remain; Mon 09:00 + 3h = Mon 12:00.
    expect(addBusinessTime(office, at('2026-10-02T16:00:00-04:00'), 4 * H)).toBe(at('2026-10-05T12:00:00-04:00'));
  });

  it('ends at the close of the day when the time runs out exactly then, not at the next opening', () => {
    // Fri 16:00 + 1h = Fri 17:00 (the earliest instant at which 1h has elapsed).
    expect(addBusinessTime(office, at('2026-10-02T16:00:00-04:00'), 1 * H)).toBe(at('2026-10-02T17:00:00-04:00'));
  });

  it('starts the clock at the next opening when it starts outside hours', () => {
    // Sat 11:00 + 30m: nothing until Mon 09:00; Mon 09:00 + 30m = 09:30.
    expect(addBusinessTime(office, at('2026-10-03T11:00:00-04:00'), 30 * M)).toBe(at('2026-10-05T09:30:00-04:00'));
  });

  it('skips a holiday', () => {
    // Wed 11-25 16:00 + 4h: Wed 1h, 3h remain; Thu Thanksgiving 0; Fri 09:00 + 3h = Fri 12:00.
    expect(addBusinessTime(office, at('2026-11-25T16:00:00-05:00'), 4 * H)).toBe(at('2026-11-27T12:00:00-05:00'));
  });

  it('uses a special half day and skips the holiday after it', () => {
    // Thu 12-24 12:00 + 3h: 12:00–13:00 uses 1h, 2h remain; Fri 12-25 holiday; weekend; Mon 12-28 09:00 + 2h = 11:00.
    expect(addBusinessTime(office, at('2026-12-24T12:00:00-05:00'), 3 * H)).toBe(at('2026-12-28T11:00:00-05:00'));
  });

  it('returns the start for a duration of 0, working time or not', () => {
    const saturday = at('2026-10-03T11:00:00-04:00');
    expect(addBusinessTime(office, saturday, 0)).toBe(saturday);
  });

  it('is plain addition on 24x7', () => {
    const always = compileCalendar(BUILTIN_24X7.spec);
    const from = at('2026-10-02T16:00:00Z');
    // 4h, 3 days and 400 days later: every instant works.
    for (const duration of [4 * H, 72 * H, 400 * 24 * H]) {
      expect(addBusinessTime(always, from, duration)).toBe(from + duration);
    }
  });

  // How long these two take is measured by bench/scale.js, not asserted here: a busy machine must not fail a test.
  it('returns null for a calendar with no working time', () => {
    const never = compileCalendar(calendar('America/New_York', { monday: [], saturday: [] }));
    expect(addBusinessTime(never, at('2026-10-02T16:00:00-04:00'), 1 * H)).toBeNull();
  });

  it('returns null, bounded, when the only working time is used up', () => {
    // One special day with 1h of work and nothing else: 30m fits (2026-01-05 09:00 + 30m); 2h never does.
    const once = compileCalendar(
      calendar('Europe/Berlin', {}, { specialDays: [{ date: '2026-01-05', name: 'Stocktake', hours: ['09:00-10:00'] }] }),
    );
    expect(addBusinessTime(once, at('2026-01-01T00:00:00+01:00'), 30 * M)).toBe(at('2026-01-05T09:30:00+01:00'));
    // Scans 5 years of (empty) days, then gives up.
    expect(addBusinessTime(once, at('2026-01-01T00:00:00+01:00'), 2 * H)).toBeNull();
  });

  it('refuses a negative duration', () => {
    expect(() => addBusinessTime(office, at('2026-10-02T16:00:00-04:00'), -1)).toThrow(RangeError);
  });
});

describe('a whole year', () => {
  // How fast this is (a cold year, then a thousand three-week tickets) is measured by bench/scale.js.
  it('of a 9–17 calendar is its weekdays times eight hours', () => {
    const fresh = compileCalendar(calendar('America/New_York', weekdays(['09:00-17:00'])));
    // 2026 starts on a Thursday: 52 weeks hold 260 weekdays, and Thursday 31 December is one more → 261 × 8h = 2088h.
    expect(businessTimeBetween(fresh, at('2026-01-01T00:00:00-05:00'), at('2027-01-01T00:00:00-05:00'))).toBe(261 * 8 * H);
  });
});
