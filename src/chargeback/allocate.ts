import { type Rational } from './money.js';

/**
 * Splits `total` minor units into parts proportional to `weights` so that the parts add up to the total exactly:
 * the largest-remainder method (Hamilton's method). Each part first gets the whole minor units of its exact share
 * total × wᵢ ÷ Σw; the units left over (fewer than the number of parts) go one each to the parts with the largest
 * remainders. Ties go to the part that comes first in `weights`, so the result is deterministic: callers list
 * consumers in id order and the unallocated part last.
 *
 * Every part is then within one minor unit of its exact share, and parts of zero weight get nothing. `total` must
 * be ≥ 0 and at least one weight > 0; weights must not be negative.
 */
export function largestRemainder(total: bigint, weights: readonly Rational[]): bigint[] {
  if (total < 0n) throw new RangeError('largestRemainder: the total must not be negative');
  // Bring the weights to a common denominator: integer weights aᵢ with the same proportions.
  let common = 1n;
  for (const w of weights) {
    if (w.n < 0n) throw new RangeError('largestRemainder: weights must not be negative');
    common = lcm(common, w.d);
  }
  const integer = weights.map((w) => w.n * (common / w.d));
  const weightSum = integer.reduce((s, a) => s + a, 0n);
  if (weightSum === 0n) throw new RangeError('largestRemainder: at least one weight must be positive');
  const parts = integer.map((a) => (total * a) / weightSum);
  // Remainder numerators over the shared denominator Σa: comparing them compares the fractional parts exactly.
  const remainders = integer.map((a, i) => total * a - parts[i]! * weightSum);
  let left = total - parts.reduce((s, p) => s + p, 0n);
  const order = integer.map((_, i) => i).sort((i, j) => (remainders[j]! > remainders[i]! ? 1 : remainders[j]! < remainders[i]! ? -1 : i - j));
  for (const i of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
