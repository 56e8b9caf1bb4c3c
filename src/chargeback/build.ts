import type { StatusCategory } from '../model/config.js';
import type { Repository } from '../model/repository.js';
import type { ServiceDocument } from '../model/service.js';
import type { TicketDocument } from '../model/ticket.js';
import type { UsageRecord } from '../model/usage.js';
import { compileAgreements } from '../sla/agreements.js';
import { agreementSelector } from '../sla/selection.js';
import { outagesAndMaintenanceOf } from '../sla/availability.js';
import { startOfLocalDay } from '../time/index.js';
import { chargesOf, fulfilledAt, groupBy, type ConsumerRef, type PricingContext } from './charges.js';
import { serviceCosts } from './costs.js';
import { creditsOf } from './credits.js';
import { addDays, MAX_PERIOD_DAYS, monthSegments, periodDays, segmentOfDate, segmentOfInstant } from './days.js';
import { minorDigitsOf } from './money.js';
import { hasPriceVersions, pricingOn } from './versions.js';
import type { Chargeback, ChargebackGroupBy, ChargeLine, ConsumerTotal, GroupTotal, ServiceRecovery } from './types.js';

export interface ChargebackOptions {
  /** The period as local dates in the organisation's zone, `to` excluded: [2026-11-01, 2026-12-01) is November. */
  period: { label: string; from: string; to: string };
  /** Only these consumers' lines (and no unallocated lines). */
  consumers?: readonly string[];
  /** Only these services' lines and recovery rows. */
  services?: readonly string[];
  /** How the human formats group the lines; default `consumer`. */
  by?: ChargebackGroupBy;
}

/**
 * Computes every charge of the period: each service's cost after cost shares, its pricing model's charges per
 * consumer and month, allocation with unallocated cost kept visible, and service credits from the SLA engine's
 * availability. Pure: reads only the repository and the options (availability is measured as of the period's end,
 * not the clock). Money is exact (integers of the currency's minor unit); docs/chargeback.md has the semantics.
 *
 * Everything is computed for every consumer and service, then filtered: a consumer's allocated share, a tiered
 * price or a cost share does not depend on who is looking.
 */
export function buildChargeback(repository: Repository, options: ChargebackOptions): Chargeback {
  const { period } = options;
  if (!(period.from < period.to)) throw new RangeError(`the period must end after it starts: [${period.from}, ${period.to})`);
  if (periodDays(period.from, period.to) > MAX_PERIOD_DAYS) throw new RangeError(`the period [${period.from}, ${period.to}) is longer than ${MAX_PERIOD_DAYS} days`);
  const tz = repository.config.timeZone;
  const minorDigits = minorDigitsOf(repository.config.currency);
  const segments = monthSegments(period.from, period.to);
  const segmentInstants = segments.map((s) => ({ start: startOfLocalDay(tz, s.start), end: startOfLocalDay(tz, s.end) }));
  const start = startOfLocalDay(tz, period.from);
  const end = startOfLocalDay(tz, period.to);

  const services = firstById(repository.services.map((e) => e.doc));
  const consumers: ConsumerRef[] = [...firstById(repository.consumers.map((e) => e.doc)).entries()]
    .map(([id, doc]) => ({ id, doc }))
    .sort((a, b) => cmp(a.id, b.id));

  const categories = new Map<string, StatusCategory>(repository.config.statuses.map((s) => [s.id, s.category]));
  const categoryOf = (status: string) => categories.get(status);
  const initialStatus = repository.config.statuses.find((s) => s.category === 'new')?.id ?? 'new';
  const usageBySegment = bySegment(repository.usage.map((e) => e.doc), segments.length, (r: UsageRecord) => r.service, (r) => segmentOfDate(segments, r.date));
  const tickets = repository.tickets.map((e) => e.doc);
  const ticketService = (t: TicketDocument) => t.spec.service;
  const openedBySegment = bySegment(tickets, segments.length, ticketService, (t) => segmentOfInstant(segmentInstants, Date.parse(t.spec.opened)));
  const fulfilledBySegment = bySegment(tickets, segments.length, ticketService, (t) => {
    const at = fulfilledAt(t, categoryOf);
    return at === null ? -1 : segmentOfInstant(segmentInstants, at);
  });
  const costs = serviceCosts(services, segments, minorDigits);

  const context: PricingContext = {
    minorDigits,
    segments,
    consumers,
    usageBySegment,
    openedBySegment,
    fulfilledBySegment,
    categoryOf,
    initialStatus,
    costs,
    dayStart: (date) => startOfLocalDay(tz, date),
  };

  const { outagesByService, maintenanceByService } = outagesAndMaintenanceOf(repository);
  const creditContext = {
    repository,
    agreements: compileAgreements(repository),
    select: agreementSelector(repository),
    segments,
    consumers,
    asOf: end,
    minorDigits,
    outagesByService,
    maintenanceByService,
  };

  const allLines: ChargeLine[] = [];
  for (const service of [...services.values()].sort((a, b) => cmp(a.metadata.id, b.metadata.id))) {
    const charges = segments.flatMap((_, i) => chargesOf(service, i, context));
    allLines.push(...charges);
    // With price versions, credits return part of charges of whatever model priced them (the latest in the period).
    const model = hasPriceVersions(service) ? charges.findLast((l) => l.kind === 'charge')?.model : service.spec.pricing?.model;
    if (model !== undefined && model !== 'none') allLines.push(...creditsOf(service, model, charges, creditContext));
  }

  const recovery = serviceRecovery(services, costs, allLines, addDays(period.to, -1));
  const consumerFilter = options.consumers ? new Set(options.consumers) : null;
  const serviceFilter = options.services ? new Set(options.services) : null;
  const lines = allLines
    .filter((l) => (serviceFilter === null || serviceFilter.has(l.service)) && (consumerFilter === null || (l.consumer !== null && consumerFilter.has(l.consumer))))
    .sort(compareLines);

  const byConsumer = new Map<string, { charged: bigint; credits: bigint }>();
  for (const l of lines) {
    if (l.consumer === null) continue;
    const sums = byConsumer.get(l.consumer) ?? { charged: 0n, credits: 0n };
    if (l.kind === 'charge') sums.charged += l.amount;
    else if (l.kind === 'credit') sums.credits += l.amount;
    byConsumer.set(l.consumer, sums);
  }
  // Every consumer asked for (or, with no filter at all, every consumer: "no charges" is news too); narrowed to some
  // services, only the consumers that have lines of them.
  const consumerTotals: ConsumerTotal[] = consumers
    .filter((c) => (consumerFilter === null ? serviceFilter === null || byConsumer.has(c.id) : consumerFilter.has(c.id)))
    .map((c) => {
      const { charged, credits } = byConsumer.get(c.id) ?? { charged: 0n, credits: 0n };
      return { consumer: c.id, name: c.doc.metadata.name ?? c.id, costCenter: c.doc.spec.costCenter, charged, credits, total: charged + credits };
    });

  const by = options.by ?? 'consumer';
  const charged = total(lines.filter((l) => l.kind === 'charge'));
  const credits = total(lines.filter((l) => l.kind === 'credit'));
  return {
    organisation: { id: repository.config.id, name: repository.config.name },
    currency: repository.config.currency,
    minorDigits,
    timeZone: tz,
    priceVersions: [...services.values()].some(hasPriceVersions),
    period: { label: period.label, from: period.from, to: period.to, start, end },
    by,
    filters: { consumers: options.consumers ? [...options.consumers] : null, services: options.services ? [...options.services] : null },
    lines,
    consumers: consumerTotals,
    services: recovery.filter((r) => serviceFilter === null || serviceFilter.has(r.service)),
    groups: groupTotals(lines, by),
    totals: { charged, credits, unallocated: total(lines.filter((l) => l.kind === 'unallocated')), total: charged + credits },
  };
}

/** `lastDay`: the period's last day, whose pricing model the recovery row names (a version may change the model). */
function serviceRecovery(services: ReadonlyMap<string, ServiceDocument>, costs: ReturnType<typeof serviceCosts>, lines: readonly ChargeLine[], lastDay: string): ServiceRecovery[] {
  const rows: ServiceRecovery[] = [];
  const byService = groupBy(lines, (l) => l.service);
  for (const [id, doc] of [...services].sort((a, b) => cmp(a[0], b[0]))) {
    const segmentCosts = costs.get(id) ?? [];
    const own = segmentCosts.reduce((s, c) => s + c.own, 0n);
    const sharesIn = segmentCosts.reduce((s, c) => s + c.sharesIn, 0n);
    const sharesOut = segmentCosts.reduce((s, c) => s + c.sharesOut, 0n);
    const cost = own + sharesIn - sharesOut;
    const mine = byService.get(id) ?? [];
    const charged = total(mine.filter((l) => l.kind === 'charge'));
    const credits = total(mine.filter((l) => l.kind === 'credit'));
    const unallocated = total(mine.filter((l) => l.kind === 'unallocated'));
    if (own === 0n && sharesIn === 0n && sharesOut === 0n && mine.length === 0) continue;
    rows.push({
      service: id,
      name: doc.metadata.name ?? id,
      model: pricingOn(doc, lastDay).pricing?.model ?? null,
      ownCost: own,
      sharesIn,
      sharesOut,
      cost,
      charged,
      credits,
      unallocated,
      recovered: charged + credits,
      balance: charged + credits - cost,
    });
  }
  return rows;
}

function groupTotals(lines: readonly ChargeLine[], by: ChargebackGroupBy): GroupTotal[] {
  const groups = new Map<string, GroupTotal>();
  for (const line of lines) {
    const consumer = by === 'service' ? null : line.consumer;
    const service = by === 'consumer' ? null : line.service;
    const key = `${consumer ?? '\u0001'}\u0000${service ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { consumer, service, charged: 0n, credits: 0n, unallocated: 0n, total: 0n };
      groups.set(key, group);
    }
    if (line.kind === 'charge') group.charged += line.amount;
    else if (line.kind === 'credit') group.credits += line.amount;
    else group.unallocated += line.amount;
    group.total = group.charged + group.credits;
  }
  return [...groups.values()].sort((a, b) => cmpNullLast(a.consumer, b.consumer) || cmp(a.service ?? '', b.service ?? ''));
}

const KIND_ORDER = { charge: 0, unallocated: 1, credit: 2 } as const;

/** Consumer (unallocated last), service, charges before credits, month, offering. */
function compareLines(a: ChargeLine, b: ChargeLine): number {
  return (
    cmpNullLast(a.consumer, b.consumer) ||
    cmp(a.service, b.service) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    cmp(a.start, b.start) ||
    cmp(a.end, b.end) ||
    cmp(a.offering ?? '', b.offering ?? '')
  );
}

function total(lines: readonly ChargeLine[]): bigint {
  return lines.reduce((s, l) => s + l.amount, 0n);
}

function firstById<D extends { metadata: { id: string } }>(docs: readonly D[]): Map<string, D> {
  const map = new Map<string, D>();
  for (const doc of docs) if (!map.has(doc.metadata.id)) map.set(doc.metadata.id, doc);
  return map;
}

/** Items by key, then by segment index (items outside every segment are left out): `[key][segment] → items`. */
function bySegment<T>(items: readonly T[], segments: number, key: (item: T) => string, segmentOf: (item: T) => number): Map<string, T[][]> {
  const map = new Map<string, T[][]>();
  for (const item of items) {
    const index = segmentOf(item);
    if (index < 0) continue;
    const k = key(item);
    let lists = map.get(k);
    if (lists === undefined) {
      lists = Array.from({ length: segments }, () => []);
      map.set(k, lists);
    }
    lists[index]!.push(item);
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
