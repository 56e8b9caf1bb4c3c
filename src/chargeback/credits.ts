import type { Repository } from '../model/repository.js';
import type { ServiceDocument } from '../model/service.js';
import { termsOn, type CompiledAgreement } from '../sla/agreements.js';
import type { AgreementSelector } from '../sla/selection.js';
import { measureAvailability, type OutageInterval } from '../sla/availability.js';
import { startOfLocalDay } from '../time/index.js';
import { dayNumberOf } from '../time/zone.js';
import { blankLine, type ConsumerRef } from './charges.js';
import type { MonthSegment } from './days.js';
import { compare, formatDecimal, formatMinor, mul, parseDecimal, rational, roundHalfAwayFromZero, type Rational } from './money.js';
import type { ChargeLine, ChargeModel } from './types.js';

/** An availability window of an agreement (a month, quarter or year), clipped to the chargeback period. */
export interface CreditWindow {
  /** "2026-11", "2026-Q4" or "2026". */
  label: string;
  start: string;
  end: string;
  /** Indexes of the month segments it covers. */
  segments: number[];
}

/** The windows of `window` that the period's month segments fall in, in order, each clipped to the period. */
export function creditWindows(segments: readonly MonthSegment[], window: 'month' | 'quarter' | 'year'): CreditWindow[] {
  const windows: CreditWindow[] = [];
  segments.forEach((segment, i) => {
    const year = segment.month.slice(0, 4);
    const label = window === 'month' ? segment.month : window === 'year' ? year : `${year}-Q${Math.floor((Number(segment.month.slice(5, 7)) - 1) / 3) + 1}`;
    const last = windows[windows.length - 1];
    if (last && last.label === label) {
      last.end = segment.end;
      last.segments.push(i);
    } else windows.push({ label, start: segment.start, end: segment.end, segments: [i] });
  });
  return windows;
}

export interface CreditContext {
  repository: Repository;
  agreements: ReadonlyMap<string, CompiledAgreement>;
  /** Chooses each consumer's agreements for the service (docs/sla.md, "Which agreements measure a ticket"). */
  select: AgreementSelector;
  segments: readonly MonthSegment[];
  consumers: readonly ConsumerRef[];
  /** The measurement instant of availability: the end of the period. */
  asOf: number;
  minorDigits: number;
  outagesByService: ReadonlyMap<string, readonly OutageInterval[]>;
  maintenanceByService: ReadonlyMap<string, ReadonlyArray<{ start: number; end: number }>>;
}

/**
 * Service credits (ITIL service level management; "service credits" of a contract): for each consumer, the customer agreement that measures
 * its tickets on the service (its subscription's, else its own, else the service's `sla`) decides; where it has
 * `credits`, availability is measured in each of the agreement's windows that the period overlaps — clipped to the
 * period, exactly as `itsm sla report` for the same period measures it — and when it is below a tier's `below`, the
 * tier's `credit` percent of each consumer's charges for the service in that window is returned as a negative line.
 * When several tiers apply, the deepest wins: the one with the lowest `below` (on a tie, the larger credit).
 * Availability is compared exactly: (agreed − downtime) × 100 ÷ agreed < below.
 */
export function creditsOf(service: ServiceDocument, model: ChargeModel, charges: readonly ChargeLine[], context: CreditContext): ChargeLine[] {
  const tz = context.repository.config.timeZone;
  // Each consumer's customer agreement for the service on a day: its subscription's, else its own, else the service's
  // `sla` (never an OLA or SLO: credits are owed to customers).
  const customerAgreement = (consumer: string, date: string): string | undefined =>
    context.select(service.metadata.id, consumer, date).find((c) => c.rule !== 'service-agreement')?.agreement;
  const candidates = [service.spec.sla, ...context.consumers.flatMap((c) => context.segments.map((segment) => customerAgreement(c.id, segment.start)))];
  const agreementIds = candidates.filter((id, i): id is string => id !== undefined && candidates.indexOf(id) === i);
  // Each consumer's charges for the service per month, summed once: a window adds up its months.
  const chargedByMonth = new Map<string, Map<string, bigint>>();
  for (const l of charges) {
    if (l.kind !== 'charge' || l.consumer === null) continue;
    const month = chargedByMonth.get(l.period) ?? new Map<string, bigint>();
    month.set(l.consumer, (month.get(l.consumer) ?? 0n) + l.amount);
    chargedByMonth.set(l.period, month);
  }
  const outages = (context.outagesByService.get(service.metadata.id) ?? []).filter((o) => o.start < context.asOf);
  const lines: ChargeLine[] = [];
  for (const agreementId of agreementIds) {
    const agreement = context.agreements.get(agreementId);
    // The windows are those of the first terms that measure availability; each window is judged by the terms (target,
    // calendar, credit tiers) in force on its first day, as `sla report` does (docs/sla.md, "Agreements that change").
    const windowKind = agreement?.terms.find((t) => t.availability && (t.credits ?? []).length > 0)?.availability?.window;
    if (!agreement || windowKind === undefined) continue;
    for (const window of creditWindows(context.segments, windowKind)) {
      const from = startOfLocalDay(tz, window.start);
      const to = startOfLocalDay(tz, window.end);
      if (from >= context.asOf) continue;
      const terms = termsOn(agreement, dayNumberOf(window.start));
      const settings = terms?.availability;
      const tiers = terms?.credits ?? [];
      if (!terms || !settings || tiers.length === 0) continue;
      const figures = measureAvailability(
        terms.policy.calendar,
        { target: settings.target, degradedWeight: settings.degradedWeight ?? 0.5, excludeMaintenance: settings.excludeMaintenance ?? true },
        { from, to },
        context.asOf,
        outages,
        context.maintenanceByService.get(service.metadata.id) ?? [],
      );
      const agreed = BigInt(Math.round(figures.agreedMs));
      if (agreed <= 0n) continue;
      const availability = rational((agreed - BigInt(Math.round(figures.downtimeMs))) * 100n, agreed);
      const tier = deepestTier(availability, tiers);
      if (!tier) continue;
      const bases = new Map<string, bigint>();
      for (const i of window.segments) {
        for (const [consumer, amount] of chargedByMonth.get(context.segments[i]!.month) ?? []) bases.set(consumer, (bases.get(consumer) ?? 0n) + amount);
      }
      for (const consumer of context.consumers) {
        const basis = bases.get(consumer.id) ?? 0n;
        if (basis === 0n) continue;
        // A consumer with an agreement of its own is owed what that agreement promises, not the service's.
        if (customerAgreement(consumer.id, window.start) !== agreement.id) continue;
        const amount = -roundHalfAwayFromZero(mul(rational(basis), mul(parseDecimal(tier.credit), rational(1, 100))));
        const line = blankLine('credit', consumer, service, model, window.label, window.start, window.end);
        line.sla = agreement.id;
        line.availability = availability;
        line.below = tier.below;
        line.creditPercent = tier.credit;
        line.creditBasis = basis;
        line.quantity = parseDecimal(tier.credit);
        line.unit = '%';
        line.amount = amount;
        line.description =
          `service credit ${tier.credit}% of ${formatMinor(basis, context.minorDigits, true)}: availability ` +
          `${formatAvailability(availability)} in ${window.label} is below ${tier.below}% (${agreement.id})`;
        lines.push(line);
      }
    }
  }
  return lines;
}

/** The tier with the lowest `below` that availability is under (the larger credit on a tie), or none. */
export function deepestTier<T extends { below: number; credit: number }>(availability: Rational, tiers: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const tier of tiers) {
    if (compare(availability, parseDecimal(tier.below)) >= 0) continue;
    if (!best || tier.below < best.below || (tier.below === best.below && tier.credit > best.credit)) best = tier;
  }
  return best;
}

/** Availability rounded DOWN to three decimals, so that a figure below a threshold never prints as reaching it. */
export function formatAvailability(availability: Rational): string {
  const scaled = availability.n * 1000n;
  let floored = scaled / availability.d;
  if (scaled < 0n && floored * availability.d !== scaled) floored -= 1n;
  return `${formatDecimal(rational(floored, 1000), 3)}%`;
}
