import type { Repository } from '../../model/repository.js';
import { compileAgreements, type CompiledAgreement } from '../../sla/agreements.js';
import type { Metric } from '../../sla/clock.js';
import { reportClocks, type ClockRow, type SlaReport } from '../../sla/report.js';
import { minutes } from '../../sla/rows.js';
import type { ReviewContext, ReviewFilters } from './context.js';
import { downtimeByService, type Downtime } from './downtime.js';
import type { BreakdownClocks, ClockFigures, ClockSections } from './sections.js';
import { availabilityTrends, TargetTally } from './service-levels.js';
import { mean, median, percentile, percentOf } from './stats.js';
import type { MostImproved, SpeedFigure, WorstBreaches, WorstDowntime, WorstSection } from './types.js';

const METRICS: readonly Metric[] = ['response', 'resolution'];
const WORST = 5;

/**
 * Speed, service levels per month, availability, the worst five and the breakdown's clock figures, from the report's
 * clocks (docs/review.md, "Speed", "Service levels", "The worst five and the most improved"). The rows are read one at
 * a time, a ticket's together (the report sorts them by ticket), and the review's filters are applied to them here:
 * the improvement register measures narrower scopes on the same report.
 */
export function clockSections(report: SlaReport, context: ReviewContext): ClockSections {
  const { repository, months, filters } = context;
  const agreements = compileAgreements(repository);
  const tally = new ClockTally(context, agreements);
  let ticket: ClockRow[] = [];
  for (const row of reportClocks(report)) {
    if (!inFilters(row, filters)) continue;
    if (ticket.length > 0 && ticket[0]!.ticket !== row.ticket) {
      tally.ticket(ticket);
      ticket = [];
    }
    tally.row(row);
    ticket.push(row);
  }
  if (ticket.length > 0) tally.ticket(ticket);

  const reviewed = months[months.length - 1]!;
  const downtime = downtimeByService(repository, reviewed, context.asOf, filters.service);
  const names = new Map(repository.services.map(({ doc }) => [doc.metadata.id, doc.metadata.name ?? doc.metadata.id]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    speed: tally.speed(repository),
    targets: tally.targets.trends(report.summary, context),
    availability: availabilityTrends(report.availability, filters.service),
    worst: worstOf(tally, downtime, nameOf, context.minimumSample),
    clocks: tally.breakdown(downtime),
  };
}

function inFilters(row: ClockRow, filters: ReviewFilters): boolean {
  const allowed = (list: readonly string[] | undefined, value: string | null) => list === undefined || (value !== null && list.includes(value));
  return allowed(filters.service, row.service) && allowed(filters.consumer, row.consumer) && allowed(filters.group, row.assignmentGroup) && allowed(filters.priority, row.priority);
}

/**
 * The instant a clock counts at, as `sla report` counts it: when it stopped, or, for a breached clock still running,
 * when it breached. Null for a clock that does not count (running within its target).
 */
function countAt(row: ClockRow): number | null {
  if (row.state === 'met') return row.stoppedAt === null ? null : Date.parse(row.stoppedAt);
  if (row.state === 'breached') return Date.parse(row.stoppedAt ?? row.breachedAt!);
  return null;
}

/** The clock that stands for a ticket and metric in the speed figures: its customer agreement's (type `sla`), else its first. */
function clockOfTicket(rows: readonly ClockRow[], metric: Metric, agreements: ReadonlyMap<string, CompiledAgreement>): ClockRow | undefined {
  let first: ClockRow | undefined;
  for (const row of rows) {
    if (row.metric !== metric) continue;
    if (agreements.get(row.sla)?.type === 'sla') return row;
    first ??= row;
  }
  return first;
}

interface Compliance {
  measured: number;
  met: number;
  breached: number;
}

interface Figures extends Compliance {
  /** Business minutes of the resolution clocks that stopped in the reviewed month, one per ticket. */
  resolution: number[];
}

class ClockTally {
  readonly targets: TargetTally;
  /** [metric][priority] → per month, the minutes of the clocks that stopped in it. */
  private readonly minutes = new Map<Metric, Map<string, number[][]>>(METRICS.map((m) => [m, new Map()]));
  private readonly reviewed: number;
  readonly services = new Map<string, Figures>();
  readonly consumers = new Map<string, Figures>();
  readonly groups = new Map<string, Figures>();
  /** Per service, the clocks counted in the month before the reviewed one (for the most improved). */
  readonly previous = new Map<string, Compliance>();

  constructor(
    private readonly context: ReviewContext,
    private readonly agreements: ReadonlyMap<string, CompiledAgreement>,
  ) {
    this.targets = new TargetTally(agreements, context.months.length);
    this.reviewed = context.months.length - 1;
  }

  /** Every clock counts in the compliance of the month it counts in (an SLA and its OLAs each measure the ticket). */
  row(row: ClockRow): void {
    const at = countAt(row);
    if (!row.counted || at === null) return;
    const month = this.context.monthOf(at);
    if (month >= 0) this.targets.add(row, month);
    const met = row.state === 'met';
    if (month === this.reviewed) {
      for (const figures of this.figuresOf(row)) {
        figures.measured++;
        if (met) figures.met++;
        else figures.breached++;
      }
    }
    const previous = this.context.previous;
    if (at >= previous.from && at < previous.to) {
      const c = this.previous.get(row.service) ?? { measured: 0, met: 0, breached: 0 };
      c.measured++;
      if (met) c.met++;
      else c.breached++;
      this.previous.set(row.service, c);
    }
  }

  /** A ticket's rows: one clock per metric in the speed figures and the breakdown's resolution median. */
  ticket(rows: readonly ClockRow[]): void {
    for (const metric of METRICS) {
      const row = clockOfTicket(rows, metric, this.agreements);
      if (row === undefined || row.stoppedAt === null || (row.state !== 'met' && row.state !== 'breached')) continue;
      const month = this.context.monthOf(Date.parse(row.stoppedAt));
      if (month < 0) continue;
      const byPriority = this.minutes.get(metric)!;
      let perMonth = byPriority.get(row.priority);
      if (perMonth === undefined) {
        perMonth = this.context.months.map(() => []);
        byPriority.set(row.priority, perMonth);
      }
      perMonth[month]!.push(row.elapsedMinutes);
      if (metric === 'resolution' && month === this.reviewed) for (const figures of this.figuresOf(row)) figures.resolution.push(row.elapsedMinutes);
    }
  }

  speed(repository: Repository): ClockSections['speed'] {
    const present = new Set(METRICS.flatMap((m) => [...this.minutes.get(m)!.keys()]));
    const priorities = repository.config.priorities.map((p) => p.id).filter((p) => present.has(p));
    // A clock's priority that the configuration no longer lists still counts in "every priority".
    const all = [...present];
    const figures: SpeedFigure[] = [];
    this.context.months.forEach((month, i) => {
      for (const metric of METRICS) {
        const byPriority = this.minutes.get(metric)!;
        const values = (ids: readonly string[]) => ids.flatMap((p) => byPriority.get(p)?.[i] ?? []);
        figures.push(speedFigure(month.label, metric, null, values(all), this.context.minimumSample));
        for (const p of priorities) figures.push(speedFigure(month.label, metric, p, values([p]), this.context.minimumSample));
      }
    });
    return { priorities, figures };
  }

  breakdown(downtime: ReadonlyMap<string, Downtime>): BreakdownClocks {
    const services = new Map<string, ClockFigures>();
    for (const [id, f] of this.services) services.set(id, clockFigures(f, minutes(downtime.get(id)?.downtimeMs ?? 0)));
    for (const [id, d] of downtime) if (!services.has(id)) services.set(id, clockFigures(emptyFigures(), minutes(d.downtimeMs)));
    const others = (map: ReadonlyMap<string, Figures>) => new Map([...map].map(([id, f]) => [id, clockFigures(f, null)]));
    return { services, consumers: others(this.consumers), groups: others(this.groups) };
  }

  private figuresOf(row: ClockRow): Figures[] {
    const list = [entry(this.services, row.service)];
    if (row.consumer !== null) list.push(entry(this.consumers, row.consumer));
    if (row.assignmentGroup !== null) list.push(entry(this.groups, row.assignmentGroup));
    return list;
  }
}

function emptyFigures(): Figures {
  return { measured: 0, met: 0, breached: 0, resolution: [] };
}

function entry(map: Map<string, Figures>, id: string): Figures {
  let figures = map.get(id);
  if (figures === undefined) {
    figures = emptyFigures();
    map.set(id, figures);
  }
  return figures;
}

function clockFigures(f: Figures, downtimeMinutes: number | null): ClockFigures {
  const sorted = [...f.resolution].sort((a, b) => a - b);
  return { measured: f.measured, breached: f.breached, compliancePercent: percentOf(f.met, f.measured), resolutionMedianMinutes: twoDecimals(median(sorted)), downtimeMinutes };
}

function speedFigure(month: string, metric: Metric, priority: string | null, values: number[], minimumSample: number): SpeedFigure {
  const sorted = values.sort((a, b) => a - b);
  return {
    month,
    metric,
    priority,
    count: sorted.length,
    medianMinutes: twoDecimals(median(sorted)),
    p90Minutes: twoDecimals(percentile(sorted, 90)),
    meanMinutes: twoDecimals(mean(sorted)),
    fewerThanMinimum: sorted.length < minimumSample,
  };
}

/** Durations are minutes to two decimals (a median of two or a mean may have more). */
function twoDecimals(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function worstOf(tally: ClockTally, downtime: ReadonlyMap<string, Downtime>, nameOf: (id: string) => string, minimumSample: number): WorstSection {
  const byBreaches: WorstBreaches[] = [...tally.services]
    .filter(([, f]) => f.breached > 0)
    .map(([service, f]) => ({ service, name: nameOf(service), breached: f.breached, measured: f.measured, compliancePercent: percentOf(f.met, f.measured) }))
    .sort((a, b) => b.breached - a.breached || (a.compliancePercent ?? 0) - (b.compliancePercent ?? 0) || cmp(a.service, b.service))
    .slice(0, WORST);
  const byDowntime: WorstDowntime[] = [...downtime]
    .filter(([, d]) => d.downtimeMs > 0 || d.degradedMs > 0)
    .map(([service, d]) => ({ service, name: nameOf(service), downtimeMinutes: minutes(d.downtimeMs), degradedMinutes: minutes(d.degradedMs), failures: d.failures }))
    .sort((a, b) => b.downtimeMinutes - a.downtimeMinutes || b.degradedMinutes - a.degradedMinutes || b.failures - a.failures || cmp(a.service, b.service))
    .slice(0, WORST);
  const mostImproved: MostImproved[] = [];
  for (const [service, now] of tally.services) {
    const before = tally.previous.get(service);
    if (before === undefined || now.measured < minimumSample || before.measured < minimumSample) continue;
    const compliancePercent = percentOf(now.met, now.measured)!;
    const previousPercent = percentOf(before.met, before.measured)!;
    const changePoints = Math.round((compliancePercent - previousPercent) * 10) / 10;
    if (changePoints > 0) mostImproved.push({ service, name: nameOf(service), compliancePercent, previousPercent, changePoints });
  }
  mostImproved.sort((a, b) => b.changePoints - a.changePoints || cmp(a.service, b.service));
  return { byBreaches, byDowntime, mostImproved: mostImproved.slice(0, WORST) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
