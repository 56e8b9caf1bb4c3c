import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { overallCompliance } from './compliance.js';
import { resolvePositions } from '../../load/positions.js';
import { IMPROVEMENT_METRIC_UNITS, type ImprovementDocument, type ImprovementMetric, type ImprovementStatus } from '../../model/improvement.js';
import type { Entity } from '../../model/repository.js';
import type { SlaReport } from '../../sla/report.js';
import { addLocalDays, startOfLocalDay } from '../../time/index.js';
import { clockSections } from './clocks.js';
import type { ReviewContext, ReviewFilters } from './context.js';
import { changeSection } from './practices.js';
import { ticketSections } from './tickets.js';
import type {
  BacklogSection,
  BreakdownRow,
  ChangeSection,
  ImprovementRow,
  ImprovementVerdict,
  MonthRange,
  Review,
  ServiceLevelSection,
  SpeedSection,
  VolumeSection,
} from './types.js';

/**
 * The parts of a review an improvement's figure is read from. A whole Review has them; so has the narrowed review
 * (one service, one priority) that `measureImprovements` assembles for an improvement that names them.
 */
export interface ReviewFigures {
  period: MonthRange;
  volume: Pick<VolumeSection, 'months'>;
  backlog: Pick<BacklogSection, 'months'>;
  speed: Pick<SpeedSection, 'figures' | 'reopen' | 'firstContact'>;
  serviceLevels: Pick<ServiceLevelSection, 'targets' | 'availability'>;
  breakdown: { services: ReadonlyArray<Pick<BreakdownRow, 'id' | 'downtimeMinutes'>> };
  changes: ChangeSection | null;
}

/**
 * A metric's figure over the reviewed month. `sample` is the number of tickets, clocks or changes a median or a rate
 * rests on; null for the counts (opened, backlog, breaches, incidents) and the time measures (availability,
 * downtime), which are not estimates from a sample: 2 incidents is a figure, not a small sample.
 */
export interface MetricReading {
  value: number | null;
  sample: number | null;
}

const NO_DATA: MetricReading = { value: null, sample: 0 };

/**
 * The figure of `metric` in the reviewed month of `review` (docs/review.md, "Improvement register"), for `service`
 * where the metric is a service's (availability, downtime); the other metrics read the review as it is, so a
 * service's figure comes from a review narrowed to it.
 */
export function metricValue(review: ReviewFigures, metric: ImprovementMetric, service: string | null = null): MetricReading {
  const month = review.period.label;
  const inMonth = <T extends { month: string }>(rows: readonly T[]): T | undefined => rows.find((r) => r.month === month);
  switch (metric) {
    case 'opened':
      return { value: inMonth(review.volume.months)?.opened ?? 0, sample: null };
    case 'incidents':
      return { value: inMonth(review.volume.months)?.openedByType.find((k) => k.key === 'incident')?.count ?? 0, sample: null };
    case 'backlog':
      return { value: inMonth(review.backlog.months)?.open ?? 0, sample: null };
    case 'response-median':
    case 'response-p90':
    case 'resolution-median':
    case 'resolution-p90': {
      const [kind, statistic] = metric.split('-') as ['response' | 'resolution', 'median' | 'p90'];
      const figure = review.speed.figures.find((f) => f.month === month && f.metric === kind && f.priority === null);
      if (figure === undefined) return NO_DATA;
      return { value: statistic === 'median' ? figure.medianMinutes : figure.p90Minutes, sample: figure.count };
    }
    case 'reopen-rate':
    case 'first-contact-rate': {
      const rate = inMonth(metric === 'reopen-rate' ? review.speed.reopen : review.speed.firstContact);
      return rate === undefined ? NO_DATA : { value: rate.ratePercent, sample: rate.resolved };
    }
    case 'compliance':
    case 'breaches': {
      const { measured, met, percent } = overallCompliance(review.serviceLevels.targets, month);
      return metric === 'breaches' ? { value: measured - met, sample: null } : { value: percent, sample: measured };
    }
    case 'availability':
      return { value: lowestAvailability(review, service), sample: null };
    case 'downtime': {
      const row = review.breakdown.services.find((r) => r.id === service);
      // A service with nothing in the month (no ticket, no clock) has no row: it recorded no time down.
      return { value: row === undefined ? 0 : (row.downtimeMinutes ?? 0), sample: null };
    }
    case 'change-success-rate':
    case 'change-failure-rate': {
      const row = review.changes === null ? undefined : inMonth(review.changes.months);
      if (row === undefined) return NO_DATA;
      return metric === 'change-success-rate'
        ? // The success rate is over the changes with an outcome: successful, or failed, backed out or partial.
          { value: row.successRatePercent, sample: row.successful + row.failed }
        : { value: row.failureRatePercent, sample: row.completed };
    }
  }
}

/**
 * The availability of the agreement window (month, quarter or year) that holds the reviewed month; the lowest when
 * several agreements measure the service (the one the customer feels most). Null without any such window.
 */
function lowestAvailability(review: ReviewFigures, service: string | null): number | null {
  const from = Date.parse(review.period.from);
  const to = Date.parse(review.period.to);
  let lowest: number | null = null;
  for (const trend of review.serviceLevels.availability) {
    if (service !== null && trend.service !== service) continue;
    for (const window of trend.windows) {
      if (Date.parse(window.from) > from || Date.parse(window.to) < to || window.availabilityPercent === null) continue;
      if (lowest === null || window.availabilityPercent < lowest) lowest = window.availabilityPercent;
    }
  }
  return lowest;
}

export interface Judgement {
  verdict: ImprovementVerdict;
  progressPercent: number | null;
}

export interface JudgeInput {
  baseline: number;
  target: number;
  current: number | null;
  status: ImprovementStatus;
  /** The due date, YYYY-MM-DD, a local date in `timeZone`. */
  due: string;
  asOf: number;
  timeZone: string;
}

/** Lower is better when the target is below the baseline, higher otherwise. */
export function directionOf(baseline: number, target: number): 'lower' | 'higher' {
  return target < baseline ? 'lower' : 'higher';
}

/**
 * The verdict of docs/review.md: achieved whenever the target is reached; otherwise overdue (still open) or missed
 * (done or abandoned) once the due date is past, on track before. The due date is a whole local day: it is past when
 * the day after it has begun by the review's instant.
 */
export function judge({ baseline, target, current, status, due, asOf, timeZone }: JudgeInput): Judgement {
  if (current === null) return { verdict: 'no-data', progressPercent: null };
  const progressPercent = baseline === target ? null : roundTenth(((baseline - current) / (baseline - target)) * 100);
  const achieved = directionOf(baseline, target) === 'lower' ? current <= target : current >= target;
  if (achieved) return { verdict: 'achieved', progressPercent };
  const past = startOfLocalDay(timeZone, addLocalDays(due, 1)) <= asOf;
  if (!past) return { verdict: 'on-track', progressPercent };
  return { verdict: status === 'open' ? 'overdue' : 'missed', progressPercent };
}

function roundTenth(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}

/** Each improvement of the register, measured over the reviewed month and judged (docs/review.md, "Improvement register"). */
export function measureImprovements(review: Omit<Review, 'improvements'>, report: SlaReport, context: ReviewContext): ImprovementRow[] {
  const narrowed = new Map<string, ReviewFigures>();
  const figuresFor = (service: string | undefined, priority: string | undefined): ReviewFigures => {
    if (service === undefined && priority === undefined) return review;
    const key = `${service ?? ''}\u0000${priority ?? ''}`;
    let figures = narrowed.get(key);
    if (figures === undefined) {
      figures = narrowedFigures(review.period, report, { ...context, filters: narrowFilters(context.filters, service, priority) });
      narrowed.set(key, figures);
    }
    return figures;
  };
  const entries = [...context.repository.improvements].sort((a, b) => compareIds(a.doc.metadata.id, b.doc.metadata.id));
  return entries.map((entry) => {
    const { spec } = entry.doc;
    const reading = metricValue(figuresFor(spec.service, spec.priority), spec.metric, spec.service ?? null);
    const status = spec.status ?? 'open';
    const { verdict, progressPercent } = judge({
      baseline: spec.baseline,
      target: spec.target,
      current: reading.value,
      status,
      due: spec.due,
      asOf: context.asOf,
      timeZone: context.repository.config.timeZone,
    });
    return {
      improvement: entry.doc.metadata.id,
      title: spec.title,
      owner: spec.owner,
      service: spec.service ?? null,
      metric: spec.metric,
      priority: spec.priority ?? null,
      unit: IMPROVEMENT_METRIC_UNITS[spec.metric],
      baseline: spec.baseline,
      target: spec.target,
      direction: directionOf(spec.baseline, spec.target),
      current: reading.value,
      progressPercent,
      raised: spec.raised,
      due: spec.due,
      status,
      verdict,
      fewerThanMinimum: reading.sample !== null && reading.sample < context.minimumSample,
      file: entry.source.file,
      // The loader keeps no positions: locateImprovements fills the line in at the edge, where the files can be read.
      line: entry.source.line ?? 0,
    };
  });
}

/** The review's filters with the improvement's service and priority in place of the review's own. */
export function narrowFilters(filters: ReviewFilters, service: string | undefined, priority: string | undefined): ReviewFilters {
  return { ...filters, ...(service !== undefined ? { service: [service] } : {}), ...(priority !== undefined ? { priority: [priority] } : {}) };
}

/** The figures of a review narrowed to one service or priority, from the same sections as the whole review. */
function narrowedFigures(period: MonthRange, report: SlaReport, context: ReviewContext): ReviewFigures {
  const tickets = ticketSections(context);
  const clocks = clockSections(report, context);
  return {
    period,
    volume: tickets.volume,
    backlog: tickets.backlog,
    speed: { figures: clocks.speed.figures, reopen: tickets.reopen, firstContact: tickets.firstContact },
    serviceLevels: { targets: clocks.targets, availability: clocks.availability },
    breakdown: { services: [...clocks.clocks.services].map(([id, figures]) => ({ id, downtimeMinutes: figures.downtimeMinutes })) },
    changes: changeSection(context),
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The positions are resolved as a diagnostic's are; this one is never reported, so it names no rule of docs/rules.md. */
const POSITION_ONLY = 'position-only';

/**
 * Fills in the 1-based line of each improvement's document from its file's text (the loader keeps no positions), the
 * way diagnostics get theirs; `readText` gives a repository-relative file's text, undefined leaves the line as it is.
 */
export function locateImprovements(
  rows: readonly ImprovementRow[],
  improvements: ReadonlyArray<Entity<ImprovementDocument>>,
  readText: (file: string) => string | undefined,
): ImprovementRow[] {
  const sources = new Map(improvements.map((e) => [e.doc.metadata.id, e.source]));
  const places: Diagnostic[] = rows.map((row) => {
    const source = sources.get(row.improvement);
    return { file: row.file, document: source?.document ?? 0, path: [], rule: POSITION_ONLY, severity: 'warning', message: '' };
  });
  const resolved = resolvePositions(places, readText);
  return rows.map((row, i) => {
    const line = resolved[i]?.line;
    return line === undefined || row.line > 0 ? row : { ...row, line };
  });
}
