import type { Entity, Repository } from '../model/repository.js';
import type { Outage, TicketDocument } from '../model/ticket.js';
import type { StatusCategory } from '../model/config.js';
import { businessTimeBetween, type BusinessCalendar } from '../time/index.js';
import { lastStatusOf } from '../model/last-status.js';

export interface AvailabilitySettings {
  /** Target in percent, e.g. 99.9. */
  target: number;
  /** How much of a `degraded` outage counts as downtime (0–1). */
  degradedWeight: number;
  excludeMaintenance: boolean;
}

export interface OutageInterval {
  ticket: string;
  start: number;
  /** Null while the outage goes on; measured up to the measurement instant. */
  end: number | null;
  impact: Outage['impact'];
}

export interface AvailabilityFigures {
  /** Agreed service time: the calendar's working time in the window, less excluded maintenance. */
  agreedMs: number;
  /** Weighted downtime inside agreed service time; overlapping outages count once, at the heaviest impact. */
  downtimeMs: number;
  /** 1 − downtime / agreed, in percent; null when there is no agreed time. */
  availabilityPercent: number | null;
  /** (1 − target) × agreed time. */
  errorBudgetMs: number;
  /** Budget less downtime; negative when overspent. */
  errorBudgetRemainingMs: number;
  met: boolean;
  /** Outages that started in the window. */
  failures: number;
  /** Mean time to restore service: mean business-time duration of the outages that started in the window. */
  mttrMs: number | null;
  /** Mean time between failures: up time (agreed − downtime) divided by the failures. */
  mtbfMs: number | null;
}

interface Interval {
  start: number;
  end: number;
}

/**
 * Availability of a service in a window [from, to), measured up to `asOf`, in the SLA calendar's business time
 * (ITIL: availability = (agreed service time − downtime) / agreed service time).
 */
export function measureAvailability(
  calendar: BusinessCalendar,
  settings: AvailabilitySettings,
  window: { from: number; to: number },
  asOf: number,
  outages: readonly OutageInterval[],
  maintenance: readonly Interval[],
): AvailabilityFigures {
  const from = window.from;
  const to = Math.min(window.to, asOf);
  const clip = (i: Interval): Interval | undefined => {
    const start = Math.max(i.start, from);
    const end = Math.min(i.end, to);
    return start < end ? { start, end } : undefined;
  };
  const maintenanceUnion = settings.excludeMaintenance ? union(maintenance.flatMap((m) => clip(m) ?? [])) : [];
  const maintenanceMs = maintenanceUnion.reduce((sum, m) => sum + businessTimeBetween(calendar, m.start, m.end), 0);
  const agreedMs = to > from ? businessTimeBetween(calendar, from, to) - maintenanceMs : 0;

  // Sweep the elementary intervals between every outage and maintenance boundary.
  const weighted = outages.flatMap((o) => {
    const c = clip({ start: o.start, end: o.end ?? asOf });
    return c ? [{ ...c, weight: o.impact === 'down' ? 1 : settings.degradedWeight }] : [];
  });
  const cuts = [...new Set([...weighted.flatMap((w) => [w.start, w.end]), ...maintenanceUnion.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  let downtimeMs = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    let weight = 0;
    for (const w of weighted) if (w.start <= a && w.end >= b) weight = Math.max(weight, w.weight);
    if (weight === 0) continue;
    if (maintenanceUnion.some((m) => m.start <= a && m.end >= b)) continue;
    downtimeMs += weight * businessTimeBetween(calendar, a, b);
  }
  downtimeMs = Math.round(downtimeMs);

  const started = outages.filter((o) => o.start >= from && o.start < to);
  const restoreMs = started.reduce((sum, o) => sum + businessTimeBetween(calendar, o.start, Math.min(o.end ?? asOf, asOf)), 0);
  const errorBudgetMs = Math.round(((100 - settings.target) / 100) * agreedMs);
  const availabilityPercent = agreedMs > 0 ? (1 - downtimeMs / agreedMs) * 100 : null;
  return {
    agreedMs,
    downtimeMs,
    availabilityPercent,
    errorBudgetMs,
    errorBudgetRemainingMs: errorBudgetMs - downtimeMs,
    met: availabilityPercent === null || availabilityPercent >= settings.target,
    failures: started.length,
    mttrMs: started.length > 0 ? restoreMs / started.length : null,
    mtbfMs: started.length > 0 ? (agreedMs - downtimeMs) / started.length : null,
  };
}

function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** Every service's outages and maintenance windows: what availability is measured from. */
export interface OutagesAndMaintenance {
  outagesByService: Map<string, OutageInterval[]>;
  maintenanceByService: Map<string, Array<{ start: number; end: number }>>;
}

/**
 * Every service's outages (from incidents) and approved maintenance windows (from changes), as instants. A ticket
 * whose status is cancelled is withdrawn, as its clocks are: an incident logged in error records no downtime, and a
 * withdrawn change no maintenance.
 */
export function outagesAndMaintenance(
  tickets: readonly Entity<TicketDocument>[],
  categoryOf: (status: string) => StatusCategory | undefined,
): OutagesAndMaintenance {
  const outagesByService = new Map<string, OutageInterval[]>();
  const maintenanceByService = new Map<string, Array<{ start: number; end: number }>>();
  for (const { doc } of tickets) {
    const { outage, maintenance } = doc.spec;
    if ((outage || maintenance) && withdrawn(doc, categoryOf)) continue;
    if (outage) {
      const list = outagesByService.get(doc.spec.service) ?? [];
      list.push({ ticket: doc.metadata.id, start: Date.parse(outage.start), end: outage.end === undefined ? null : Date.parse(outage.end), impact: outage.impact });
      outagesByService.set(doc.spec.service, list);
    }
    if (maintenance) {
      const window = { start: Date.parse(maintenance.start), end: Date.parse(maintenance.end) };
      // A change's window is maintenance on every service it affects, not only the first.
      for (const service of new Set([doc.spec.service, ...(doc.spec.change?.services ?? [])])) {
        const list = maintenanceByService.get(service) ?? [];
        list.push(window);
        maintenanceByService.set(service, list);
      }
    }
  }
  return { outagesByService, maintenanceByService };
}

/**
 * The outages and maintenance windows of several lists of tickets, from those of each list, in order: what
 * outagesAndMaintenance gives for the lists' tickets one after the other (each service's intervals in ticket order,
 * the services in the order their first interval came).
 */
export function mergeOutagesAndMaintenance(parts: readonly OutagesAndMaintenance[]): OutagesAndMaintenance {
  const outagesByService = new Map<string, OutageInterval[]>();
  const maintenanceByService = new Map<string, Array<{ start: number; end: number }>>();
  for (const part of parts) {
    for (const [service, list] of part.outagesByService) outagesByService.set(service, [...(outagesByService.get(service) ?? []), ...list]);
    for (const [service, list] of part.maintenanceByService) maintenanceByService.set(service, [...(maintenanceByService.get(service) ?? []), ...list]);
  }
  return { outagesByService, maintenanceByService };
}

/** outagesAndMaintenance of a repository, its statuses read from its Config. */
export function outagesAndMaintenanceOf(repository: Pick<Repository, 'tickets' | 'config'>): OutagesAndMaintenance {
  const categories = new Map(repository.config.statuses.map((s) => [s.id, s.category]));
  return outagesAndMaintenance(repository.tickets, (status) => categories.get(status));
}

function withdrawn(ticket: TicketDocument, categoryOf: (status: string) => StatusCategory | undefined): boolean {
  const status = lastStatusOf(ticket.spec.timeline);
  return status !== undefined && categoryOf(status) === 'cancelled';
}
