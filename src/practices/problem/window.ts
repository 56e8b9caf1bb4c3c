const UNIT_MS = { w: 7 * 24 * 3_600_000, d: 24 * 3_600_000, h: 3_600_000, m: 60_000 } as const;

/**
 * A recurrence window: a whole number of weeks, days, hours or minutes (`30d`, `2w`, `36h`, `90m`), elapsed time (a
 * day is 24 hours: the window compares UTC instants, and no calendar applies). Undefined when it is not one.
 */
export function parseWindow(text: string): number | undefined {
  const m = /^(\d+)([wdhm])$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}
