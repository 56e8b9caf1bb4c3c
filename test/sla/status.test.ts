import { describe, expect, it } from 'vitest';
import { buildSlaStatus } from '../../src/sla/status.js';
import { at, buildRepository, targets } from './helpers.js';

// Built-in 24x7 (UTC) calendar, so business minutes are wall minutes. Targets P1 30m / 4h, P2 1h / 8h; pausing on
// awaiting-customer. Measured as of 12:00Z on 2026-10-05.
const repo = buildRepository({
  slas: {
    desk: { pauseOn: ['awaiting-customer'], targets: targets([['incident', 'P1', '30m', '4h'], ['incident', 'P2', '1h', '8h']]) },
  },
  services: { desk: { sla: 'desk' }, other: { sla: 'desk' } },
  tickets: [
    // S1: no response yet. Response 10:00 → 12:00 = 120 > 60 (60 overdue); resolution 120 of 480 (360 left).
    { id: 'S1', service: 'desk', priority: 'P2', opened: '2026-10-05T10:00:00Z' },
    // S2: responded. Resolution 09:00 → 12:00 = 180 of 240 (60 left), 180 ≥ 75% × 240: warning.
    { id: 'S2', service: 'desk', priority: 'P1', opened: '2026-10-05T09:00:00Z', timeline: [['2026-10-05T09:10:00Z', 'in-progress']] },
    // S3: resolution 06:00 → 12:00 = 360 > 240 (120 overdue).
    { id: 'S3', service: 'other', priority: 'P1', opened: '2026-10-05T06:00:00Z', timeline: [['2026-10-05T06:05:00Z', 'in-progress']] },
    // S4: response 11:50 → 12:00 = 10 of 60 (50 left); resolution 10 of 480 (470 left).
    { id: 'S4', service: 'desk', priority: 'P2', opened: '2026-10-05T11:50:00Z' },
    // S5: paused since 07:00: resolution 05:00 → 07:00 = 120 of 480 (360 left, the same as S1).
    { id: 'S5', service: 'desk', priority: 'P2', opened: '2026-10-05T05:00:00Z', timeline: [['2026-10-05T05:10:00Z', 'in-progress'], ['2026-10-05T07:00:00Z', 'awaiting-customer']] },
    // S6 resolved, S7 cancelled: no open clock.
    { id: 'S6', service: 'desk', priority: 'P2', opened: '2026-10-05T08:00:00Z', timeline: [['2026-10-05T08:10:00Z', 'in-progress'], ['2026-10-05T09:00:00Z', 'resolved']] },
    { id: 'S7', service: 'desk', priority: 'P2', opened: '2026-10-05T08:00:00Z', timeline: [['2026-10-05T09:00:00Z', 'cancelled']] },
    // S8 is opened after asOf.
    { id: 'S8', service: 'desk', priority: 'P1', opened: '2026-10-05T13:00:00Z' },
  ],
});
const asOf = at('2026-10-05T12:00:00Z');

describe('buildSlaStatus', () => {
  const status = buildSlaStatus(repo, asOf);

  it('lists open clocks, breached first (longest overdue first), then by business time left; ties by ticket', () => {
    expect(status.clocks.map((c) => `${c.ticket}/${c.metric}/${c.state}/${c.leftMinutes}`)).toEqual([
      'S3/resolution/breached/-120',
      'S1/response/breached/-60',
      'S4/response/running/50',
      'S2/resolution/running/60',
      'S1/resolution/running/360',
      'S5/resolution/running/360',
      'S4/resolution/running/470',
    ]);
  });

  it('counts running, warning, breached and paused clocks', () => {
    // S5's resolution is the one paused clock (awaiting-customer since 07:00); it also counts as running.
    expect(status.counts).toEqual({ running: 5, warning: 1, breached: 2, paused: 1 });
    expect(status.clocks.find((c) => c.ticket === 'S2')).toMatchObject({ warning: true, elapsedMinutes: 180, dueAt: '2026-10-05T13:00:00.000Z' });
    // A paused clock has no due date; its paused time so far is 07:00 → 12:00 = 300 min.
    expect(status.clocks.find((c) => c.ticket === 'S5')).toMatchObject({ dueAt: null, pausedMinutes: 300 });
    expect(status).toMatchObject({ version: 1, asOf: '2026-10-05T12:00:00.000Z', timeZone: 'America/New_York' });
  });

  it('says of each clock whether it is paused now and what status the ticket is in', () => {
    expect(status.clocks.map((c) => `${c.ticket}/${c.metric}/${c.currentStatus}/${c.paused}`)).toEqual([
      'S3/resolution/in-progress/false',
      'S1/response/new/false',
      'S4/response/new/false',
      'S2/resolution/in-progress/false',
      'S1/resolution/new/false',
      'S5/resolution/awaiting-customer/true',
      'S4/resolution/new/false',
    ]);
  });

  it('filters by service and priority', () => {
    expect(buildSlaStatus(repo, asOf, { service: ['other'] }).clocks.map((c) => c.ticket)).toEqual(['S3']);
    expect(buildSlaStatus(repo, asOf, { priority: ['P1'] }).clocks.map((c) => `${c.ticket}/${c.metric}`)).toEqual(['S3/resolution', 'S2/resolution']);
  });
});
