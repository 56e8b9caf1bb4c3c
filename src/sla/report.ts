import type { Repository } from '../model/repository.js';
import type { CompiledAgreement } from './agreements.js';
import { measureAvailability, outagesAndMaintenanceOf } from './availability.js';
import type { ClockState, Metric } from './clock.js';
import { keptTickets, measuredTickets, type KeptClocks } from './kept-clocks.js';
import { measureContext, type CalendarRule } from './measure.js';
import type { SelectionRule } from './selection.js';
import { localDayNumberOf, zoneOffsets } from '../time/zone.js';
import { termsOn } from './agreements.js';
import { monthsOf, windowsOf, type Period } from './period.js';
import { ClockColumns, clockRowsOf, type ClockRows } from './report-clocks.js';
import { MonthlyTally, SummaryTally } from './report-summary.js';
import { iso, minutes } from './rows.js';

export type { ClockRows } from './report-clocks.js';

export const GROUP_BY = ['service', 'priority', 'consumer', 'month', 'group'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface SlaFilters {
  service?: readonly string[];
  consumer?: readonly string[];
  sla?: readonly string[];
  type?: readonly string[];
  priority?: readonly string[];
  /** Clocks of these assignment groups (ClockRecord.assignmentGroup). */
  group?: readonly string[];
}

export interface SlaReportOptions {
  period: Period;
  /** The measurement instant: running clocks are measured as of it and later events are ignored. */
  asOf: number;
  filters?: SlaFilters;
  by?: GroupBy;
  /** When set, a target fails when its compliance is below this percentage instead of its own objective. */
  failUnder?: number;
  /**
   * The clocks of an earlier measurement (kept-clocks.ts), for an `asOf` that `keptFor` accepts: the settled tickets'
   * clocks are read from it, the others measured again, and availability is measured from its outages. Of
   * `repository.tickets` only `kept.remeasured` is then read (it may hold nothing else).
   */
  kept?: KeptClocks;
}

/** One clock in the report's `tickets` array. Instants are ISO 8601 UTC; durations are business minutes. */
export interface ClockRow {
  ticket: string;
  title: string;
  type: string;
  service: string;
  consumer: string | null;
  sla: string;
  metric: Metric;
  priority: string;
  state: ClockState;
  warning: boolean;
  target: string;
  targetMinutes: number;
  elapsedMinutes: number;
  pausedMinutes: number;
  /** Share of the target used, in percent. */
  usedPercent: number;
  startedAt: string;
  stoppedAt: string | null;
  breachedAt: string | null;
  dueAt: string | null;
  cycles: number;
  anyCycleBreached: boolean;
  /** Whether this clock counts in the period's compliance (it stopped, or breached while running, in the period). */
  counted: boolean;
  /** The version of the agreement that measured the clock (its `from`), or null for undated terms. */
  slaVersion: string | null;
  /** The rule that chose the agreement: subscription, consumer, service or service-agreement (docs/sla.md). */
  selectedBy: SelectionRule;
  /** The calendar the clock ran on, and where it came from: agreement, consumer or group. */
  calendar: string;
  calendarBy: CalendarRule;
  /** The assignment group the clock belongs to (docs/sla.md, "Assignment groups"), or null. */
  assignmentGroup: string | null;
}

export interface SummaryRow {
  sla: string;
  slaName: string;
  slaType: string;
  metric: Metric;
  type: string;
  priority: string;
  /** The grouping value when `--by` is given (a service id, consumer id, priority or YYYY-MM), else null. */
  group: string | null;
  target: string;
  targetMinutes: number;
  objectivePercent: number;
  measured: number;
  met: number;
  breached: number;
  running: number;
  warning: number;
  /** met / (met + breached) in percent; null when nothing was measured. */
  compliancePercent: number | null;
  ok: boolean;
  /**
   * The version of the agreement that set this target as it is (its `from`), or null while it is as first written. A
   * target a version changed has a row per value; one no version touched has one row whatever the versions.
   */
  slaVersion: string | null;
}

export interface AvailabilityRow {
  service: string;
  sla: string;
  window: string;
  from: string;
  to: string;
  targetPercent: number;
  agreedMinutes: number;
  downtimeMinutes: number;
  availabilityPercent: number | null;
  errorBudgetMinutes: number;
  errorBudgetRemainingMinutes: number;
  failures: number;
  mttrMinutes: number | null;
  mtbfMinutes: number | null;
  ok: boolean;
}

export interface MonthlyRow {
  month: string;
  sla: string;
  metric: Metric;
  met: number;
  breached: number;
  compliancePercent: number | null;
}

export interface SlaReport {
  version: 1;
  organisation: string;
  timeZone: string;
  period: { label: string; from: string; to: string };
  asOf: string;
  by: GroupBy | null;
  ok: boolean;
  summary: SummaryRow[];
  availability: AvailabilityRow[];
  monthly: MonthlyRow[];
  /**
   * Every clock of the report, sorted by ticket, agreement and metric (response first). In a report from
   * `buildSlaReport` the array is built the first time it is read: to go through the rows without holding them all,
   * iterate `reportClocks(report)` instead.
   */
  tickets: ClockRow[];
}

/** The report of every built report, by which the formats reach its clocks without building all their rows. */
const clocksOfReport = new WeakMap<SlaReport, ClockRows>();

/**
 * A report's clocks in its order, each row built when it is reached: what the formats print from. For a report that
 * `buildSlaReport` made, nothing more is built than what is read; for any other (written by hand, read back from JSON,
 * or whose `tickets` was replaced), its `tickets` array.
 */
export function reportClocks(report: SlaReport): ClockRows {
  return clocksOfReport.get(report) ?? clockRowsOf(report.tickets);
}

/**
 * Measures every clock and availability window for the period. A clock counts in the period in which it stopped; a
 * breached clock that is still running counts in the period in which it breached. Compliance = met / (met + breached).
 *
 * The summary and monthly counts are tallied as the engine measures each clock; the clocks themselves are kept as
 * columns (report-clocks.ts). The report's `tickets` array is built the first time it is read; the formats read the
 * rows they print through `reportClocks` instead, one at a time.
 */
export function buildSlaReport(repository: Repository, options: SlaReportOptions): SlaReport {
  const { period, asOf } = options;
  const filters = options.filters ?? {};
  const context = measureContext(repository);
  const agreements = context.agreements;
  const allowed = (list: readonly string[] | undefined, value: string | null | undefined) => list === undefined || (value !== null && value !== undefined && list.includes(value));
  const tz = repository.config.timeZone;

  const months = monthsOf(period, tz);
  const monthOf = (ms: number) => months.findIndex((m) => ms >= m.from && ms < m.to);
  const slasOfServices = filters.service ? agreementsOfServices(repository, filters.service) : undefined;
  const tally = new SummaryTally(repository, agreements, options, months, slasOfServices);
  const monthlyTally = new MonthlyTally(months);
  const clocks = new ClockColumns();
  const measured = options.kept ? keptTickets(options.kept, context, asOf) : measuredTickets(repository.tickets, context, asOf);
  for (const ticket of measured) {
    if (!allowed(filters.service, ticket.service) || !allowed(filters.consumer, ticket.consumer) || !allowed(filters.type, ticket.type)) continue;
    if (ticket.opened >= Math.min(asOf, period.to)) continue;
    for (const record of ticket.clocks()) {
      if (!allowed(filters.sla, record.sla) || !allowed(filters.priority, record.priority) || !allowed(filters.group, record.assignmentGroup)) continue;
      const countAt = record.state === 'met' || (record.state === 'breached' && record.stoppedAt !== null) ? record.stoppedAt : record.state === 'breached' ? record.breachedAt : null;
      const counted = countAt !== null && countAt >= period.from && countAt < period.to;
      if (!counted && record.stoppedAt !== null) continue;
      if (record.state === 'cancelled') continue;
      const month = counted ? monthOf(countAt) : -1;
      tally.add(record, counted, month);
      if (month >= 0) monthlyTally.add(record.sla, record.metric, month, record.state === 'met');
      // Kept as columns, not the engine's record, so a year of clocks does not hold every cycle's spans.
      clocks.push(record, counted);
    }
  }

  const summary = tally.summary();
  const monthly = monthlyTally.rows([...agreements.values()].filter((a) => allowed(filters.sla, a.id) && (!slasOfServices || slasOfServices.has(a.id))));
  const availability = availabilityRows(repository, agreements, options);
  let tickets: ClockRow[] | undefined;
  const report: SlaReport = {
    version: 1,
    organisation: repository.config.name,
    timeZone: tz,
    period: { label: period.label, from: iso(period.from), to: iso(period.to) },
    asOf: iso(asOf),
    by: options.by ?? null,
    ok: summary.every((s) => s.ok) && availability.every((a) => a.ok),
    summary,
    availability,
    monthly,
    // Built on first read (JSON.stringify and a spread read it too), then kept.
    get tickets(): ClockRow[] {
      tickets ??= [...clocks];
      return tickets;
    },
    set tickets(rows: ClockRow[]) {
      tickets = rows;
      clocksOfReport.delete(report);
    },
  };
  clocksOfReport.set(report, clocks);
  return report;
}

/** The agreements that can measure tickets of `services`: their customer agreements, then their OLAs and SLOs. */
function agreementsOfServices(repository: Repository, services: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const { doc } of repository.services) {
    if (!services.includes(doc.metadata.id)) continue;
    for (const id of customerAgreementsOf(repository, doc.metadata.id, doc.spec.sla)) ids.add(id);
    for (const id of doc.spec.agreements ?? []) ids.add(id);
  }
  return ids;
}

function availabilityRows(repository: Repository, agreements: ReadonlyMap<string, CompiledAgreement>, options: SlaReportOptions): AvailabilityRow[] {
  const filters = options.filters ?? {};
  const { outagesByService, maintenanceByService } = options.kept?.outages ?? outagesAndMaintenanceOf(repository);
  const rows: AvailabilityRow[] = [];
  const services = [...repository.services].sort((a, b) => cmp(a.doc.metadata.id, b.doc.metadata.id));
  for (const { doc } of services) {
    if (filters.service && !filters.service.includes(doc.metadata.id)) continue;
    // The service's SLA, then the customer agreements its subscribers bought instead of it: each measures the same
    // outages against its own target and calendar.
    for (const slaId of customerAgreementsOf(repository, doc.metadata.id, doc.spec.sla)) {
      const agreement = agreements.get(slaId);
      if (!agreement || (filters.sla && !filters.sla.includes(agreement.id))) continue;
      const zone = zoneOffsets(repository.config.timeZone);
      // The window's terms are those in force on its first day; a window before the agreement was in force is not measured.
      const windowSettings = agreement.terms.find((t) => t.availability)?.availability;
      if (!windowSettings) continue;
      for (const window of windowsOf(options.period, windowSettings.window, repository.config.timeZone)) {
        if (window.from >= options.asOf) continue;
        const terms = termsOn(agreement, localDayNumberOf(zone, window.from));
        const settings = terms?.availability;
        if (!terms || !settings) continue;
        const outages = (outagesByService.get(doc.metadata.id) ?? []).filter((o) => o.start < options.asOf);
        const figures = measureAvailability(
          terms.policy.calendar,
          { target: settings.target, degradedWeight: settings.degradedWeight ?? 0.5, excludeMaintenance: settings.excludeMaintenance ?? true },
          window,
          options.asOf,
          outages,
          maintenanceByService.get(doc.metadata.id) ?? [],
        );
        rows.push({
          service: doc.metadata.id,
          sla: agreement.id,
          window: window.label,
          from: iso(window.from),
          to: iso(window.to),
          targetPercent: settings.target,
          agreedMinutes: minutes(figures.agreedMs),
          downtimeMinutes: minutes(figures.downtimeMs),
          availabilityPercent: figures.availabilityPercent === null ? null : Math.round(figures.availabilityPercent * 1000) / 1000,
          errorBudgetMinutes: minutes(figures.errorBudgetMs),
          errorBudgetRemainingMinutes: minutes(figures.errorBudgetRemainingMs),
          failures: figures.failures,
          mttrMinutes: figures.mttrMs === null ? null : minutes(figures.mttrMs),
          mtbfMinutes: figures.mtbfMs === null ? null : minutes(figures.mtbfMs),
          ok: figures.met,
        });
      }
    }
  }
  return rows;
}

/**
 * The service's `sla`, then the agreements its subscribers' subscriptions or consumer defaults name instead of it:
 * the agreements whose availability `sla report` measures for the service (and `change impact` budgets).
 */
export function customerAgreementsOf(repository: Pick<Repository, 'consumers'>, service: string, sla: string | undefined): string[] {
  const ids: string[] = sla === undefined ? [] : [sla];
  for (const { doc } of repository.consumers) {
    const subscriptions = (doc.spec.subscriptions ?? []).filter((s) => s.service === service);
    for (const s of subscriptions) for (const id of s.agreements ?? doc.spec.agreements ?? []) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
