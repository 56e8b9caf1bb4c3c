import type { ProblemState } from '../../practices/problem/state.js';
import type { SlaFormatOptions } from '../sla/shared.js';

/** What the problem formatters may be told: colour and width are for `text`, the zone for every human format. */
export type ProblemFormatOptions = Pick<SlaFormatOptions, 'color' | 'width' | 'timeZone'>;

/** The ITIL state in words. */
export const STATE_WORDS: Record<ProblemState, string> = {
  logged: 'logged',
  'under-investigation': 'under investigation',
  'known-error': 'known error',
  resolved: 'resolved',
  closed: 'closed',
};

/** "1 known error", "2 known errors": the states line of the human formats. */
export function stateCount(state: ProblemState, count: number): string {
  return count === 1 || state !== 'known-error' ? `${count} ${STATE_WORDS[state]}` : `${count} known errors`;
}

/**
 * Elapsed time for people, to the nearest minute: "0m", "45m", "3h 20m", "2d 4h 0m". Days of 24 hours: outages are
 * wall-clock time, not business time.
 */
export function elapsedText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m`;
}

/** An age in whole days: "0 days", "1 day", "45 days". */
export function ageText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** A window for people: "30 days", "2 weeks", "36 hours", "90 minutes" (the largest unit that divides it). */
export function windowText(ms: number): string {
  for (const [unit, size] of [['week', 604_800_000], ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]] as const) {
    if (ms % size === 0) return ms / size === 1 ? `1 ${unit}` : `${ms / size} ${unit}s`;
  }
  return `${ms} ms`;
}

/** At most TICKETS_SHOWN ids in a cell, then how many more: the JSON lists them all. */
export const TICKETS_SHOWN = 8;

export function ticketsText(tickets: readonly string[]): string {
  const shown = tickets.slice(0, TICKETS_SHOWN).join(' ');
  return tickets.length > TICKETS_SHOWN ? `${shown} +${tickets.length - TICKETS_SHOWN} more` : shown;
}
