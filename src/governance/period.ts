import { startOfLocalDay } from '../time/index.js';
import { relativePeriodLabel, resolvePeriod, type Period } from '../sla/period.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The period whose compliance `itsm diff` compares. By default the last three full months before `now`, in the
 * organisation's zone (on 2026-12-06 in New York: 2026-09..2026-11): long enough for a change to show in the figures,
 * recent enough to be the figures people read. Besides every form `sla report --period` takes, a range of months
 * `2026-09..2026-11` (both included) is accepted, which is how the default is labelled.
 */
export function impactPeriod(value: string | undefined, timeZone: string, now: number): Period | { error: string } {
  if (value === undefined) {
    const last = relativePeriodLabel('last-month', timeZone, now);
    return monthRange(addMonths(last, -2), last, timeZone);
  }
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const [, first, last] = range as unknown as [string, string, string];
    if (!MONTH.test(first) || !MONTH.test(last)) return { error: `--period: a range of months is written 2026-09..2026-11 but found "${value}"` };
    if (last < first) return { error: `--period: ${value} ends before it starts` };
    return monthRange(first, last, timeZone);
  }
  return resolvePeriod({ period: value }, timeZone, now);
}

/** The month chargeback is compared for: `--month YYYY-MM`, by default the last full month before `now`, locally. */
export function impactMonth(value: string | undefined, timeZone: string, now: number): string | { error: string } {
  if (value === undefined) return relativePeriodLabel('last-month', timeZone, now);
  return MONTH.test(value) ? value : { error: `--month: expected a month (2026-11) but found "${value}"` };
}

function monthRange(first: string, last: string, timeZone: string): Period | { error: string } {
  const fromDate = `${first}-01`;
  const toDate = `${addMonths(last, 1)}-01`;
  const checked = resolvePeriod({ from: fromDate, to: toDate }, timeZone, 0);
  if ('error' in checked) return { error: checked.error.replace(/^--(from|to)/, '--period') };
  return { label: `${first}..${last}`, from: startOfLocalDay(timeZone, fromDate), to: startOfLocalDay(timeZone, toDate), fromDate, toDate };
}

function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

