import { formatAvailability } from '../../chargeback/credits.js';
import { formatDecimal } from '../../chargeback/money.js';
import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import { plainMoney, plainQuantity, priceText } from './shared.js';

/**
 * One charge line as `--format json` and `--format csv` print it. Money is a decimal string with the currency's
 * decimals ("416.00"), so that no JSON parser turns it into a binary float; quantities are decimal strings, exact
 * up to 6 decimals. docs/chargeback.md documents every field.
 */
export interface ChargeLineJson {
  kind: ChargeLine['kind'];
  consumer: string | null;
  consumerName: string | null;
  costCenter: string | null;
  service: string;
  serviceName: string;
  serviceCategory: string;
  model: ChargeLine['model'];
  period: string;
  start: string;
  end: string;
  description: string;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  amount: string;
  unitDays: number | null;
  monthDays: number | null;
  tiered: boolean;
  serviceQuantity: string | null;
  serviceAmount: string | null;
  offering: string | null;
  offeringName: string | null;
  tickets: string[];
  driver: ChargeLine['driver'];
  metric: string | null;
  driverQuantity: string | null;
  driverTotal: string | null;
  share: string | null;
  costBasis: string | null;
  sla: string | null;
  availability: string | null;
  below: number | null;
  creditPercent: number | null;
  creditBasis: string | null;
  /** Present only when the repository has dated price versions, so that other statements keep their shape. */
  priceVersion?: string | null;
}

export interface ChargebackJson {
  version: 1;
  organisation: string;
  currency: string;
  timeZone: string;
  period: { label: string; from: string; to: string; start: string; end: string };
  by: Chargeback['by'];
  filters: { consumer: string[] | null; service: string[] | null };
  totals: { charged: string; credits: string; total: string; unallocated: string };
  consumers: Array<{ consumer: string; name: string; costCenter: string; charged: string; credits: string; total: string }>;
  services: Array<{
    service: string;
    name: string;
    model: string | null;
    ownCost: string;
    sharesIn: string;
    sharesOut: string;
    cost: string;
    charged: string;
    credits: string;
    unallocated: string;
    recovered: string;
    balance: string;
  }>;
  groups: Array<{ consumer: string | null; service: string | null; charged: string; credits: string; unallocated: string; total: string }>;
  lines: ChargeLineJson[];
}

/** An instant as FOCUS and the SLA report write them: ISO 8601 in UTC, whole seconds. */
export function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function lineJson(result: Chargeback, l: ChargeLine): ChargeLineJson {
  const m = (v: bigint | null) => (v === null ? null : plainMoney(result, v));
  return {
    kind: l.kind,
    consumer: l.consumer,
    consumerName: l.consumerName,
    costCenter: l.costCenter,
    service: l.service,
    serviceName: l.serviceName,
    serviceCategory: l.serviceCategory,
    model: l.model,
    period: l.period,
    start: l.start,
    end: l.end,
    description: l.description,
    quantity: plainQuantity(l.quantity),
    unit: l.unit,
    unitPrice: l.unitPrice === null ? null : priceText(result, l.unitPrice, false),
    amount: plainMoney(result, l.amount),
    unitDays: l.unitDays,
    monthDays: l.monthDays,
    tiered: l.tiered,
    serviceQuantity: plainQuantity(l.serviceQuantity),
    serviceAmount: m(l.serviceAmount),
    offering: l.offering,
    offeringName: l.offeringName,
    tickets: l.tickets,
    driver: l.driver,
    metric: l.metric,
    driverQuantity: plainQuantity(l.driverQuantity),
    driverTotal: plainQuantity(l.driverTotal),
    share: l.share === null ? null : formatDecimal(l.share, 10),
    costBasis: m(l.costBasis),
    sla: l.sla,
    availability: l.availability === null ? null : formatAvailability(l.availability).slice(0, -1),
    below: l.below,
    creditPercent: l.creditPercent,
    creditBasis: m(l.creditBasis),
    ...(result.priceVersions ? { priceVersion: l.priceVersion } : {}),
  };
}

export function chargebackJson(result: Chargeback): ChargebackJson {
  const m = (v: bigint) => plainMoney(result, v);
  return {
    version: 1,
    organisation: result.organisation.name,
    currency: result.currency,
    timeZone: result.timeZone,
    period: { label: result.period.label, from: result.period.from, to: result.period.to, start: utc(result.period.start), end: utc(result.period.end) },
    by: result.by,
    filters: { consumer: result.filters.consumers, service: result.filters.services },
    totals: { charged: m(result.totals.charged), credits: m(result.totals.credits), total: m(result.totals.total), unallocated: m(result.totals.unallocated) },
    consumers: result.consumers.map((c) => ({ consumer: c.consumer, name: c.name, costCenter: c.costCenter, charged: m(c.charged), credits: m(c.credits), total: m(c.total) })),
    services: result.services.map((s) => ({
      service: s.service,
      name: s.name,
      model: s.model,
      ownCost: m(s.ownCost),
      sharesIn: m(s.sharesIn),
      sharesOut: m(s.sharesOut),
      cost: m(s.cost),
      charged: m(s.charged),
      credits: m(s.credits),
      unallocated: m(s.unallocated),
      recovered: m(s.recovered),
      balance: m(s.balance),
    })),
    groups: result.groups.map((g) => ({ consumer: g.consumer, service: g.service, charged: m(g.charged), credits: m(g.credits), unallocated: m(g.unallocated), total: m(g.total) })),
    lines: result.lines.map((l) => lineJson(result, l)),
  };
}

/** `--format json`: the whole result, two-space indented, one trailing newline. */
export function formatChargebackJson(result: Chargeback): string {
  return `${JSON.stringify(chargebackJson(result), null, 2)}\n`;
}
