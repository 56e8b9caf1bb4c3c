import { z } from 'zod';
import { envelope } from './envelope.js';
import { Duration, Id, LocalDate, Percent } from './primitives.js';
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

/** Where an agreement's clocks take their calendar from (ServiceNow's "schedule source"). */
export const CalendarSource = z.enum(['agreement', 'consumer']);

/**
 * What a dated version of an agreement may change. Every field is optional: a version names only what changes, so
 * that the change reviews as a small diff and the earlier terms stay in the file above it.
 */
const versionedTerms = {
  /** Calendar id the clocks run on; default the built-in `24x7`. */
  calendar: Id.optional().meta({ description: 'Id of the calendar the clocks run on; default the built-in 24x7.' }),
  /** `consumer`: the clocks run on the calendar of the ticket's consumer (its region), else on `calendar`. */
  calendarSource: CalendarSource.optional().meta({
    description: "agreement (default): the clocks run on `calendar`; consumer: on the calendar of the ticket's consumer (ServiceNow's schedule source).",
  }),
  /** Statuses in which the clocks stop running (ITIL "clock stop"), e.g. awaiting-customer. */
  pauseOn: z.array(Id).optional().meta({ description: 'Statuses in which the clocks stop running (ITIL "clock stop"), e.g. awaiting-customer.' }),
  /** What a reopened ticket does to the resolution clock: `resume` it (default), or start a `new-cycle`. */
  reopen: z.enum(['resume', 'new-cycle']).optional().meta({ description: 'What a reopened ticket does to the resolution clock: resume it, or start a new-cycle.' }),
  /** A running clock that has used this percentage of its target is reported as a warning (default 75). */
  warningThreshold: Percent.optional().meta({ description: 'A running clock that has used this percentage of its target is reported as a warning (default 75).' }),
  availability: Availability.optional(),
  credits: z.array(Credit).optional(),
};

/**
 * A dated version: from the local date `from` (in the repository's time zone) the named terms replace the earlier
 * ones. Targets are merged by ticket type, priority and metric: a version's target changes only the metrics it names.
 */
export const SlaVersion = z.strictObject({
  from: LocalDate.meta({ description: 'First local day (repository time zone) on which this version is in force; tickets opened from then on are measured under it.' }),
  /** Why the terms changed: a contract renewal, a review decision. */
  note: z.string().min(1).optional().meta({ description: 'Why the terms changed, e.g. the contract renewal that changed them.' }),
  ...versionedTerms,
  targets: z.array(SlaTarget).optional().meta({
    description: 'Targets that change from this version on, merged by type, priority and metric: a metric not named keeps its earlier objective.',
  }),
});
export type SlaVersion = z.infer<typeof SlaVersion>;

export const SlaSpec = z.strictObject({
  type: AgreementType,
  description: z.string().optional(),
  /** Who the agreement is with: a customer for an SLA, the providing team for an OLA. */
  parties: z.array(z.string().min(1)).optional().meta({ description: 'Who the agreement is with: a customer for an SLA, the providing team for an OLA.' }),
  /** The first local day the agreement is in force; tickets opened before it are not measured under it. */
  from: LocalDate.optional().meta({ description: 'First local day (repository time zone) on which the agreement is in force; tickets opened earlier are not measured under it.' }),
  /** An agreement scoped to an assignment group: its clocks run only while that group holds the ticket (an OLA). */
  group: Id.optional().meta({
    description: 'Id of the assignment group the agreement is scoped to (an OLA): its clocks run only while that group holds the ticket, on its calendar unless the agreement names one.',
  }),
  ...versionedTerms,
  targets: z.array(SlaTarget),
  /** Dated versions in order of `from`; each names only what changes. */
  versions: z.array(SlaVersion).optional().meta({ description: 'Dated versions in order of from; each names only the terms that change from that day.' }),
});
export type SlaSpec = z.infer<typeof SlaSpec>;

export const SlaDocument = envelope('SLA', SlaSpec);
export type SlaDocument = z.infer<typeof SlaDocument>;
