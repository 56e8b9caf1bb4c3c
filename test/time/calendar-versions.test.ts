import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessDayMinutesAt,
  businessTimeBetween,
  compileCalendar,
  hasUniformDaysInEveryVersion,
  uniformDayLength,
} from '../../src/time/index.js';
import { H, at, calendar, weekdays } from './helpers.js';

// Mon–Fri 09:00–17:00 (8h) in Berlin until 30 June 2026; from Wednesday 1 July 2026 Mon–Fri 08:00–14:00 (6h).
// Summer: Berlin is UTC+2 (CEST) throughout. Holidays carry their own dates and apply under either version.
const spec = calendar('Europe/Berlin', weekdays(['09:00-17:00']), {
  versions: [{ from: '2026-07-01', note: 'summer hours', hours: weekdays(['08:00-14:00']) }],
  holidays: [{ date: '2026-07-03', name: 'Company day' }],
});
const cal = compileCalendar(spec);

describe('calendar versions: the weekly hours in force on each local day', () => {
  it('counts the old hours before the version and the new hours from its first day', () => {
    // Mon 29 June 09:00 → Fri 3 July 17:00: Mon 8h + Tue 8h (old) + Wed 6h + Thu 6h (new) + Fri 0 (holiday) = 28h.
    expect(businessTimeBetween(cal, at('2026-06-29T09:00:00+02:00'), at('2026-07-03T17:00:00+02:00'))).toBe(28 * H);
  });

  it('adds business time across the boundary with each day’s own hours', () => {
    // Tue 30 June 15:00 + 4h: 15:00–17:00 = 2h (old hours), then Wed 1 July 08:00 + 2h = 10:00 (new hours).
    expect(addBusinessTime(cal, at('2026-06-30T15:00:00+02:00'), 4 * H)).toBe(at('2026-07-01T10:00:00+02:00'));
    // Tue 30 June 16:00 + 14h: 1h Tue, 6h Wed, 6h Thu, Fri holiday, weekend, Mon 6 July 08:00 + 1h = 09:00.
    expect(addBusinessTime(cal, at('2026-06-30T16:00:00+02:00'), 14 * H)).toBe(at('2026-07-06T09:00:00+02:00'));
  });

  it('changes on the local date in the calendar’s zone, not in UTC', () => {
    // 2026-06-30T22:30Z is already 1 July 00:30 in Berlin: the new version's 6h business day.
    expect(businessDayMinutesAt(cal, at('2026-06-30T21:59:00Z'))).toBe(8 * 60);
    expect(businessDayMinutesAt(cal, at('2026-06-30T22:30:00Z'))).toBe(6 * 60);
    // The base version's length is what uniformDayLength still reports.
    expect(uniformDayLength(spec)).toBe(8 * 60);
  });

  it('picks the last version that has started, whatever the order they are written in', () => {
    const three = compileCalendar(
      calendar('UTC', weekdays(['09:00-17:00']), {
        versions: [
          { from: '2027-01-01', hours: weekdays(['09:00-12:00']) },
          { from: '2026-01-01', hours: weekdays(['09:00-13:00']) },
        ],
      }),
    );
    // Thursdays: 2025-12-25 base 8h, 2026-12-31 4h, 2027-01-07 3h.
    expect(businessDayMinutesAt(three, at('2025-12-25T12:00:00Z'))).toBe(480);
    expect(businessDayMinutesAt(three, at('2026-12-31T12:00:00Z'))).toBe(240);
    expect(businessDayMinutesAt(three, at('2027-01-07T12:00:00Z'))).toBe(180);
  });

  it('has one business-day length per version only when each version’s working days are equal', () => {
    expect(hasUniformDaysInEveryVersion(spec)).toBe(true);
    const uneven = calendar('UTC', weekdays(['09:00-17:00']), {
      versions: [{ from: '2026-07-01', hours: { ...weekdays(['09:00-17:00']), friday: ['09:00-12:00'] } }],
    });
    expect(hasUniformDaysInEveryVersion(uneven)).toBe(false);
    expect(businessDayMinutesAt(compileCalendar(uneven), at('2026-07-01T12:00:00Z'))).toBeNull();
  });

  it('lets the document’s holiday win over an extra holiday on the same date', () => {
    const both = compileCalendar(spec, { holidays: [{ date: '2026-07-03', name: 'From the file' }, { date: '2026-07-02', name: 'Also from the file' }] });
    expect(both.holidays.get(20637)).toBe('Company day'); // 2026-07-03 is day 20637 since 1970-01-01
    // Wed 1 July 08:00 → Fri 3 July 14:00: Wed 6h, Thu holiday (file), Fri holiday (document) = 6h.
    expect(businessTimeBetween(both, at('2026-07-01T08:00:00+02:00'), at('2026-07-03T14:00:00+02:00'))).toBe(6 * H);
  });
});
