import { z } from 'zod';
import { envelope } from './envelope.js';
import { Email, Id, LocalDate } from './primitives.js';

/** A subscription to a service; `from` and `to` are both inclusive local dates. */
export const Subscription = z.strictObject({
  service: Id,
  units: z.number().int().nonnegative().optional(),
  from: LocalDate.meta({ description: 'First day of the subscription (inclusive), YYYY-MM-DD.' }),
  to: LocalDate.optional().meta({ description: 'Last day of the subscription (inclusive), YYYY-MM-DD; absent when it is open-ended.' }),
  /** The agreements that measure this consumer's tickets on this service; they replace the consumer's and the service's SLA. */
  agreements: z.array(Id).optional().meta({
    description: "Ids of the agreements that measure this consumer's tickets on this service; they replace the consumer's default and the service's SLA (the service's OLAs and SLOs still apply).",
  }),
});
export type Subscription = z.infer<typeof Subscription>;

export const ConsumerSpec = z.strictObject({
  description: z.string().optional(),
  costCenter: z.string().min(1),
  headcount: z.number().int().nonnegative(),
  contact: z.strictObject({ name: z.string().min(1), email: Email.optional() }).optional(),
  /** The calendar of the consumer's region (its hours and public holidays), for agreements with `calendarSource: consumer`. */
  calendar: Id.optional().meta({
    description: "Id of the calendar of the consumer's region (its hours and public holidays); agreements with calendarSource: consumer run their clocks on it.",
  }),
  /** The agreements for all this consumer's subscriptions that name none of their own. */
  agreements: z.array(Id).optional().meta({
    description: "Ids of the agreements that measure this consumer's tickets on every service whose subscription names none; they replace the service's SLA.",
  }),
  subscriptions: z.array(Subscription).optional(),
});
export type ConsumerSpec = z.infer<typeof ConsumerSpec>;

export const ConsumerDocument = envelope('Consumer', ConsumerSpec);
export type ConsumerDocument = z.infer<typeof ConsumerDocument>;
