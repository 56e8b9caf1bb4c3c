import type { Entity } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import { outagesAndMaintenance, type OutagesAndMaintenance } from './availability.js';
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
interface KeptColumns {
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
 * The place of each ticket of the repository in a kept measurement: its position among the settled tickets (whose
 * clocks are kept), or, as -1 - i, the i-th of the tickets measured again at every run.
 */
export interface KeptClocks {
  columns: KeptColumns;
  order: Int32Array;
  /** The tickets measured again at every run, in repository order. */
  remeasured: Entity<TicketDocument>[];
  /** The latest instant in any settled ticket: the kept clocks are those of any measurement instant after it. */
  settledUntil: number;
  /** Every ticket's outages and maintenance windows, which availability is measured from. */
  outages: OutagesAndMaintenance;
}

/**
 * The settled clocks of an earlier measurement that a new one may take over (kept-clocks-cache.ts decides which): for
 * each ticket of the new measurement, its place among `columns`' settled tickets, or -1 to measure it.
 */
export interface CarriedClocks {
  columns: KeptColumns;
  places: Int32Array;
}

/**
 * Measures every ticket of `tickets` as of `asOf` and keeps what a later report can reuse. A ticket that `carried`
 * places among earlier settled clocks, and whose every instant is before `asOf`, is copied from there instead of
 * measured: its clocks are those of any instant after its last (below).
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
export function keepClocks(tickets: readonly Entity<TicketDocument>[], context: MeasureContext, asOf: number, carried?: CarriedClocks): KeptClocks {
  return keepCarriedClocks(tickets, context, asOf, carried, outagesAndMaintenance(tickets, context.categoryOf));
}

/**
 * keepClocks for tickets of which some are not at hand (undefined): each of those must be one that `carried` places
 * among settled clocks from before `asOf`, and `outages` are every ticket's outages and maintenance windows, found
 * elsewhere (kept-clocks-cache.ts keeps them per ticket file). Throws if a ticket not at hand cannot be carried: the
 * caller checks that first (carriedBefore).
 */
export function keepCarriedClocks(
  tickets: readonly (Entity<TicketDocument> | undefined)[],
  context: MeasureContext,
  asOf: number,
  carried: CarriedClocks | undefined,
  outages: OutagesAndMaintenance,
): KeptClocks {
  const strings = new ValueCodes<string>();
  const shapes = new ValueCodes<string>();
  const ticketStrings: number[] = [];
  const ticketTimes: number[] = [];
  const firstClock: number[] = [];
  const clockShape: number[] = [];
  let numbers = new Float64Array(KEPT_NUMBERS * 4096);
  let clocks = 0;
  const order = new Int32Array(tickets.length);
  const remeasured: Entity<TicketDocument>[] = [];
  let settledUntil = Number.NEGATIVE_INFINITY;
  const grow = (needed: number) => {
    if (needed * KEPT_NUMBERS <= numbers.length) return;
    const grown = new Float64Array(Math.max(numbers.length * 2, needed * KEPT_NUMBERS));
    grown.set(numbers);
    numbers = grown;
  };
  // The carried tables start the new ones, so a carried ticket's codes stand as they are: carrying a year of tickets
  // is copying numbers. (Strings that no ticket names any more stay in the table until more than half of it is
  // unused: withoutUnused.)
  for (const string of carried?.columns.strings ?? []) strings.code(string);
  for (const shape of carried?.columns.shapes ?? []) shapes.code(shape);
  tickets.forEach((entity, t) => {
    const from = carried?.places[t] ?? -1;
    if (from >= 0 && carried!.columns.ticketTimes[from * 2 + 1]! < asOf) {
      const c = carried!.columns;
      const latest = c.ticketTimes[from * 2 + 1]!;
      order[t] = firstClock.length;
      settledUntil = Math.max(settledUntil, latest);
      for (let k = 0; k < 5; k++) ticketStrings.push(c.ticketStrings[from * 5 + k]!);
      ticketTimes.push(c.ticketTimes[from * 2]!, latest);
      firstClock.push(clocks);
      const first = c.firstClock[from]!;
      const count = c.firstClock[from + 1]! - first;
      grow(clocks + count);
      numbers.set(c.numbers.subarray(first * KEPT_NUMBERS, (first + count) * KEPT_NUMBERS), clocks * KEPT_NUMBERS);
      for (let i = first; i < first + count; i++) clockShape.push(c.clockShape[i]!);
      clocks += count;
      return;
    }
    if (entity === undefined) throw new Error(`ticket ${t} is not at hand and cannot be carried over`);
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
      grow(clocks + 1);
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
  const stringCodes = Int32Array.from(ticketStrings);
  const shapeCodes = Uint32Array.from(clockShape);
  return {
    columns: {
      strings: withoutUnused(strings.list, stringCodes),
      ticketStrings: stringCodes,
      ticketTimes: Float64Array.from(ticketTimes),
      firstClock: Uint32Array.from(firstClock),
      clockShape: shapeCodes,
      numbers: numbers.slice(0, clocks * KEPT_NUMBERS),
      shapes: withoutUnused(shapes.list, shapeCodes),
    },
    order,
    remeasured,
    settledUntil,
    outages,
  };
}

/**
 * `table` without the values no code in `codes` points at any more (-1 is no value), and `codes` renumbered to match,
 * once more than half the table is unused: carried tables (above) keep the strings of edited tickets until then.
 */
function withoutUnused<T>(table: T[], codes: Int32Array | Uint32Array): T[] {
  const used = new Uint8Array(table.length);
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code >= 0 && used[code] === 0) {
      used[code] = 1;
      count++;
    }
  }
  if (count * 2 >= table.length) return table;
  const renumbered = new Int32Array(table.length);
  const kept: T[] = [];
  for (let code = 0; code < table.length; code++) {
    if (used[code] === 1) {
      renumbered[code] = kept.length;
      kept.push(table[code]!);
    }
  }
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = renumbered[codes[i]!]!;
  return kept;
}

/** Whether `carried` places the settled ticket at `place` before `asOf`: a ticket keepCarriedClocks may leave out. */
export function carriedBefore(carried: CarriedClocks, place: number, asOf: number): boolean {
  return place >= 0 && place < carried.columns.firstClock.length - 1 && carried.columns.ticketTimes[place * 2 + 1]! < asOf;
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
  const c = kept.columns;
  const shapes = c.shapes.map(parseShape);
  const text = (i: number): string => c.strings[i]!;
  for (const place of kept.order) {
    if (place < 0) {
      yield measuredTicket(kept.remeasured[-1 - place]!.doc, context, asOf);
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
