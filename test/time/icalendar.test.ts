import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES, readHolidayFile } from '../../src/time/icalendar.js';

/** An iCalendar text from its content lines, with the CRLF line ends of RFC 5545. */
const ics = (...lines: string[]) => [...lines, ''].join('\r\n');
const wrap = (...event: string[]) => ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...event, 'END:VCALENDAR');
const dates = (text: string) => readHolidayFile(text).holidays.map((h) => h.date);

describe('readHolidayFile: all-day events are holidays', () => {
  it('reads a one-day event named by its SUMMARY, with no problem', () => {
    const file = readHolidayFile(wrap('BEGIN:VEVENT', 'UID:a', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day', 'END:VEVENT'));
    expect(file).toEqual({ holidays: [{ date: '2026-12-25', name: 'Christmas Day' }], years: { first: 2026, last: 2026 }, problems: [] });
  });

  it('covers DTSTART up to the day before DTEND (exclusive), or DURATION days', () => {
    // 24 Dec to DTEND 27 Dec: 24, 25, 26. P2D from 31 Dec: 31 Dec and 1 Jan of the next year.
    expect(
      dates(
        wrap(
          'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Closed', 'END:VEVENT',
          'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261231', 'DURATION:P2D', 'SUMMARY:New Year', 'END:VEVENT',
        ),
      ),
    ).toEqual(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01']);
  });

  it('expands Buß- und Bettag (the Wednesday from 16 to 22 November) with EXDATE and RDATE', () => {
    const file = readHolidayFile(
      wrap(
        'BEGIN:VEVENT', 'UID:bb', 'DTSTART;VALUE=DATE:20251119', 'SUMMARY:Buß- und Bettag',
        'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=WE;BYMONTHDAY=16,17,18,19,20,21,22;UNTIL=20281231',
        // 2026-11-18 is taken out and 2026-11-19 (a Thursday) put in instead.
        'EXDATE;VALUE=DATE:20261118', 'RDATE;VALUE=DATE:20261119', 'END:VEVENT',
      ),
    );
    expect(file.holidays.map((h) => h.date)).toEqual(['2025-11-19', '2026-11-19', '2027-11-17', '2028-11-22']);
    expect(file.years).toEqual({ first: 2025, last: 2028 });
    expect(file.problems).toEqual([]);
  });

  it('moves one occurrence with a RECURRENCE-ID, and drops a cancelled one', () => {
    const text = wrap(
      'BEGIN:VEVENT', 'UID:fest', 'DTSTART;VALUE=DATE:20260601', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:Fest', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:fest', 'RECURRENCE-ID;VALUE=DATE:20270601', 'DTSTART;VALUE=DATE:20270602', 'SUMMARY:Fest (moved)', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:fest', 'RECURRENCE-ID;VALUE=DATE:20280601', 'DTSTART;VALUE=DATE:20280601', 'STATUS:CANCELLED', 'SUMMARY:Fest', 'END:VEVENT',
    );
    expect(readHolidayFile(text).holidays).toEqual([
      { date: '2026-06-01', name: 'Fest' },
      { date: '2027-06-02', name: 'Fest (moved)' },
    ]);
  });

  it('expands an open-ended rule up to 2199-12-31 and no further, and keeps no date before 1970', () => {
    const file = readHolidayFile(wrap('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:19681225', 'RRULE:FREQ=YEARLY', 'SUMMARY:Christmas', 'END:VEVENT'));
    // 1970 … 2199: 230 years.
    expect(file.holidays).toHaveLength(230);
    expect(file.holidays[0]).toEqual({ date: '1970-12-25', name: 'Christmas' });
    expect(file.holidays.at(-1)).toEqual({ date: '2199-12-25', name: 'Christmas' });
    // Open-ended: the file writes out only its first year (1968 is before the dates itsm computes).
    expect(file.years).toBeUndefined();
  });

  it('ignores a timed event with a warning at its DTSTART', () => {
    const file = readHolidayFile(wrap('BEGIN:VEVENT', 'DTSTART:20261224T100000Z', 'SUMMARY:Party', 'END:VEVENT'));
    expect(file.holidays).toEqual([]);
    expect(file.problems).toEqual([
      {
        rule: 'icalendar-timed-event',
        severity: 'warning',
        line: 5,
        column: 9,
        message: 'event "Party" has a time of day (DTSTART 2026-12-24T10:00:00Z); only all-day events are holidays, so it is ignored',
        hint: 'write a holiday as an all-day event, DTSTART;VALUE=DATE:YYYYMMDD; a part-day closure is a special day in the calendar itself',
      },
    ]);
  });
});

describe('readHolidayFile: problems at their line and column', () => {
  const problem = (text: string) => {
    const { rule, line, column, message } = readHolidayFile(text).problems[0] ?? {};
    return { rule, line, column, message };
  };

  it('finds the content line ical.js rejects (its errors carry no position)', () => {
    expect(problem(wrap('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY Christmas', 'END:VEVENT'))).toEqual({
      rule: 'icalendar-syntax',
      line: 6,
      column: 1,
      message: 'not iCalendar: invalid line (no token ";" or ":") "SUMMARY Christmas"',
    });
  });

  it('points at the value of a date that does not exist (ical.js would roll 31 February into March)', () => {
    expect(problem(wrap('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260231', 'END:VEVENT'))).toEqual({
      rule: 'icalendar-syntax',
      line: 5,
      column: 20,
      message: 'DTSTART is not valid: not a real date (expected YYYYMMDD or YYYYMMDDTHHMMSS)',
    });
  });

  it('reports an END that closes another component, and a component never closed, at the BEGIN', () => {
    expect(problem(wrap('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'END:VTODO'))).toMatchObject({ line: 6, message: '"END:VTODO" closes BEGIN:VEVENT of line 4' });
    expect(problem(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'END:VEVENT'))).toMatchObject({
      line: 1,
      message: 'BEGIN:VCALENDAR is never closed (no END:VCALENDAR)',
    });
    expect(problem('hello\r\n')).toMatchObject({ line: 1, message: 'expected BEGIN:VCALENDAR but found "hello"' });
  });

  it('counts folded lines as the lines they are written on', () => {
    // Line 5 is folded onto line 6; the bad property is on line 7.
    expect(problem(wrap('BEGIN:VEVENT', 'SUMMARY:A very long', ' name', 'DTEND;VALUE=DATE:2026x', 'DTSTART;VALUE=DATE:20261225', 'END:VEVENT'))).toMatchObject({
      line: 7,
      column: 18,
    });
  });

  it('refuses a DTEND that is not after DTSTART, and an event without DTSTART', () => {
    expect(problem(wrap('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261225', 'END:VEVENT'))).toMatchObject({ line: 6, column: 18 });
    expect(problem(wrap('BEGIN:VEVENT', 'SUMMARY:Nothing', 'END:VEVENT'))).toMatchObject({ line: 4, column: 1, message: 'VEVENT has no DTSTART' });
  });

  it('refuses a rule that expands to more occurrences than a holiday file holds, at the RRULE', () => {
    const file = readHolidayFile(wrap('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY', 'END:VEVENT'));
    expect(file.holidays).toHaveLength(MAX_OCCURRENCES);
    expect(file.problems.map((p) => [p.rule, p.line, p.column])).toEqual([['icalendar-syntax', 6, 7]]);
  });
});

describe('the public holidays of Saxony (test/fixtures/calendar/saxony/holidays/de-sn.ics)', () => {
  const file = readHolidayFile(readFileSync(new URL('../fixtures/calendar/saxony/holidays/de-sn.ics', import.meta.url), 'utf8'));

  it('has the eleven holidays of SächsSFG § 1 (1) in each year 2025–2028, and nothing else', () => {
    expect(file.problems).toEqual([]);
    expect(file.years).toEqual({ first: 2025, last: 2028 });
    expect(file.holidays).toHaveLength(4 * 11);
  });

  it('has the moving feasts on the dates a published list gives (Easter by the Anonymous Gregorian algorithm)', () => {
    const on = (name: string) => file.holidays.filter((h) => h.name === name).map((h) => h.date);
    // Easter Sunday: 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16; Good Friday −2, Easter Monday +1,
    // Ascension +39, Whit Monday +50 days.
    expect(on('Karfreitag')).toEqual(['2025-04-18', '2026-04-03', '2027-03-26', '2028-04-14']);
    expect(on('Ostermontag')).toEqual(['2025-04-21', '2026-04-06', '2027-03-29', '2028-04-17']);
    expect(on('Christi Himmelfahrt')).toEqual(['2025-05-29', '2026-05-14', '2027-05-06', '2028-05-25']);
    expect(on('Pfingstmontag')).toEqual(['2025-06-09', '2026-05-25', '2027-05-17', '2028-06-05']);
    // The Wednesday before 23 November.
    expect(on('Buß- und Bettag')).toEqual(['2025-11-19', '2026-11-18', '2027-11-17', '2028-11-22']);
    expect(on('Reformationsfest')).toEqual(['2025-10-31', '2026-10-31', '2027-10-31', '2028-10-31']);
  });
});
