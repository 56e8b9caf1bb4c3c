import { describe, expect, it } from 'vitest';
import { BUILTIN_24X7 } from '../../src/model/calendar.js';
import { DEFAULT_STATUSES } from '../../src/model/config.js';
import { measureAvailability, outagesAndMaintenance, type AvailabilitySettings, type OutageInterval } from '../../src/sla/availability.js';
import { resolvePeriod, type Period } from '../../src/sla/period.js';
import { buildSlaReport } from '../../src/sla/report.js';
import { compileCalendar } from '../../src/time/index.js';
import { CALENDARS, M, at, buildRepository, targets } from './helpers.js';

const utc = compileCalendar(BUILTIN_24X7.spec);
const office = compileCalendar(CALENDARS['us-office']!);
const settings: AvailabilitySettings = { target: 99.5, degradedWeight: 0.5, excludeMaintenance: true };
const outage = (start: string, end: string | null, impact: 'down' | 'degraded', ticket = 'INC'): OutageInterval => ({
  ticket,
  start: at(start),
  end: end === null ? null : at(end),
  impact,
});

// October 2026 in UTC: 31 days × 1440 = 44 640 minutes of 24x7 time.
const OCTOBER_UTC = { from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') };
const OUTAGES = [
  outage('2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z', 'down'),
  outage('2026-10-05T10:30:00Z', '2026-10-05T12:00:00Z', 'degraded'),
  outage('2026-10-06T08:00:00Z', '2026-10-06T09:00:00Z', 'degraded'),
  outage('2026-10-06T08:30:00Z', '2026-10-06T10:00:00Z', 'degraded'),
  outage('2026-10-10T03:00:00Z', '2026-10-10T05:00:00Z', 'down'),
];
const MAINTENANCE = [{ start: at('2026-10-10T02:00:00Z'), end: at('2026-10-10T04:00:00Z') }];

describe('measureAvailability', () => {
  const figures = measureAvailability(utc, settings, OCTOBER_UTC, OCTOBER_UTC.to, OUTAGES, MAINTENANCE);

  it('excludes approved maintenance from agreed time', () => {
    // 44 640 − maintenance 02:00–04:00 (120) = 44 520 min.
    expect(figures.agreedMs / M).toBe(44_520);
  });

  it('counts overlapping outages once, at the heaviest impact, and not during maintenance', () => {
    // 10-05: down 10:00–11:00 = 60 × 1; degraded 11:00–12:00 = 60 × 0.5 = 30 (10:30–11:00 is already down) → 90.
    // 10-06: two degraded outages, union 08:00–10:00 = 120 × 0.5 = 60 (not 60 × 0.5 + 90 × 0.5 = 75).
    // 10-10: down 03:00–05:00, of which 03:00–04:00 is inside maintenance → 60.
    // Total 90 + 60 + 60 = 210 min.
    expect(figures.downtimeMs / M).toBe(210);
    // 1 − 210 / 44 520 = 99.528301…%.
    expect(figures.availabilityPercent).toBeCloseTo((1 - 210 / 44_520) * 100, 10);
    expect(figures.met).toBe(true); // ≥ 99.5
  });

  it('gives the error budget, failures, MTTR and MTBF', () => {
    // Budget (1 − 0.995) × 44 520 = 222.6 min; 222.6 − 210 = 12.6 min left.
    expect(figures.errorBudgetMs / M).toBeCloseTo(222.6, 10);
    expect(figures.errorBudgetRemainingMs / M).toBeCloseTo(12.6, 10);
    // Five outages started in the window; their durations 60, 90, 60, 90, 120 → mean 420 / 5 = 84 min.
    expect(figures.failures).toBe(5);
    expect(figures.mttrMs! / M).toBe(84);
    // (44 520 − 210) / 5 = 8 862 min.
    expect(figures.mtbfMs! / M).toBe(8862);
  });

  it('counts maintenance as agreed time when excludeMaintenance is false', () => {
    const f = measureAvailability(utc, { ...settings, excludeMaintenance: false }, OCTOBER_UTC, OCTOBER_UTC.to, OUTAGES, MAINTENANCE);
    // Agreed 44 640; the 10-10 outage counts whole: 90 + 60 + 120 = 270 min.
    expect(f.agreedMs / M).toBe(44_640);
    expect(f.downtimeMs / M).toBe(270);
  });

  it('weighs degraded time by degradedWeight', () => {
    const f = measureAvailability(utc, { ...settings, degradedWeight: 1 }, OCTOBER_UTC, OCTOBER_UTC.to, OUTAGES, MAINTENANCE);
    // 10-05: 10:00–12:00 = 120; 10-06: 120; 10-10: 60 → 300 min.
    expect(f.downtimeMs / M).toBe(300);
    const none = measureAvailability(utc, { ...settings, degradedWeight: 0 }, OCTOBER_UTC, OCTOBER_UTC.to, OUTAGES, MAINTENANCE);
    // Only down time: 60 + 60 = 120 min.
    expect(none.downtimeMs / M).toBe(120);
  });

  it('clips outages to the window and to asOf; only outages starting in the window are failures', () => {
    const asOf = at('2026-10-15T00:00:00Z');
    const f = measureAvailability(
      utc,
      settings,
      OCTOBER_UTC,
      asOf,
      [outage('2026-09-30T23:00:00Z', '2026-10-01T01:00:00Z', 'down'), outage('2026-10-14T23:30:00Z', null, 'down')],
      [],
    );
    // Agreed up to asOf: 14 days × 1440 = 20 160 min.
    expect(f.agreedMs / M).toBe(20_160);
    // 00:00–01:00 on 10-01 (60) + the ongoing outage 23:30 → asOf (30) = 90 min.
    expect(f.downtimeMs / M).toBe(90);
    // The outage that began in September is not a failure of October; the ongoing one has lasted 30 min.
    expect(f.failures).toBe(1);
    expect(f.mttrMs! / M).toBe(30);
  });

  it('measures agreed time and downtime in the calendar’s working hours', () => {
    const window = { from: at('2026-10-01T00:00:00-04:00'), to: at('2026-11-01T00:00:00-04:00') };
    const f = measureAvailability(office, { ...settings, target: 99 }, window, window.to, [outage('2026-10-09T16:00:00-04:00', '2026-10-12T10:00:00-04:00', 'down')], []);
    // October 2026 has 22 weekdays (Thu 1, Fri 2, then four full weeks) × 480 = 10 560 min.
    expect(f.agreedMs / M).toBe(10_560);
    // Fri 16:00–17:00 = 60 + Mon 09:00–10:00 = 60 → 120 min (the weekend is not agreed time).
    expect(f.downtimeMs / M).toBe(120);
    expect(f.mttrMs! / M).toBe(120);
    // 1 − 120 / 10 560 = 98.86…% < 99.
    expect(f.met).toBe(false);
    // MTBF (10 560 − 120) / 1 = 10 440 min.
    expect(f.mtbfMs! / M).toBe(10_440);
  });

  it('has no availability figure without agreed time, and is then met', () => {
    const f = measureAvailability(utc, settings, OCTOBER_UTC, OCTOBER_UTC.from, [], []);
    expect(f.agreedMs).toBe(0);
    expect(f.availabilityPercent).toBeNull();
    expect(f.met).toBe(true);
    expect(f.mttrMs).toBeNull();
    expect(f.mtbfMs).toBeNull();
  });
});

describe('availability in buildSlaReport', () => {
  // Org zone New York: October = [04:00Z 10-01, 04:00Z 11-01) = 744 h = 44 640 min on the 24x7 (UTC) calendar.
  const repo = buildRepository({
    slas: {
      web: { targets: targets([['incident', 'P1', '30m', '4h'], ['change', 'P3', null, '8h']]), availability: { target: 99.9, window: 'month' } },
      quarterly: { targets: targets([['incident', 'P1', '30m', '4h']]), availability: { target: 99, window: 'quarter', degradedWeight: 0.25, excludeMaintenance: false } },
    },
    services: { web: { sla: 'web' }, api: { sla: 'quarterly' }, docs: {} },
    tickets: [
      { id: 'INC-1', service: 'web', priority: 'P1', opened: '2026-10-05T10:00:00Z', outage: { start: '2026-10-05T10:00:00Z', end: '2026-10-05T10:30:00Z', impact: 'down' } },
      { id: 'INC-2', service: 'web', priority: 'P1', opened: '2026-10-05T10:10:00Z', outage: { start: '2026-10-05T10:10:00Z', end: '2026-10-05T11:10:00Z', impact: 'degraded' } },
      { id: 'CHG-1', type: 'change', service: 'web', priority: 'P3', opened: '2026-10-01T12:00:00Z', maintenance: { start: '2026-10-11T06:00:00Z', end: '2026-10-11T07:00:00Z' } },
      { id: 'INC-3', service: 'web', priority: 'P1', opened: '2026-10-11T06:30:00Z', outage: { start: '2026-10-11T06:30:00Z', end: '2026-10-11T07:30:00Z', impact: 'down' } },
      { id: 'INC-4', service: 'api', priority: 'P1', opened: '2026-10-20T00:00:00Z', outage: { start: '2026-10-20T00:00:00Z', end: '2026-10-20T04:00:00Z', impact: 'degraded' } },
    ],
  });
  const p = resolvePeriod({ period: '2026-10' }, 'America/New_York', at('2027-01-01T00:00:00Z')) as Period;
  const r = buildSlaReport(repo, { period: p, asOf: p.to });

  it('gives one row per service with an availability target and window (services without one are left out)', () => {
    expect(r.availability.map((a) => `${a.service} ${a.sla} ${a.window}`)).toEqual(['api quarterly 2026-Q4', 'web web 2026-10']);
  });

  it('applies maintenance of the same service and the default degraded weight 0.5', () => {
    const web = r.availability.find((a) => a.service === 'web')!;
    // Agreed 44 640 − maintenance 06:00–07:00 (60) = 44 580 min.
    // 10-05: down 10:00–10:30 = 30, degraded 10:30–11:10 = 40 × 0.5 = 20 → 50; 10-11: down 07:00–07:30 = 30 → 80 min.
    expect(web).toMatchObject({ agreedMinutes: 44_580, downtimeMinutes: 80, failures: 3, targetPercent: 99.9, from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' });
    // 1 − 80 / 44 580 = 99.8205…% → 99.821 (three decimals) < 99.9: not ok.
    expect(web.availabilityPercent).toBe(99.821);
    expect(web.ok).toBe(false);
    // Budget 0.1% of 44 580 = 44.58 min; 44.58 − 80 = −35.42 (overspent).
    expect(web.errorBudgetMinutes).toBe(44.58);
    expect(web.errorBudgetRemainingMinutes).toBe(-35.42);
    // MTTR (30 + 60 + 60) / 3 = 50 min; MTBF (44 580 − 80) / 3 = 14 833.33 min.
    expect(web.mttrMinutes).toBe(50);
    expect(web.mtbfMinutes).toBe(14_833.33);
    expect(r.ok).toBe(false);
  });

  it('a quarter window reported for one month covers that month only; degradedWeight and excludeMaintenance apply', () => {
    const api = r.availability.find((a) => a.service === 'api')!;
    // Degraded 4h × 0.25 = 60 min of 44 640 → 99.866% ≥ 99.
    expect(api).toMatchObject({ agreedMinutes: 44_640, downtimeMinutes: 60, availabilityPercent: 99.866, ok: true, failures: 1, mttrMinutes: 240 });
  });

  it('is filtered by --service and --sla', () => {
    expect(buildSlaReport(repo, { period: p, asOf: p.to, filters: { service: ['api'] } }).availability.map((a) => a.service)).toEqual(['api']);
    expect(buildSlaReport(repo, { period: p, asOf: p.to, filters: { sla: ['web'] } }).availability.map((a) => a.service)).toEqual(['web']);
  });
});

describe('outagesAndMaintenance', () => {
  const categories = new Map(DEFAULT_STATUSES.map((st) => [st.id, st.category]));
  const categoryOf = (status: string) => categories.get(status);
  const ticket = (id: string, spec: Record<string, unknown>) => ({
    source: { file: `tickets/${id}.yaml`, document: 0 },
    doc: { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { priority: 'P3', title: id, opened: '2026-10-01T00:00:00Z', ...spec } },
  });

  it('makes a change window maintenance on every service the change affects, once each', () => {
    const window = { start: '2026-10-11T06:00:00Z', end: '2026-10-11T07:00:00Z' };
    const { maintenanceByService } = outagesAndMaintenance(
      [
        // web is named twice (the ticket's service and in change.services): one window, not two.
        ticket('CHG-1', { type: 'change', service: 'web', maintenance: window, change: { type: 'normal', risk: 'low', services: ['db', 'web'] } }),
        ticket('CHG-2', { type: 'change', service: 'mail', maintenance: window }),
      ] as unknown as Parameters<typeof outagesAndMaintenance>[0],
      categoryOf,
    );
    const one = [{ start: at(window.start), end: at(window.end) }];
    expect(Object.fromEntries(maintenanceByService)).toEqual({ web: one, db: one, mail: one });
  });

  it('leaves out a withdrawn ticket: a cancelled change is no maintenance, a cancelled incident no downtime', () => {
    const window = { start: '2026-10-11T06:00:00Z', end: '2026-10-11T07:00:00Z' };
    const { maintenanceByService, outagesByService } = outagesAndMaintenance(
      [
        ticket('CHG-1', { type: 'change', service: 'web', maintenance: window, timeline: [{ at: '2026-10-02T00:00:00Z', status: 'cancelled' }] }),
        // Cancelled, then reopened: its last status counts, so it is maintenance again.
        ticket('CHG-2', { type: 'change', service: 'mail', maintenance: window, timeline: [{ at: '2026-10-02T00:00:00Z', status: 'cancelled' }, { at: '2026-10-03T00:00:00Z', status: 'in-progress' }] }),
        ticket('INC-1', { type: 'incident', service: 'web', outage: { start: window.start, end: window.end, impact: 'down' }, timeline: [{ at: '2026-10-11T08:00:00Z', status: 'cancelled' }] }),
        ticket('INC-2', { type: 'incident', service: 'mail', outage: { start: window.start, end: window.end, impact: 'down' } }),
      ] as unknown as Parameters<typeof outagesAndMaintenance>[0],
      categoryOf,
    );
    expect([...maintenanceByService.keys()]).toEqual(['mail']);
    expect([...outagesByService.keys()]).toEqual(['mail']);
  });
});
