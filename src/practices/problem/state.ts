import type { StatusCategory } from '../../model/config.js';
import type { TicketDocument } from '../../model/ticket.js';
import { assigneeAt, groupAt, ticketHistory } from '../../sla/clock.js';

/**
 * The ITIL states of a problem (ITIL 4, problem management): logged, then under investigation; a known error once a
 * workaround is documented; resolved and closed once the cause is removed. They are derived, never written: from
 * the status in force (its category, itsm.yaml) and `workaround.documented`.
 */
export const PROBLEM_STATES = ['logged', 'under-investigation', 'known-error', 'resolved', 'closed'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

/** The states of a problem still to be worked on: what `itsm problem report` calls open. */
export const OPEN_STATES: ReadonlySet<ProblemState> = new Set<ProblemState>(['logged', 'under-investigation', 'known-error']);

/** What the state of a ticket is read from: the statuses' categories, and the status a ticket starts in. */
export interface StatusContext {
  categoryOf: (status: string) => StatusCategory | undefined;
  initialStatus: string;
}

export function statusContext(statuses: ReadonlyArray<{ id: string; category: StatusCategory }>): StatusContext {
  const categories = new Map(statuses.map((s) => [s.id, s.category]));
  return { categoryOf: (s) => categories.get(s), initialStatus: statuses.find((s) => s.category === 'new')?.id ?? 'new' };
}

/** A problem ticket as of an instant. */
export interface ProblemFacts {
  state: ProblemState;
  /** The status in force (after the timeline up to the instant). */
  status: string;
  opened: number;
  /** The person assigned after the timeline up to the instant: the problem's owner; null when nobody is. */
  owner: string | null;
  /** The assignment group holding the problem; a group alone is not an owner. */
  group: string | null;
}

/**
 * The facts of a ticket as of `asOf`, or null when it is not a problem then: not `type: problem`, opened after
 * `asOf`, cancelled (withdrawn: counted nowhere), or in a status the config does not define (validate reports it).
 * Events written at the same instant are taken in the order written, as the clocks take them.
 */
export function problemFacts(ticket: TicketDocument, context: StatusContext, asOf: number): ProblemFacts | null {
  if (ticket.spec.type !== 'problem') return null;
  const history = ticketHistory(ticket, context.initialStatus);
  if (history.opened > asOf) return null;
  let status = history.statuses[0]!.status;
  for (const change of history.statuses) {
    if (change.at > asOf) break;
    status = change.status;
  }
  const state = stateOf(context.categoryOf(status), ticket.spec.workaround?.documented, asOf);
  if (state === null) return null;
  return { state, status, opened: history.opened, owner: assigneeAt(history, asOf), group: groupAt(history, asOf) };
}

/**
 * The ITIL state from the status category: new is logged, active and waiting under investigation, resolved and
 * closed themselves; an open problem whose workaround was documented at or before `asOf` is a known error, whatever
 * its status (the KEDB holds it from then on). Cancelled (and an unknown status) gives null.
 */
export function stateOf(category: StatusCategory | undefined, documented: string | undefined, asOf: number): ProblemState | null {
  switch (category) {
    case 'resolved':
    case 'closed':
      return category;
    case 'new':
    case 'active':
    case 'waiting':
      if (documented !== undefined && Date.parse(documented) <= asOf) return 'known-error';
      return category === 'new' ? 'logged' : 'under-investigation';
    default:
      return null;
  }
}
