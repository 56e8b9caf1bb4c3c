/**
 * The catalog's figures in words, as a service owner would write them: durations ("4 business hours"), calendars
 * ("Mon–Fri 08:00–18:00 America/New_York, except 13 holidays"), money ("USD 1,450.00"), pricing and service credits.
 * Pure and locale-independent (no Intl number formatting), so that the output is byte-identical on every machine.
 */
import { WEEKDAYS, type CalendarSpec, type Weekday } from '../model/calendar.js';
import { parseDuration } from '../model/primitives.js';
import type { Pricing } from '../model/service.js';
import type { TicketType } from '../model/ticket-type.js';
import { parseWorkingInterval } from '../time/index.js';

/** "1 holiday", "13 holidays". */
export function countOf(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]!}`;
}

/** Whole numbers with thousands separators ("10,000"); decimals as written ("2.5"). */
export function formatNumber(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** "95%", "99.95%": percentages as written in the YAML. */
export function formatPercent(value: number): string {
  return `${String(value)}%`;
}

/**
 * An amount as a decimal string exactly as written, with at least two decimals and no trailing zeros beyond them:
 * 6.5 → "6.50", "0.0250" → "0.025", 9400 → "9400.00". Money is validated to at most four decimals, so no rounding
 * ever happens here.
 */
export function moneyDecimal(value: number | string): string {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const [whole = '0', fraction = ''] = text.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}

/** "USD 1,450.00", "USD 0.045". */
export function formatMoney(currency: string, value: number | string): string {
  const [whole = '0', fraction = '00'] = moneyDecimal(value).split('.');
  return `${currency} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** Minor units of 1/10,000: exact sums of amounts with up to four decimals. */
function toUnits(value: number | string): bigint {
  const [whole = '0', fraction = ''] = moneyDecimal(value).split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
}

function fromUnits(units: bigint): string {
  const whole = units / 10_000n;
  const fraction = (units % 10_000n).toString().padStart(4, '0');
  return moneyDecimal(`${whole.toString()}.${fraction}`);
}

/** The exact sum of amounts, as a decimal string. */
export function sumMoney(values: readonly (number | string)[]): string {
  return fromUnits(values.reduce<bigint>((sum, v) => sum + toUnits(v), 0n));
}

/**
 * A duration in words. Hours and minutes are "business" hours when the calendar they are counted on is not
 * round-the-clock (ITIL "agreed service time"): "4 business hours", "30 business min", "1 business hour 30 min";
 * on 24x7 they are plain: "4 hours". Business days are always business days. Text that is not a duration is
 * returned as written.
 */
export function durationWords(value: string, businessTime: boolean): string {
  const parsed = parseDuration(value);
  if (parsed === undefined) return value;
  if (parsed.kind === 'businessDays') return countOf(parsed.days, 'business day');
  const hours = Math.floor(parsed.minutes / 60);
  const minutes = parsed.minutes % 60;
  const business = businessTime ? 'business ' : '';
  if (hours === 0) return `${minutes} ${business}min`;
  const hourText = countOf(hours, `${business}hour`);
  return minutes === 0 ? hourText : `${hourText} ${minutes} min`;
}

const DAY_ABBREVIATIONS: Record<Weekday, string> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};

/** "08:00-12:00" → "08:00–12:00" (an en dash, as ranges are typeset). */
function intervalWords(interval: string): string {
  return interval.replace('-', '–');
}

/** A day's intervals sorted by start, so that the same hours written in another order compare equal. */
function dayKey(hours: readonly string[] | undefined): string[] {
  return [...(hours ?? [])].sort((a, b) => (parseWorkingInterval(a)?.from ?? 0) - (parseWorkingInterval(b)?.from ?? 0));
}

function coversWholeDay(hours: readonly string[]): boolean {
  const intervals = hours.map(parseWorkingInterval).filter((i) => i !== undefined).sort((a, b) => a.from - b.from);
  let reached = 0;
  for (const interval of intervals) {
    if (interval.from > reached) return false;
    reached = Math.max(reached, interval.to);
  }
  return reached === 24 * 60;
}

/** Whether every hour of every day is working time, with no holidays or special days: plain time, not business time. */
export function isRoundTheClock(spec: CalendarSpec): boolean {
  return (
    WEEKDAYS.every((day) => coversWholeDay(spec.hours[day] ?? [])) &&
    (spec.holidays ?? []).length === 0 &&
    (spec.specialDays ?? []).length === 0
  );
}

/**
 * A calendar's week in words: runs of consecutive weekdays with the same hours are grouped ("Mon–Fri 08:00–18:00,
 * Sat 09:00–13:00"), then the zone, then what the weekly pattern does not show ("except 13 holidays, with special
 * hours on 2 days"). A calendar that works every hour of every day reads "every hour of every day".
 */
export function calendarWords(spec: CalendarSpec): string {
  const holidays = (spec.holidays ?? []).length;
  const special = (spec.specialDays ?? []).length;
  const exceptions: string[] = [];
  if (holidays > 0) exceptions.push(`except ${countOf(holidays, 'holiday')}`);
  if (special > 0) exceptions.push(`with special hours on ${countOf(special, 'day')}`);
  const tail = exceptions.length > 0 ? `, ${exceptions.join(', ')}` : '';

  if (WEEKDAYS.every((day) => coversWholeDay(spec.hours[day] ?? []))) {
    return exceptions.length === 0 ? 'every hour of every day' : `every hour of every day in ${spec.timeZone}${tail}`;
  }
  const groups: { days: Weekday[]; hours: string[] }[] = [];
  for (const day of WEEKDAYS) {
    const hours = dayKey(spec.hours[day]);
    const last = groups[groups.length - 1];
    // Days are visited in order, so the last group always ends the day before: equal hours extend it.
    if (last !== undefined && last.hours.join() === hours.join()) {
      last.days.push(day);
    } else {
      groups.push({ days: [day], hours });
    }
  }
  const working = groups.filter((g) => g.hours.length > 0);
  if (working.length === 0) return `no working hours${tail}`;
  const text = working
    .map((g) => {
      const first = DAY_ABBREVIATIONS[g.days[0]!];
      const last = DAY_ABBREVIATIONS[g.days[g.days.length - 1]!];
      const days = g.days.length === 7 ? 'daily' : g.days.length === 1 ? first : `${first}–${last}`;
      return `${days} ${listWords(g.hours.map(intervalWords))}`;
    })
    .join(', ');
  return `${text} ${spec.timeZone}${tail}`;
}

/** A day's hours in words: "08:00–12:00 and 13:00–17:00", "closed". */
export function dayHoursWords(hours: readonly string[]): string {
  return hours.length === 0 ? 'closed' : listWords(dayKey(hours).map(intervalWords));
}

const TYPE_PLURALS: Record<TicketType, string> = {
  incident: 'incidents',
  request: 'requests',
  problem: 'problems',
  change: 'changes',
};

/** "P1 incidents". */
export function targetLabel(type: TicketType, priority: string): string {
  return `${priority} ${TYPE_PLURALS[type]}`;
}

/** "4 business hours, 95% of the time". */
export function objectiveWords(within: string, objective: number, businessTime: boolean): string {
  return `${durationWords(within, businessTime)}, ${formatPercent(objective)} of the time`;
}

/**
 * One target as a sentence: "P1 incidents: response 15 min, resolution 4 hours, 95% of the time" when both objectives
 * are the same; otherwise each objective with its own share.
 */
export function targetSentence(
  label: string,
  response: { within: string; objective: number } | null,
  resolution: { within: string; objective: number } | null,
  businessTime: boolean,
): string {
  const parts: [string, { within: string; objective: number }][] = [];
  if (response) parts.push(['response', response]);
  if (resolution) parts.push(['resolution', resolution]);
  if (parts.length === 0) return `${label}: no target`;
  const same = parts.every(([, o]) => o.objective === parts[0]![1].objective);
  if (same) {
    return `${label}: ${parts.map(([metric, o]) => `${metric} ${durationWords(o.within, businessTime)}`).join(', ')}, ${formatPercent(parts[0]![1].objective)} of the time`;
  }
  return `${label}: ${parts.map(([metric, o]) => `${metric} ${durationWords(o.within, businessTime)} (${formatPercent(o.objective)} of the time)`).join(', ')}`;
}

const WINDOW_NOUNS = { month: 'month', quarter: 'quarter', year: 'year' } as const;

/** "99.9% per month, maintenance windows excluded". */
export function availabilityWords(target: number, window: 'month' | 'quarter' | 'year', excludeMaintenance: boolean): string {
  return `${formatPercent(target)} per ${WINDOW_NOUNS[window]}${excludeMaintenance ? ', maintenance windows excluded' : ''}`;
}

/** "5% of the month's charge below 99.9%, 10% below 99.5%", highest threshold first; null without credits. */
export function creditsWords(credits: readonly { below: number; credit: number }[], window: 'month' | 'quarter' | 'year' | null): string | null {
  if (credits.length === 0) return null;
  const charge = window === null ? 'the charge' : `the ${WINDOW_NOUNS[window]}'s charge`;
  return credits
    .map((c, i) => (i === 0 ? `${formatPercent(c.credit)} of ${charge} below ${formatPercent(c.below)}` : `${formatPercent(c.credit)} below ${formatPercent(c.below)}`))
    .join(', ');
}

const DRIVER_WORDS = {
  headcount: 'in proportion to their headcount',
  units: 'in proportion to their subscribed units',
  tickets: 'in proportion to the tickets they raise',
  even: 'in equal shares',
} as const;

/** Graduated tiers: "USD 9.00 up to 100, USD 7.50 over 100 up to 500, USD 6.00 over 500". */
function tierWords(currency: string, tiers: readonly { upTo?: number | undefined; rate: number | string }[]): string {
  let previous: number | undefined;
  const parts = tiers.map((tier) => {
    const price = formatMoney(currency, tier.rate);
    const from = previous === undefined ? '' : `over ${formatNumber(previous)}`;
    const to = tier.upTo === undefined ? '' : `up to ${formatNumber(tier.upTo)}`;
    previous = tier.upTo;
    return [price, from, to].filter((p) => p !== '').join(' ');
  });
  return listWords(parts);
}

/** How consumers are charged, in one or two sentences (the chargeback model of docs/format.md, "Pricing models"). */
export function pricingWords(currency: string, pricing: Pricing): string {
  switch (pricing.model) {
    case 'none':
      return 'Not charged.';
    case 'fixed':
      return `${formatMoney(currency, pricing.amount)} per subscriber per month.`;
    case 'per-unit':
      if (pricing.tiers !== undefined) {
        return `Per ${pricing.unit} per month, in graduated tiers (each prices only the units within it): ${tierWords(currency, pricing.tiers)}.`;
      }
      return `${formatMoney(currency, pricing.rate ?? 0)} per ${pricing.unit} per month.`;
    case 'usage':
      if (pricing.tiers !== undefined) {
        return `Per ${pricing.unit} used, in graduated tiers (each prices only the quantity within it): ${tierWords(currency, pricing.tiers)}.`;
      }
      return `${formatMoney(currency, pricing.rate ?? 0)} per ${pricing.unit} used.`;
    case 'per-request':
      return 'Per fulfilled request, at the price of the offering requested.';
    case 'allocation': {
      const driver = pricing.driver === 'usage' ? `in proportion to their metered usage (${pricing.metric ?? 'usage'})` : DRIVER_WORDS[pricing.driver];
      return `Cost recovery: the cost of running the service is shared among its consumers ${driver}.`;
    }
  }
}
