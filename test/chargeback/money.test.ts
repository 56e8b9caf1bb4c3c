import { describe, expect, it } from 'vitest';
import {
  compare,
  formatDecimal,
  formatMinor,
  minorDigitsOf,
  mul,
  parseDecimal,
  rational,
  roundHalfAwayFromZero,
  terminatesWithin,
  toMinor,
} from '../../src/chargeback/money.js';

const text = (r: { n: bigint; d: bigint }) => `${r.n}/${r.d}`;

describe('parseDecimal', () => {
  it('reads decimal strings exactly, in lowest terms', () => {
    expect(text(parseDecimal('12.50'))).toBe('25/2');
    expect(text(parseDecimal('0.0250'))).toBe('1/40');
    expect(text(parseDecimal('9400'))).toBe('9400/1');
    expect(text(parseDecimal('.5'))).toBe('1/2');
  });

  it('reads YAML numbers through their shortest text, so 0.1 is one tenth, not the binary float', () => {
    expect(text(parseDecimal(0.1))).toBe('1/10');
    expect(text(parseDecimal(6.5))).toBe('13/2');
    expect(text(parseDecimal(0.045))).toBe('9/200');
    // String(1e-7) is "1e-7" and String(1e21) "1e+21": exponents are read too.
    expect(text(parseDecimal(1e-7))).toBe('1/10000000');
    expect(text(parseDecimal(1e21))).toBe('1000000000000000000000/1');
  });

  it('refuses what is not a decimal number', () => {
    for (const bad of ['1,250.00', '$5', '', '.', 'abc']) expect(() => parseDecimal(bad), bad).toThrow(RangeError);
    expect(() => parseDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => parseDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero, everything else to the nearest integer', () => {
    expect(roundHalfAwayFromZero(rational(5, 2))).toBe(3n); // 2.5 → 3
    expect(roundHalfAwayFromZero(rational(-5, 2))).toBe(-3n); // −2.5 → −3
    expect(roundHalfAwayFromZero(rational(7, 2))).toBe(4n); // 3.5 → 4 (half-to-even would give 4 too)
    expect(roundHalfAwayFromZero(rational(9, 2))).toBe(5n); // 4.5 → 5 (half-to-even would give 4)
    expect(roundHalfAwayFromZero(rational(24_999, 10_000))).toBe(2n); // 2.4999 → 2
    expect(roundHalfAwayFromZero(rational(-24_999, 10_000))).toBe(-2n);
    expect(roundHalfAwayFromZero(rational(0))).toBe(0n);
  });
});

describe('toMinor', () => {
  it('rounds a rate × quantity in ten-thousandths once to cents', () => {
    // 1,249.8 GB × 0.0250 = 31.245 → 31.25 (half away from zero; half-to-even would give 31.24).
    expect(toMinor(mul(parseDecimal('1249.8'), parseDecimal('0.0250')), 2)).toBe(3125n);
    // 125 devices × 45.00 × 17/30 = 3,187.50 exactly.
    expect(toMinor(mul(mul(rational(125), parseDecimal(45)), rational(17, 30)), 2)).toBe(318_750n);
    // 250 × 17/30 = 141.666… → 141.67.
    expect(toMinor(mul(parseDecimal(250), rational(17, 30)), 2)).toBe(14_167n);
  });

  it('follows the currency: no decimals for yen, three for dinars', () => {
    // ¥650 × 17/30 = ¥368.33… → ¥368.
    expect(toMinor(mul(parseDecimal(650), rational(17, 30)), minorDigitsOf('JPY'))).toBe(368n);
    // 12.5 KWD × 1/3 = 4.16666… → 4.167.
    expect(toMinor(mul(parseDecimal('12.5'), rational(1, 3)), minorDigitsOf('KWD'))).toBe(4167n);
  });
});

describe('minorDigitsOf', () => {
  it('reads ISO 4217 minor units from the runtime, 2 for codes it does not know', () => {
    expect(minorDigitsOf('USD')).toBe(2);
    expect(minorDigitsOf('EUR')).toBe(2);
    expect(minorDigitsOf('JPY')).toBe(0);
    expect(minorDigitsOf('KWD')).toBe(3);
    expect(minorDigitsOf('XXX')).toBe(2);
  });
});

describe('formatMinor and formatDecimal', () => {
  it('writes minor units with the currency decimals, optionally grouped', () => {
    expect(formatMinor(41_600n, 2)).toBe('416.00');
    expect(formatMinor(-5n, 2)).toBe('-0.05');
    expect(formatMinor(3_915_277n, 2, true)).toBe('39,152.77');
    expect(formatMinor(368n, 0)).toBe('368');
    expect(formatMinor(4167n, 3)).toBe('4.167');
  });

  it('writes rationals exactly when they terminate, else rounded, trimming zeros', () => {
    expect(formatDecimal(rational(17, 2), 6)).toBe('8.5');
    expect(formatDecimal(rational(2125, 30), 4)).toBe('70.8333');
    expect(formatDecimal(rational(13, 2), 4, 2)).toBe('6.50');
    expect(formatDecimal(rational(9, 200), 4, 2)).toBe('0.045');
    expect(formatDecimal(rational(1_234_567), 4, 0, true)).toBe('1,234,567');
    expect(formatDecimal(rational(-1, 10 ** 9), 4)).toBe('0');
    expect(terminatesWithin(rational(1, 8), 3)).toBe(true);
    expect(terminatesWithin(rational(1, 3), 6)).toBe(false);
  });

  it('compares exactly', () => {
    // 99.9 against (43 200 − 60) × 100 ÷ 43 200 = 99.8611…
    expect(compare(rational((43_200 - 60) * 100, 43_200), parseDecimal(99.9))).toBe(-1);
    expect(compare(rational(999, 10), parseDecimal('99.90'))).toBe(0);
  });
});
