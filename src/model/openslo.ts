import { z } from 'zod';

/**
 * The part of OpenSLO v1 (https://github.com/OpenSLO/OpenSLO, `apiVersion: openslo/v1`) that itsm writes and reads:
 * `Service` and `SLO` documents. Objects are loose on reading (another tool's fields are allowed and ignored), and the
 * export builds values of these types, so the two directions share one definition. What OpenSLO cannot say (ticket
 * clocks, business calendars, pause statuses) travels in `metadata.annotations` under the `itsm.dev/` prefix.
 */
export const OPENSLO_API_VERSION = 'openslo/v1';

/** The prefix of the annotations that carry what OpenSLO has no field for (a DNS subdomain, as the spec requires). */
export const ANNOTATION_PREFIX = 'itsm.dev/';

export const OpenSloMetadata = z.looseObject({
  name: z.string().min(1),
  displayName: z.string().min(1).optional(),
  labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type OpenSloMetadata = z.infer<typeof OpenSloMetadata>;

export const OpenSloServiceDocument = z.looseObject({
  apiVersion: z.literal(OPENSLO_API_VERSION),
  kind: z.literal('Service'),
  metadata: OpenSloMetadata,
  spec: z.looseObject({ description: z.string().optional() }).optional(),
});
export type OpenSloServiceDocument = z.infer<typeof OpenSloServiceDocument>;

const MetricSource = z.looseObject({
  metricSourceRef: z.string().optional(),
  type: z.string().optional(),
  spec: z.record(z.string(), z.unknown()),
});

const Indicator = z.looseObject({
  metadata: OpenSloMetadata.optional(),
  spec: z
    .looseObject({
      description: z.string().optional(),
      thresholdMetric: z.looseObject({ metricSource: MetricSource }).optional(),
      ratioMetric: z
        .looseObject({
          counter: z.boolean(),
          good: z.looseObject({ metricSource: MetricSource }).optional(),
          bad: z.looseObject({ metricSource: MetricSource }).optional(),
          total: z.looseObject({ metricSource: MetricSource }).optional(),
        })
        .optional(),
    })
    .optional(),
});

export const TimeWindow = z.looseObject({
  duration: z.string().regex(/^[1-9][0-9]*[mhdwMQY]$/, { message: 'expected a duration shorthand such as "1M", "4w" or "30d"' }),
  isRolling: z.boolean().optional(),
  calendar: z.looseObject({ startTime: z.string(), timeZone: z.string() }).optional(),
});
export type TimeWindow = z.infer<typeof TimeWindow>;

export const SloObjective = z.looseObject({
  displayName: z.string().min(1).optional(),
  op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
  value: z.number().optional(),
  target: z.number().min(0).lt(1).optional(),
  targetPercent: z.number().min(0).lt(100).optional(),
  timeSliceTarget: z.number().gt(0).max(1).optional(),
  timeSliceWindow: z.union([z.string(), z.number()]).optional(),
});
export type SloObjective = z.infer<typeof SloObjective>;

export const OpenSloSloDocument = z.looseObject({
  apiVersion: z.literal(OPENSLO_API_VERSION),
  kind: z.literal('SLO'),
  metadata: OpenSloMetadata,
  spec: z.looseObject({
    description: z.string().optional(),
    service: z.string().min(1),
    indicator: Indicator.optional(),
    indicatorRef: z.string().optional(),
    timeWindow: z.array(TimeWindow).max(1).optional(),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z.array(SloObjective).min(1),
  }),
});
export type OpenSloSloDocument = z.infer<typeof OpenSloSloDocument>;

export type OpenSloDocument = OpenSloServiceDocument | OpenSloSloDocument;

/**
 * A percentage (95.5) as OpenSLO's fraction (0.955), by moving the decimal point in the number's shortest decimal
 * text: 99.95 / 100 in binary floating point is 0.9995000000000001, which would not read back as 99.95.
 */
export function percentToFraction(percent: number): number {
  return shiftDecimal(percent, -2);
}

/** The inverse of percentToFraction: 0.9995 → 99.95 exactly. */
export function fractionToPercent(fraction: number): number {
  return shiftDecimal(fraction, 2);
}

function shiftDecimal(value: number, places: number): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!m) return value * 10 ** places;
  let digits = m[1]! + (m[2] ?? '');
  let point = m[1]!.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const fraction = digits.slice(point);
  return Number(fraction === '' ? digits.slice(0, point) : `${digits.slice(0, point)}.${fraction}`);
}

