import { reportClocks, type ClockRow, type SlaReport } from '../../sla/report.js';
import type { ClockImpact, ClockImpactKind, PastRewrite } from '../impact.js';
import { monthOf } from './months.js';
import { byText } from '../changes/words.js';

/**
 * The clocks of both sides side by side: each report lists its clocks by ticket id, agreement and metric (response
 * first), so one walk through both pairs them without holding either in memory. A clock only one side has (an
 * agreement that only one side chooses for the ticket) is paired with nothing.
 */
export function* pairedClocks(base: Iterable<ClockRow>, head: Iterable<ClockRow>): Generator<[ClockRow | undefined, ClockRow | undefined]> {
  const a = base[Symbol.iterator]();
  const b = head[Symbol.iterator]();
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    const order = x.done ? 1 : y.done ? -1 : compareClocks(x.value, y.value);
    if (order < 0) {
      yield [x.value as ClockRow, undefined];
      x = a.next();
    } else if (order > 0) {
      yield [undefined, y.value as ClockRow];
      y = b.next();
    } else {
      yield [x.value as ClockRow, y.value as ClockRow];
      x = a.next();
      y = b.next();
    }
  }
}

/** The reports' order (src/sla/report-clocks.ts): ticket id, agreement id, response before resolution. */
function compareClocks(a: ClockRow, b: ClockRow): number {
  if (a.ticket !== b.ticket) return a.ticket < b.ticket ? -1 : 1;
  if (a.sla !== b.sla) return a.sla < b.sla ? -1 : 1;
  if (a.metric !== b.metric) return a.metric < b.metric ? 1 : -1;
  return 0;
}

export interface ClockDifferences {
  clocks: ClockImpact[];
  past: PastRewrite[];
}

/**
 * Compares the clocks of the two reports by month (measureSide): the clocks still running at `now` whose state or due
 * time moves, and, per agreement and month already reported (before the month of `now`), how many clocks that count
 * in that month change state, target or elapsed time.
 */
export function clockDifferences(base: SlaReport | null, head: SlaReport | null, now: number, timeZone: string): ClockDifferences {
  if (base === null || head === null) return { clocks: [], past: [] };
  const currentMonth = monthOf(timeZone, now);
  const clocks: ClockImpact[] = [];
  const past = new Map<string, PastRewrite>();
  for (const [b, h] of pairedClocks(reportClocks(base), reportClocks(head))) {
    const open = { base: b !== undefined && b.stoppedAt === null ? b : undefined, head: h !== undefined && h.stoppedAt === null ? h : undefined };
    if (open.base !== undefined || open.head !== undefined) {
      const kind = runningClockMove(open.base, open.head);
      if (kind !== null) {
        const any = (open.head ?? open.base)!;
        clocks.push({ ticket: any.ticket, sla: any.sla, metric: any.metric, kind, base: sideOf(open.base), head: sideOf(open.head) });
      }
    }
    if (b !== undefined && h !== undefined && b.state === h.state && b.targetMinutes === h.targetMinutes && b.elapsedMinutes === h.elapsedMinutes) continue;
    const month = reportedMonth(h, timeZone, currentMonth) ?? reportedMonth(b, timeZone, currentMonth);
    if (month === undefined) continue;
    const sla = (h ?? b)!.sla;
    const key = `${month}\u0000${sla}`;
    const rewrite = past.get(key) ?? { month, sla, clocks: 0 };
    rewrite.clocks++;
    past.set(key, rewrite);
  }
  return { clocks, past: [...past.values()].sort((x, y) => byText(x.sla, y.sla) || byText(x.month, y.month)) };
}

/**
 * How a clock running at `now` moves: breached on one side only, or due at another time (a paused clock, or one the
 * side does not have, is due never). A clock only head has is newly breached, or due sooner than never; one only
 * base has is no longer breached, or due later.
 */
function runningClockMove(base: ClockRow | undefined, head: ClockRow | undefined): ClockImpactKind | null {
  const breached = (row: ClockRow | undefined) => row?.state === 'breached';
  if (!breached(base) && breached(head)) return 'newly-breached';
  if (breached(base) && !breached(head)) return 'no-longer-breached';
  if (breached(base) && breached(head)) return null;
  const due = (row: ClockRow | undefined) => (row?.dueAt == null ? Number.POSITIVE_INFINITY : Date.parse(row.dueAt));
  const before = due(base);
  const after = due(head);
  if (after < before) return 'due-sooner';
  if (after > before) return 'due-later';
  return null;
}

function sideOf(row: ClockRow | undefined): ClockImpact['base'] {
  return row === undefined ? { state: 'none', dueAt: null } : { state: row.state, dueAt: row.dueAt };
}

/** The month a clock counts in (it stopped, or breached while running, then), when that month is already reported. */
function reportedMonth(row: ClockRow | undefined, timeZone: string, currentMonth: string): string | undefined {
  if (row === undefined || !row.counted) return undefined;
  const at = row.stoppedAt ?? row.breachedAt;
  if (at === null) return undefined;
  const month = monthOf(timeZone, Date.parse(at));
  return month < currentMonth ? month : undefined;
}
