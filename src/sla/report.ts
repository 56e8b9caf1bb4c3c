import type { Repository } from '../model/repository.js';
import { TicketType } from '../model/ticket-type.js';
import type { CompiledAgreement } from './agreements.js';
import { measureAvailability, outagesAndMaintenance } from './availability.js';
import type { ClockState, Metric } from './clock.js';
import { measureContext, measureTicket, type CalendarRule } from './measure.js';
import type { SelectionRule } from './selection.js';
import { localDayNumberOf, zoneOffsets } from '../time/zone.js';
import { termsOn, type CompiledTerms } from './agreements.js';
import { monthsOf, windowsOf, type Period } from './period.js';
import { iso, minutes, toClockRow } from './rows.js';

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
  tickets: ClockRow[];
}

const percent = (met: number, breached: number) => (met + breached === 0 ? null : Math.round((met / (met + breached)) * 100_000) / 1000);

/**
 * Measures every clock and availability window for the period. A clock counts in the period in which it stopped; a
 * breached clock that is still running counts in the period in which it breached. Compliance = met / (met + breached).
 */
export function buildSlaReport(repository: Repository, options: SlaReportOptions): SlaReport {
  const { period, asOf } = options;
  const filters = options.filters ?? {};
  const context = measureContext(repository);
  const agreements = context.agreements;
  const allowed = (list: readonly string[] | undefined, value: string | null | undefined) => list === undefined || (value !== null && value !== undefined && list.includes(value));
  const tz = repository.config.timeZone;

  const rows: ReportRow[] = [];
  const months = monthsOf(period, tz);
  const monthOf = (ms: number) => months.find((m) => ms >= m.from && ms < m.to)?.label ?? null;
  for (const { doc } of repository.tickets) {
    if (!allowed(filters.service, doc.spec.service) || !allowed(filters.consumer, doc.spec.consumer) || !allowed(filters.type, doc.spec.type)) continue;
    if (Date.parse(doc.spec.opened) >= Math.min(asOf, period.to)) continue;
    for (const record of measureTicket(doc, context, asOf)) {
      if (!allowed(filters.sla, record.sla) || !allowed(filters.priority, record.priority) || !allowed(filters.group, record.assignmentGroup)) continue;
      const countAt = record.state === 'met' || (record.state === 'breached' && record.stoppedAt !== null) ? record.stoppedAt : record.state === 'breached' ? record.breachedAt : null;
      const counted = countAt !== null && countAt >= period.from && countAt < period.to;
      if (!counted && record.stoppedAt !== null) continue;
      if (record.state === 'cancelled') continue;
      // Kept as the output row, not the engine's record, so a year of clocks does not hold every cycle's spans.
      rows.push({ record: toClockRow(record, counted), counted, month: counted ? monthOf(countAt) : null, objective: record.objective, targetMs: record.targetMs, targetSince: record.targetSince });
    }
  }

  const summary = summarise(repository, agreements, rows, options);
  // One pass over the clocks, then one row per agreement, metric and month (zero rows included, so charts have gaps
  // only where nothing could be measured).
  const monthCounts = new Map<string, { met: number; breached: number }>();
  for (const r of rows) {
    if (!r.counted || r.month === null) continue;
    const key = `${r.record.sla}\u0000${r.record.metric}\u0000${r.month}`;
    const c = monthCounts.get(key) ?? { met: 0, breached: 0 };
    if (r.record.state === 'met') c.met++;
    else c.breached++;
    monthCounts.set(key, c);
  }
  const monthly: MonthlyRow[] = [];
  const slasOfServices = filters.service ? agreementsOfServices(repository, filters.service) : undefined;
  for (const agreement of agreements.values()) {
    if (!allowed(filters.sla, agreement.id)) continue;
    if (slasOfServices && !slasOfServices.has(agreement.id)) continue;
    for (const metric of ['response', 'resolution'] as const) {
      if (!agreement.targets.some((t) => t.metric === metric)) continue;
      for (const month of months) {
        const { met, breached } = monthCounts.get(`${agreement.id}\u0000${metric}\u0000${month.label}`) ?? { met: 0, breached: 0 };
        monthly.push({ month: month.label, sla: agreement.id, metric, met, breached, compliancePercent: percent(met, breached) });
      }
    }
  }
  monthly.sort((a, b) => cmp(a.sla, b.sla) || cmp(b.metric, a.metric) || cmp(a.month, b.month));
  const availability = availabilityRows(repository, agreements, options);
  const tickets = rows
    .map(({ record }) => record)
    .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.sla < b.sla ? -1 : a.sla > b.sla ? 1 : a.metric < b.metric ? 1 : a.metric > b.metric ? -1 : 0));
  return {
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
    tickets,
  };
}

interface ReportRow {
  record: ClockRow;
  counted: boolean;
  month: string | null;
  objective: number;
  targetMs: number;
  targetSince: string | null;
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

/** The terms of an agreement in force on some day of the period (each version gets its rows). */
function termsInPeriod(agreement: CompiledAgreement, firstDay: number, lastDay: number): CompiledTerms[] {
  return agreement.terms.filter((terms, i) => {
    const next = agreement.terms[i + 1]?.fromDay ?? Number.POSITIVE_INFINITY;
    return (terms.fromDay ?? Number.NEGATIVE_INFINITY) <= lastDay && next > firstDay;
  });
}

function summarise(
  repository: Repository,
  agreements: ReadonlyMap<string, CompiledAgreement>,
  rows: readonly ReportRow[],
  options: SlaReportOptions,
): SummaryRow[] {
  const filters = options.filters ?? {};
  const groupOf = (r: { record: ClockRow; month: string | null }): string | null => {
    switch (options.by) {
      case 'service':
        return r.record.service;
      case 'consumer':
        return r.record.consumer ?? '(none)';
      case 'priority':
        return r.record.priority;
      case 'month':
        return r.month ?? '(running)';
      case 'group':
        return r.record.assignmentGroup ?? '(none)';
      default:
        return null;
    }
  };
  const keyOf = (sla: string, version: string | null, metric: string, type: string, priority: string, group: string | null) =>
    `${sla}\u0000${version ?? ''}\u0000${metric}\u0000${type}\u0000${priority}\u0000${group ?? ''}`;
  const table = new Map<string, SummaryRow>();
  const priorityOrder = repository.config.priorities.map((p) => p.id);
  const ofServices = filters.service ? agreementsOfServices(repository, filters.service) : undefined;
  const zone = zoneOffsets(repository.config.timeZone);
  const firstDay = localDayNumberOf(zone, options.period.from);
  const lastDay = localDayNumberOf(zone, options.period.to - 1);
  for (const agreement of agreements.values()) {
    if (filters.sla && !filters.sla.includes(agreement.id)) continue;
    if (ofServices && !ofServices.has(agreement.id)) continue;
    if (options.by !== undefined) continue;
    for (const terms of termsInPeriod(agreement, firstDay, lastDay)) {
      for (const t of terms.targets) {
        if (filters.type && !filters.type.includes(t.type)) continue;
        if (filters.priority && !filters.priority.includes(t.priority)) continue;
        table.set(keyOf(agreement.id, t.since, t.metric, t.type, t.priority, null), emptyRow(agreement, t.since, t, null));
      }
    }
  }
  for (const row of rows) {
    const r = row.record;
    const group = groupOf(row);
    const key = keyOf(r.sla, row.targetSince, r.metric, r.type, r.priority, group);
    let s = table.get(key);
    if (!s) {
      const agreement = agreements.get(r.sla)!;
      s = emptyRow(agreement, row.targetSince, { metric: r.metric, type: r.type, priority: r.priority, within: r.target, targetMs: row.targetMs, objective: row.objective }, group);
      table.set(key, s);
    }
    if (row.counted) {
      s.measured++;
      if (r.state === 'met') s.met++;
      else s.breached++;
    } else if (r.state === 'running') {
      s.running++;
      if (r.warning) s.warning++;
    }
  }
  const typeOrder = TicketType.options as readonly string[];
  const result = [...table.values()];
  for (const s of result) {
    s.compliancePercent = percent(s.met, s.breached);
    const threshold = options.failUnder ?? s.objectivePercent;
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

function availabilityRows(repository: Repository, agreements: ReadonlyMap<string, CompiledAgreement>, options: SlaReportOptions): AvailabilityRow[] {
  const filters = options.filters ?? {};
  const { outagesByService, maintenanceByService } = outagesAndMaintenance(repository);
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

/** The service's `sla`, then the agreements its subscribers' subscriptions or consumer defaults name instead of it. */
function customerAgreementsOf(repository: Repository, service: string, sla: string | undefined): string[] {
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
