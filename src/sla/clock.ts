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

/** Why the clock was or was not running during a stretch of the ticket's life. */
export type Phase = 'running' | 'paused' | 'stopped' | 'cancelled';

/** A stretch of a ticket's life in one status, as of the measurement instant. */
export interface StatusSpan {
  start: number;
  end: number;
  status: string;
  phase: Phase;
}

/** One run of a clock from its start to its stop (several with `new-cycle` reopening). */
export interface Cycle {
  startedAt: number;
  /** When the clock stopped; null while it runs. */
  stoppedAt: number | null;
  spans: StatusSpan[];
  elapsedMs: number;
  pausedMs: number;
  cancelled: boolean;
}

/** A ticket's status history, derived once and shared by every clock of the ticket. */
export interface TicketHistory {
  opened: number;
  /** Status changes in time order; the first entry is the initial status at `opened`. */
  statuses: Array<{ at: number; status: string }>;
  /** Priority changes in time order; the first entry is `spec.priority` at `opened`. */
  priorities: Array<{ at: number; priority: string }>;
}

export function ticketHistory(ticket: TicketDocument, initialStatus: string): TicketHistory {
  const opened = Date.parse(ticket.spec.opened);
  const statuses = [{ at: opened, status: initialStatus }];
  const priorities = [{ at: opened, priority: ticket.spec.priority }];
  for (const event of ticket.spec.timeline ?? []) {
    const at = Date.parse(event.at);
    if (event.status !== undefined && event.status !== statuses[statuses.length - 1]!.status) statuses.push({ at, status: event.status });
    if (event.priority !== undefined && event.priority !== priorities[priorities.length - 1]!.priority) priorities.push({ at, priority: event.priority });
  }
  return { opened, statuses, priorities };
}

/**
 * The priority in effect at `instant`: the last change at or before it. Clocks are measured against the priority the
 * ticket has when the clock is measured (when it stopped, or now), but always from `opened` — ServiceNow's
 * "retroactive start" — because an escalation means the ticket was that urgent all along.
 */
export function priorityAt(history: TicketHistory, instant: number): string {
  let current = history.priorities[0]!.priority;
  for (const change of history.priorities) {
    if (change.at > instant) break;
    current = change.priority;
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
    const known = next !== undefined && next <= asOf;
    const end = known ? next : asOf;
    if (end <= start && known) continue; // superseded at the same instant
    const status = statuses[i]!.status;
    const category = categoryOf(status);
    const phase: Phase =
      category === 'resolved' || category === 'closed' ? 'stopped' : category === 'cancelled' ? 'cancelled' : pauseOn.has(status) ? 'paused' : 'running';
    spans.push({ start, end, status, phase });
  }
  return spans;
}

/**
 * Time to first response: from `opened` to the first event that moves the ticket out of its initial status.
 * A ticket cancelled before anyone responded has its clock cancelled.
 */
export function responseCycles(spans: readonly StatusSpan[], history: TicketHistory, asOf: number, calendar: BusinessCalendar): Cycle[] {
  const initial = history.statuses[0]!.status;
  const first = history.statuses.find((s) => s.status !== initial);
  const stop = first !== undefined && first.at <= asOf ? first.at : null;
  const cancelled = first !== undefined && stop !== null && spans.some((s) => s.start === stop && s.phase === 'cancelled');
  const inCycle = spans
    .filter((s) => s.start < (stop ?? asOf))
    .map((s) => ({ ...s, end: Math.min(s.end, stop ?? asOf) }));
  return [measure(calendar, history.opened, stop, inCycle, cancelled)];
}

/**
 * Time to resolution. The clock runs while the ticket is open and not paused, and stops when it enters a resolved or
 * closed status. With `resume`, a reopening resumes the same clock (the time spent resolved does not count); with
 * `new-cycle` (Jira's behaviour) each reopening starts a new clock from zero.
 */
export function resolutionCycles(spans: readonly StatusSpan[], history: TicketHistory, policy: ClockPolicy): Cycle[] {
  const runs: StatusSpan[][] = [[]];
  let previousStopped = false;
  for (const span of spans) {
    const stopped = span.phase === 'stopped' || span.phase === 'cancelled';
    if (!stopped && previousStopped && policy.reopen === 'new-cycle') runs.push([]);
    runs[runs.length - 1]!.push(span);
    previousStopped = stopped;
  }
  return runs
    .filter((run) => run.length > 0)
    .map((run, i) => {
      const last = run[run.length - 1]!;
      const ended = last.phase === 'stopped' || last.phase === 'cancelled';
      // The stop is where the final stretch of stopped spans began (resolved, then closed, is one stop).
      let stopIndex = run.length;
      while (stopIndex > 0 && (run[stopIndex - 1]!.phase === 'stopped' || run[stopIndex - 1]!.phase === 'cancelled')) stopIndex--;
      const stoppedAt = ended ? run[stopIndex]!.start : null;
      const cancelled = ended && run[stopIndex]!.phase === 'cancelled';
      const startedAt = i === 0 ? history.opened : run[0]!.start;
      return measure(policy.calendar, startedAt, stoppedAt, run.slice(0, ended ? stopIndex : run.length), cancelled, run);
    });
}

function measure(calendar: BusinessCalendar, startedAt: number, stoppedAt: number | null, counted: readonly StatusSpan[], cancelled: boolean, all: readonly StatusSpan[] = counted): Cycle {
  let elapsedMs = 0;
  let pausedMs = 0;
  for (const span of counted) {
    if (span.phase === 'running') elapsedMs += businessTimeBetween(calendar, span.start, span.end);
    else if (span.phase === 'paused') pausedMs += businessTimeBetween(calendar, span.start, span.end);
  }
  return { startedAt, stoppedAt, spans: [...all], elapsedMs, pausedMs, cancelled };
}

/** Where a cycle stands against a target, and when it breached or falls due. */
export interface Verdict {
  state: ClockState;
  warning: boolean;
  breachedAt: number | null;
  /** When the target falls due if the clock keeps running from now; null when stopped, breached or paused. */
  dueAt: number | null;
}

/**
 * Judges a cycle against a target. A clock is `breached` as soon as its elapsed business time exceeds the target,
 * whether or not it has stopped; the breach instant is when the running time reached the target, found in business
 * time (so a breach never happens during a pause or outside working hours).
 */
export function judge(cycle: Cycle, targetMs: number, warningFraction: number, calendar: BusinessCalendar, asOf: number): Verdict {
  if (cycle.cancelled) return { state: 'cancelled', warning: false, breachedAt: null, dueAt: null };
  if (cycle.elapsedMs > targetMs) {
    return { state: 'breached', warning: false, breachedAt: breachInstant(cycle, targetMs, calendar), dueAt: null };
  }
  if (cycle.stoppedAt !== null) return { state: 'met', warning: false, breachedAt: null, dueAt: null };
  const last = cycle.spans[cycle.spans.length - 1];
  const runningNow = last === undefined || last.phase === 'running';
  const dueAt = runningNow ? addBusinessTime(calendar, last?.end ?? asOf, targetMs - cycle.elapsedMs) : null;
  return { state: 'running', warning: cycle.elapsedMs >= warningFraction * targetMs, breachedAt: null, dueAt };
}

function breachInstant(cycle: Cycle, targetMs: number, calendar: BusinessCalendar): number | null {
  let before = 0;
  for (const span of cycle.spans) {
    if (span.phase !== 'running') continue;
    const inSpan = businessTimeBetween(calendar, span.start, span.end);
    if (before + inSpan >= targetMs) return addBusinessTime(calendar, span.start, targetMs - before);
    before += inSpan;
  }
  return null;
}
