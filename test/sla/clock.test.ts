import { describe, expect, it } from 'vitest';
import { H, M, at, buildRepository, CALENDARS, clockOf, clocksOf, deskRepository, minutesOf, targets, DESK_TARGETS } from './helpers.js';

// Every expected figure below is worked out by hand on the `us-office` calendar (New York, Mon–Fri 09:00–17:00,
// Thanksgiving Thu 2026-11-26 and Christmas Day Fri 2026-12-25 off, Christmas Eve Thu 2026-12-24 09:00–13:00),
// service desk targets P1 30m/4h, P2 1h/8h, P3 4h/2bd (16h), P4 1bd (8h)/5bd (40h), pausing on awaiting-customer and
// awaiting-vendor. October 2026 is EDT (−04:00) until Sun 11-01; November and December are EST (−05:00).

describe('business hours: weekends, holidays, special days, outside hours', () => {
  it('does not count the weekend', () => {
    const repo = deskRepository([
      {
        id: 'INC-1',
        service: 'desk',
        priority: 'P2',
        opened: '2026-10-09T15:00:00-04:00', // Friday
        timeline: [
          ['2026-10-09T15:30:00-04:00', 'in-progress'],
          ['2026-10-12T13:00:00-04:00', 'resolved'], // Monday
        ],
      },
    ]);
    const asOf = at('2026-10-31T00:00:00-04:00');
    const response = clockOf(repo, 'INC-1', asOf, 'response');
    // Fri 15:00 → 15:30 = 30 min, target 1h.
    expect(minutesOf(response.elapsedMs)).toBe(30);
    expect(response.state).toBe('met');
    const resolution = clockOf(repo, 'INC-1', asOf, 'resolution');
    // Fri 15:00–17:00 = 120, Sat + Sun = 0, Mon 09:00–13:00 = 240 → 360 min (the wall time is 70h), target 8h = 480.
    expect(minutesOf(resolution.elapsedMs)).toBe(360);
    expect(resolution.state).toBe('met');
    expect(resolution.stoppedAt).toBe(at('2026-10-12T13:00:00-04:00'));
    expect(resolution.startedAt).toBe(at('2026-10-09T15:00:00-04:00'));
    expect(resolution.pausedMs).toBe(0);
  });

  it('starts counting at the next working instant for a ticket opened outside working hours', () => {
    const repo = deskRepository([
      {
        id: 'INC-2',
        service: 'desk',
        priority: 'P1',
        opened: '2026-10-10T10:00:00-04:00', // Saturday
        timeline: [
          ['2026-10-12T09:20:00-04:00', 'in-progress'], // Monday
          ['2026-10-12T12:30:00-04:00', 'resolved'],
        ],
      },
      {
        id: 'INC-3',
        service: 'desk',
        priority: 'P1',
        opened: '2026-10-13T22:00:00-04:00', // Tuesday night
        timeline: [
          ['2026-10-14T08:30:00-04:00', 'in-progress'], // before the office opens
          ['2026-10-14T10:00:00-04:00', 'resolved'],
        ],
      },
    ]);
    const asOf = at('2026-10-31T00:00:00-04:00');
    // Sat 10:00 → Mon 09:20: only Mon 09:00–09:20 is working time = 20 min ≤ 30 min.
    expect(minutesOf(clockOf(repo, 'INC-2', asOf, 'response').elapsedMs)).toBe(20);
    // Mon 09:00–12:30 = 210 min ≤ 240.
    const r2 = clockOf(repo, 'INC-2', asOf, 'resolution');
    expect(minutesOf(r2.elapsedMs)).toBe(210);
    expect(r2.state).toBe('met');
    // Tue 22:00 → Wed 08:30 holds no working time: a response before opening hours takes 0 business minutes.
    expect(clockOf(repo, 'INC-3', asOf, 'response').elapsedMs).toBe(0);
    // Wed 09:00–10:00 = 60 min.
    expect(minutesOf(clockOf(repo, 'INC-3', asOf, 'resolution').elapsedMs)).toBe(60);
  });

  it('does not count a holiday', () => {
    const repo = deskRepository([
      {
        id: 'INC-4',
        service: 'desk',
        priority: 'P2',
        opened: '2026-11-25T16:00:00-05:00', // Wednesday before Thanksgiving
        timeline: [
          ['2026-11-25T16:10:00-05:00', 'in-progress'],
          ['2026-11-27T14:00:00-05:00', 'resolved'], // Friday
        ],
      },
    ]);
    const r = clockOf(repo, 'INC-4', at('2026-12-01T00:00:00-05:00'), 'resolution');
    // Wed 16:00–17:00 = 60, Thu (Thanksgiving) = 0, Fri 09:00–14:00 = 300 → 360 min ≤ 480.
    expect(minutesOf(r.elapsedMs)).toBe(360);
    expect(r.state).toBe('met');
  });

  it('counts only the hours of a special half day', () => {
    const repo = deskRepository([
      {
        id: 'INC-5',
        service: 'desk',
        priority: 'P2',
        opened: '2026-12-24T11:00:00-05:00', // Christmas Eve, open 09:00–13:00
        timeline: [
          ['2026-12-24T11:05:00-05:00', 'in-progress'],
          ['2026-12-28T10:00:00-05:00', 'resolved'], // Monday
        ],
      },
      {
        id: 'INC-6',
        service: 'desk',
        priority: 'P1',
        opened: '2026-12-24T12:00:00-05:00',
        timeline: [['2026-12-24T12:10:00-05:00', 'in-progress']],
      },
    ]);
    const asOf = at('2026-12-28T15:00:00-05:00');
    const r5 = clockOf(repo, 'INC-5', asOf, 'resolution');
    // Thu 11:00–13:00 = 120 (the half day ends at 13:00), Fri holiday, weekend, Mon 09:00–10:00 = 60 → 180 min.
    expect(minutesOf(r5.elapsedMs)).toBe(180);
    const r6 = clockOf(repo, 'INC-6', asOf, 'resolution');
    // Thu 12:00–13:00 = 60, then Mon 09:00–15:00 = 360 → 420 min > 240: breached while still running.
    expect(minutesOf(r6.elapsedMs)).toBe(420);
    expect(r6.state).toBe('breached');
    expect(r6.stoppedAt).toBeNull();
    // 240 − 60 = 180 min left after Christmas Eve; Christmas Day and the weekend do not count: Mon 09:00 + 3h.
    expect(r6.breachedAt).toBe(at('2026-12-28T12:00:00-05:00'));
    expect(r6.dueAt).toBeNull();
  });
});

describe('pauses', () => {
  it('stops the resolution clock in every paused status and reports the business time paused', () => {
    const repo = deskRepository([
      {
        id: 'INC-10',
        service: 'desk',
        priority: 'P3',
        opened: '2026-10-05T09:00:00-04:00', // Monday
        timeline: [
          ['2026-10-05T09:30:00-04:00', 'in-progress'],
          ['2026-10-05T11:00:00-04:00', 'awaiting-customer'],
          ['2026-10-05T14:00:00-04:00', 'in-progress'],
          ['2026-10-06T10:00:00-04:00', 'awaiting-vendor'],
          ['2026-10-07T11:00:00-04:00', 'in-progress'],
          ['2026-10-07T15:00:00-04:00', 'resolved'],
        ],
      },
    ]);
    const r = clockOf(repo, 'INC-10', at('2026-10-31T00:00:00-04:00'), 'resolution');
    // Running: new 09:00–09:30 = 30, in-progress 09:30–11:00 = 90, Mon 14:00–17:00 + Tue 09:00–10:00 = 180 + 60 = 240,
    // Wed 11:00–15:00 = 240 → 30 + 90 + 240 + 240 = 600 min.
    expect(minutesOf(r.elapsedMs)).toBe(600);
    // Paused: Mon 11:00–14:00 = 180; Tue 10:00–17:00 = 420 + Wed 09:00–11:00 = 120 → 180 + 540 = 720 min.
    expect(minutesOf(r.pausedMs)).toBe(720);
    // Target 2bd = 2 × 480 = 960 min.
    expect(minutesOf(r.targetMs)).toBe(960);
    expect(r.state).toBe('met');
    // The response clock stopped at the first status change: 09:00 → 09:30 = 30 min.
    expect(minutesOf(clockOf(repo, 'INC-10', at('2026-10-31T00:00:00-04:00'), 'response').elapsedMs)).toBe(30);
  });

  it('counts a pause across a holiday as the business time that passed while paused (the holiday adds nothing)', () => {
    const repo = deskRepository([
      {
        id: 'INC-11',
        service: 'desk',
        priority: 'P2',
        opened: '2026-11-25T10:00:00-05:00',
        timeline: [
          ['2026-11-25T10:15:00-05:00', 'in-progress'],
          ['2026-11-25T15:00:00-05:00', 'awaiting-customer'],
          ['2026-11-27T11:00:00-05:00', 'in-progress'],
          ['2026-11-27T13:00:00-05:00', 'resolved'],
        ],
      },
    ]);
    const r = clockOf(repo, 'INC-11', at('2026-12-01T00:00:00-05:00'), 'resolution');
    // Running: Wed 10:00–15:00 = 300, Fri 11:00–13:00 = 120 → 420 min ≤ 480.
    expect(minutesOf(r.elapsedMs)).toBe(420);
    // Paused: Wed 15:00–17:00 = 120, Thanksgiving 0, Fri 09:00–11:00 = 120 → 240 min (the wall time is 44h).
    expect(minutesOf(r.pausedMs)).toBe(240);
    expect(r.state).toBe('met');
  });

  it('moves a breach that would fall inside a pause to after the pause', () => {
    const repo = deskRepository([
      {
        id: 'INC-12',
        service: 'desk',
        priority: 'P1',
        opened: '2026-10-05T09:00:00-04:00',
        timeline: [
          ['2026-10-05T09:05:00-04:00', 'in-progress'],
          ['2026-10-05T12:00:00-04:00', 'awaiting-customer'], // 180 min on the clock
          ['2026-10-06T10:00:00-04:00', 'in-progress'],
          ['2026-10-06T12:00:00-04:00', 'resolved'],
        ],
      },
    ]);
    const r = clockOf(repo, 'INC-12', at('2026-10-31T00:00:00-04:00'), 'resolution');
    // Without the pause the 4h target would fall due Mon 13:00, inside the pause.
    // Running: Mon 09:00–12:00 = 180, Tue 10:00–12:00 = 120 → 300 > 240: breached.
    expect(minutesOf(r.elapsedMs)).toBe(300);
    expect(r.state).toBe('breached');
    // 240 − 180 = 60 min left when the pause ends Tue 10:00 → breach Tue 11:00.
    expect(r.breachedAt).toBe(at('2026-10-06T11:00:00-04:00'));
    // Paused: Mon 12:00–17:00 = 300, Tue 09:00–10:00 = 60 → 360 min.
    expect(minutesOf(r.pausedMs)).toBe(360);
  });

  it('cannot breach while paused: a clock over its target only when paused is still running, with no due date', () => {
    const repo = deskRepository([
      {
        id: 'INC-13',
        service: 'desk',
        priority: 'P1',
        opened: '2026-10-05T09:00:00-04:00',
        timeline: [
          ['2026-10-05T09:05:00-04:00', 'in-progress'],
          ['2026-10-05T12:00:00-04:00', 'awaiting-vendor'],
        ],
      },
    ]);
    const r = clockOf(repo, 'INC-13', at('2026-10-07T12:00:00-04:00'), 'resolution');
    // 09:00–12:00 = 180 < 240; the pause since Mon 12:00 adds nothing (Mon 300 + Tue 480 + Wed 180 = 960 paused).
    expect(minutesOf(r.elapsedMs)).toBe(180);
    expect(minutesOf(r.pausedMs)).toBe(960);
    expect(r.state).toBe('running');
    // 180 ≥ 0.75 × 240 = 180: in warning, but paused, so no due date can be given.
    expect(r.warning).toBe(true);
    expect(r.dueAt).toBeNull();
  });
});

describe('reopening', () => {
  // Mon 10-05 09:00 opened, 09:10 in progress, 12:00 resolved; reopened Tue 10:00, resolved Tue 13:00; reopened
  // Wed 09:00, resolved Wed 11:00.
  const reopenedTwice = {
    service: 'desk',
    priority: 'P2',
    opened: '2026-10-05T09:00:00-04:00',
    timeline: [
      ['2026-10-05T09:10:00-04:00', 'in-progress'],
      ['2026-10-05T12:00:00-04:00', 'resolved'],
      ['2026-10-06T10:00:00-04:00', 'in-progress'],
      ['2026-10-06T13:00:00-04:00', 'resolved'],
      ['2026-10-07T09:00:00-04:00', 'in-progress'],
      ['2026-10-07T11:00:00-04:00', 'resolved'],
    ] as Array<[string, string]>,
  };
  const asOf = at('2026-10-31T00:00:00-04:00');
  const repo = buildRepository({
    calendars: CALENDARS,
    slas: {
      resume: { calendar: 'us-office', reopen: 'resume', targets: targets(DESK_TARGETS) },
      // Same calendar, a new clock at every reopening, and a 2h resolution target for P2.
      cycles: { type: 'ola', calendar: 'us-office', reopen: 'new-cycle', targets: targets([['incident', 'P2', '1h', '2h']]) },
    },
    services: { desk: { sla: 'resume', agreements: ['cycles'] } },
    tickets: [
      { id: 'INC-20', ...reopenedTwice },
      {
        id: 'INC-21',
        ...reopenedTwice,
        timeline: [...reopenedTwice.timeline.slice(0, 5), ['2026-10-07T11:01:00-04:00', 'resolved']] as Array<[string, string]>,
      },
    ],
  });

  it('measures one clock per agreement and metric', () => {
    const clocks = clocksOf(repo, 'INC-20', asOf);
    expect(clocks.map((c) => `${c.sla}/${c.metric}`).sort()).toEqual(['cycles/resolution', 'cycles/response', 'resume/resolution', 'resume/response']);
  });

  it('resume: the time spent resolved does not count and the clock stops at the last resolution', () => {
    const r = clockOf(repo, 'INC-20', asOf, 'resolution', 'resume');
    // Mon 09:00–12:00 = 180, Tue 10:00–13:00 = 180, Wed 09:00–11:00 = 120 → 480 = 8h exactly: met (elapsed ≤ target).
    expect(minutesOf(r.elapsedMs)).toBe(480);
    expect(r.state).toBe('met');
    expect(r.cycles).toBe(1);
    expect(r.startedAt).toBe(at('2026-10-05T09:00:00-04:00'));
    expect(r.stoppedAt).toBe(at('2026-10-07T11:00:00-04:00'));
    // Time spent resolved is neither running nor paused.
    expect(r.pausedMs).toBe(0);
  });

  it('resume: one minute more breaches, at the instant the running time reached the target', () => {
    const r = clockOf(repo, 'INC-21', asOf, 'resolution', 'resume');
    // 180 + 180 + 121 = 481 > 480; the 480th minute ends Wed 11:00.
    expect(minutesOf(r.elapsedMs)).toBe(481);
    expect(r.state).toBe('breached');
    expect(r.breachedAt).toBe(at('2026-10-07T11:00:00-04:00'));
    expect(r.stoppedAt).toBe(at('2026-10-07T11:01:00-04:00'));
  });

  it('new-cycle: each reopening starts a clock from zero; the record is the last cycle', () => {
    const r = clockOf(repo, 'INC-20', asOf, 'resolution', 'cycles');
    // Cycles: Mon 09:00–12:00 = 180 (> 120 breached), Tue 10:00–13:00 = 180 (breached), Wed 09:00–11:00 = 120 (met).
    expect(r.cycles).toBe(3);
    expect(minutesOf(r.elapsedMs)).toBe(120);
    expect(r.state).toBe('met');
    expect(r.anyCycleBreached).toBe(true);
    expect(r.startedAt).toBe(at('2026-10-07T09:00:00-04:00'));
    expect(r.stoppedAt).toBe(at('2026-10-07T11:00:00-04:00'));
    // The response clock is not reopened: 09:00 → 09:10 = 10 min.
    const response = clockOf(repo, 'INC-20', asOf, 'response', 'cycles');
    expect(minutesOf(response.elapsedMs)).toBe(10);
    expect(response.cycles).toBe(1);
  });

  it('new-cycle: a reopened ticket that is open again has a running last cycle', () => {
    // As of Wed 10:30 the third cycle has run 09:00–10:30 = 90 min of its 120.
    const r = clockOf(repo, 'INC-20', at('2026-10-07T10:30:00-04:00'), 'resolution', 'cycles');
    expect(r.cycles).toBe(3);
    expect(minutesOf(r.elapsedMs)).toBe(90);
    expect(r.state).toBe('running');
    expect(r.warning).toBe(true); // 90 ≥ 0.75 × 120 = 90
    expect(r.dueAt).toBe(at('2026-10-07T11:00:00-04:00')); // 10:30 + 30 min
    expect(r.anyCycleBreached).toBe(true);
  });
});

describe('priority changes', () => {
  const repo = deskRepository([
    {
      id: 'INC-30',
      service: 'desk',
      priority: 'P3',
      opened: '2026-10-05T09:00:00-04:00',
      timeline: [
        ['2026-10-05T10:00:00-04:00', 'in-progress'],
        { at: '2026-10-05T11:00:00-04:00', priority: 'P1', note: 'whole floor affected' },
        ['2026-10-05T14:00:00-04:00', 'resolved'],
      ],
    },
    {
      id: 'INC-31',
      service: 'desk',
      priority: 'P1',
      opened: '2026-10-05T09:00:00-04:00',
      timeline: [
        { at: '2026-10-05T09:10:00-04:00', status: 'in-progress', priority: 'P3' },
        ['2026-10-05T15:00:00-04:00', 'resolved'],
      ],
    },
  ]);

  it('an escalation selects the tighter target, measured from opened (retroactive start)', () => {
    const r = clockOf(repo, 'INC-30', at('2026-10-31T00:00:00-04:00'), 'resolution');
    // Priority when the clock stopped: P1 (4h = 240). Elapsed from opened: 09:00–14:00 = 300 > 240.
    expect(r.priority).toBe('P1');
    expect(minutesOf(r.targetMs)).toBe(240);
    expect(minutesOf(r.elapsedMs)).toBe(300);
    expect(r.state).toBe('breached');
    // 09:00 + 4h = 13:00: after the escalation at 11:00, but counted from opened.
    expect(r.breachedAt).toBe(at('2026-10-05T13:00:00-04:00'));
  });

  it('the response clock stopped before the escalation keeps the priority it had then', () => {
    const r = clockOf(repo, 'INC-30', at('2026-10-31T00:00:00-04:00'), 'response');
    // Stopped at 10:00 while P3 (4h): 60 min, met.
    expect(r.priority).toBe('P3');
    expect(minutesOf(r.elapsedMs)).toBe(60);
    expect(r.state).toBe('met');
  });

  it('a running clock is measured against the priority it has at asOf', () => {
    // As of 10:30 (still P3, 16h): 90 min. As of 12:00 (P1, 4h): 180 min, 180 ≥ 0.75 × 240 → warning, due 13:00.
    const before = clockOf(repo, 'INC-30', at('2026-10-05T10:30:00-04:00'), 'resolution');
    expect(before.priority).toBe('P3');
    expect(minutesOf(before.elapsedMs)).toBe(90);
    expect(before.warning).toBe(false);
    // Due: 960 − 90 = 870 min from Mon 10:30 → Mon to 17:00 = 390, Tue 09:00 + 480 = 17:00 (870 reached).
    expect(before.dueAt).toBe(at('2026-10-06T17:00:00-04:00'));
    const after = clockOf(repo, 'INC-30', at('2026-10-05T12:00:00-04:00'), 'resolution');
    expect(after.priority).toBe('P1');
    expect(minutesOf(after.elapsedMs)).toBe(180);
    expect(after.state).toBe('running');
    expect(after.warning).toBe(true);
    expect(after.dueAt).toBe(at('2026-10-05T13:00:00-04:00'));
  });

  it('a de-escalation (a priority change and a status change in one event) loosens both targets', () => {
    const asOf = at('2026-10-31T00:00:00-04:00');
    const response = clockOf(repo, 'INC-31', asOf, 'response');
    // The response stopped at 09:10, the same instant the priority became P3: the change at the stop counts. 10 min ≤ 4h.
    expect(response.priority).toBe('P3');
    expect(minutesOf(response.elapsedMs)).toBe(10);
    const resolution = clockOf(repo, 'INC-31', asOf, 'resolution');
    // 09:00–15:00 = 360 min: over P1's 240, within P3's 960.
    expect(resolution.priority).toBe('P3');
    expect(minutesOf(resolution.elapsedMs)).toBe(360);
    expect(resolution.state).toBe('met');
  });
});

describe('business-day targets, warning threshold and asOf', () => {
  it('reads bd as days of the calendar’s working day: 1bd = 8h, 5bd = 40h on 09–17', () => {
    const repo = deskRepository([
      {
        id: 'INC-40',
        service: 'desk',
        priority: 'P4',
        opened: '2026-10-05T13:00:00-04:00', // Monday
        timeline: [
          ['2026-10-06T12:59:00-04:00', 'in-progress'],
          ['2026-10-12T13:01:00-04:00', 'resolved'], // next Monday
        ],
      },
    ]);
    const asOf = at('2026-10-31T00:00:00-04:00');
    const response = clockOf(repo, 'INC-40', asOf, 'response');
    // 1bd = 480 min. Mon 13:00–17:00 = 240 + Tue 09:00–12:59 = 239 → 479 ≤ 480.
    expect(minutesOf(response.targetMs)).toBe(480);
    expect(response.within).toBe('1bd');
    expect(minutesOf(response.elapsedMs)).toBe(479);
    expect(response.state).toBe('met');
    const resolution = clockOf(repo, 'INC-40', asOf, 'resolution');
    // 5bd = 2400 min. Mon 240 + Tue–Fri 4 × 480 = 1920 + Mon 09:00–13:01 = 241 → 2401 > 2400.
    expect(minutesOf(resolution.targetMs)).toBe(2400);
    expect(minutesOf(resolution.elapsedMs)).toBe(2401);
    expect(resolution.state).toBe('breached');
    // The 2400th minute ends Mon 10-12 13:00 (five business days after Mon 13:00).
    expect(resolution.breachedAt).toBe(at('2026-10-12T13:00:00-04:00'));
  });

  it('a business day on a calendar with a lunch break is its working time (4h + 4h = 8h), and 24h on 24x7', () => {
    const repo = buildRepository({
      slas: {
        berlin: { calendar: 'de-office', targets: targets([['request', 'P3', null, '1bd']]) },
        always: { targets: targets([['request', 'P3', null, '1bd']]) }, // built-in 24x7
      },
      services: { berlin: { sla: 'berlin' }, always: { sla: 'always' } },
      tickets: [
        { id: 'REQ-1', type: 'request', service: 'berlin', priority: 'P3', opened: '2026-10-05T11:00:00+02:00', timeline: [['2026-10-06T11:00:00+02:00', 'resolved']] },
        { id: 'REQ-2', type: 'request', service: 'always', priority: 'P3', opened: '2026-10-05T11:00:00Z', timeline: [['2026-10-06T11:00:00Z', 'resolved']] },
      ],
    });
    const asOf = at('2026-10-31T00:00:00Z');
    const berlin = clockOf(repo, 'REQ-1', asOf, 'resolution');
    // 1bd = 480. Mon 11:00–12:00 = 60, 13:00–17:00 = 240, Tue 08:00–11:00 = 180 → 480: met exactly at the target.
    expect(minutesOf(berlin.targetMs)).toBe(480);
    expect(minutesOf(berlin.elapsedMs)).toBe(480);
    expect(berlin.state).toBe('met');
    const always = clockOf(repo, 'REQ-2', asOf, 'resolution');
    // 1bd on 24x7 = 1440 min = exactly 24h of wall time.
    expect(minutesOf(always.targetMs)).toBe(1440);
    expect(minutesOf(always.elapsedMs)).toBe(1440);
    expect(always.state).toBe('met');
  });

  it('flags a running clock once it has used the warning threshold of its target (default 75%)', () => {
    const ticket = { id: 'INC-41', service: 'desk', priority: 'P2', opened: '2026-10-05T09:00:00-04:00', timeline: [['2026-10-05T09:05:00-04:00', 'in-progress']] as Array<[string, string]> };
    const repo = deskRepository([ticket]);
    // Target 480; 75% = 360 min. 14:59 → 359 min: no warning; 15:00 → 360: warning.
    expect(clockOf(repo, 'INC-41', at('2026-10-05T14:59:00-04:00'), 'resolution').warning).toBe(false);
    const warned = clockOf(repo, 'INC-41', at('2026-10-05T15:00:00-04:00'), 'resolution');
    expect(warned.warning).toBe(true);
    expect(warned.state).toBe('running');
    // 480 − 360 = 120 min from Mon 15:00 → 17:00.
    expect(warned.dueAt).toBe(at('2026-10-05T17:00:00-04:00'));
    // warningThreshold: 50 → 240 min, reached at 13:00.
    const half = deskRepository([ticket], { warningThreshold: 50 });
    expect(clockOf(half, 'INC-41', at('2026-10-05T12:59:00-04:00'), 'resolution').warning).toBe(false);
    expect(clockOf(half, 'INC-41', at('2026-10-05T13:00:00-04:00'), 'resolution').warning).toBe(true);
    // At exactly the target the clock is still running (breached means elapsed > target), due now.
    const full = clockOf(repo, 'INC-41', at('2026-10-05T17:00:00-04:00'), 'resolution');
    expect(minutesOf(full.elapsedMs)).toBe(480);
    expect(full.state).toBe('running');
    expect(full.dueAt).toBe(at('2026-10-05T17:00:00-04:00'));
    // One working minute later (Tue 09:01): 481 > 480, breached at Mon 17:00.
    const over = clockOf(repo, 'INC-41', at('2026-10-06T09:01:00-04:00'), 'resolution');
    expect(over.state).toBe('breached');
    expect(over.warning).toBe(false);
    expect(over.breachedAt).toBe(at('2026-10-05T17:00:00-04:00'));
  });

  it('measures a clock still running at asOf up to asOf and ignores events after it', () => {
    const repo = deskRepository([
      {
        id: 'INC-42',
        service: 'desk',
        priority: 'P3',
        opened: '2026-10-30T14:00:00-04:00', // Friday
        timeline: [
          ['2026-10-30T14:30:00-04:00', 'in-progress'],
          ['2026-11-02T10:00:00-05:00', 'resolved'], // Monday, after the clocks went back
        ],
      },
    ]);
    // The end of October in New York: 2026-11-01 00:00 EDT.
    const endOfOctober = at('2026-11-01T00:00:00-04:00');
    const r = clockOf(repo, 'INC-42', endOfOctober, 'resolution');
    // Fri 14:00–17:00 = 180 min; the resolution on Monday is not known yet.
    expect(minutesOf(r.elapsedMs)).toBe(180);
    expect(r.state).toBe('running');
    expect(r.stoppedAt).toBeNull();
    expect(r.warning).toBe(false); // 180 < 720
    // 960 − 180 = 780 min from Sun midnight: Mon 11-02 09:00–17:00 EST = 480, Tue 11-03 09:00 + 300 = 14:00 EST.
    expect(r.dueAt).toBe(at('2026-11-03T14:00:00-05:00'));
    // As of later the resolution is known: 180 + Mon 09:00–10:00 = 60 → 240 min, met.
    const later = clockOf(repo, 'INC-42', at('2026-11-30T00:00:00-05:00'), 'resolution');
    expect(minutesOf(later.elapsedMs)).toBe(240);
    expect(later.state).toBe('met');
    // A ticket is not measured before it was opened.
    expect(clocksOf(repo, 'INC-42', at('2026-10-30T14:00:00-04:00'))).toEqual([]);
  });

  it('an event exactly at asOf is known to both clocks (only events after asOf are ignored)', () => {
    const repo = deskRepository([
      {
        id: 'INC-43',
        service: 'desk',
        priority: 'P2',
        opened: '2026-10-05T09:00:00-04:00',
        timeline: [
          ['2026-10-05T09:30:00-04:00', 'in-progress'],
          ['2026-10-05T11:00:00-04:00', 'resolved'],
        ],
      },
    ]);
    // The response at 09:30 as of 09:30 is known: stopped, 30 min, met (the engine agrees).
    const response = clockOf(repo, 'INC-43', at('2026-10-05T09:30:00-04:00'), 'response');
    expect(response.stoppedAt).toBe(at('2026-10-05T09:30:00-04:00'));
    expect(response.state).toBe('met');
    // The resolution at 11:00 as of 11:00 should be known the same way: stopped at 11:00, 120 min, met.
    // The engine reports it running (statusSpans drops a status change at asOf).
    const resolution = clockOf(repo, 'INC-43', at('2026-10-05T11:00:00-04:00'), 'resolution');
    expect(minutesOf(resolution.elapsedMs)).toBe(120);
    expect(resolution.stoppedAt).toBe(at('2026-10-05T11:00:00-04:00'));
    expect(resolution.state).toBe('met');
  });
});

describe('cancelled tickets', () => {
  it('a cancellation exactly at asOf cancels the response clock instead of breaching it', () => {
    const repo = deskRepository([
      { id: 'INC-52', service: 'desk', priority: 'P2', opened: '2026-10-05T09:00:00-04:00', timeline: [['2026-10-05T12:00:00-04:00', 'cancelled']] },
    ]);
    // As of 12:00 the cancellation at 12:00 is known (it is not after asOf): both clocks are cancelled.
    // The engine stops the response clock at 12:00 (responseCycles accepts first.at ≤ asOf) but does not see the
    // cancelled span (statusSpans drops a span starting at asOf), so it reports 180 min > 60: breached.
    const response = clockOf(repo, 'INC-52', at('2026-10-05T12:00:00-04:00'), 'response');
    expect(response.state).toBe('cancelled');
  });

  const repo = deskRepository([
    {
      id: 'INC-50',
      service: 'desk',
      priority: 'P2',
      opened: '2026-10-05T09:00:00-04:00',
      timeline: [
        ['2026-10-05T09:20:00-04:00', 'in-progress'],
        ['2026-10-05T11:00:00-04:00', 'cancelled'],
      ],
    },
    {
      id: 'INC-51',
      service: 'desk',
      priority: 'P2',
      opened: '2026-10-05T09:00:00-04:00',
      timeline: [['2026-10-05T12:00:00-04:00', 'cancelled']],
    },
  ]);
  const asOf = at('2026-10-31T00:00:00-04:00');

  it('cancels the running resolution clock; a response already given stays measured', () => {
    expect(clockOf(repo, 'INC-50', asOf, 'resolution').state).toBe('cancelled');
    const response = clockOf(repo, 'INC-50', asOf, 'response');
    // 09:00 → 09:20 = 20 min ≤ 60.
    expect(response.state).toBe('met');
    expect(minutesOf(response.elapsedMs)).toBe(20);
  });

  it('cancels both clocks when the ticket is cancelled before any response', () => {
    // 09:00–12:00 = 180 min > the 60-min response target, but a cancelled clock is never `breached`: it counts nowhere.
    // It keeps the fact that it passed its target, as ServiceNow keeps "has breached": at 09:00 + 60 min = 10:00.
    const response = clockOf(repo, 'INC-51', asOf, 'response');
    expect(response.state).toBe('cancelled');
    expect(response.breachedAt).toBe(at('2026-10-05T10:00:00-04:00'));
    // The resolution clock (8h) ran 180 min: cancelled before its target, so no breach instant.
    const resolution = clockOf(repo, 'INC-51', asOf, 'resolution');
    expect(resolution.state).toBe('cancelled');
    expect(resolution.breachedAt).toBeNull();
  });
});

describe('priorities and targets', () => {
  it('measures no clock for a priority that has no target', () => {
    const repo = deskRepository([{ id: 'REQ-60', type: 'request', service: 'desk', priority: 'P1', opened: '2026-10-05T09:00:00-04:00' }]);
    // Requests have a target for P3 only.
    expect(clocksOf(repo, 'REQ-60', at('2026-10-06T09:00:00-04:00'))).toEqual([]);
  });

  it('measures a metric only when the target has it (requests: resolution only)', () => {
    const repo = deskRepository([{ id: 'REQ-61', type: 'request', service: 'desk', priority: 'P3', opened: '2026-10-05T09:00:00-04:00' }]);
    const clocks = clocksOf(repo, 'REQ-61', at('2026-10-06T09:00:00-04:00'));
    expect(clocks.map((c) => c.metric)).toEqual(['resolution']);
    // 3bd = 1440; Mon 09:00–17:00 = 480 so far.
    expect(minutesOf(clocks[0]!.targetMs)).toBe(1440);
    expect(clocks[0]!.elapsedMs).toBe(8 * H);
    expect(clocks[0]!.elapsedMs % M).toBe(0);
  });
});
