/**
 * Exact arithmetic for chargeback: rationals of BigInts, decimal text in and out, and one rounding rule.
 *
 * Amounts of money are written with at most four decimals (`Money` in src/model/primitives.ts) and quantities as
 * decimal numbers, so every input is a fraction with a power of ten below it. Charges are products and quotients of
 * such inputs (a rate × units × active days ÷ days in the month), kept as exact fractions and rounded once per
 * charge line to the currency's minor unit. Nothing here touches floating point except `parseDecimal`, which reads
 * a YAML number through its shortest round-trip text (`String(12.5)` is "12.5"): for the ≤ 15 significant digits
 * the format allows, that text is the literal as written.
 */

/** A fraction n / d with d > 0, not necessarily in lowest terms. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function rational(n: bigint | number, d: bigint | number = 1n): Rational {
  const nn = BigInt(n);
  const dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  return dd < 0n ? reduce(-nn, -dd) : reduce(nn, dd);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(n: bigint, d: bigint): Rational {
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export function add(a: Rational, b: Rational): Rational {
  return a.d === b.d ? reduce(a.n + b.n, a.d) : reduce(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Rational, b: Rational): Rational {
  return reduce(a.n * b.n, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  return b.n < 0n ? reduce(-a.n * b.d, a.d * -b.n) : reduce(a.n * b.d, a.d * b.n);
}

export function sum(values: Iterable<Rational>): Rational {
  let total = ZERO;
  for (const v of values) total = add(total, v);
  return total;
}

/** −1, 0 or 1. */
export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

export function isZero(a: Rational): boolean {
  return a.n === 0n;
}

/** The largest integer ≤ a. */
export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/**
 * Rounds to the nearest integer, halves away from zero ("commercial rounding", the rule of invoices and of
 * DIN 1333; 2.5 → 3, −2.5 → −3). Chosen over round-half-to-even because each figure on a statement is rounded once
 * and must be checkable by hand with the rule people learn at school; the bias half-to-even removes only matters
 * when many rounded figures are added, and where figures are added up to a total (allocations, tiered totals) the
 * largest-remainder method makes the parts add up exactly instead.
 */
export function roundHalfAwayFromZero(a: Rational): bigint {
  const negative = a.n < 0n;
  const n = negative ? -a.n : a.n;
  const q = n / a.d;
  const r = n - q * a.d;
  const rounded = 2n * r >= a.d ? q + 1n : q;
  return negative ? -rounded : rounded;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Reads a decimal number written as text ("12.50", "0.0250") or a JS number (12.5, 1e-7) exactly. Throws a
 * RangeError for anything else (NaN, Infinity, "1,250.00"): the schema has already refused those.
 */
export function parseDecimal(value: number | string): Rational {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = DECIMAL_RE.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0) - fraction.length;
  let n = BigInt(`${m[2] || '0'}${fraction}`);
  if (m[1] === '-') n = -n;
  return exponent >= 0 ? rational(n * 10n ** BigInt(exponent)) : rational(n, 10n ** BigInt(-exponent));
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a decimal number: ${value}`);
  return String(value);
}

/**
 * The number of decimals of the currency's minor unit (ISO 4217): 2 for USD and EUR, 0 for JPY, 3 for KWD. Read from
 * the runtime's ICU data, which carries the ISO 4217 table; 2 for a code it does not know.
 */
export function minorDigitsOf(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    return typeof digits === 'number' && digits >= 0 && digits <= 4 ? digits : 2;
  } catch {
    return 2;
  }
}

/** An amount of money (a rational in currency units) in whole minor units, rounded half away from zero. */
export function toMinor(amount: Rational, minorDigits: number): bigint {
  return roundHalfAwayFromZero(mul(amount, rational(10n ** BigInt(minorDigits))));
}

/** Minor units back to an exact rational in currency units. */
export function fromMinor(minor: bigint, minorDigits: number): Rational {
  return rational(minor, 10n ** BigInt(minorDigits));
}

/** Minor units as decimal text with exactly `minorDigits` decimals: 41600n, 2 → "416.00"; −5n → "-0.05". */
export function formatMinor(minor: bigint, minorDigits: number, grouping = false): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorDigits + 1, '0');
  const whole = digits.slice(0, digits.length - minorDigits);
  const fraction = digits.slice(digits.length - minorDigits);
  const grouped = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${negative ? '-' : ''}${grouped}${minorDigits > 0 ? `.${fraction}` : ''}`;
}

/**
 * A rational as decimal text: exact when it terminates within `maxDecimals` decimals, else rounded (half away from
 * zero) to `maxDecimals`; trailing zeros are dropped, but at least `minDecimals` are kept. For quantities and rates,
 * which are shown, never added again.
 */
export function formatDecimal(value: Rational, maxDecimals: number, minDecimals = 0, grouping = false): string {
  const scale = 10n ** BigInt(maxDecimals);
  const scaled = roundHalfAwayFromZero(mul(value, rational(scale)));
  let text = formatMinor(scaled, maxDecimals, grouping);
  if (maxDecimals > 0) {
    const keep = Math.max(minDecimals, 0);
    const dot = text.indexOf('.');
    let end = text.length;
    while (end > dot + 1 + keep && text[end - 1] === '0') end--;
    if (end === dot + 1) end = dot;
    text = text.slice(0, end);
  }
  return text === '-0' ? '0' : text;
}

/** Whether the rational is a decimal with at most `decimals` decimals (so `formatDecimal` shows it exactly). */
export function terminatesWithin(value: Rational, decimals: number): boolean {
  return (value.n * 10n ** BigInt(decimals)) % value.d === 0n;
}
