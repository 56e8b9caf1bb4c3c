import type { ServiceDocument } from '../model/service.js';
import { largestRemainder } from './allocate.js';
import type { MonthSegment } from './days.js';
import { parseDecimal, rational, roundHalfAwayFromZero, sub, sum, toMinor, type Rational } from './money.js';

/** A service's cost in one month segment, in minor units. */
export interface SegmentCost {
  /** Its own cost lines. */
  own: bigint;
  /** Shares of shared services' costs that it carries. */
  sharesIn: bigint;
  /** Shares of its cost that other services carry. */
  sharesOut: bigint;
  /** own + sharesIn − sharesOut: the cost its pricing has to recover. */
  net: bigint;
}

/**
 * The cost of one cost line in a month segment.
 *
 * - `per: month`: the amount, for a whole month.
 * - `per: year`: a twelfth, split exactly over the twelve months of the year by the largest-remainder method, the
 *   odd cents to the earliest months (28,000.00 a year is 2,333.34 in January to April and 2,333.33 after), so that
 *   twelve months add up to the year to the cent.
 * - A month only partly inside the period (`--from 2026-11-10`) gets its days' share of the month, rounded half away
 *   from zero.
 */
export function costLineInSegment(amount: number | string, per: 'month' | 'year', segment: MonthSegment, minorDigits: number): bigint {
  const whole = toMinor(parseDecimal(amount), minorDigits);
  let monthly = whole;
  if (per === 'year') {
    const monthIndex = Number(segment.month.slice(5, 7)) - 1;
    monthly = largestRemainder(whole, Array.from({ length: 12 }, () => rational(1)))[monthIndex]!;
  }
  if (segment.days === segment.monthDays) return monthly;
  return roundHalfAwayFromZero(rational(monthly * BigInt(segment.days), segment.monthDays));
}

/**
 * Every service's cost per month segment, with cost shares applied as a step-down allocation (the ITIL / CIMA way to
 * spread the cost of shared services): a shared service's full cost — its own plus the shares it carries itself —
 * is split among the services that carry a share of it, in proportion to their `percent`, and the rest (100 % minus
 * the shares) stays with it. The split is exact (largest remainder, carriers in id order, the part that stays last),
 * so no cent appears or disappears: the services' net costs add up to their own costs.
 *
 * Shares are applied in dependency order; validation refuses cycles (`cost-share-cycle`), and this throws on one.
 */
export function serviceCosts(services: ReadonlyMap<string, ServiceDocument>, segments: readonly MonthSegment[], minorDigits: number): Map<string, SegmentCost[]> {
  // carriers of each shared service: [carrier, percent]
  const carriers = new Map<string, Array<{ carrier: string; percent: Rational }>>();
  for (const [id, doc] of services) {
    for (const share of doc.spec.costShares ?? []) {
      if (!services.has(share.service)) continue;
      const list = carriers.get(share.service) ?? [];
      list.push({ carrier: id, percent: parseDecimal(share.percent) });
      carriers.set(share.service, list);
    }
  }
  for (const list of carriers.values()) list.sort((a, b) => (a.carrier < b.carrier ? -1 : a.carrier > b.carrier ? 1 : 0));

  const result = new Map<string, SegmentCost[]>();
  for (const [id, doc] of services) {
    result.set(
      id,
      segments.map((segment) => {
        const own = (doc.spec.costs ?? []).reduce((total, line) => total + costLineInSegment(line.amount, line.per, segment, minorDigits), 0n);
        return { own, sharesIn: 0n, sharesOut: 0n, net: own };
      }),
    );
  }

  for (const shared of sharedOrder(services, carriers)) {
    const list = carriers.get(shared);
    if (!list) continue;
    const rest = sub(rational(100), sum(list.map((c) => c.percent)));
    if (rest.n < 0n) throw new Error(`shares of service "${shared}" add up to more than 100%`);
    const costs = result.get(shared)!;
    segments.forEach((_, i) => {
      const cost = costs[i]!;
      const total = cost.own + cost.sharesIn;
      if (total === 0n) return;
      const parts = largestRemainder(total, [...list.map((c) => c.percent), rest]);
      list.forEach((c, j) => {
        const carried = result.get(c.carrier)![i]!;
        carried.sharesIn += parts[j]!;
        carried.net += parts[j]!;
        cost.sharesOut += parts[j]!;
        cost.net -= parts[j]!;
      });
    });
  }
  return result;
}

/**
 * Shared services in the order their costs can be split: a service's cost is final once every service it carries
 * shares of has been split. Kahn's algorithm over "carrier → shared", in id order among the ready ones.
 */
function sharedOrder(services: ReadonlyMap<string, ServiceDocument>, carriers: ReadonlyMap<string, Array<{ carrier: string }>>): string[] {
  // pending[s] = number of shared services whose split s still waits for (the shares s carries).
  const pending = new Map<string, number>();
  for (const id of services.keys()) pending.set(id, 0);
  for (const list of carriers.values()) for (const { carrier } of list) pending.set(carrier, (pending.get(carrier) ?? 0) + 1);
  const ready = [...pending].filter(([, n]) => n === 0).map(([id]) => id).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const { carrier } of carriers.get(id) ?? []) {
      const n = pending.get(carrier)! - 1;
      pending.set(carrier, n);
      if (n === 0) {
        ready.push(carrier);
        ready.sort();
      }
    }
  }
  if (order.length < services.size) {
    const stuck = [...pending].filter(([, n]) => n > 0).map(([id]) => id).sort();
    throw new Error(`cost shares form a cycle among ${stuck.join(', ')}`);
  }
  return order;
}
