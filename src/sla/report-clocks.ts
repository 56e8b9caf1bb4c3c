import type { ReportedClock } from './kept-clocks.js';
import type { ClockRecord } from './measure.js';
import type { ClockRow } from './report.js';
import { toClockRow, type ClockFields } from './rows.js';

/**
 * The clocks of an SLA report in the report's order: by ticket id, then agreement id, response before resolution,
 * then the order they were measured in. Each row is built when it is reached, so a format that prints a few rows
 * (the table's first breaches) builds only those, and one that prints them all (JSON, CSV) holds one piece at a time.
 */
export interface ClockRows extends Iterable<ClockRow> {
  readonly length: number;
  /** The clocks that breached and count in the period: how many, and the first `limit` of them in the report's order. */
  breaches(limit: number): { count: number; first: ClockRow[] };
}

/** A report's rows that are already built (a report written by hand, or read back from its JSON). */
export function clockRowsOf(rows: readonly ClockRow[]): ClockRows {
  return {
    length: rows.length,
    [Symbol.iterator]: () => rows[Symbol.iterator](),
    breaches(limit) {
      const breached = rows.filter(isCountedBreach);
      return { count: breached.length, first: breached.slice(0, limit) };
    },
  };
}

const isCountedBreach = (row: ClockRow): boolean => row.state === 'breached' && row.counted;

// Slots of a clock in `ClockColumns.numbers`; null instants are NaN.
const TARGET = 0;
const ELAPSED = 1;
const PAUSED = 2;
const STARTED = 3;
const STOPPED = 4;
const BREACHED = 5;
const DUE = 6;
const CYCLES = 7;
const NUMBERS = 8;

// Bits of a clock in `ClockColumns.flags`.
const WARNING = 1;
const ANY_CYCLE_BREACHED = 2;
const COUNTED = 4;

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * The clocks a report keeps, as columns: the figures in one typed array, the flags in another, and references to
 * strings the engine already holds (ids, targets, calendars), never copies of them. A ticket's own fields are kept
 * once per ticket. A year of 100,000 tickets is some 250,000 clocks: as row objects with their ISO strings they
 * were most of the report's memory and a sixth of its time, to print, in the default table, the first 50 breaches.
 */
export class ClockColumns implements ClockRows {
  // Per ticket with a kept clock.
  private readonly ticketIds: string[] = [];
  private readonly titles: string[] = [];
  private readonly types: ClockRecord['type'][] = [];
  private readonly services: string[] = [];
  private readonly consumers: (string | null)[] = [];
  // Per clock.
  private readonly ticketOf: number[] = [];
  private readonly slas: string[] = [];
  private readonly slaVersions: (string | null)[] = [];
  private readonly metrics: ClockRecord['metric'][] = [];
  private readonly priorities: string[] = [];
  private readonly states: ClockRecord['state'][] = [];
  private readonly withins: string[] = [];
  private readonly selectedBys: ClockRecord['selectedBy'][] = [];
  private readonly calendars: string[] = [];
  private readonly calendarBys: ClockRecord['calendarBy'][] = [];
  private readonly groups: (string | null)[] = [];
  private numbers = new Float64Array(NUMBERS * 1024);
  private flags = new Uint8Array(1024);
  private count = 0;
  private sorted: number[] | undefined;

  get length(): number {
    return this.count;
  }

  /** Keeps a clock; `counted` says whether it counts in the period's compliance. */
  push(r: ReportedClock, counted: boolean): void {
    const last = this.ticketIds.length - 1;
    // A ticket's clocks arrive together; comparing every field keeps two tickets that share an id apart.
    if (last < 0 || this.ticketIds[last] !== r.ticket || this.titles[last] !== r.title || this.types[last] !== r.type || this.services[last] !== r.service || this.consumers[last] !== r.consumer) {
      this.ticketIds.push(r.ticket);
      this.titles.push(r.title);
      this.types.push(r.type);
      this.services.push(r.service);
      this.consumers.push(r.consumer);
    }
    const i = this.count++;
    if (i === this.flags.length) this.grow();
    this.ticketOf.push(this.ticketIds.length - 1);
    this.slas.push(r.sla);
    this.slaVersions.push(r.slaVersion);
    this.metrics.push(r.metric);
    this.priorities.push(r.priority);
    this.states.push(r.state);
    this.withins.push(r.within);
    this.selectedBys.push(r.selectedBy);
    this.calendars.push(r.calendar);
    this.calendarBys.push(r.calendarBy);
    this.groups.push(r.assignmentGroup);
    const n = this.numbers;
    const at = i * NUMBERS;
    n[at + TARGET] = r.targetMs;
    n[at + ELAPSED] = r.elapsedMs;
    n[at + PAUSED] = r.pausedMs;
    n[at + STARTED] = r.startedAt;
    n[at + STOPPED] = r.stoppedAt ?? Number.NaN;
    n[at + BREACHED] = r.breachedAt ?? Number.NaN;
    n[at + DUE] = r.dueAt ?? Number.NaN;
    n[at + CYCLES] = r.cycles;
    this.flags[i] = (r.warning ? WARNING : 0) | (r.anyCycleBreached ? ANY_CYCLE_BREACHED : 0) | (counted ? COUNTED : 0);
    this.sorted = undefined;
  }

  *[Symbol.iterator](): Iterator<ClockRow> {
    for (const i of this.order()) yield this.row(i);
  }

  breaches(limit: number): { count: number; first: ClockRow[] } {
    const breached: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.states[i] === 'breached' && (this.flags[i]! & COUNTED) !== 0) breached.push(i);
    breached.sort(this.compare);
    return { count: breached.length, first: breached.slice(0, limit).map((i) => this.row(i)) };
  }

  private grow(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const flags = new Uint8Array(this.flags.length * 2);
    flags.set(this.flags);
    this.flags = flags;
  }

  /** The clocks' indices in the report's order, sorted once and kept. */
  private order(): number[] {
    if (this.sorted === undefined) {
      const indices = Array.from({ length: this.count }, (_, i) => i);
      this.sorted = indices.sort(this.compare);
    }
    return this.sorted;
  }

  /** Ticket id, agreement id, response before resolution, then the order measured (what a stable sort kept). */
  private readonly compare = (a: number, b: number): number => {
    const ta = this.ticketOf[a]!;
    const tb = this.ticketOf[b]!;
    if (ta !== tb) {
      const x = this.ticketIds[ta]!;
      const y = this.ticketIds[tb]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    const sa = this.slas[a]!;
    const sb = this.slas[b]!;
    if (sa !== sb) return sa < sb ? -1 : 1;
    const ma = this.metrics[a]!;
    const mb = this.metrics[b]!;
    if (ma !== mb) return ma < mb ? 1 : -1;
    return a - b;
  };

  /** The fields of the clock being built: filled for each row and copied into it, so building a row allocates only the row. */
  private readonly fields: ClockFields = {
    ticket: '',
    title: '',
    type: 'incident',
    service: '',
    consumer: null,
    sla: '',
    metric: 'response',
    priority: '',
    state: 'met',
    warning: false,
    within: '',
    targetMs: 0,
    elapsedMs: 0,
    pausedMs: 0,
    startedAt: 0,
    stoppedAt: null,
    breachedAt: null,
    dueAt: null,
    cycles: 0,
    anyCycleBreached: false,
    slaVersion: null,
    selectedBy: 'service',
    calendar: '',
    calendarBy: 'agreement',
    assignmentGroup: null,
  };

  private row(i: number): ClockRow {
    const f = this.fields;
    const t = this.ticketOf[i]!;
    const n = this.numbers;
    const at = i * NUMBERS;
    const flags = this.flags[i]!;
    f.ticket = this.ticketIds[t]!;
    f.title = this.titles[t]!;
    f.type = this.types[t]!;
    f.service = this.services[t]!;
    f.consumer = this.consumers[t] ?? null;
    f.sla = this.slas[i]!;
    f.metric = this.metrics[i]!;
    f.priority = this.priorities[i]!;
    f.state = this.states[i]!;
    f.warning = (flags & WARNING) !== 0;
    f.within = this.withins[i]!;
    f.targetMs = n[at + TARGET]!;
    f.elapsedMs = n[at + ELAPSED]!;
    f.pausedMs = n[at + PAUSED]!;
    f.startedAt = n[at + STARTED]!;
    f.stoppedAt = orNull(n[at + STOPPED]!);
    f.breachedAt = orNull(n[at + BREACHED]!);
    f.dueAt = orNull(n[at + DUE]!);
    f.cycles = n[at + CYCLES]!;
    f.anyCycleBreached = (flags & ANY_CYCLE_BREACHED) !== 0;
    f.slaVersion = this.slaVersions[i] ?? null;
    f.selectedBy = this.selectedBys[i]!;
    f.calendar = this.calendars[i]!;
    f.calendarBy = this.calendarBys[i]!;
    f.assignmentGroup = this.groups[i] ?? null;
    return toClockRow(f, (flags & COUNTED) !== 0);
  }
}
