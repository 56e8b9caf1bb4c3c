import { z } from 'zod';
import { envelope } from './envelope.js';
import { Id, Instant } from './primitives.js';
import { TicketType } from './ticket-type.js';
import { ChangeDetails, Workaround } from './change.js';

/**
 * One thing that happened to a ticket. A status change, a priority change, or both; a note alone records
 * work without changing the clocks.
 */
export const TimelineEvent = z
  .strictObject({
    at: Instant,
    status: Id.optional(),
    priority: Id.optional(),
    /** The assignment group the ticket moves to (a reassignment). */
    group: Id.optional().meta({ description: 'Id of the assignment group the ticket moves to (a reassignment).' }),
    /** The person the ticket is assigned to from this event on. */
    assignee: z.string().min(1).optional().meta({ description: 'The person the ticket is assigned to from this event on.' }),
    actor: z.string().optional(),
    note: z.string().optional(),
  })
  .refine((e) => e.status !== undefined || e.priority !== undefined || e.group !== undefined || e.assignee !== undefined || e.note !== undefined, {
    message: 'an event needs a status, a priority, a group, an assignee or a note',
  });
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** Loss of service recorded on an incident; no `end` means the outage is still going on. */
export const Outage = z.strictObject({
  start: Instant,
  end: Instant.optional(),
  impact: z.enum(['down', 'degraded']),
});
export type Outage = z.infer<typeof Outage>;

/** The approved maintenance window of a change. */
export const MaintenanceWindow = z.strictObject({
  start: Instant,
  end: Instant,
});

export const TicketSpec = z.strictObject({
  type: TicketType,
  service: Id,
  consumer: Id.optional(),
  /** The priority the ticket was opened with; later changes are timeline events. */
  priority: Id.meta({ description: 'The priority the ticket was opened with; later changes are timeline events.' }),
  title: z.string().min(1),
  opened: Instant,
  /** The assignment group that holds the ticket when it is opened; later assignments are timeline events. */
  group: Id.optional().meta({ description: 'Id of the assignment group that holds the ticket when it is opened; later assignments are timeline events.' }),
  /** The person assigned when the ticket is opened. */
  assignee: z.string().min(1).optional().meta({ description: 'The person assigned when the ticket is opened.' }),
  timeline: z.array(TimelineEvent).optional(),
  outage: Outage.optional(),
  maintenance: MaintenanceWindow.optional(),
  /** For requests: the id of the service's offering that was ordered. */
  offering: Id.optional().meta({ description: 'For requests: the id of the service’s offering that was ordered.' }),
  /** Related tickets: the problem behind an incident, the change that fixed it. */
  related: z.array(Id).optional().meta({ description: 'Related tickets: the problem behind an incident, the change that fixed it.' }),
  /** For changes: type, risk, affected services, plans, approvals, outcome and review (docs/change.md). */
  change: ChangeDetails.optional().meta({ description: 'For changes: type, risk, affected services, template, plans, approvals, outcome and post-implementation review.' }),
  /** For incidents: the change that caused it (the change failure rate counts these). */
  causedBy: Id.optional().meta({ description: 'For incidents: id of the change ticket that caused the incident.' }),
  /** For incidents: the problem that explains it. */
  problem: Id.optional().meta({ description: 'For incidents: id of the problem ticket that explains the incident.' }),
  /** For problems: the root cause, once found. */
  rootCause: z.string().min(1).optional().meta({ description: 'For problems: the root cause, once found.' }),
  /** For problems: the documented workaround; a problem with one is a known error. */
  workaround: Workaround.optional().meta({ description: 'For problems: the documented workaround; a problem with one is a known error.' }),
  /** For problems: the change that removed the root cause. */
  fixedBy: Id.optional().meta({ description: 'For problems: id of the change ticket that removed the root cause.' }),
});
export type TicketSpec = z.infer<typeof TicketSpec>;

export const TicketDocument = envelope('Ticket', TicketSpec);
export type TicketDocument = z.infer<typeof TicketDocument>;
