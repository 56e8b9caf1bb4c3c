import type { Repository } from '../../model/repository.js';
import { ticketColumns } from '../../load/ticket-columns.js';
import { monthsOf, type Period } from '../../sla/period.js';
import { localDateOf, startOfLocalDay } from '../../time/index.js';

/** The month (YYYY-MM) after `month`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The month (YYYY-MM) an instant falls in, in `timeZone`. */
export function monthOf(timeZone: string, ms: number): string {
  return localDateOf(timeZone, ms).slice(0, 7);
}

/** The labels of the whole months a period is made of, or undefined when it starts or ends inside a month. */
export function wholeMonthsOf(period: Period, timeZone: string): string[] | undefined {
  const months = monthsOf(period, timeZone);
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return undefined;
  if (period.from !== startOfLocalDay(timeZone, `${first.label}-01`)) return undefined;
  if (period.to !== startOfLocalDay(timeZone, `${nextMonth(last.label)}-01`)) return undefined;
  return months.map((m) => m.label);
}

/**
 * The span one measurement of each side covers: every month the tickets cover (from the month of the first opening),
 * the compared period, and the month of `now`, whose clocks are running. One report over it, by month, gives the
 * period's compliance (its months added up), the running clocks and the months already reported.
 */
export function measuredSpan(head: Repository, period: Period, now: number): Period {
  const tz = head.config.timeZone;
  const { opened } = ticketColumns(head.tickets);
  let first = Number.POSITIVE_INFINITY;
  for (let i = 0; i < opened.length; i++) if (opened[i]! < first) first = opened[i]!;
  const from = Number.isFinite(first) ? Math.min(period.from, startOfLocalDay(tz, `${monthOf(tz, Math.min(first, now))}-01`)) : period.from;
  const to = Math.max(period.to, startOfLocalDay(tz, `${nextMonth(monthOf(tz, now))}-01`));
  return { label: 'impact', from, to };
}
