import { describe, expect, it } from 'vitest';
import { BUILTIN_24X7 } from '../../src/model/calendar.js';
import {
  availabilityWords,
  calendarWords,
  creditsWords,
  durationWords,
  formatMoney,
  isRoundTheClock,
  moneyDecimal,
  pricingWords,
  sumMoney,
  targetSentence,
} from '../../src/catalog/words.js';

const weekdays = (hours: string[]) => ({ monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours });

describe('durations in words', () => {
  it.each([
    ['15m', false, '15 min'],
    ['4h', false, '4 hours'],
    ['1h', false, '1 hour'],
    ['1h30m', false, '1 hour 30 min'],
    ['PT2H15M', false, '2 hours 15 min'],
    ['30m', true, '30 business min'],
    ['4h', true, '4 business hours'],
    ['1h30m', true, '1 business hour 30 min'],
    ['1bd', true, '1 business day'],
    ['3bd', false, '3 business days'],
    ['not a duration', true, 'not a duration'],
  ])('%s (business time: %s) is "%s"', (value, business, expected) => {
    expect(durationWords(value, business)).toBe(expected);
  });
});

describe('calendars in words', () => {
  it('groups consecutive weekdays with the same hours and counts the exceptions', () => {
    expect(
      calendarWords({
        timeZone: 'America/New_York',
        hours: weekdays(['08:00-18:00']),
        holidays: Array.from({ length: 11 }, (_, i) => ({ date: `2026-01-${String(i + 1).padStart(2, '0')}`, name: `H${i}` })),
      }),
    ).toBe('Mon–Fri 08:00–18:00 America/New_York, except 11 holidays');
  });

  it('writes split days, a short Saturday and special days', () => {
    expect(
      calendarWords({
        timeZone: 'Europe/Berlin',
        hours: { ...weekdays(['13:00-17:00', '08:00-12:00']), saturday: ['09:00-13:00'] },
        holidays: [{ date: '2026-12-25', name: 'Christmas' }],
        specialDays: [{ date: '2026-12-24', name: 'Eve', hours: ['08:00-12:00'] }],
      }),
    ).toBe('Mon–Fri 08:00–12:00 and 13:00–17:00, Sat 09:00–13:00 Europe/Berlin, except 1 holiday, with special hours on 1 day');
  });

  it('does not group days that are not consecutive', () => {
    expect(calendarWords({ timeZone: 'UTC', hours: { monday: ['09:00-12:00'], wednesday: ['09:00-12:00'], thursday: ['09:00-12:00'] } })).toBe(
      'Mon 09:00–12:00, Wed–Thu 09:00–12:00 UTC',
    );
  });

  it('says "daily" for seven equal days and "every hour of every day" for round the clock', () => {
    const all = (hours: string[]) => ({ ...weekdays(hours), saturday: hours, sunday: hours });
    expect(calendarWords({ timeZone: 'UTC', hours: all(['06:00-22:00']) })).toBe('daily 06:00–22:00 UTC');
    expect(calendarWords(BUILTIN_24X7.spec)).toBe('every hour of every day');
    expect(calendarWords({ timeZone: 'Europe/Berlin', hours: all(['00:00-12:00', '12:00-24:00']), holidays: [{ date: '2026-12-25', name: 'X' }] })).toBe(
      'every hour of every day in Europe/Berlin, except 1 holiday',
    );
  });

  it('counts only calendars without any exception as round the clock (plain hours, not business hours)', () => {
    const all = { ...weekdays(['00:00-24:00']), saturday: ['00:00-24:00'], sunday: ['00:00-24:00'] };
    expect(isRoundTheClock(BUILTIN_24X7.spec)).toBe(true);
    expect(isRoundTheClock({ timeZone: 'UTC', hours: all, holidays: [{ date: '2026-12-25', name: 'X' }] })).toBe(false);
    expect(isRoundTheClock({ timeZone: 'UTC', hours: weekdays(['00:00-24:00']) })).toBe(false);
  });
});

describe('money', () => {
  it('keeps the amount as written, with at least two decimals and thousands separators', () => {
    expect(moneyDecimal(6.5)).toBe('6.50');
    expect(moneyDecimal('0.0250')).toBe('0.025');
    expect(moneyDecimal(9400)).toBe('9400.00');
    expect(formatMoney('USD', 420000)).toBe('USD 420,000.00');
    expect(formatMoney('EUR', '0.045')).toBe('EUR 0.045');
    expect(formatMoney('EUR', '1234567890.1234')).toBe('EUR 1,234,567,890.1234');
  });

  it('adds exactly, where binary floating point would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney([0.1, 0.2])).toBe('0.30');
    expect(sumMoney(['1234567890.1234', '0.0001'])).toBe('1234567890.1235');
  });
});

describe('service levels and pricing in words', () => {
  it('writes one objective when both metrics share it, else each its own', () => {
    expect(targetSentence('P1 incidents', { within: '15m', objective: 95 }, { within: '4h', objective: 95 }, true)).toBe(
      'P1 incidents: response 15 business min, resolution 4 business hours, 95% of the time',
    );
    expect(targetSentence('P2 incidents', { within: '1h', objective: 95 }, { within: '12h', objective: 90 }, false)).toBe(
      'P2 incidents: response 1 hour (95% of the time), resolution 12 hours (90% of the time)',
    );
    expect(targetSentence('P4 requests', null, { within: '2bd', objective: 90 }, true)).toBe('P4 requests: resolution 2 business days, 90% of the time');
  });

  it('writes availability and credits, highest threshold first', () => {
    expect(availabilityWords(99.9, 'month', true)).toBe('99.9% per month, maintenance windows excluded');
    expect(availabilityWords(99, 'quarter', false)).toBe('99% per quarter');
    expect(creditsWords([{ below: 99.9, credit: 5 }, { below: 99, credit: 25 }], 'month')).toBe("5% of the month's charge below 99.9%, 25% below 99%");
    expect(creditsWords([], 'month')).toBeNull();
  });

  it.each([
    [{ model: 'none' }, 'Not charged.'],
    [{ model: 'fixed', amount: 400 }, 'USD 400.00 per subscriber per month.'],
    [{ model: 'per-unit', unit: 'mailbox', rate: 6.5 }, 'USD 6.50 per mailbox per month.'],
    [
      { model: 'per-unit', unit: 'user', tiers: [{ upTo: 100, rate: 9 }, { upTo: 500, rate: '7.50' }, { rate: 6 }] },
      'Per user per month, in graduated tiers (each prices only the units within it): USD 9.00 up to 100, USD 7.50 over 100 up to 500 and USD 6.00 over 500.',
    ],
    [{ model: 'usage', metric: 'vcpu-hours', unit: 'vCPU-hour', rate: 0.045 }, 'USD 0.045 per vCPU-hour used.'],
    [
      { model: 'usage', metric: 'gb', unit: 'GB-month', tiers: [{ upTo: 10000, rate: 0.08 }, { rate: 0.04 }] },
      'Per GB-month used, in graduated tiers (each prices only the quantity within it): USD 0.08 up to 10,000 and USD 0.04 over 10,000.',
    ],
    [{ model: 'per-request' }, 'Per fulfilled request, at the price of the offering requested.'],
    [{ model: 'allocation', driver: 'even' }, 'Cost recovery: the cost of running the service is shared among its consumers in equal shares.'],
    [
      { model: 'allocation', driver: 'usage', metric: 'backup-gb' },
      'Cost recovery: the cost of running the service is shared among its consumers in proportion to their metered usage (backup-gb).',
    ],
  ] as const)('%j', (pricing, expected) => {
    expect(pricingWords('USD', pricing as Parameters<typeof pricingWords>[1])).toBe(expected);
  });
});
