import { describe, expect, it } from 'vitest';
import { H, at, buildRepository, clockOf, minutesOf, targets, type TargetRow } from './helpers.js';

// The clocks change on Sundays: America/New_York springs forward 2026-03-08 02:00 EST → 03:00 EDT and falls back
// 2026-11-01 02:00 EDT → 01:00 EST; Europe/Berlin springs forward 2026-03-29 02:00 CET → 03:00 CEST and falls back
// 2026-10-25 03:00 CEST → 02:00 CET. Business time is real elapsed time inside working hours (docs/business-time.md):
// a 24x7 day is 23h or 25h on those dates, a skipped local hour does not exist and a repeated one counts twice.

const ROWS: TargetRow[] = [
  ['incident', 'P1', '30m', '4h'],
  ['incident', 'P2', '1h', '1bd'],
];

const repo = buildRepository({
  slas: Object.fromEntries(
    ['us-office', 'de-office', 'us-ops', 'de-ops', 'us-24x7', 'de-24x7'].map((calendar) => [calendar, { calendar, targets: targets(ROWS) }]),
  ),
  services: Object.fromEntries(['us-office', 'de-office', 'us-ops', 'de-ops', 'us-24x7', 'de-24x7'].map((id) => [id, { sla: id }])),
  tickets: [
    // Business hours across the change weekends.
    { id: 'US-SPRING-OFFICE', service: 'us-office', priority: 'P2', opened: '2026-03-06T15:00:00-05:00', timeline: [['2026-03-09T11:00:00-04:00', 'resolved']] },
    { id: 'US-FALL-OFFICE', service: 'us-office', priority: 'P2', opened: '2026-10-30T15:00:00-04:00', timeline: [['2026-11-02T11:00:00-05:00', 'resolved']] },
    { id: 'DE-SPRING-OFFICE', service: 'de-office', priority: 'P2', opened: '2026-03-27T15:00:00+01:00', timeline: [['2026-03-30T10:00:00+02:00', 'resolved']] },
    { id: 'DE-FALL-OFFICE', service: 'de-office', priority: 'P2', opened: '2026-10-23T15:00:00+02:00', timeline: [['2026-10-26T10:00:00+01:00', 'resolved']] },
    // A Sunday shift 00:00–08:00 that holds the changing hour.
    { id: 'US-SPRING-OPS', service: 'us-ops', priority: 'P2', opened: '2026-03-07T23:00:00-05:00', timeline: [['2026-03-08T09:00:00-04:00', 'resolved']] },
    { id: 'US-FALL-OPS', service: 'us-ops', priority: 'P2', opened: '2026-10-31T23:00:00-04:00', timeline: [['2026-11-01T09:00:00-05:00', 'resolved']] },
    { id: 'DE-SPRING-OPS', service: 'de-ops', priority: 'P2', opened: '2026-03-28T23:00:00+01:00', timeline: [['2026-03-29T09:00:00+02:00', 'resolved']] },
    { id: 'DE-FALL-OPS', service: 'de-ops', priority: 'P2', opened: '2026-10-24T23:00:00+02:00', timeline: [['2026-10-25T09:00:00+01:00', 'resolved']] },
    { id: 'US-SPRING-OPS-P1', service: 'us-ops', priority: 'P1', opened: '2026-03-07T23:00:00-05:00' },
    { id: 'US-FALL-OPS-P1', service: 'us-ops', priority: 'P1', opened: '2026-10-31T23:00:00-04:00' },
    // 24x7 in a zone with DST: 22:00 Saturday to 22:00 Sunday, local.
    { id: 'US-SPRING-24', service: 'us-24x7', priority: 'P2', opened: '2026-03-07T22:00:00-05:00', timeline: [['2026-03-08T22:00:00-04:00', 'resolved']] },
    { id: 'US-FALL-24', service: 'us-24x7', priority: 'P2', opened: '2026-10-31T22:00:00-04:00', timeline: [['2026-11-01T22:00:00-05:00', 'resolved']] },
    { id: 'DE-SPRING-24', service: 'de-24x7', priority: 'P2', opened: '2026-03-28T22:00:00+01:00', timeline: [['2026-03-29T22:00:00+02:00', 'resolved']] },
    { id: 'DE-FALL-24', service: 'de-24x7', priority: 'P2', opened: '2026-10-24T22:00:00+02:00', timeline: [['2026-10-25T22:00:00+01:00', 'resolved']] },
    // Responses across the skipped and the repeated hour.
    { id: 'US-SKIPPED', service: 'us-24x7', priority: 'P2', opened: '2026-03-08T01:30:00-05:00', timeline: [['2026-03-08T03:30:00-04:00', 'in-progress']] },
    { id: 'US-REPEATED', service: 'us-24x7', priority: 'P2', opened: '2026-11-01T01:30:00-04:00', timeline: [['2026-11-01T01:30:00-05:00', 'in-progress']] },
    { id: 'DE-SKIPPED', service: 'de-24x7', priority: 'P2', opened: '2026-03-29T01:30:00+01:00', timeline: [['2026-03-29T03:30:00+02:00', 'in-progress']] },
    { id: 'DE-REPEATED', service: 'de-24x7', priority: 'P2', opened: '2026-10-25T02:30:00+02:00', timeline: [['2026-10-25T02:30:00+01:00', 'in-progress']] },
    // A clock running across the spring change.
    { id: 'US-SPRING-RUNNING', service: 'us-24x7', priority: 'P2', opened: '2026-03-07T12:00:00-05:00', timeline: [['2026-03-07T12:10:00-05:00', 'in-progress']] },
  ],
});
const LATER = at('2026-12-31T00:00:00Z');
const resolution = (id: string, asOf = LATER) => clockOf(repo, id, asOf, 'resolution');

describe('US DST (America/New_York) in a business-hours calendar', () => {
  it('Mon–Fri 09–17 is untouched by the spring weekend: Fri 2h + Mon 2h', () => {
    const r = resolution('US-SPRING-OFFICE');
    // Fri 15:00–17:00 EST = 120, Mon 09:00–11:00 EDT = 120 → 240 min; the wall time is 67h, not 68h.
    expect(minutesOf(r.elapsedMs)).toBe(240);
    expect(r.stoppedAt! - r.startedAt).toBe(67 * H);
  });

  it('Mon–Fri 09–17 is untouched by the autumn weekend: Fri 2h + Mon 2h', () => {
    const r = resolution('US-FALL-OFFICE');
    // Fri 15:00–17:00 EDT = 120, Mon 09:00–11:00 EST = 120 → 240 min; the wall time is 69h.
    expect(minutesOf(r.elapsedMs)).toBe(240);
    expect(r.stoppedAt! - r.startedAt).toBe(69 * H);
  });

  it('a Sunday shift 00:00–08:00 holds 7 real hours on 03-08 and 9 on 11-01', () => {
    // Sun 00:00 EST (05:00Z) → 08:00 EDT (12:00Z) = 7h = 420 min.
    expect(minutesOf(resolution('US-SPRING-OPS').elapsedMs)).toBe(420);
    // Sun 00:00 EDT (04:00Z) → 08:00 EST (13:00Z) = 9h = 540 min.
    expect(minutesOf(resolution('US-FALL-OPS').elapsedMs)).toBe(540);
  });

  it('a 4h target on the Sunday shift falls due at 05:00 EDT in spring and 03:00 EST in autumn', () => {
    // Sun 00:00 EST = 05:00Z, + 4h = 09:00Z = 05:00 EDT: the wall clock shows 5 hours for 4 real ones.
    const spring = resolution('US-SPRING-OPS-P1', at('2026-03-08T09:00:00-04:00'));
    expect(spring.state).toBe('breached');
    expect(spring.breachedAt).toBe(at('2026-03-08T05:00:00-04:00'));
    // Sun 00:00 EDT = 04:00Z, + 4h = 08:00Z = 03:00 EST: the wall clock shows 3 hours for 4 real ones.
    const fall = resolution('US-FALL-OPS-P1', at('2026-11-01T09:00:00-05:00'));
    expect(fall.breachedAt).toBe(at('2026-11-01T03:00:00-05:00'));
    // As of Sun 02:00 EST in autumn (07:00Z): 00:00 EDT → 07:00Z = 3h = 180 min used, 60 left → due 03:00 EST.
    const running = resolution('US-FALL-OPS-P1', at('2026-11-01T02:00:00-05:00'));
    expect(minutesOf(running.elapsedMs)).toBe(180);
    expect(running.dueAt).toBe(at('2026-11-01T03:00:00-05:00'));
  });
});

describe('US DST (America/New_York) in a 24x7 calendar', () => {
  it('22:00 Saturday to 22:00 Sunday is 23h in spring: within 1bd (1440 nominal minutes)', () => {
    const r = resolution('US-SPRING-24');
    // 03:00Z 03-08 → 02:00Z 03-09 = 23h = 1380 min ≤ 1bd = 1440 (a business day stays nominal).
    expect(minutesOf(r.targetMs)).toBe(1440);
    expect(minutesOf(r.elapsedMs)).toBe(1380);
    expect(r.state).toBe('met');
  });

  it('22:00 Saturday to 22:00 Sunday is 25h in autumn: over 1bd, breached 24 real hours after opening', () => {
    const r = resolution('US-FALL-24');
    // 02:00Z 11-01 → 03:00Z 11-02 = 25h = 1500 min > 1440.
    expect(minutesOf(r.elapsedMs)).toBe(1500);
    expect(r.state).toBe('breached');
    // 02:00Z 11-01 + 24h = 02:00Z 11-02 = 21:00 EST on Sunday.
    expect(r.breachedAt).toBe(at('2026-11-01T21:00:00-05:00'));
  });

  it('a skipped hour does not exist and a repeated one counts: 01:30 → 03:30 is 1h, 01:30 → 01:30 is 1h', () => {
    // 01:30 EST = 06:30Z → 03:30 EDT = 07:30Z: 60 min although the wall clock moved two hours.
    expect(minutesOf(clockOf(repo, 'US-SKIPPED', LATER, 'response').elapsedMs)).toBe(60);
    // 01:30 EDT = 05:30Z → 01:30 EST = 06:30Z: 60 min although the wall clock reads the same time.
    expect(minutesOf(clockOf(repo, 'US-REPEATED', LATER, 'response').elapsedMs)).toBe(60);
  });

  it('a clock running across the spring change is due by real time', () => {
    // Opened Sat 12:00 EST (17:00Z); as of Sun 12:00 EDT (16:00Z): 23h = 1380 min of 1440, warning (≥ 1080).
    const r = resolution('US-SPRING-RUNNING', at('2026-03-08T12:00:00-04:00'));
    expect(minutesOf(r.elapsedMs)).toBe(1380);
    expect(r.warning).toBe(true);
    // 60 min left → Sun 13:00 EDT.
    expect(r.dueAt).toBe(at('2026-03-08T13:00:00-04:00'));
  });
});

describe('EU DST (Europe/Berlin) in a business-hours calendar', () => {
  it('08–12 + 13–17 is untouched by the change weekends', () => {
    // Fri 15:00–17:00 CET = 120, Mon 08:00–10:00 CEST = 120 → 240 min (wall time 66h, not 67h).
    const spring = resolution('DE-SPRING-OFFICE');
    expect(minutesOf(spring.elapsedMs)).toBe(240);
    expect(spring.stoppedAt! - spring.startedAt).toBe(66 * H);
    // Fri 15:00–17:00 CEST = 120, Mon 08:00–10:00 CET = 120 → 240 min (wall time 68h).
    const fall = resolution('DE-FALL-OFFICE');
    expect(minutesOf(fall.elapsedMs)).toBe(240);
    expect(fall.stoppedAt! - fall.startedAt).toBe(68 * H);
  });

  it('a Sunday shift 00:00–08:00 holds 7 real hours on 03-29 and 9 on 10-25', () => {
    // Sun 00:00 CET (23:00Z Sat) → 08:00 CEST (06:00Z) = 7h = 420 min.
    expect(minutesOf(resolution('DE-SPRING-OPS').elapsedMs)).toBe(420);
    // Sun 00:00 CEST (22:00Z Sat) → 08:00 CET (07:00Z) = 9h = 540 min.
    expect(minutesOf(resolution('DE-FALL-OPS').elapsedMs)).toBe(540);
  });
});

describe('EU DST (Europe/Berlin) in a 24x7 calendar', () => {
  it('22:00 Saturday to 22:00 Sunday is 23h in spring (met) and 25h in autumn (breached)', () => {
    // 21:00Z 03-28 → 20:00Z 03-29 = 23h = 1380 ≤ 1440.
    const spring = resolution('DE-SPRING-24');
    expect(minutesOf(spring.elapsedMs)).toBe(1380);
    expect(spring.state).toBe('met');
    // 20:00Z 10-24 → 21:00Z 10-25 = 25h = 1500 > 1440; breach at 20:00Z 10-25 = 21:00 CET.
    const fall = resolution('DE-FALL-24');
    expect(minutesOf(fall.elapsedMs)).toBe(1500);
    expect(fall.state).toBe('breached');
    expect(fall.breachedAt).toBe(at('2026-10-25T21:00:00+01:00'));
  });

  it('a skipped hour does not exist and a repeated one counts', () => {
    // 01:30 CET = 00:30Z → 03:30 CEST = 01:30Z: 60 min.
    expect(minutesOf(clockOf(repo, 'DE-SKIPPED', LATER, 'response').elapsedMs)).toBe(60);
    // 02:30 CEST = 00:30Z → 02:30 CET = 01:30Z: 60 min.
    expect(minutesOf(clockOf(repo, 'DE-REPEATED', LATER, 'response').elapsedMs)).toBe(60);
  });
});
