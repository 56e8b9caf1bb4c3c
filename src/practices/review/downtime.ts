import type { Repository } from '../../model/repository.js';
import { outagesAndMaintenanceOf } from '../../sla/availability.js';

/** A service's time down, and degraded but not down, in a window: calendar milliseconds; and the outages that began in it. */
export interface Downtime {
  downtimeMs: number;
  degradedMs: number;
  failures: number;
}

/**
 * Each service's time down in [window.from, min(window.to, asOf)): the outages of its incidents in state `down`
 * (cancelled incidents left out as availability leaves them), merged so that overlapping outages count once, clipped
 * to the window, in calendar (not business) time; an outage still going on runs to asOf. Degraded time is kept apart,
 * as the time degraded and not down at once: availability weighs it (`degradedWeight`), so a service degraded for an
 * hour has a lower availability, and a ranking by downtime alone would call it untouched. Failures are the `down`
 * outages that began in the window. Services with none of these are left out (docs/review.md, "By downtime").
 */
export function downtimeByService(
  repository: Pick<Repository, 'tickets' | 'config'>,
  window: { from: number; to: number },
  asOf: number,
  services: readonly string[] | undefined,
): Map<string, Downtime> {
  const from = window.from;
  const to = Math.min(window.to, asOf);
  const result = new Map<string, Downtime>();
  if (to <= from) return result;
  for (const [service, outages] of outagesAndMaintenanceOf(repository).outagesByService) {
    if (services !== undefined && !services.includes(service)) continue;
    const down: Array<{ start: number; end: number }> = [];
    const impaired: Array<{ start: number; end: number }> = [];
    let failures = 0;
    for (const o of outages) {
      if (o.start >= asOf) continue;
      if (o.impact === 'down' && o.start >= from && o.start < to) failures++;
      const start = Math.max(o.start, from);
      const end = Math.min(o.end ?? asOf, to);
      if (start >= end) continue;
      impaired.push({ start, end });
      if (o.impact === 'down') down.push({ start, end });
    }
    const downtimeMs = unionLength(down);
    // Down or degraded, less down: the time degraded while not also down.
    const degradedMs = unionLength(impaired) - downtimeMs;
    if (downtimeMs > 0 || degradedMs > 0 || failures > 0) result.set(service, { downtimeMs, degradedMs, failures });
  }
  return result;
}

/** The length of the union of intervals: time covered by two outages at once counts once. */
function unionLength(intervals: Array<{ start: number; end: number }>): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let start = Number.NaN;
  let end = Number.NaN;
  for (const i of sorted) {
    if (!Number.isNaN(end) && i.start <= end) {
      end = Math.max(end, i.end);
      continue;
    }
    if (!Number.isNaN(end)) total += end - start;
    start = i.start;
    end = i.end;
  }
  if (!Number.isNaN(end)) total += end - start;
  return total;
}
