import { isInstant, isLocalDate } from '../model/instant-text.js';
import { localDateOf, startOfLocalDay } from '../time/index.js';
import { dateOutOfRange, instantOutOfRange, isDateInRange, isInstantInRange, RANGE_TEXT } from '../time/range.js';

/** A half-open reporting interval [from, to) of instants, with the label a reader knows it by. */
export interface Period {
  label: string;
  from: number;
  to: number;
  /** The local dates that bound it in the organisation's time zone (to is exclusive). */
  fromDate?: string;
  toDate?: string;
}

export interface PeriodInput {
  period?: string;
  from?: string;
  to?: string;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/i;
const YEAR_RE = /^(\d{4})$/;

/** The periods named relative to now, in the organisation's zone: `--period last-month` in a monthly CI job. */
export const RELATIVE_PERIODS = ['this-month', 'last-month', 'this-quarter', 'last-quarter', 'this-year', 'last-year'] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

const PERIOD_EXPECTED = `a month (2026-10), a quarter (2026-Q4), a year (2026) or a relative period (${RELATIVE_PERIODS.join(', ')})`;

/**
 * Turns `--period 2026-10`, `--period 2026-Q4`, `--period 2026`, `--period last-month` or `--from/--to` into instants.
 * Months, quarters, years and dates are read in `timeZone` (the organisation's), so "October" starts at local midnight
 * on 1 October, not at UTC midnight; `last-month` and the other relative periods are the month (quarter, year) before
 * the one that `now` falls in, locally. `--from`/`--to` take a date (local midnight) or an instant; `--to` is
 * exclusive. Everything must lie in the time itsm computes (src/time/range.ts).
 * Returns an error message rather than throwing: the CLI turns it into a usage error.
 */
export function resolvePeriod(input: PeriodInput, timeZone: string, now: number): Period | { error: string } {
  if (input.period !== undefined && (input.from !== undefined || input.to !== undefined)) {
    return { error: 'use either --period or --from/--to, not both' };
  }
  if (input.period !== undefined) {
    const relative = (RELATIVE_PERIODS as readonly string[]).includes(input.period);
    const label = relative ? relativePeriodLabel(input.period as RelativePeriod, timeZone, now) : input.period;
    const range = periodDates(label);
    if (!range) return { error: `--period: expected ${PERIOD_EXPECTED} but found "${input.period}"` };
    if (!isDateInRange(range.from) || !isDateInRange(range.to, true)) {
      const named = relative ? `${input.period} (${range.label})` : range.label;
      return { error: `--period: ${named} is outside the time itsm computes (${RANGE_TEXT})` };
    }
    return { label: range.label, fromDate: range.from, toDate: range.to, from: startOfLocalDay(timeZone, range.from), to: startOfLocalDay(timeZone, range.to) };
  }
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined) return { error: '--from and --to go together' };
    const fromArgument = parseTimeArgument('--from', input.from, 'a date (2026-10-01) or an instant (2026-10-01T00:00:00Z)');
    if ('error' in fromArgument) return fromArgument;
    const toArgument = parseTimeArgument('--to', input.to, 'a date (2026-11-01) or an instant');
    if ('error' in toArgument) return toArgument;
    const from = instantOf(fromArgument, timeZone);
    const to = instantOf(toArgument, timeZone);
    if (to <= from) return { error: '--to must be after --from (the period is [from, to), to excluded)' };
    const period: Period = { label: `${input.from} – ${input.to}`, from, to };
    if ('date' in fromArgument) period.fromDate = fromArgument.date;
    if ('date' in toArgument) period.toDate = toArgument.date;
    return period;
  }
  // No period given: the current month in the organisation's zone, the question asked most often.
  return resolvePeriod({ period: 'this-month' }, timeZone, now);
}

/** A point in time as `--now`, `--from` and `--to` take it: an instant, or a date meaning its local midnight. */
export type TimeArgument = { instant: number } | { date: string };

/**
 * Reads an option that takes an instant or a date, refusing what is neither and what lies outside the time itsm
 * computes. The end of that range is accepted too: these options are the exclusive end of a period, or the instant
 * figures are measured at (`--now 2200-01-01T00:00:00Z` measures the last instant that data may hold).
 * `expected` says what the option takes, for the message.
 */
export function parseTimeArgument(flag: string, value: string, expected: string): TimeArgument | { error: string } {
  if (isInstant(value)) {
    const ms = Date.parse(value);
    if (!isInstantInRange(ms, true)) return { error: `${flag}: ${value} ${instantOutOfRange(ms, true)} (${RANGE_TEXT})` };
    return { instant: ms };
  }
  if (isLocalDate(value)) {
    if (!isDateInRange(value, true)) return { error: `${flag}: ${value} ${dateOutOfRange(value, true)} (${RANGE_TEXT})` };
    return { date: value };
  }
  return { error: `${flag}: expected ${expected} but found "${value}"` };
}

/** The instant of a time argument: a date is the start of that local day in `timeZone`. */
export function instantOf(argument: TimeArgument, timeZone: string): number {
  return 'instant' in argument ? argument.instant : startOfLocalDay(timeZone, argument.date);
}

/**
 * The month, quarter or year label that a relative period names, as of `now` in `timeZone`: at 2026-03-01T03:00:00Z
 * it is still February in New York, so `this-month` is 2026-02 and `last-quarter` is 2025-Q4.
 */
export function relativePeriodLabel(relative: RelativePeriod, timeZone: string, now: number): string {
  const today = localDateOf(timeZone, now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3) + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (relative) {
    case 'this-month':
      return `${year}-${pad(month)}`;
    case 'last-month':
      return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
    case 'this-quarter':
      return `${year}-Q${quarter}`;
    case 'last-quarter':
      return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
    case 'this-year':
      return String(year);
    case 'last-year':
      return String(year - 1);
  }
}

/** The local dates [from, to) of a month, quarter or year label. */
export function periodDates(label: string): { label: string; from: string; to: string } | undefined {
  let m = MONTH_RE.exec(label);
  if (m) {
    const from = `${m[1]}-${m[2]}-01`;
    return { label, from, to: nextMonth(from, 1) };
  }
  m = QUARTER_RE.exec(label);
  if (m) {
    const month = (Number(m[2]) - 1) * 3 + 1;
    const from = `${m[1]}-${String(month).padStart(2, '0')}-01`;
    return { label: `${m[1]}-Q${m[2]}`, from, to: nextMonth(from, 3) };
  }
  m = YEAR_RE.exec(label);
  if (m) return { label, from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
  return undefined;
}

function nextMonth(firstOfMonth: string, months: number): string {
  const year = Number(firstOfMonth.slice(0, 4));
  const month = Number(firstOfMonth.slice(5, 7)) - 1 + months;
  return `${year + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** The calendar months (YYYY-MM, in `timeZone`) that overlap the period, in order. */
export function monthsOf(period: Period, timeZone: string): Array<{ label: string; from: number; to: number }> {
  const months: Array<{ label: string; from: number; to: number }> = [];
  // No cap on the number of months (one used to stop at 1,200 and cut a longer period short without a word): the
  // options keep a period within the time itsm computes, 2,760 months at most.
  if (!Number.isFinite(period.from) || !Number.isFinite(period.to)) throw new RangeError(`the period [${period.from}, ${period.to}) is not finite`);
  let cursor = localMonthOf(period.from, timeZone);
  for (;;) {
    const from = startOfLocalDay(timeZone, `${cursor}-01`);
    if (from >= period.to) break;
    const nextLabel = nextMonth(`${cursor}-01`, 1).slice(0, 7);
    const to = startOfLocalDay(timeZone, `${nextLabel}-01`);
    months.push({ label: cursor, from: Math.max(from, period.from), to: Math.min(to, period.to) });
    cursor = nextLabel;
  }
  return months;
}

/** Windows of an availability target (month, quarter or year) that overlap the period, clipped to it. */
export function windowsOf(period: Period, window: 'month' | 'quarter' | 'year', timeZone: string): Array<{ label: string; from: number; to: number }> {
  const months = monthsOf(period, timeZone);
  const keyOf = (label: string) =>
    window === 'month' ? label : window === 'year' ? label.slice(0, 4) : `${label.slice(0, 4)}-Q${Math.floor((Number(label.slice(5, 7)) - 1) / 3) + 1}`;
  const windows: Array<{ label: string; from: number; to: number }> = [];
  for (const month of months) {
    const key = keyOf(month.label);
    const last = windows[windows.length - 1];
    if (last && last.label === key) last.to = month.to;
    else windows.push({ label: key, from: month.from, to: month.to });
  }
  return windows;
}

function localMonthOf(ms: number, timeZone: string): string {
  return localDateOf(timeZone, ms).slice(0, 7);
}
