import type { Repository } from '../model/repository.js';
import { TICKET_TYPES } from '../model/ticket-types.js';
import { localDayNumberOf, zoneOffsets } from '../time/zone.js';
import type { CompiledAgreement, CompiledTerms } from './agreements.js';
import type { Metric } from './clock.js';
import type { ReportedClock } from './kept-clocks.js';
import type { MonthlyRow, SlaReportOptions, SummaryRow } from './report.js';
import { minutes } from './rows.js';

export const percent = (met: number, breached: number): number | null => (met + breached === 0 ? null : Math.round((met / (met + breached)) * 100_000) / 1000);

/** A map per part of a key: finding a clock's row walks six small maps and builds no key string. */
type Level<V> = Map<string | null, V>;

function level<V>(map: Level<Level<V>>, key: string | null): Level<V> {
  let next = map.get(key);
  if (next === undefined) {
    next = new Map();
    map.set(key, next);
  }
  return next;
}

/** The months of the period, as `monthsOf` gives them. */
export type Months = ReadonlyArray<{ label: string; from: number; to: number }>;

/**
 * The summary of a report, counted clock by clock as the engine measures them: one row per agreement, target version,
 * metric, type, priority and (with `by`) group. Without `by`, every target of the period has a row, counted or not.
 */
export class SummaryTally {
  private readonly index: Level<Level<Level<Level<Level<Level<number>>>>>> = new Map();
  private readonly rows: SummaryRow[] = [];

  constructor(
    private readonly repository: Repository,
    private readonly agreements: ReadonlyMap<string, CompiledAgreement>,
    private readonly options: SlaReportOptions,
    private readonly months: Months,
    /** The agreements of the `service` filter's services, when it is given. */
    ofServices: ReadonlySet<string> | undefined,
  ) {
    const filters = options.filters ?? {};
    if (options.by !== undefined) return;
    const zone = zoneOffsets(repository.config.timeZone);
    const firstDay = localDayNumberOf(zone, options.period.from);
    const lastDay = localDayNumberOf(zone, options.period.to - 1);
    for (const agreement of agreements.values()) {
      if (filters.sla && !filters.sla.includes(agreement.id)) continue;
      if (ofServices && !ofServices.has(agreement.id)) continue;
      for (const terms of termsInPeriod(agreement, firstDay, lastDay)) {
        for (const t of terms.targets) {
          if (filters.type && !filters.type.includes(t.type)) continue;
          if (filters.priority && !filters.priority.includes(t.priority)) continue;
          this.put(emptyRow(agreement, t.since, t, null));
        }
      }
    }
  }

  /**
   * Counts a clock: in its target's compliance when `counted` (it stopped, or breached while running, in the period),
   * else as running. `month` is the index in `months` of the month it counts in, or -1.
   */
  add(r: ReportedClock, counted: boolean, month: number): void {
    const group = this.groupOf(r, month);
    const i = this.index.get(r.sla)?.get(r.targetSince)?.get(r.metric)?.get(r.type)?.get(r.priority)?.get(group);
    let s = i === undefined ? undefined : this.rows[i];
    if (s === undefined) {
      const agreement = this.agreements.get(r.sla)!;
      s = emptyRow(agreement, r.targetSince, { metric: r.metric, type: r.type, priority: r.priority, within: r.within, targetMs: r.targetMs, objective: r.objective }, group);
      this.put(s);
    }
    if (counted) {
      s.measured++;
      if (r.state === 'met') s.met++;
      else s.breached++;
    } else if (r.state === 'running') {
      s.running++;
      if (r.warning) s.warning++;
    }
  }

  /** The rows with their compliance, sorted by agreement, type, priority, metric (response first), group, version. */
  summary(): SummaryRow[] {
    const typeOrder = TICKET_TYPES as readonly string[];
    const priorityOrder = this.repository.config.priorities.map((p) => p.id);
    const result = [...this.rows];
    for (const s of result) {
      s.compliancePercent = percent(s.met, s.breached);
      const threshold = this.options.failUnder ?? s.objectivePercent;
      s.ok = s.compliancePercent === null || s.compliancePercent >= threshold;
    }
    return result.sort(
      (a, b) =>
        cmp(a.sla, b.sla) ||
        typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) ||
        priorityOrder.indexOf(a.priority) - priorityOrder.indexOf(b.priority) ||
        cmp(b.metric, a.metric) ||
        cmp(a.group ?? '', b.group ?? '') ||
        cmp(a.slaVersion ?? '', b.slaVersion ?? ''),
    );
  }

  private groupOf(r: ReportedClock, month: number): string | null {
    switch (this.options.by) {
      case 'service':
        return r.service;
      case 'consumer':
        return r.consumer ?? '(none)';
      case 'priority':
        return r.priority;
      case 'month':
        return month < 0 ? '(running)' : this.months[month]!.label;
      case 'group':
        return r.assignmentGroup ?? '(none)';
      default:
        return null;
    }
  }

  /** Adds a row, or puts it in the place of the row with its key (a target that later versions left as it was). */
  private put(row: SummaryRow): void {
    const leaves = level(level(level(level(level(this.index, row.sla), row.slaVersion), row.metric), row.type), row.priority);
    const i = leaves.get(row.group);
    if (i === undefined) {
      leaves.set(row.group, this.rows.length);
      this.rows.push(row);
    } else {
      this.rows[i] = row;
    }
  }
}

/** The met and breached clocks of each agreement and metric per month of the period, in two arrays per agreement. */
export class MonthlyTally {
  private readonly counts = new Map<string, Int32Array>();

  constructor(private readonly months: Months) {}

  /** Counts a clock that counts in month `month` (an index in `months`). */
  add(sla: string, metric: Metric, month: number, met: boolean): void {
    let counts = this.counts.get(sla);
    if (counts === undefined) {
      counts = new Int32Array(4 * this.months.length);
      this.counts.set(sla, counts);
    }
    counts[this.slot(metric, met, month)]!++;
  }

  /**
   * One row per agreement, metric and month, zero rows included, so that charts have gaps only where nothing could be
   * measured; sorted by agreement, metric (response first) and month.
   */
  rows(agreements: Iterable<CompiledAgreement>): MonthlyRow[] {
    const monthly: MonthlyRow[] = [];
    for (const agreement of agreements) {
      const counts = this.counts.get(agreement.id);
      for (const metric of ['response', 'resolution'] as const) {
        if (!agreement.targets.some((t) => t.metric === metric)) continue;
        this.months.forEach((month, i) => {
          const met = counts === undefined ? 0 : counts[this.slot(metric, true, i)]!;
          const breached = counts === undefined ? 0 : counts[this.slot(metric, false, i)]!;
          monthly.push({ month: month.label, sla: agreement.id, metric, met, breached, compliancePercent: percent(met, breached) });
        });
      }
    }
    return monthly.sort((a, b) => cmp(a.sla, b.sla) || cmp(b.metric, a.metric) || cmp(a.month, b.month));
  }

  private slot(metric: Metric, met: boolean, month: number): number {
    return ((metric === 'response' ? 0 : 2) + (met ? 0 : 1)) * this.months.length + month;
  }
}

/** The terms of an agreement in force on some day of the period (each version gets its rows). */
function termsInPeriod(agreement: CompiledAgreement, firstDay: number, lastDay: number): CompiledTerms[] {
  return agreement.terms.filter((terms, i) => {
    const next = agreement.terms[i + 1]?.fromDay ?? Number.POSITIVE_INFINITY;
    return (terms.fromDay ?? Number.NEGATIVE_INFINITY) <= lastDay && next > firstDay;
  });
}

function emptyRow(
  agreement: CompiledAgreement,
  version: string | null,
  t: { metric: Metric; type: string; priority: string; within: string; targetMs: number; objective: number },
  group: string | null,
): SummaryRow {
  return {
    sla: agreement.id,
    slaName: agreement.name,
    slaType: agreement.type,
    metric: t.metric,
    type: t.type,
    priority: t.priority,
    group,
    target: t.within,
    targetMinutes: minutes(t.targetMs),
    objectivePercent: t.objective,
    measured: 0,
    met: 0,
    breached: 0,
    running: 0,
    warning: 0,
    compliancePercent: null,
    ok: true,
    slaVersion: version,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
