import type { Pricing } from '../model/service.js';
import type { Rational } from './money.js';

/** A charge to a consumer, a service credit returned to one, or cost that no consumer carries. */
export type ChargeKind = 'charge' | 'credit' | 'unallocated';

/** The pricing models that produce charges (`none` produces none). */
export type ChargeModel = Exclude<Pricing['model'], 'none'>;

export type AllocationDriver = Extract<Pricing, { model: 'allocation' }>['driver'];

/** How the human formats (and the JSON `groups`) arrange the lines. */
export const CHARGEBACK_GROUP_BY = ['consumer', 'service', 'consumer,service'] as const;
export type ChargebackGroupBy = (typeof CHARGEBACK_GROUP_BY)[number];

/**
 * One line of a statement. Every line says what produced its amount, so that any figure can be checked by hand:
 * the fields of the other models are null. Amounts are integers of the currency's minor unit (cents).
 */
export interface ChargeLine {
  kind: ChargeKind;
  /** The consumer charged or credited; null for unallocated cost. */
  consumer: string | null;
  consumerName: string | null;
  costCenter: string | null;
  service: string;
  serviceName: string;
  /** The service's catalog `category`. */
  serviceCategory: string;
  /** The service's pricing model (for a credit, the model of the charges it returns part of). */
  model: ChargeModel;
  /** The month (YYYY-MM) the line is for, or for a credit the availability window ("2026-11", "2026-Q4", "2026"). */
  period: string;
  /** The charge period as local dates, [start, end): a month clipped to the report's period, or a window. */
  start: string;
  end: string;
  /** One sentence that says how the amount was computed. */
  description: string;
  /** What was charged for, in `unit`: units × active days ÷ days in the month for monthly prices. */
  quantity: Rational | null;
  unit: string | null;
  /** The price of one unit as written in the service; null where there is none (tiers, allocation, credits). */
  unitPrice: Rational | null;
  /** Minor units; negative for credits. */
  amount: bigint;

  // Inputs of fixed and per-unit prices: quantity = unitDays ÷ monthDays.
  /** Σ units × active days (per-unit), or active days (fixed). */
  unitDays: number | null;
  /** Days of the calendar month. */
  monthDays: number | null;

  // Inputs of graduated tiers, which price the total of all consumers; a consumer's amount is its share of it.
  tiered: boolean;
  /** The quantity of all consumers together in the month. */
  serviceQuantity: Rational | null;
  /** The tiered price of `serviceQuantity`, rounded once; the consumers' amounts add up to it exactly. */
  serviceAmount: bigint | null;

  // Inputs of per-request prices.
  offering: string | null;
  offeringName: string | null;
  /** The request tickets charged (per-request), in id order. */
  tickets: string[];

  // Inputs of allocation.
  driver: AllocationDriver | null;
  /** The usage metric of a `usage` pricing or driver. */
  metric: string | null;
  /** The consumer's driver quantity in the period (headcount, units, usage, tickets, 1 for even), prorated by days. */
  driverQuantity: Rational | null;
  /** The same, summed over every consumer of the service. */
  driverTotal: Rational | null;
  /** The exact share of the cost this line carries (consumers' and unallocated shares add up to 1). */
  share: Rational | null;
  /** The service's cost in the period that is split (after cost shares), in minor units. */
  costBasis: bigint | null;

  // Inputs of service credits.
  sla: string | null;
  /** Availability in the window, in percent, exact. */
  availability: Rational | null;
  /** The `below` of the credit tier that applies. */
  below: number | null;
  /** The `credit` percent of that tier. */
  creditPercent: number | null;
  /** The consumer's charges for the service in the window, which the credit is a percentage of. */
  creditBasis: bigint | null;

  /**
   * The dated price version that priced the line: its `from`, or null for the service's base `pricing` (and for
   * credits, which are a percentage of charges of any version). Formats show it only when the repository has versions.
   */
  priceVersion: string | null;
}

/** What a consumer is charged in the period, after the filters. */
export interface ConsumerTotal {
  consumer: string;
  name: string;
  costCenter: string;
  charged: bigint;
  credits: bigint;
  /** charged + credits. */
  total: bigint;
}

/**
 * What a service cost in the period and what it recovered from its consumers (ITIL financial management: cost
 * recovery). Always over every consumer, whatever `--consumer` says.
 */
export interface ServiceRecovery {
  service: string;
  name: string;
  /** The pricing model, or null when the service has no pricing. */
  model: Pricing['model'] | null;
  /** The service's own `costs` in the period. */
  ownCost: bigint;
  /** Shares of other services' costs that it carries (`costShares`). */
  sharesIn: bigint;
  /** Shares of its cost that other services carry. */
  sharesOut: bigint;
  /** ownCost + sharesIn − sharesOut: what the service has to recover. */
  cost: bigint;
  /** Charges to consumers. */
  charged: bigint;
  /** Service credits (≤ 0). */
  credits: bigint;
  /** Charges that no consumer carries: cost no driver covers, requests without a consumer. */
  unallocated: bigint;
  /** charged + credits. */
  recovered: bigint;
  /** recovered − cost: over-recovery when positive, under-recovery when negative. */
  balance: bigint;
}

/** Totals of one group of `--by`. */
export interface GroupTotal {
  consumer: string | null;
  service: string | null;
  charged: bigint;
  credits: bigint;
  unallocated: bigint;
  /** charged + credits (unallocated is nobody's to pay). */
  total: bigint;
}

export interface Chargeback {
  organisation: { id: string; name: string };
  currency: string;
  /** Decimals of the currency's minor unit (2 for USD). */
  minorDigits: number;
  timeZone: string;
  /** Whether a service of the repository has dated price versions: the formats then name each line's version. */
  priceVersions: boolean;
  period: {
    label: string;
    /** Local dates, `to` excluded. */
    from: string;
    to: string;
    /** The same as instants (epoch ms) in the organisation's zone. */
    start: number;
    end: number;
  };
  by: ChargebackGroupBy;
  filters: { consumers: string[] | null; services: string[] | null };
  lines: ChargeLine[];
  consumers: ConsumerTotal[];
  services: ServiceRecovery[];
  groups: GroupTotal[];
  totals: { charged: bigint; credits: bigint; unallocated: bigint; total: bigint };
}
