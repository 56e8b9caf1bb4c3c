import { z } from 'zod';
import { envelope } from './envelope.js';
import { Email, Id, LocalDate } from './primitives.js';

/** A subscription to a service; `from` and `to` are both inclusive local dates. */
export const Subscription = z.strictObject({
  service: Id,
  units: z.number().int().nonnegative().optional(),
  from: LocalDate.meta({ description: 'First day of the subscription (inclusive), YYYY-MM-DD.' }),
  to: LocalDate.optional().meta({ description: 'Last day of the subscription (inclusive), YYYY-MM-DD; absent when it is open-ended.' }),
});
export type Subscription = z.infer<typeof Subscription>;

export const ConsumerSpec = z.strictObject({
  description: z.string().optional(),
  costCenter: z.string().min(1),
  headcount: z.number().int().nonnegative(),
  contact: z.strictObject({ name: z.string().min(1), email: Email.optional() }).optional(),
  subscriptions: z.array(Subscription).optional(),
});
export type ConsumerSpec = z.infer<typeof ConsumerSpec>;

export const ConsumerDocument = envelope('Consumer', ConsumerSpec);
export type ConsumerDocument = z.infer<typeof ConsumerDocument>;
