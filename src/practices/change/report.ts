import type { ChangeRisk, ChangeType } from '../../model/change.js';
import { ChangeRisk as Risks, ChangeType as Types } from '../../model/change.js';
import type { StatusCategory } from '../../model/config.js';
import type { Repository } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { iso, minutes } from '../../sla/rows.js';
import { changeRecords, statusCategories, type ChangeRecord } from './records.js';
import { lastStatusOf } from '../../model/last-status.js';

/** A ratio with what it is made of, so that a reader can check it: null when the denominator is 0. */
export interface Rate {
  count: number;
  of: number;
  /** count ÷ of × 100, to one decimal; null when `of` is 0. */
  percent: number | null;
}

/** A failed change (one that caused at least one incident) and when service was restored after it. */
export interface RestoreRow {
  change: string;
  /**
   * Where the clock starts: when the failure began, the earliest start of the incidents the change caused (an
   * incident's outage start when it records one, otherwise its opening), as DORA measures recovery from the failure.
   */
  from: string;
  /** The resolution of the last incident it caused; null while one is unresolved. */
  restored: string | null;
  minutes: number | null;
  incidents: string[];
}

export interface ChangeReport {
  version: 1;
  period: { label: string; from: string; to: string };
  asOf: string;
  timeZone: string;
  /** Changes in the period: window start in [from, to) (opening time without a window), not cancelled. */
  changes: number;
  /** Of those, implemented by asOf: the window has started, or an outcome is recorded. */
  implemented: number;
  /** successful ÷ changes with an outcome. */
  successRate: Rate;
  /** Changes that caused at least one incident ÷ implemented changes (DORA's change failure rate). */
  failureRate: Rate;
  /** emergency ÷ changes. */
  emergencyShare: Rate;
  /** Median minutes from the start of a failed change's failure to the resolution of the incidents it caused; null when none was restored. */
  timeToRestoreMinutes: number | null;
  restores: RestoreRow[];
  byType: Record<ChangeType | 'unspecified', number>;
  byRisk: Record<ChangeRisk | 'unspecified', number>;
  byOutcome: Record<NonNullable<ChangeRecord['outcome']> | 'none', number>;
}

export function rate(count: number, of: number): Rate {
  return { count, of, percent: of === 0 ? null : Math.round((count / of) * 1000) / 10 };
}

/** The median of the values (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * When a ticket was resolved as of `asOf`: the last time it entered a `resolved` or `closed` status from an open one;
 * null when it is open again (reopened) or never was resolved.
 */
export function resolvedAt(ticket: TicketDocument, categoryOf: (status: string) => StatusCategory | undefined, asOf: number): number | null {
  let resolved: number | null = null;
  let stopped = false;
  for (const event of ticket.spec.timeline ?? []) {
    if (event.status === undefined) continue;
    const at = Date.parse(event.at);
    if (at > asOf) break;
    const category = categoryOf(event.status);
    const stops = category === 'resolved' || category === 'closed';
    if (stops && !stopped) resolved = at;
    if (!stops) resolved = null;
    stopped = stops;
  }
  return resolved;
}

/**
 * The change figures of a period (ITIL change enablement; DORA's change failure rate and time to restore service).
 * A change belongs to the period its window starts in; incidents count toward it whenever they happened (an incident
 * in January caused by a December change fails December's change).
 */
export function buildChangeReport(repository: Pick<Repository, 'tickets' | 'config'>, period: { label: string; from: number; to: number }, asOf: number): ChangeReport {
  const { categoryOf, initialStatus } = statusCategories(repository);
  const changes = changeRecords(repository).filter((c) => {
    const at = c.window?.start ?? c.opened;
    return !c.cancelled && at >= period.from && at < period.to;
  });
  const caused = new Map<string, TicketDocument[]>();
  for (const { doc } of repository.tickets) {
    const cause = doc.spec.causedBy;
    // An incident opened after asOf has not happened yet as of then (a report re-run for an earlier instant).
    if (cause === undefined || doc.spec.type === 'change' || Date.parse(doc.spec.opened) > asOf) continue;
    const status = lastStatusOf(doc.spec.timeline) ?? initialStatus;
    if (categoryOf(status) === 'cancelled') continue;
    caused.set(cause, [...(caused.get(cause) ?? []), doc]);
  }
  const implemented = changes.filter((c) => c.outcome !== null || (c.window !== null && c.window.start <= asOf));
  const failed = implemented.filter((c) => caused.has(c.id));
  const withOutcome = changes.filter((c) => c.outcome !== null);

  const restores: RestoreRow[] = failed.map((c) => {
    const incidents = caused.get(c.id)!;
    const from = Math.min(...incidents.map((t) => Date.parse(t.spec.outage?.start ?? t.spec.opened)));
    const resolutions = incidents.map((t) => resolvedAt(t, categoryOf, asOf));
    const restored = resolutions.some((r) => r === null) ? null : Math.max(...(resolutions as number[]));
    return {
      change: c.id,
      from: iso(from),
      restored: restored === null ? null : iso(restored),
      // An incident resolved before its outage is recorded to start is a data slip, not a negative duration.
      minutes: restored === null ? null : minutes(Math.max(0, restored - from)),
      incidents: incidents.map((t) => t.metadata.id).sort(),
    };
  });

  const byType = Object.fromEntries([...Types.options, 'unspecified'].map((k) => [k, 0])) as ChangeReport['byType'];
  const byRisk = Object.fromEntries([...Risks.options, 'unspecified'].map((k) => [k, 0])) as ChangeReport['byRisk'];
  const byOutcome: ChangeReport['byOutcome'] = { successful: 0, failed: 0, 'backed-out': 0, partial: 0, none: 0 };
  for (const c of changes) {
    byType[c.type ?? 'unspecified']++;
    byRisk[c.risk ?? 'unspecified']++;
    byOutcome[c.outcome ?? 'none']++;
  }
  return {
    version: 1,
    period: { label: period.label, from: iso(period.from), to: iso(period.to) },
    asOf: iso(asOf),
    timeZone: repository.config.timeZone,
    changes: changes.length,
    implemented: implemented.length,
    successRate: rate(withOutcome.filter((c) => c.outcome === 'successful').length, withOutcome.length),
    failureRate: rate(failed.length, implemented.length),
    emergencyShare: rate(changes.filter((c) => c.type === 'emergency').length, changes.length),
    timeToRestoreMinutes: median(restores.flatMap((r) => (r.minutes === null ? [] : [r.minutes]))),
    restores,
    byType,
    byRisk,
    byOutcome,
  };
}
