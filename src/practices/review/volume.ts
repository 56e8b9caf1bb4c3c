import { TICKET_TYPES } from '../../model/ticket-types.js';
import type { MonthWindow } from './context.js';
import { changePercent } from './stats.js';
import type { Comparison, KeyCount, VolumeSection } from './types.js';

/** Counts of one figure (opened or resolved): per month, per key and month, and in the two comparison months. */
class Counter {
  readonly perMonth: Int32Array;
  readonly byType = new Map<string, Int32Array>();
  readonly byPriority = new Map<string, Int32Array>();
  previousMonth = 0;
  yearAgo = 0;

  constructor(private readonly months: number) {
    this.perMonth = new Int32Array(months);
  }

  add(month: number, type: string, priority: string): void {
    this.perMonth[month]!++;
    keyed(this.byType, type, this.months)[month]!++;
    keyed(this.byPriority, priority, this.months)[month]!++;
  }

  comparison(): Comparison {
    const value = this.perMonth[this.months - 1] ?? 0;
    return {
      value,
      previousMonth: this.previousMonth,
      monthOverMonthPercent: changePercent(value, this.previousMonth),
      yearAgo: this.yearAgo,
      yearOverYearPercent: changePercent(value, this.yearAgo),
    };
  }
}

function keyed(map: Map<string, Int32Array>, key: string, months: number): Int32Array {
  let counts = map.get(key);
  if (counts === undefined) {
    counts = new Int32Array(months);
    map.set(key, counts);
  }
  return counts;
}

/**
 * Tickets opened and resolved per month (docs/review.md, "Volume"), by type and by priority, and in the month before
 * the reviewed one and a year before it (which may lie outside the months).
 */
export class VolumeTally {
  private readonly opened: Counter;
  private readonly resolved: Counter;

  constructor(
    private readonly months: readonly MonthWindow[],
    private readonly previous: MonthWindow,
    private readonly yearAgo: MonthWindow,
  ) {
    this.opened = new Counter(months.length);
    this.resolved = new Counter(months.length);
  }

  /** A ticket opened at `at` (its month's index in the months, or -1). */
  addOpened(at: number, month: number, type: string, priority: string): void {
    this.add(this.opened, at, month, type, priority);
  }

  /** A ticket first resolved at `at` (its month's index in the months, or -1). */
  addResolved(at: number, month: number, type: string, priority: string): void {
    this.add(this.resolved, at, month, type, priority);
  }

  private add(counter: Counter, at: number, month: number, type: string, priority: string): void {
    if (month >= 0) counter.add(month, type, priority);
    if (at >= this.previous.from && at < this.previous.to) counter.previousMonth++;
    if (at >= this.yearAgo.from && at < this.yearAgo.to) counter.yearAgo++;
  }

  /** The section, with the types in the order of ticket types and the priorities in `priorityOrder` (the config's). */
  section(priorityOrder: readonly string[]): VolumeSection {
    const types = orderedKeys([...this.opened.byType.keys(), ...this.resolved.byType.keys()], TICKET_TYPES);
    const priorities = orderedKeys([...this.opened.byPriority.keys(), ...this.resolved.byPriority.keys()], priorityOrder);
    const row = (map: Map<string, Int32Array>, keys: readonly string[], m: number): KeyCount[] =>
      keys.map((key) => ({ key, count: map.get(key)?.[m] ?? 0 }));
    return {
      types,
      priorities,
      months: this.months.map((month, m) => ({
        month: month.label,
        opened: this.opened.perMonth[m]!,
        resolved: this.resolved.perMonth[m]!,
        openedByType: row(this.opened.byType, types, m),
        openedByPriority: row(this.opened.byPriority, priorities, m),
        resolvedByType: row(this.resolved.byType, types, m),
        resolvedByPriority: row(this.resolved.byPriority, priorities, m),
      })),
      opened: this.opened.comparison(),
      resolved: this.resolved.comparison(),
    };
  }
}

/** The distinct `keys` in the order of `order`; any key it does not list (the schema should prevent it) after, sorted. */
export function orderedKeys(keys: readonly string[], order: readonly string[]): string[] {
  const present = new Set(keys);
  const known = order.filter((key) => present.has(key));
  const listed = new Set(order);
  const others = [...present].filter((key) => !listed.has(key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...known, ...others];
}
