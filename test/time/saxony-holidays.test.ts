import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, compileCalendar, startOfLocalDay } from '../../src/time/index.js';
import { readHolidayFile } from '../../src/time/icalendar.js';
import { H, at, calendar, weekdays } from './helpers.js';

// Mon–Fri 08:00–16:00 in Europe/Berlin with the public holidays of Saxony from the iCalendar fixture: one business
// day (1bd) is 8 hours, so a 2bd target is 16 working hours. Berlin is UTC+2 from 29 March to 25 October 2026.
const holidays = readHolidayFile(readFileSync(new URL('../fixtures/calendar/saxony/holidays/de-sn.ics', import.meta.url), 'utf8')).holidays;
const saxony = compileCalendar(calendar('Europe/Berlin', weekdays(['08:00-16:00'])), { holidays });
const plain = compileCalendar(calendar('Europe/Berlin', weekdays(['08:00-16:00'])));
const TWO_BD = 16 * H;

describe('2bd clocks across the moving feasts of Saxony in 2026', () => {
  it('skips Good Friday (3 April) and Easter Monday (6 April)', () => {
    // Opened Thu 2 April 10:00: Thu 10–16 = 6h (10h left); Fri holiday; weekend; Mon holiday; Tue 7 April 8h (2h left);
    // Wed 8 April 08:00 + 2h = 10:00.
    expect(addBusinessTime(saxony, at('2026-04-02T10:00:00+02:00'), TWO_BD)).toBe(at('2026-04-08T10:00:00+02:00'));
    // Without the holidays: Thu 6h, Fri 8h, Mon 08:00 + 2h = 10:00 on 6 April.
    expect(addBusinessTime(plain, at('2026-04-02T10:00:00+02:00'), TWO_BD)).toBe(at('2026-04-06T10:00:00+02:00'));
    expect(businessTimeBetween(saxony, at('2026-04-02T10:00:00+02:00'), at('2026-04-08T10:00:00+02:00'))).toBe(TWO_BD);
  });

  it('skips Ascension (Thu 14 May)', () => {
    // Opened Wed 13 May 15:00: Wed 1h (15h left); Thu holiday; Fri 15 May 8h (7h left); Mon 18 May 08:00 + 7h = 15:00.
    expect(addBusinessTime(saxony, at('2026-05-13T15:00:00+02:00'), TWO_BD)).toBe(at('2026-05-18T15:00:00+02:00'));
  });

  it('skips Whit Monday (25 May)', () => {
    // Opened Fri 22 May 12:00: Fri 4h (12h left); weekend; Mon holiday; Tue 26 May 8h (4h left); Wed 27 May 12:00.
    expect(addBusinessTime(saxony, at('2026-05-22T12:00:00+02:00'), TWO_BD)).toBe(at('2026-05-27T12:00:00+02:00'));
  });

  it('skips Buß- und Bettag (Wed 18 November, from the RRULE)', () => {
    // Winter time, UTC+1. Opened Tue 17 Nov 09:00: Tue 7h (9h left); Wed holiday; Thu 19 Nov 8h (1h left);
    // Fri 20 Nov 08:00 + 1h = 09:00.
    expect(addBusinessTime(saxony, at('2026-11-17T09:00:00+01:00'), TWO_BD)).toBe(at('2026-11-20T09:00:00+01:00'));
  });

  it('counts April 2026 and the whole year 2026 by hand', () => {
    // April 2026 (Wed 1 – Thu 30) has 22 weekdays; minus Good Friday and Easter Monday = 20 days × 8h = 160h.
    const april = businessTimeBetween(saxony, startOfLocalDay('Europe/Berlin', '2026-04-01'), startOfLocalDay('Europe/Berlin', '2026-05-01'));
    expect(april).toBe(160 * H);
    // 2026 starts on a Thursday: 52 weeks and one day = 261 weekdays. Holidays on weekdays: Neujahr (Thu), Karfreitag,
    // Ostermontag, Tag der Arbeit (Fri), Christi Himmelfahrt, Pfingstmontag, Buß- und Bettag, 1. Weihnachtstag (Fri) = 8;
    // 3 October, 31 October and 26 December are Saturdays. 253 days × 8h = 2,024h.
    const year = businessTimeBetween(saxony, startOfLocalDay('Europe/Berlin', '2026-01-01'), startOfLocalDay('Europe/Berlin', '2027-01-01'));
    expect(year).toBe(2024 * H);
  });
});
