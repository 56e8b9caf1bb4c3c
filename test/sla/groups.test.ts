import { describe, expect, it } from 'vitest';
import { groupShares, ticketHistory } from '../../src/sla/clock.js';
import { explainTicket } from '../../src/sla/explain.js';
import { measureContext } from '../../src/sla/measure.js';
import { at, buildRepository, clocksOf, minutesOf, targets } from './helpers.js';

// Assignment groups and team OLAs (docs/sla.md, "Assignment groups and OLAs"). All instants on Mon 2026-10-05,
// 13:00Z = 09:00 EDT; us-office works 09:00–17:00 EDT, so every minute below is a business minute there too.

const repo = buildRepository({
  groups: { desk: { calendar: 'us-office' }, network: {}, vendor: {} },
  slas: {
    standard: { targets: targets([['incident', 'P2', '1h', '24h']]) },
    // Scoped to network, no calendar of its own, network has none: 24x7.
    'net-ola': { type: 'ola', group: 'network', targets: targets([['incident', 'P2', '30m', '4h']]) },
    // Scoped to desk, no calendar of its own: the desk's us-office.
    'desk-ola': { type: 'ola', group: 'desk', targets: targets([['incident', 'P2', '15m', '2h']]) },
    'vendor-ola': { type: 'ola', group: 'vendor', targets: targets([['incident', 'P2', '1h', '8h']]) },
  },
  services: { app: { sla: 'standard', agreements: ['net-ola', 'desk-ola', 'vendor-ola'] } },
  tickets: [
    {
      id: 'T1',
      service: 'app',
      priority: 'P2',
      opened: '2026-10-05T13:00:00Z',
      group: 'desk',
      timeline: [
        { at: '2026-10-05T13:10:00Z', status: 'in-progress' }, // the desk acts: 10 minutes
        { at: '2026-10-05T13:40:00Z', group: 'network' }, // desk → network
        { at: '2026-10-05T14:30:00Z', assignee: 'Nia' }, // network's first action: 50 minutes
        { at: '2026-10-05T16:00:00Z', group: 'desk' }, // back to the desk
        { at: '2026-10-05T16:05:00Z', group: 'network' }, // the desk's action is to hand it back: 5 minutes
        { at: '2026-10-05T16:20:00Z', assignee: 'Omar' }, // network acts: 15 minutes
        { at: '2026-10-05T17:00:00Z', status: 'resolved' },
      ],
    },
  ],
});

const clock = (sla: string, metric: 'response' | 'resolution', asOf: string) => {
  const c = clocksOf(repo, 'T1', at(asOf)).find((r) => r.sla === sla && r.metric === metric);
  return c && { state: c.state, elapsed: minutesOf(c.elapsedMs), startedAt: c.startedAt, stoppedAt: c.stoppedAt, cycles: c.cycles, anyCycleBreached: c.anyCycleBreached, calendar: c.calendar, calendarBy: c.calendarBy, group: c.assignmentGroup };
};
const END = '2026-10-06T00:00:00Z';

describe('OLA scoped to a group', () => {
  it("runs only while its group holds the ticket, and a return continues the same clock", () => {
    // network held 13:40–16:00 = 140 and 16:05–17:00 = 55: 195 ≤ 240 met; from its first assignment to the resolution.
    expect(clock('net-ola', 'resolution', END)).toEqual({
      state: 'met',
      elapsed: 195,
      startedAt: at('2026-10-05T13:40:00Z'),
      stoppedAt: at('2026-10-05T17:00:00Z'),
      cycles: 1,
      anyCycleBreached: false,
      calendar: '24x7',
      calendarBy: 'agreement',
      group: 'network',
    });
  });

  it("stops when the group hands the ticket on, on the group's calendar", () => {
    // desk held 13:00–13:40 = 40 and 16:00–16:05 = 5: 45 ≤ 120 met; stopped by its last hand-off at 16:05.
    expect(clock('desk-ola', 'resolution', END)).toMatchObject({ state: 'met', elapsed: 45, startedAt: at('2026-10-05T13:00:00Z'), stoppedAt: at('2026-10-05T16:05:00Z'), calendar: 'us-office', calendarBy: 'group' });
  });

  it('while another group holds the ticket, the clock is stopped at the hand-off, not running', () => {
    // As of 15:00Z: the desk handed over at 13:40 (40 minutes, met); network's clock runs since 13:40 (80 minutes).
    expect(clock('desk-ola', 'resolution', '2026-10-05T15:00:00Z')).toMatchObject({ state: 'met', elapsed: 40, stoppedAt: at('2026-10-05T13:40:00Z') });
    expect(clock('net-ola', 'resolution', '2026-10-05T15:00:00Z')).toMatchObject({ state: 'running', elapsed: 80, stoppedAt: null });
  });

  it("measures the response after each assignment, to the group's first action", () => {
    // network: 13:40 → 14:30 (Nia) = 50 > 30 breached; 16:05 → 16:20 (Omar) = 15 met. The record is the last cycle.
    expect(clock('net-ola', 'response', END)).toMatchObject({ state: 'met', elapsed: 15, cycles: 2, anyCycleBreached: true, startedAt: at('2026-10-05T16:05:00Z') });
    // desk: 13:00 → 13:10 (in progress) = 10 met; 16:00 → 16:05 (handed back) = 5 met.
    expect(clock('desk-ola', 'response', END)).toMatchObject({ state: 'met', elapsed: 5, cycles: 2, anyCycleBreached: false });
  });

  it('gives no clock to a group that never held the ticket', () => {
    expect(clock('vendor-ola', 'resolution', END)).toBeUndefined();
    expect(clock('vendor-ola', 'response', END)).toBeUndefined();
  });

  it('attributes an unscoped clock to the group holding the ticket when it stopped', () => {
    // standard's response stopped at 13:10 (desk held it); its resolution at 17:00 (network did).
    expect(clock('standard', 'response', END)?.group).toBe('desk');
    expect(clock('standard', 'resolution', END)?.group).toBe('network');
  });
});

describe("each group's share of the ticket", () => {
  it('counts wall-clock time held while open, assignments per group, and reassignments', () => {
    const history = ticketHistory(repo.tickets[0]!.doc, 'new');
    const context = measureContext(repo);
    // desk 40 + 5 = 45 minutes in 2 assignments; network 140 + 55 = 195 in 2; three moves between groups.
    expect(groupShares(history, at(END), context.categoryOf)).toEqual({
      shares: [
        { group: 'desk', heldMs: 45 * 60_000, assignments: 2 },
        { group: 'network', heldMs: 195 * 60_000, assignments: 2 },
      ],
      reassignments: 3,
    });
  });

  it('sla explain tells the assignments and the shares', () => {
    const story = explainTicket(repo, 'T1', at(END))!;
    expect(story.groups).toEqual([
      { group: 'desk', heldMinutes: 45, assignments: 2 },
      { group: 'network', heldMinutes: 195, assignments: 2 },
    ]);
    expect(story.reassignments).toBe(3);
    expect(story.assignments.map((a) => [a.at.slice(11, 16), a.group, a.assignee])).toEqual([
      ['13:00', 'desk', null],
      ['13:40', 'network', null],
      ['14:30', 'network', 'Nia'],
      ['16:00', 'desk', 'Nia'],
      ['16:05', 'network', 'Nia'],
      ['16:20', 'network', 'Omar'],
    ]);
    expect(story.clocks.find((c) => c.sla === 'net-ola' && c.metric === 'resolution')).toMatchObject({ scopedToGroup: 'network', assignmentGroup: 'network' });
  });
});
