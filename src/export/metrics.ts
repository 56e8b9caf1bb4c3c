import type { Repository } from '../model/repository.js';
import type { MetricFamily, MetricSample } from '../report/metrics/prometheus.js';
import { measureContext } from '../sla/measure.js';
import type { Period } from '../sla/period.js';
import { buildSlaReport, type AvailabilityRow, type SlaReport, type SummaryRow } from '../sla/report.js';
import { buildSlaStatus, type SlaStatus } from '../sla/status.js';
import { ticketFacts } from './tickets.js';

export interface MetricsOptions {
  /** The period compliance and availability are measured over (`sla report --period`). */
  period: Period;
  /** The instant everything is measured as of: clocks, open tickets, availability (`--now`). */
  asOf: number;
}

/** The figures `itsm export metrics` writes: the report of the period, the open clocks and the backlog as of `asOf`. */
export interface MetricsFigures {
  period: Period;
  asOf: number;
  report: Pick<SlaReport, 'summary' | 'availability'>;
  status: Pick<SlaStatus, 'clocks'>;
  /** Open tickets (status category new, active or waiting as of `asOf`) by service and current priority. */
  backlog: Array<{ service: string; priority: string; open: number }>;
}

/** Measures what `export metrics` writes: `sla report` over the period, `sla status` and the open tickets as of `asOf`. */
export function measureMetrics(repository: Repository, options: MetricsOptions): MetricsFigures {
  const { period, asOf } = options;
  const report = buildSlaReport(repository, { period, asOf });
  const status = buildSlaStatus(repository, asOf);
  return { period, asOf, report, status, backlog: backlogOf(repository, asOf) };
}

const OPEN = new Set(['new', 'active', 'waiting']);

/**
 * Open tickets by service and priority, with a zero for every live service and priority that has none: a series that
 * vanishes reads as "no data" in Grafana and silences an alert, where a zero is a figure.
 */
function backlogOf(repository: Repository, asOf: number): MetricsFigures['backlog'] {
  const context = measureContext(repository);
  const counts = new Map<string, { service: string; priority: string; open: number }>();
  const count = (service: string, priority: string, add: number) => {
    const key = `${service}\0${priority}`;
    const entry = counts.get(key);
    if (entry) entry.open += add;
    else counts.set(key, { service, priority, open: add });
  };
  for (const { doc } of repository.services) {
    if (doc.spec.lifecycle !== 'live') continue;
    for (const p of repository.config.priorities) count(doc.metadata.id, p.id, 0);
  }
  for (const { doc } of repository.tickets) {
    if (Date.parse(doc.spec.opened) > asOf) continue;
    const facts = ticketFacts(doc, context, asOf);
    if (facts.statusCategory !== null && OPEN.has(facts.statusCategory)) count(facts.service, facts.priority, 1);
  }
  return [...counts.values()];
}

/** Business minutes as seconds, without the binary fraction that ×60 can leave (65.4 min → 3924 s). */
function seconds(minutes: number): number {
  return Math.round(minutes * 60 * 1000) / 1000;
}

/** A percentage as a ratio, without the binary fraction that /100 can leave (99.9 % → 0.999, not 0.9990000000000001). */
function ratio(percent: number): number {
  return Number((percent / 100).toPrecision(15));
}

function targetLabels(row: Pick<SummaryRow, 'sla' | 'type' | 'priority' | 'metric'>): Record<string, string> {
  return { sla: row.sla, type: row.type, priority: row.priority, metric: row.metric };
}

/** A target's labels, and the version of the agreement that set it when a version did (two values, two series). */
function versionedLabels(row: SummaryRow): Record<string, string> {
  return row.slaVersion === null ? targetLabels(row) : { ...targetLabels(row), sla_version: row.slaVersion };
}

function windowLabels(row: AvailabilityRow): Record<string, string> {
  return { service: row.service, sla: row.sla, window: row.window };
}

function gauge(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name, help, type: 'gauge', samples };
}

/**
 * The figures as Prometheus gauges, named by Prometheus' conventions: base units (seconds, ratios 0..1), the unit as
 * suffix, no `_total` (these are figures of a period or of now, not counters that only grow). A ratio with nothing to
 * measure (compliance with no clock counted, availability with no agreed time) is left out rather than written NaN.
 */
export function metricFamilies(figures: MetricsFigures): MetricFamily[] {
  const { summary, availability } = figures.report;
  const measured = summary.filter((r) => r.met + r.breached > 0);

  // Every target has a running and a breached count, zero when no clock of it is open.
  const open = new Map<string, { labels: Record<string, string>; running: number; breached: number }>();
  const openOf = (labels: Record<string, string>) => {
    const key = JSON.stringify(labels);
    let entry = open.get(key);
    if (!entry) open.set(key, (entry = { labels, running: 0, breached: 0 }));
    return entry;
  };
  for (const row of summary) openOf(targetLabels(row));
  for (const clock of figures.status.clocks) {
    const entry = openOf(targetLabels(clock));
    if (clock.state === 'breached') entry.breached++;
    else entry.running++;
  }

  return [
    gauge('itsm_sla_period_start_timestamp_seconds', 'Start of the period compliance and availability are measured over, in Unix seconds.', [{ labels: { period: figures.period.label }, value: figures.period.from / 1000 }]),
    gauge('itsm_sla_period_end_timestamp_seconds', 'End of the period (excluded), in Unix seconds.', [{ labels: { period: figures.period.label }, value: figures.period.to / 1000 }]),
    gauge('itsm_measured_timestamp_seconds', 'The instant the figures are measured as of (--now), in Unix seconds.', [{ labels: {}, value: figures.asOf / 1000 }]),
    gauge('itsm_sla_target_seconds', 'The time a target allows, in business seconds.', summary.map((r) => ({ labels: versionedLabels(r), value: seconds(r.targetMinutes) }))),
    gauge('itsm_sla_objective_ratio', 'The share of clocks a target must meet (its objective), 0 to 1.', summary.map((r) => ({ labels: versionedLabels(r), value: ratio(r.objectivePercent) }))),
    gauge('itsm_sla_compliance_ratio', 'Clocks met / (met + breached) in the period, 0 to 1; absent when none counted.', measured.map((r) => ({ labels: versionedLabels(r), value: r.met / (r.met + r.breached) }))),
    gauge(
      'itsm_sla_period_clocks',
      'Clocks counted in the period by result: met, or breached (stopped late, or passed the target while running).',
      summary.flatMap((r) => [
        { labels: { ...versionedLabels(r), result: 'met' }, value: r.met },
        { labels: { ...versionedLabels(r), result: 'breached' }, value: r.breached },
      ]),
    ),
    gauge(
      'itsm_sla_open_clocks',
      'Clocks of open tickets now (itsm sla status), by state: running (paused or not) or breached (past the target, still running).',
      [...open.values()].flatMap((e) => [
        { labels: { ...e.labels, state: 'running' }, value: e.running },
        { labels: { ...e.labels, state: 'breached' }, value: e.breached },
      ]),
    ),
    gauge('itsm_availability_ratio', 'Availability in the window so far: 1 - downtime / agreed service time; absent without agreed time.', availability.flatMap((r) => (r.agreedMinutes > 0 ? [{ labels: windowLabels(r), value: 1 - r.downtimeMinutes / r.agreedMinutes }] : []))),
    gauge('itsm_availability_objective_ratio', 'The availability an agreement promises, 0 to 1.', availability.map((r) => ({ labels: windowLabels(r), value: ratio(r.targetPercent) }))),
    gauge('itsm_agreed_service_seconds', 'Agreed service time in the window so far, in business seconds (maintenance excluded where agreed).', availability.map((r) => ({ labels: windowLabels(r), value: seconds(r.agreedMinutes) }))),
    gauge('itsm_downtime_seconds', 'Weighted downtime in the window so far, in business seconds.', availability.map((r) => ({ labels: windowLabels(r), value: seconds(r.downtimeMinutes) }))),
    gauge('itsm_error_budget_seconds', 'The error budget of the window so far: (1 - objective) x agreed service time, in seconds.', availability.map((r) => ({ labels: windowLabels(r), value: seconds(r.errorBudgetMinutes) }))),
    gauge('itsm_error_budget_remaining_seconds', 'Error budget left: budget - downtime, in seconds; negative when overspent.', availability.map((r) => ({ labels: windowLabels(r), value: seconds(r.errorBudgetRemainingMinutes) }))),
    gauge('itsm_availability_failures', 'Outages that started in the window.', availability.map((r) => ({ labels: windowLabels(r), value: r.failures }))),
    gauge('itsm_open_tickets', 'Open tickets now (status new, active or waiting) by service and current priority.', figures.backlog.map((b) => ({ labels: { service: b.service, priority: b.priority }, value: b.open }))),
  ];
}
