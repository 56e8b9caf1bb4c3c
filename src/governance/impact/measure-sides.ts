import type { Repository } from '../../model/repository.js';
import type { Period } from '../../sla/period.js';
import { buildSlaReport, type SlaReport } from '../../sla/report.js';
import { measuredSpan, wholeMonthsOf } from './months.js';

/** What the SLA engine measured of one side. */
export interface SideReports {
  /**
   * The report of the compared period with no ticket measured (its consumer filter lets none through): every target
   * in force in the period, with its objective, and availability, which is measured from outages, not clocks.
   */
  targets: SlaReport;
  /** One report by month over `measuredSpan`, on the tickets of the services in scope; null when none is. */
  months: SlaReport | null;
  /** The compared period's report on the services in scope, when the period is not made of whole months. */
  period: SlaReport | null;
}

export interface SideOptions {
  period: Period;
  now: number;
  /** The services whose tickets are measured (undefined: all). */
  services: string[] | undefined;
}

/**
 * Measures one side with the SLA engine, each ticket in scope once: the clocks are measured as of `now`, as
 * `itsm sla report --period P --now N` measures them, so the period's figures are those that report prints.
 */
export function measureSide(repository: Repository, head: Repository, options: SideOptions): SideReports {
  const { period, now, services } = options;
  const targets = buildSlaReport(repository, { period, asOf: now, filters: { consumer: [] } });
  if (services !== undefined && services.length === 0) return { targets, months: null, period: null };
  const filters = services === undefined ? {} : { service: services };
  const months = buildSlaReport(repository, { period: measuredSpan(head, period, now), asOf: now, filters, by: 'month' });
  const whole = wholeMonthsOf(period, repository.config.timeZone) !== undefined;
  return { targets, months, period: whole ? null : buildSlaReport(repository, { period, asOf: now, filters }) };
}
