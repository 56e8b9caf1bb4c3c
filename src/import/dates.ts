import { isInstant } from '../model/primitives.js';
import { MS_PER_DAY, utcOffsetAt } from '../time/index.js';

/**
 * Timestamps as exports write them — naive local wall-clock times in a format of the exporting user's locale, such
 * as `29/2/2016 01:16` — read into instants through an IANA time zone. Pure: the zone database is the runtime's
 * (via src/time), no clock is read.
 *
 * Formats are written with the letters of Moment.js / Day.js and of Java's SimpleDateFormat, which ServiceNow's own
 * date format settings use, so that a format can be copied from either:
 *
 * | letters | meaning |
 * | --- | --- |
 * | `YYYY` or `yyyy` | year, four digits |
 * | `M` / `MM` | month, 1–2 digits / exactly 2 |
 * | `D` / `DD` (or `d` / `dd`) | day of the month, 1–2 digits / exactly 2 |
 * | `H` / `HH` | hour 0–23, 1–2 digits / exactly 2 |
 * | `h` / `hh` | hour 1–12, with `A` or `a` (AM / PM, any case) |
 * | `m` / `mm` | minute |
 * | `s` / `ss` | second |
 * | `S`, `SS`, `SSS`… | fraction of a second, one or more digits (`.` before it is a literal) |
 * | `Z`, `ZZ`, `X`, `XXX` | an offset, `Z`, `+02:00` or `+0200`: the value is then an instant and the zone is not used |
 * | `[text]` | literal text (for letters, e.g. `[T]`) |
 *
 * Any other character is literal; a run of spaces matches one or more spaces. Any other ASCII letter is refused,
 * so that a typo (`YY`, `hh:MM`) is caught when the mapping is read, not as a thousand unparseable rows.
 *
 * Whatever the formats, an ISO 8601 instant with an offset (`2016-02-29T01:16:00Z`) is always accepted.
 */

export interface DateFormat {
  /** The format as written. */
  readonly source: string;
  readonly regex: RegExp;
  readonly fields: readonly FieldKind[];
}

type FieldKind = 'year' | 'month' | 'day' | 'hour24' | 'hour12' | 'minute' | 'second' | 'fraction' | 'meridiem' | 'offset';

const TOKENS: ReadonlyArray<{ re: RegExp; kind: FieldKind; pattern: string }> = [
  { re: /^(YYYY|yyyy)/, kind: 'year', pattern: '(\\d{4})' },
  { re: /^MM/, kind: 'month', pattern: '(\\d{2})' },
  { re: /^M/, kind: 'month', pattern: '(\\d{1,2})' },
  { re: /^(DD|dd)/, kind: 'day', pattern: '(\\d{2})' },
  { re: /^(D|d)/, kind: 'day', pattern: '(\\d{1,2})' },
  { re: /^HH/, kind: 'hour24', pattern: '(\\d{2})' },
  { re: /^H/, kind: 'hour24', pattern: '(\\d{1,2})' },
  { re: /^hh/, kind: 'hour12', pattern: '(\\d{2})' },
  { re: /^h/, kind: 'hour12', pattern: '(\\d{1,2})' },
  { re: /^mm/, kind: 'minute', pattern: '(\\d{2})' },
  { re: /^m/, kind: 'minute', pattern: '(\\d{1,2})' },
  { re: /^ss/, kind: 'second', pattern: '(\\d{2})' },
  { re: /^s/, kind: 'second', pattern: '(\\d{1,2})' },
  { re: /^S+/, kind: 'fraction', pattern: '(\\d{1,9})' },
  { re: /^(A|a)/, kind: 'meridiem', pattern: '([AaPp][Mm])' },
  { re: /^(XXX|XX|X|ZZ|Z)/, kind: 'offset', pattern: '(Z|z|[+-]\\d{2}:?\\d{2})' },
];

/** Compiles a format; a RangeError names what is wrong with it. */
export function compileDateFormat(source: string): DateFormat {
  let rest = source;
  let pattern = '';
  const fields: FieldKind[] = [];
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0) throw new RangeError(`date format "${source}": "[" is not closed`);
      pattern += escapeRegex(rest.slice(1, close));
      rest = rest.slice(close + 1);
      continue;
    }
    const spaces = /^\s+/.exec(rest);
    if (spaces) {
      pattern += '\\s+';
      rest = rest.slice(spaces[0].length);
      continue;
    }
    const token = TOKENS.find((t) => t.re.test(rest));
    if (token) {
      const length = token.re.exec(rest)![0].length;
      if (token.kind !== 'fraction' && fields.includes(token.kind)) throw new RangeError(`date format "${source}" has two ${token.kind} fields`);
      fields.push(token.kind);
      pattern += token.pattern;
      rest = rest.slice(length);
      continue;
    }
    const c = rest[0]!;
    if (/[A-Za-z]/.test(c)) {
      throw new RangeError(`date format "${source}": "${c}" is not a date letter (use YYYY, M, D, H, h, m, s, S, A, Z, or [${c}] for the letter itself)`);
    }
    pattern += escapeRegex(c);
    rest = rest.slice(1);
  }
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!fields.includes(needed)) throw new RangeError(`date format "${source}" has no ${needed} (${needed === 'year' ? 'YYYY' : needed === 'month' ? 'M' : 'D'})`);
  }
  if (fields.includes('hour24') && fields.includes('hour12')) throw new RangeError(`date format "${source}" has two hour fields`);
  if (fields.includes('hour12') !== fields.includes('meridiem')) {
    throw new RangeError(`date format "${source}": a 12-hour clock (h) needs AM/PM (A), and AM/PM needs h`);
  }
  return { source, regex: new RegExp(`^${pattern}$`), fields };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A wall-clock reading, or an instant when the text carried an offset. */
export interface ParsedDate {
  /** The wall-clock time read as if it were UTC, in epoch milliseconds. */
  wallMs: number;
  /** Offset east of UTC in milliseconds, when the text gave one. */
  offsetMs?: number;
}

/** Reads `text` with the first format that matches it and gives a real date and time; undefined when none does. */
export function parseWallClock(text: string, formats: readonly DateFormat[]): ParsedDate | undefined {
  const value = text.trim();
  for (const format of formats) {
    const m = format.regex.exec(value);
    if (!m) continue;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let ms = 0;
    let pm: boolean | undefined;
    let hour12 = -1;
    let offsetMs: number | undefined;
    format.fields.forEach((kind, i) => {
      const v = m[i + 1]!;
      switch (kind) {
        case 'year': year = Number(v); break;
        case 'month': month = Number(v); break;
        case 'day': day = Number(v); break;
        case 'hour24': hour = Number(v); break;
        case 'hour12': hour12 = Number(v); break;
        case 'minute': minute = Number(v); break;
        case 'second': second = Number(v); break;
        case 'fraction': ms = Math.floor(Number(`0.${v}`) * 1000); break;
        case 'meridiem': pm = v.toLowerCase() === 'pm'; break;
        case 'offset': offsetMs = parseOffset(v); break;
      }
    });
    if (hour12 >= 0) {
      if (hour12 < 1 || hour12 > 12) continue;
      hour = (hour12 % 12) + (pm ? 12 : 0);
    }
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) continue;
    if (year < 1000) continue;
    const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    const check = new Date(wallMs);
    // Date.UTC treats years 0-99 as 1900-1999 and rolls 31 April over into May: refuse both.
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) continue;
    return offsetMs === undefined ? { wallMs } : { wallMs, offsetMs };
  }
  return undefined;
}

function parseOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** How a wall-clock time was turned into an instant on a day the clocks changed. */
export type Disambiguation =
  /** The time does not exist (the clocks jumped over it): read with the offset before the jump, i.e. moved forward by the jump. */
  | 'gap'
  /** The time happened twice (the clocks went back): the earlier of the two instants. */
  | 'overlap';

export interface ZonedInstant {
  ms: number;
  adjusted?: Disambiguation;
}

/**
 * The instant at which the clocks of `zone` read `wallMs` (a wall-clock time read as if it were UTC).
 *
 * Exactly the "compatible" disambiguation of ECMAScript Temporal and of RFC 5545 (iCalendar) local times: a time in
 * a gap (02:30 on a spring-forward night in Europe/Berlin) is read with the offset in force before the gap, which
 * lands as far after the gap's start as the time is (03:30 CEST); a time in an overlap (02:30 on a fall-back night)
 * is the earlier instant (02:30 CEST, not CET). Either way the caller is told, so an importer can report it.
 */
export function instantOfWallClock(wallMs: number, zone: string): ZonedInstant {
  // Offsets a day either side bracket any single transition near the wall time (no zone changes twice in two days).
  const before = utcOffsetAt(zone, wallMs - MS_PER_DAY);
  const after = utcOffsetAt(zone, wallMs + MS_PER_DAY);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const ms = wallMs - offset;
    if (utcOffsetAt(zone, ms) === offset) candidates.push(ms);
  }
  if (candidates.length === 1) return { ms: candidates[0]! };
  if (candidates.length > 1) return { ms: Math.min(...candidates), adjusted: 'overlap' };
  return { ms: wallMs - before, adjusted: 'gap' };
}

export type TimestampResult =
  | { ok: true; ms: number; /** ISO 8601 in UTC, without milliseconds when they are 0. */ iso: string; adjusted?: Disambiguation }
  | { ok: false; reason: string };

/** Values that exports write for "no date": empty, `?` (the UCI log), `NULL`, `-`. */
export function isMissing(text: string): boolean {
  const v = text.trim();
  return v === '' || v === '?' || v === '-' || v.toUpperCase() === 'NULL' || v.toUpperCase() === 'N/A';
}

/**
 * A reader of timestamps in the given formats and zone, with a cache (exports repeat the same values on many rows:
 * the UCI log writes each incident's `opened_at` on every one of its updates).
 */
export function createTimestampReader(formats: readonly string[], zone: string): (text: string) => TimestampResult {
  const compiled = formats.map(compileDateFormat);
  utcOffsetAt(zone, 0); // fails now, with the zone's name, if the runtime does not know it
  const cache = new Map<string, TimestampResult>();
  return (text: string) => {
    let result = cache.get(text);
    if (result === undefined) {
      if (cache.size >= 100_000) cache.clear();
      result = readTimestamp(text, compiled, zone);
      cache.set(text, result);
    }
    return result;
  };
}

export function readTimestamp(text: string, formats: readonly DateFormat[], zone: string): TimestampResult {
  if (isMissing(text)) return { ok: false, reason: `no date (${JSON.stringify(text.trim())})` };
  const value = text.trim();
  if (isInstant(value)) {
    const ms = Date.parse(value);
    return { ok: true, ms, iso: isoOf(ms) };
  }
  const parsed = parseWallClock(value, formats);
  if (!parsed) return { ok: false, reason: `${JSON.stringify(value)} is not a date in the format${formats.length === 1 ? '' : 's'} ${formats.map((f) => `"${f.source}"`).join(', ')}` };
  if (parsed.offsetMs !== undefined) {
    const ms = parsed.wallMs - parsed.offsetMs;
    return { ok: true, ms, iso: isoOf(ms) };
  }
  let zoned: ZonedInstant;
  try {
    zoned = instantOfWallClock(parsed.wallMs, zone);
  } catch {
    return { ok: false, reason: `${JSON.stringify(value)} is outside the years 1000 to 9999` };
  }
  return zoned.adjusted ? { ok: true, ms: zoned.ms, iso: isoOf(zoned.ms), adjusted: zoned.adjusted } : { ok: true, ms: zoned.ms, iso: isoOf(zoned.ms) };
}

/** `2016-02-29T01:16:00Z`: UTC, seconds always, milliseconds only when there are some. */
export function isoOf(ms: number): string {
  const millis = ((ms % 1000) + 1000) % 1000;
  const day = Math.floor(ms / MS_PER_DAY);
  if (millis !== 0 || day < 0 || day >= 2_932_897) {
    // Before 1970, after 9999 or with milliseconds: the rare cases, left to Date.
    const iso = new Date(ms).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
  }
  // Imports write hundreds of thousands of instants, and Date#toISOString is slow; this is the civil-from-days
  // algorithm of Howard Hinnant's date library (public domain), on integers.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const secondsOfDay = Math.floor((ms - day * MS_PER_DAY) / 1000);
  const hh = Math.floor(secondsOfDay / 3600);
  const mm = Math.floor((secondsOfDay % 3600) / 60);
  const ss = secondsOfDay % 60;
  return `${y}-${two(m)}-${two(d)}T${two(hh)}:${two(mm)}:${two(ss)}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
