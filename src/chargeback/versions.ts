import type { Pricing, ServiceDocument } from '../model/service.js';
import { dayNumber, type MonthSegment } from './days.js';

/**
 * Dated price versions (#11): from the local date `from` of a `versions[]` entry the service is priced by that
 * version's `pricing`; earlier days keep the base `pricing` or the previous version. Chargeback prices each day at the
 * price in force that day, so a month in which a version starts is cut into parts, one per price in force.
 */

/** The part of a month segment priced by one pricing: [start, end) local dates inside the segment. */
export interface PricePart {
  start: string;
  end: string;
  days: number;
  /** The `from` of the version in force, or null for the service's base `pricing`. */
  version: string | null;
  /** The pricing in force; undefined when the service has none on these days. */
  pricing: Pricing | undefined;
}

/**
 * The service's versions in the order they take effect: by `from`, and of two with the same `from` the one written
 * later wins (it is later in this order). Validation reports versions out of order; chargeback does not depend on it.
 */
function ordered(service: ServiceDocument): Array<{ from: string; pricing: Pricing }> {
  return (service.spec.versions ?? []).map((v, i) => ({ v, i })).sort((a, b) => (a.v.from < b.v.from ? -1 : a.v.from > b.v.from ? 1 : a.i - b.i)).map(({ v }) => v);
}

/** The pricing in force on the local date `date`, with the `from` of its version (null: the base `pricing`). */
export function pricingOn(service: ServiceDocument, date: string): { version: string | null; pricing: Pricing | undefined } {
  let inForce: { version: string | null; pricing: Pricing | undefined } = { version: null, pricing: service.spec.pricing };
  for (const v of ordered(service)) {
    if (v.from > date) break;
    inForce = { version: v.from, pricing: v.pricing };
  }
  return inForce;
}

/** Whether the service has dated price versions at all (its statements then name the version of each line). */
export function hasPriceVersions(service: ServiceDocument): boolean {
  return (service.spec.versions ?? []).length > 0;
}

/** The month segment cut where a version takes effect: one part per pricing in force, in date order. */
export function priceParts(service: ServiceDocument, segment: MonthSegment): PricePart[] {
  const cuts = [...new Set(ordered(service).map((v) => v.from))].filter((from) => from > segment.start && from < segment.end);
  const bounds = [segment.start, ...cuts, segment.end];
  const parts: PricePart[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    parts.push({ start, end, days: dayNumber(end) - dayNumber(start), ...pricingOn(service, start) });
  }
  return parts;
}
