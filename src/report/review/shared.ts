import { formatMoney, formatNumber } from '../../catalog/words.js';
import type { ImprovementMetric } from '../../model/improvement.js';
import { changePercent } from '../../practices/review/stats.js';
import type {
  AgeBand,
  AvailabilityTrend,
  AvailabilityWindow,
  ImprovementRow,
  ImprovementVerdict,
  Review,
  SpeedFigure,
  TargetTrend,
  Trend,
} from '../../practices/review/types.js';
import type { Metric } from '../../sla/clock.js';
import { formatAvailability, formatMinutes, formatMinutesOrNone, formatObjective, localInstant, NONE, plural } from '../sla/shared.js';

/**
 * What the human formats of `itsm review` (Markdown, HTML) share: the names of the sections and figures, and how a
 * figure is written. Plain, pure helpers; the same words and numbers in every format. Durations, nulls, instants,
 * objectives and availabilities are written as `sla report` writes them (src/report/sla/shared.ts).
 */

export { formatAvailability, formatMinutes, formatObjective, localInstant, NONE, plural };

/** Business minutes as `sla report` writes them ("1h09m"), NONE for null. */
export const minutesOrNone = formatMinutesOrNone;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "November 2026" for 2026-11; any other label as it is. */
export function monthName(label: string): string {
  const month = /^\d{4}-\d{2}$/.test(label) ? MONTH_NAMES[Number(label.slice(5, 7)) - 1] : undefined;
  return month === undefined ? label : `${month} ${label.slice(0, 4)}`;
}

/** A count, its thousands grouped: "1,234"; NONE for null. */
export function countText(value: number | null): string {
  return value === null ? NONE : formatNumber(value);
}

/** A signed difference in the figure's own unit: "+3", "-2", "0" (as `formatMinutes` signs: an ASCII minus). */
export function signedCount(value: number): string {
  return `${value > 0 ? '+' : ''}${formatNumber(value)}`;
}

/** A signed difference of business minutes: "+14m", "-1h05m", "0m". */
export function signedMinutes(minutes: number): string {
  return `${Math.round(minutes) > 0 ? '+' : ''}${formatMinutes(minutes)}`;
}

/** The sections in the order of docs/review.md; changes and problems are left out when the review has none. */
export const SECTION_TITLES = {
  glance: 'At a glance',
  volume: 'Volume',
  backlog: 'Backlog and ageing',
  speed: 'Speed',
  serviceLevels: 'Service levels',
  recurrence: 'Recurrence',
  changes: 'Changes',
  problems: 'Problems',
  worst: 'The worst five and the most improved',
  breakdown: 'Breakdown',
  improvements: 'Improvement register',
} as const;

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  'under-1d': '< 1 d',
  '1d-7d': '1–7 d',
  '7d-30d': '7–30 d',
  'over-30d': '≥ 30 d',
};

export const SPEED_METRIC_LABELS: Record<Metric, string> = {
  response: 'time to first response (MTTA)',
  resolution: 'time to resolution (MTTR)',
};

/** Short names, for column heads and chart titles. */
export const SPEED_METRIC_SHORT: Record<Metric, string> = { response: 'MTTA', resolution: 'MTTR' };

export const IMPROVEMENT_METRIC_LABELS: Record<ImprovementMetric, string> = {
  opened: 'tickets opened',
  backlog: 'open at month end',
  'response-median': 'median time to first response',
  'response-p90': '90th percentile time to first response',
  'resolution-median': 'median time to resolution',
  'resolution-p90': '90th percentile time to resolution',
  'reopen-rate': 'reopen rate',
  'first-contact-rate': 'first-contact resolution rate',
  compliance: 'SLA compliance',
  breaches: 'breaches',
  availability: 'availability',
  downtime: 'downtime',
  incidents: 'incidents opened',
  'change-success-rate': 'change success rate',
  'change-failure-rate': 'change failure rate',
};

export const VERDICT_LABELS: Record<ImprovementVerdict, string> = {
  achieved: 'achieved',
  'on-track': 'on track',
  missed: 'missed',
  overdue: 'overdue',
  'no-data': 'no data',
};

export const TREND_LABELS: Record<Trend, string> = { rising: 'rising', falling: 'falling', steady: 'steady' };

/** Placed after a figure built on fewer than `minimumSample` tickets or clocks; `smallSampleNote` explains it. */
export const SMALL_SAMPLE_MARK = '†';

export function smallSampleNote(minimumSample: number): string {
  return `${SMALL_SAMPLE_MARK} Built on fewer than ${minimumSample} tickets or clocks (n < ${minimumSample}): read with care.`;
}

/** The text of a figure, marked when its sample is small. */
export function marked(text: string, fewerThanMinimum: boolean): string {
  return fewerThanMinimum && text !== NONE ? `${text} ${SMALL_SAMPLE_MARK}` : text;
}

/** A percentage of the review (already rounded to 0.1): "91.7%", "100.0%". */
export function percentText(value: number | null): string {
  return value === null ? NONE : `${value.toFixed(1)}%`;
}

/** A change in percent: "+25.0%", "-12.5%", "0.0%"; NONE when there is none (a change from 0). */
export function signedPercent(value: number | null): string {
  return value === null ? NONE : `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
}

/** A change of a percentage, in percentage points: "+20.0 pp". */
export function signedPoints(value: number | null): string {
  return value === null ? NONE : `${value > 0 ? '+' : ''}${value.toFixed(1)} pp`;
}

/** An amount of money as the catalog prints it: "EUR -12,718.20". */
export function money(currency: string, amount: string): string {
  return formatMoney(currency, amount);
}

/** An improvement's baseline, target or current figure in its unit: "240" → "4h00m" for minutes, "99.9%" for percent. */
export function improvementValue(value: number | null, unit: ImprovementRow['unit']): string {
  if (value === null) return NONE;
  switch (unit) {
    case 'count':
      return String(value);
    case 'minutes':
      return formatMinutes(value);
    case 'percent':
      return `${value}%`;
  }
}

/**
 * Whether `month` is before the repository's first ticket: a comparison with it would compare with a month that has
 * no records, not one without tickets, so the formats show no figure for it.
 */
export function beforeRecords(review: Pick<Review, 'recordsFrom'>, month: string): boolean {
  return review.recordsFrom !== null && month < review.recordsFrom;
}

/** "2026-11" → "2025-11": the same month a year earlier. */
export function yearAgoLabel(month: string): string {
  const [year, rest] = [month.slice(0, 4), month.slice(4)];
  return `${Number(year) - 1}${rest}`;
}

/** The speed figure of a month, metric and priority (null: every priority), if the review has it. */
export function speedFigure(review: Review, month: string, metric: Metric, priority: string | null): SpeedFigure | undefined {
  return review.speed.figures.find((f) => f.month === month && f.metric === metric && f.priority === priority);
}

// Compliance over every target in a month is the core's one reading (not a field of the JSON).
export { overallCompliance } from '../../practices/review/compliance.js';

/** (value − base) ÷ base in percent, NONE when either is missing or the base is 0. */
export function changeOf(value: number | null | undefined, base: number | null | undefined): number | null {
  return value === null || value === undefined || base === null || base === undefined ? null : changePercent(value, base);
}

/**
 * The lead of the review (both formats): when the trends are shorter than 12 months because the repository's records
 * begin with the first of them (docs/review.md "Months"), the reader is told so, lest the short axis read as a choice.
 */
export function recordsFromNote(review: Review, month: (label: string) => string = (l) => l): string | null {
  const first = review.months[0]?.label;
  if (first === undefined || review.recordsFrom !== first || review.months.length >= 12) return null;
  return `trends from ${month(first)}, the month of the repository's first ticket`;
}

/** What the compliance table lists: the targets that measured a clock in at least one of the months, misses first. */
export interface TargetListing {
  /** Those that missed their objective in the reviewed month, then the rest; each part in `sla report`'s order. */
  listed: TargetTrend[];
  /** How many of `listed` missed in the reviewed month (they come first). */
  missed: number;
  /** Targets that measured nothing in any month, left out of the table. */
  unmeasured: number;
}

export function targetListing(review: Review): TargetListing {
  const period = review.period.label;
  const measured = review.serviceLevels.targets.filter((t) => t.months.some((m) => m.measured > 0));
  const missedNow = (t: TargetTrend) => t.months.find((m) => m.month === period)?.ok === false;
  const missed = measured.filter(missedNow);
  return { listed: [...missed, ...measured.filter((t) => !missedNow(t))], missed: missed.length, unmeasured: review.serviceLevels.targets.length - measured.length };
}

/** The sentence before the compliance table, the same in both formats. */
export function targetListingLead(review: Review, listing: TargetListing, month: string): string {
  const n = listing.listed.length;
  const first =
    listing.missed === 0
      ? `${plural(n, 'target')} measured clocks in the months; none missed its objective in ${month}.`
      : listing.missed === 1
        ? `${plural(n, 'target')} measured clocks in the months; the one that missed its objective in ${month} comes first, then the others.`
        : `${plural(n, 'target')} measured clocks in the months; the ${listing.missed} that missed their objective in ${month} come first, then the others.`;
  const left =
    listing.unmeasured === 0 ? '' : ` ${plural(listing.unmeasured, 'other target')} measured nothing in any of the months and ${listing.unmeasured === 1 ? 'is' : 'are'} left out.`;
  return first + left;
}

/** The kind of an availability window, from its label: 2026-11, 2026-Q4, 2026. */
export type WindowKind = 'month' | 'quarter' | 'year' | 'window';

export function windowKind(label: string): WindowKind {
  if (/^\d{4}-\d{2}$/.test(label)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter';
  if (/^\d{4}$/.test(label)) return 'year';
  return 'window';
}

export const WINDOW_KIND_TITLES: Record<WindowKind, string> = { month: 'per month', quarter: 'per quarter', year: 'per year', window: 'per window' };

/**
 * Availability pivoted: one table per kind of window, one row per service and agreement, one column per window (the
 * windows of the kind in order of their start), so that twelve monthly windows are one row and not twelve.
 */
export interface AvailabilityPivot {
  kind: WindowKind;
  windows: string[];
  rows: Array<{ trend: AvailabilityTrend; cells: Array<AvailabilityWindow | undefined> }>;
}

export function availabilityPivots(trends: readonly AvailabilityTrend[]): AvailabilityPivot[] {
  const kinds = new Map<WindowKind, { starts: Map<string, string>; trends: AvailabilityTrend[] }>();
  for (const trend of trends) {
    const own = new Set(trend.windows.map((w) => windowKind(w.window)));
    for (const kind of own) {
      const entry = kinds.get(kind) ?? { starts: new Map<string, string>(), trends: [] };
      kinds.set(kind, entry);
      entry.trends.push(trend);
      for (const w of trend.windows) if (windowKind(w.window) === kind && !entry.starts.has(w.window)) entry.starts.set(w.window, w.from);
    }
  }
  const order: WindowKind[] = ['month', 'quarter', 'year', 'window'];
  return order.flatMap((kind) => {
    const entry = kinds.get(kind);
    if (entry === undefined) return [];
    const windows = [...entry.starts].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1)).map(([label]) => label);
    return [{ kind, windows, rows: entry.trends.map((trend) => ({ trend, cells: windows.map((label) => trend.windows.find((w) => w.window === label)) })) }];
  });
}

export const AVAILABILITY_LEAD =
  'Availability of each agreement per window against its target, and the share of the error budget spent by downtime (past 100% the target is missed).';
