import type { Entity } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import { mergeOutagesAndMaintenance, outagesAndMaintenance, type OutagesAndMaintenance } from './availability.js';
import { measureTicket, openedAt, type ClockRecord, type MeasureContext } from './measure.js';
import { ValueCodes } from './value-codes.js';

/** What the report reads of a clock: the engine's record without the cycle and calendar that `sla explain` reads. */
export type ReportedClock = Omit<ClockRecord, 'cycle' | 'clockCalendar'>;

/** A ticket as the report reads it: what its filters look at, and its clocks, measured (or decoded) when asked for. */
export interface ReportedTicket {
  service: string;
  consumer: string | undefined;
  type: string;
  /** When it was opened (ms); a ticket opened at or after the end of the report's window is not measured. */
  opened: number;
  clocks(): Iterable<ReportedClock>;
}

/** Every ticket of `tickets` in order, each measured by the engine as of `asOf` when its clocks are asked for. */
export function* measuredTickets(tickets: readonly Entity<TicketDocument>[], context: MeasureContext, asOf: number): Generator<ReportedTicket> {
  for (const { doc } of tickets) yield measuredTicket(doc, context, asOf);
}

function measuredTicket(doc: TicketDocument, context: MeasureContext, asOf: number): ReportedTicket {
  return { service: doc.spec.service, consumer: doc.spec.consumer, type: doc.spec.type, opened: openedAt(doc, context), clocks: () => measureTicket(doc, context, asOf) };
}

// Slots of a clock in `KeptColumns.numbers`, relative to its ticket's opening where an instant; null is NaN.
const ELAPSED = 0;
const PAUSED = 1;
const STARTED = 2;
const STOPPED = 3;
const BREACHED = 4;
const DUE = 5;
export const KEPT_NUMBERS = 6;

/**
 * The clocks of the settled tickets, as columns: strings in one table referred to by index, figures in typed arrays.
 * Everything a ReportedClock holds that is not an instant or a duration (agreement, version, calendar, target, state,
 * priority, group…) takes few values, so it is kept once as a "shape" and each clock points at its shape.
 */
export interface KeptColumns {
  /** Every distinct string, each once. */
  strings: string[];
  /** Per settled ticket: id, title, type, service, consumer (-1: none) as indexes in `strings`; 5 per ticket. */
  ticketStrings: Int32Array;
  /** Per settled ticket: when it was opened, and the latest instant it holds. 2 per ticket. */
  ticketTimes: Float64Array;
  /** Per settled ticket: the index of its first clock; one more entry at the end (the clock count). */
  firstClock: Uint32Array;
  /** Per clock: the index of its shape in `shapes`. */
  clockShape: Uint32Array;
  /** Per clock: KEPT_NUMBERS figures. */
  numbers: Float64Array;
  /** The shapes, each a JSON array (see shapeOf). */
  shapes: string[];
}

/**
 * The kept measurement of a run of tickets (kept-clocks-cache.ts keeps one per ticket file): the settled tickets'
 * clocks as columns, and the place of each ticket of the run among them, or, as -1 - i, the i-th of the tickets
 * measured again at every run.
 */
export interface KeptPart {
  columns: KeptColumns;
  order: Int32Array;
  /** The tickets of the part measured again at every run, in its order. */
  remeasured: Entity<TicketDocument>[];
  /** The latest instant in any settled ticket of the part (-Infinity for none). */
  settledUntil: number;
  /** The outages and maintenance windows of the part's tickets, which availability is measured from. */
  outages: OutagesAndMaintenance;
}

/** A kept measurement of a repository: its parts in the repository's order, and what a report reads of them all. */
export interface KeptClocks {
  parts: KeptPart[];
  /** The tickets measured again at every run, in repository order (every part's, one part after the other). */
  remeasured: Entity<TicketDocument>[];
  /** The latest instant in any settled ticket: the kept clocks are those of any measurement instant after it. */
  settledUntil: number;
  /** Every ticket's outages and maintenance windows. */
  outages: OutagesAndMaintenance;
}

/**
 * Measures every ticket of `tickets` as of `asOf` and keeps what a later report can reuse, as one part.
 *
 * A ticket is settled when every instant it holds (its opening and every event) is before `asOf` and every clock it
 * has is stopped. Its clocks are then the same as of any later instant: the engine (clock.ts, measure.ts) reads the
 * measurement instant only to cut the last span of a ticket's life (whose phase, for a stopped clock, is stopped,
 * cancelled or away and counts neither as elapsed nor as paused time), to end a running clock, to find the priority
 * and group of a running clock, and to ignore events after it (there are none). Earlier cycles of a clock always
 * stopped (a later cycle begins only after a stop, a group's later assignment is an action that stops its response).
 * Every other ticket (a clock still running, or an event at or after `asOf`) is kept whole, to be measured again.
 * Cancelled clocks are not kept: the report never counts or lists them.
 */
export function keepClocks(tickets: readonly Entity<TicketDocument>[], context: MeasureContext, asOf: number): KeptClocks {
  return keptClocksOf([keepPart(tickets, context, asOf)]);
}

/** A kept measurement of the parts, one after the other. */
export function keptClocksOf(parts: KeptPart[]): KeptClocks {
  return {
    parts,
    remeasured: parts.length === 1 ? parts[0]!.remeasured : parts.flatMap((p) => p.remeasured),
    settledUntil: parts.reduce((latest, p) => Math.max(latest, p.settledUntil), Number.NEGATIVE_INFINITY),
    outages: parts.length === 1 ? parts[0]!.outages : mergeOutagesAndMaintenance(parts.map((p) => p.outages)),
  };
}

/** The kept measurement (keepClocks) of `tickets` as one part. `context` must hold the tickets' instants. */
export function keepPart(tickets: readonly Entity<TicketDocument>[], context: MeasureContext, asOf: number): KeptPart {
  const strings = new ValueCodes<string>();
  const shapes = new ValueCodes<string>();
  const ticketStrings: number[] = [];
  const ticketTimes: number[] = [];
  const firstClock: number[] = [];
  const clockShape: number[] = [];
  let numbers = new Float64Array(KEPT_NUMBERS * 1024);
  let clocks = 0;
  const order = new Int32Array(tickets.length);
  const remeasured: Entity<TicketDocument>[] = [];
  let settledUntil = Number.NEGATIVE_INFINITY;
  tickets.forEach((entity, t) => {
    const { doc } = entity;
    const latest = latestInstant(doc, context);
    const records = latest < asOf ? measureTicket(doc, context, asOf) : undefined;
    if (records === undefined || records.some((r) => r.stoppedAt === null)) {
      order[t] = -1 - remeasured.length;
      remeasured.push(entity);
      return;
    }
    const opened = openedAt(doc, context);
    order[t] = firstClock.length;
    settledUntil = Math.max(settledUntil, latest);
    const { spec } = doc;
    ticketStrings.push(strings.code(doc.metadata.id), strings.code(spec.title), strings.code(spec.type), strings.code(spec.service), spec.consumer === undefined ? -1 : strings.code(spec.consumer));
    ticketTimes.push(opened, latest);
    firstClock.push(clocks);
    for (const r of records) {
      if (r.state === 'cancelled') continue;
      if ((clocks + 1) * KEPT_NUMBERS > numbers.length) {
        const grown = new Float64Array(numbers.length * 2);
        grown.set(numbers);
        numbers = grown;
      }
      clockShape.push(shapes.code(shapeOf(r)));
      const at = clocks * KEPT_NUMBERS;
      numbers[at + ELAPSED] = r.elapsedMs;
      numbers[at + PAUSED] = r.pausedMs;
      numbers[at + STARTED] = r.startedAt - opened;
      numbers[at + STOPPED] = r.stoppedAt === null ? Number.NaN : r.stoppedAt - opened;
      numbers[at + BREACHED] = r.breachedAt === null ? Number.NaN : r.breachedAt - opened;
      numbers[at + DUE] = r.dueAt === null ? Number.NaN : r.dueAt - opened;
      clocks++;
    }
  });
  firstClock.push(clocks);
  return {
    columns: {
      strings: strings.list,
      ticketStrings: Int32Array.from(ticketStrings),
      ticketTimes: Float64Array.from(ticketTimes),
      firstClock: Uint32Array.from(firstClock),
      clockShape: Uint32Array.from(clockShape),
      numbers: numbers.slice(0, clocks * KEPT_NUMBERS),
      shapes: shapes.list,
    },
    order,
    remeasured,
    settledUntil,
    outages: outagesAndMaintenance(tickets, context.categoryOf),
  };
}

/** Whether the kept clocks are those of a measurement as of `asOf`: it is after every instant of a settled ticket. */
export function keptFor(kept: KeptClocks, asOf: number): boolean {
  return asOf > kept.settledUntil;
}

/**
 * The tickets in the order of the repository they were kept from: a settled ticket's clocks from the columns, every
 * other ticket measured by the engine as of `asOf` (`context` must hold `kept.remeasured`). Only for an `asOf` that
 * `keptFor` accepts.
 */
export function* keptTickets(kept: KeptClocks, context: MeasureContext, asOf: number): Generator<ReportedTicket> {
  for (const part of kept.parts) yield* partTickets(part, context, asOf);
}

function* partTickets(part: KeptPart, context: MeasureContext, asOf: number): Generator<ReportedTicket> {
  const c = part.columns;
  const shapes = c.shapes.map(parseShape);
  const text = (i: number): string => c.strings[i]!;
  for (const place of part.order) {
    if (place < 0) {
      yield measuredTicket(part.remeasured[-1 - place]!.doc, context, asOf);
      continue;
    }
    const s = place * 5;
    const consumerAt = c.ticketStrings[s + 4]!;
    const ticket = {
      ticket: text(c.ticketStrings[s]!),
      title: text(c.ticketStrings[s + 1]!),
      type: text(c.ticketStrings[s + 2]!) as ReportedClock['type'],
      service: text(c.ticketStrings[s + 3]!),
      consumer: consumerAt < 0 ? null : text(consumerAt),
    };
    const opened = c.ticketTimes[place * 2]!;
    const from = c.firstClock[place]!;
    const to = c.firstClock[place + 1]!;
    yield {
      service: ticket.service,
      consumer: ticket.consumer ?? undefined,
      type: ticket.type,
      opened,
      clocks: () => {
        const clocks: ReportedClock[] = [];
        const n = c.numbers;
        for (let i = from; i < to; i++) clocks.push(clockOf(ticket, shapes[c.clockShape[i]!]!, n, i * KEPT_NUMBERS, opened));
        return clocks;
      },
    };
  }
}

/** A kept clock as the engine's record; one literal, so that every record has the same hidden class. */
function clockOf(t: Pick<ReportedClock, 'ticket' | 'title' | 'type' | 'service' | 'consumer'>, s: Shape, n: Float64Array, at: number, opened: number): ReportedClock {
  const stopped = n[at + STOPPED]!;
  const breached = n[at + BREACHED]!;
  const due = n[at + DUE]!;
  return {
    ticket: t.ticket,
    title: t.title,
    type: t.type,
    service: t.service,
    consumer: t.consumer,
    sla: s.sla,
    slaVersion: s.slaVersion,
    selectedBy: s.selectedBy,
    calendar: s.calendar,
    calendarBy: s.calendarBy,
    assignmentGroup: s.assignmentGroup,
    metric: s.metric,
    priority: s.priority,
    state: s.state,
    warning: s.warning,
    within: s.within,
    targetMs: s.targetMs,
    objective: s.objective,
    targetSince: s.targetSince,
    elapsedMs: n[at + ELAPSED]!,
    pausedMs: n[at + PAUSED]!,
    startedAt: n[at + STARTED]! + opened,
    stoppedAt: Number.isNaN(stopped) ? null : stopped + opened,
    breachedAt: Number.isNaN(breached) ? null : breached + opened,
    dueAt: Number.isNaN(due) ? null : due + opened,
    cycles: s.cycles,
    anyCycleBreached: s.anyCycleBreached,
  };
}

type Shape = Pick<
  ReportedClock,
  'sla' | 'slaVersion' | 'selectedBy' | 'calendar' | 'calendarBy' | 'assignmentGroup' | 'metric' | 'priority' | 'state' | 'warning' | 'within' | 'targetMs' | 'objective' | 'targetSince' | 'cycles' | 'anyCycleBreached'
>;

function shapeOf(r: ReportedClock): string {
  const shape: Shape = {
    sla: r.sla,
    slaVersion: r.slaVersion,
    selectedBy: r.selectedBy,
    calendar: r.calendar,
    calendarBy: r.calendarBy,
    assignmentGroup: r.assignmentGroup,
    metric: r.metric,
    priority: r.priority,
    state: r.state,
    warning: r.warning,
    within: r.within,
    targetMs: r.targetMs,
    objective: r.objective,
    targetSince: r.targetSince,
    cycles: r.cycles,
    anyCycleBreached: r.anyCycleBreached,
  };
  return JSON.stringify(shape);
}

function parseShape(text: string): Shape {
  return JSON.parse(text) as Shape;
}

/** The latest instant a ticket holds: its opening, or its latest event. */
function latestInstant(doc: TicketDocument, context: MeasureContext): number {
  const parsed = context.instantsOf(doc);
  let latest = parsed ? parsed.opened : Date.parse(doc.spec.opened);
  const timeline = doc.spec.timeline ?? [];
  for (let i = 0; i < timeline.length; i++) {
    const at = parsed ? parsed.eventAt[parsed.first + i]! : Date.parse(timeline[i]!.at);
    // An instant that does not parse (NaN) would compare false with everything: such a ticket is never settled.
    if (!(at <= latest)) latest = Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
  }
  return Number.isNaN(latest) ? Number.POSITIVE_INFINITY : latest;
}
