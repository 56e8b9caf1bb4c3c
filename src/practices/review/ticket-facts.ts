import type { StatusCategory } from '../../model/config.js';
import type { TicketSpec } from '../../model/ticket.js';

/**
 * What the review needs from one ticket's timeline (docs/review.md, "Volume", "Backlog and ageing", "Speed"), read in
 * one walk over its events without allocating: the walker keeps one `TicketFacts` and overwrites it for each ticket.
 * Events are taken in written order (the timeline-order rule keeps them in time order), so two events at the same
 * instant count in the order written: "resolved at 10:00, reopened at 10:00" is a resolution and then a reopening, as
 * the SLA clocks read it (src/sla/clock.ts). Events after `asOf` are not known to the review and are skipped.
 */
export interface TicketFacts {
  /** The priority as of asOf (the last priority event at or before it; else `spec.priority`). */
  priority: string;
  /** The assignment group as of asOf (the last group event at or before it; else `spec.group`); null: none. */
  group: string | null;
  /** Whether the last status as of asOf is of category `cancelled`: such a ticket is never resolved. */
  cancelled: boolean;
  /** The instant of the first move to a status of category `resolved` or `closed` by asOf; NaN when none. */
  firstResolved: number;
  /** Whether, after that first resolution, a status of category `new`, `active` or `waiting` followed (by asOf). */
  reopened: boolean;
  /**
   * Whether the ticket was ever assigned (by asOf, also after its resolution: "never" in docs/review.md, as
   * ServiceNow's reassignment count keeps counting) to a second group or a second assignee: a hand-off.
   */
  handedOff: boolean;
  /** Per month end (the `ends` given to the walker): 1 when the ticket was open at it, else 0. */
  openAtEnd: Uint8Array;
  /** At the last month end (the reviewed month's): the status and the group holding the ticket. */
  statusAtLastEnd: string;
  groupAtLastEnd: string | null;
}

function isOpen(category: StatusCategory | undefined): boolean {
  return category === 'new' || category === 'active' || category === 'waiting';
}

/** Reads tickets' facts one after the other, against fixed month ends and one instant of the review. */
export class TicketFactsWalker {
  /** Overwritten by each `read`: copy what must outlive the next ticket. */
  readonly facts: TicketFacts;

  /**
   * `ends`: where each month of the review ends for its backlog, ascending: a ticket is open at the end of month m
   * when it was opened before `ends[m]` and the last status event before `ends[m]` (or the initial status,
   * `initialStatus`) is open. See monthCuts.
   */
  constructor(
    private readonly ends: Float64Array,
    private readonly asOf: number,
    private readonly initialStatus: string,
    private readonly categoryOf: (status: string) => StatusCategory | undefined,
  ) {
    this.facts = {
      priority: '',
      group: null,
      cancelled: false,
      firstResolved: Number.NaN,
      reopened: false,
      handedOff: false,
      openAtEnd: new Uint8Array(ends.length),
      statusAtLastEnd: initialStatus,
      groupAtLastEnd: null,
    };
  }

  /** The facts of the ticket with `spec`, opened at `opened`, whose k-th event is at `eventAt[first + k]`. */
  read(spec: TicketSpec, opened: number, eventAt: Float64Array, first: number): TicketFacts {
    const { ends, asOf, facts } = this;
    const count = ends.length;
    const openAtEnd = facts.openAtEnd;
    let status = this.initialStatus;
    // The initial status is of category `new` by definition (docs/review.md: "`new` when there is none").
    let open = true;
    let priority = spec.priority;
    let group = spec.group ?? null;
    let firstGroup = group;
    let firstAssignee = spec.assignee ?? null;
    let firstResolved = Number.NaN;
    let reopened = false;
    let handedOff = false;
    let m = 0;
    const timeline = spec.timeline;
    const events = timeline === undefined ? 0 : timeline.length;
    for (let k = 0; k < events; k++) {
      const at = eventAt[first + k]!;
      if (at > asOf) continue;
      // Every month end up to this event sees the ticket as the earlier events left it ("the last status event before it").
      while (m < count && ends[m]! <= at) {
        openAtEnd[m] = open && opened < ends[m]! ? 1 : 0;
        if (m === count - 1) {
          facts.statusAtLastEnd = status;
          facts.groupAtLastEnd = group;
        }
        m++;
      }
      // Each field read once: events parsed from YAML come in many shapes, and every read of one is a slow lookup.
      const event = timeline![k]!;
      const eventStatus = event.status;
      if (eventStatus !== undefined) {
        const category = this.categoryOf(eventStatus);
        status = eventStatus;
        open = isOpen(category);
        if (Number.isNaN(firstResolved)) {
          if (category === 'resolved' || category === 'closed') firstResolved = at;
        } else if (open) reopened = true;
      }
      const eventPriority = event.priority;
      if (eventPriority !== undefined) priority = eventPriority;
      const eventGroup = event.group;
      if (eventGroup !== undefined) {
        if (firstGroup === null) firstGroup = eventGroup;
        else if (eventGroup !== firstGroup) handedOff = true;
        group = eventGroup;
      }
      const eventAssignee = event.assignee;
      if (eventAssignee !== undefined) {
        if (firstAssignee === null) firstAssignee = eventAssignee;
        else if (eventAssignee !== firstAssignee) handedOff = true;
      }
    }
    for (; m < count; m++) {
      openAtEnd[m] = open && opened < ends[m]! ? 1 : 0;
      if (m === count - 1) {
        facts.statusAtLastEnd = status;
        facts.groupAtLastEnd = group;
      }
    }
    facts.priority = priority;
    facts.group = group;
    facts.cancelled = this.categoryOf(status) === 'cancelled';
    facts.firstResolved = firstResolved;
    facts.reopened = reopened;
    facts.handedOff = handedOff;
    return facts;
  }
}

/**
 * Where the backlog of each month is cut: before its end (events at the first instant of the next month are that
 * month's), or, for a month that has not ended, after the events at the review's instant (they are known to it, and a
 * ticket resolved at that instant is resolved in the month, so it must not also be open at its end). Instants are whole
 * milliseconds, so "at or before asOf" is "before asOf + 1".
 */
export function monthCuts(months: ReadonlyArray<{ to: number }>, asOf: number): Float64Array {
  return Float64Array.from(months, (month) => (month.to <= asOf ? month.to : asOf + 1));
}
