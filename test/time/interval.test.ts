import { describe, expect, it } from 'vitest';
import { overlaps, wholeLocalDays } from '../../src/time/interval.js';

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe('wholeLocalDays', () => {
  it('runs from the start of the first local day to the start of the day after the last', () => {
    // Berlin in winter is UTC+1: 2026-12-21 00:00 local = 2026-12-20T23:00Z; 2027-01-04 00:00 local = 2027-01-03T23:00Z.
    expect(wholeLocalDays('Europe/Berlin', '2026-12-21', '2027-01-03')).toEqual({ start: at('2026-12-20T23:00:00Z'), end: at('2027-01-03T23:00:00Z') });
  });

  it('gives a day the clocks change its 25 or 23 hours', () => {
    // 2026-10-25 in Berlin: 00:00 CEST (22:00Z the day before) to 00:00 CET (23:00Z): 25 hours.
    const autumn = wholeLocalDays('Europe/Berlin', '2026-10-25', '2026-10-25');
    expect((autumn.end - autumn.start) / H).toBe(25);
    // 2026-03-08 in New York: 00:00 EST (05:00Z) to 00:00 EDT (04:00Z the next day): 23 hours.
    const spring = wholeLocalDays('America/New_York', '2026-03-08', '2026-03-08');
    expect((spring.end - spring.start) / H).toBe(23);
  });
});

describe('overlaps', () => {
  it('is false for intervals that only touch, true when they share an instant', () => {
    const a = { start: 0, end: 10 };
    expect(overlaps(a, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 10, end: 20 }, a)).toBe(false);
    expect(overlaps(a, { start: 9, end: 20 })).toBe(true);
    expect(overlaps(a, { start: 2, end: 3 })).toBe(true);
  });
});
