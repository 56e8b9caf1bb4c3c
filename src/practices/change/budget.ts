import type { Repository } from '../../model/repository.js';
import type { CompiledAgreement } from '../../sla/agreements.js';
import { termsOn } from '../../sla/agreements.js';
import { measureAvailability, type OutagesAndMaintenance } from '../../sla/availability.js';
import { periodDates } from '../../sla/period.js';
import { customerAgreementsOf } from '../../sla/report.js';
import { iso, minutes } from '../../sla/rows.js';
import { businessTimeBetween, localDateOf, startOfLocalDay } from '../../time/index.js';
import { localDayNumberOf, zoneOffsets } from '../../time/zone.js';
import type { Interval } from '../../time/interval.js';

/** What is left of an agreement's availability error budget for one service in the window that holds an instant. */
export interface ErrorBudget {
  /** The budget period: the agreement's availability window (a month, quarter or year) that holds the change. */
  window: string;
  from: string;
  to: string;
  targetPercent: number;
  /** Whether maintenance windows are left out of agreed time (`excludeMaintenance`): planned work then spends no budget. */
  excludesMaintenance: boolean;
  /** (1 − target) × the agreed time of the whole window, in business minutes. */
  allowedMinutes: number;
  /** Downtime in the window up to `asOf`. */
  consumedMinutes: number;
  /** Allowed less consumed; negative when overspent. */
  leftMinutes: number;
  /** Business minutes of the change window inside this budget window; null without a change window. */
  changeMinutes: number | null;
}

export interface AgreementBudget {
  service: string;
  sla: string;
  /** Null when the agreement sets no availability target (or is not in force in that window). */
  budget: ErrorBudget | null;
}

/** The budget window (month, quarter or year, local to `timeZone`) that holds the instant `at`. */
export function budgetWindow(at: number, kind: 'month' | 'quarter' | 'year', timeZone: string): { label: string; from: number; to: number } {
  const date = localDateOf(timeZone, at);
  const month = Number(date.slice(5, 7));
  const label = kind === 'month' ? date.slice(0, 7) : kind === 'year' ? date.slice(0, 4) : `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
  const dates = periodDates(label)!;
  return { label: dates.label, from: startOfLocalDay(timeZone, dates.from), to: startOfLocalDay(timeZone, dates.to) };
}

/**
 * The customer agreements of each service (its `sla`, and those its subscribers bought instead: the availability rows
 * of `sla report`) and what is left of each one's error budget in the window that holds `at` (the change's start,
 * or `asOf` without a change), measured as of `asOf`.
 *
 * The budget is what the agreement allows over its WHOLE window: (1 − target) × agreed time from the window's start to
 * its end (maintenance left out when the agreement excludes it), not the part elapsed by `asOf` that `sla report`
 * shows; a CAB asks how much may still go wrong this month. Consumed is the downtime measured as `sla report` measures
 * it, up to `asOf`; a window that starts after `asOf` has consumed nothing yet.
 */
export function errorBudgets(
  repository: Pick<Repository, 'consumers' | 'services' | 'config'>,
  agreements: ReadonlyMap<string, CompiledAgreement>,
  measured: OutagesAndMaintenance,
  services: readonly string[],
  at: number,
  change: Interval | null,
  asOf: number,
): AgreementBudget[] {
  const timeZone = repository.config.timeZone;
  const zone = zoneOffsets(timeZone);
  const rows: AgreementBudget[] = [];
  for (const service of services) {
    const doc = repository.services.find((s) => s.doc.metadata.id === service)?.doc;
    if (!doc) continue;
    for (const slaId of customerAgreementsOf(repository, service, doc.spec.sla)) {
      const agreement = agreements.get(slaId);
      if (!agreement) continue;
      const kind = agreement.terms.find((t) => t.availability)?.availability?.window;
      if (kind === undefined) {
        rows.push({ service, sla: slaId, budget: null });
        continue;
      }
      const window = budgetWindow(at, kind, timeZone);
      const terms = termsOn(agreement, localDayNumberOf(zone, window.from));
      const settings = terms?.availability;
      if (!terms || !settings) {
        rows.push({ service, sla: slaId, budget: null });
        continue;
      }
      const calendar = terms.policy.calendar;
      const availability = { target: settings.target, degradedWeight: settings.degradedWeight ?? 0.5, excludeMaintenance: settings.excludeMaintenance ?? true };
      const maintenance = measured.maintenanceByService.get(service) ?? [];
      const allowed = measureAvailability(calendar, availability, window, window.to, [], maintenance).errorBudgetMs;
      const outages = (measured.outagesByService.get(service) ?? []).filter((o) => o.start < asOf);
      const consumed = measureAvailability(calendar, availability, window, asOf, outages, maintenance).downtimeMs;
      const inWindow = change === null ? null : { start: Math.max(change.start, window.from), end: Math.min(change.end, window.to) };
      rows.push({
        service,
        sla: slaId,
        budget: {
          window: window.label,
          from: iso(window.from),
          to: iso(window.to),
          targetPercent: settings.target,
          excludesMaintenance: availability.excludeMaintenance,
          allowedMinutes: minutes(allowed),
          consumedMinutes: minutes(consumed),
          leftMinutes: minutes(allowed - consumed),
          changeMinutes: inWindow === null ? null : inWindow.start < inWindow.end ? minutes(businessTimeBetween(calendar, inWindow.start, inWindow.end)) : 0,
        },
      });
    }
  }
  return rows;
}
