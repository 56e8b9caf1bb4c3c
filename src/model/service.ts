import { z } from 'zod';
import { envelope } from './envelope.js';
import { Duration, Email, Id, LocalDate, Money, Url } from './primitives.js';

export const Lifecycle = z.enum(['pipeline', 'live', 'retired']);
export type Lifecycle = z.infer<typeof Lifecycle>;

export const Criticality = z.enum(['low', 'medium', 'high', 'critical']);

/** Business services are what consumers see; technical services support them (ITIL 4 service catalogue views). */
export const ServiceType = z.enum(['business', 'technical']);

export const Contact = z.strictObject({
  name: z.string().min(1),
  role: z.string().optional(),
  email: Email.optional(),
  phone: z.string().optional(),
  /** Internal contacts (escalation managers, on-call rotas) are left out of the customer-facing catalog. */
  internal: z.boolean().optional().meta({ description: 'Internal contacts (escalation managers, on-call rotas) are left out of the customer-facing catalog.' }),
});

/** A request offering: something a consumer can order from the service (ITIL "service offering"). */
export const Offering = z.strictObject({
  id: Id,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Fulfilment target, in business time of the service's support hours (else its SLA's calendar, else 24x7). */
  fulfilment: Duration.meta({ description: 'Fulfilment target in the service’s support hours: "4h", "1h30m", "2bd" (business days) or "PT4H".' }),
  price: Money.optional(),
});

/** Graduated volume tiers: each tier prices the quantity between the previous tier's `upTo` and its own. */
export const Tier = z.strictObject({
  /** Upper bound of the tier (inclusive); absent on the last, open-ended tier. */
  upTo: z.number().positive().optional().meta({ description: 'Upper bound of the tier (inclusive); absent on the last, open-ended tier.' }),
  rate: Money,
});

const Tiers = z.array(Tier).min(1);

/** The chargeback model. Rates are per period (month) unless they are per metered unit. */
export const Pricing = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('none') }),
  /** A flat amount per subscribed consumer per month. */
  z.strictObject({ model: z.literal('fixed'), amount: Money }),
  /** A rate per subscribed unit per month, prorated by active days; flat `rate` or graduated `tiers`. */
  z.strictObject({ model: z.literal('per-unit'), unit: z.string().min(1), rate: Money.optional(), tiers: Tiers.optional() }),
  /** A rate per metered unit from usage records; flat `rate` or graduated `tiers`. */
  z.strictObject({
    model: z.literal('usage'),
    metric: Id,
    unit: z.string().min(1),
    rate: Money.optional(),
    tiers: Tiers.optional(),
  }),
  /** A price per fulfilled request, taken from each offering's `price`. */
  z.strictObject({ model: z.literal('per-request') }),
  /** Cost recovery: the service's cost for the period split across consumers by a driver. */
  z.strictObject({
    model: z.literal('allocation'),
    driver: z.enum(['headcount', 'units', 'usage', 'tickets', 'even']),
    /** For the `usage` driver: which metric. */
    metric: Id.optional(),
  }),
]);
export type Pricing = z.infer<typeof Pricing>;

/** A cost the service incurs (licences, staff, hosting), per month or per year. */
export const CostLine = z.strictObject({
  item: z.string().min(1),
  amount: Money,
  per: z.enum(['month', 'year']),
});

/** A share of another (shared) service's cost that this service carries, e.g. 20% of the service desk. */
export const CostShare = z.strictObject({
  service: Id,
  percent: z.number().positive().max(100),
});

export const Link = z.strictObject({ title: z.string().min(1), url: Url });

/** From the local date `from` (repository time zone) the service is priced by `pricing`; earlier days keep the earlier price. */
export const ServiceVersion = z.strictObject({
  from: LocalDate.meta({ description: 'First local day (repository time zone) on which this pricing applies; chargeback prices each day at the price in force that day.' }),
  note: z.string().min(1).optional().meta({ description: 'Why the price changed.' }),
  pricing: Pricing,
});
export type ServiceVersion = z.infer<typeof ServiceVersion>;

export const ServiceSpec = z.strictObject({
  description: z.string().min(1),
  category: z.string().min(1),
  type: ServiceType.optional(),
  /** The team accountable for the service (ITIL service owner). */
  owner: z.string().min(1).optional().meta({ description: 'The team accountable for the service (ITIL service owner).' }),
  contacts: z.array(Contact).optional(),
  lifecycle: Lifecycle,
  criticality: Criticality.optional(),
  /** Calendar id of the hours the service is supported; default the built-in `24x7`. */
  supportHours: Id.optional().meta({ description: 'Id of the calendar of the hours the service is supported; default the built-in 24x7.' }),
  /** Id of the SLA the service is offered under. */
  sla: Id.optional().meta({ description: 'Id of the SLA the service is offered under.' }),
  /** Ids of further agreements (OLAs, SLOs) that also apply to its tickets. */
  agreements: z.array(Id).optional().meta({ description: 'Ids of further agreements (OLAs, SLOs) that also apply to its tickets.' }),
  dependsOn: z.array(Id).optional(),
  offerings: z.array(Offering).optional(),
  pricing: Pricing.optional(),
  costs: z.array(CostLine).optional(),
  costShares: z.array(CostShare).optional(),
  links: z.array(Link).optional(),
  /** Dated versions of the price, in order of `from`. */
  versions: z.array(ServiceVersion).optional().meta({ description: 'Dated versions of the pricing, in order of from.' }),
});
export type ServiceSpec = z.infer<typeof ServiceSpec>;

/** A service with everything it has: as written, or completed from the Backstage Component that names it. */
export const ServiceDocument = envelope('Service', ServiceSpec);
export type ServiceDocument = z.infer<typeof ServiceDocument>;

/**
 * A Service as written in the repository: its description and lifecycle may be left to the Backstage Component that
 * names it (docs/catalog.md#backstage-components-beside-the-services); validation completes it into a ServiceDocument,
 * or reports what is still missing.
 */
export const WrittenServiceDocument = envelope('Service', ServiceSpec.partial({ description: true, lifecycle: true }));
export type WrittenServiceDocument = z.infer<typeof WrittenServiceDocument>;
