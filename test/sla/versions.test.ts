import { describe, expect, it } from 'vitest';
import { buildSlaReport } from '../../src/sla/report.js';
import { at, buildRepository, clocksOf, minutesOf, targets, type RepositoryInput } from './helpers.js';

// Dated versions of an agreement (docs/sla.md, "Agreements that change"): a clock is measured under the version in
// force on the local day its ticket was opened (repository time zone, America/New_York here).

const base: RepositoryInput = {
  slas: {
    desk: {
      calendar: 'us-office',
      targets: targets([['incident', 'P2', '1h', '8h']]),
      versions: [
        // From 15 October P2 resolution is 4h; P2 response (1h) is not named, so it stays.
        { from: '2026-10-15', note: 'Contract renewal', targets: [{ type: 'incident', priority: 'P2', resolution: { within: '4h', objective: 90 } }] },
        // From 1 November the clocks pause while the customer is asked.
        { from: '2026-11-01', pauseOn: ['awaiting-customer'] },
      ],
    },
    // An OLA in force only from 10 October.
    late: { type: 'ola', from: '2026-10-10', targets: targets([['incident', 'P2', '2h', null]]) },
  },
  services: { app: { sla: 'desk', agreements: ['late'] } },
  tickets: [
    // Wed 2026-10-14 10:00–16:00 EDT: 6h.
    { id: 'A', service: 'app', priority: 'P2', opened: '2026-10-14T14:00:00Z', timeline: [['2026-10-14T15:00:00Z', 'in-progress'], ['2026-10-14T20:00:00Z', 'resolved']] },
    // Thu 2026-10-15 10:00–16:00 EDT: the same 6h, under the 4h target.
    { id: 'B', service: 'app', priority: 'P2', opened: '2026-10-15T14:00:00Z', timeline: [['2026-10-15T15:00:00Z', 'in-progress'], ['2026-10-15T20:00:00Z', 'resolved']] },
    // 2026-10-15T03:30Z is 23:30 EDT on the 14th: the local day decides, so the base terms apply.
    { id: 'C', service: 'app', priority: 'P2', opened: '2026-10-15T03:30:00Z', timeline: [['2026-10-15T20:00:00Z', 'resolved']] },
    // Fri 2026-10-09: before `late` was in force, so no OLA clock.
    { id: 'D', service: 'app', priority: 'P2', opened: '2026-10-09T14:00:00Z', timeline: [['2026-10-09T15:00:00Z', 'resolved']] },
    // Mon 2026-11-02 10:00 EST; awaiting the customer 11:00–14:00, resolved 16:00: 1 + 2 = 3h running, 3h paused.
    {
      id: 'E',
      service: 'app',
      priority: 'P2',
      opened: '2026-11-02T15:00:00Z',
      timeline: [['2026-11-02T16:00:00Z', 'awaiting-customer'], ['2026-11-02T19:00:00Z', 'in-progress'], ['2026-11-02T21:00:00Z', 'resolved']],
    },
  ],
};
const repo = buildRepository(base);
const AS_OF = at('2026-12-01T00:00:00Z');
const resolution = (id: string) => clocksOf(repo, id, AS_OF).find((c) => c.sla === 'desk' && c.metric === 'resolution')!;

describe('dated versions of an agreement', () => {
  it('a ticket opened before the version keeps the earlier terms; one opened from its day gets the new ones', () => {
    // A: 360 ≤ 480 met under the base terms. B: 360 > 240 breached under 2026-10-15.
    expect([resolution('A').slaVersion, resolution('A').state, resolution('A').within, minutesOf(resolution('A').elapsedMs)]).toEqual([null, 'met', '8h', 360]);
    expect([resolution('B').slaVersion, resolution('B').state, resolution('B').within, minutesOf(resolution('B').elapsedMs)]).toEqual(['2026-10-15', 'breached', '4h', 360]);
  });

  it("a version's target changes only the metric it names", () => {
    const response = clocksOf(repo, 'B', AS_OF).find((c) => c.sla === 'desk' && c.metric === 'response')!;
    // 10:00 → 11:00 = 60 of 1h, met, under the version of 2026-10-15 that kept the response target.
    expect([response.slaVersion, response.within, response.state, minutesOf(response.elapsedMs)]).toEqual(['2026-10-15', '1h', 'met', 60]);
  });

  it('the opening is read as a local date: 23:30 EDT on the 14th is before the version of the 15th', () => {
    // C: Wed 23:30 EDT → Thu 16:00 EDT = Thu 09:00–16:00 = 420 ≤ 480 met (it would breach the 4h of the version).
    expect([resolution('C').slaVersion, resolution('C').state, minutesOf(resolution('C').elapsedMs)]).toEqual([null, 'met', 420]);
  });

  it('a later version carries the earlier ones: from 1 November the 4h target and the pause', () => {
    // E: 60 running + 180 paused + 120 running = 180 ≤ 240 met, under 2026-11-01.
    const e = resolution('E');
    expect([e.slaVersion, e.within, e.state, minutesOf(e.elapsedMs), minutesOf(e.pausedMs)]).toEqual(['2026-11-01', '4h', 'met', 180, 180]);
  });

  it('an agreement with a `from` does not measure tickets opened before it', () => {
    expect(clocksOf(repo, 'D', AS_OF).map((c) => c.sla)).toEqual(['desk', 'desk']);
    expect(clocksOf(repo, 'A', AS_OF).map((c) => c.sla)).toEqual(['desk', 'desk', 'late']);
  });

  it('the report keeps a row for each value a version gave a target, and one row for a target no version changed', () => {
    const report = buildSlaReport(repo, { period: { label: '2026-10', from: at('2026-10-01T04:00:00Z'), to: at('2026-11-01T04:00:00Z') }, asOf: AS_OF });
    const rows = report.summary.filter((s) => s.sla === 'desk' && s.metric === 'resolution').map((s) => [s.slaVersion, s.target, s.met, s.breached]);
    // October: A, C and D under the base terms (all met); B under 2026-10-15 (breached). November's version is not in force.
    expect(rows).toEqual([
      [null, '8h', 3, 0],
      ['2026-10-15', '4h', 0, 1],
    ]);
    // P2 response stayed 1h in every version: one row for A, B, C and D. A, B and D responded in 60 minutes (met); C
    // first moved when it was resolved, Thu 09:00–16:00 EDT = 420 > 60 (breached).
    expect(report.summary.filter((s) => s.sla === 'desk' && s.metric === 'response').map((s) => [s.slaVersion, s.target, s.met, s.breached])).toEqual([[null, '1h', 3, 1]]);
  });

  it('adding a version never changes a clock of a ticket opened before it', () => {
    const withNovember = repo;
    const without = buildRepository({ ...base, slas: { ...base.slas, desk: { ...base.slas.desk!, versions: base.slas.desk!.versions!.slice(0, 1) } } });
    for (const id of ['A', 'B', 'C', 'D']) expect(JSON.stringify(clocksOf(withNovember, id, AS_OF))).toBe(JSON.stringify(clocksOf(without, id, AS_OF)));
    // And it does change those opened from its day: E is not paused without it (360 > 240).
    expect(minutesOf(clocksOf(without, 'E', AS_OF).find((c) => c.sla === 'desk' && c.metric === 'resolution')!.elapsedMs)).toBe(360);
  });
});
