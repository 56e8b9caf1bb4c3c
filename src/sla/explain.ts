import type { Repository } from '../model/repository.js';
import { addBusinessTime, businessTimeBetween, describeSegments, formatInstant } from '../time/index.js';
import { groupShares, ticketHistory, type Phase, type TicketHistory } from './clock.js';
import { measureContext, measureTicket } from './measure.js';
import { iso, minutes } from './rows.js';

/** One stretch of a clock's story: why the clock ran or did not, and how much business time it added. */
export interface StorySegment {
  from: string;
  to: string;
  /** The same instants in the calendar's time zone, for reading by hand. */
  fromLocal: string;
  toLocal: string;
  status: string;
  /** running, paused (by status), stopped (resolved/closed), cancelled; or, within running time, the calendar's reason. */
  phase: Phase;
  calendar: 'working' | 'outside-hours' | 'holiday' | 'special-day' | null;
  /** The holiday's or special day's name. */
  note: string | null;
  /** Business minutes this segment added to the clock (0 unless running in working time). */
  addedMinutes: number;
  /** Business minutes on the clock at the end of this segment. */
  totalMinutes: number;
}

export interface ClockStory {
  sla: string;
  /** The agreement version that measured the clock (its `from`), or null for undated terms. */
  slaVersion: string | null;
  /** The rule that chose the agreement: subscription, consumer, service or service-agreement. */
  selectedBy: string;
  metric: 'response' | 'resolution';
  /** The priority that chose the target: the ticket's priority at `priorityAt`. */
  priority: string;
  /**
   * The instant whose priority chose the target (docs/sla.md, "Priority changes"): when the clock stopped, or the
   * measurement instant if it has not; `priorityWhen` says which.
   */
  priorityAt: string;
  priorityWhen: 'stopped' | 'asOf';
  calendar: string;
  /** Where the calendar came from: the agreement (or 24x7), the consumer, or the assignment group. */
  calendarBy: string;
  /** The group a group-scoped clock belongs to, or the group that held the ticket when the clock stopped; null if none. */
  assignmentGroup: string | null;
  /** The agreement's group when it is scoped to one: the clock ran only while that group held the ticket. */
  scopedToGroup: string | null;
  timeZone: string;
  target: string;
  targetMinutes: number;
  state: string;
  warning: boolean;
  elapsedMinutes: number;
  pausedMinutes: number;
  startedAt: string;
  stoppedAt: string | null;
  /** When the target fell (or falls) due given the pauses that actually happened; for a met clock, had it kept running. */
  dueAt: string | null;
  breachedAt: string | null;
  cycles: number;
  anyCycleBreached: boolean;
  segments: StorySegment[];
}

export interface TicketStory {
  version: 1;
  ticket: string;
  title: string;
  type: string;
  service: string;
  consumer: string | null;
  opened: string;
  asOf: string;
  /** The ticket's priority and its changes up to `asOf`, in time order; the first is the priority it was opened with. */
  priorities: Array<{ at: string; priority: string }>;
  /** The assignment groups and assignees in time order, up to `asOf`; the first are those it was opened with. */
  assignments: Array<{ at: string; group: string | null; assignee: string | null }>;
  /** How long each group held the ticket while it was open (wall-clock minutes), in order of first assignment. */
  groups: Array<{ group: string; heldMinutes: number; assignments: number }>;
  /** Moves from one group to another (the first assignment is not one). */
  reassignments: number;
  clocks: ClockStory[];
}

/**
 * The story of one ticket's clocks, segment by segment, so that anyone who doubts a figure can check it by hand.
 * Returns undefined when the ticket does not exist.
 */
export function explainTicket(repository: Repository, ticketId: string, asOf: number): TicketStory | undefined {
  const ticket = repository.tickets.find((t) => t.doc.metadata.id === ticketId)?.doc;
  if (!ticket) return undefined;
  const context = measureContext(repository);
  const agreements = context.agreements;
  const clocks: ClockStory[] = [];
  const history = ticketHistory(ticket, context.initialStatus);
  const shares = groupShares(history, asOf, context.categoryOf);
  for (const record of measureTicket(ticket, context, asOf)) {
    const agreement = agreements.get(record.sla)!;
    const cal = record.clockCalendar.calendar;
    const zone = cal.timeZone;
    const segments: StorySegment[] = [];
    let total = 0;
    for (const span of record.cycle.spans) {
      if (span.phase === 'stopped' || span.phase === 'cancelled') {
        // Kept even when it lasts no time (resolved and reopened in one minute): the stop is part of the story.
        // The clock does not run here, so the calendar does not matter: one segment, however long.
        segments.push({
          from: iso(span.start),
          to: iso(span.end),
          fromLocal: formatInstant(zone, span.start),
          toLocal: formatInstant(zone, span.end),
          status: span.status,
          phase: span.phase,
          calendar: null,
          note: null,
          addedMinutes: 0,
          totalMinutes: minutes(total),
        });
        continue;
      }
      if (span.start >= span.end) continue;
      for (const part of describeSegments(cal, span.start, span.end)) {
        const added = span.phase === 'running' && part.kind === 'working' ? businessTimeBetween(cal, part.start, part.end) : 0;
        total += added;
        segments.push({
          from: iso(part.start),
          to: iso(part.end),
          fromLocal: formatInstant(zone, part.start),
          toLocal: formatInstant(zone, part.end),
          status: span.status,
          phase: span.phase,
          calendar: part.kind,
          note: 'name' in part ? part.name : null,
          addedMinutes: minutes(added),
          totalMinutes: minutes(total),
        });
      }
    }
    const due =
      record.state === 'breached'
        ? record.breachedAt
        : record.state === 'met' && record.stoppedAt !== null
          ? addBusinessTime(cal, record.stoppedAt, record.targetMs - record.elapsedMs)
          : record.dueAt;
    clocks.push({
      sla: record.sla,
      slaVersion: record.slaVersion,
      selectedBy: record.selectedBy,
      metric: record.metric,
      priority: record.priority,
      // The rule of measureTicket: the priority when the (last cycle of the) clock stopped, or as of asOf.
      priorityAt: iso(record.stoppedAt ?? asOf),
      priorityWhen: record.stoppedAt === null ? 'asOf' : 'stopped',
      calendar: record.calendar,
      calendarBy: record.calendarBy,
      assignmentGroup: record.assignmentGroup,
      scopedToGroup: agreement.group,
      timeZone: zone,
      target: record.within,
      targetMinutes: minutes(record.targetMs),
      state: record.state,
      warning: record.warning,
      elapsedMinutes: minutes(record.elapsedMs),
      pausedMinutes: minutes(record.pausedMs),
      startedAt: iso(record.startedAt),
      stoppedAt: iso(record.stoppedAt),
      dueAt: iso(due),
      breachedAt: iso(record.breachedAt),
      cycles: record.cycles,
      anyCycleBreached: record.anyCycleBreached,
      segments,
    });
  }
  return {
    version: 1,
    ticket: ticket.metadata.id,
    title: ticket.spec.title,
    type: ticket.spec.type,
    service: ticket.spec.service,
    consumer: ticket.spec.consumer ?? null,
    opened: ticket.spec.opened,
    asOf: iso(asOf),
    priorities: history.priorities.filter((p) => p.at <= asOf).map((p) => ({ at: iso(p.at), priority: p.priority })),
    assignments: assignmentsOf(history, asOf),
    // Wall-clock time, rounded as every minute figure is.
    groups: shares.shares.map((s) => ({ group: s.group, heldMinutes: minutes(s.heldMs), assignments: s.assignments })),
    reassignments: shares.reassignments,
    clocks,
  };
}

/** Group and assignee changes merged in written order: each row is the pair in force from that event on. */
function assignmentsOf(history: TicketHistory, asOf: number): TicketStory['assignments'] {
  const bySeq = new Map<number, { at: number; group?: string | null; assignee?: string | null }>();
  for (const g of history.groups) bySeq.set(g.seq, { ...bySeq.get(g.seq), at: g.at, group: g.group });
  for (const a of history.assignees) bySeq.set(a.seq, { ...bySeq.get(a.seq), at: a.at, assignee: a.assignee });
  const rows: TicketStory['assignments'] = [];
  let group: string | null = null;
  let assignee: string | null = null;
  for (const [, change] of [...bySeq].sort(([a], [b]) => a - b)) {
    if (change.at > asOf) break;
    if (change.group !== undefined) group = change.group;
    if (change.assignee !== undefined) assignee = change.assignee;
    rows.push({ at: iso(change.at), group, assignee });
  }
  // Never assigned to anyone: nothing to tell.
  return rows.length === 1 && rows[0]!.group === null && rows[0]!.assignee === null ? [] : rows;
}
