/**
 * The statistics of the review, written once. Medians and percentiles, not only means: a few tickets that waited
 * weeks move a mean far from what most customers saw.
 */

/** The median of `sorted` (ascending): the middle value, or the mean of the two middle values. Null when empty. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The p-th percentile of `sorted` (ascending) by the nearest-rank method: the value at rank ⌈p/100 × n⌉, always one
 * of the values measured (as ServiceNow's and Jira's percentile reports). Null when empty.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** count ÷ of × 100 rounded to 0.1, or null when `of` is 0. */
export function percentOf(count: number, of: number): number | null {
  return of === 0 ? null : Math.round((count / of) * 1000) / 10;
}

/** (value − base) ÷ base × 100 rounded to 0.1, or null when `base` is 0. */
export function changePercent(value: number, base: number): number | null {
  return base === 0 ? null : Math.round(((value - base) / base) * 1000) / 10;
}
