import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestRemainder } from '../../src/chargeback/allocate.js';
import { rational, type Rational } from '../../src/chargeback/money.js';

const weights = (...values: number[]): Rational[] => values.map((v) => rational(v));

describe('largestRemainder', () => {
  it('splits 100.00 in three: the odd cent to the first of the tied parts', () => {
    // 10 000 ÷ 3 = 3 333.33 each; 3 × 3 333 = 9 999; the cent left goes to the first (a tie broken by order).
    expect(largestRemainder(10_000n, weights(1, 1, 1))).toEqual([3334n, 3333n, 3333n]);
  });

  it('gives the leftover cents to the largest remainders, not to the largest parts', () => {
    // 25.01 split 1 : 2 → exact 833.67 and 1 667.33; floors 833 + 1 667 = 2 500; the cent goes to .67.
    expect(largestRemainder(2501n, weights(1, 2))).toEqual([834n, 1667n]);
    // 74 036.00 by headcount 18 : 85 : 1 346 (ACME's network in November 2026: legal, finance, the rest): exact
    // 7 403 600 × 18 ÷ 1 449 = 91 970.19, × 85 ÷ 1 449 = 434 303.66, × 1 346 ÷ 1 449 = 6 877 326.16 cents;
    // floors 91 970 + 434 303 + 6 877 326 = 7 403 599; the cent left goes to .66, the largest remainder.
    expect(largestRemainder(7_403_600n, weights(18, 85, 1346))).toEqual([91_970n, 434_304n, 6_877_326n]);
  });

  it('gives nothing to a zero weight, and everything to the only positive one', () => {
    expect(largestRemainder(999n, weights(0, 3, 0))).toEqual([0n, 999n, 0n]);
    expect(largestRemainder(0n, weights(1, 1))).toEqual([0n, 0n]);
  });

  it('takes rational weights (day-weighted shares) as they are', () => {
    // 600.00 by 7/9 and 2/9 (a consumer that joined after ten days of thirty): 466.666… and 133.333….
    expect(largestRemainder(60_000n, [rational(7, 9), rational(2, 9)])).toEqual([46_667n, 13_333n]);
  });

  it('refuses a negative total, negative weights, or no positive weight', () => {
    expect(() => largestRemainder(-1n, weights(1))).toThrow(RangeError);
    expect(() => largestRemainder(1n, weights(-1, 2))).toThrow(RangeError);
    expect(() => largestRemainder(1n, weights(0, 0))).toThrow(RangeError);
  });
});

describe('largestRemainder properties', () => {
  // Weights as small fractions (numerator, denominator), some zero; at least one positive.
  const weight = fc.tuple(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 1000 })).map(([n, d]) => rational(n, d));
  const input = fc
    .record({
      total: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      weights: fc.array(weight, { minLength: 1, maxLength: 40 }),
    })
    .filter(({ weights: w }) => w.some((x) => x.n > 0n));

  it('always adds up to the total exactly, each part within one cent of its exact share', () => {
    fc.assert(
      fc.property(input, ({ total, weights: w }) => {
        const parts = largestRemainder(total, w);
        expect(parts.reduce((s, p) => s + p, 0n)).toBe(total);
        // Exact share of part i: total × wᵢ ÷ Σw. |part − exact| < 1 ⟺ |part × Σw − total × wᵢ| < Σw (in a common unit).
        const common = w.reduce((l, x) => (l * x.d) / gcd(l, x.d), 1n);
        const ints = w.map((x) => x.n * (common / x.d));
        const sum = ints.reduce((s, a) => s + a, 0n);
        parts.forEach((part, i) => {
          const diff = part * sum - total * ints[i]!;
          expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
          // floor ≤ part ≤ ceil, and a zero weight gets nothing.
          expect(part >= (total * ints[i]!) / sum).toBe(true);
          if (ints[i] === 0n) expect(part).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic, and ties go to the earlier part', () => {
    fc.assert(
      fc.property(input, ({ total, weights: w }) => {
        expect(largestRemainder(total, w)).toEqual(largestRemainder(total, w));
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 1, max: 30 }), (total, n) => {
        // Equal weights: every remainder ties, so the first (total mod n) parts get one more.
        const parts = largestRemainder(total, weights(...Array.from({ length: n }, () => 1)));
        const base = total / BigInt(n);
        const extra = Number(total % BigInt(n));
        parts.forEach((p, i) => expect(p).toBe(base + (i < extra ? 1n : 0n)));
      }),
      { numRuns: 200 },
    );
  });
});

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
