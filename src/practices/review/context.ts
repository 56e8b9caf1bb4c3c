import type { StatusCategory } from '../../model/config.js';
import type { Repository } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { monthsOf, periodDates } from '../../sla/period.js';
import { localDateOf, startOfLocalDay } from '../../time/index.js';
import { ticketColumns } from '../../load/ticket-columns.js';

/** A calendar month as instants: [from, to). */
export interface MonthWindow {
  label: string;
  from: number;
  to: number;
}

/** What the review is narrowed to: ids, as the `--service`, `--consumer` and `--group` options give them. */
export interface ReviewFilters {
  service?: readonly string[];
  consumer?: readonly string[];
  /** Tickets whose last assignment group (as of asOf) is one of these; clocks whose assignment group is. */
  group?: readonly string[];
  /** Tickets whose priority as of asOf is one of these; clocks of these priorities (an improvement's `priority`). */
  priority?: readonly string[];
}

/** Figures built on fewer tickets or clocks than this are marked as such (docs/review.md, "Honest statistics"). */
export const MINIMUM_SAMPLE = 5;

/** Everything the sections of the review share: the months, the instant, the filters and the status categories. */
export interface ReviewContext {
  repository: Repository;
  /** The trend months, oldest first; the last is the reviewed month. */
  months: readonly MonthWindow[];
  /**
   * The month (YYYY-MM) of the repository's first ticket, whatever the filters; null when it has none. The trend
   * months begin there when it is later than `--months` would reach: months before any ticket was recorded are not
   * months without tickets, and drawn as zeros they would read as such.
   */
  recordsFrom: string | null;
  /** The month before the reviewed one (also `months[months.length - 2]` when there are two months or more). */
  previous: MonthWindow;
  /** The reviewed month a year earlier, for year-over-year comparisons. */
  yearAgo: MonthWindow;
  /** The measurement instant: the end of the reviewed month, or now when it has not ended. */
  asOf: number;
  filters: ReviewFilters;
  minimumSample: number;
  categoryOf: (status: string) => StatusCategory | undefined;
  /** The index in `months` of the month holding `ms`, or -1. */
  monthOf: (ms: number) => number;
}

export interface ReviewOptions {
  /** The reviewed month, YYYY-MM. */
  month: string;
  /** How many months the trends cover, ending with the reviewed one (default 12). */
  months?: number;
  /** The current time; the review is as of the end of the month, or of now when the month has not ended. */
  now: number;
  filters?: ReviewFilters;
}

export const DEFAULT_MONTHS = 12;

/** The month `offset` months after `label` (YYYY-MM), negative for before. */
export function shiftMonth(label: string, offset: number): string {
  const index = Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1 + offset;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthWindow(label: string, timeZone: string): MonthWindow {
  const dates = periodDates(label);
  if (dates === undefined) throw new RangeError(`"${label}" is not a month`);
  return { label, from: startOfLocalDay(timeZone, dates.from), to: startOfLocalDay(timeZone, dates.to) };
}

export function reviewContext(repository: Repository, options: ReviewOptions): ReviewContext {
  const timeZone = repository.config.timeZone;
  const count = options.months ?? DEFAULT_MONTHS;
  const recordsFrom = firstRecordedMonth(repository, timeZone);
  const earliest = shiftMonth(options.month, 1 - count);
  const start = recordsFrom === null || recordsFrom <= earliest ? earliest : recordsFrom < options.month ? recordsFrom : options.month;
  const first = monthWindow(start, timeZone);
  const period = monthWindow(options.month, timeZone);
  const months = monthsOf({ label: '', from: first.from, to: period.to }, timeZone);
  const categories = new Map(repository.config.statuses.map((s) => [s.id, s.category]));
  return {
    repository,
    months,
    recordsFrom,
    previous: monthWindow(shiftMonth(options.month, -1), timeZone),
    yearAgo: monthWindow(shiftMonth(options.month, -12), timeZone),
    asOf: Math.min(period.to, options.now),
    filters: options.filters ?? {},
    minimumSample: MINIMUM_SAMPLE,
    categoryOf: (status) => categories.get(status),
    monthOf: (ms) => {
      for (let i = 0; i < months.length; i++) if (ms >= months[i]!.from && ms < months[i]!.to) return i;
      return -1;
    },
  };
}

/** The local month in which the repository's first ticket was opened, or null when it has none. */
function firstRecordedMonth(repository: Repository, timeZone: string): string | null {
  const { opened } = ticketColumns(repository.tickets);
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < opened.length; i++) if (opened[i]! < min) min = opened[i]!;
  return Number.isFinite(min) ? localDateOf(timeZone, min).slice(0, 7) : null;
}

/** Whether a ticket is within the review's service and consumer filters (the group filter needs its history). */
export function inServiceAndConsumer(doc: TicketDocument, filters: ReviewFilters): boolean {
  if (filters.service !== undefined && !filters.service.includes(doc.spec.service)) return false;
  if (filters.consumer !== undefined && (doc.spec.consumer === undefined || !filters.consumer.includes(doc.spec.consumer))) return false;
  return true;
}
