import type { ImprovementMetric } from '../../model/improvement.js';
import { changePercent, percentOf } from '../../practices/review/stats.js';
import type { AgeBand, ImprovementRow, ImprovementVerdict, Review, SpeedFigure, TargetTrend, Trend } from '../../practices/review/types.js';
import type { Metric } from '../../sla/clock.js';
import { formatMinutes, NONE } from '../sla/shared.js';

/**
 * What the human formats of `itsm review` (Markdown, HTML) share: the names of the sections and figures, and how a
 * figure is written. Plain, pure helpers; the same words and numbers in every format.
 */

export { formatMinutes, NONE };

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

export function minutesOrNone(minutes: number | null): string {
  return minutes === null ? NONE : formatMinutes(minutes);
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

/** An amount of money as the catalog and chargeback print it: "EUR -123.45". */
export function money(currency: string, amount: string): string {
  return `${currency} ${amount}`;
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

/** "2026-11" → "2025-11". */
export function yearAgoLabel(month: string): string {
  const [year, rest] = [month.slice(0, 4), month.slice(4)];
  return `${Number(year) - 1}${rest}`;
}

/** The speed figure of a month, metric and priority (null: every priority), if the review has it. */
export function speedFigure(review: Review, month: string, metric: Metric, priority: string | null): SpeedFigure | undefined {
  return review.speed.figures.find((f) => f.month === month && f.metric === metric && f.priority === priority);
}

/**
 * Compliance over every target in a month: all their met clocks over all their measured ones. Derived from the
 * targets of `serviceLevels` (not a field of the JSON), for the summaries.
 */
export function overallCompliance(targets: readonly TargetTrend[], month: string): { measured: number; met: number; percent: number | null } {
  let measured = 0;
  let met = 0;
  for (const target of targets) {
    const m = target.months.find((row) => row.month === month);
    if (m === undefined) continue;
    measured += m.met + m.breached;
    met += m.met;
  }
  return { measured, met, percent: percentOf(met, measured) };
}

/** (value − base) ÷ base in percent, NONE when either is missing or the base is 0. */
export function changeOf(value: number | null | undefined, base: number | null | undefined): number | null {
  return value === null || value === undefined || base === null || base === undefined ? null : changePercent(value, base);
}
