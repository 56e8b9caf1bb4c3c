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
