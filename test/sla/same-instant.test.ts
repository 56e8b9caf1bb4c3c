import { describe, expect, it } from 'vitest';
import { ticketFacts } from '../../src/export/tickets.js';
import { explainTicket } from '../../src/sla/explain.js';
import { measureContext } from '../../src/sla/measure.js';
import type { Repository } from '../../src/model/repository.js';
import type { SlaSpec } from '../../src/model/index.js';
import { at, buildRepository, clockOf, deskRepository, minutesOf, targets, DESK_TARGETS, type TicketInput } from './helpers.js';

// Events written at the same instant are taken in the order written, by every clock and every column (docs/sla.md,
// "Events at the same instant"). Exports have minute precision, so this is common in real data.
//
// Unless said otherwise these tickets run on the built-in `24x7` calendar (UTC, every minute counts), with the service
// desk targets P1 30m/4h, P2 1h/8h, P3 4h/2bd (2bd = 48h on 24x7), P4 1bd/5bd. Monday 2026-10-05.

function deskOn24x7(tickets: TicketInput[], sla: Partial<SlaSpec> = {}): Repository {
  return buildRepository({
    slas: { desk: { pauseOn: ['awaiting-customer'], reopen: 'resume', targets: targets(DESK_TARGETS), ...sla } },
    services: { desk: { sla: 'desk' } },
    tickets,
  });
}

function factsOf(repository: Repository, id: string, asOf: number) {
  const ticket = repository.tickets.find((t) => t.doc.metadata.id === id)!.doc;
  return ticketFacts(ticket, measureContext(repository), asOf);
}

const asOf = at('2026-10-31T00:00:00Z');

describe('a stop and a reopening at the same instant', () => {
  const ticket: TicketInput = {
    id: 'INC-1',
    service: 'desk',
    priority: 'P1',
    opened: '2026-10-05T09:00:00Z',
    timeline: [
      ['2026-10-05T09:05:00Z', 'in-progress'],
      ['2026-10-05T10:00:00Z', 'resolved'],
      ['2026-10-05T10:00:00Z', 'in-progress'],
      ['2026-10-05T11:00:00Z', 'resolved'],
    ],
  };

  it('new-cycle: starts a second cycle at that instant', () => {
    const clock = clockOf(deskOn24x7([ticket], { reopen: 'new-cycle' }), 'INC-1', asOf, 'resolution');
    // Cycle 1: 09:00–10:00 = 60 min; cycle 2 starts at the reopening, 10:00, and runs to 11:00 = 60 min.
    expect(clock.cycles).toBe(2);
    expect(clock.startedAt).toBe(at('2026-10-05T10:00:00Z'));
    expect(minutesOf(clock.elapsedMs)).toBe(60);
    expect(clock.stoppedAt).toBe(at('2026-10-05T11:00:00Z'));
    expect(clock.state).toBe('met');
  });

  it('resume: the clock stops and resumes in the same instant, losing nothing', () => {
    const clock = clockOf(deskOn24x7([ticket]), 'INC-1', asOf, 'resolution');
    // 09:00–10:00 = 60 + 0 while resolved (10:00–10:00) + 10:00–11:00 = 60 → 120 min, one cycle.
    expect(clock.cycles).toBe(1);
    expect(minutesOf(clock.elapsedMs)).toBe(120);
    expect(clock.stoppedAt).toBe(at('2026-10-05T11:00:00Z'));
  });

  it('sla explain shows the stop that lasted no time, so the story accounts for the reopening', () => {
    const story = explainTicket(deskOn24x7([ticket]), 'INC-1', asOf)!;
    const resolution = story.clocks.find((c) => c.metric === 'resolution')!;
    expect(resolution.segments.map((s) => [s.from.slice(11, 16), s.to.slice(11, 16), s.status, s.phase, s.addedMinutes, s.totalMinutes])).toEqual([
      ['09:00', '09:05', 'new', 'running', 5, 5],
      ['09:05', '10:00', 'in-progress', 'running', 55, 60],
      ['10:00', '10:00', 'resolved', 'stopped', 0, 60],
      ['10:00', '11:00', 'in-progress', 'running', 60, 120],
      ['11:00', '00:00', 'resolved', 'stopped', 0, 120],
    ]);
  });

  it('the ticket columns agree with the clocks: one reopening, resolved at 11:00', () => {
    const facts = factsOf(deskOn24x7([ticket], { reopen: 'new-cycle' }), 'INC-1', asOf);
    expect(facts.reopens).toBe(1);
    expect(facts.resolvedAt).toBe('2026-10-05T11:00:00.000Z');
  });
});

describe('three events in one minute: reopened, lowered to P2 and resolved again (resume)', () => {
  const repo = deskOn24x7([
    {
      id: 'INC-2',
      service: 'desk',
      priority: 'P1',
      opened: '2026-10-05T04:00:00Z',
      timeline: [
        ['2026-10-05T04:10:00Z', 'in-progress'],
        ['2026-10-05T10:00:00Z', 'resolved'],
        ['2026-10-05T12:00:00Z', 'in-progress'],
        { at: '2026-10-05T12:00:00Z', priority: 'P2' },
        ['2026-10-05T12:00:00Z', 'resolved'],
      ],
    },
  ]);

  it('stops the clock at 12:00 and judges it against P2', () => {
    const clock = clockOf(repo, 'INC-2', asOf, 'resolution');
    // 04:00–10:00 = 360 min running; resolved 10:00–12:00 does not count; in progress 12:00–12:00 adds 0.
    // Stopped by the second resolution, at 12:00, after the change to P2: P2's 8h = 480 min, 360 ≤ 480 → met.
    // (Against P1's 4h = 240 it would have breached at 08:00.)
    expect(clock.stoppedAt).toBe(at('2026-10-05T12:00:00Z'));
    expect(clock.priority).toBe('P2');
    expect(minutesOf(clock.targetMs)).toBe(480);
    expect(minutesOf(clock.elapsedMs)).toBe(360);
    expect(clock.state).toBe('met');
    expect(clock.breachedAt).toBeNull();
  });

  it('the ticket columns say the same: resolved at 12:00, one reopening, P2', () => {
    const facts = factsOf(repo, 'INC-2', asOf);
    expect(facts.resolvedAt).toBe('2026-10-05T12:00:00.000Z');
    expect(facts.reopens).toBe(1);
    expect(facts.priority).toBe('P2');
    expect(facts.status).toBe('resolved');
  });
});

describe('a priority change at the instant a clock stops', () => {
  const stopsAt = '2026-10-05T10:00:00Z';
  function resolvedP3(timeline: TicketInput['timeline']): Repository {
    return deskOn24x7([{ id: 'INC-3', service: 'desk', priority: 'P3', opened: '2026-10-05T04:00:00Z', timeline }]);
  }

  // 04:00–10:00 = 360 min on every ticket below: within P3's 48h, over P1's 4h = 240 min.
  it('counts when written in the stopping event', () => {
    const clock = clockOf(resolvedP3([{ at: stopsAt, status: 'resolved', priority: 'P1' }]), 'INC-3', asOf, 'resolution');
    expect(clock.priority).toBe('P1');
    expect(clock.state).toBe('breached');
    // 04:00 + 240 min = 08:00.
    expect(clock.breachedAt).toBe(at('2026-10-05T08:00:00Z'));
  });

  it('counts when written before the stopping event', () => {
    const clock = clockOf(resolvedP3([{ at: stopsAt, priority: 'P1' }, [stopsAt, 'resolved']]), 'INC-3', asOf, 'resolution');
    expect(clock.priority).toBe('P1');
    expect(clock.state).toBe('breached');
  });

  it('does not count when written after it: the clock had stopped', () => {
    const clock = clockOf(resolvedP3([[stopsAt, 'resolved'], { at: stopsAt, priority: 'P1' }]), 'INC-3', asOf, 'resolution');
    expect(clock.priority).toBe('P3');
    expect(minutesOf(clock.targetMs)).toBe(48 * 60);
    expect(clock.state).toBe('met');
  });
});

describe('cancellation at the same instant as another event', () => {
  it('taken in progress and cancelled in one minute: the response was given, the resolution clock is cancelled', () => {
    const repo = deskOn24x7([
      {
        id: 'INC-4',
        service: 'desk',
        priority: 'P2',
        opened: '2026-10-05T09:00:00Z',
        timeline: [
          ['2026-10-05T10:00:00Z', 'in-progress'],
          ['2026-10-05T10:00:00Z', 'cancelled'],
        ],
      },
    ]);
    const response = clockOf(repo, 'INC-4', asOf, 'response');
    // 09:00–10:00 = 60 min ≤ P2's 1h: met, exactly at the target.
    expect(response.state).toBe('met');
    expect(minutesOf(response.elapsedMs)).toBe(60);
    expect(response.stoppedAt).toBe(at('2026-10-05T10:00:00Z'));
    expect(clockOf(repo, 'INC-4', asOf, 'resolution').state).toBe('cancelled');
  });

  it('cancelled and then taken in progress in one minute: the first move was a cancellation, so the response clock is cancelled', () => {
    const repo = deskOn24x7([
      {
        id: 'INC-5',
        service: 'desk',
        priority: 'P2',
        opened: '2026-10-05T09:00:00Z',
        timeline: [
          ['2026-10-05T10:00:00Z', 'cancelled'],
          ['2026-10-05T10:00:00Z', 'in-progress'],
          ['2026-10-05T11:00:00Z', 'resolved'],
        ],
      },
    ]);
    expect(clockOf(repo, 'INC-5', asOf, 'response').state).toBe('cancelled');
    // The resolution clock resumes after the cancellation (as after any stop): 09:00–10:00 + 10:00–11:00 = 120 min.
    const resolution = clockOf(repo, 'INC-5', asOf, 'resolution');
    expect(resolution.state).toBe('met');
    expect(minutesOf(resolution.elapsedMs)).toBe(120);
  });

  it('resolved and cancelled in one minute: the clock stopped at the resolution and counts, as resolved-then-closed does', () => {
    const repo = deskOn24x7([
      {
        id: 'INC-6',
        service: 'desk',
        priority: 'P2',
        opened: '2026-10-05T09:00:00Z',
        timeline: [
          ['2026-10-05T09:30:00Z', 'in-progress'],
          ['2026-10-05T18:00:00Z', 'resolved'],
          ['2026-10-05T18:00:00Z', 'cancelled'],
        ],
      },
    ]);
    const clock = clockOf(repo, 'INC-6', asOf, 'resolution');
    // 09:00–18:00 = 540 min > P2's 480: breached at 17:00, stopped at 18:00 by the resolution.
    expect(clock.state).toBe('breached');
    expect(minutesOf(clock.elapsedMs)).toBe(540);
    expect(clock.stoppedAt).toBe(at('2026-10-05T18:00:00Z'));
    expect(clock.breachedAt).toBe(at('2026-10-05T17:00:00Z'));
  });

  it('cancelled and resolved in one minute: the first stop was the cancellation, so the clock is cancelled', () => {
    const repo = deskOn24x7([
      {
        id: 'INC-7',
        service: 'desk',
        priority: 'P2',
        opened: '2026-10-05T09:00:00Z',
        timeline: [
          ['2026-10-05T09:30:00Z', 'in-progress'],
          ['2026-10-05T18:00:00Z', 'cancelled'],
          ['2026-10-05T18:00:00Z', 'resolved'],
        ],
      },
    ]);
    const clock = clockOf(repo, 'INC-7', asOf, 'resolution');
    expect(clock.state).toBe('cancelled');
    // It had passed its target (540 > 480 min) before it was cancelled: the instant is kept, 09:00 + 480 min = 17:00.
    expect(clock.breachedAt).toBe(at('2026-10-05T17:00:00Z'));
  });
});

describe('what the docs used to leave open', () => {
  it('earlier new-cycle cycles are judged against the priority each had when it stopped', () => {
    const repo = deskOn24x7(
      [
        {
          id: 'INC-8',
          service: 'desk',
          priority: 'P2',
          opened: '2026-10-05T00:00:00Z',
          timeline: [
            ['2026-10-05T00:10:00Z', 'in-progress'],
            ['2026-10-05T06:00:00Z', 'resolved'],
            { at: '2026-10-05T07:00:00Z', status: 'in-progress', priority: 'P1' },
            ['2026-10-05T08:00:00Z', 'resolved'],
          ],
        },
      ],
      { reopen: 'new-cycle' },
    );
    const clock = clockOf(repo, 'INC-8', asOf, 'resolution');
    // Cycle 1: 00:00–06:00 = 360 min, stopped while P2 (480): met. Judged against P1 (240) it would be breached.
    // Cycle 2: 07:00–08:00 = 60 min, P1 (240): met. So no cycle breached.
    expect(clock.cycles).toBe(2);
    expect(clock.priority).toBe('P1');
    expect(minutesOf(clock.elapsedMs)).toBe(60);
    expect(clock.state).toBe('met');
    expect(clock.anyCycleBreached).toBe(false);
  });

  it('an earlier new-cycle cycle that breached its own priority\'s target is still reported after a de-escalation', () => {
    const repo = deskOn24x7(
      [
        {
          id: 'INC-9',
          service: 'desk',
          priority: 'P1',
          opened: '2026-10-05T00:00:00Z',
          timeline: [
            ['2026-10-05T00:10:00Z', 'in-progress'],
            ['2026-10-05T06:00:00Z', 'resolved'],
            { at: '2026-10-05T07:00:00Z', status: 'in-progress', priority: 'P2' },
            ['2026-10-05T08:00:00Z', 'resolved'],
          ],
        },
      ],
      { reopen: 'new-cycle' },
    );
    const clock = clockOf(repo, 'INC-9', asOf, 'resolution');
    // Cycle 1: 360 min while P1 (240): breached. Cycle 2: 60 min, P2 (480): met.
    expect(clock.state).toBe('met');
    expect(clock.anyCycleBreached).toBe(true);
  });

  it('a pauseOn status never pauses the response clock: moving to it is the response', () => {
    const repo = deskOn24x7(
      [
        {
          id: 'INC-10',
          service: 'desk',
          priority: 'P2',
          opened: '2026-10-05T09:00:00Z',
          timeline: [
            ['2026-10-05T09:20:00Z', 'awaiting-customer'],
            ['2026-10-05T11:00:00Z', 'in-progress'],
            ['2026-10-05T12:00:00Z', 'resolved'],
          ],
        },
        // An agreement that also pauses in `new`: the resolution clock pauses, the response clock still runs.
        { id: 'INC-11', service: 'desk', priority: 'P2', opened: '2026-10-05T09:00:00Z', timeline: [['2026-10-05T09:40:00Z', 'in-progress']] },
      ],
      { pauseOn: ['new', 'awaiting-customer'] },
    );
    const response = clockOf(repo, 'INC-10', asOf, 'response');
    // 09:00–09:20 = 20 min, stopped by the move to awaiting-customer.
    expect(minutesOf(response.elapsedMs)).toBe(20);
    expect(response.stoppedAt).toBe(at('2026-10-05T09:20:00Z'));
    expect(response.pausedMs).toBe(0);
    // Resolution: `new` is paused here too: 09:00–09:20 paused, 09:20–11:00 paused, 11:00–12:00 running = 60 min.
    const resolution = clockOf(repo, 'INC-10', asOf, 'resolution');
    expect(minutesOf(resolution.elapsedMs)).toBe(60);
    expect(minutesOf(resolution.pausedMs)).toBe(20 + 100);
    const other = clockOf(repo, 'INC-11', asOf, 'response');
    // 09:00–09:40 = 40 min of response although `new` pauses the resolution clock.
    expect(minutesOf(other.elapsedMs)).toBe(40);
    expect(other.pausedMs).toBe(0);
  });

  it('a running clock whose elapsed time equals its target is running, due at the instant it reached the target', () => {
    // us-office (New York, Mon–Fri 09–17). P1 4h = 240 min, opened Monday 13:00 EDT, in progress 13:05.
    const repo = deskRepository([
      { id: 'INC-12', service: 'desk', priority: 'P1', opened: '2026-10-05T13:00:00-04:00', timeline: [['2026-10-05T13:05:00-04:00', 'in-progress']] },
    ]);
    // As of Monday 19:00: 13:00–17:00 = 240 min = the target. Not breached (only more than the target breaches); due
    // at 17:00, when the 240th minute ended, not at 19:00 nor on Tuesday.
    const evening = clockOf(repo, 'INC-12', at('2026-10-05T19:00:00-04:00'), 'resolution');
    expect(minutesOf(evening.elapsedMs)).toBe(240);
    expect(evening.state).toBe('running');
    expect(evening.warning).toBe(true);
    expect(evening.dueAt).toBe(at('2026-10-05T17:00:00-04:00'));
    expect(evening.breachedAt).toBeNull();
    // As of Tuesday 09:00 still 240; one minute later 241 > 240: breached, at the instant it was due.
    expect(clockOf(repo, 'INC-12', at('2026-10-06T09:00:00-04:00'), 'resolution').state).toBe('running');
    const tuesday = clockOf(repo, 'INC-12', at('2026-10-06T09:01:00-04:00'), 'resolution');
    expect(tuesday.state).toBe('breached');
    expect(tuesday.breachedAt).toBe(at('2026-10-05T17:00:00-04:00'));
  });
});
