import { Chalk, type ChalkInstance } from 'chalk';
import { formatInstant } from '../../time/index.js';
import type { CsvOptions } from '../csv.js';

/** What every SLA formatter may be told. All optional, so that library callers can omit them. */
export interface SlaFormatOptions extends CsvOptions {
  /**
   * Whether to colour the output. The CLI decides (a TTY and no `NO_COLOR`); only the `table` and `text` formats use
   * it: JSON, CSV and Markdown are read by programs or pasted into documents.
   */
  color?: boolean;
  /** IANA zone in which the human formats show instants; defaults to the result's own zone (the organisation's). */
  timeZone?: string;
  /**
   * The widest a line of the `table` and `text` formats may be, in terminal columns (src/report/table.ts says how
   * tables narrow). Undefined: the full layout, the same on every machine. The CLI passes the terminal's width.
   */
  width?: number;
}

/** A private instance, so colour is an argument of the call and not chalk's global, environment-sniffed level. */
export function painter(options: SlaFormatOptions): ChalkInstance {
  return new Chalk({ level: options.color === true ? 1 : 0 });
}

/** Shown for a value that does not exist (nothing measured, no due time), never as 0. */
export const NONE = '—';

/**
 * Business minutes as hours and minutes, rounded to the whole minute: "45m", "1h00m", "27h15m", "-12m".
 * Never days: a business day is not 24 hours, and calendars differ in how long theirs is.
 */
export function formatMinutes(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && whole > 0 ? '-' : '';
  if (whole < 60) return `${sign}${whole}m`;
  return `${sign}${Math.floor(whole / 60)}h${String(whole % 60).padStart(2, '0')}m`;
}

export function formatMinutesOrNone(minutes: number | null): string {
  return minutes === null ? NONE : formatMinutes(minutes);
}

const LOCAL_RE = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::(\d\d))?(?:\.\d+)?(Z|[+-]\d\d:\d\d(?::\d\d)?)$/;

export interface LocalParts {
  date: string;
  /** "HH:MM", or "HH:MM:SS" when the seconds are not zero. */
  time: string;
  /** "-04:00"; UTC is written "+00:00" so that columns line up. */
  offset: string;
}

/** Splits `formatInstant`'s "2026-11-01T01:30:00-04:00" into the parts the human formats print. */
export function localParts(formatted: string): LocalParts {
  const m = LOCAL_RE.exec(formatted);
  if (!m) return { date: formatted, time: '', offset: '' };
  const seconds = m[3] === undefined || m[3] === '00' ? '' : `:${m[3]}`;
  return { date: m[1]!, time: m[2]! + seconds, offset: m[4] === 'Z' ? '+00:00' : m[4]! };
}

/** An ISO 8601 instant shown in `zone` in compact local form: "2026-11-01 01:30 -04:00"; NONE for null. */
export function localInstant(zone: string, instant: string | null): string {
  if (instant === null) return NONE;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const { date, time, offset } = localParts(formatInstant(zone, ms));
  return `${date} ${time} ${offset}`;
}

function decimalsOf(n: number): number {
  return String(n).split('.')[1]?.length ?? 0;
}

/**
 * A percentage rounded DOWN to `decimals` places, so that a figure below its objective never prints as one that
 * meets it (94.96% against 95% shows "94.9%", not "95.0%").
 */
export function floorPercent(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  // The epsilon absorbs binary noise (93.3 * 10 = 932.9999…) without moving any real value across a boundary.
  return `${(Math.floor(value * scale + 1e-6) / scale).toFixed(decimals)}%`;
}

/**
 * Compliance of a target: one decimal, or as many as its objective has. Rounded down to at least the objective's
 * precision, the printed figure is below the objective exactly when the measured one is.
 */
export function formatCompliance(value: number | null, objective: number): string {
  return value === null ? NONE : floorPercent(value, Math.max(1, decimalsOf(objective)));
}

/** Availability: two decimals at least, more when the target has them ("99.95%" needs 99.949 shown as "99.94%"). */
export function formatAvailability(value: number | null, target: number): string {
  return value === null ? NONE : floorPercent(value, Math.max(2, decimalsOf(target)));
}

/** An objective or target as written in the SLA: "95%", "99.9%". */
export function formatObjective(value: number): string {
  return `${value}%`;
}

/** "3", or "3 (1 warning)" when some running clocks have used their warning share of the target. */
export function formatRunning(running: number, warning: number): string {
  return warning > 0 ? `${running} (${warning} warning)` : String(running);
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** How many breaches the human formats list before pointing at the machine-readable ones. */
export const BREACH_LIMIT = 50;

export function moreBreaches(hidden: number): string {
  return `… and ${hidden} more (use --format json for all)`;
}

/** A target as a report table shows it: "4h", or "4h from 2026-10-01" when a dated version set it. */
export function targetText(row: { target: string; slaVersion: string | null }): string {
  return row.slaVersion === null ? row.target : `${row.target} from ${row.slaVersion}`;
}
