/**
 * Instants and dates as the user writes them, checked without zod: the command line checks --now and --from with
 * these before it loads anything (and the schemas in primitives.ts use them too), so they must not pull the schemas
 * into the start-up of every command.
 */

export const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The number written by the `count` characters of `text` from `at`, or -1 when one of them is not a digit 0-9. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * True for an ISO 8601 instant that names one moment: date, time and an explicit offset or `Z`. Exactly INSTANT_RE
 * plus the ranges a pattern cannot check (a test compares the two on random text), read character by character:
 * every instant of every ticket passes here, and a regex match allocates its groups.
 */
export function isInstant(value: string): boolean {
  return !Number.isNaN(msOfInstant(value));
}

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * `Date.parse(value)`, the same number for every text (a test compares the two), computed from the digits for an
 * instant isInstant accepts (a fraction of a second truncated to milliseconds, as V8 does): every instant of every
 * ticket is parsed once when the ticket columns are built, and Date.parse costs several times this. Any text
 * isInstant refuses goes to Date.parse.
 */
export function instantMs(value: string): number {
  const ms = msOfInstant(value);
  return Number.isNaN(ms) ? Date.parse(value) : ms;
}

/**
 * The milliseconds since the epoch of an instant as isInstant defines it, checked and read in one pass; NaN for any
 * other text (a valid instant never gives NaN).
 */
function msOfInstant(value: string): number {
  const n = value.length;
  // YYYY-MM-DDTHH:MM then [:SS[.fraction]] then Z or ±HH:MM
  if (n < 17 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58) return Number.NaN;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  if (year < 0 || !isRealDate(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let i = 16;
  let seconds = 0;
  let ms = 0;
  if (value.charCodeAt(i) === 58) {
    seconds = digitsAt(value, i + 1, 2);
    if (seconds < 0 || seconds > 59) return Number.NaN;
    i += 3;
    if (value.charCodeAt(i) === 46) {
      // Milliseconds are the first three digits of the fraction, padded with zeros: ".1" is 100, ".1239" is 123.
      let end = i + 1;
      let scale = 100;
      for (; end < n; end++) {
        const digit = digitsAt(value, end, 1);
        if (digit < 0) break;
        if (scale >= 1) ms += digit * scale;
        scale /= 10;
      }
      if (end === i + 1 || end - (i + 1) > 9) return Number.NaN;
      i = end;
    }
  }
  let offsetMinutes = 0;
  const sign = value.charCodeAt(i);
  if (sign === 90) {
    if (i + 1 !== n) return Number.NaN;
  } else {
    if ((sign !== 43 && sign !== 45) || i + 6 !== n || value.charCodeAt(i + 3) !== 58) return Number.NaN;
    const offsetHours = digitsAt(value, i + 1, 2);
    const offsetMins = digitsAt(value, i + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return Number.NaN;
    offsetMinutes = offsetHours * 60 + offsetMins;
    if (sign === 45) offsetMinutes = -offsetMinutes;
  }
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return minutes * 60_000 + seconds * 1000 + ms;
}
