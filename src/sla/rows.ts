import { MS_PER_MINUTE } from '../time/index.js';
import type { ClockRecord } from './measure.js';
import type { ClockRow } from './report.js';

/** Business minutes, to two decimals: figures are exact to the second and shown to the minute. */
export const minutes = (ms: number): number => Math.round((ms / MS_PER_MINUTE) * 100) / 100;

export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  if (ms === null) return null;
  // A ticket's clocks share their instants (two agreements, two metrics), and formatting dominates a large report.
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size >= 200_000) isoCache.clear();
    text = new Date(ms).toISOString();
    isoCache.set(ms, text);
  }
  return text;
}

const isoCache = new Map<number, string>();

export function toClockRow(r: ClockRecord, counted: boolean): ClockRow {
  return {
    ticket: r.ticket,
    title: r.title,
    type: r.type,
    service: r.service,
    consumer: r.consumer,
    sla: r.sla,
    metric: r.metric,
    priority: r.priority,
    state: r.state,
    warning: r.warning,
    target: r.within,
    targetMinutes: minutes(r.targetMs),
    elapsedMinutes: minutes(r.elapsedMs),
    pausedMinutes: minutes(r.pausedMs),
    usedPercent: r.targetMs > 0 ? Math.round((r.elapsedMs / r.targetMs) * 1000) / 10 : 0,
    startedAt: iso(r.startedAt),
    stoppedAt: iso(r.stoppedAt),
    breachedAt: iso(r.breachedAt),
    dueAt: iso(r.dueAt),
    cycles: r.cycles,
    anyCycleBreached: r.anyCycleBreached,
    counted,
    slaVersion: r.slaVersion,
    selectedBy: r.selectedBy,
    calendar: r.calendar,
    calendarBy: r.calendarBy,
    assignmentGroup: r.assignmentGroup,
  };
}

