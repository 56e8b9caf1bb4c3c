import type { ImprovementMetric, ImprovementStatus } from '../../model/improvement.js';
import type { Metric } from '../../sla/clock.js';
import type { AvailabilityRow, SummaryRow } from '../../sla/report.js';

/**
 * The result of `itsm review`, which is also its JSON (docs/review.md describes every field; version 1 is stable:
 * fields are only ever added). Instants are ISO 8601 UTC; durations are minutes to two decimals (business minutes
 * for the clocks, as `sla report`); percentages are numbers from 0 to 100 rounded to 0.1; a figure that cannot be computed (nothing to
 * divide by, no ticket measured) is null, never 0.
 *
 * Every per-month array has one entry per month of `months`, in the same order, including months with no tickets
 * (their counts are 0, their medians null): a month is never missing from an axis.
 */
export interface Review {
  version: 1;
  organisation: string;
  timeZone: string;
  /** The reviewed month (the last of `months`). */
  period: MonthRange;
  /**
   * The months of the trends, oldest first; the last is `period`. `--months` of them (default 12), or fewer when the
   * repository's first ticket is later: the trends begin with `recordsFrom`.
   */
  months: MonthRange[];
  /** The month (YYYY-MM) of the repository's first ticket, whatever the filters; null when it has none. */
  recordsFrom: string | null;
  /** The instant the review is as of: the end of the period, or now when the period has not ended. */
  asOf: string;
  /** The filters the review was built with (null: all). */
  scope: { services: string[] | null; consumers: string[] | null; groups: string[] | null; priorities: string[] | null };
  /** A figure built on fewer tickets (or clocks) than this is marked `fewerThanMinimum` (and shown as such). */
  minimumSample: number;
  volume: VolumeSection;
  backlog: BacklogSection;
  speed: SpeedSection;
  serviceLevels: ServiceLevelSection;
  recurrence: RecurrenceSection;
  /** Null when the repository holds no change record (a ticket of type change). */
  changes: ChangeSection | null;
  /** Null when the repository holds no problem ticket. */
  problems: ProblemSection | null;
  worst: WorstSection;
  breakdown: BreakdownSection;
  /** The improvement register, measured now, by id. */
  improvements: ImprovementRow[];
}

/** A calendar month in the organisation's time zone: [from, to). */
export interface MonthRange {
  /** YYYY-MM. */
  label: string;
  from: string;
  to: string;
}

/** A count per key (a ticket type or priority id). */
export interface KeyCount {
  key: string;
  count: number;
}

/** The reviewed month's figure beside the month before and the same month a year earlier. */
export interface Comparison {
  value: number;
  previousMonth: number;
  /** (value − previousMonth) ÷ previousMonth × 100; null when previousMonth is 0. */
  monthOverMonthPercent: number | null;
  yearAgo: number;
  /** (value − yearAgo) ÷ yearAgo × 100; null when yearAgo is 0. */
  yearOverYearPercent: number | null;
}

export interface VolumeMonth {
  month: string;
  opened: number;
  resolved: number;
  /** One entry per key of `VolumeSection.types` / `priorities`, in that order (0 included). */
  openedByType: KeyCount[];
  openedByPriority: KeyCount[];
  resolvedByType: KeyCount[];
  resolvedByPriority: KeyCount[];
}

/** Tickets opened (spec.opened) and resolved (their first move to a resolved or closed status) per month. */
export interface VolumeSection {
  /** Every ticket type that occurs in any month, sorted by the order of ticket types (incident, request, problem, change, …). */
  types: string[];
  /** Every priority that occurs in any month, in the order of the configuration's priorities. */
  priorities: string[];
  months: VolumeMonth[];
  opened: Comparison;
  resolved: Comparison;
}

export const AGE_BANDS = ['under-1d', '1d-7d', '7d-30d', 'over-30d'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface BacklogMonth {
  month: string;
  /** Tickets open at the month's end (opened before it, not resolved, closed or cancelled at it). */
  open: number;
  /** The same tickets by elapsed (calendar, not business) age at the month's end: one entry per AGE_BANDS, in order. */
  bands: Array<{ band: AgeBand; count: number }>;
}

export interface OldestTicket {
  ticket: string;
  title: string;
  type: string;
  service: string;
  priority: string;
  status: string;
  group: string | null;
  opened: string;
  /** Whole days (24 hours) from opened to the end of the period (or asOf), rounded down. */
  ageDays: number;
}

export interface BacklogSection {
  months: BacklogMonth[];
  /** The tickets open at the end of the period, oldest first, at most 10. */
  oldest: OldestTicket[];
}

/**
 * The business time a clock ran before it stopped, per month in which it stopped: MTTA from response clocks, MTTR from
 * resolution clocks. One clock per ticket and metric: the clock of its customer agreement (an SLA), else its first.
 */
export interface SpeedFigure {
  month: string;
  metric: Metric;
  /** Null: every priority. */
  priority: string | null;
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  meanMinutes: number | null;
  fewerThanMinimum: boolean;
}

export interface RateMonth {
  month: string;
  /** Tickets first resolved in the month. */
  resolved: number;
  /** Of them, those that count (reopened later; resolved at first contact). */
  count: number;
  ratePercent: number | null;
  fewerThanMinimum: boolean;
}

export interface SpeedSection {
  /** The priorities that have figures, in the configuration's order. */
  priorities: string[];
  /** Per month, metric and priority (null first, then `priorities`). */
  figures: SpeedFigure[];
  /** Tickets first resolved in the month that were reopened by asOf. */
  reopen: RateMonth[];
  /** Tickets first resolved in the month at first contact (docs/review.md defines it). */
  firstContact: RateMonth[];
}

export interface TargetMonth {
  month: string;
  measured: number;
  met: number;
  breached: number;
  compliancePercent: number | null;
  /** Null when nothing was measured. */
  ok: boolean | null;
  fewerThanMinimum: boolean;
}

/** A target of `sla report`'s summary (its fields as there: `slaVersion` is the version that set the target), by month. */
export interface TargetTrend extends Pick<SummaryRow, 'sla' | 'slaName' | 'slaType' | 'metric' | 'type' | 'priority' | 'target' | 'objectivePercent' | 'slaVersion'> {
  months: TargetMonth[];
}

/** An availability window of `sla report` (its fields as there), with the share of the error budget it spent. */
export interface AvailabilityWindow
  extends Pick<AvailabilityRow, 'window' | 'from' | 'to' | 'availabilityPercent' | 'agreedMinutes' | 'downtimeMinutes' | 'errorBudgetMinutes' | 'errorBudgetRemainingMinutes' | 'ok'> {
  /** Share of the error budget spent, in percent (may pass 100); null when the budget is 0. */
  budgetBurnPercent: number | null;
}

export interface AvailabilityTrend {
  service: string;
  sla: string;
  targetPercent: number;
  windows: AvailabilityWindow[];
}

export interface CreditLine {
  consumer: string;
  service: string;
  sla: string;
  /** The availability window the credit is for. */
  window: string;
  /** A decimal string in the currency, negative as in chargeback (a credit returned). */
  amount: string;
}

export interface ServiceLevelSection {
  /** Every target measured in any month, in `sla report`'s summary order. */
  targets: TargetTrend[];
  availability: AvailabilityTrend[];
  /** The service credits owed for the availability windows that end within the months, as `itsm chargeback` computes them. */
  credits: { currency: string; total: string; lines: CreditLine[] };
}

export type Trend = 'rising' | 'falling' | 'steady';

export interface RecurrenceRow {
  service: string;
  /** The `category` label, or the normalised title (as `problem suggest`); null in `services`. */
  category: string | null;
  /** Incidents opened over all the months. */
  incidents: number;
  /** Incidents opened per month, one per month of `months`. */
  months: number[];
  /** The last three months against the three before (docs/review.md). */
  trend: Trend;
}

export interface RecurrenceSection {
  /** The services with the most incidents, at most 10. */
  services: RecurrenceRow[];
  /** The service and category pairs with the most incidents, at most 10. */
  categories: RecurrenceRow[];
}

export interface ChangeMonth {
  month: string;
  /**
   * As `change report --period <month>` counts them: the changes of the month (window start in it, or opening without
   * a window; not cancelled) implemented by the review's instant (the window has started, or an outcome is recorded).
   * The change failure rate is taken over them.
   */
  completed: number;
  /** Changes of the month with the outcome successful. */
  successful: number;
  /** Failed, backed out or partial. */
  failed: number;
  /** Changes of the month that caused an incident (DORA's change failure). */
  causedIncidents: number;
  emergency: number;
  /** successful ÷ the changes of the month with an outcome (successful + failed); null when none has one. */
  successRatePercent: number | null;
  /** causedIncidents ÷ completed; null when none was completed. */
  failureRatePercent: number | null;
}

export interface ChangeSection {
  months: ChangeMonth[];
}

export interface ProblemMonth {
  month: string;
  opened: number;
  /** Problems resolved or closed in the month. */
  resolved: number;
  /** Problems whose workaround was documented in the month (they became known errors). */
  knownErrorsAdded: number;
}

export interface ProblemSection {
  months: ProblemMonth[];
  /** Problems open at the end of the period, and of them known errors. */
  openAtEnd: number;
  knownErrorsAtEnd: number;
}

export interface WorstBreaches {
  service: string;
  name: string;
  breached: number;
  measured: number;
  compliancePercent: number | null;
}

export interface WorstDowntime {
  service: string;
  name: string;
  downtimeMinutes: number;
  /** Minutes degraded but not down in the month (availability weighs them by the agreement's `degradedWeight`). */
  degradedMinutes: number;
  failures: number;
}

export interface MostImproved {
  service: string;
  name: string;
  compliancePercent: number;
  previousPercent: number;
  /** compliancePercent − previousPercent, in percentage points. */
  changePoints: number;
}

/** The reviewed month's five services with the most breaches and the most downtime, and the five most improved. */
export interface WorstSection {
  byBreaches: WorstBreaches[];
  byDowntime: WorstDowntime[];
  mostImproved: MostImproved[];
}

export interface BreakdownRow {
  id: string;
  name: string | null;
  opened: number;
  resolved: number;
  /** Open at the end of the period. */
  backlog: number;
  /** Clocks counted in the reviewed month. */
  measured: number;
  breached: number;
  compliancePercent: number | null;
  resolutionMedianMinutes: number | null;
  /** Services only (null for consumers and groups): minutes down in the reviewed month, as `worst.byDowntime`. */
  downtimeMinutes: number | null;
  fewerThanMinimum: boolean;
}

/** The reviewed month per service, per consumer and per assignment group (null where the repository has none). */
export interface BreakdownSection {
  services: BreakdownRow[];
  consumers: BreakdownRow[] | null;
  groups: BreakdownRow[] | null;
}

export type ImprovementVerdict = 'achieved' | 'on-track' | 'missed' | 'overdue' | 'no-data';

export interface ImprovementRow {
  improvement: string;
  title: string;
  owner: string;
  service: string | null;
  metric: ImprovementMetric;
  priority: string | null;
  unit: 'count' | 'minutes' | 'percent';
  baseline: number;
  target: number;
  /** Lower is better when the target is below the baseline. */
  direction: 'lower' | 'higher';
  /** The metric over the reviewed month; null when it cannot be measured (no ticket, no clock, no availability). */
  current: number | null;
  /** How much of the way from baseline to target `current` has come, in percent (may be negative or pass 100). */
  progressPercent: number | null;
  raised: string;
  due: string;
  status: ImprovementStatus;
  verdict: ImprovementVerdict;
  fewerThanMinimum: boolean;
  file: string;
  line: number;
}
