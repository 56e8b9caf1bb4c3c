import { describe, expect, it } from 'vitest';
import { BUILTIN_24X7 } from '../../src/model/calendar.js';
import {
  compileCalendar,
  hasWorkingTime,
  parseWorkingInterval,
  uniformDayLength,
  workingIntervalsOfDay,
} from '../../src/time/index.js';
import { calendar, weekdays } from './helpers.js';

describe('parseWorkingInterval', () => {
  it('reads minutes since local midnight, 24:00 included', () => {
    expect(parseWorkingInterval('09:00-17:00')).toEqual({ from: 540, to: 1020 }); // 9×60, 17×60
    expect(parseWorkingInterval('00:00-24:00')).toEqual({ from: 0, to: 1440 });
    expect(parseWorkingInterval('08:15-12:45')).toEqual({ from: 495, to: 765 });
  });

  it('refuses empty, backwards and malformed intervals', () => {
    for (const text of ['17:00-09:00', '09:00-09:00', '24:00-24:00', '9:00-17:00', '09:00-24:30', '09:60-10:00']) {
      expect(parseWorkingInterval(text), text).toBeUndefined();
    }
  });
});

describe('compileCalendar', () => {
  it('refuses what validation should have caught', () => {
    expect(() => compileCalendar(calendar('UTC', { monday: ['17:00-09:00'] }))).toThrow(/hours\.monday/);
    expect(() => compileCalendar(calendar('Mars/Olympus_Mons', {}))).toThrow(RangeError);
  });

  it('lets a special day win over a holiday on the same date, and the first of two entries win', () => {
    const cal = compileCalendar(
      calendar('UTC', weekdays(['09:00-17:00']), {
        holidays: [
          { date: '2026-10-05', name: 'Holiday' },
          { date: '2026-10-06', name: 'First' },
          { date: '2026-10-06', name: 'Second' },
        ],
        specialDays: [{ date: '2026-10-05', name: 'Open anyway', hours: ['10:00-11:00'] }],
      }),
    );
    expect(workingIntervalsOfDay(cal, '2026-10-05')).toEqual([
      { start: Date.parse('2026-10-05T10:00:00Z'), end: Date.parse('2026-10-05T11:00:00Z') },
    ]);
    expect(cal.holidays.get(Date.UTC(2026, 9, 6) / 86_400_000)).toBe('First');
  });
});

describe('hasWorkingTime', () => {
  it('is false for a week without working intervals', () => {
    expect(hasWorkingTime(calendar('UTC', {}))).toBe(false);
    expect(hasWorkingTime(calendar('UTC', { monday: [], sunday: [] }))).toBe(false);
  });

  it('is true as soon as one weekday works, special days aside', () => {
    expect(hasWorkingTime(calendar('UTC', { sunday: ['10:00-10:30'] }))).toBe(true);
    expect(
      hasWorkingTime(calendar('UTC', {}, { specialDays: [{ date: '2026-10-05', name: 'Once', hours: ['09:00-10:00'] }] })),
    ).toBe(false);
    expect(hasWorkingTime(BUILTIN_24X7.spec)).toBe(true);
  });
});

describe('uniformDayLength (the length of a business day, `bd`)', () => {
  it('is the minutes of each working weekday when they are all equal', () => {
    expect(uniformDayLength(calendar('UTC', weekdays(['09:00-17:00'])))).toBe(480); // 8h × 60
    expect(uniformDayLength(calendar('UTC', weekdays(['08:00-12:00', '13:00-17:00'])))).toBe(480); // 4h + 4h
    expect(uniformDayLength(BUILTIN_24X7.spec)).toBe(1440); // 24h × 60, even on 23h/25h days elsewhere
    // Overlaps count once: 08:00–14:00 = 360.
    expect(uniformDayLength(calendar('UTC', weekdays(['08:00-12:00', '10:00-14:00'])))).toBe(360);
  });

  it('is null when working weekdays differ in length, or none works', () => {
    expect(uniformDayLength(calendar('UTC', { ...weekdays(['09:00-17:00']), friday: ['09:00-13:00'] }))).toBeNull();
    expect(uniformDayLength(calendar('UTC', {}))).toBeNull();
  });

  it('ignores days without work', () => {
    expect(uniformDayLength(calendar('UTC', { monday: ['09:00-17:00'], tuesday: [], saturday: ['10:00-18:00'] }))).toBe(
      480,
    );
  });
});
