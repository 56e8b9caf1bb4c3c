import { describe, expect, it } from 'vitest';
import { explainTicket, type ClockStory } from '../../src/sla/explain.js';
import { at, deskRepository } from './helpers.js';

// us-office (New York, Mon–Fri 09–17, Thanksgiving Thu 2026-11-26 off), P2 targets 1h / 8h, pausing on
// awaiting-customer. The ticket of the "pause across a holiday" case in clock.test.ts.
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
const asOf = at('2026-11-30T12:00:00-05:00');
const story = explainTicket(repo, 'INC-11', asOf)!;
const clock = (metric: 'response' | 'resolution'): ClockStory => story.clocks.find((c) => c.metric === metric)!;

describe('explainTicket', () => {
  it('returns undefined for a ticket that does not exist', () => {
    expect(explainTicket(repo, 'NOPE', asOf)).toBeUndefined();
  });

  it('tells the ticket and one story per clock', () => {
    expect(story).toMatchObject({ version: 1, ticket: 'INC-11', type: 'incident', service: 'desk', consumer: null, asOf: '2026-11-30T17:00:00.000Z' });
    expect(story.clocks.map((c) => c.metric)).toEqual(['response', 'resolution']);
  });

  it('its segments cover the clock without gaps and add up to the elapsed minutes', () => {
    for (const c of story.clocks) {
      const segments = c.segments;
      expect(segments[0]!.from).toBe(c.startedAt);
      for (let i = 1; i < segments.length; i++) expect(segments[i]!.from).toBe(segments[i - 1]!.to);
      const added = segments.reduce((sum, s) => sum + s.addedMinutes, 0);
      expect(added).toBe(c.elapsedMinutes);
      expect(segments.at(-1)!.totalMinutes).toBe(c.elapsedMinutes);
    }
    // Response: 10:00 → 10:15, one working segment of 15 min.
    expect(clock('response').segments.map((s) => [s.status, s.phase, s.calendar, s.addedMinutes])).toEqual([['new', 'running', 'working', 15]]);
  });

  it('tells why the resolution clock ran or not, segment by segment', () => {
    const c = clock('resolution');
    // Running 10:00–15:00 = 300 (15 in new + 285 in progress), paused Wed 15:00 → Fri 11:00, running Fri 11:00–13:00 = 120,
    // then resolved up to asOf: 420 min.
    expect(c.elapsedMinutes).toBe(420);
    // Paused business time: Wed 15:00–17:00 = 120 + Fri 09:00–11:00 = 120 = 240.
    expect(c.pausedMinutes).toBe(240);
    expect(c.segments.map((s) => `${s.fromLocal} ${s.status} ${s.phase} ${s.calendar ?? '-'} ${s.note ?? '-'} +${s.addedMinutes} =${s.totalMinutes}`)).toEqual([
      '2026-11-25T10:00:00-05:00 new running working - +15 =15',
      '2026-11-25T10:15:00-05:00 in-progress running working - +285 =300',
      '2026-11-25T15:00:00-05:00 awaiting-customer paused working - +0 =300',
      '2026-11-25T17:00:00-05:00 awaiting-customer paused outside-hours - +0 =300',
      '2026-11-26T00:00:00-05:00 awaiting-customer paused holiday Thanksgiving +0 =300',
      '2026-11-27T00:00:00-05:00 awaiting-customer paused outside-hours - +0 =300',
      '2026-11-27T09:00:00-05:00 awaiting-customer paused working - +0 =300',
      '2026-11-27T11:00:00-05:00 in-progress running working - +120 =420',
      '2026-11-27T13:00:00-05:00 resolved stopped - - +0 =420',
    ]);
    // The last segment runs to asOf.
    expect(c.segments.at(-1)!.to).toBe('2026-11-30T17:00:00.000Z');
  });

  it('gives the due date a met clock would have had: 480 − 420 = 60 min after Fri 13:00', () => {
    const c = clock('resolution');
    expect(c).toMatchObject({ state: 'met', target: '8h', targetMinutes: 480, calendar: 'us-office', timeZone: 'America/New_York', stoppedAt: '2026-11-27T18:00:00.000Z' });
    expect(c.dueAt).toBe(new Date(at('2026-11-27T14:00:00-05:00')).toISOString());
    expect(c.breachedAt).toBeNull();
  });

  it('says which priority chose each target, when, and lists the priority changes', () => {
    // docs/sla.md "Priority changes": a P3 incident (4h / 2bd = 16h) opened Monday 2026-10-05 09:00 New York, in
    // progress 10:00, raised to P1 (30m / 4h) at 11:00, resolved 14:00.
    const escalated = deskRepository([
      {
        id: 'INC-12',
        service: 'desk',
        priority: 'P3',
        opened: '2026-10-05T09:00:00-04:00',
        timeline: [
          ['2026-10-05T10:00:00-04:00', 'in-progress'],
          { at: '2026-10-05T11:00:00-04:00', priority: 'P1' },
          ['2026-10-05T14:00:00-04:00', 'resolved'],
        ],
      },
    ]);
    const told = (asOfIso: string) => explainTicket(escalated, 'INC-12', at(asOfIso))!;
    const choice = (c: ClockStory) => [c.metric, c.priority, c.target, c.priorityAt, c.priorityWhen];

    const later = told('2026-10-06T12:00:00-04:00');
    expect(later.priorities).toEqual([
      { at: '2026-10-05T13:00:00.000Z', priority: 'P3' },
      { at: '2026-10-05T15:00:00.000Z', priority: 'P1' },
    ]);
    // The response stopped at 10:00 while P3 (4h); the resolution stopped at 14:00 after the change, so P1 (4h) from
    // 09:00: 300 minutes, breached.
    expect(later.clocks.map(choice)).toEqual([
      ['response', 'P3', '4h', '2026-10-05T14:00:00.000Z', 'stopped'],
      ['resolution', 'P1', '4h', '2026-10-05T18:00:00.000Z', 'stopped'],
    ]);
    expect(later.clocks[1]).toMatchObject({ state: 'breached', elapsedMinutes: 300 });

    // As of 10:30 the change is not yet known: the resolution clock runs under P3's 2bd, chosen as of now.
    const early = told('2026-10-05T10:30:00-04:00');
    expect(early.priorities).toEqual([{ at: '2026-10-05T13:00:00.000Z', priority: 'P3' }]);
    expect(early.clocks.map(choice)).toEqual([
      ['response', 'P3', '4h', '2026-10-05T14:00:00.000Z', 'stopped'],
      ['resolution', 'P3', '2bd', '2026-10-05T14:30:00.000Z', 'asOf'],
    ]);
  });
});
