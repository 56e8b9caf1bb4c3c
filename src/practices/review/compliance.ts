import { percentOf } from './stats.js';
import type { TargetTrend } from './types.js';

/**
 * Every target's clocks together in `month`: how many were measured (met or breached), how many met, and the share
 * met. The one reading of "SLA compliance" over all targets, for the improvement register and the formats' glance.
 */
export function overallCompliance(targets: readonly TargetTrend[], month: string): { measured: number; met: number; percent: number | null } {
  let measured = 0;
  let met = 0;
  for (const target of targets) {
    const row = target.months.find((m) => m.month === month);
    if (row === undefined) continue;
    measured += row.met + row.breached;
    met += row.met;
  }
  return { measured, met, percent: percentOf(met, measured) };
}
