import { z } from 'zod';
import { envelope } from './envelope.js';
import { Id, LocalDate } from './primitives.js';

/**
 * The figures of `itsm review` that an improvement can set out to move, each measured over the reviewed month for
 * the improvement's service (or the organisation). The unit of `baseline` and `target` is the metric's own:
 * counts for opened, backlog, breaches and incidents; business minutes for the response and resolution times; minutes
 * of downtime; percentages (0 to 100) for the rates, compliance and availability.
 */
export const IMPROVEMENT_METRICS = [
  'opened',
  'backlog',
  'response-median',
  'response-p90',
  'resolution-median',
  'resolution-p90',
  'reopen-rate',
  'first-contact-rate',
  'compliance',
  'breaches',
  'availability',
  'downtime',
  'incidents',
  'change-success-rate',
  'change-failure-rate',
] as const;
export const ImprovementMetric = z.enum(IMPROVEMENT_METRICS);
export type ImprovementMetric = z.infer<typeof ImprovementMetric>;

/** The unit of each metric's figures, which the review prints them in. */
export const IMPROVEMENT_METRIC_UNITS: Record<ImprovementMetric, 'count' | 'minutes' | 'percent'> = {
  opened: 'count',
  backlog: 'count',
  'response-median': 'minutes',
  'response-p90': 'minutes',
  'resolution-median': 'minutes',
  'resolution-p90': 'minutes',
  'reopen-rate': 'percent',
  'first-contact-rate': 'percent',
  compliance: 'percent',
  breaches: 'count',
  availability: 'percent',
  downtime: 'minutes',
  incidents: 'count',
  'change-success-rate': 'percent',
  'change-failure-rate': 'percent',
};

/** Where the improvement stands in the register: the work, not the figure (the review judges the figure). */
export const ImprovementStatus = z.enum(['open', 'done', 'abandoned']);
export type ImprovementStatus = z.infer<typeof ImprovementStatus>;

/**
 * An entry of the continual improvement register (ITIL's CSI register): what should get better, by how much, by when,
 * and who answers for it. Lower is better when the target is below the baseline, higher when it is above.
 */
export const ImprovementSpec = z.strictObject({
  title: z.string().min(1),
  description: z.string().optional(),
  owner: z.string().min(1).meta({ description: 'Who answers for the improvement (a person or a team).' }),
  service: Id.optional().meta({ description: 'Id of the service whose figure should move; without it, the organisation’s.' }),
  metric: ImprovementMetric.meta({ description: 'The review figure the improvement should move (docs/review.md, "Improvement register").' }),
  priority: z.string().min(1).optional().meta({ description: 'Only tickets of this priority, for the metrics measured over tickets.' }),
  baseline: z.number().min(0).meta({ description: 'The figure when the improvement was raised, in the metric’s unit.' }),
  target: z.number().min(0).meta({ description: 'The figure to reach by the due date, in the metric’s unit.' }),
  raised: LocalDate.meta({ description: 'The date the improvement was raised.' }),
  due: LocalDate.meta({ description: 'The date by which the target should be reached.' }),
  status: ImprovementStatus.optional().meta({ description: 'open (when left out), done (the work is finished) or abandoned.' }),
});
export type ImprovementSpec = z.infer<typeof ImprovementSpec>;

export const ImprovementDocument = envelope('Improvement', ImprovementSpec);
export type ImprovementDocument = z.infer<typeof ImprovementDocument>;
