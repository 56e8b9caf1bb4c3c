import { describe, expect, it } from 'vitest';
import { monthsOf, resolvePeriod, windowsOf, type Period } from '../../src/sla/period.js';
import { at } from './helpers.js';

const NY = 'America/New_York';
const NOW = at('2026-11-15T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
function resolved(input: Parameters<typeof resolvePeriod>[0], zone = NY, now = NOW): Period {
  const p = resolvePeriod(input, zone, now);
  if ('error' in p) throw new Error(p.error);
  return p;
}

describe('resolvePeriod', () => {
  it('reads a month, a quarter and a year from local midnight in the organisation’s zone', () => {
    // October starts 00:00 EDT (04:00Z) and ends 2026-11-01 00:00 EDT (the clocks go back at 02:00 that day).
    expect(resolved({ period: '2026-10' })).toEqual({ label: '2026-10', fromDate: '2026-10-01', toDate: '2026-11-01', from: at('2026-10-01T04:00:00Z'), to: at('2026-11-01T04:00:00Z') });
    // Q4 ends 2027-01-01 00:00 EST (05:00Z); the label is normalised to upper case.
    const q4 = resolved({ period: '2026-q4' });
    expect([q4.label, iso(q4.from), iso(q4.to)]).toEqual(['2026-Q4', '2026-10-01T04:00:00.000Z', '2027-01-01T05:00:00.000Z']);
    const year = resolved({ period: '2026' });
    expect([iso(year.from), iso(year.to)]).toEqual(['2026-01-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z']);
    // In Berlin, October starts 00:00 CEST = 22:00Z the day before.
    expect(iso(resolved({ period: '2026-10' }, 'Europe/Berlin').from)).toBe('2026-09-30T22:00:00.000Z');
  });

  it('takes --from/--to as dates (local midnight) or instants, --to exclusive', () => {
    const p = resolved({ from: '2026-10-05', to: '2026-10-12T12:00:00Z' });
    expect(p).toEqual({ label: '2026-10-05 – 2026-10-12T12:00:00Z', from: at('2026-10-05T04:00:00Z'), to: at('2026-10-12T12:00:00Z'), fromDate: '2026-10-05' });
  });

  it('defaults to the current month in the organisation’s zone', () => {
    // 03:30Z on 11-01 is still 23:30 EDT on 10-31 in New York.
    expect(resolved({}, NY, at('2026-11-01T03:30:00Z')).label).toBe('2026-10');
    expect(resolved({}, NY, at('2026-11-01T04:00:00Z')).label).toBe('2026-11');
  });

  it('returns an error message for input a user can get wrong', () => {
    const error = (input: Parameters<typeof resolvePeriod>[0]) => {
      const p = resolvePeriod(input, NY, NOW);
      return 'error' in p ? p.error : null;
    };
    expect(error({ period: '2026-10', from: '2026-10-01' })).toBe('use either --period or --from/--to, not both');
    expect(error({ from: '2026-10-01' })).toBe('--from and --to go together');
    expect(error({ period: '2026-13' })).toMatch(/^--period: expected a month/);
    expect(error({ from: '2026-10-01', to: 'tomorrow' })).toMatch(/^--to: expected a date/);
    expect(error({ from: '2026-10-02', to: '2026-10-01' })).toBe('--to must be after --from (the period is [from, to), to excluded)');
  });
});

describe('monthsOf and windowsOf', () => {
  it('splits a period into local months, each from local midnight (EDT, then EST)', () => {
    expect(monthsOf(resolved({ period: '2026-Q4' }), NY).map((m) => `${m.label} ${iso(m.from)} ${iso(m.to)}`)).toEqual([
      '2026-10 2026-10-01T04:00:00.000Z 2026-11-01T04:00:00.000Z',
      '2026-11 2026-11-01T04:00:00.000Z 2026-12-01T05:00:00.000Z',
      '2026-12 2026-12-01T05:00:00.000Z 2027-01-01T05:00:00.000Z',
    ]);
  });

  it('clips the months to a --from/--to period', () => {
    const months = monthsOf(resolved({ from: '2026-10-20', to: '2026-11-10' }), NY);
    expect(months.map((m) => `${m.label} ${iso(m.from)} ${iso(m.to)}`)).toEqual([
      '2026-10 2026-10-20T04:00:00.000Z 2026-11-01T04:00:00.000Z',
      '2026-11 2026-11-01T04:00:00.000Z 2026-11-10T05:00:00.000Z',
    ]);
  });

  it('gives the availability windows that overlap the period, clipped to it', () => {
    const year = resolved({ period: '2026' });
    expect(windowsOf(year, 'quarter', NY).map((w) => w.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(windowsOf(year, 'month', NY)).toHaveLength(12);
    // A year window reported for one quarter is that quarter.
    const q2 = resolved({ period: '2026-Q2' });
    expect(windowsOf(q2, 'year', NY)).toEqual([{ label: '2026', from: q2.from, to: q2.to }]);
  });
});

describe('relative periods', () => {
  // 2026-03-01T03:00:00Z is 22:00 EST on Saturday 2026-02-28 in New York: locally it is still February.
  const EARLY_MARCH_UTC = at('2026-03-01T03:00:00Z');
  const labelOf = (period: string, now = EARLY_MARCH_UTC, zone = NY) => resolved({ period }, zone, now);

  it('reads this- and last-month, -quarter and -year in the organisation’s zone, as of now', () => {
    expect(labelOf('this-month')).toMatchObject({ label: '2026-02', fromDate: '2026-02-01', toDate: '2026-03-01' });
    expect(labelOf('last-month')).toMatchObject({ label: '2026-01', fromDate: '2026-01-01', toDate: '2026-02-01' });
    expect(labelOf('this-quarter')).toMatchObject({ label: '2026-Q1', fromDate: '2026-01-01', toDate: '2026-04-01' });
    expect(labelOf('last-quarter')).toMatchObject({ label: '2025-Q4', fromDate: '2025-10-01', toDate: '2026-01-01' });
    expect(labelOf('this-year')).toMatchObject({ label: '2026', fromDate: '2026-01-01', toDate: '2027-01-01' });
    expect(labelOf('last-year')).toMatchObject({ label: '2025', fromDate: '2025-01-01', toDate: '2026-01-01' });
    // The instants are local midnights: 2025-10-01 00:00 EDT = 04:00Z, 2026-01-01 00:00 EST = 05:00Z.
    const q4 = labelOf('last-quarter');
    expect([iso(q4.from), iso(q4.to)]).toEqual(['2025-10-01T04:00:00.000Z', '2026-01-01T05:00:00.000Z']);
    // In UTC the same instant is already March: this-month is 2026-03, last-month February.
    expect(labelOf('this-month', EARLY_MARCH_UTC, 'UTC').label).toBe('2026-03');
    expect(labelOf('last-month', EARLY_MARCH_UTC, 'UTC').label).toBe('2026-02');
  });

  it('crosses the year back from January and the first quarter', () => {
    const newYear = at('2026-01-15T12:00:00Z');
    expect(labelOf('last-month', newYear).label).toBe('2025-12');
    expect(labelOf('last-quarter', newYear).label).toBe('2025-Q4');
    expect(labelOf('this-quarter', newYear).label).toBe('2026-Q1');
  });

  it('is the default period: no --period is this-month', () => {
    expect(resolved({}, NY, EARLY_MARCH_UTC)).toEqual(labelOf('this-month'));
  });
});

describe('the time itsm computes', () => {
  const error = (input: Parameters<typeof resolvePeriod>[0], now = NOW) => {
    const p = resolvePeriod(input, NY, now);
    return 'error' in p ? p.error : null;
  };

  it('accepts periods from 1970 to 2199, and 2200-01-01 as the end of --from/--to', () => {
    expect(error({ period: '1970' })).toBeNull();
    expect(error({ period: '2199-Q4' })).toBeNull();
    expect(error({ from: '1970-01-01T00:00:00Z', to: '2200-01-01T00:00:00Z' })).toBeNull();
    expect(error({ from: '1970-01-01', to: '2200-01-01' })).toBeNull();
  });

  it('refuses periods outside it, naming the option', () => {
    expect(error({ period: '1969-12' })).toBe('--period: 1969-12 is outside the time itsm computes (1970-01-01 to 2199-12-31)');
    expect(error({ period: '2200' })).toBe('--period: 2200 is outside the time itsm computes (1970-01-01 to 2199-12-31)');
    expect(error({ period: '0000-Q1' })).toBe('--period: 0000-Q1 is outside the time itsm computes (1970-01-01 to 2199-12-31)');
    // 00:00Z on 1970-01-01 is still 1969 in New York: last-month is December 1969.
    expect(error({ period: 'last-month' }, at('1970-01-01T00:00:00Z'))).toBe(
      '--period: last-month (1969-11) is outside the time itsm computes (1970-01-01 to 2199-12-31)',
    );
    expect(error({ from: '1969-12-31', to: '2026-01-01' })).toBe('--from: 1969-12-31 is before 1970-01-01, the first date itsm computes (1970-01-01 to 2199-12-31)');
    expect(error({ from: '2026-01-01', to: '2200-01-02' })).toBe('--to: 2200-01-02 is after 2200-01-01, the end of the dates itsm computes (1970-01-01 to 2199-12-31)');
    expect(error({ from: '1969-12-31T23:59:59Z', to: '2026-01-01' })).toBe(
      '--from: 1969-12-31T23:59:59Z is before 1970-01-01T00:00:00Z, the first instant itsm computes (1970-01-01 to 2199-12-31)',
    );
    expect(error({ from: '2026-01-01', to: '2200-01-01T00:00:00.001Z' })).toBe(
      '--to: 2200-01-01T00:00:00.001Z is after 2200-01-01T00:00:00Z, the end of the instants itsm computes (1970-01-01 to 2199-12-31)',
    );
  });

  it('splits a period of the whole range into its 2,760 months (no cap cuts it short)', () => {
    const whole = resolved({ from: '1970-01-01T00:00:00Z', to: '2200-01-01T00:00:00Z' }, 'UTC');
    const months = monthsOf(whole, 'UTC');
    expect(months).toHaveLength(2760);
    expect(months.at(-1)).toEqual({ label: '2199-12', from: at('2199-12-01T00:00:00Z'), to: at('2200-01-01T00:00:00Z') });
  });
});
