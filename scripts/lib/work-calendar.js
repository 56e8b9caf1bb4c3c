// Time zones and working time for the ticket generator. The generator only needs plausible timelines (agents
// work in their support hours, customers answer during the day), not the exact SLA arithmetic of `itsm`, but
// it reads the same Calendar documents so that the example stays consistent when a calendar is edited.

const MINUTE = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const formatters = new Map();
/** Per zone: UTC hour number -> offset in ms. */
const offsetCaches = new Map();

function formatter(zone) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * UTC offset of `zone` at instant `ms`, in milliseconds (local = utc + offset). Offsets of the zones we use
 * change on whole hours, so one lookup per UTC hour is exact and keeps a million tickets fast.
 */
export function zoneOffset(zone, ms) {
  if (zone === 'UTC') return 0;
  const hour = Math.floor(ms / HOUR);
  let cache = offsetCaches.get(zone);
  if (!cache) offsetCaches.set(zone, (cache = new Map()));
  let off = cache.get(hour);
  if (off === undefined) {
    const at = hour * HOUR;
    const parts = {};
    for (const p of formatter(zone).formatToParts(new Date(at))) parts[p.type] = p.value;
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
    off = local - at;
    cache.set(hour, off);
  }
  return off;
}

/** The UTC instant of a local wall-clock time; `dayIndex` counts local days since 1970-01-01. */
export function localToUtc(zone, dayIndex, minuteOfDay) {
  const naive = dayIndex * DAY + minuteOfDay * MINUTE;
  const first = zoneOffset(zone, naive);
  const utc = naive - first;
  const second = zoneOffset(zone, utc);
  return second === first ? utc : naive - second;
}

/** Local day index (days since 1970-01-01 in the zone) of an instant. */
export function localDay(zone, ms) {
  return Math.floor((ms + zoneOffset(zone, ms)) / DAY);
}

/** Local minute of day of an instant. */
export function localMinute(zone, ms) {
  const local = ms + zoneOffset(zone, ms);
  return Math.floor((local - Math.floor(local / DAY) * DAY) / MINUTE);
}

/** 0 = Monday ... 6 = Sunday, for a day index. */
export function weekdayOf(dayIndex) {
  return (((dayIndex + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function dayIndexOf(isoDate) {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY);
}

const isoDates = new Map();

/** "YYYY-MM-DD" of a day index (cached: the generator asks for the same few hundred days again and again). */
export function isoDateOf(dayIndex) {
  let text = isoDates.get(dayIndex);
  if (text === undefined) {
    text = new Date(dayIndex * DAY).toISOString().slice(0, 10);
    isoDates.set(dayIndex, text);
  }
  return text;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, k) => String(k).padStart(2, '0'));

/** "YYYY-MM-DDTHH:MM:00Z" of an instant, truncated to the minute. */
export function isoMinute(ms) {
  const day = Math.floor(ms / DAY);
  const minute = Math.floor((ms - day * DAY) / MINUTE);
  return `${isoDateOf(day)}T${TWO_DIGITS[Math.floor(minute / 60)]}:${TWO_DIGITS[minute % 60]}:00Z`;
}

const WEEKDAY_KEYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function parseInterval(text) {
  const [from, to] = text.split('-');
  const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return [minutes(from), minutes(to)];
}

/** Working time of one Calendar document: intervals per local day, converted to UTC and cached. */
export class WorkCalendar {
  constructor(id, spec) {
    this.id = id;
    this.zone = spec.timeZone;
    this.always = false;
    this.weekly = WEEKDAY_KEYS.map((k) => (spec.hours[k] ?? []).map(parseInterval));
    this.exceptions = new Map();
    for (const h of spec.holidays ?? []) this.exceptions.set(h.date, []);
    for (const s of spec.specialDays ?? []) this.exceptions.set(s.date, s.hours.map(parseInterval));
    this.days = new Map();
  }

  /** The built-in 24x7 calendar. */
  static always() {
    const c = new WorkCalendar('24x7', { timeZone: 'UTC', hours: {} });
    c.always = true;
    return c;
  }

  /** Whether the local day is a working day with its normal hours (not a holiday, special day or weekend). */
  isRegularWorkday(dayIndex) {
    if (this.always) return true;
    return !this.exceptions.has(isoDateOf(dayIndex)) && this.weekly[weekdayOf(dayIndex)].length > 0;
  }

  /** Whether the day is closed by a holiday (or a special day with no hours). */
  isClosedException(dayIndex) {
    const e = this.exceptions.get(isoDateOf(dayIndex));
    return e !== undefined && e.length === 0;
  }

  /** UTC [start, end) pairs of the working intervals of a local day. */
  intervals(dayIndex) {
    let list = this.days.get(dayIndex);
    if (list) return list;
    const local = this.exceptions.get(isoDateOf(dayIndex)) ?? this.weekly[weekdayOf(dayIndex)];
    list = local.map(([a, b]) => [localToUtc(this.zone, dayIndex, a), localToUtc(this.zone, dayIndex, b)]);
    this.days.set(dayIndex, list);
    return list;
  }

  /** The instant `minutes` of working time after `start` (or the next working instant, for 0). */
  add(start, minutes) {
    if (this.always) return start + Math.round(minutes) * MINUTE;
    let remaining = Math.round(minutes) * MINUTE;
    let t = start;
    let day = localDay(this.zone, start) - 1;
    for (let guard = 0; guard < 5000; guard++, day++) {
      for (const [s, e] of this.intervals(day)) {
        if (e <= t) continue;
        const from = s > t ? s : t;
        const available = e - from;
        if (available >= remaining) return from + remaining;
        remaining -= available;
        t = e;
      }
    }
    throw new Error(`calendar ${this.id} has no working time`);
  }

  /** The first working instant at or after `t`. */
  next(t) {
    return this.add(t, 0);
  }

  /** Length of a regular working day in minutes (of the first weekday with working time), for `bd` durations. */
  dayLength() {
    if (this.always) return 24 * 60;
    for (const intervals of this.weekly) {
      const total = intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
      if (total > 0) return total;
    }
    return 8 * 60;
  }
}

/** Working minutes of a duration as written in the model ("4h", "1h30m", "3bd", "PT4H"). */
export function durationMinutes(text, calendar) {
  const bd = /^(\d+)bd$/.exec(text);
  if (bd) return Number(bd[1]) * calendar.dayLength();
  const m = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text) ?? /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(text);
  if (!m) throw new Error(`cannot read duration "${text}"`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}
