import { describe, expect, it } from 'vitest';
import { FAIL_ON, gateFailures } from '../../src/governance/gate.js';
import type { Impact } from '../../src/governance/impact.js';
import type { DiffReport } from '../../src/governance/report.js';
import { buildSlaStatus } from '../../src/sla/status.js';
import { at, buildRepository, CALENDARS, targets, type RepositoryInput } from '../sla/helpers.js';
import { measureImpact } from '../../src/governance/impact.js';
import { resolvePeriod, type Period } from '../../src/sla/period.js';
import { impactOf } from './impact-helpers.js';

// One service `desk` under the agreement `desk` on `us-office` (New York, Mon–Fri 09:00–17:00, 8h a business day).
// Incident P2: response 1h (objective 90%), resolution 8h (objective 80%); P3: response 4h, resolution 2bd (= 16h).
const TICKETS: RepositoryInput['tickets'] = [
  // Wed 2026-10-14 10:00–16:00 EDT: resolved after 6h of business time.
  { id: 'A', service: 'desk', priority: 'P2', opened: '2026-10-14T14:00:00Z', timeline: [['2026-10-14T15:00:00Z', 'in-progress'], ['2026-10-14T20:00:00Z', 'resolved']] },
  // Thu 2026-10-15 10:00–13:00 EDT: resolved after 3h.
  { id: 'B', service: 'desk', priority: 'P2', opened: '2026-10-15T14:00:00Z', timeline: [['2026-10-15T15:00:00Z', 'in-progress'], ['2026-10-15T17:00:00Z', 'resolved']] },
  // Tue 2026-12-01 09:00 EST, in progress at 09:30, still open at `NOW` (14:00 EST): 5h of resolution used.
  { id: 'C', service: 'desk', priority: 'P2', opened: '2026-12-01T14:00:00Z', timeline: [['2026-12-01T14:30:00Z', 'in-progress']] },
  // The same for a P3: 5h of its 16h used.
  { id: 'D', service: 'desk', priority: 'P3', opened: '2026-12-01T14:00:00Z', timeline: [['2026-12-01T14:30:00Z', 'in-progress']] },
];
const NOW = at('2026-12-01T19:00:00Z'); // Tue 14:00 EST: October and November are already reported.
const P2_8H = targets([
  ['incident', 'P2', '1h', '8h'],
  ['incident', 'P3', '4h', '2bd'],
]);
const P2_4H = targets([
  ['incident', 'P2', '1h', '4h'],
  ['incident', 'P3', '4h', '2bd'],
]);

function desk(sla: Partial<RepositoryInput['slas'][string]>, calendars = CALENDARS) {
  return buildRepository({ calendars, slas: { desk: { calendar: 'us-office', targets: P2_8H, ...sla } }, services: { desk: { sla: 'desk' } }, tickets: TICKETS });
}

const base = desk({});
const options = { period: '2026-10', month: '2026-11', now: NOW };

describe('measureImpact: a P2 resolution target edited in place from 8h to 4h', () => {
  const impact = impactOf(base, desk({ targets: P2_4H }), options);

  it('moves ticket A from met to breached in October: compliance 100% → 50%', () => {
    // A took 6h: met under 8h, breached under 4h. B took 3h: met under both. Base 2 met / 0 breached = 100%;
    // head 1 met / 1 breached = 50%; 50 − 100 = −50 points. Response (A 60 min, B 60 min) does not move.
    expect(impact.compliance).toEqual([
      {
        sla: 'desk',
        version: null,
        type: 'incident',
        priority: 'P2',
        metric: 'resolution',
        target: { base: '8h', head: '4h' },
        objectivePercent: { base: 80, head: 80 },
        base: { met: 2, breached: 0, compliancePercent: 100 },
        head: { met: 1, breached: 1, compliancePercent: 50 },
        deltaPoints: -50,
      },
    ]);
  });

  it('breaches the clock running at now, which base has due at 17:00', () => {
    // C: 09:00 + 8h = 17:00 EST (22:00Z) under 8h; under 4h it breached at 13:00 EST, before now (14:00).
    expect(impact.clocks).toEqual([
      { ticket: 'C', sla: 'desk', metric: 'resolution', kind: 'newly-breached', base: { state: 'running', dueAt: '2026-12-01T22:00:00.000Z' }, head: { state: 'breached', dueAt: null } },
    ]);
    // The same figures as `itsm sla status` gives on each side.
    const status = buildSlaStatus(base, NOW).clocks.find((c) => c.ticket === 'C' && c.metric === 'resolution');
    expect([status?.state, status?.dueAt]).toEqual(['running', '2026-12-01T22:00:00.000Z']);
  });

  it('flags October as rewritten: both P2 resolution clocks change (A its state and target, B its target)', () => {
    expect(impact.past).toEqual([{ month: '2026-10', sla: 'desk', clocks: 2 }]);
  });

  it('has nothing to say about availability, chargeback or retired services', () => {
    expect([impact.availability, impact.chargeback.consumers, impact.retired]).toEqual([[], [], []]);
    expect(impact.period).toEqual({ label: '2026-10', from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' });
    expect(impact.asOf).toBe('2026-12-01T19:00:00.000Z');
  });
});

describe('measureImpact: a period that is not whole months', () => {
  it('is measured by its own report: 14–16 October holds A and B, with the same figures', () => {
    const period = resolvePeriod({ from: '2026-10-14', to: '2026-10-16' }, 'America/New_York', NOW) as Period;
    const impact = measureImpact(base, desk({ targets: P2_4H }), { period, now: NOW, month: '2026-11' });
    expect(impact.compliance.map((c) => [c.metric, c.base.met, c.base.breached, c.head.met, c.head.breached, c.deltaPoints])).toEqual([['resolution', 2, 0, 1, 1, -50]]);
    // From 15 October only B counts: 3h is met under both targets, so only the target moves (not a figure).
    const later = resolvePeriod({ from: '2026-10-15', to: '2026-10-16' }, 'America/New_York', NOW) as Period;
    expect(measureImpact(base, desk({ targets: P2_4H }), { period: later, now: NOW, month: '2026-11' }).compliance).toEqual([]);
  });
});

describe('measureImpact: the same change as a dated version', () => {
  it('leaves October alone (no rewrite of the past) and still breaches the running clock opened on the version’s day', () => {
    const impact = impactOf(base, desk({ versions: [{ from: '2026-12-01', targets: [{ type: 'incident', priority: 'P2', resolution: { within: '4h', objective: 80 } }] }] }), options);
    expect(impact.past).toEqual([]);
    expect(impact.compliance).toEqual([]);
    expect(impact.clocks.map((c) => [c.ticket, c.metric, c.kind])).toEqual([['C', 'resolution', 'newly-breached']]);
  });
});

describe('measureImpact: a holiday added', () => {
  it('moves the due time of a running clock by the business day it takes away', () => {
    // D (P3, 16h): 8h on Tue 1 Dec, 8h on Wed 2 Dec → due Wed 17:00 EST (22:00Z). With Wed 2 Dec a holiday the
    // second 8h fall on Thu 3 Dec → due Thu 17:00 EST. C (8h) is due on Tuesday either way.
    const holiday = { ...CALENDARS['us-office']!, holidays: [...(CALENDARS['us-office']!.holidays ?? []), { date: '2026-12-02', name: 'Company day' }] };
    const impact = impactOf(base, desk({}, { ...CALENDARS, 'us-office': holiday }), options);
    expect(impact.clocks).toEqual([
      { ticket: 'D', sla: 'desk', metric: 'resolution', kind: 'due-later', base: { state: 'running', dueAt: '2026-12-02T22:00:00.000Z' }, head: { state: 'running', dueAt: '2026-12-03T22:00:00.000Z' } },
    ]);
    expect([impact.compliance, impact.past]).toEqual([[], []]);
  });

  it('a holiday removed from a month already reported rewrites it', () => {
    // Base has Wed 2026-10-14 off: A (opened that day 10:00 EDT) starts counting Thu 09:00 and is resolved before
    // then, so its clocks measure 0 minutes; without the holiday A measures 6h (resolution) and 1h (response).
    const withHoliday = { ...CALENDARS['us-office']!, holidays: [...(CALENDARS['us-office']!.holidays ?? []), { date: '2026-10-14', name: 'Closed' }] };
    const impact = impactOf(desk({}, { ...CALENDARS, 'us-office': withHoliday }), base, options);
    expect(impact.past).toEqual([{ month: '2026-10', sla: 'desk', clocks: 2 }]);
  });
});

describe('measureImpact: identical definitions', () => {
  it('is empty, whatever the tickets', () => {
    const fewer = buildRepository({ slas: { desk: { calendar: 'us-office', targets: P2_8H } }, services: { desk: { sla: 'desk' } }, tickets: TICKETS!.slice(0, 1) });
    const impact = impactOf(fewer, base, options);
    expect(impact).toEqual({
      period: { label: '2026-10', from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' },
      asOf: '2026-12-01T19:00:00.000Z',
      compliance: [],
      clocks: [],
      availability: [],
      chargeback: { month: '2026-11', currency: 'USD', consumers: [] },
      retired: [],
      past: [],
    });
  });
});

describe('the gate on measured impacts', () => {
  const gate = (impact: Impact) => {
    const report: DiffReport = { base: { name: 'main', commit: null, diagnostics: [] }, head: { name: 'working tree', commit: null, diagnostics: [] }, changes: { definitions: [], tickets: { added: 0, changed: 0, removed: 0 } }, impact, impactSkipped: null };
    return gateFailures(FAIL_ON, report).map((line) => line.split(':')[0]);
  };

  it('an in-place edit fails on the drop, the new breach and the rewritten past; a dated version only on the breach', () => {
    expect(gate(impactOf(base, desk({ targets: P2_4H }), options))).toEqual(['compliance-drop', 'new-breach', 'rewrite-past']);
    const dated = desk({ versions: [{ from: '2026-12-01', targets: [{ type: 'incident', priority: 'P2', resolution: { within: '4h', objective: 80 } }] }] });
    expect(gate(impactOf(base, dated, options))).toEqual(['new-breach']);
  });
});
