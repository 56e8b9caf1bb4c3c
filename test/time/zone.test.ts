import { describe, expect, it } from 'vitest';
import { addLocalDays, formatInstant, localDateOf, startOfLocalDay, utcOffsetAt } from '../../src/time/index.js';
import { H, at } from './helpers.js';

describe('local dates and instants', () => {
  it('starts a local day at local midnight', () => {
    // October 2026 in New York: 10-01 00:00 EDT = 04:00Z; 11-01 00:00 EDT = 04:00Z (the change is at 02:00).
    expect(startOfLocalDay('America/New_York', '2026-10-01')).toBe(at('2026-10-01T00:00:00-04:00'));
    expect(startOfLocalDay('America/New_York', '2026-11-01')).toBe(at('2026-11-01T04:00:00Z'));
    // 11-02 00:00 EST = 05:00Z: 11-01 lasted 25h.
    expect(startOfLocalDay('America/New_York', '2026-11-02') - startOfLocalDay('America/New_York', '2026-11-01')).toBe(
      25 * H,
    );
    expect(startOfLocalDay('Asia/Kolkata', '2026-01-01')).toBe(at('2026-01-01T00:00:00+05:30'));
    expect(startOfLocalDay('UTC', '2026-01-01')).toBe(at('2026-01-01T00:00:00Z'));
  });

  it('gives the local date of an instant', () => {
    // 19:00Z = 00:30 IST the next day.
    expect(localDateOf('Asia/Kolkata', at('2026-10-04T19:00:00Z'))).toBe('2026-10-05');
    // 03:30Z on 11-01 = 23:30 EDT on 10-31.
    expect(localDateOf('America/New_York', at('2026-11-01T03:30:00Z'))).toBe('2026-10-31');
    expect(localDateOf('America/New_York', at('2026-11-01T01:30:00-05:00'))).toBe('2026-11-01');
  });

  it('tells the two passes of a repeated hour apart by their offsets', () => {
    // 05:30Z is 01:30 EDT (the change is at 06:00Z); 06:30Z is 01:30 EST.
    expect(formatInstant('America/New_York', at('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
    expect(formatInstant('America/New_York', at('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
    expect(formatInstant('Asia/Kolkata', at('2026-01-01T00:00:00Z'))).toBe('2026-01-01T05:30:00+05:30');
    expect(formatInstant('UTC', at('2026-01-01T00:00:00.250Z'))).toBe('2026-01-01T00:00:00.250Z');
  });

  it('gives UTC offsets in milliseconds, half hours included', () => {
    // Lord Howe: +11:00 in (southern) summer, +10:30 in winter.
    expect(utcOffsetAt('Australia/Lord_Howe', at('2026-01-01T00:00:00Z'))).toBe(11 * H);
    expect(utcOffsetAt('Australia/Lord_Howe', at('2026-07-01T00:00:00Z'))).toBe(10.5 * H);
    expect(utcOffsetAt('America/New_York', at('2026-03-08T06:59:59.999Z'))).toBe(-5 * H);
    expect(utcOffsetAt('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-4 * H);
  });

  it('adds days to a date across months, years and leap days', () => {
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(() => addLocalDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('refuses an unknown zone and an instant out of range', () => {
    expect(() => localDateOf('Mars/Olympus_Mons', 0)).toThrow(RangeError);
    expect(() => localDateOf('UTC', Number.NaN)).toThrow(RangeError);
  });
});
