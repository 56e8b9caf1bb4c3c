import type { IncidentCategory } from '../problem/category.js';
import type { RecurrenceRow, RecurrenceSection, Trend } from './types.js';

export const RECURRENCE_TOP = 10;

interface Tally {
  service: string;
  category: string | null;
  /** Label categories come before title ones that read the same (problem suggest keeps them apart too). */
  from: IncidentCategory['from'] | null;
  incidents: number;
  months: Int32Array;
}

interface ServiceTally {
  total: Tally;
  /** By category, the label categories and the title ones apart (category.ts: `from` is part of the key). */
  labels: Map<string, Tally>;
  titles: Map<string, Tally>;
}

/**
 * The services, and service and category pairs, with the most incidents opened over the months (docs/review.md,
 * "Recurrence"); the caller leaves cancelled incidents out.
 */
export class RecurrenceTally {
  private readonly services = new Map<string, ServiceTally>();

  constructor(private readonly months: number) {}

  /** An incident of `service` with `category`, opened in month `m` (an index in the months). */
  add(m: number, service: string, category: IncidentCategory): void {
    let tally = this.services.get(service);
    if (tally === undefined) {
      tally = { total: this.tally(service, null, null), labels: new Map(), titles: new Map() };
      this.services.set(service, tally);
    }
    count(tally.total, m);
    const byCategory = category.from === 'label' ? tally.labels : tally.titles;
    let pair = byCategory.get(category.category);
    if (pair === undefined) {
      pair = this.tally(service, category.category, category.from);
      byCategory.set(category.category, pair);
    }
    count(pair, m);
  }

  section(): RecurrenceSection {
    const services = [...this.services.values()];
    const pairs = services.flatMap((s) => [...s.labels.values(), ...s.titles.values()]);
    return { services: this.top(services.map((s) => s.total)), categories: this.top(pairs) };
  }

  private tally(service: string, category: string | null, from: Tally['from']): Tally {
    return { service, category, from, incidents: 0, months: new Int32Array(this.months) };
  }

  private top(tallies: Tally[]): RecurrenceRow[] {
    return tallies
      .sort(byMostIncidents)
      .slice(0, RECURRENCE_TOP)
      .map((t) => {
        const months = [...t.months];
        return { service: t.service, category: t.category, incidents: t.incidents, months, trend: trendOf(months) };
      });
  }
}

function count(tally: Tally, m: number): void {
  tally.incidents++;
  tally.months[m]!++;
}

function byMostIncidents(a: Tally, b: Tally): number {
  return b.incidents - a.incidents || compare(a.service, b.service) || compare(a.category ?? '', b.category ?? '') || compare(a.from ?? '', b.from ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The incidents of the last k months against the k before, k = min(3, ⌊months ÷ 2⌋): rising when the later count is
 * higher by more than 10 % of the larger of the two, falling when lower by more than that, else steady (and steady
 * when k is 0). Compared in whole numbers (10 × difference against the larger) so that no rounding decides a trend.
 */
export function trendOf(months: readonly number[]): Trend {
  const k = Math.min(3, Math.floor(months.length / 2));
  if (k === 0) return 'steady';
  let later = 0;
  let earlier = 0;
  for (let i = months.length - k; i < months.length; i++) later += months[i]!;
  for (let i = months.length - 2 * k; i < months.length - k; i++) earlier += months[i]!;
  const larger = Math.max(later, earlier);
  if (10 * (later - earlier) > larger) return 'rising';
  if (10 * (earlier - later) > larger) return 'falling';
  return 'steady';
}
