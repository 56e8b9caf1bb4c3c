import { measureImpact, type Impact } from '../../src/governance/impact.js';
import type { Repository } from '../../src/model/repository.js';
import { resolvePeriod, type Period } from '../../src/sla/period.js';

/** A period label (2026-10, 2026-Q4) read in the repository's zone, as `--period` reads it. */
export function periodOf(repository: Repository, label: string, now: number): Period {
  const period = resolvePeriod({ period: label }, repository.config.timeZone, now);
  if ('error' in period) throw new Error(period.error);
  return period;
}

/** The impact of replacing `base`'s definitions by `head`'s over `period` and `month`, as of `now`. */
export function impactOf(base: Repository, head: Repository, options: { period: string; month: string; now: number }): Impact {
  return measureImpact(base, head, { period: periodOf(head, options.period, options.now), month: options.month, now: options.now });
}
