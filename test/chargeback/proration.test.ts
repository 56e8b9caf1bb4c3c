import { describe, expect, it } from 'vitest';
import { costLineInSegment } from '../../src/chargeback/costs.js';
import { daysInMonth, MAX_PERIOD_DAYS, monthSegments, overlapDays, periodDays, segmentOfDate, segmentOfInstant } from '../../src/chargeback/days.js';
import { rational } from '../../src/chargeback/money.js';
import { charge, chargebackRepository, month, summary, usd } from './helpers.js';

describe('monthSegments', () => {
  it('cuts a quarter into its months, each with its own length', () => {
    expect(monthSegments('2028-01-01', '2028-04-01')).toEqual([
      { month: '2028-01', start: '2028-01-01', end: '2028-02-01', monthDays: 31, days: 31 },
      { month: '2028-02', start: '2028-02-01', end: '2028-03-01', monthDays: 29, days: 29 },
      { month: '2028-03', start: '2028-03-01', end: '2028-04-01', monthDays: 31, days: 31 },
    ]);
  });

  it('clips the first and last month to a period of dates', () => {
    expect(monthSegments('2026-11-20', '2026-12-10')).toEqual([
      { month: '2026-11', start: '2026-11-20', end: '2026-12-01', monthDays: 30, days: 11 },
      { month: '2026-12', start: '2026-12-01', end: '2026-12-10', monthDays: 31, days: 9 },
    ]);
  });

  it('knows leap years: February 2028 has 29 days, 2026 and 2100 have 28, 2000 had 29', () => {
    expect([daysInMonth('2028-02-01'), daysInMonth('2026-02-01'), daysInMonth('2100-02-01'), daysInMonth('2000-02-01')]).toEqual([29, 28, 28, 29]);
  });
});

describe('segmentOfDate and segmentOfInstant', () => {
  // [2026-11-10, 2027-01-05): 2026-11 from the 10th, 2026-12, 2027-01 to the 4th.
  const segments = monthSegments('2026-11-10', '2027-01-05');

  it('finds the month segment that holds a date, or -1 outside the period', () => {
    expect(['2026-11-09', '2026-11-10', '2026-11-30', '2026-12-01', '2026-12-31', '2027-01-04', '2027-01-05'].map((d) => segmentOfDate(segments, d))).toEqual([-1, 0, 0, 1, 1, 2, -1]);
  });

  it('finds the span that holds an instant, its end excluded', () => {
    const spans = [
      { start: 0, end: 10 },
      { start: 10, end: 25 },
      { start: 25, end: 26 },
    ];
    expect([-1, 0, 9, 10, 24, 25, 26].map((ms) => segmentOfInstant(spans, ms))).toEqual([-1, 0, 0, 1, 1, 2, -1]);
    expect(segmentOfInstant([], 5)).toBe(-1);
  });
});

describe('the longest period', () => {
  it('is 3,660 days: ten years and their leap days, with a few to spare', () => {
    // 2026-01-01 to 2036-01-01: 10 × 365 + 2 (2028-02-29, 2032-02-29) = 3,652 days; a decade holds at most 3 leap days.
    expect(periodDays('2026-01-01', '2036-01-01')).toBe(3652);
    expect(MAX_PERIOD_DAYS).toBe(3660);
  });
});

describe('overlapDays', () => {
  it('counts the inclusive `to` of a subscription against the half-open month', () => {
    // from 14 September: 14…30 = 17 days of September.
    expect(overlapDays('2026-09-14', undefined, '2026-09-01', '2026-10-01')).toBe(17);
    // to 10 November (inclusive): 1…10 = 10 days.
    expect(overlapDays('2024-01-01', '2026-11-10', '2026-11-01', '2026-12-01')).toBe(10);
    // one day: from = to.
    expect(overlapDays('2026-11-30', '2026-11-30', '2026-11-01', '2026-12-01')).toBe(1);
    // ends the day before the month: nothing.
    expect(overlapDays('2026-10-01', '2026-10-31', '2026-11-01', '2026-12-01')).toBe(0);
    // the leap day alone.
    expect(overlapDays('2028-02-29', '2028-02-29', '2028-02-01', '2028-03-01')).toBe(1);
  });
});

describe('proration of monthly prices', () => {
  it('prorates a per-unit subscription across a month boundary by the days of each month', () => {
    const repository = chargebackRepository({
      services: { mail: { pricing: { model: 'per-unit', unit: 'mailbox', rate: 6.5 } } },
      consumers: { sales: { subscriptions: [{ service: 'mail', units: 10, from: '2026-01-20', to: '2026-02-10' }] } },
    });
    const result = charge(repository, { label: '2026-Q1', from: '2026-01-01', to: '2026-04-01' });
    // January: 20…31 = 12 days of 31 → 10 × 12 ÷ 31 × 6.50 = 780 ÷ 31 = 25.161… → 25.16.
    // February: 1…10 = 10 days of 28 → 10 × 10 ÷ 28 × 6.50 = 650 ÷ 28 = 23.214… → 23.21. March: nothing.
    expect(summary(result)).toEqual([
      ['sales', 'mail', 'charge', '2026-01', '25.16'],
      ['sales', 'mail', 'charge', '2026-02', '23.21'],
    ]);
    const [january] = result.lines;
    expect(january).toMatchObject({ unitDays: 120, monthDays: 31, quantity: rational(120, 31) });
    expect(result.totals.total).toBe(4837n);
  });

  it('prorates across the leap day 2028-02-29: one day of 29 in February, one of 31 in March', () => {
    const repository = chargebackRepository({
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      services: {
        seats: { pricing: { model: 'per-unit', unit: 'seat', rate: 29 } },
        support: { pricing: { model: 'fixed', amount: 290 } },
      },
      consumers: {
        lab: {
          subscriptions: [
            { service: 'seats', units: 3, from: '2028-02-29', to: '2028-03-01' },
            { service: 'support', from: '2028-02-29', to: '2028-03-01' },
          ],
        },
      },
    });
    const result = charge(repository, { label: '2028-Q1', from: '2028-01-01', to: '2028-04-01' });
    // seats, February: 3 × 29.00 × 1/29 = 3.00; March: 3 × 29.00 × 1/31 = 87 ÷ 31 = 2.806… → 2.81.
    // support, February: 290.00 × 1/29 = 10.00; March: 290 ÷ 31 = 9.354… → 9.35. Total 25.16.
    expect(summary(result)).toEqual([
      ['lab', 'seats', 'charge', '2028-02', '3.00'],
      ['lab', 'seats', 'charge', '2028-03', '2.81'],
      ['lab', 'support', 'charge', '2028-02', '10.00'],
      ['lab', 'support', 'charge', '2028-03', '9.35'],
    ]);
    expect(usd(result.totals.total)).toBe('25.16');
    // February 2027 has 28 days: the same day (1 March) is then 1/31 and 28 February 1/28 = 290 ÷ 28 = 10.357… → 10.36.
    const next = chargebackRepository({
      services: { support: { pricing: { model: 'fixed', amount: 290 } } },
      consumers: { lab: { subscriptions: [{ service: 'support', from: '2027-02-28', to: '2027-02-28' }] } },
    });
    expect(summary(charge(next, month('2027-02')))).toEqual([['lab', 'support', 'charge', '2027-02', '10.36']]);
  });

  it('counts a day once when two subscriptions to a fixed-price service overlap', () => {
    const repository = chargebackRepository({
      services: { vpn: { pricing: { model: 'fixed', amount: 300 } } },
      consumers: {
        legal: {
          subscriptions: [
            { service: 'vpn', from: '2026-11-01', to: '2026-11-20' },
            { service: 'vpn', from: '2026-11-11', to: '2026-11-25' },
          ],
        },
      },
    });
    // Days 1…25 are covered (1–20 and 11–25 overlap on 11–20): 300 × 25 ÷ 30 = 250.00.
    expect(summary(charge(repository, month('2026-11')))).toEqual([['legal', 'vpn', 'charge', '2026-11', '250.00']]);
  });

  it('adds up the unit-days of successive subscriptions of one consumer', () => {
    const repository = chargebackRepository({
      services: { laptops: { pricing: { model: 'per-unit', unit: 'device', rate: 45 } } },
      consumers: {
        support: {
          subscriptions: [
            { service: 'laptops', units: 150, from: '2024-01-01', to: '2026-09-13' },
            { service: 'laptops', units: 175, from: '2026-09-14' },
          ],
        },
      },
    });
    // 150 × 13 days + 175 × 17 days = 1 950 + 2 975 = 4 925 device-days ÷ 30 × 45.00 = 7 387.50.
    const [line] = charge(repository, month('2026-09')).lines;
    expect(line).toMatchObject({ unitDays: 4925, monthDays: 30, amount: 738_750n });
  });

  it('prorates a month that the period cuts, for prices and for costs', () => {
    const repository = chargebackRepository({
      services: {
        vpn: { pricing: { model: 'fixed', amount: 310 }, costs: [{ item: 'Gateway', amount: 3100, per: 'month' }] },
      },
      consumers: { legal: { subscriptions: [{ service: 'vpn', from: '2026-01-01' }] } },
    });
    // 10…19 December = 10 days of 31: price 310 × 10 ÷ 31 = 100.00; cost 3 100 × 10 ÷ 31 = 1 000.00.
    const result = charge(repository, { label: '2026-12-10 – 2026-12-20', from: '2026-12-10', to: '2026-12-20' });
    expect(summary(result)).toEqual([['legal', 'vpn', 'charge', '2026-12', '100.00']]);
    expect(result.lines[0]).toMatchObject({ start: '2026-12-10', end: '2026-12-20' });
    expect(usd(result.services[0]!.cost)).toBe('1000.00');
  });
});

describe('costLineInSegment', () => {
  const segment = (m: string) => monthSegments(`${m}-01`, m.endsWith('12') ? `${Number(m.slice(0, 4)) + 1}-01-01` : `${m.slice(0, 5)}${String(Number(m.slice(5)) + 1).padStart(2, '0')}-01`)[0]!;

  it('splits a yearly cost over the twelve months to the cent, odd cents to the earliest months', () => {
    // 28 000.00 a year = 2 800 000 cents ÷ 12 = 233 333.33; 12 × 233 333 = 2 799 996, four cents left for Jan–Apr.
    const months = Array.from({ length: 12 }, (_, i) => costLineInSegment(28_000, 'year', segment(`2026-${String(i + 1).padStart(2, '0')}`), 2));
    expect(months.slice(0, 5).map(usd)).toEqual(['2333.34', '2333.34', '2333.34', '2333.34', '2333.33']);
    expect(months.reduce((s, m) => s + m, 0n)).toBe(2_800_000n);
    expect(costLineInSegment('9400', 'month', segment('2026-11'), 2)).toBe(940_000n);
  });
});
