import type { ChangeFreeze } from '../../model/config.js';
import { wholeLocalDays } from '../../time/interval.js';
import { overlaps, type Interval } from '../../time/interval.js';

/** A freeze period as instants: whole local days in the organisation's zone, `to` included. */
export interface FreezeInterval extends Interval {
  id: string;
  name: string;
  /** First and last local day, as written. */
  from: string;
  to: string;
  /** The services it covers; null for every service. */
  services: string[] | null;
}

/**
 * The Config's freezes as instants: from the start of local day `from` to the start of the day after `to`, in the
 * organisation's zone. A freeze from 2026-12-24 to 2027-01-02 in Europe/Berlin is [2026-12-23T23:00Z, 2027-01-02T23:00Z).
 */
export function freezeIntervals(freezes: readonly ChangeFreeze[], timeZone: string): FreezeInterval[] {
  return freezes.map((f) => ({
    id: f.id,
    name: f.name ?? f.id,
    from: f.from,
    to: f.to,
    ...wholeLocalDays(timeZone, f.from, f.to),
    services: f.services ?? null,
  }));
}

/** Of `services`, those the freeze covers (all of them when it names none). */
export function coveredServices(freeze: FreezeInterval, services: readonly string[]): string[] {
  return freeze.services === null ? [...services] : services.filter((s) => freeze.services!.includes(s));
}

/** The freezes that `window` crosses on any of `services`, with the services each covers. */
export function freezesCrossed(freezes: readonly FreezeInterval[], window: Interval, services: readonly string[]): Array<{ freeze: FreezeInterval; services: string[] }> {
  const crossed: Array<{ freeze: FreezeInterval; services: string[] }> = [];
  for (const freeze of freezes) {
    if (!overlaps(freeze, window)) continue;
    const covered = coveredServices(freeze, services);
    if (covered.length > 0) crossed.push({ freeze, services: covered });
  }
  return crossed;
}
