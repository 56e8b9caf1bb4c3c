import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInstant, isLocalDate } from '../../src/model/instant-text.js';

// The definition isInstant must keep: the pattern, then the ranges a pattern cannot check. isInstant reads character by
// character instead (it runs on every instant of every ticket); this is the regex form it replaced, with the
// proleptic Gregorian leap rule (year 0000 is a leap year, as in ISO 8601).
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
function byPattern(value: string): boolean {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (days === undefined || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return false;
  const offset = m[8]!;
  return offset === 'Z' || (Number(offset.slice(1, 3)) <= 23 && Number(offset.slice(4, 6)) <= 59);
}

// Text that looks like an instant, with every part drawn from a few right and a few wrong spellings, so that most
// cases are near misses rather than noise.
const part = (...choices: string[]) => fc.constantFrom(...choices);
const nearInstant = fc
  .tuple(
    part('2026', '2024', '2100', '2000', '1900', '0000', '999', '20261', '२०२६'),
    part('-'),
    part('01', '02', '12', '13', '00', '1', '1a'),
    part('-', '/'),
    part('01', '28', '29', '30', '31', '32', '00', '9'),
    part('T', 't', ' '),
    part('00', '23', '24', '9'),
    part(':'),
    part('00', '59', '60', '5'),
    part('', ':00', ':59', ':60', ':5', ':00.1', ':00.123456789', ':00.1234567890', ':00.', '.5'),
    part('Z', 'z', '+00:00', '-04:00', '+23:59', '+24:00', '-00:60', '+0100', '+01:0', '', 'Z ', '+01:00x'),
  )
  .map((parts) => parts.join(''));

describe('isInstant', () => {
  it('accepts and rejects exactly what the pattern and the ranges do, on near misses', () => {
    fc.assert(fc.property(nearInstant, (text) => isInstant(text) === byPattern(text)), { numRuns: 5000 });
  });

  it('agrees with the pattern on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => isInstant(text) === byPattern(text)), { numRuns: 2000 });
  });

  it('knows the leap years', () => {
    // 2024 and 2000 are leap years (divisible by 4, and 2000 by 400); 2100 is not (by 100, not by 400).
    expect(isInstant('2024-02-29T00:00:00Z')).toBe(true);
    expect(isInstant('2000-02-29T00:00:00Z')).toBe(true);
    expect(isInstant('2100-02-29T00:00:00Z')).toBe(false);
    expect(isInstant('2026-02-29T00:00:00Z')).toBe(false);
    expect(isInstant('2026-04-31T00:00:00Z')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2100-02-29')).toBe(false);
  });

  it('takes fractions of one to nine digits and an offset of ±HH:MM or Z, nothing after', () => {
    expect(isInstant('2026-10-05T14:02:00.123456789Z')).toBe(true);
    expect(isInstant('2026-10-05T14:02:00.1234567890Z')).toBe(false);
    expect(isInstant('2026-10-05T14:02-04:00')).toBe(true);
    expect(isInstant('2026-10-05T14:02:00Z\n')).toBe(false);
    expect(isInstant('2026-10-05T14:02:00')).toBe(false);
  });
});
