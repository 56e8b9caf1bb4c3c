import { describe, expect, it } from 'vitest';
import { compileCalendar, describeSegments } from '../../src/time/index.js';
import { at, calendar, everyDay, weekdays } from './helpers.js';

const office = compileCalendar(
  calendar('America/New_York', weekdays(['09:00-17:00']), {
    holidays: [
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ],
    specialDays: [
      { date: '2026-12-24', name: 'Christmas Eve', hours: ['09:00-13:00'] },
      { date: '2026-10-07', name: 'Office move', hours: [] },
    ],
  }),
);

describe('describeSegments (the story of a clock)', () => {
  it('tells a weekend', () => {
    // Fri 10-02 16:00 → Mon 10-05 10:00 EDT.
    expect(describeSegments(office, at('2026-10-02T16:00:00-04:00'), at('2026-10-05T10:00:00-04:00'))).toEqual([
      { start: at('2026-10-02T16:00:00-04:00'), end: at('2026-10-02T17:00:00-04:00'), kind: 'working' },
      { start: at('2026-10-02T17:00:00-04:00'), end: at('2026-10-05T09:00:00-04:00'), kind: 'outside-hours' },
      { start: at('2026-10-05T09:00:00-04:00'), end: at('2026-10-05T10:00:00-04:00'), kind: 'working' },
    ]);
  });

  it('names a holiday, from local midnight to local midnight', () => {
    // Wed 11-25 16:00 → Fri 11-27 10:00 EST.
    expect(describeSegments(office, at('2026-11-25T16:00:00-05:00'), at('2026-11-27T10:00:00-05:00'))).toEqual([
      { start: at('2026-11-25T16:00:00-05:00'), end: at('2026-11-25T17:00:00-05:00'), kind: 'working' },
      { start: at('2026-11-25T17:00:00-05:00'), end: at('2026-11-26T00:00:00-05:00'), kind: 'outside-hours' },
      {
        start: at('2026-11-26T00:00:00-05:00'),
        end: at('2026-11-27T00:00:00-05:00'),
        kind: 'holiday',
        name: 'Thanksgiving',
      },
      { start: at('2026-11-27T00:00:00-05:00'), end: at('2026-11-27T09:00:00-05:00'), kind: 'outside-hours' },
      { start: at('2026-11-27T09:00:00-05:00'), end: at('2026-11-27T10:00:00-05:00'), kind: 'working' },
    ]);
  });

  it('names the closed part of a special day, then a holiday, then merges the weekend into the ordinary night', () => {
    // Thu 12-24 12:00 → Mon 12-28 09:30 EST.
    expect(describeSegments(office, at('2026-12-24T12:00:00-05:00'), at('2026-12-28T09:30:00-05:00'))).toEqual([
      { start: at('2026-12-24T12:00:00-05:00'), end: at('2026-12-24T13:00:00-05:00'), kind: 'working' },
      {
        start: at('2026-12-24T13:00:00-05:00'),
        end: at('2026-12-25T00:00:00-05:00'),
        kind: 'special-day',
        name: 'Christmas Eve',
      },
      {
        start: at('2026-12-25T00:00:00-05:00'),
        end: at('2026-12-26T00:00:00-05:00'),
        kind: 'holiday',
        name: 'Christmas Day',
      },
      { start: at('2026-12-26T00:00:00-05:00'), end: at('2026-12-28T09:00:00-05:00'), kind: 'outside-hours' },
      { start: at('2026-12-28T09:00:00-05:00'), end: at('2026-12-28T09:30:00-05:00'), kind: 'working' },
    ]);
  });

  it('names a special day that closes a whole weekday', () => {
    // Wed 10-07 is closed; Tue 10-06 16:00 → Thu 10-08 09:15 EDT.
    expect(describeSegments(office, at('2026-10-06T16:00:00-04:00'), at('2026-10-08T09:15:00-04:00'))).toEqual([
      { start: at('2026-10-06T16:00:00-04:00'), end: at('2026-10-06T17:00:00-04:00'), kind: 'working' },
      { start: at('2026-10-06T17:00:00-04:00'), end: at('2026-10-07T00:00:00-04:00'), kind: 'outside-hours' },
      {
        start: at('2026-10-07T00:00:00-04:00'),
        end: at('2026-10-08T00:00:00-04:00'),
        kind: 'special-day',
        name: 'Office move',
      },
      { start: at('2026-10-08T00:00:00-04:00'), end: at('2026-10-08T09:00:00-04:00'), kind: 'outside-hours' },
      { start: at('2026-10-08T09:00:00-04:00'), end: at('2026-10-08T09:15:00-04:00'), kind: 'working' },
    ]);
  });

  it('is one working segment on 24x7, across a DST change', () => {
    const always = compileCalendar(calendar('Europe/Berlin', everyDay(['00:00-24:00'])));
    const from = at('2026-10-24T12:00:00+02:00');
    const to = at('2026-10-26T12:00:00+01:00');
    expect(describeSegments(always, from, to)).toEqual([{ start: from, end: to, kind: 'working' }]);
  });

  it('is empty for an empty range', () => {
    const t = at('2026-10-05T10:00:00-04:00');
    expect(describeSegments(office, t, t)).toEqual([]);
  });
});
