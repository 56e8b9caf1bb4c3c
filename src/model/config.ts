import { z } from 'zod';
import { envelope } from './envelope.js';
import { Id } from './primitives.js';
import { TimeZone } from './timezone.js';
import { ChangeRisk, ChangeType } from './change.js';
import { LocalDate } from './primitives.js';

/**
 * What a status means to the clocks. `new` is where a ticket starts; `active` and `waiting` are open work
 * (an SLA chooses which statuses pause it, usually the waiting ones); `resolved` and `closed` stop the resolution
 * clock; `cancelled` withdraws the ticket, so its clocks are not counted.
 */
export const StatusCategory = z.enum(['new', 'active', 'waiting', 'resolved', 'closed', 'cancelled']);
export type StatusCategory = z.infer<typeof StatusCategory>;

export const StatusDefinition = z.strictObject({
  id: Id,
  name: z.string().optional(),
  category: StatusCategory.meta({ description: 'What the status means to the clocks: new, active and waiting are open; resolved and closed stop the resolution clock; cancelled withdraws the ticket.' }),
});
export type StatusDefinition = z.infer<typeof StatusDefinition>;

export const PriorityDefinition = z.strictObject({
  id: Id,
  name: z.string().optional(),
});
export type PriorityDefinition = z.infer<typeof PriorityDefinition>;

/** A change freeze (blackout): from `from` to `to`, whole local days in the organisation's time zone, inclusive. */
export const ChangeFreeze = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  from: LocalDate.meta({ description: 'The first day of the freeze (local date in the organisation’s time zone).' }),
  to: LocalDate.meta({ description: 'The last day of the freeze, inclusive.' }),
  services: z.array(Id).optional().meta({ description: 'Ids of the services the freeze covers; when absent, every service.' }),
  note: z.string().optional(),
});
export type ChangeFreeze = z.infer<typeof ChangeFreeze>;

/** How many approvals a change of a type (and a risk, when given) needs, and from which group. */
export const ApprovalPolicy = z.strictObject({
  type: ChangeType,
  risk: ChangeRisk.optional().meta({ description: 'The risk the policy applies to; when absent, every risk of the type.' }),
  approvals: z.number().int().min(0).meta({ description: 'How many approvals the change needs before its window starts.' }),
  group: Id.optional().meta({ description: 'Id of the group the approvers must belong to (the CAB).' }),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

export const ChangePolicy = z.strictObject({
  freezes: z.array(ChangeFreeze).optional(),
  approvals: z.array(ApprovalPolicy).optional(),
});
export type ChangePolicy = z.infer<typeof ChangePolicy>;

export const ConfigSpec = z.strictObject({
  /** ISO 4217 code of the currency that prices and costs are written in. */
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code such as "USD" or "EUR"' }).meta({ description: 'ISO 4217 code of the currency that prices and costs are written in, e.g. "EUR".' }),
  /** Time zone used to read dates (holidays, subscription ranges, report periods) when nothing more specific applies. */
  timeZone: TimeZone.meta({ description: 'IANA time zone used to read dates (holidays, subscription ranges, report periods) when nothing more specific applies.' }),
  /** Paths (relative to the repository root, glob patterns with * and **) that the loader skips. */
  exclude: z.array(z.string().min(1)).optional().meta({ description: 'Paths the loader skips, relative to the repository root; glob patterns with * and **.' }),
  priorities: z.array(PriorityDefinition).min(1).optional().meta({ description: 'The priorities tickets may have; when absent, P1 (Critical), P2 (High), P3 (Moderate) and P4 (Low).' }),
  statuses: z.array(StatusDefinition).min(1).optional().meta({ description: 'The statuses tickets may have and what each means to the clocks; when absent, new, in-progress, on-hold, awaiting-customer, awaiting-vendor, resolved, closed and cancelled.' }),
  change: ChangePolicy.optional().meta({ description: 'Change enablement: freeze periods and the approval policy per change type and risk (docs/change.md).' }),
});
export type ConfigSpec = z.infer<typeof ConfigSpec>;

export const ConfigDocument = envelope('Config', ConfigSpec);
export type ConfigDocument = z.infer<typeof ConfigDocument>;

export const DEFAULT_PRIORITIES: PriorityDefinition[] = [
  { id: 'P1', name: 'Critical' },
  { id: 'P2', name: 'High' },
  { id: 'P3', name: 'Moderate' },
  { id: 'P4', name: 'Low' },
];

export const DEFAULT_STATUSES: StatusDefinition[] = [
  { id: 'new', name: 'New', category: 'new' },
  { id: 'in-progress', name: 'In progress', category: 'active' },
  { id: 'on-hold', name: 'On hold', category: 'waiting' },
  { id: 'awaiting-customer', name: 'Awaiting customer', category: 'waiting' },
  { id: 'awaiting-vendor', name: 'Awaiting vendor', category: 'waiting' },
  { id: 'resolved', name: 'Resolved', category: 'resolved' },
  { id: 'closed', name: 'Closed', category: 'closed' },
  { id: 'cancelled', name: 'Cancelled', category: 'cancelled' },
];
