import { z } from 'zod';
import { envelope } from './envelope.js';
import { Id, LocalDate } from './primitives.js';

/** One metered quantity for consumption-based charging. */
export const UsageRecord = z.strictObject({
  date: LocalDate,
  consumer: Id,
  service: Id,
  metric: Id,
  quantity: z.number().nonnegative(),
});
export type UsageRecord = z.infer<typeof UsageRecord>;

export const UsageSpec = z.strictObject({
  records: z.array(UsageRecord),
});

export const UsageDocument = envelope('Usage', UsageSpec);
export type UsageDocument = z.infer<typeof UsageDocument>;

/** Header of a usage CSV file (`*.usage.csv`), in this order. */
export const USAGE_CSV_COLUMNS = ['date', 'consumer', 'service', 'metric', 'quantity'] as const;
