import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs, isInstant, isLocalDate } from '../../src/model/instant-text.js';

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

describe('instantMs', () => {
  // Any valid instant: years 0000-9999 (the ones Date.UTC would move to 19xx among them), fractions of 1-9 digits,
  // offsets from -23:59 to +23:59.
  const two = (n: number) => String(n).padStart(2, '0');
  const validInstant = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.option(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.option(fc.stringMatching(/^[0-9]{1,9}$/)))),
      fc.option(fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))),
    )
    .map(([y, mo, d, h, mi, sec, off]) => {
      const seconds = sec === null ? '' : `:${two(sec[0])}${sec[1] === null ? '' : `.${sec[1]}`}`;
      const offset = off === null ? 'Z' : `${off[0]}${two(off[1])}:${two(off[2])}`;
      return `${String(y).padStart(4, '0')}-${two(mo)}-${two(Math.min(d, 28))}T${two(h)}:${two(mi)}${seconds}${offset}`;
    });

  it('is Date.parse on every valid instant', () => {
    fc.assert(fc.property(validInstant, (text) => Object.is(instantMs(text), Date.parse(text))), { numRuns: 5000 });
  });

  it('is Date.parse on near misses and on anything else', () => {
    fc.assert(fc.property(fc.oneof(nearInstant, fc.string({ maxLength: 30 })), (text) => Object.is(instantMs(text), Date.parse(text))), { numRuns: 3000 });
  });

  it('reads the hand-worked cases', () => {
    // 2026-01-01T00:00Z = 20,454 days after 1970-01-01 × 86,400,000 ms = 1,767,225,600,000.
    expect(instantMs('2026-01-01T00:00:00Z')).toBe(1_767_225_600_000);
    // -04:00 is 4 h later in UTC: + 14,400,000 ms; .1239 is truncated to 123 ms.
    expect(instantMs('2026-01-01T00:00:00.1239-04:00')).toBe(1_767_225_600_000 + 14_400_000 + 123);
    // 2024-02-29 (a leap day): 19,782 days × 86,400,000 = 1,709,164,800,000.
    expect(instantMs('2024-02-29T00:00Z')).toBe(1_709_164_800_000);
    // Year 50, which Date.UTC(50, …) would read as 1950.
    expect(instantMs('0050-03-01T00:00:00Z')).toBe(-60_584_198_400_000);
  });
});
