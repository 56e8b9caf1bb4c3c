import type { ChangeSummary, FreezeSummary } from '../../practices/change/index.js';
import type { Rate } from '../../practices/change/report.js';
import type { AgreementBudget } from '../../practices/change/budget.js';
import { formatInstant } from '../../time/index.js';

/** Options of the human formats of the change commands. */
export interface ChangeFormatOptions {
  color?: boolean;
  /** Terminal width for the tables; undefined for the full layout. */
  width?: number;
}

/** An ISO instant as local wall-clock time in the organisation's zone, to the minute: "2026-12-05 22:00". */
export function localTime(instant: string, timeZone: string): string {
  return formatInstant(timeZone, Date.parse(instant)).slice(0, 16).replace('T', ' ');
}

/**
 * A change window in local time: "2026-12-05 22:00 → 2026-12-06 02:00", the end's date left out when it is the
 * start's ("2026-12-10 07:00 → 07:30"), or "no window".
 */
export function windowText(c: Pick<ChangeSummary, 'start' | 'end'>, timeZone: string): string {
  if (c.start === null || c.end === null) return 'no window';
  const start = localTime(c.start, timeZone);
  const end = localTime(c.end, timeZone);
  return `${start} → ${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
}

/** A freeze's days: "2026-12-24 – 2027-01-02" (both included). */
export function freezeDays(f: Pick<FreezeSummary, 'from' | 'to'>): string {
  return f.from === f.to ? f.from : `${f.from} – ${f.to}`;
}

export function freezeServices(f: Pick<FreezeSummary, 'services'>): string {
  return f.services === null ? 'all services' : f.services.join(', ');
}

/** Minutes with at most two decimals, no trailing zeros: "222.6 min". */
export function minutesText(value: number | null): string {
  return value === null ? 'n/a' : `${Number(value.toFixed(2))} min`;
}

/** "83.3% (5 of 6)", or "n/a (0 of 0)". */
export function rateText(r: Rate): string {
  return `${r.percent === null ? 'n/a' : `${r.percent}%`} (${r.count} of ${r.of})`;
}

/** "normal/high"; "—" for a change ticket written before change enablement, with a window and no change record. */
export function typeRisk(c: Pick<ChangeSummary, 'type' | 'risk'>): string {
  return c.type === null || c.risk === null ? '—' : `${c.type}/${c.risk}`;
}

/** The budget cells of an agreement row: window, target, allowed, consumed, left. */
export function budgetCells(a: AgreementBudget): string[] {
  const b = a.budget;
  if (b === null) return ['no availability target', '', '', '', ''];
  return [b.window, `${b.targetPercent}%`, minutesText(b.allowedMinutes), minutesText(b.consumedMinutes), minutesText(b.leftMinutes)];
}
