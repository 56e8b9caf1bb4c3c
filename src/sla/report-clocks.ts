import type { ReportedClock } from './kept-clocks.js';
import type { ClockRecord } from './measure.js';
import type { ClockRow } from './report.js';
import { toClockRow, type ClockFields } from './rows.js';
import { ValueCodes } from './value-codes.js';

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

// Clocks are kept in chunks of CHUNK: a chunk is allocated once at its full size and never copied. Grown by doubling,
// as they were, the columns of a year of 1,000,000 tickets allocated some 880 MB of arrays to drop on the way
// (docs/performance.md, "What sla report holds while it measures").
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

// Slots of a clock in a chunk's `numbers`; null instants are NaN.
const TARGET = 0;
const ELAPSED = 1;
const PAUSED = 2;
const STARTED = 3;
const STOPPED = 4;
const BREACHED = 5;
const DUE = 6;
const CYCLES = 7;
const NUMBERS = 8;

// Slots of a clock in a chunk's `codes`: its ticket's index, then the index of each of its values in that field's `Values`.
const TICKET = 0;
const SLA = 1;
const SLA_VERSION = 2;
const METRIC = 3;
const PRIORITY = 4;
const STATE = 5;
const WITHIN = 6;
const SELECTED_BY = 7;
const CALENDAR = 8;
const CALENDAR_BY = 9;
const GROUP = 10;
const CODES = 11;

// Bits of a clock in a chunk's `flags`.
const WARNING = 1;
const ANY_CYCLE_BREACHED = 2;
const COUNTED = 4;

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The clocks CHUNK at a time. */
interface Chunk {
  numbers: Float64Array;
  codes: Uint32Array;
  flags: Uint8Array;
}

/** A list that grows a chunk at a time and never copies what it holds. */
class ChunkedList<T> {
  private readonly chunks: T[][] = [];
  length = 0;

  push(value: T): void {
    const c = this.length >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push([]);
    this.chunks[c]!.push(value);
    this.length++;
  }

  at(i: number): T {
    return this.chunks[i >>> CHUNK_BITS]![i & IN_CHUNK] as T;
  }
}

/**
 * The clocks a report keeps, as columns: the figures in typed arrays, and each string field as the index of its value
 * in a table of the values it takes (ids, targets, calendars: references to strings the engine already holds, never
 * copies of them). A ticket's own fields are kept once per ticket. A year of 100,000 tickets is some 250,000 clocks: as
 * row objects with their ISO strings they were most of the report's memory and a sixth of its time, to print, in the
 * default table, the first 50 breaches.
 */
export class ClockColumns implements ClockRows {
  // Per ticket with a kept clock.
  private readonly ticketIds = new ChunkedList<string>();
  private readonly titles = new ChunkedList<string>();
  private readonly types = new ChunkedList<ClockRecord['type']>();
  private readonly services = new ChunkedList<string>();
  private readonly consumers = new ChunkedList<string | null>();
  private last: { ticket: string; title: string; type: string; service: string; consumer: string | null } | undefined;
  // The values of the clocks' string fields.
  private readonly slas = new ValueCodes<string>();
  private readonly slaVersions = new ValueCodes<string | null>();
  private readonly metrics = new ValueCodes<ClockRecord['metric']>();
  private readonly priorities = new ValueCodes<string>();
  private readonly states = new ValueCodes<ClockRecord['state']>();
  private readonly withins = new ValueCodes<string>();
  private readonly selectedBys = new ValueCodes<ClockRecord['selectedBy']>();
  private readonly calendars = new ValueCodes<string>();
  private readonly calendarBys = new ValueCodes<ClockRecord['calendarBy']>();
  private readonly groups = new ValueCodes<string | null>();
  private readonly chunks: Chunk[] = [];
  private count = 0;
  private sorted: number[] | undefined;

  get length(): number {
    return this.count;
  }

  /** Keeps a clock; `counted` says whether it counts in the period's compliance. */
  push(r: ReportedClock, counted: boolean): void {
    const last = this.last;
    // A ticket's clocks arrive together; comparing every field keeps two tickets that share an id apart.
    if (last === undefined || last.ticket !== r.ticket || last.title !== r.title || last.type !== r.type || last.service !== r.service || last.consumer !== r.consumer) {
      this.ticketIds.push(r.ticket);
      this.titles.push(r.title);
      this.types.push(r.type);
      this.services.push(r.service);
      this.consumers.push(r.consumer);
      this.last = { ticket: r.ticket, title: r.title, type: r.type, service: r.service, consumer: r.consumer };
    }
    const i = this.count++;
    const slot = i & IN_CHUNK;
    if (slot === 0) this.chunks.push({ numbers: new Float64Array(CHUNK * NUMBERS), codes: new Uint32Array(CHUNK * CODES), flags: new Uint8Array(CHUNK) });
    const chunk = this.chunks[i >>> CHUNK_BITS]!;
    const c = chunk.codes;
    const k = slot * CODES;
    c[k + TICKET] = this.ticketIds.length - 1;
    c[k + SLA] = this.slas.code(r.sla);
    c[k + SLA_VERSION] = this.slaVersions.code(r.slaVersion);
    c[k + METRIC] = this.metrics.code(r.metric);
    c[k + PRIORITY] = this.priorities.code(r.priority);
    c[k + STATE] = this.states.code(r.state);
    c[k + WITHIN] = this.withins.code(r.within);
    c[k + SELECTED_BY] = this.selectedBys.code(r.selectedBy);
    c[k + CALENDAR] = this.calendars.code(r.calendar);
    c[k + CALENDAR_BY] = this.calendarBys.code(r.calendarBy);
    c[k + GROUP] = this.groups.code(r.assignmentGroup);
    const n = chunk.numbers;
    const at = slot * NUMBERS;
    n[at + TARGET] = r.targetMs;
    n[at + ELAPSED] = r.elapsedMs;
    n[at + PAUSED] = r.pausedMs;
    n[at + STARTED] = r.startedAt;
    n[at + STOPPED] = r.stoppedAt ?? Number.NaN;
    n[at + BREACHED] = r.breachedAt ?? Number.NaN;
    n[at + DUE] = r.dueAt ?? Number.NaN;
    n[at + CYCLES] = r.cycles;
    chunk.flags[slot] = (r.warning ? WARNING : 0) | (r.anyCycleBreached ? ANY_CYCLE_BREACHED : 0) | (counted ? COUNTED : 0);
    this.sorted = undefined;
  }

  *[Symbol.iterator](): Iterator<ClockRow> {
    for (const i of this.order()) yield this.row(i);
  }

  breaches(limit: number): { count: number; first: ClockRow[] } {
    const breached: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.states.at(this.code(i, STATE)) === 'breached' && (this.flagsOf(i) & COUNTED) !== 0) breached.push(i);
    breached.sort(this.compare);
    return { count: breached.length, first: breached.slice(0, limit).map((i) => this.row(i)) };
  }

  private code(i: number, field: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.codes[(i & IN_CHUNK) * CODES + field]!;
  }

  private flagsOf(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.flags[i & IN_CHUNK]!;
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
    const ta = this.code(a, TICKET);
    const tb = this.code(b, TICKET);
    if (ta !== tb) {
      const x = this.ticketIds.at(ta);
      const y = this.ticketIds.at(tb);
      if (x !== y) return x < y ? -1 : 1;
    }
    const sa = this.slas.at(this.code(a, SLA));
    const sb = this.slas.at(this.code(b, SLA));
    if (sa !== sb) return sa < sb ? -1 : 1;
    const ma = this.metrics.at(this.code(a, METRIC));
    const mb = this.metrics.at(this.code(b, METRIC));
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
    const chunk = this.chunks[i >>> CHUNK_BITS]!;
    const slot = i & IN_CHUNK;
    const c = chunk.codes;
    const k = slot * CODES;
    const n = chunk.numbers;
    const at = slot * NUMBERS;
    const flags = chunk.flags[slot]!;
    const t = c[k + TICKET]!;
    f.ticket = this.ticketIds.at(t);
    f.title = this.titles.at(t);
    f.type = this.types.at(t);
    f.service = this.services.at(t);
    f.consumer = this.consumers.at(t);
    f.sla = this.slas.at(c[k + SLA]!);
    f.metric = this.metrics.at(c[k + METRIC]!);
    f.priority = this.priorities.at(c[k + PRIORITY]!);
    f.state = this.states.at(c[k + STATE]!);
    f.warning = (flags & WARNING) !== 0;
    f.within = this.withins.at(c[k + WITHIN]!);
    f.targetMs = n[at + TARGET]!;
    f.elapsedMs = n[at + ELAPSED]!;
    f.pausedMs = n[at + PAUSED]!;
    f.startedAt = n[at + STARTED]!;
    f.stoppedAt = orNull(n[at + STOPPED]!);
    f.breachedAt = orNull(n[at + BREACHED]!);
    f.dueAt = orNull(n[at + DUE]!);
    f.cycles = n[at + CYCLES]!;
    f.anyCycleBreached = (flags & ANY_CYCLE_BREACHED) !== 0;
    f.slaVersion = this.slaVersions.at(c[k + SLA_VERSION]!);
    f.selectedBy = this.selectedBys.at(c[k + SELECTED_BY]!);
    f.calendar = this.calendars.at(c[k + CALENDAR]!);
    f.calendarBy = this.calendarBys.at(c[k + CALENDAR_BY]!);
    f.assignmentGroup = this.groups.at(c[k + GROUP]!);
    return toClockRow(f, (flags & COUNTED) !== 0);
  }
}
