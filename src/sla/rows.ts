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

/** Share of the target used, in percent to one decimal (0 for a target of zero). */
export const usedPercent = (elapsedMs: number, targetMs: number): number => (targetMs > 0 ? Math.round((elapsedMs / targetMs) * 1000) / 10 : 0);

/** What a clock row is built from: a ClockRecord has it all, and so does a report's column store (report-clocks.ts). */
export type ClockFields = Pick<
  ClockRecord,
  | 'ticket'
  | 'title'
  | 'type'
  | 'service'
  | 'consumer'
  | 'sla'
  | 'metric'
  | 'priority'
  | 'state'
  | 'warning'
  | 'within'
  | 'targetMs'
  | 'elapsedMs'
  | 'pausedMs'
  | 'startedAt'
  | 'stoppedAt'
  | 'breachedAt'
  | 'dueAt'
  | 'cycles'
  | 'anyCycleBreached'
  | 'slaVersion'
  | 'selectedBy'
  | 'calendar'
  | 'calendarBy'
  | 'assignmentGroup'
>;

/** A report's row of a clock; one object literal, keys in the order of the JSON, so every row has the same shape. */
export function toClockRow(r: ClockFields, counted: boolean): ClockRow {
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
    usedPercent: usedPercent(r.elapsedMs, r.targetMs),
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

