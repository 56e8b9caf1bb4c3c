import type { StatusCategory } from '../model/config.js';
import type { ConsumerDocument, Subscription } from '../model/consumer.js';
import type { Pricing, ServiceDocument, Tier } from '../model/service.js';
import type { TicketDocument } from '../model/ticket.js';
import type { UsageRecord } from '../model/usage.js';
import type { z } from 'zod';
import { largestRemainder } from './allocate.js';
import { hasPriceVersions, priceParts } from './versions.js';
import { dateOfDayNumber, dayNumber, overlapDays, type MonthSegment } from './days.js';
import { add, compare, div, formatDecimal, formatMinor, isZero, min, mul, parseDecimal, rational, sub, sum, toMinor, ZERO, type Rational } from './money.js';
import type { SegmentCost } from './costs.js';
import type { ChargeKind, ChargeLine, ChargeModel } from './types.js';
import { lastStatusOf } from '../model/last-status.js';

/** What the pricing models read, indexed once for the whole period. */
export interface PricingContext {
  minorDigits: number;
  segments: readonly MonthSegment[];
  /** Consumers in id order. */
  consumers: ReadonlyArray<{ id: string; doc: ConsumerDocument }>;
  /**
   * Per service, per segment index: its usage records dated in the segment, its tickets opened in it, and its requests
   * fulfilled in it. Sorted into segments once, so that the work grows with the records plus the months, not with
   * their product.
   */
  usageBySegment: ReadonlyMap<string, ReadonlyArray<readonly UsageRecord[]>>;
  openedBySegment: ReadonlyMap<string, ReadonlyArray<readonly TicketDocument[]>>;
  fulfilledBySegment: ReadonlyMap<string, ReadonlyArray<readonly TicketDocument[]>>;
  categoryOf: (status: string) => StatusCategory | undefined;
  /** The initial status of every ticket (the one whose category is `new`). */
  initialStatus: string;
  costs: ReadonlyMap<string, readonly SegmentCost[]>;
  /** The instant (epoch ms) of a local date's midnight in the organisation's zone. */
  dayStart: (date: string) => number;
}

type TierDoc = z.infer<typeof Tier>;

/**
 * Every line that one service's pricing produces in one month segment. The month is cut into parts where a dated
 * price version takes effect (src/chargeback/versions.ts), each part priced by the pricing in force on its days; a
 * month with one part is priced exactly as a service without versions. Across the parts of a month:
 * - a consumer's flat-priced lines (fixed, per-unit and usage at a rate, per-request) are rounded together: the exact
 *   amounts of its parts are added up, rounded once, and the result is split over the parts by the largest-remainder
 *   method, so that a version that does not change the price does not change the consumer's figure by a cent;
 * - graduated tiers apply to the month's whole volume (every part, every consumer), each part priced at the average
 *   unit price that its version's tiers give that volume; the month's tiered total is rounded once and split over
 *   the parts, then over the consumers by quantity;
 * - an allocated cost is split over the parts by their days (largest remainder), each part's share by its driver.
 */
export function chargesOf(service: ServiceDocument, segmentIndex: number, context: PricingContext): ChargeLine[] {
  const month = context.segments[segmentIndex]!;
  const parts = priceParts(service, month);
  const versioned = hasPriceVersions(service);
  const flat: Priced[] = [];
  const lines: ChargeLine[] = [];
  const metered: Metered[] = [];
  // The month's cost split over the parts by days, for the parts that allocate it: they add up to the month's cost.
  const monthCost = context.costs.get(service.metadata.id)?.[segmentIndex]?.net ?? 0n;
  const costShares = parts.length === 1 ? [monthCost] : largestRemainder(monthCost, parts.map((p) => rational(p.days)));
  parts.forEach((part, i) => {
    const pricing = part.pricing;
    if (!pricing || pricing.model === 'none') return;
    const at: PartRef = { index: segmentIndex, segment: { ...month, start: part.start, end: part.end, days: part.days }, whole: parts.length === 1, version: versioned ? part.version : undefined };
    switch (pricing.model) {
      case 'fixed':
        flat.push(...fixedCharges(service, pricing, at, context));
        return;
      case 'per-unit':
        metered.push(perUnitQuantities(service, pricing, at, context));
        return;
      case 'usage':
        metered.push(usageQuantities(service, pricing, at, context));
        return;
      case 'per-request':
        flat.push(...perRequestCharges(service, at, context));
        return;
      case 'allocation':
        lines.push(...allocationCharges(service, pricing, at, costShares[i]!, context));
        return;
    }
  });
  for (const group of groupBy(metered, (m) => `${m.model}\u0000${m.unit}\u0000${m.metric ?? ''}`).values()) {
    flat.push(...group.filter((m) => m.pricing.tiers === undefined).flatMap((m) => flatPriced(service, m, context)));
    lines.push(...tieredPriced(service, group, context));
  }
  lines.push(...(parts.length === 1 ? flat.map((p) => p.line) : roundedTogether(flat, context)));
  if (versioned) for (const line of lines) line.description += line.priceVersion === null ? ' (base price)' : ` (price from ${line.priceVersion})`;
  return lines;
}

/** A line priced at a flat price, with its exact amount before rounding. */
interface Priced {
  line: ChargeLine;
  exact: Rational;
}

/** Where a part of a month is: its month's index, the month clipped to the part, and the version that priced it. */
interface PartRef {
  index: number;
  /** The month segment clipped to the part: the same month and monthDays, the part's start, end and days. */
  segment: MonthSegment;
  /** Whether the part is the whole month segment (no version takes effect inside the month). */
  whole: boolean;
  /** The `from` of the version in force (null: the base pricing), or undefined when the service has no versions. */
  version: string | null | undefined;
}

/**
 * A consumer's flat-priced lines of one month, across its price parts, rounded once together: the lines of the same
 * consumer, kind and offering get the rounded sum of their exact amounts, split over them by the largest-remainder
 * method (in date order, so that a tie gives the cent to the earlier part).
 */
function roundedTogether(flat: readonly Priced[], context: PricingContext): ChargeLine[] {
  for (const group of groupBy(flat, (p) => `${p.line.kind}\u0000${p.line.consumer ?? ''}\u0000${p.line.offering ?? ''}`).values()) {
    const exact = sum(group.map((p) => p.exact));
    if (isZero(exact)) continue;
    const parts = largestRemainder(toMinor(exact, context.minorDigits), group.map((p) => p.exact));
    group.forEach((p, i) => (p.line.amount = parts[i]!));
  }
  return flat.map((p) => p.line);
}

/** A line with every input null: each model fills in what produced its amount. */
export function blankLine(kind: ChargeKind, consumer: ConsumerRef | null, service: ServiceDocument, model: ChargeModel, period: string, start: string, end: string): ChargeLine {
  return {
    kind,
    consumer: consumer?.id ?? null,
    consumerName: consumer ? (consumer.doc.metadata.name ?? consumer.id) : null,
    costCenter: consumer?.doc.spec.costCenter ?? null,
    service: service.metadata.id,
    serviceName: service.metadata.name ?? service.metadata.id,
    serviceCategory: service.spec.category,
    model,
    period,
    start,
    end,
    description: '',
    quantity: null,
    unit: null,
    unitPrice: null,
    amount: 0n,
    unitDays: null,
    monthDays: null,
    tiered: false,
    serviceQuantity: null,
    serviceAmount: null,
    offering: null,
    offeringName: null,
    tickets: [],
    driver: null,
    metric: null,
    driverQuantity: null,
    driverTotal: null,
    share: null,
    costBasis: null,
    sla: null,
    availability: null,
    below: null,
    creditPercent: null,
    creditBasis: null,
    priceVersion: null,
  };
}

export interface ConsumerRef {
  id: string;
  doc: ConsumerDocument;
}

function partLine(kind: ChargeKind, consumer: ConsumerRef | null, service: ServiceDocument, model: ChargeModel, at: PartRef): ChargeLine {
  const line = blankLine(kind, consumer, service, model, at.segment.month, at.segment.start, at.segment.end);
  line.priceVersion = at.version ?? null;
  return line;
}

function subscriptionsTo(consumer: ConsumerDocument, service: string): Subscription[] {
  return (consumer.spec.subscriptions ?? []).filter((s) => s.service === service);
}

/** Days of the segment on which at least one of the subscriptions is active (each day counts once). */
function activeDays(subscriptions: readonly Subscription[], segment: MonthSegment): number {
  const first = dayNumber(segment.start);
  const covered = new Array<boolean>(segment.days).fill(false);
  for (const s of subscriptions) {
    const from = Math.max(dayNumber(s.from), first);
    const afterLast = Math.min(s.to === undefined ? Infinity : dayNumber(s.to) + 1, first + segment.days);
    for (let day = from; day < afterLast; day++) covered[day - first] = true;
  }
  return covered.filter(Boolean).length;
}

const q = (value: Rational) => formatDecimal(value, 4, 0, true);

// ---------------------------------------------------------------------------------------------------------------
// fixed: a flat amount per subscribed consumer per month, prorated by the days of the month it was subscribed.

function fixedCharges(service: ServiceDocument, pricing: Extract<Pricing, { model: 'fixed' }>, at: PartRef, context: PricingContext): Priced[] {
  const { segment } = at;
  const price = parseDecimal(pricing.amount);
  const lines: Priced[] = [];
  for (const consumer of context.consumers) {
    const days = activeDays(subscriptionsTo(consumer.doc, service.metadata.id), segment);
    if (days === 0) continue;
    const quantity = rational(days, segment.monthDays);
    const line = partLine('charge', consumer, service, 'fixed', at);
    line.quantity = quantity;
    line.unit = 'month';
    line.unitPrice = price;
    line.unitDays = days;
    line.monthDays = segment.monthDays;
    const exact = mul(price, quantity);
    line.amount = toMinor(exact, context.minorDigits);
    line.description =
      days === segment.monthDays
        ? `fixed price ${rate(price, context)} per month`
        : `fixed price ${rate(price, context)} per month × ${days}/${segment.monthDays} days subscribed`;
    lines.push({ line, exact });
  }
  return lines;
}

function rate(value: Rational, context: PricingContext): string {
  return formatDecimal(value, 4, context.minorDigits, true);
}

// ---------------------------------------------------------------------------------------------------------------
// per-unit and usage: a quantity per consumer, priced at a flat rate or by graduated tiers of the total.

interface Quantity {
  consumer: ConsumerRef;
  quantity: Rational;
  /** per-unit: Σ units × days. */
  unitDays?: number;
}

/** The quantities of one part of a month for a per-unit or usage pricing, before they are priced. */
interface Metered {
  model: 'per-unit' | 'usage';
  unit: string;
  metric: string | null;
  pricing: { rate?: number | string | undefined; tiers?: TierDoc[] | undefined };
  at: PartRef;
  quantities: Quantity[];
  /** Fills the model's own fields of a line and returns the detail its description adds after the unit. */
  detail: (line: ChargeLine, item: Quantity) => string;
}

function perUnitQuantities(service: ServiceDocument, pricing: Extract<Pricing, { model: 'per-unit' }>, at: PartRef, context: PricingContext): Metered {
  const { segment } = at;
  const quantities: Quantity[] = [];
  for (const consumer of context.consumers) {
    const unitDays = subscriptionsTo(consumer.doc, service.metadata.id).reduce((total, s) => total + (s.units ?? 0) * overlapDays(s.from, s.to, segment.start, segment.end), 0);
    if (unitDays === 0) continue;
    quantities.push({ consumer, quantity: rational(unitDays, segment.monthDays), unitDays });
  }
  return {
    model: 'per-unit',
    unit: pricing.unit,
    metric: null,
    pricing,
    at,
    quantities,
    detail: (line, item) => {
      line.unitDays = item.unitDays!;
      line.monthDays = segment.monthDays;
      const whole = item.unitDays! % segment.monthDays === 0;
      return whole ? '' : ` (${item.unitDays!.toLocaleString('en-US')} ${pricing.unit}-days ÷ ${segment.monthDays} days)`;
    },
  };
}

function usageQuantities(service: ServiceDocument, pricing: Extract<Pricing, { model: 'usage' }>, at: PartRef, context: PricingContext): Metered {
  const byConsumer = usageIn(context, service.metadata.id, pricing.metric, at);
  const quantities: Quantity[] = [];
  for (const consumer of context.consumers) {
    const quantity = byConsumer.get(consumer.id);
    if (quantity !== undefined && !isZero(quantity)) quantities.push({ consumer, quantity });
  }
  return {
    model: 'usage',
    unit: pricing.unit,
    metric: pricing.metric,
    pricing,
    at,
    quantities,
    detail: (line) => {
      line.metric = pricing.metric;
      return ` (${pricing.metric})`;
    },
  };
}

/** Σ quantity of the records of `service` and `metric` dated in the part of the month, per consumer. */
function usageIn(context: PricingContext, service: string, metric: string, at: PartRef): Map<string, Rational> {
  const byConsumer = new Map<string, Rational>();
  const { start, end } = at.segment;
  for (const record of context.usageBySegment.get(service)?.[at.index] ?? []) {
    if (record.metric !== metric) continue;
    if (!at.whole && (record.date < start || record.date >= end)) continue;
    byConsumer.set(record.consumer, add(byConsumer.get(record.consumer) ?? ZERO, parseDecimal(record.quantity)));
  }
  return byConsumer;
}

/** Quantities at a flat `rate`: each line is rate × quantity, rounded once (or with its other parts, see chargesOf). */
function flatPriced(service: ServiceDocument, metered: Metered, context: PricingContext): Priced[] {
  const { model, unit, pricing } = metered;
  const price = parseDecimal(pricing.rate ?? 0);
  return metered.quantities.map((item) => {
    const line = partLine('charge', item.consumer, service, model, metered.at);
    line.quantity = item.quantity;
    line.unit = unit;
    line.unitPrice = price;
    const exact = mul(price, item.quantity);
    line.amount = toMinor(exact, context.minorDigits);
    const extra = metered.detail(line, item);
    line.description = `${q(item.quantity)} ${unit}${extra} × ${rate(price, context)}${model === 'per-unit' ? ' per month' : ''}`;
    return { line, exact };
  });
}

/**
 * Graduated `tiers` apply to the month's whole volume: the quantity of all consumers on every day of the month that a
 * pricing of the same model and unit (and metric) prices, so that a price change inside a month neither restarts
 * the tiers nor moves anyone up them. Each tiered part is priced at the average unit price its version's tiers give
 * that volume: tieredPrice(volume) × the part's quantity ÷ volume. The month's tiered total is rounded once, split
 * over the parts by the largest-remainder method, and each part's amount among its consumers in proportion to their
 * quantities, so that every consumer pays the same average price on the same day and the lines add up to the tiered
 * total exactly. With one part (no version inside the month) this is the tiered price of the month's total, shared by
 * quantity.
 */
function tieredPriced(service: ServiceDocument, group: readonly Metered[], context: PricingContext): ChargeLine[] {
  const tiered = group.filter((m) => m.pricing.tiers !== undefined && m.quantities.length > 0);
  if (tiered.length === 0) return [];
  const volume = sum(group.flatMap((m) => m.quantities.map((i) => i.quantity)));
  const exacts = tiered.map((m) => mul(tieredPrice(volume, m.pricing.tiers!), div(sum(m.quantities.map((i) => i.quantity)), volume)));
  const total = toMinor(sum(exacts), context.minorDigits);
  const partAmounts = tiered.length === 1 ? [total] : isZero(sum(exacts)) ? tiered.map(() => 0n) : largestRemainder(total, exacts);
  return tiered.flatMap((metered, p) => {
    const { model, unit, quantities } = metered;
    const serviceAmount = toMinor(tieredPrice(volume, metered.pricing.tiers!), context.minorDigits);
    const parts = largestRemainder(partAmounts[p]!, quantities.map((i) => i.quantity));
    return quantities.map((item, i) => {
      const line = partLine('charge', item.consumer, service, model, metered.at);
      line.quantity = item.quantity;
      line.unit = unit;
      line.tiered = true;
      line.serviceQuantity = volume;
      line.serviceAmount = serviceAmount;
      line.amount = parts[i]!;
      const extra = metered.detail(line, item);
      line.description =
        group.length === 1
          ? `${q(item.quantity)} ${unit}${extra} of ${q(volume)} ${unit} in total, whose tiered price ` +
            `${formatMinor(serviceAmount, context.minorDigits, true)} is shared by quantity`
          : `${q(item.quantity)} ${unit}${extra} of ${q(volume)} ${unit} in the month, whose tiered price at these tiers ` +
            `${formatMinor(serviceAmount, context.minorDigits, true)} is shared by quantity`;
      return line;
    });
  });
}

/**
 * Graduated tiers: each tier prices the quantity between the previous tier's `upTo` (exclusive) and its own
 * (inclusive) at its rate; the last tier may be open-ended. 150 with [{upTo: 100, rate: 45}, {upTo: 500, rate: 40}]
 * is 100 × 45 + 50 × 40 = 6,500. Exact: the result is a rational in currency units.
 */
export function tieredPrice(quantity: Rational, tiers: readonly TierDoc[]): Rational {
  let total = ZERO;
  let previous = ZERO;
  for (const tier of tiers) {
    const upper = tier.upTo === undefined ? quantity : min(quantity, parseDecimal(tier.upTo));
    if (compare(upper, previous) <= 0) break;
    total = add(total, mul(sub(upper, previous), parseDecimal(tier.rate)));
    if (tier.upTo === undefined) break;
    previous = parseDecimal(tier.upTo);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// per-request: the price of the offering of each request fulfilled in the month.

/**
 * When a request was fulfilled: the first time it reached a status of category `resolved` or `closed`; null if it
 * never did, or if its last status is `cancelled` (a withdrawn request is not charged). A request reopened and
 * resolved again is charged once, in the month it was first resolved.
 */
export function fulfilledAt(ticket: TicketDocument, categoryOf: (status: string) => StatusCategory | undefined): number | null {
  let first: number | null = null;
  let last: StatusCategory | undefined;
  for (const event of ticket.spec.timeline ?? []) {
    if (event.status === undefined) continue;
    last = categoryOf(event.status);
    if (first === null && (last === 'resolved' || last === 'closed')) first = Date.parse(event.at);
  }
  return last === 'cancelled' ? null : first;
}

function perRequestCharges(service: ServiceDocument, at: PartRef, context: PricingContext): Priced[] {
  const within = instantsOf(at, context);
  const offerings = new Map((service.spec.offerings ?? []).map((o) => [o.id, o]));
  // (consumer or "", offering) → tickets
  const groups = new Map<string, { consumer: string | null; offering: string; tickets: string[] }>();
  for (const ticket of context.fulfilledBySegment.get(service.metadata.id)?.[at.index] ?? []) {
    const { spec } = ticket;
    if (within !== null && !within(fulfilledAt(ticket, context.categoryOf)!)) continue;
    if (spec.type !== 'request' || spec.offering === undefined || offerings.get(spec.offering)?.price === undefined) continue;
    const key = `${spec.consumer ?? ''}\u0000${spec.offering}`;
    const group = groups.get(key) ?? { consumer: spec.consumer ?? null, offering: spec.offering, tickets: [] };
    group.tickets.push(ticket.metadata.id);
    groups.set(key, group);
  }
  const consumers = new Map(context.consumers.map((c) => [c.id, c]));
  const lines: Priced[] = [];
  for (const group of groups.values()) {
    const offering = offerings.get(group.offering)!;
    const price = parseDecimal(offering.price!);
    const consumer = group.consumer === null ? null : (consumers.get(group.consumer) ?? null);
    const line = partLine(consumer ? 'charge' : 'unallocated', consumer, service, 'per-request', at);
    const count = group.tickets.length;
    line.quantity = rational(count);
    line.unit = 'request';
    line.unitPrice = price;
    line.offering = offering.id;
    line.offeringName = offering.name;
    line.tickets = group.tickets.sort();
    const exact = mul(price, line.quantity);
    line.amount = toMinor(exact, context.minorDigits);
    line.description = `${count} × ${offering.name} (${offering.id}) at ${rate(price, context)}${consumer ? '' : ': requests with no consumer'}`;
    lines.push({ line, exact });
  }
  return lines.sort((a, b) => cmpNullLast(a.line.consumer, b.line.consumer) || cmp(a.line.offering ?? '', b.line.offering ?? ''));
}

/**
 * For a part of a month, whether an instant falls on its days (from the local midnight of its start to that of its
 * end); null for a whole month segment, whose tickets are already sorted into it.
 */
function instantsOf(at: PartRef, context: PricingContext): ((ms: number) => boolean) | null {
  if (at.whole) return null;
  const start = context.dayStart(at.segment.start);
  const end = context.dayStart(at.segment.end);
  return (ms) => ms >= start && ms < end;
}

// ---------------------------------------------------------------------------------------------------------------
// allocation: the service's cost split across consumers by a driver; what no driver covers stays unallocated.

interface Weights {
  /** Exact share of each consumer with a share (> 0). */
  shares: Map<string, Rational>;
  /** Driver quantity of each of those consumers, prorated by days. */
  quantities: Map<string, Rational>;
  /** Share that no consumer's driver covers. */
  unallocated: Rational;
  /** For the tickets driver: tickets with no consumer. */
  unallocatedQuantity: Rational | null;
  /** Why the unallocated share is not zero. */
  reason: string;
}

/** `cost`: the service's cost of the month after cost shares, or of a part of it its days' share. */
function allocationCharges(service: ServiceDocument, pricing: Extract<Pricing, { model: 'allocation' }>, at: PartRef, cost: bigint, context: PricingContext): ChargeLine[] {
  const weights = driverWeights(service, pricing, at, context);
  const consumers = context.consumers.filter((c) => weights.shares.has(c.id));
  const parts = largestRemainder(cost, [...consumers.map((c) => weights.shares.get(c.id)!), weights.unallocated]);
  // The total the shares are taken of: with the tickets driver, tickets with no consumer count too.
  const driverTotal = add(sum(weights.quantities.values()), weights.unallocatedQuantity ?? ZERO);
  const costText = formatMinor(cost, context.minorDigits, true);
  const lines: ChargeLine[] = consumers.map((consumer, i) => {
    const line = partLine('charge', consumer, service, 'allocation', at);
    fillAllocation(line, pricing, cost, weights.shares.get(consumer.id)!, parts[i]!);
    line.driverQuantity = weights.quantities.get(consumer.id)!;
    line.driverTotal = driverTotal;
    line.quantity = line.driverQuantity;
    line.unit = driverUnit(pricing);
    line.description = `${percentText(line.share!)} of the cost ${costText} by ${driverText(pricing)} (${q(line.driverQuantity)} of ${q(driverTotal)})`;
    return line;
  });
  if (!isZero(weights.unallocated)) {
    const line = partLine('unallocated', null, service, 'allocation', at);
    fillAllocation(line, pricing, cost, weights.unallocated, parts[consumers.length]!);
    line.driverQuantity = weights.unallocatedQuantity;
    line.driverTotal = driverTotal;
    if (weights.unallocatedQuantity !== null && !isZero(weights.unallocatedQuantity)) {
      line.quantity = weights.unallocatedQuantity;
      line.unit = driverUnit(pricing);
    }
    line.description = `${percentText(weights.unallocated)} of the cost ${costText} is unallocated: ${weights.reason}`;
    lines.push(line);
  }
  return lines;
}

function fillAllocation(line: ChargeLine, pricing: Extract<Pricing, { model: 'allocation' }>, cost: bigint, share: Rational, amount: bigint): void {
  line.driver = pricing.driver;
  line.metric = pricing.driver === 'usage' ? (pricing.metric ?? null) : null;
  line.costBasis = cost;
  line.share = share;
  line.amount = amount;
}

function percentText(share: Rational): string {
  return `${formatDecimal(mul(share, rational(100)), 4, 0, true)}%`;
}

function driverText(pricing: Extract<Pricing, { model: 'allocation' }>): string {
  return pricing.driver === 'usage' ? `usage of ${pricing.metric}` : pricing.driver === 'even' ? 'even shares' : pricing.driver;
}

/** The unit of a driver quantity. */
function driverUnit(pricing: Extract<Pricing, { model: 'allocation' }>): string {
  switch (pricing.driver) {
    case 'headcount':
      return 'person';
    case 'units':
      return 'unit';
    case 'usage':
      return pricing.metric ?? 'usage';
    case 'tickets':
      return 'ticket';
    case 'even':
      return 'share';
  }
}

/**
 * The exact share of the segment's cost that each consumer carries, and the share nobody does (OpenCost's idle cost).
 *
 * - headcount, units, even: the subscribers of the service, day by day. The segment is cut where a subscription
 *   starts or ends; in each piece the piece's part of the cost (its days ÷ the segment's days) is split in
 *   proportion to the consumers' headcount, subscribed units, or equally; a piece with no subscriber (or only
 *   zero weights) is unallocated.
 * - usage: the consumers' recorded quantity of `metric` in the segment; unallocated only when nothing was recorded.
 * - tickets: the tickets of the service opened in the segment, not cancelled; tickets with no consumer are the
 *   unallocated share; unallocated entirely when there were none.
 */
function driverWeights(service: ServiceDocument, pricing: Extract<Pricing, { model: 'allocation' }>, at: PartRef, context: PricingContext): Weights {
  const { segment } = at;
  const id = service.metadata.id;
  if (pricing.driver === 'usage' || pricing.driver === 'tickets') {
    const counts = new Map<string, Rational>();
    let none = ZERO;
    if (pricing.driver === 'usage') {
      for (const [consumer, quantity] of usageIn(context, id, pricing.metric ?? '', at)) counts.set(consumer, quantity);
    } else {
      const within = instantsOf(at, context);
      for (const ticket of context.openedBySegment.get(id)?.[at.index] ?? []) {
        if (within !== null && !within(Date.parse(ticket.spec.opened))) continue;
        if (lastCategory(ticket, context) === 'cancelled') continue;
        const consumer = ticket.spec.consumer;
        if (consumer === undefined) none = add(none, rational(1));
        else counts.set(consumer, add(counts.get(consumer) ?? ZERO, rational(1)));
      }
    }
    const known = new Set(context.consumers.map((c) => c.id));
    const shares = new Map<string, Rational>();
    const quantities = new Map<string, Rational>();
    for (const [consumer, count] of counts) {
      if (isZero(count) || !known.has(consumer)) continue;
      quantities.set(consumer, count);
    }
    const total = add(sum(quantities.values()), none);
    if (isZero(total)) {
      const reason = pricing.driver === 'tickets' ? 'no tickets were opened' : `no usage of ${pricing.metric ?? ''} was recorded`;
      return { shares, quantities, unallocated: rational(1), unallocatedQuantity: pricing.driver === 'tickets' ? ZERO : null, reason };
    }
    for (const [consumer, count] of quantities) shares.set(consumer, div(count, total));
    const reason = `${q(none)} of ${q(total)} tickets had no consumer`;
    return { shares, quantities, unallocated: div(none, total), unallocatedQuantity: pricing.driver === 'tickets' ? none : null, reason };
  }

  // Subscription drivers: cut the segment where subscriptions start or end.
  const first = dayNumber(segment.start);
  const afterLast = first + segment.days;
  const cuts = new Set<number>([first, afterLast]);
  for (const consumer of context.consumers) {
    for (const s of subscriptionsTo(consumer.doc, id)) {
      const from = dayNumber(s.from);
      const end = s.to === undefined ? Infinity : dayNumber(s.to) + 1;
      if (from > first && from < afterLast) cuts.add(from);
      if (end > first && end < afterLast) cuts.add(end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const shares = new Map<string, Rational>();
  const quantities = new Map<string, Rational>();
  let unallocated = ZERO;
  let idleDays = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const day = dateOfDayNumber(points[i]!);
    const piece = rational(points[i + 1]! - points[i]!, segment.days);
    const weights = new Map<string, Rational>();
    for (const consumer of context.consumers) {
      const active = subscriptionsTo(consumer.doc, id).filter((s) => s.from <= day && (s.to === undefined || s.to >= day));
      if (active.length === 0) continue;
      const weight =
        pricing.driver === 'headcount' ? consumer.doc.spec.headcount : pricing.driver === 'units' ? active.reduce((n, s) => n + (s.units ?? 0), 0) : 1;
      if (weight > 0) weights.set(consumer.id, rational(weight));
    }
    const total = sum(weights.values());
    if (isZero(total)) {
      unallocated = add(unallocated, piece);
      idleDays += points[i + 1]! - points[i]!;
      continue;
    }
    for (const [consumer, weight] of weights) {
      shares.set(consumer, add(shares.get(consumer) ?? ZERO, mul(piece, div(weight, total))));
      quantities.set(consumer, add(quantities.get(consumer) ?? ZERO, mul(piece, weight)));
    }
  }
  const reason = `no consumer with a ${pricing.driver === 'even' ? 'subscription' : pricing.driver === 'units' ? 'subscribed unit' : 'headcount'} on ${idleDays} of ${segment.days} days`;
  return { shares, quantities, unallocated, unallocatedQuantity: null, reason };
}

function lastCategory(ticket: TicketDocument, context: PricingContext): StatusCategory | undefined {
  return context.categoryOf(lastStatusOf(ticket.spec.timeline) ?? context.initialStatus);
}

/** Items by key, in the order of first appearance. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b);
}

