import type { CompiledAgreement } from '../../sla/agreements.js';
import type { AvailabilityRow, ClockRow, SummaryRow } from '../../sla/report.js';
import { percent } from '../../sla/report-summary.js';
import type { ReviewContext } from './context.js';
import { percentOf } from './stats.js';
import type { AvailabilityTrend, TargetTrend } from './types.js';

/** What identifies a target in `sla report`'s summary: agreement, the version that set it, metric, type, priority. */
function targetKey(sla: string, since: string | null, metric: string, type: string, priority: string): string {
  return `${sla}\u0000${since ?? ''}\u0000${metric}\u0000${type}\u0000${priority}`;
}

/**
 * The met and breached clocks of each target per month, counted from the clock rows the review keeps (so that the
 * review's filters apply, group and consumer included, which `sla report`'s summary cannot be narrowed by afterwards).
 * A clock's row names the version of the agreement that measured it; the summary keys a target by the version that set
 * it as it is (CompiledTarget.since), which the agreement's compiled terms give.
 */
export class TargetTally {
  private readonly counts = new Map<string, { met: Int32Array; breached: Int32Array }>();
  private readonly sinceOf = new Map<string, string | null>();

  constructor(
    private readonly agreements: ReadonlyMap<string, CompiledAgreement>,
    private readonly months: number,
  ) {}

  /** Counts a clock that counts in month `month` (an index of the review's months). */
  add(row: ClockRow, month: number): void {
    const key = targetKey(row.sla, this.since(row), row.metric, row.type, row.priority);
    let counts = this.counts.get(key);
    if (counts === undefined) {
      counts = { met: new Int32Array(this.months), breached: new Int32Array(this.months) };
      this.counts.set(key, counts);
    }
    if (row.state === 'met') counts.met[month]!++;
    else counts.breached[month]!++;
  }

  /**
   * One trend per target of the summary that has a clock counted in some month, in the summary's order (its rows per
   * month are grouped `YYYY-MM`; those of running clocks, `(running)`, measure nothing).
   */
  trends(summary: readonly SummaryRow[], context: ReviewContext): TargetTrend[] {
    const labels = new Set(context.months.map((m) => m.label));
    const trends: TargetTrend[] = [];
    const seen = new Set<string>();
    for (const s of summary) {
      if (s.group === null || !labels.has(s.group)) continue;
      const key = targetKey(s.sla, s.slaVersion, s.metric, s.type, s.priority);
      if (seen.has(key)) continue;
      seen.add(key);
      const counts = this.counts.get(key);
      if (counts === undefined) continue;
      trends.push({
        sla: s.sla,
        slaName: s.slaName,
        slaType: s.slaType,
        metric: s.metric,
        type: s.type,
        priority: s.priority,
        target: s.target,
        objectivePercent: s.objectivePercent,
        slaVersion: s.slaVersion,
        months: context.months.map((m, i) => {
          const met = counts.met[i]!;
          const breached = counts.breached[i]!;
          const measured = met + breached;
          return {
            month: m.label,
            measured,
            met,
            breached,
            compliancePercent: percentOf(met, measured),
            // Judged as `sla report` judges it, on its compliance to 0.001, not on the figure rounded for the review.
            ok: measured === 0 ? null : percent(met, breached)! >= s.objectivePercent,
            fewerThanMinimum: measured < context.minimumSample,
          };
        }),
      });
    }
    return trends;
  }

  private since(row: ClockRow): string | null {
    const key = `${row.sla}\u0000${row.slaVersion ?? ''}\u0000${row.metric}\u0000${row.type}\u0000${row.priority}`;
    if (this.sinceOf.has(key)) return this.sinceOf.get(key)!;
    const terms = this.agreements.get(row.sla)?.terms.find((t) => t.version === row.slaVersion);
    const since = terms?.targets.find((t) => t.metric === row.metric && t.type === row.type && t.priority === row.priority)?.since ?? null;
    this.sinceOf.set(key, since);
    return since;
  }
}

/** The report's availability windows per service and agreement, in its order, with the share of the error budget spent. */
export function availabilityTrends(rows: readonly AvailabilityRow[], services: readonly string[] | undefined): AvailabilityTrend[] {
  const trends = new Map<string, AvailabilityTrend>();
  for (const r of rows) {
    if (services !== undefined && !services.includes(r.service)) continue;
    const key = `${r.service}\u0000${r.sla}`;
    let trend = trends.get(key);
    if (trend === undefined) {
      trend = { service: r.service, sla: r.sla, targetPercent: r.targetPercent, windows: [] };
      trends.set(key, trend);
    }
    trend.windows.push({
      window: r.window,
      from: r.from,
      to: r.to,
      // `sla report`'s figure to 0.001: rounded to 0.1, 99.95 % would read as 100 % against a 99.9 % target.
      availabilityPercent: r.availabilityPercent,
      agreedMinutes: r.agreedMinutes,
      downtimeMinutes: r.downtimeMinutes,
      errorBudgetMinutes: r.errorBudgetMinutes,
      errorBudgetRemainingMinutes: r.errorBudgetRemainingMinutes,
      budgetBurnPercent: r.errorBudgetMinutes === 0 ? null : Math.round(((r.errorBudgetMinutes - r.errorBudgetRemainingMinutes) / r.errorBudgetMinutes) * 1000) / 10,
      ok: r.ok,
    });
  }
  return [...trends.values()];
}
