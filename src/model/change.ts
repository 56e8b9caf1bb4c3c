import { z } from 'zod';
import { Id, Instant } from './primitives.js';

/**
 * ITIL change types: a standard change is pre-approved through its template, a normal change is assessed and
 * approved before its window, an emergency change is made at once and reviewed after.
 */
export const ChangeType = z.enum(['standard', 'normal', 'emergency']);
export type ChangeType = z.infer<typeof ChangeType>;

/** ServiceNow's risk scale, lowest first; the order matters (a template's risk is the highest it allows). */
export const ChangeRisk = z.enum(['low', 'moderate', 'high', 'very-high']);
export type ChangeRisk = z.infer<typeof ChangeRisk>;

export const ChangeOutcome = z.enum(['successful', 'failed', 'backed-out', 'partial']);
export type ChangeOutcome = z.infer<typeof ChangeOutcome>;

/** One approver's decision; a CAB is several approvals. */
export const Approval = z.strictObject({
  by: z.string().min(1).meta({ description: 'Who decided: a member name of a group, as tickets use for assignee.' }),
  decision: z.enum(['approved', 'rejected']),
  at: Instant,
  group: Id.optional().meta({ description: 'Id of the group the approver decided for (the CAB, a change manager group).' }),
  note: z.string().optional(),
});
export type Approval = z.infer<typeof Approval>;

/** The post-implementation review (PIR). */
export const ChangeReview = z.strictObject({
  at: Instant,
  by: z.string().min(1).optional(),
  summary: z.string().min(1),
  /** The problem opened to find the cause of a failure, when there is one. */
  problem: Id.optional().meta({ description: 'Id of the problem ticket opened to find the cause of a failure.' }),
});
export type ChangeReview = z.infer<typeof ChangeReview>;

/**
 * What a change ticket (`type: change`) records beyond every ticket: the planned window is the ticket's
 * `maintenance`, the first affected service its `service`.
 */
export const ChangeDetails = z.strictObject({
  type: ChangeType,
  risk: ChangeRisk,
  /** Services affected besides the ticket's `service`. */
  services: z.array(Id).optional().meta({ description: 'Ids of the services the change affects besides the ticket’s service.' }),
  /** For standard changes: the pre-approved model the change follows. */
  template: Id.optional().meta({ description: 'Id of the ChangeTemplate a standard change follows.' }),
  implementation: z.string().min(1).optional().meta({ description: 'The implementation plan.' }),
  backout: z.string().min(1).optional().meta({ description: 'The back-out plan.' }),
  approvals: z.array(Approval).optional(),
  outcome: ChangeOutcome.optional(),
  review: ChangeReview.optional(),
});
export type ChangeDetails = z.infer<typeof ChangeDetails>;

/** A problem's documented workaround: with one, the problem is a known error (the KEDB). */
export const Workaround = z.strictObject({
  description: z.string().min(1),
  /** When the workaround was documented: the problem is a known error from then on. */
  documented: Instant.meta({ description: 'When the workaround was documented: the problem is a known error from then on.' }),
});
export type Workaround = z.infer<typeof Workaround>;
