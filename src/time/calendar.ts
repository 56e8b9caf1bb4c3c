import { WEEKDAYS } from '../model/weekdays.js';
import type { CalendarSpec, Holiday, Weekday, WeeklyHours } from '../model/calendar.js';
import {
  dayNumberOf,
  instantsOfLocalInterval,
  isoWeekdayIndex,
  localDayNumberOf,
  zoneOffsets,
} from './zone.js';
import type { Span, ZoneOffsets } from './zone.js';

export const MINUTES_PER_DAY = 24 * 60;

/** A working interval of a local day, in minutes since local midnight: [from, to) with 0 ≤ from < to ≤ 1440. */
export interface LocalInterval {
  readonly from: number;
  readonly to: number;
}

const WORKING_INTERVAL_RE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Reads "HH:MM-HH:MM" (end exclusive, "24:00" allowed as the end). Undefined when the text is not such an interval
 * or when it is empty or backwards ("17:00-09:00"): validation uses this to reject those, since a night shift must be
 * written as two intervals on two days ("22:00-24:00" and "00:00-06:00").
 */
export function parseWorkingInterval(text: string): LocalInterval | undefined {
  const m = WORKING_INTERVAL_RE.exec(text);
  if (!m) return undefined;
  const [fromH, fromM, toH, toM] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (fromH > 23 || fromM > 59 || toM > 59 || toH > 24 || (toH === 24 && toM !== 0)) return undefined;
  const from = fromH * 60 + fromM;
  const to = toH * 60 + toM;
  return from < to ? { from, to } : undefined;
}

/** Sorted, with overlapping or touching intervals merged: working time is a set of instants, never counted twice. */
function normalise(intervals: readonly LocalInterval[]): LocalInterval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const merged: LocalInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && interval.from <= last.to) {
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, interval.to) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

function parseDayHours(hours: readonly string[] | undefined, where: string): LocalInterval[] {
  return normalise(
    (hours ?? []).map((text) => {
      const interval = parseWorkingInterval(text);
      if (interval === undefined) {
        throw new RangeError(`${where}: "${text}" is not a working interval "HH:MM-HH:MM" starting before it ends`);
      }
      return interval;
    }),
  );
}

/** Which rule decides a local date's working intervals (the first that applies, in this order). */
export type DayRule =
  | { readonly kind: 'special-day'; readonly name: string; readonly intervals: readonly LocalInterval[] }
  | { readonly kind: 'holiday'; readonly name: string; readonly intervals: readonly LocalInterval[] }
  | { readonly kind: 'weekday'; readonly weekday: Weekday; readonly intervals: readonly LocalInterval[] };

/** The working week from one local day on: intervals per weekday, Monday first (the order of `WEEKDAYS`). */
export interface WeekVersion {
  /** First local day number on which this week applies (days since 1970-01-01; -Infinity for the base hours). */
  readonly fromDay: number;
  readonly weekly: readonly (readonly LocalInterval[])[];
  /** Nominal minutes of each working weekday when they are all equal (see `uniformDayLength`), else null. */
  readonly dayMinutes: number | null;
}

/** A calendar ready for arithmetic: intervals in minutes, dates in maps, and a cache of each local day's spans. */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** Working intervals per weekday of the base hours (`spec.hours`), Monday first (the order of `WEEKDAYS`). */
  readonly weekly: readonly (readonly LocalInterval[])[];
  /**
   * The base week and each dated version (`spec.versions`), sorted by `fromDay`, the base first: a day's weekday
   * hours are those of the last entry whose `fromDay` is not after it.
   */
  readonly weeks: readonly WeekVersion[];
  /** Holiday name by local day number (days since 1970-01-01; see `dayNumberOf`). */
  readonly holidays: ReadonlyMap<number, string>;
  /** Special days by local day number. */
  readonly specialDays: ReadonlyMap<number, { readonly name: string; readonly intervals: readonly LocalInterval[] }>;
  /** False when no weekday (of any version) and no special day has any working time: then no duration can ever elapse. */
  readonly hasAnyWorkingTime: boolean;
  readonly offsets: ZoneOffsets;
  /** Working spans per local day number; filled on demand (many tickets fall on the same days). */
  readonly dayCache: Map<number, readonly Span[]>;
}

/** What a calendar takes from outside its own document. */
export interface CalendarExtras {
  /**
   * Holidays from its iCalendar file (`holidaysFrom`), after those of the document: a date the document lists itself
   * keeps the document's entry (and its name).
   */
  readonly holidays?: readonly Holiday[];
}

function compileWeek(hours: WeeklyHours, fromDay: number, where: string): WeekVersion {
  const weekly = WEEKDAYS.map((weekday) => parseDayHours(hours[weekday], `${where}.${weekday}`));
  const lengths = new Set(weekly.map(minutesOf).filter((minutes) => minutes > 0));
  const [length] = lengths;
  return { fromDay, weekly, dayMinutes: lengths.size === 1 && length !== undefined ? length : null };
}

function minutesOf(intervals: readonly LocalInterval[]): number {
  return intervals.reduce((sum, interval) => sum + interval.to - interval.from, 0);
}

/**
 * Compiles a calendar spec. Throws a RangeError for an unknown time zone or an interval that is not "HH:MM-HH:MM"
 * with start < end: validation rejects both first, so reaching this with them is a bug. When a date is listed twice
 * (as two holidays or two special days) the first entry wins; a special day overrides a holiday on the same date;
 * the document's holidays come before `extras.holidays`, so they win on a date both list. Versions are sorted by their
 * `from` date (validation rejects versions out of order; of two with the same date the later in the list applies).
 */
export function compileCalendar(spec: CalendarSpec, extras: CalendarExtras = {}): BusinessCalendar {
  const offsets = zoneOffsets(spec.timeZone);
  const base = compileWeek(spec.hours, -Infinity, 'hours');
  const versions = (spec.versions ?? [])
    .map((version, i) => compileWeek(version.hours, dayNumberOf(version.from), `versions[${i}].hours`))
    .sort((a, b) => a.fromDay - b.fromDay);
  const weeks = [base, ...versions];
  const holidays = new Map<number, string>();
  for (const holiday of [...(spec.holidays ?? []), ...(extras.holidays ?? [])]) {
    const day = dayNumberOf(holiday.date);
    if (!holidays.has(day)) holidays.set(day, holiday.name);
  }
  const specialDays = new Map<number, { name: string; intervals: LocalInterval[] }>();
  for (const special of spec.specialDays ?? []) {
    const day = dayNumberOf(special.date);
    if (!specialDays.has(day)) {
      specialDays.set(day, {
        name: special.name,
        intervals: parseDayHours(special.hours, `specialDays ${special.date}`),
      });
    }
  }
  const hasAnyWorkingTime =
    weeks.some((week) => week.weekly.some((intervals) => intervals.length > 0)) ||
    [...specialDays.values()].some((special) => special.intervals.length > 0);
  return {
    timeZone: spec.timeZone,
    weekly: base.weekly,
    weeks,
    holidays,
    specialDays,
    hasAnyWorkingTime,
    offsets,
    dayCache: new Map(),
  };
}

/** The week in force on local day number `day`: the last version starting on or before it (binary search). */
export function weekOfDay(cal: BusinessCalendar, day: number): WeekVersion {
  const weeks = cal.weeks;
  let low = 0;
  let high = weeks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (weeks[mid]!.fromDay <= day) low = mid;
    else high = mid - 1;
  }
  return weeks[low]!;
}

/**
 * The nominal minutes of one business day (`1bd`) on the local date of instant `ms`: the uniform working-day length
 * of the week version in force that day (see `uniformDayLength`), or null when its working days differ in length.
 */
export function businessDayMinutesAt(cal: BusinessCalendar, ms: number): number | null {
  return weekOfDay(cal, localDayNumberOf(cal.offsets, ms)).dayMinutes;
}

/** The rule for a local day number: its special day, else its holiday, else its weekday in the week then in force. */
export function ruleOfDay(cal: BusinessCalendar, day: number): DayRule {
  const special = cal.specialDays.get(day);
  if (special !== undefined) return { kind: 'special-day', name: special.name, intervals: special.intervals };
  const holiday = cal.holidays.get(day);
  if (holiday !== undefined) return { kind: 'holiday', name: holiday, intervals: [] };
  const index = isoWeekdayIndex(day);
  const weekly = cal.weeks.length === 1 ? cal.weekly : weekOfDay(cal, day).weekly;
  return { kind: 'weekday', weekday: WEEKDAYS[index]!, intervals: weekly[index] ?? [] };
}

const DAY_CACHE_LIMIT = 100_000;

/** The working instants of local day number `day`, as sorted disjoint UTC spans (cached). */
export function workingSpansOfDay(cal: BusinessCalendar, day: number): readonly Span[] {
  let spans = cal.dayCache.get(day);
  if (spans === undefined) {
    spans = mergeSpans(
      ruleOfDay(cal, day).intervals.flatMap((interval) =>
        instantsOfLocalInterval(cal.offsets, day, interval.from, interval.to),
      ),
    );
    if (cal.dayCache.size > DAY_CACHE_LIMIT) cal.dayCache.clear();
    cal.dayCache.set(day, spans);
  }
  return spans;
}

/** Sorts spans and merges those that overlap or touch. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { start: last.start, end: span.end };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

/**
 * The working time of one local date (YYYY-MM-DD) as sorted, disjoint UTC spans [start, end) in epoch ms: the
 * instants whose local date is that date and whose local time of day lies in one of the date's working intervals.
 */
export function workingIntervalsOfDay(cal: BusinessCalendar, localDate: string): readonly Span[] {
  return workingSpansOfDay(cal, dayNumberOf(localDate));
}


function weeklyMinutes(hours: WeeklyHours): number[] {
  return WEEKDAYS.map((weekday) => minutesOf(normalise((hours[weekday] ?? []).flatMap((text) => parseWorkingInterval(text) ?? []))));
}

/**
 * Whether a normal week of the calendar has any working time (holidays and special days aside). Validation rejects
 * calendars without: every clock on them would run forever. Intervals that do not parse are ignored here; validation
 * reports them on their own.
 */
export function hasWorkingTime(spec: CalendarSpec): boolean {
  return weeklyMinutes(spec.hours).some((minutes) => minutes > 0);
}

/**
 * The nominal minutes of work in each working weekday when every working weekday has the same length (9–17 Mon–Fri:
 * 480; 24x7: 1440), else null (or when no weekday has working time). This is the length of one business day (`bd`)
 * for SLA targets; validation rejects `bd` targets on calendars where it is null. Nominal: read on the wall clock, so
 * a 24x7 business day is 1440 minutes even on the 23- or 25-hour days of a DST change.
 */
export function uniformDayLength(spec: CalendarSpec): number | null {
  return uniformLengthOf(spec.hours);
}

function uniformLengthOf(hours: WeeklyHours): number | null {
  const lengths = new Set(weeklyMinutes(hours).filter((minutes) => minutes > 0));
  if (lengths.size !== 1) return null;
  const [length] = lengths;
  return length ?? null;
}

/**
 * Whether a `bd` duration has one meaning on this calendar at every date: the base hours and every version each have
 * working days of one length (the lengths of two versions may differ: a business day is sized by the version in force
 * when the clock starts, see `businessDayMinutesAt`).
 */
export function hasUniformDaysInEveryVersion(spec: CalendarSpec): boolean {
  return [spec.hours, ...(spec.versions ?? []).map((version) => version.hours)].every((hours) => uniformLengthOf(hours) !== null);
}
