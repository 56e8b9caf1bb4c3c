import type { StatusCategory } from '../model/config.js';
import type { TicketDocument } from '../model/ticket.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../time/index.js';

export type Metric = 'response' | 'resolution';
export type ClockState = 'met' | 'breached' | 'running' | 'cancelled';

/** How an agreement runs its clocks: what it pauses on and what a reopening does. */
export interface ClockPolicy {
  calendar: BusinessCalendar;
  pauseOn: ReadonlySet<string>;
  reopen: 'resume' | 'new-cycle';
}

/**
 * Why the clock was or was not running during a stretch of the ticket's life. `away`: another assignment group held
 * the ticket, so a clock scoped to a group does not run (for every other clock no span is ever away).
 */
export type Phase = 'running' | 'paused' | 'stopped' | 'cancelled' | 'away';

/** A stretch of a ticket's life in one status, as of the measurement instant. */
export interface StatusSpan {
  start: number;
  end: number;
  /** The timeline event that began the span (0 for the opening): orders events written at the same instant. */
  seq: number;
  status: string;
  phase: Phase;
}

/** One run of a clock from its start to its stop (several with `new-cycle` reopening). */
export interface Cycle {
  startedAt: number;
  /** When the clock stopped; null while it runs. */
  stoppedAt: number | null;
  /** The timeline event that stopped it (its `seq`); null while it runs. */
  stoppedBy: number | null;
  spans: StatusSpan[];
  elapsedMs: number;
  pausedMs: number;
  cancelled: boolean;
}

/**
 * A ticket's status history, derived once and shared by every clock of the ticket.
 *
 * Several events may carry the same instant (exports have minute precision). They are taken in the order written:
 * `seq` is the event's place in the timeline (1-based; 0 is the opening), and every clock and every column orders
 * by (at, seq), so that "resolved at 10:00, reopened at 10:00" is a stop followed by a reopening, never one or the other.
 */
export interface TicketHistory {
  opened: number;
  /** Status changes in written order; the first entry is the initial status at `opened`. */
  statuses: Array<{ at: number; seq: number; status: string }>;
  /** Priority changes in written order; the first entry is `spec.priority` at `opened`. */
  priorities: Array<{ at: number; seq: number; priority: string }>;
  /** Assignment-group changes in written order; the first entry is `spec.group` (null: unassigned) at `opened`. */
  groups: Array<{ at: number; seq: number; group: string | null }>;
  /** Assignee changes in written order; the first entry is `spec.assignee` (or null) at `opened`. */
  assignees: Array<{ at: number; seq: number; assignee: string | null }>;
}

/**
 * The instants of one ticket already parsed (src/load/ticket-columns.ts): `opened`, and its k-th event at
 * `eventAt[first + k]`. Without them the history parses the ticket's text.
 */
export interface ParsedInstants {
  opened: number;
  eventAt: Float64Array;
  first: number;
}

export function ticketHistory(ticket: TicketDocument, initialStatus: string, parsed?: ParsedInstants): TicketHistory {
  const opened = parsed ? parsed.opened : Date.parse(ticket.spec.opened);
  const statuses = [{ at: opened, seq: 0, status: initialStatus }];
  const priorities = [{ at: opened, seq: 0, priority: ticket.spec.priority }];
  const groups: TicketHistory['groups'] = [{ at: opened, seq: 0, group: ticket.spec.group ?? null }];
  const assignees: TicketHistory['assignees'] = [{ at: opened, seq: 0, assignee: ticket.spec.assignee ?? null }];
  const timeline = ticket.spec.timeline ?? [];
  for (let i = 0; i < timeline.length; i++) {
    const event = timeline[i]!;
    const at = parsed ? parsed.eventAt[parsed.first + i]! : Date.parse(event.at);
    if (event.status !== undefined && event.status !== statuses[statuses.length - 1]!.status) statuses.push({ at, seq: i + 1, status: event.status });
    if (event.priority !== undefined && event.priority !== priorities[priorities.length - 1]!.priority) priorities.push({ at, seq: i + 1, priority: event.priority });
    if (event.group !== undefined && event.group !== groups[groups.length - 1]!.group) groups.push({ at, seq: i + 1, group: event.group });
    if (event.assignee !== undefined && event.assignee !== assignees[assignees.length - 1]!.assignee) assignees.push({ at, seq: i + 1, assignee: event.assignee });
  }
  return { opened, statuses, priorities, groups, assignees };
}

/** The group holding the ticket after the events up to (`instant`, `seq`); null when none does. */
export function groupAt(history: TicketHistory, instant: number, seq: number = ALL_EVENTS): string | null {
  return changeInForce(history.groups, instant, seq).group;
}

/** The person assigned after the events up to (`instant`, `seq`); null when nobody is. */
export function assigneeAt(history: TicketHistory, instant: number, seq: number = ALL_EVENTS): string | null {
  return changeInForce(history.assignees, instant, seq).assignee;
}

/** Moves from one group to another up to `asOf`; the first assignment (from nobody) is not one. */
export function reassignmentsUpTo(history: TicketHistory, asOf: number): number {
  let count = 0;
  for (let k = 1; k < history.groups.length && history.groups[k]!.at <= asOf; k++) if (history.groups[k - 1]!.group !== null) count++;
  return count;
}

/** One stretch of a ticket's life with one status and one holding group, up to the measurement instant. */
export interface HeldSpan {
  start: number;
  end: number;
  /** The event that began it (0 for the opening). */
  seq: number;
  status: string;
  group: string | null;
}

/**
 * The ticket's life cut at every status change and every reassignment, up to `asOf`. Events are merged in written
 * order (their `seq`), so a reassignment and a status change at the same instant are two cuts in the order written.
 */
export function heldSpans(history: TicketHistory, asOf: number): HeldSpan[] {
  return cutAtChanges(history, asOf, (start, end, seq, status, group) => ({ start, end, seq, status, group }));
}

/** Calls `make` for each stretch of one status and one holding group, in order, and collects what it returns. */
function cutAtChanges<T>(history: TicketHistory, asOf: number, make: (start: number, end: number, seq: number, status: string, group: string | null) => T): T[] {
  const { statuses, groups } = history;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  let status = statuses[0]!.status;
  let group = groups[0]!.group;
  let start = history.opened;
  let seq = 0;
  while (i < statuses.length || j < groups.length) {
    // The next change point: the smaller seq of the two lists (both start with the opening, seq 0).
    const s = statuses[i];
    const g = groups[j];
    const nextSeq = Math.min(s?.seq ?? Infinity, g?.seq ?? Infinity);
    const at = s?.seq === nextSeq ? s.at : g!.at;
    if (nextSeq > 0) {
      if (start > asOf) return out;
      out.push(make(start, at <= asOf ? at : asOf, seq, status, group));
    }
    if (s?.seq === nextSeq) {
      status = s.status;
      i++;
    }
    if (g?.seq === nextSeq) {
      group = g.group;
      j++;
    }
    start = at;
    seq = nextSeq;
  }
  if (start <= asOf) out.push(make(start, asOf, seq, status, group));
  return out;
}

/** How long each group held the ticket while it was open, and how often it changed hands (docs/sla.md, "Groups"). */
export interface GroupShare {
  group: string;
  /** Wall-clock milliseconds the group held the ticket while it was open (not resolved, closed or cancelled). */
  heldMs: number;
  /** How many times the ticket was assigned to the group (the opening assignment included). */
  assignments: number;
}

export function groupShares(history: TicketHistory, asOf: number, categoryOf: (status: string) => StatusCategory | undefined): { shares: GroupShare[]; reassignments: number } {
  const shares = new Map<string, GroupShare>();
  for (const change of history.groups) {
    if (change.at > asOf || change.group === null) continue;
    const share = shares.get(change.group) ?? { group: change.group, heldMs: 0, assignments: 0 };
    share.assignments++;
    shares.set(change.group, share);
  }
  if (shares.size > 0) {
    for (const span of heldSpans(history, asOf)) {
      const category = categoryOf(span.status);
      if (span.group === null || category === 'resolved' || category === 'closed' || category === 'cancelled') continue;
      shares.get(span.group)!.heldMs += span.end - span.start;
    }
  }
  return { shares: [...shares.values()], reassignments: reassignmentsUpTo(history, asOf) };
}

/** Every event: the measurement instant knows all events at it, whatever their place in the timeline. */
export const ALL_EVENTS = Number.POSITIVE_INFINITY;

/**
 * The priority in effect after the events up to (`instant`, `seq`): the last change before that point in the
 * timeline. Clocks are measured against the priority the ticket has when the clock is measured (after the event that
 * stopped it, or as of now), but always from `opened` — ServiceNow's "retroactive start" — because an escalation
 * means the ticket was that urgent all along. An event that changes the priority and the status together applies
 * its priority to the clock its status stops.
 */
export function priorityAt(history: TicketHistory, instant: number, seq: number = ALL_EVENTS): string {
  return changeInForce(history.priorities, instant, seq).priority;
}

/**
 * The last of `changes` (in written order, the first at the opening) made up to (`instant`, `seq`): the value in force
 * after the events up to that point. Events at `instant` after `seq` are not yet made.
 */
function changeInForce<T extends { at: number; seq: number }>(changes: readonly T[], instant: number, seq: number): T {
  let current = changes[0]!;
  for (const change of changes) {
    if (change.at > instant || (change.at === instant && change.seq > seq)) break;
    current = change;
  }
  return current;
}

/** The ticket's life in status spans up to `asOf`, each classified for one agreement's clocks. */
export function statusSpans(history: TicketHistory, asOf: number, categoryOf: (status: string) => StatusCategory | undefined, pauseOn: ReadonlySet<string>): StatusSpan[] {
  const spans: StatusSpan[] = [];
  const { statuses } = history;
  for (let i = 0; i < statuses.length; i++) {
    const start = statuses[i]!.at;
    // An event at asOf is known (only later events are not), so a resolution at asOf stops the clock at asOf.
    if (start > asOf) break;
    const next = statuses[i + 1]?.at;
    const end = next !== undefined && next <= asOf ? next : asOf;
    // A span of no length (a status superseded at the same instant) is kept: it is an event in its own right, so a
    // resolution and a reopening in one minute still stop and restart the clock.
    const status = statuses[i]!.status;
    const category = categoryOf(status);
    const phase: Phase =
      category === 'resolved' || category === 'closed' ? 'stopped' : category === 'cancelled' ? 'cancelled' : pauseOn.has(status) ? 'paused' : 'running';
    spans.push({ start, end, seq: statuses[i]!.seq, status, phase });
  }
  return spans;
}

/**
 * The spans of a clock scoped to `group`: as `statusSpans`, except that an open ticket held by another group (or by
 * none) is `away`, and the clock does not run.
 */
export function groupScopedSpans(
  history: TicketHistory,
  asOf: number,
  categoryOf: (status: string) => StatusCategory | undefined,
  pauseOn: ReadonlySet<string>,
  group: string,
): StatusSpan[] {
  return cutAtChanges(history, asOf, (start, end, seq, status, holder): StatusSpan => {
    const category = categoryOf(status);
    const phase: Phase =
      category === 'resolved' || category === 'closed'
        ? 'stopped'
        : category === 'cancelled'
          ? 'cancelled'
          : holder !== group
            ? 'away'
            : pauseOn.has(status)
              ? 'paused'
              : 'running';
    return { start, end, seq, status, phase };
  });
}

/**
 * A group's response: each assignment to the group starts a cycle that stops at the group's first action after it,
 * a later event that changes the status, the group or the assignee (an assignee named in the assigning event itself
 * is the dispatcher's choice, not the group's action). A cancellation as that action cancels the cycle.
 */
export function groupResponseCycles(
  history: TicketHistory,
  asOf: number,
  calendar: BusinessCalendar,
  categoryOf: (status: string) => StatusCategory | undefined,
  group: string,
): Cycle[] {
  const cycles: Cycle[] = [];
  const { statuses, groups, assignees } = history;
  for (const assignment of groups) {
    if (assignment.group !== group || assignment.at > asOf) continue;
    const after = <T extends { at: number; seq: number }>(list: readonly T[]): T | undefined => list.find((e) => e.seq > assignment.seq && e.at <= asOf);
    const status = after(statuses);
    const candidates = [status, after(groups), after(assignees)].filter((e): e is NonNullable<typeof e> => e !== undefined);
    const action = candidates.reduce<(typeof candidates)[number] | undefined>((first, e) => (first === undefined || e.seq < first.seq ? e : first), undefined);
    const statusThen = changeInForce(history.statuses, assignment.at, assignment.seq).status;
    const span: StatusSpan = { start: assignment.at, end: action?.at ?? asOf, seq: assignment.seq, status: statusThen, phase: 'running' };
    const cancelled = action !== undefined && action === status && categoryOf(status.status) === 'cancelled';
    cycles.push(measure(calendar, assignment.at, action?.at ?? null, action?.seq ?? null, [span], 1, cancelled));
  }
  return cycles;
}


/**
 * Time to first response: from `opened` to the first event that moves the ticket out of its initial status. A ticket
 * cancelled before anyone responded has its clock cancelled. The response clock is never paused: a move to a status
 * the agreement pauses on (asking the customer) is itself a response, and the initial status is never a pause.
 */
export function responseCycles(spans: readonly StatusSpan[], history: TicketHistory, asOf: number, calendar: BusinessCalendar): Cycle[] {
  // `spans` follow `history.statuses` one to one up to asOf, so the second span is the first move, if it is known yet.
  const first = spans[1];
  const stop = first?.start ?? null;
  const initial = spans[0];
  const inCycle: StatusSpan[] = initial === undefined ? [] : [{ ...initial, end: stop ?? asOf, phase: initial.phase === 'paused' ? 'running' : initial.phase }];
  return [measure(calendar, history.opened, stop, first?.seq ?? null, inCycle, inCycle.length, first?.phase === 'cancelled')];
}

/**
 * Time to resolution. The clock runs while the ticket is open and not paused, and stops when it enters a resolved or
 * closed status. With `resume`, a reopening resumes the same clock (the time spent resolved does not count); with
 * `new-cycle` (Jira's behaviour) each reopening starts a new clock from zero. A stop and a reopening at the same
 * instant are both events: with `new-cycle` the second cycle starts at that instant.
 */
export function resolutionCycles(spans: readonly StatusSpan[], history: TicketHistory, policy: ClockPolicy, groupScoped = false): Cycle[] {
  const cycles: Cycle[] = [];
  // `away` (another group holds the ticket) ends a group's stretch like a stop, but a return to the group resumes the
  // same clock: only a reopening (after a resolved, closed or cancelled status) starts a new cycle.
  let run: StatusSpan[] = [];
  let previousStopped = false;
  for (const span of spans) {
    const stopped = span.phase === 'stopped' || span.phase === 'cancelled';
    if (!stopped && span.phase !== 'away' && previousStopped && policy.reopen === 'new-cycle' && run.length > 0) {
      addResolutionCycle(cycles, run, history, policy, groupScoped);
      run = [];
    }
    run.push(span);
    if (span.phase !== 'away') previousStopped = stopped;
  }
  if (run.length > 0) addResolutionCycle(cycles, run, history, policy, groupScoped);
  return cycles;
}

const endsRun = (span: StatusSpan): boolean => span.phase === 'stopped' || span.phase === 'cancelled' || span.phase === 'away';
const isHeld = (span: StatusSpan): boolean => span.phase === 'running' || span.phase === 'paused';

/** Measures one run of spans between reopenings (the cycle's own array: it is kept, not copied). */
function addResolutionCycle(cycles: Cycle[], run: StatusSpan[], history: TicketHistory, policy: ClockPolicy, groupScoped: boolean): void {
  // A group's clock counts only the runs in which the group held the ticket.
  const firstHeld = groupScoped ? run.find(isHeld) : undefined;
  if (groupScoped && firstHeld === undefined) return;
  const last = run[run.length - 1]!;
  const ended = endsRun(last);
  // The stop is where the final stretch of stopped spans began (resolved, then closed, is one stop).
  let stopIndex = run.length;
  while (stopIndex > 0 && endsRun(run[stopIndex - 1]!)) stopIndex--;
  const stop = ended ? run[stopIndex]! : null;
  // A group's clock starts when the group first holds the ticket in the cycle.
  const startedAt = firstHeld !== undefined ? firstHeld.start : cycles.length === 0 ? history.opened : run[0]!.start;
  cycles.push(measure(policy.calendar, startedAt, stop?.start ?? null, stop?.seq ?? null, run, ended ? stopIndex : run.length, stop?.phase === 'cancelled'));
}

/**
 * A cycle of `spans` (its own array, kept as it is), of which the first `counted` count towards its elapsed and paused
 * time: those after its stop are kept for `sla explain`.
 */
function measure(calendar: BusinessCalendar, startedAt: number, stoppedAt: number | null, stoppedBy: number | null, spans: StatusSpan[], counted: number, cancelled: boolean): Cycle {
  let elapsedMs = 0;
  let pausedMs = 0;
  for (let i = 0; i < counted; i++) {
    const span = spans[i]!;
    if (span.phase === 'running') elapsedMs += businessTimeBetween(calendar, span.start, span.end);
    else if (span.phase === 'paused') pausedMs += businessTimeBetween(calendar, span.start, span.end);
  }
  return { startedAt, stoppedAt, stoppedBy, spans, elapsedMs, pausedMs, cancelled };
}

/** Where a cycle stands against a target, and when it breached or falls due. */
export interface Verdict {
  state: ClockState;
  warning: boolean;
  /** When the running time passed the target; also kept for a clock cancelled after that (it counts nowhere). */
  breachedAt: number | null;
  /** When the running time reaches the target if the clock keeps running; null when stopped, breached or paused. */
  dueAt: number | null;
}

/**
 * Judges a cycle against a target. A clock is `breached` as soon as its elapsed business time exceeds the target,
 * whether or not it has stopped; the breach instant is when the running time reached the target, found in business
 * time (so a breach never happens during a pause or outside working hours). A running clock whose elapsed time
 * equals its target exactly is still running: it is due at the instant it reached the target, and breaches with the
 * next running millisecond.
 */
export function judge(cycle: Cycle, targetMs: number, warningFraction: number, calendar: BusinessCalendar, asOf: number): Verdict {
  if (cycle.cancelled) {
    // ServiceNow keeps "has breached" on a cancelled task SLA: the fact stays visible, though the clock counts nowhere.
    const breachedAt = cycle.elapsedMs > targetMs ? reachedInstant(cycle, targetMs, calendar) : null;
    return { state: 'cancelled', warning: false, breachedAt, dueAt: null };
  }
  if (cycle.elapsedMs > targetMs) {
    return { state: 'breached', warning: false, breachedAt: reachedInstant(cycle, targetMs, calendar), dueAt: null };
  }
  if (cycle.stoppedAt !== null) return { state: 'met', warning: false, breachedAt: null, dueAt: null };
  const last = cycle.spans[cycle.spans.length - 1];
  const runningNow = last === undefined || last.phase === 'running';
  const warning = cycle.elapsedMs >= warningFraction * targetMs;
  if (!runningNow) return { state: 'running', warning, breachedAt: null, dueAt: null };
  const dueAt = cycle.elapsedMs === targetMs ? reachedInstant(cycle, targetMs, calendar) : addBusinessTime(calendar, last?.end ?? asOf, targetMs - cycle.elapsedMs);
  return { state: 'running', warning, breachedAt: null, dueAt };
}

/** The earliest instant at which the cycle's running time reached `targetMs`; null if it never did. */
function reachedInstant(cycle: Cycle, targetMs: number, calendar: BusinessCalendar): number | null {
  let before = 0;
  for (const span of cycle.spans) {
    if (span.phase !== 'running') continue;
    const inSpan = businessTimeBetween(calendar, span.start, span.end);
    if (inSpan > 0 && before + inSpan >= targetMs) return addBusinessTime(calendar, span.start, targetMs - before);
    before += inSpan;
  }
  return null;
}
