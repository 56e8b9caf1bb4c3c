import type { Repository } from '../../model/repository.js';
import { iso } from '../../sla/rows.js';
import { freezeIntervals } from './freezes.js';
import { changeSummary, freezeSummary, type ChangeSummary, type FreezeSummary } from './impact.js';
import { overlaps } from '../../time/interval.js';
import { bySchedule, changeRecords } from './records.js';

export interface ChangeCalendar {
  version: 1;
  /** The schedule's span [from, to), and the words it was asked with. */
  period: { label: string; from: string; to: string };
  timeZone: string;
  /** Changes whose window intersects the period, by start then id; cancelled changes and changes without a window are left out. */
  changes: ChangeSummary[];
  /** Cancelled changes whose window intersects the period, by start then id: calendars that imported them remove them. */
  cancelled: ChangeSummary[];
  /** Freezes that intersect the period, by start then id. */
  freezes: FreezeSummary[];
}

/** The forward schedule of change (ITIL's "change schedule") over [from, to), with the freeze periods in it. */
export function buildChangeCalendar(repository: Pick<Repository, 'tickets' | 'config'>, period: { label: string; from: number; to: number }): ChangeCalendar {
  const span = { start: period.from, end: period.to };
  const inSpan = changeRecords(repository)
    .filter((c) => c.window !== null && overlaps(c.window, span))
    .sort(bySchedule);
  const changes = inSpan.filter((c) => !c.cancelled).map(changeSummary);
  const cancelled = inSpan.filter((c) => c.cancelled).map(changeSummary);
  const freezes = freezeIntervals(repository.config.change.freezes, repository.config.timeZone)
    .filter((f) => overlaps(f, span))
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(freezeSummary);
  return { version: 1, period: { label: period.label, from: iso(period.from), to: iso(period.to) }, timeZone: repository.config.timeZone, changes, cancelled, freezes };
}
