import { describe, expect, it } from 'vitest';
import { dateDays, instantMs, unscaled } from '../../src/report/parquet.js';

describe('parquet values', () => {
  it('unscaled reads a plain decimal exactly at the scale (never through a float)', () => {
    expect(unscaled('39152.77', 2)).toBe(3915277n);
    expect(unscaled('-2150.19', 2)).toBe(-215019n);
    expect(unscaled('0.045', 4)).toBe(450n); // 0.0450 → 450 ten-thousandths
    expect(unscaled('12', 2)).toBe(1200n);
    // 2^53 + 1 cents is not a double: 9007199254740993 survives only as text → bigint.
    expect(unscaled('90071992547409.93', 2)).toBe(9007199254740993n);
    expect(() => unscaled('1.234', 2)).toThrow(RangeError);
    expect(() => unscaled('1e3', 2)).toThrow(RangeError);
  });

  it('instantMs reads what toISOString writes, and falls back to Date.parse', () => {
    expect(instantMs('2026-10-09T21:00:00.000Z')).toBe(Date.UTC(2026, 9, 9, 21));
    expect(instantMs('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(instantMs('2026-10-09T21:00:00Z')).toBe(Date.UTC(2026, 9, 9, 21));
    expect(instantMs(null)).toBeNull();
  });

  it('dateDays counts days since 1970-01-01', () => {
    expect(dateDays('1970-01-02')).toBe(1);
    expect(dateDays('2026-10-01')).toBe(20727); // 56 years of 365 days + 14 leap days (1972…2024) + 273 days to Oct 1
    expect(dateDays(null)).toBeNull();
  });
});
