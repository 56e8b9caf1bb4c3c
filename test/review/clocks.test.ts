import { describe, expect, it } from 'vitest';
import type { Repository } from '../../src/model/repository.js';
import { openRepository } from '../../src/open-repository.js';
import { clockSections } from '../../src/practices/review/clocks.js';
import { reviewContext, type ReviewContext, type ReviewFilters } from '../../src/practices/review/context.js';
import type { ClockSections } from '../../src/practices/review/sections.js';
import { percentOf } from '../../src/practices/review/stats.js';
import { buildSlaReport, type SlaReport } from '../../src/sla/report.js';
import { at, buildRepository, targets, type TicketInput } from '../sla/helpers.js';

const AFTER = at('2027-01-01T00:00:00Z');

/** The report `buildReview` builds: one `sla report` over all the months, by month, as of the review's instant. */
function reportFor(repository: Repository, context: ReviewContext, filters: ReviewFilters = context.filters): SlaReport {
  const first = context.months[0]!;
  const last = context.months[context.months.length - 1]!;
  return buildSlaReport(repository, { period: { label: `${first.label}..${last.label}`, from: first.from, to: last.to }, asOf: context.asOf, by: 'month', filters: { ...filters } });
}

function sections(repository: Repository, month: string, months: number, options: { now?: number; filters?: ReviewFilters; reportFilters?: ReviewFilters } = {}): { context: ReviewContext; report: SlaReport; result: ClockSections } {
  const context = reviewContext(repository, { month, months, now: options.now ?? AFTER, ...(options.filters ? { filters: options.filters } : {}) });
  const report = reportFor(repository, context, options.reportFilters ?? context.filters);
  return { context, report, result: clockSections(report, context) };
}

/** A ticket opened at `opened`, in progress after `response` minutes, resolved after `resolution` minutes (null: still open). */
function ticket(id: string, service: string, priority: string, opened: string, response: number | null, resolution: number | null, extra: Partial<TicketInput> = {}): TicketInput {
  const start = at(opened);
  const timeline: Array<[string, string]> = [];
  if (response !== null) timeline.push([new Date(start + response * 60_000).toISOString(), 'in-progress']);
  if (resolution !== null) timeline.push([new Date(start + resolution * 60_000).toISOString(), 'resolved']);
  return { id, service, priority, opened, timeline, ...extra };
}

// The organisation is in New York; `desk` (an SLA) runs on the built-in 24x7 calendar, so its minutes are wall
// minutes. `a-ops` (an OLA) also measures `app`, on us-office (Mon–Fri 09–17 New York): its id sorts first in the
// report, and its business minutes differ, so a figure that took its clock would show. `infra` has only the OLA.
// Months: September (nothing), October, November 2026. November starts 2026-11-01 00:00 EDT = 04:00Z, the night the
// clocks go back (02:00 EDT → 01:00 EST at 06:00Z); it ends 2026-12-01 00:00 EST = 05:00Z.
const speedRepo = buildRepository({
  slas: {
    desk: { targets: targets([['incident', 'P1', '30m', '4h'], ['incident', 'P2', '1h', '8h']]) },
    'a-ops': { type: 'ola', calendar: 'us-office', targets: targets([['incident', 'P1', '30m', '4h'], ['incident', 'P2', '1h', '8h']]) },
  },
  services: { app: { sla: 'desk', agreements: ['a-ops'] }, infra: { agreements: ['a-ops'] } },
  tickets: [
    // August: the first ticket, withdrawn a minute later (its clocks are cancelled, in no figure). Records begin in
    // August, so September is a month with nothing measured, not a month before any record (docs/review.md).
    ticket('A0', 'app', 'P2', '2026-08-10T12:00:00Z', null, null, { timeline: [['2026-08-10T12:01:00Z', 'cancelled']] }),
    // October. O1 stops at 03:30Z 11-01 = 23:30 EDT 10-31: October, by half an hour. Response 5, resolution 30.
    ticket('O1', 'app', 'P2', '2026-11-01T03:00:00Z', 5, 30),
    // O2: response 5, resolution 10.
    ticket('O2', 'app', 'P2', '2026-10-15T12:00:00Z', 5, 10),
    // I1 (P1, OLA only): Tue 10:00 EDT, business minutes = wall minutes: response 2, resolution 20.
    ticket('I1', 'infra', 'P1', '2026-10-20T14:00:00Z', 2, 20),
    // November. N1 stops at 04:30Z 11-01 = 00:30 EDT 11-01: November. Response 1, resolution 10.
    ticket('N1', 'app', 'P2', '2026-11-01T04:20:00Z', 1, 10),
    // N2..N10: response 2..10, resolution 20..90 and 500 (> 8h = 480: breached).
    ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ticket(`N${String(n).padStart(2, '0')}`, 'app', 'P2', `2026-11-${String(n + 2).padStart(2, '0')}T12:00:00Z`, n, n === 10 ? 500 : n * 10)),
    // R1: no event by the review's instant: both clocks run (and breach) without stopping: in no speed figure.
    ticket('R1', 'app', 'P2', '2026-11-30T12:00:00Z', null, null),
  ],
});

describe('clockSections: speed', () => {
  const { result } = sections(speedRepo, '2026-11', 3);
  const figure = (month: string, metric: 'response' | 'resolution', priority: string | null) =>
    result.speed.figures.find((f) => f.month === month && f.metric === metric && f.priority === priority)!;

  it('lists the priorities with clocks in the configuration’s order, and every month × metric × (all, then each priority)', () => {
    expect(result.speed.priorities).toEqual(['P1', 'P2']);
    expect(result.speed.figures.map((f) => `${f.month} ${f.metric} ${f.priority ?? 'all'}`)).toEqual(
      ['2026-09', '2026-10', '2026-11'].flatMap((m) => ['response', 'resolution'].flatMap((metric) => ['all', 'P1', 'P2'].map((p) => `${m} ${metric} ${p}`))),
    );
  });

  it('gives a month with no clock a count of 0 and no statistics', () => {
    expect(figure('2026-09', 'resolution', null)).toEqual({ month: '2026-09', metric: 'resolution', priority: null, count: 0, medianMinutes: null, p90Minutes: null, meanMinutes: null, fewerThanMinimum: true });
    expect(figure('2026-11', 'resolution', 'P1')).toMatchObject({ count: 0, medianMinutes: null });
  });

  it('takes an even count’s median as the mean of the middle two and p90 at rank ⌈0.9 × n⌉, one clock per ticket', () => {
    // November resolution, the SLA's clock of N1..N10 (not also the OLA's: 10, not 20; R1 still running: not 11):
    // 10 20 30 40 50 60 70 80 90 500. Median (50 + 60) / 2 = 55; p90 rank ⌈9⌉ = 9th = 90; mean (450 + 500) / 10 = 95.
    expect(figure('2026-11', 'resolution', null)).toMatchObject({ count: 10, medianMinutes: 55, p90Minutes: 90, meanMinutes: 95, fewerThanMinimum: false });
    expect(figure('2026-11', 'resolution', 'P2')).toMatchObject({ count: 10, medianMinutes: 55, p90Minutes: 90, meanMinutes: 95 });
    // Response 1..10: median (5 + 6) / 2 = 5.5; p90 9th = 9; mean 55 / 10 = 5.5.
    expect(figure('2026-11', 'response', null)).toMatchObject({ count: 10, medianMinutes: 5.5, p90Minutes: 9, meanMinutes: 5.5 });
  });

  it('takes an odd count’s middle value, counts a clock in the month it stopped in the organisation’s zone, and the OLA’s clock when there is no SLA', () => {
    // October resolution: O1 30 (stopped 23:30 EDT 10-31), O2 10, I1 20 (a-ops, business minutes) → 10 20 30:
    // median 20; p90 rank ⌈2.7⌉ = 3rd = 30; mean 60 / 3 = 20; n = 3 < 5.
    expect(figure('2026-10', 'resolution', null)).toMatchObject({ count: 3, medianMinutes: 20, p90Minutes: 30, meanMinutes: 20, fewerThanMinimum: true });
    expect(figure('2026-10', 'resolution', 'P1')).toMatchObject({ count: 1, medianMinutes: 20, p90Minutes: 20, meanMinutes: 20 });
    // Response 5, 5, 2 → 2 5 5: median 5, p90 5, mean 12 / 3 = 4.
    expect(figure('2026-10', 'response', null)).toMatchObject({ count: 3, medianMinutes: 5, p90Minutes: 5, meanMinutes: 4 });
  });
});

describe('clockSections: targets per month', () => {
  const { result } = sections(speedRepo, '2026-11', 3);

  it('counts every clock (SLA and OLA) in the month it counts in, with a month of nothing measured as 0 and null', () => {
    const desk = result.targets.find((t) => t.sla === 'desk' && t.priority === 'P2' && t.metric === 'resolution')!;
    // September nothing; October O1, O2 met; November N01..N09 met, N10 breached (500 > 480), R1 breached while running
    // (12:00Z 11-30 + 8h = 20:00Z 11-30): 9 met of 11 = 81.8 % ≥ 80 %.
    expect(desk.months).toEqual([
      { month: '2026-09', measured: 0, met: 0, breached: 0, compliancePercent: null, ok: null, fewerThanMinimum: true },
      { month: '2026-10', measured: 2, met: 2, breached: 0, compliancePercent: 100, ok: true, fewerThanMinimum: true },
      { month: '2026-11', measured: 11, met: 9, breached: 2, compliancePercent: 81.8, ok: true, fewerThanMinimum: false },
    ]);
    expect(result.targets.map((t) => `${t.sla} ${t.priority} ${t.metric}`)).toEqual([
      'a-ops P1 response',
      'a-ops P1 resolution',
      'a-ops P2 response',
      'a-ops P2 resolution',
      'desk P2 response',
      'desk P2 resolution',
    ]);
  });

  it('counts a clock that breached while running in October and stopped in November in November, as `sla report` over the months does', () => {
    const repo = buildRepository({
      slas: { desk: { targets: targets([['incident', 'P2', '1h', '8h']]) } },
      services: { app: { sla: 'desk' } },
      // 12:00Z 10-30 + 8h: breached 20:00Z 10-30, still running at the end of October; resolved 12:00Z 11-02.
      tickets: [ticket('B1', 'app', 'P2', '2026-10-30T12:00:00Z', 10, 3 * 24 * 60)],
    });
    const { context, result: review } = sections(repo, '2026-11', 2);
    const trend = review.targets.find((t) => t.metric === 'resolution')!;
    expect(trend.months.map((m) => [m.month, m.measured, m.breached])).toEqual([
      ['2026-10', 0, 0],
      ['2026-11', 1, 1],
    ]);
    // The same as `sla report --period 2026-10..2026-11 --by month` as of the review's instant …
    const months = reportFor(repo, context).summary.filter((s) => s.metric === 'resolution' && s.group !== '(running)');
    expect(months.map((s) => [s.group, s.measured, s.breached])).toEqual([['2026-11', 1, 1]]);
    // … and not what `sla report --period 2026-10` said at the end of October, when the clock had breached and was running.
    const october = context.months[0]!;
    const then = buildSlaReport(repo, { period: october, asOf: october.to });
    expect(then.summary.find((s) => s.metric === 'resolution' && s.priority === 'P2')).toMatchObject({ measured: 1, breached: 1 });
  });
});

// Services a, b, c under `res` (resolution only, 1h, 24x7): one clock per ticket. Opened 12:00Z on day d; met when
// resolved within 60 minutes (30), breached otherwise (90).
function resolved(id: string, service: string, date: string, met: boolean, extra: Partial<TicketInput> = {}): TicketInput {
  return ticket(id, service, 'P2', `${date}T12:00:00Z`, null, met ? 30 : 90, extra);
}
const series = (service: string, month: string, results: boolean[]) => results.map((met, i) => resolved(`${service}-${month}-${i}`, service, `2026-${month}-${String(i + 10).padStart(2, '0')}`, met));

describe('clockSections: the worst five and the most improved', () => {
  const repo = buildRepository({
    slas: { res: { targets: targets([['incident', 'P2', null, '1h']]) } },
    services: { a: { sla: 'res' }, b: { sla: 'res' }, c: { sla: 'res' }, d: { sla: 'res' } },
    tickets: [
      // a: October 2 of 5 met (40 %), November 4 of 5 (80 %): +40 points.
      ...series('a', '10', [true, true, false, false, false]),
      ...series('a', '11', [true, true, true, true, false]),
      // b: October 0 of 4 (0 %), November 5 of 5 (100 %): +100, but only 4 clocks in October (< 5): not ranked.
      ...series('b', '10', [false, false, false, false]),
      ...series('b', '11', [true, true, true, true, true]),
      // c: October 5 of 5 (100 %), November 3 of 5 (60 %): fell.
      ...series('c', '10', [true, true, true, true, true]),
      ...series('c', '11', [true, true, true, false, false]),
      // d: outages only. One from 20:00 EDT 10-31 (00:00Z 11-01) to 06:00Z 11-01: in November from 04:00Z, 2h = 120
      // min, and it began in October (no failure in November). Its clock breaches in October, running.
      { id: 'd-1', service: 'd', priority: 'P2', opened: '2026-11-01T00:00:00Z', outage: { start: '2026-11-01T00:00:00Z', end: '2026-11-01T06:00:00Z', impact: 'down' } },
    ],
  });
  const { result } = sections(repo, '2026-11', 2);

  it('ranks by breaches in the month: most first, then the lower compliance', () => {
    // c 2 breached of 5 (60 %), a 1 of 5 (80 %); b none.
    expect(result.worst.byBreaches).toEqual([
      { service: 'c', name: 'c', breached: 2, measured: 5, compliancePercent: 60 },
      { service: 'a', name: 'a', breached: 1, measured: 5, compliancePercent: 80 },
    ]);
  });

  it('ranks the most improved among services with at least 5 clocks in both months', () => {
    expect(result.worst.mostImproved).toEqual([{ service: 'a', name: 'a', compliancePercent: 80, previousPercent: 40, changePoints: 40 }]);
  });

  it('clips an outage that crosses the month start to the month', () => {
    expect(result.worst.byDowntime).toEqual([{ service: 'd', name: 'd', downtimeMinutes: 120, degradedMinutes: 0, failures: 0 }]);
    expect(result.clocks.services.get('d')).toEqual({ measured: 0, breached: 0, compliancePercent: null, resolutionMedianMinutes: null, downtimeMinutes: 120 });
    // c in November: 30 30 30 90 90 → median 30; no downtime.
    expect(result.clocks.services.get('c')).toEqual({ measured: 5, breached: 2, compliancePercent: 60, resolutionMedianMinutes: 30, downtimeMinutes: 0 });
  });
});

describe('clockSections: byDowntime', () => {
  it('merges overlapping outages, keeps degraded time apart, and counts the outages that began in the month', () => {
    const repo = buildRepository({
      slas: { res: { targets: targets([['incident', 'P2', null, '1h']]) } },
      services: { web: { sla: 'res' }, db: { sla: 'res' }, api: { sla: 'res' }, ops: { sla: 'res' } },
      tickets: [
        // web: 10:00–11:00Z and 10:30–11:30Z overlap: 10:00–11:30 = 90 minutes, 2 failures.
        { id: 'W1', service: 'web', priority: 'P2', opened: '2026-11-10T10:00:00Z', outage: { start: '2026-11-10T10:00:00Z', end: '2026-11-10T11:00:00Z', impact: 'down' } },
        { id: 'W2', service: 'web', priority: 'P2', opened: '2026-11-10T10:30:00Z', outage: { start: '2026-11-10T10:30:00Z', end: '2026-11-10T11:30:00Z', impact: 'down' } },
        // db: 3 hours degraded (degraded, not down: 180) and 30 minutes down still going on at 04:30Z 12-01 (the month
        // ends 05:00Z). api: degraded 12:00–14:00Z and down 13:00–13:30Z: 30 down, 120 − 30 = 90 degraded and not down.
        { id: 'D1', service: 'db', priority: 'P2', opened: '2026-11-12T10:00:00Z', outage: { start: '2026-11-12T10:00:00Z', end: '2026-11-12T13:00:00Z', impact: 'degraded' } },
        { id: 'D2', service: 'db', priority: 'P2', opened: '2026-12-01T04:30:00Z', outage: { start: '2026-12-01T04:30:00Z', impact: 'down' } },
        { id: 'A1', service: 'api', priority: 'P2', opened: '2026-11-14T12:00:00Z', outage: { start: '2026-11-14T12:00:00Z', end: '2026-11-14T14:00:00Z', impact: 'degraded' } },
        { id: 'A2', service: 'api', priority: 'P2', opened: '2026-11-14T13:00:00Z', outage: { start: '2026-11-14T13:00:00Z', end: '2026-11-14T13:30:00Z', impact: 'down' } },
        // ops: degraded only, 45 minutes: listed after every service that was down, with no failure.
        { id: 'O1', service: 'ops', priority: 'P2', opened: '2026-11-16T12:00:00Z', outage: { start: '2026-11-16T12:00:00Z', end: '2026-11-16T12:45:00Z', impact: 'degraded' } },
      ],
    });
    const { result } = sections(repo, '2026-11', 1);
    // Longest down first (web 90), then at equal downtime (db and api, 30) the longer degraded (db 180 > api 90), then ops.
    expect(result.worst.byDowntime).toEqual([
      { service: 'web', name: 'web', downtimeMinutes: 90, degradedMinutes: 0, failures: 2 },
      { service: 'db', name: 'db', downtimeMinutes: 30, degradedMinutes: 180, failures: 1 },
      { service: 'api', name: 'api', downtimeMinutes: 30, degradedMinutes: 90, failures: 1 },
      { service: 'ops', name: 'ops', downtimeMinutes: 0, degradedMinutes: 45, failures: 0 },
    ]);
  });
});

describe('clockSections: filters', () => {
  const repo = buildRepository({
    slas: { res: { targets: targets([['incident', 'P1', null, '1h'], ['incident', 'P2', null, '1h']]) } },
    services: { a: { sla: 'res' }, b: { sla: 'res' } },
    consumers: ['finance', 'sales'],
    groups: { l1: {}, l2: {} },
    tickets: [
      resolved('T1', 'a', '2026-11-10', true, { consumer: 'finance', group: 'l1' }),
      resolved('T2', 'a', '2026-11-11', false, { consumer: 'sales', group: 'l2' }),
      resolved('T3', 'b', '2026-11-12', true, { consumer: 'finance', group: 'l2', priority: 'P1' }),
      resolved('T4', 'b', '2026-11-13', false, { consumer: 'sales', group: 'l1' }),
      resolved('T5', 'b', '2026-10-13', true, { consumer: 'finance', group: 'l1' }),
      { id: 'T6', service: 'b', priority: 'P2', opened: '2026-11-20T00:00:00Z', outage: { start: '2026-11-20T00:00:00Z', end: '2026-11-20T01:00:00Z', impact: 'down' } },
    ],
  });
  const cases: Array<[string, ReviewFilters, number]> = [
    // November clocks in scope: a → T1, T2; finance → T1, T3; l1 → T1, T4; P1 → T3.
    ['service', { service: ['a'] }, 2],
    ['consumer', { consumer: ['finance'] }, 2],
    ['group', { group: ['l1'] }, 2],
    ['priority', { priority: ['P1'] }, 1],
  ];
  for (const [name, filters, measured] of cases) {
    it(`applies the ${name} filter to the rows of a wider report as a report built with it`, () => {
      const narrow = sections(repo, '2026-11', 2, { filters }).result;
      const fromWide = sections(repo, '2026-11', 2, { filters, reportFilters: {} }).result;
      expect(fromWide).toEqual(narrow);
      const total = [...fromWide.clocks.services.values()].reduce((sum, f) => sum + f.measured, 0);
      expect(total).toBe(measured);
    });
  }

  it('narrows availability and downtime to the service filter', () => {
    const all = sections(repo, '2026-11', 2).result;
    expect(all.worst.byDowntime.map((d) => d.service)).toEqual(['b']);
    const onlyA = sections(repo, '2026-11', 2, { filters: { service: ['a'] }, reportFilters: {} }).result;
    expect(onlyA.worst.byDowntime).toEqual([]);
    expect(onlyA.clocks.services.has('b')).toBe(false);
  });
});

describe('clockSections on examples/acme', () => {
  const { repository } = openRepository('examples/acme');

  it('gives each target’s November figures as `sla report --period 2026-11` as of the same instant', () => {
    const { context, result } = sections(repository, '2026-11', 12);
    const november = context.months[context.months.length - 1]!;
    const report = buildSlaReport(repository, { period: november, asOf: context.asOf });
    const measured = report.summary.filter((s) => s.measured > 0);
    expect(measured.length).toBeGreaterThan(0);
    const key = (t: { sla: string; slaVersion: string | null; metric: string; type: string; priority: string }) => `${t.sla} ${t.slaVersion} ${t.metric} ${t.type} ${t.priority}`;
    const ofReview = new Map(result.targets.map((t) => [key(t), t.months[t.months.length - 1]!]));
    for (const s of report.summary) {
      const month = ofReview.get(key(s)) ?? { measured: 0, met: 0, breached: 0, compliancePercent: null, ok: null };
      expect({ target: key(s), measured: month.measured, met: month.met, breached: month.breached }).toEqual({ target: key(s), measured: s.measured, met: s.met, breached: s.breached });
      expect(month.compliancePercent).toBe(percentOf(s.met, s.measured));
      if (s.measured > 0) expect(month.ok).toBe(s.ok);
    }
    // And no target of the review measures in November what the report does not list.
    for (const [k, month] of ofReview) if (month.measured > 0) expect(report.summary.some((s) => key(s) === k)).toBe(true);
  });
});
