import { describe, expect, it } from 'vitest';
import { resolvePeriod, type Period } from '../../src/sla/period.js';
import { buildSlaReport, type SlaReport, type SlaReportOptions, type SummaryRow } from '../../src/sla/report.js';
import { at, buildRepository, targets } from './helpers.js';

// The organisation is in New York, so "October 2026" is [2026-10-01 00:00 EDT, 2026-11-01 00:00 EDT)
// = [04:00Z 10-01, 04:00Z 11-01). `email` is measured on the built-in 24x7 (UTC) calendar, so its minutes are wall
// minutes; `crm` on us-office (Mon–Fri 09–17 New York). Targets: P1 30m / 4h, P2 1h / 8h; objectives 90% response,
// 80% resolution.
const repo = buildRepository({
  slas: {
    'email-sla': { targets: targets([['incident', 'P1', '30m', '4h'], ['incident', 'P2', '1h', '8h']]) },
    'crm-sla': { calendar: 'us-office', targets: targets([['incident', 'P2', '1h', '8h']]) },
  },
  services: { email: { sla: 'email-sla' }, crm: { sla: 'crm-sla' } },
  consumers: ['finance', 'sales'],
  tickets: [
    // E1: resolved 03:00Z 10-01 = 23:00 EDT 09-30: both clocks stopped in September.
    { id: 'E1', service: 'email', priority: 'P2', opened: '2026-09-30T20:00:00Z', timeline: [['2026-09-30T20:30:00Z', 'in-progress'], ['2026-10-01T03:00:00Z', 'resolved']] },
    // E2: response in September (22:30Z = 18:30 EDT), resolution 05:00Z 10-01 = 01:00 EDT: October. 7h = 420, met.
    { id: 'E2', service: 'email', priority: 'P2', opened: '2026-09-30T22:00:00Z', timeline: [['2026-09-30T22:30:00Z', 'in-progress'], ['2026-10-01T05:00:00Z', 'resolved']] },
    // E3: response 20 min met; resolution 10:00Z → 20:00Z = 600 > 480, breached.
    { id: 'E3', service: 'email', priority: 'P2', consumer: 'finance', opened: '2026-10-05T10:00:00Z', timeline: [['2026-10-05T10:20:00Z', 'in-progress'], ['2026-10-05T20:00:00Z', 'resolved']] },
    // E4: response 10 min met; resolution breached at 20:00Z 10-30 while running, resolved 11-02.
    { id: 'E4', service: 'email', priority: 'P2', consumer: 'finance', opened: '2026-10-30T12:00:00Z', timeline: [['2026-10-30T12:10:00Z', 'in-progress'], ['2026-11-02T12:00:00Z', 'resolved']] },
    // E5: response 30 min met (23:30Z = 19:30 EDT 10-31); resolution running at the end of October, met 11-01 06:00Z.
    { id: 'E5', service: 'email', priority: 'P2', opened: '2026-10-31T23:00:00Z', timeline: [['2026-10-31T23:30:00Z', 'in-progress'], ['2026-11-01T06:00:00Z', 'resolved']] },
    // E6: response 5 min met; then cancelled: the resolution clock is excluded.
    { id: 'E6', service: 'email', priority: 'P2', opened: '2026-10-10T10:00:00Z', timeline: [['2026-10-10T10:05:00Z', 'in-progress'], ['2026-10-10T12:00:00Z', 'cancelled']] },
    // E7 (P1): response 10 min in September; resolution breached 16:00Z 09-29 while running, resolved 12:00Z 10-02.
    { id: 'E7', service: 'email', priority: 'P1', opened: '2026-09-29T12:00:00Z', timeline: [['2026-09-29T12:10:00Z', 'in-progress'], ['2026-10-02T12:00:00Z', 'resolved']] },
    // E8 (P1): response 45 > 30 min, breached; resolution 10:00Z → 13:00Z = 180 ≤ 240, met.
    { id: 'E8', service: 'email', priority: 'P1', consumer: 'sales', opened: '2026-10-20T10:00:00Z', timeline: [['2026-10-20T10:45:00Z', 'in-progress'], ['2026-10-20T13:00:00Z', 'resolved']] },
    // C1: Mon 09:00 EDT, response 30 min met; resolution 09:00–15:00 = 360 met.
    { id: 'C1', service: 'crm', priority: 'P2', consumer: 'sales', opened: '2026-10-05T09:00:00-04:00', timeline: [['2026-10-05T09:30:00-04:00', 'in-progress'], ['2026-10-05T15:00:00-04:00', 'resolved']] },
    // C2: Tue 09:00, response 120 > 60 breached; resolution Tue 480 + Wed 09:00–12:00 180 = 660 > 480 breached.
    { id: 'C2', service: 'crm', priority: 'P2', consumer: 'finance', opened: '2026-10-06T09:00:00-04:00', timeline: [['2026-10-06T11:00:00-04:00', 'in-progress'], ['2026-10-07T12:00:00-04:00', 'resolved']] },
  ],
});

const TZ = 'America/New_York';
function period(label: string): Period {
  const p = resolvePeriod({ period: label }, TZ, at('2027-06-01T00:00:00Z'));
  if ('error' in p) throw new Error(p.error);
  return p;
}
function report(label: string, extra: Partial<SlaReportOptions> = {}): SlaReport {
  const p = period(label);
  return buildSlaReport(repo, { period: p, asOf: p.to, ...extra });
}
function row(r: SlaReport, sla: string, priority: string, metric: 'response' | 'resolution', group: string | null = null): SummaryRow {
  const found = r.summary.find((s) => s.sla === sla && s.priority === priority && s.metric === metric && s.group === group);
  if (!found) throw new Error(`no summary row ${sla} ${priority} ${metric} ${group}`);
  return found;
}
const counts = (s: SummaryRow) => ({ measured: s.measured, met: s.met, breached: s.breached, running: s.running, warning: s.warning, compliancePercent: s.compliancePercent, ok: s.ok });

describe('buildSlaReport: counting rules', () => {
  const october = report('2026-10');

  it('reads the period in the organisation’s zone', () => {
    expect(october.period).toEqual({ label: '2026-10', from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' });
    expect(october.asOf).toBe('2026-11-01T04:00:00.000Z');
  });

  it('lists the clocks that count in the period and the clocks still running, nothing else', () => {
    // Left out: E1 (both clocks stopped in September), E2/E7 responses (September), E6 resolution (cancelled).
    expect(october.tickets.map((t) => `${t.ticket}/${t.metric}/${t.counted ? 'counted' : t.state}`)).toEqual([
      'C1/response/counted',
      'C1/resolution/counted',
      'C2/response/counted',
      'C2/resolution/counted',
      'E2/resolution/counted',
      'E3/response/counted',
      'E3/resolution/counted',
      'E4/response/counted',
      'E4/resolution/counted',
      'E5/response/counted',
      'E5/resolution/running',
      'E6/response/counted',
      'E7/resolution/counted',
      'E8/response/counted',
      'E8/resolution/counted',
    ]);
  });

  it('counts a stopped clock in the period it stopped, even when it breached in an earlier one', () => {
    const e7 = october.tickets.find((t) => t.ticket === 'E7')!;
    // Opened 12:00Z 09-29, resolved 12:00Z 10-02: 72h = 4320 min > 240; breached at 16:00Z 09-29.
    expect(e7).toMatchObject({ state: 'breached', counted: true, elapsedMinutes: 4320, breachedAt: '2026-09-29T16:00:00.000Z', stoppedAt: '2026-10-02T12:00:00.000Z' });
  });

  it('counts a breached clock still running in the period it breached', () => {
    const e4 = october.tickets.find((t) => t.ticket === 'E4' && t.metric === 'resolution')!;
    // 12:00Z 10-30 → 04:00Z 11-01 = 40h = 2400 min; breached at 12:00Z + 8h = 20:00Z 10-30.
    expect(e4).toMatchObject({ state: 'breached', counted: true, elapsedMinutes: 2400, usedPercent: 500, breachedAt: '2026-10-30T20:00:00.000Z', stoppedAt: null });
  });

  it('lists a clock running at the period end without counting it', () => {
    const e5 = october.tickets.find((t) => t.ticket === 'E5' && t.metric === 'resolution')!;
    // 23:00Z 10-31 → 04:00Z 11-01 = 300 min of 480 (62.5%, under the 75% warning); due 04:00Z + 180 min = 07:00Z.
    expect(e5).toMatchObject({ state: 'running', counted: false, warning: false, elapsedMinutes: 300, usedPercent: 62.5, dueAt: '2026-11-01T07:00:00.000Z' });
  });

  it('sums met and breached per target; compliance = met / (met + breached)', () => {
    // crm P2 response: C1 met, C2 breached → 1 / 2 = 50% < 90%.
    expect(counts(row(october, 'crm-sla', 'P2', 'response'))).toEqual({ measured: 2, met: 1, breached: 1, running: 0, warning: 0, compliancePercent: 50, ok: false });
    // crm P2 resolution: C1 met, C2 breached → 50% < 80%.
    expect(counts(row(october, 'crm-sla', 'P2', 'resolution'))).toEqual({ measured: 2, met: 1, breached: 1, running: 0, warning: 0, compliancePercent: 50, ok: false });
    // email P1 response: E8 breached → 0%.
    expect(counts(row(october, 'email-sla', 'P1', 'response'))).toEqual({ measured: 1, met: 0, breached: 1, running: 0, warning: 0, compliancePercent: 0, ok: false });
    // email P1 resolution: E7 breached (stopped 10-02), E8 met → 50%.
    expect(counts(row(october, 'email-sla', 'P1', 'resolution'))).toEqual({ measured: 2, met: 1, breached: 1, running: 0, warning: 0, compliancePercent: 50, ok: false });
    // email P2 response: E3, E4, E5, E6 met → 100% ≥ 90%.
    expect(counts(row(october, 'email-sla', 'P2', 'response'))).toEqual({ measured: 4, met: 4, breached: 0, running: 0, warning: 0, compliancePercent: 100, ok: true });
    // email P2 resolution: E2 met, E3 breached, E4 breached while running; E5 running; E6 cancelled → 1 / 3 = 33.333%.
    expect(counts(row(october, 'email-sla', 'P2', 'resolution'))).toEqual({ measured: 3, met: 1, breached: 2, running: 1, warning: 0, compliancePercent: 33.333, ok: false });
    expect(october.ok).toBe(false);
  });

  it('orders the summary by agreement, ticket type, priority, response before resolution', () => {
    expect(october.summary.map((s) => `${s.sla} ${s.priority} ${s.metric}`)).toEqual([
      'crm-sla P2 response',
      'crm-sla P2 resolution',
      'email-sla P1 response',
      'email-sla P1 resolution',
      'email-sla P2 response',
      'email-sla P2 resolution',
    ]);
    expect(row(october, 'email-sla', 'P2', 'resolution')).toMatchObject({ slaName: 'email-sla', slaType: 'sla', type: 'incident', target: '8h', targetMinutes: 480, objectivePercent: 80, group: null });
  });

  it('counts September’s clocks in September', () => {
    const september = report('2026-09');
    // E1 response 30 min + E2 response 30 min + E7 response 10 min (P1, ≤ 30) all met; E1 resolution (23:00 EDT 09-30) met;
    // E7 resolution breached while running at the end of September (40h by 04:00Z 10-01) counts in September.
    expect(counts(row(september, 'email-sla', 'P2', 'response'))).toMatchObject({ measured: 2, met: 2 });
    expect(counts(row(september, 'email-sla', 'P2', 'resolution'))).toMatchObject({ measured: 1, met: 1, running: 1 }); // E2 runs
    expect(counts(row(september, 'email-sla', 'P1', 'response'))).toMatchObject({ measured: 1, met: 1 });
    expect(counts(row(september, 'email-sla', 'P1', 'resolution'))).toMatchObject({ measured: 1, met: 0, breached: 1 });
    const e7 = september.tickets.find((t) => t.ticket === 'E7' && t.metric === 'resolution')!;
    expect(e7).toMatchObject({ state: 'breached', stoppedAt: null, counted: true, elapsedMinutes: 2400 });
  });

  it('counts November’s stops in November: a clock that breached running in October counts again when it stops', () => {
    // The rule as written: E4 counted in October (breached while running) and in November (stopped, breached).
    const november = report('2026-11');
    // E4: 12:00Z 10-30 → 12:00Z 11-02 = 72h = 4320 min, breached. E5: 23:00Z → 06:00Z = 420 min, met.
    expect(november.tickets.map((t) => `${t.ticket}/${t.metric}/${t.state}/${t.elapsedMinutes}`)).toEqual(['E4/resolution/breached/4320', 'E5/resolution/met/420']);
    expect(counts(row(november, 'email-sla', 'P2', 'resolution'))).toMatchObject({ measured: 2, met: 1, breached: 1, compliancePercent: 50 });
    // Over the quarter each clock counts once, in the period in which it stopped (E4 in November).
    const q4 = report('2026-Q4');
    // Q4 email P2 resolution: E2 met, E3 breached, E4 breached, E5 met → 2 / 4 = 50%.
    expect(counts(row(q4, 'email-sla', 'P2', 'resolution'))).toMatchObject({ measured: 4, met: 2, breached: 2, running: 0, compliancePercent: 50 });
  });

  it('gives a monthly breakdown per agreement and metric', () => {
    const q4 = report('2026-Q4');
    // Rows come in the agreements' repository order (not sorted like the summary), so they are compared as a set.
    const monthly = q4.monthly.map((m) => `${m.sla} ${m.metric} ${m.month} ${m.met}/${m.breached} ${m.compliancePercent}`);
    expect([...monthly].sort()).toEqual([
      // crm: C1, C2 in October.
      'crm-sla resolution 2026-10 1/1 50',
      'crm-sla resolution 2026-11 0/0 null',
      'crm-sla resolution 2026-12 0/0 null',
      'crm-sla response 2026-10 1/1 50',
      'crm-sla response 2026-11 0/0 null',
      'crm-sla response 2026-12 0/0 null',
      // email resolution in October: E2, E8 met; E3, E7 breached → 2/2; November: E5 met, E4 breached → 1/1.
      'email-sla resolution 2026-10 2/2 50',
      'email-sla resolution 2026-11 1/1 50',
      'email-sla resolution 2026-12 0/0 null',
      // email response in October: E3, E4, E5, E6 met, E8 breached → 4/1 = 80%.
      'email-sla response 2026-10 4/1 80',
      'email-sla response 2026-11 0/0 null',
      'email-sla response 2026-12 0/0 null',
    ]);
  });

  it('with --fail-under, judges every target against that threshold instead of its objective', () => {
    // 50 ≥ 50 passes, 33.333 and 0 do not.
    const r = report('2026-10', { failUnder: 50 });
    expect(r.summary.filter((s) => !s.ok).map((s) => `${s.sla} ${s.priority} ${s.metric}`)).toEqual(['email-sla P1 response', 'email-sla P2 resolution']);
    expect(report('2026-10', { failUnder: 0 }).ok).toBe(true);
  });

  it('an empty period measures nothing and is ok (compliance null)', () => {
    const r = report('2026-12');
    expect(r.tickets).toEqual([]);
    expect(r.summary.every((s) => s.measured === 0 && s.compliancePercent === null && s.ok)).toBe(true);
    expect(r.ok).toBe(true);
  });

  it('measures running clocks as of asOf when asOf is inside the period', () => {
    // As of 12:00Z 10-05: E3 is open (response stopped at 10:20Z, met; resolution 120 min running).
    const p = period('2026-10');
    const r = buildSlaReport(repo, { period: p, asOf: at('2026-10-05T12:00:00Z') });
    const e3 = r.tickets.filter((t) => t.ticket === 'E3').map((t) => `${t.metric}/${t.state}/${t.elapsedMinutes}/${t.counted}`);
    expect(e3).toEqual(['response/met/20/true', 'resolution/running/120/false']);
    // Tickets opened after asOf are not measured at all.
    expect(r.tickets.some((t) => t.ticket === 'E8' || t.ticket === 'E4')).toBe(false);
  });
});

describe('buildSlaReport: --by grouping', () => {
  it('groups by consumer ("(none)" for tickets without one), with no empty rows', () => {
    const r = report('2026-10', { by: 'consumer' });
    expect(r.by).toBe('consumer');
    // email P2 resolution: E2 (no consumer) met, E5 (none) running; E3, E4 (finance) breached.
    expect(counts(row(r, 'email-sla', 'P2', 'resolution', '(none)'))).toMatchObject({ measured: 1, met: 1, running: 1, compliancePercent: 100 });
    expect(counts(row(r, 'email-sla', 'P2', 'resolution', 'finance'))).toMatchObject({ measured: 2, breached: 2, compliancePercent: 0 });
    // crm: C1 (sales) met, C2 (finance) breached, per metric.
    expect(counts(row(r, 'crm-sla', 'P2', 'response', 'sales'))).toMatchObject({ met: 1, breached: 0, compliancePercent: 100, ok: true });
    expect(counts(row(r, 'crm-sla', 'P2', 'response', 'finance'))).toMatchObject({ met: 0, breached: 1, compliancePercent: 0, ok: false });
    expect(r.summary.every((s) => s.group !== null && s.measured + s.running > 0)).toBe(true);
  });

  it('groups by month: counted clocks under their month, running ones under "(running)"', () => {
    const r = report('2026-Q4', { by: 'month' });
    expect(counts(row(r, 'email-sla', 'P2', 'resolution', '2026-10'))).toMatchObject({ met: 1, breached: 1 }); // E2, E3
    expect(counts(row(r, 'email-sla', 'P2', 'resolution', '2026-11'))).toMatchObject({ met: 1, breached: 1 }); // E5, E4
    const october = report('2026-10', { by: 'month' });
    expect(counts(row(october, 'email-sla', 'P2', 'resolution', '(running)'))).toMatchObject({ measured: 0, running: 1 }); // E5
  });

  it('groups by service and by priority', () => {
    const byService = report('2026-10', { by: 'service' });
    expect(row(byService, 'crm-sla', 'P2', 'resolution', 'crm').measured).toBe(2);
    expect(row(byService, 'email-sla', 'P2', 'resolution', 'email').measured).toBe(3);
    const byPriority = report('2026-10', { by: 'priority' });
    expect(row(byPriority, 'email-sla', 'P1', 'resolution', 'P1').measured).toBe(2);
  });
});

describe('buildSlaReport: filters', () => {
  it('--service keeps only that service’s clocks', () => {
    const r = report('2026-10', { filters: { service: ['crm'] } });
    expect(new Set(r.tickets.map((t) => t.service))).toEqual(new Set(['crm']));
    expect(r.summary.filter((s) => s.sla === 'email-sla').every((s) => s.measured === 0 && s.running === 0)).toBe(true);
    expect(counts(row(r, 'crm-sla', 'P2', 'resolution'))).toMatchObject({ measured: 2, met: 1, breached: 1 });
  });

  it('--consumer keeps only tickets of those consumers (tickets without a consumer are left out)', () => {
    const r = report('2026-10', { filters: { consumer: ['finance'] } });
    expect([...new Set(r.tickets.map((t) => t.ticket))]).toEqual(['C2', 'E3', 'E4']);
  });

  it('--priority filters on the priority that selected the target; --sla and --type on the agreement and ticket type', () => {
    const p1 = report('2026-10', { filters: { priority: ['P1'] } });
    expect([...new Set(p1.tickets.map((t) => t.ticket))]).toEqual(['E7', 'E8']);
    expect(p1.summary.map((s) => `${s.sla} ${s.priority} ${s.metric}`)).toEqual(['email-sla P1 response', 'email-sla P1 resolution']);
    const crm = report('2026-10', { filters: { sla: ['crm-sla'] } });
    expect(crm.summary.every((s) => s.sla === 'crm-sla')).toBe(true);
    expect(crm.monthly.every((m) => m.sla === 'crm-sla')).toBe(true);
    expect(crm.tickets.every((t) => t.sla === 'crm-sla')).toBe(true);
    const requests = report('2026-10', { filters: { type: ['request'] } });
    expect(requests.tickets).toEqual([]);
    expect(requests.summary).toEqual([]);
  });
});

describe('buildSlaReport: new-cycle reopening', () => {
  // 24x7 (UTC), P2 resolution 2h, a new clock at every reopening.
  const cycles = buildRepository({
    slas: { ola: { type: 'ola', reopen: 'new-cycle', targets: targets([['incident', 'P2', null, '2h']]) } },
    services: { app: { sla: 'ola' } },
    tickets: [
      {
        id: 'R1',
        service: 'app',
        priority: 'P2',
        opened: '2026-10-05T10:00:00Z',
        timeline: [
          ['2026-10-05T13:00:00Z', 'resolved'], // cycle 1: 180 min > 120, breached
          ['2026-10-06T10:00:00Z', 'in-progress'],
          ['2026-10-06T11:00:00Z', 'resolved'], // cycle 2: 60 min, met
        ],
      },
    ],
  });

  it('counts the clock once, by its last cycle; earlier breaches show in anyCycleBreached', () => {
    const p = resolvePeriod({ period: '2026-10' }, TZ, at('2027-01-01T00:00:00Z')) as Period;
    const r = buildSlaReport(cycles, { period: p, asOf: p.to });
    expect(r.tickets).toHaveLength(1);
    expect(r.tickets[0]).toMatchObject({ state: 'met', elapsedMinutes: 60, cycles: 2, anyCycleBreached: true, counted: true, startedAt: '2026-10-06T10:00:00.000Z' });
    // 1 met, 0 breached: the first cycle's breach does not enter the compliance.
    expect(counts(row(r, 'ola', 'P2', 'resolution'))).toMatchObject({ measured: 1, met: 1, breached: 0, compliancePercent: 100 });
  });
});
