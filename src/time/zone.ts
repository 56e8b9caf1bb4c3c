/**
 * Time zones: UTC offsets, local dates and the instants of a local day, read from the runtime's IANA time zone
 * database through `Intl.DateTimeFormat` (no bundled tz data, so `itsm` agrees with the Node it runs on).
 *
 * Offsets are sampled on a fixed UTC grid and cached per zone; an offset change between two grid points is located
 * to the millisecond by bisection. Nothing here loops minute by minute.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/**
 * How far from its own UTC midnight a local day can lie. Every offset the tz database has ever used is within ±16h
 * (modern ones are −12h to +14h; the extremes are 19th-century local mean times of about ±15h), so every instant
 * whose local date is D lies within [D 00:00Z − 18h, D 24:00Z + 18h). 18h keeps that window aligned to the grid.
 */
export const LOCAL_DAY_REACH_MS = 18 * MS_PER_HOUR;

/**
 * Offsets are sampled every 6 hours of UTC. Offset changes between samples are found by bisection, so any number of
 * them is found unless some cancel out within one 6-hour step (A→B→A); no zone has ever done that: its changes are
 * months apart.
 */
const GRID_MS = 6 * MS_PER_HOUR;

/** The instants this module accepts: years 1000 to 9999, the years an ISO 8601 date writes with four digits. */
export const MIN_INSTANT = Date.UTC(1000, 0, 1);
export const MAX_INSTANT = Date.UTC(9999, 0, 1);

/** A half-open range of instants [start, end), in epoch milliseconds. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A stretch of time during which a zone keeps one UTC offset (`offset` in milliseconds, east of UTC positive). */
export interface OffsetPiece extends Span {
  readonly offset: number;
}

export function assertInstant(ms: number, what = 'instant'): void {
  if (!Number.isFinite(ms) || ms < MIN_INSTANT || ms > MAX_INSTANT) {
    throw new RangeError(`${what} ${ms} is not an epoch-millisecond instant between the years 1000 and 9999`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Local dates as day numbers (days since 1970-01-01), so that iterating days is integer arithmetic.

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number (days since 1970-01-01) of a date written YYYY-MM-DD; RangeError if it is not a real date. */
export function dayNumberOf(localDate: string): number {
  const m = LOCAL_DATE_RE.exec(localDate);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`expected a date written YYYY-MM-DD but found "${localDate}"`);
}

/** The date YYYY-MM-DD of a day number. */
export function localDateOfDayNumber(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) dayTexts.set(day, (text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)));
  return text;
}

// Each day's text is made once: the engine asks for the opening day of every ticket, and a year of 100,000 tickets
// has a few hundred days. At most one entry per day of the range itsm computes (about 84,000).
const dayTexts = new Map<number, string>();

/** The date `days` days after (or before, if negative) a date written YYYY-MM-DD. */
export function addLocalDays(localDate: string, days: number): string {
  return localDateOfDayNumber(dayNumberOf(localDate) + days);
}

/** 0 = Monday … 6 = Sunday (ISO 8601 order, the order of `WEEKDAYS`). Day 0, 1970-01-01, was a Thursday. */
export function isoWeekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------------------------
// Offsets.

/** Zones whose offset is always 0; they need no Intl calls. */
const ALWAYS_UTC = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu', 'Etc/GMT', 'GMT', 'Zulu']);

/** Caches are cleared past this many entries, so a long-running process scripting `itsm` cannot grow without bound. */
const CACHE_LIMIT = 200_000;

const WALL_CLOCK_RE = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The offsets of one IANA zone, with caches shared by every calendar in that zone. */
export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat | undefined;
  private readonly gridOffsets = new Map<number, number>();
  /** Per grid cell k, the offset changes in (k·GRID, (k+1)·GRID]: the instant from which each new offset holds. */
  private readonly cellChanges = new Map<number, readonly { at: number; offset: number }[]>();
  private readonly dayPieces = new Map<number, readonly OffsetPiece[]>();
  private readonly daySpans = new Map<number, readonly Span[]>();

  constructor(readonly zone: string) {
    this.format = ALWAYS_UTC.has(zone)
      ? undefined
      : // Throws a RangeError for a zone the runtime does not know. `h23` so that midnight is 00, never 24.
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        });
  }

  /** The offset at `ms`, straight from Intl: the zone's wall clock read as if it were UTC, minus the instant. */
  private exactOffset(ms: number): number {
    if (this.format === undefined) return 0;
    const m = WALL_CLOCK_RE.exec(this.format.format(ms));
    if (!m) throw new Error(`unexpected wall-clock format from Intl for ${this.zone}: ${this.format.format(ms)}`);
    const wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
    // Intl shows whole seconds; compare with the instant truncated the same way.
    return wall - Math.floor(ms / 1000) * 1000;
  }

  private gridOffset(k: number): number {
    let offset = this.gridOffsets.get(k);
    if (offset === undefined) {
      if (this.gridOffsets.size > CACHE_LIMIT) this.gridOffsets.clear();
      offset = this.exactOffset(k * GRID_MS);
      this.gridOffsets.set(k, offset);
    }
    return offset;
  }

  private changesInCell(k: number): readonly { at: number; offset: number }[] {
    let changes = this.cellChanges.get(k);
    if (changes === undefined) {
      if (this.cellChanges.size > CACHE_LIMIT) this.cellChanges.clear();
      const found: { at: number; offset: number }[] = [];
      this.bisect(k * GRID_MS, (k + 1) * GRID_MS, this.gridOffset(k), this.gridOffset(k + 1), found);
      this.cellChanges.set(k, found);
      changes = found;
    }
    return changes;
  }

  /** Appends, in order, the instants in (a, b] from which the offset changes, given the offsets at a and b. */
  private bisect(a: number, b: number, offsetA: number, offsetB: number, out: { at: number; offset: number }[]): void {
    if (offsetA === offsetB) return;
    if (b - a <= 1) {
      out.push({ at: b, offset: offsetB });
      return;
    }
    const mid = a + Math.floor((b - a) / 2);
    const offsetMid = this.exactOffset(mid);
    this.bisect(a, mid, offsetA, offsetMid, out);
    this.bisect(mid, b, offsetMid, offsetB, out);
  }

  /** The offset pieces covering [start, end); both must be multiples of the grid step. */
  private piecesOfGridRange(start: number, end: number): OffsetPiece[] {
    const pieces: OffsetPiece[] = [];
    let pieceStart = start;
    let offset = this.gridOffset(start / GRID_MS);
    for (let k = start / GRID_MS; k < end / GRID_MS; k++) {
      for (const change of this.changesInCell(k)) {
        if (change.at >= end) break;
        pieces.push({ start: pieceStart, end: change.at, offset });
        pieceStart = change.at;
        offset = change.offset;
      }
    }
    pieces.push({ start: pieceStart, end, offset });
    return pieces;
  }

  /**
   * The offset pieces covering the reach of local day `day` ([D 00:00Z − 18h, D 24:00Z + 18h)), which contains
   * every instant whose local date is that day. Usually one piece; two on a day the clocks change.
   */
  piecesOfLocalDay(day: number): readonly OffsetPiece[] {
    let pieces = this.dayPieces.get(day);
    if (pieces === undefined) {
      if (this.dayPieces.size > CACHE_LIMIT) this.dayPieces.clear();
      const midnight = day * MS_PER_DAY;
      pieces =
        this.format === undefined
          ? [{ start: midnight - LOCAL_DAY_REACH_MS, end: midnight + MS_PER_DAY + LOCAL_DAY_REACH_MS, offset: 0 }]
          : this.piecesOfGridRange(midnight - LOCAL_DAY_REACH_MS, midnight + MS_PER_DAY + LOCAL_DAY_REACH_MS);
      this.dayPieces.set(day, pieces);
    }
    return pieces;
  }

  /** Every instant whose local date is `day`, as sorted disjoint spans (cached): the local day itself. */
  spansOfLocalDay(day: number): readonly Span[] {
    let spans = this.daySpans.get(day);
    if (spans === undefined) {
      if (this.daySpans.size > CACHE_LIMIT) this.daySpans.clear();
      spans = instantsOfLocalInterval(this, day, 0, 24 * 60);
      this.daySpans.set(day, spans);
    }
    return spans;
  }

  /** The offset at `ms`, taken from the same cached pieces the day computations use, so both always agree. */
  offsetAt(ms: number): number {
    if (this.format === undefined) return 0;
    const pieces = this.piecesOfLocalDay(Math.floor(ms / MS_PER_DAY));
    for (const piece of pieces) {
      if (ms < piece.end) return piece.offset;
    }
    throw new Error(`no offset piece covers ${ms} in ${this.zone}`); // unreachable: the pieces cover the day's reach
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offset tables of a zone; RangeError for a zone the runtime's time zone database does not know. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = zones.get(zone);
  if (offsets === undefined) {
    offsets = new ZoneOffsets(zone);
    zones.set(zone, offsets);
  }
  return offsets;
}


/**
 * The instants whose local date is `day` and whose local time of day lies in [fromMinute, toMinute), as sorted,
 * disjoint spans. Each offset piece maps the local interval back to UTC with its own offset, which is what makes a
 * skipped hour vanish and a repeated hour count twice.
 */
export function instantsOfLocalInterval(
  offsets: ZoneOffsets,
  day: number,
  fromMinute: number,
  toMinute: number,
): Span[] {
  const wallFrom = day * MS_PER_DAY + fromMinute * MS_PER_MINUTE;
  const wallTo = day * MS_PER_DAY + toMinute * MS_PER_MINUTE;
  const spans: Span[] = [];
  for (const piece of offsets.piecesOfLocalDay(day)) {
    const start = Math.max(piece.start, wallFrom - piece.offset);
    const end = Math.min(piece.end, wallTo - piece.offset);
    if (start < end) spans.push({ start, end });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------------------------
// Public helpers.

/** The UTC offset of `zone` at `ms` in milliseconds, east of UTC positive (Europe/Berlin in winter: 3600000). */
export function utcOffsetAt(zone: string, ms: number): number {
  assertInstant(ms);
  return zoneOffsets(zone).offsetAt(ms);
}

/** The day number of the local date of instant `ms` in `zone`. */
export function localDayNumberOf(offsets: ZoneOffsets, ms: number): number {
  return Math.floor((ms + offsets.offsetAt(ms)) / MS_PER_DAY);
}

/** The local date (YYYY-MM-DD) of instant `ms` in `zone`. */
export function localDateOf(zone: string, ms: number): string {
  assertInstant(ms);
  return localDateOfDayNumber(localDayNumberOf(zoneOffsets(zone), ms));
}

/**
 * The first instant at which the clocks of `zone` read `localDate` 00:00 or later: the start of that local day,
 * whether or not midnight itself exists that day (where a zone springs forward at midnight the day starts at 01:00).
 * Report periods are ranges of these: October 2026 in America/New_York is
 * [startOfLocalDay(zone, '2026-10-01'), startOfLocalDay(zone, '2026-11-01')).
 */
export function startOfLocalDay(zone: string, localDate: string): number {
  const day = dayNumberOf(localDate);
  const midnight = day * MS_PER_DAY;
  for (const piece of zoneOffsets(zone).piecesOfLocalDay(day)) {
    // Within a piece the local clock runs with the instant, so the first instant reading ≥ midnight is this one.
    const start = Math.max(piece.start, midnight - piece.offset);
    if (start < piece.end) return start;
  }
  // Unreachable: the last piece ends 18h after UTC midnight at the end of the day, when every zone is past midnight.
  throw new Error(`no start found for ${localDate} in ${zone}`);
}

/** The wall-clock date and time of instant `ms` in `zone` with its offset, e.g. "2026-11-01T01:30:00-05:00". */
export function formatInstant(zone: string, ms: number): string {
  assertInstant(ms);
  const offset = zoneOffsets(zone).offsetAt(ms);
  const wall = new Date(ms + offset).toISOString(); // "2026-11-01T01:30:00.000Z"
  const fraction = wall.slice(19, 23) === '.000' ? '' : wall.slice(19, 23);
  return wall.slice(0, 19) + fraction + formatOffset(offset);
}

function formatOffset(offset: number): string {
  if (offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const totalSeconds = Math.abs(Math.round(offset / 1000));
  const hh = String(Math.floor(totalSeconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0');
  const ss = totalSeconds % 60;
  // ISO 8601 has no seconds in offsets; they occur only in 19th-century local mean time, written as Intl does.
  return `${sign}${hh}:${mm}${ss === 0 ? '' : `:${String(ss).padStart(2, '0')}`}`;
}
