import { z } from 'zod';
import { envelope } from './envelope.js';
import { Duration, Id, Percent } from './primitives.js';
import { TicketType } from './ticket-type.js';

/** SLA: agreed with a customer. OLA: between internal teams. SLO: an internal objective with no contract. */
export const AgreementType = z.enum(['sla', 'ola', 'slo']);

/** "95% within 4h": the duration a clock must stop within, and the share of clocks that must do so. */
export const Objective = z.strictObject({
  within: Duration,
  objective: Percent,
});
export type Objective = z.infer<typeof Objective>;

export const SlaTarget = z.strictObject({
  type: TicketType,
  priority: Id,
  response: Objective.optional(),
  resolution: Objective.optional(),
});
export type SlaTarget = z.infer<typeof SlaTarget>;

export const Availability = z.strictObject({
  /** Target availability in percent of agreed service time, e.g. 99.9. */
  target: Percent.meta({ description: 'Target availability in percent of agreed service time, e.g. 99.9.' }),
  window: z.enum(['month', 'quarter', 'year']),
  /** How much of a `degraded` outage counts as downtime, from 0 to 1 (default 0.5). */
  degradedWeight: z.number().min(0).max(1).optional().meta({ description: 'How much of a degraded outage counts as downtime, from 0 to 1 (default 0.5).' }),
  /** Whether approved change maintenance windows are excluded from agreed service time (default true). */
  excludeMaintenance: z.boolean().optional().meta({ description: 'Whether approved change maintenance windows are excluded from agreed service time (default true).' }),
});

/** A service credit: when availability in a window falls below `below` percent, `credit` percent of the charge is returned. */
export const Credit = z.strictObject({
  below: Percent,
  credit: Percent,
});

export const SlaSpec = z.strictObject({
  type: AgreementType,
  description: z.string().optional(),
  /** Who the agreement is with: a customer for an SLA, the providing team for an OLA. */
  parties: z.array(z.string().min(1)).optional().meta({ description: 'Who the agreement is with: a customer for an SLA, the providing team for an OLA.' }),
  /** Calendar id the clocks run on; default the built-in `24x7`. */
  calendar: Id.optional().meta({ description: 'Id of the calendar the clocks run on; default the built-in 24x7.' }),
  /** Statuses in which the clocks stop running (ITIL "clock stop"), e.g. awaiting-customer. */
  pauseOn: z.array(Id).optional().meta({ description: 'Statuses in which the clocks stop running (ITIL "clock stop"), e.g. awaiting-customer.' }),
  /** What a reopened ticket does to the resolution clock: `resume` it (default), or start a `new-cycle`. */
  reopen: z.enum(['resume', 'new-cycle']).optional().meta({ description: 'What a reopened ticket does to the resolution clock: resume it, or start a new-cycle.' }),
  /** A running clock that has used this percentage of its target is reported as a warning (default 75). */
  warningThreshold: Percent.optional().meta({ description: 'A running clock that has used this percentage of its target is reported as a warning (default 75).' }),
  targets: z.array(SlaTarget),
  availability: Availability.optional(),
  credits: z.array(Credit).optional(),
});
export type SlaSpec = z.infer<typeof SlaSpec>;

export const SlaDocument = envelope('SLA', SlaSpec);
export type SlaDocument = z.infer<typeof SlaDocument>;
