import type { StatusCategory } from '../model/config.js';
import type { Repository } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import { BUILTIN_24X7_ID } from '../model/builtin-calendar.js';
import { localDayNumberOf, localDateOfDayNumber, zoneOffsets, type ZoneOffsets } from '../time/zone.js';
import { compileAgreements, findTarget, targetMsOn, termsOn, type CompiledAgreement, type CompiledTerms } from './agreements.js';
import { calendarLookup, type ClockCalendar } from './calendars.js';
import {
  ALL_EVENTS,
  groupAt,
  groupResponseCycles,
  groupScopedSpans,
  judge,
  priorityAt,
  resolutionCycles,
  responseCycles,
  statusSpans,
  ticketHistory,
  type ClockPolicy,
  type ClockState,
  type Cycle,
  type Metric,
  type ParsedInstants,
  type TicketHistory,
} from './clock.js';
import { ticketColumns } from '../load/ticket-columns.js';
import { agreementSelector, type AgreementSelector, type SelectionRule } from './selection.js';

/**
 * Where a clock's calendar came from: the agreement's `calendar` (or 24x7 when it names none), the consumer's
 * (`calendarSource: consumer`), or the assignment group's (a group-scoped agreement that names none).
 */
export type CalendarRule = 'agreement' | 'consumer' | 'group';

/** One clock of one ticket under one agreement, as of the measurement instant. */
export interface ClockRecord {
  ticket: string;
  title: string;
  type: TicketDocument['spec']['type'];
  service: string;
  consumer: string | null;
  sla: string;
  /** The version of the agreement that measured the clock: its `from`, or null for undated base terms. */
  slaVersion: string | null;
  /** The rule that chose the agreement for this ticket (src/sla/selection.ts). */
  selectedBy: SelectionRule;
  /** The calendar the clock ran on, and why. */
  calendar: string;
  calendarBy: CalendarRule;
  /**
   * The group the clock belongs to: the group a group-scoped agreement is scoped to; for any other clock, the group
   * that held the ticket when the clock stopped (or holds it as of the measurement). Null when none did.
   */
  assignmentGroup: string | null;
  metric: Metric;
  /** The priority that selected the target: the ticket's priority when the clock stopped, or now if it runs. */
  priority: string;
  state: ClockState;
  warning: boolean;
  within: string;
  targetMs: number;
  objective: number;
  /** The version that set the target as it is (CompiledTarget.since): the report keeps a row per such target. */
  targetSince: string | null;
  elapsedMs: number;
  pausedMs: number;
  startedAt: number;
  stoppedAt: number | null;
  breachedAt: number | null;
  dueAt: number | null;
  /** Number of cycles (more than one only with `new-cycle` reopening); the record describes the last. */
  cycles: number;
  anyCycleBreached: boolean;
  /** The last cycle, for `sla explain`. */
  cycle: Cycle;
  /** The compiled calendar the clock ran on, for `sla explain`. */
  clockCalendar: ClockCalendar;
}

export interface MeasureContext {
  agreements: ReadonlyMap<string, CompiledAgreement>;
  /** Chooses a ticket's agreements: subscription, consumer default, service (docs/sla.md, "Which agreements"). */
  select: AgreementSelector;
  calendars: (id: string) => ClockCalendar;
  /** Each consumer's calendar, for agreements with `calendarSource: consumer`. */
  consumerCalendars: ReadonlyMap<string, string | undefined>;
  /** Each group's calendar, for group-scoped agreements that name none. */
  groupCalendars: ReadonlyMap<string, string | undefined>;
  /** The repository's time zone, in which version dates and subscription dates are local days. */
  zone: ZoneOffsets;
  categoryOf: (status: string) => StatusCategory | undefined;
  initialStatus: string;
  /** The parsed instants of a ticket of the repository; undefined for a ticket that is not in it. */
  instantsOf: (ticket: TicketDocument) => ParsedInstants | undefined;
}

export function measureContext(repository: Repository): MeasureContext {
  const calendars = calendarLookup(repository);
  const categories = new Map(repository.config.statuses.map((s) => [s.id, s.category]));
  const initialStatus = repository.config.statuses.find((s) => s.category === 'new')?.id ?? 'new';
  const firstOf = <D extends { metadata: { id: string } }, V>(list: ReadonlyArray<{ doc: D }>, value: (doc: D) => V): Map<string, V> => {
    const map = new Map<string, V>();
    for (const { doc } of list) if (!map.has(doc.metadata.id)) map.set(doc.metadata.id, value(doc));
    return map;
  };
  const tickets = repository.tickets;
  const columns = ticketColumns(tickets);
  // The tickets the columns hold: a ticket added to the list later is not among them.
  const count = columns.opened.length;
  // Tickets are measured in the repository's order, all of them or some (the kept clocks skip the files they carry
  // over): a ticket is found by looking forward from the one asked for last, without an index of every ticket (a Map
  // of 1,000,000 entries at 1,000,000 tickets). The index is built only for a ticket asked out of order, after one
  // fruitless look forward, so the looks cost at most one pass over the tickets.
  let last = -1;
  let places: Map<TicketDocument, number> | undefined;
  const placeOf = (ticket: TicketDocument): number | undefined => {
    if (last >= 0 && tickets[last]!.doc === ticket) return last;
    if (places === undefined) {
      for (let i = last + 1; i < count; i++) if (tickets[i]!.doc === ticket) return (last = i);
      places = new Map();
      for (let i = 0; i < count; i++) places.set(tickets[i]!.doc, i);
    }
    const i = places.get(ticket);
    if (i !== undefined) last = i;
    return i;
  };
  const instantsOf = (ticket: TicketDocument): ParsedInstants | undefined => {
    const i = placeOf(ticket);
    return i === undefined ? undefined : { opened: columns.opened[i]!, eventAt: columns.eventAt, first: columns.eventStart[i]! };
  };
  return {
    instantsOf,
    agreements: compileAgreements(repository, calendars),
    select: agreementSelector(repository),
    calendars,
    consumerCalendars: firstOf(repository.consumers, (doc) => doc.spec.calendar),
    groupCalendars: firstOf(repository.groups, (doc) => doc.spec.calendar),
    zone: zoneOffsets(repository.config.timeZone),
    categoryOf: (s) => categories.get(s),
    initialStatus,
  };
}

/** The calendar a clock runs on under `terms`, and the rule that chose it. */
function clockCalendarOf(agreement: CompiledAgreement, terms: CompiledTerms, consumer: string | undefined, context: MeasureContext): { calendar: ClockCalendar; by: CalendarRule } {
  if (terms.calendarSource === 'consumer') {
    const own = consumer === undefined ? undefined : context.consumerCalendars.get(consumer);
    if (own !== undefined) return { calendar: context.calendars(own), by: 'consumer' };
  }
  if (terms.calendar === undefined && agreement.group !== null) {
    const own = context.groupCalendars.get(agreement.group);
    if (own !== undefined) return { calendar: context.calendars(own), by: 'group' };
  }
  return { calendar: context.calendars(terms.calendar ?? BUILTIN_24X7_ID), by: 'agreement' };
}

/** When `ticket` was opened (ms), from the columns parsed at load when it is one of the repository's. */
export function openedAt(ticket: TicketDocument, context: MeasureContext): number {
  return context.instantsOf(ticket)?.opened ?? Date.parse(ticket.spec.opened);
}

/**
 * Every clock of a ticket as of `asOf`: one per agreement chosen for it (its consumer's, else its service's, with the
 * service's OLAs and SLOs) and per metric that has a target for the ticket's type and priority. Each agreement
 * measures under the version in force on the local day the ticket was opened, on the calendar its terms name (the
 * consumer's or the group's where they say so), whose own versions apply at each instant. Events after `asOf` are
 * not yet known and are ignored.
 */
export function measureTicket(ticket: TicketDocument, context: MeasureContext, asOf: number): ClockRecord[] {
  const parsed = context.instantsOf(ticket);
  const opened = parsed ? parsed.opened : Date.parse(ticket.spec.opened);
  if (opened >= asOf) return [];
  const records: ClockRecord[] = [];
  const history = ticketHistory(ticket, context.initialStatus, parsed);
  const openedDay = localDayNumberOf(context.zone, opened);
  const consumer = ticket.spec.consumer;
  for (const choice of context.select(ticket.spec.service, consumer, localDateOfDayNumber(openedDay))) {
    const agreement = context.agreements.get(choice.agreement);
    if (!agreement) continue;
    const terms = termsOn(agreement, openedDay);
    // An agreement not yet in force when the ticket was opened does not measure it.
    if (!terms) continue;
    // A group that never held the ticket has no clock under its OLA: nothing to measure.
    if (agreement.group !== null && !heldBy(history, agreement.group, asOf)) continue;
    const { calendar, by } = clockCalendarOf(agreement, terms, consumer, context);
    const policy: ClockPolicy = calendar.calendar === terms.policy.calendar ? terms.policy : { ...terms.policy, calendar: calendar.calendar };
    const group = agreement.group;
    const spans =
      group === null
        ? statusSpans(history, asOf, context.categoryOf, policy.pauseOn)
        : groupScopedSpans(history, asOf, context.categoryOf, policy.pauseOn, group);
    for (const metric of METRICS) {
      const cycles =
        metric === 'response'
          ? group === null
            ? responseCycles(spans, history, asOf, policy.calendar)
            : groupResponseCycles(history, asOf, policy.calendar, context.categoryOf, group)
          : resolutionCycles(spans, history, policy, group !== null);
      const last = cycles[cycles.length - 1];
      if (!last) continue;
      const priority = priorityAt(history, last.stoppedAt ?? asOf, last.stoppedBy ?? ALL_EVENTS);
      const target = findTarget(terms, metric, ticket.spec.type, priority);
      if (!target) continue;
      const targetMs = targetMsOn(target, calendar, opened);
      // Each earlier `new-cycle` cycle is judged against the priority it had when it stopped, as Jira keeps the goal
      // of a completed cycle: a later escalation does not rewrite a cycle that was over. One without a target then
      // did not breach.
      const verdict = judge(last, targetMs, terms.warningFraction, policy.calendar, asOf);
      let anyCycleBreached = verdict.state === 'breached';
      for (let i = 0; i < cycles.length - 1 && !anyCycleBreached; i++) {
        const c = cycles[i]!;
        const cycleTarget = findTarget(terms, metric, ticket.spec.type, priorityAt(history, c.stoppedAt ?? asOf, c.stoppedBy ?? ALL_EVENTS));
        anyCycleBreached = cycleTarget !== undefined && judge(c, targetMsOn(cycleTarget, calendar, opened), terms.warningFraction, policy.calendar, asOf).state === 'breached';
      }
      records.push({
        ticket: ticket.metadata.id,
        title: ticket.spec.title,
        type: ticket.spec.type,
        service: ticket.spec.service,
        consumer: consumer ?? null,
        sla: agreement.id,
        slaVersion: terms.version,
        selectedBy: choice.rule,
        calendar: calendar.id,
        calendarBy: by,
        assignmentGroup: group ?? groupOf(history, last, asOf),
        metric,
        priority,
        state: verdict.state,
        warning: verdict.warning,
        within: target.within,
        targetMs,
        objective: target.objective,
        targetSince: target.since,
        elapsedMs: last.elapsedMs,
        pausedMs: last.pausedMs,
        startedAt: last.startedAt,
        stoppedAt: last.stoppedAt,
        breachedAt: verdict.breachedAt,
        dueAt: verdict.dueAt,
        cycles: cycles.length,
        anyCycleBreached,
        cycle: last,
        clockCalendar: calendar,
      });
    }
  }
  return records;
}

/** The metrics of every agreement, in the order a ticket's clocks are listed. */
const METRICS = ['response', 'resolution'] as const;

function heldBy(history: TicketHistory, group: string, asOf: number): boolean {
  for (const assignment of history.groups) if (assignment.group === group && assignment.at <= asOf) return true;
  return false;
}

/** The group that held the ticket when the cycle stopped, or holds it as of the measurement. */
function groupOf(history: TicketHistory, cycle: Cycle, asOf: number): string | null {
  if (history.groups.length === 1) return history.groups[0]!.group;
  return groupAt(history, cycle.stoppedAt ?? asOf, cycle.stoppedBy ?? ALL_EVENTS);
}
