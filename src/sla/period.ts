import { isInstant, isLocalDate } from '../model/primitives.js';
import { localDateOf, startOfLocalDay } from '../time/index.js';

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

/**
 * Turns `--period 2026-10`, `--period 2026-Q4`, `--period 2026` or `--from/--to` into instants. Months, quarters
 * and dates are read in `timeZone` (the organisation's), so "October" starts at local midnight on 1 October, not at
 * UTC midnight. `--from`/`--to` take a date (local midnight) or an instant; `--to` is exclusive.
 * Returns an error message rather than throwing: the CLI turns it into a usage error.
 */
export function resolvePeriod(input: PeriodInput, timeZone: string, now: number): Period | { error: string } {
  if (input.period !== undefined && (input.from !== undefined || input.to !== undefined)) {
    return { error: 'use either --period or --from/--to, not both' };
  }
  if (input.period !== undefined) {
    const range = periodDates(input.period);
    if (!range) return { error: `--period: expected a month (2026-10), a quarter (2026-Q4) or a year (2026) but found "${input.period}"` };
    return { label: range.label, fromDate: range.from, toDate: range.to, from: startOfLocalDay(timeZone, range.from), to: startOfLocalDay(timeZone, range.to) };
  }
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined) return { error: '--from and --to go together' };
    const from = boundary(input.from, timeZone);
    const to = boundary(input.to, timeZone);
    if (from === undefined) return { error: `--from: expected a date (2026-10-01) or an instant (2026-10-01T00:00:00Z) but found "${input.from}"` };
    if (to === undefined) return { error: `--to: expected a date (2026-11-01) or an instant but found "${input.to}"` };
    if (to <= from) return { error: '--to must be after --from (the period is [from, to), to excluded)' };
    const period: Period = { label: `${input.from} – ${input.to}`, from, to };
    if (isLocalDate(input.from)) period.fromDate = input.from;
    if (isLocalDate(input.to)) period.toDate = input.to;
    return period;
  }
  // No period given: the current month in the organisation's zone, the question asked most often.
  const range = periodDates(localDateOf(timeZone, now).slice(0, 7))!;
  return { label: range.label, fromDate: range.from, toDate: range.to, from: startOfLocalDay(timeZone, range.from), to: startOfLocalDay(timeZone, range.to) };
}

function boundary(value: string, timeZone: string): number | undefined {
  if (isLocalDate(value)) return startOfLocalDay(timeZone, value);
  if (isInstant(value)) return Date.parse(value);
  return undefined;
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
  let cursor = localMonthOf(period.from, timeZone);
  for (let guard = 0; guard < 1200; guard++) {
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
