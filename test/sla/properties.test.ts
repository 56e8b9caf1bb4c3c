import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../src/model/repository.js';
import { compileAgreements } from '../../src/sla/agreements.js';
import { explainTicket } from '../../src/sla/explain.js';
import { measureContext, type ClockRecord } from '../../src/sla/measure.js';
import { ticketFacts } from '../../src/export/tickets.js';
import { businessTimeBetween } from '../../src/time/index.js';
import { CALENDARS, DESK_TARGETS, M, buildRepository, clocksOf, targets, type TicketInput } from './helpers.js';

// Engine-level properties over random tickets: random calendars (business hours in New York and Berlin, 24x7 in New
// York and the built-in UTC one), random pauses, reopenings, priority changes and measurement instants, with half of
// the instants drawn near the 2026 DST changes.

const RUNS = { numRuns: 150 };
const DAY = 1440;

const CHANGES = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map((s) => Date.parse(s) / M);
const minuteInstant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1) / M, max: Date.UTC(2026, 11, 1) / M }),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * DAY, max: 3 * DAY })).map(([c, d]) => c + d),
);

const STATUSES = ['in-progress', 'on-hold', 'awaiting-customer', 'awaiting-vendor', 'resolved', 'closed', 'cancelled'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

interface Scenario {
  calendar: string;
  pauseOn: string[];
  reopen: 'resume' | 'new-cycle';
  priority: string;
  opened: number; // minutes since the epoch
  events: Array<{ gap: number; status: string; priority: string | null }>;
  asOfAfter: number; // minutes after the last event
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  calendar: fc.constantFrom('us-office', 'de-office', 'us-24x7', '24x7'),
  pauseOn: fc.subarray(['on-hold', 'awaiting-customer', 'awaiting-vendor']),
  reopen: fc.constantFrom('resume' as const, 'new-cycle' as const),
  priority: fc.constantFrom(...PRIORITIES),
  opened: minuteInstant,
  events: fc.array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 4 * DAY })),
      status: fc.constantFrom(...STATUSES),
      priority: fc.option(fc.constantFrom(...PRIORITIES), { freq: 4 }),
    }),
    { maxLength: 8 },
  ),
  asOfAfter: fc.integer({ min: -3 * DAY, max: 3 * DAY }),
});

const isoMinute = (minutes: number) => new Date(minutes * M).toISOString();

function build(s: Scenario): { repo: Repository; asOf: number; eventTimes: number[] } {
  let t = s.opened;
  const eventTimes: number[] = [];
  const timeline: NonNullable<TicketInput['timeline']> = s.events.map((e) => {
    t += e.gap;
    eventTimes.push(t * M);
    return e.priority === null ? { at: isoMinute(t), status: e.status } : { at: isoMinute(t), status: e.status, priority: e.priority };
  });
  const calendars = s.calendar === '24x7' ? {} : { [s.calendar]: CALENDARS[s.calendar]! };
  const repo = buildRepository({
    calendars,
    slas: { desk: { ...(s.calendar === '24x7' ? {} : { calendar: s.calendar }), pauseOn: s.pauseOn, reopen: s.reopen, targets: targets(DESK_TARGETS) } },
    services: { desk: { sla: 'desk' } },
    tickets: [{ id: 'T', service: 'desk', priority: s.priority, opened: isoMinute(s.opened), timeline }],
  });
  // asOf: somewhere from just after opening to three days after the last event.
  const asOf = Math.max(s.opened + 1, t + s.asOfAfter) * M;
  return { repo, asOf, eventTimes };
}

/** Wall time the cycle's spans cover: to asOf for resolution (stopped spans included), to the stop for response. */
const wallOf = (r: ClockRecord, asOf: number) => (r.cycle.spans.at(-1)?.end ?? r.stoppedAt ?? asOf) - r.startedAt;

describe('properties of the clocks', () => {
  it('elapsed and paused time are never negative, and elapsed + time outside running spans never exceeds wall time', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { repo, asOf } = build(s);
        for (const r of clocksOf(repo, 'T', asOf)) {
          expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
          expect(r.pausedMs).toBeGreaterThanOrEqual(0);
          const outsideRunning = r.cycle.spans.filter((span) => span.phase !== 'running').reduce((sum, span) => sum + (span.end - span.start), 0);
          expect(r.elapsedMs + outsideRunning).toBeLessThanOrEqual(wallOf(r, asOf));
          expect(r.elapsedMs + r.pausedMs).toBeLessThanOrEqual((r.stoppedAt ?? asOf) - r.startedAt);
          expect(r.startedAt).toBeLessThanOrEqual(r.stoppedAt ?? asOf);
        }
      }),
      RUNS,
    );
  });

  it('with no pauses and no reopening on the 24x7 UTC calendar, elapsed resolution = resolved − opened', () => {
    const straight = fc.record({
      opened: minuteInstant,
      gaps: fc.array(fc.integer({ min: 0, max: 3 * DAY }), { minLength: 1, maxLength: 5 }),
      resolve: fc.boolean(),
      asOfAfter: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
    });
    fc.assert(
      fc.property(straight, ({ opened, gaps, resolve, asOfAfter }) => {
        let t = opened;
        const statuses = gaps.map((gap, i) => {
          t += gap;
          // Open statuses (none of them pauses: pauseOn is empty), ending in `resolved` when asked.
          const status = resolve && i === gaps.length - 1 ? 'resolved' : i % 2 === 0 ? 'in-progress' : 'on-hold';
          return [isoMinute(t), status] as [string, string];
        });
        const resolvedAt = resolve ? t * M : null;
        const repo = buildRepository({
          calendars: {},
          slas: { desk: { targets: targets(DESK_TARGETS) } },
          services: { desk: { sla: 'desk' } },
          tickets: [{ id: 'T', service: 'desk', priority: 'P2', opened: isoMinute(opened), timeline: statuses }],
        });
        const asOf = Math.max(opened + 1, t + asOfAfter) * M;
        const r = clocksOf(repo, 'T', asOf).find((c) => c.metric === 'resolution')!;
        const end = resolvedAt !== null && resolvedAt < asOf ? resolvedAt : asOf;
        expect(r.elapsedMs).toBe(end - opened * M);
        expect(r.pausedMs).toBe(0);
      }),
      RUNS,
    );
  });

  it('explain segments add up to the elapsed minutes and cover the clock without gaps', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { repo, asOf } = build(s);
        const story = explainTicket(repo, 'T', asOf)!;
        for (const c of story.clocks) {
          const added = c.segments.reduce((sum, seg) => sum + seg.addedMinutes, 0);
          expect(Math.round(added * 100) / 100).toBe(c.elapsedMinutes);
          expect(c.segments.at(-1)?.totalMinutes ?? 0).toBe(c.elapsedMinutes);
          for (let i = 1; i < c.segments.length; i++) expect(c.segments[i]!.from).toBe(c.segments[i - 1]!.to);
        }
      }),
      RUNS,
    );
  });

  it('a breach instant is where the running time reached the target, within the clock', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { repo, asOf } = build(s);
        const calendar = compileAgreements(repo).get('desk')!.policy.calendar;
        for (const r of clocksOf(repo, 'T', asOf)) {
          // A cancelled clock that passed its target keeps its breach instant (docs/sla.md): the same checks hold.
          if (r.state === 'breached' || (r.state === 'cancelled' && r.elapsedMs > r.targetMs)) {
            expect(r.elapsedMs).toBeGreaterThan(r.targetMs);
            const b = r.breachedAt!;
            expect(b).toBeGreaterThanOrEqual(r.startedAt);
            expect(b).toBeLessThanOrEqual(r.stoppedAt ?? asOf);
            const runningUntilBreach = r.cycle.spans
              .filter((span) => span.phase === 'running')
              .reduce((sum, span) => sum + businessTimeBetween(calendar, span.start, Math.min(span.end, b)), 0);
            expect(runningUntilBreach).toBe(r.targetMs);
          } else {
            expect(r.breachedAt).toBeNull();
            if (r.state === 'met') expect(r.elapsedMs).toBeLessThanOrEqual(r.targetMs);
            if (r.state === 'running') expect(r.stoppedAt).toBeNull();
          }
        }
      }),
      RUNS,
    );
  });

  it('with resume, a clock never loses time as asOf moves forward', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 5 * DAY }), (s, later) => {
        const { repo, asOf } = build({ ...s, reopen: 'resume' });
        const before = clocksOf(repo, 'T', asOf);
        const after = clocksOf(repo, 'T', asOf + later * M);
        for (const b of before) {
          const a = after.find((c) => c.metric === b.metric);
          // Every priority has a target here, so a clock measured earlier still exists later.
          expect(a).toBeDefined();
          if (b.state !== 'cancelled' && a!.state !== 'cancelled') expect(a!.elapsedMs).toBeGreaterThanOrEqual(b.elapsedMs);
        }
      }),
      RUNS,
    );
  });
});

describe('events at the same instant: the clocks and the ticket columns tell one story', () => {
  // Half the gaps are 0, so most tickets have several events in one minute; no cancellations, so every stop is a
  // resolution and every reopening a new cycle.
  const sameInstant: fc.Arbitrary<Scenario> = fc.record({
    calendar: fc.constantFrom('us-office', 'us-24x7', '24x7'),
    pauseOn: fc.subarray(['on-hold', 'awaiting-customer']),
    reopen: fc.constant('new-cycle' as const),
    priority: fc.constantFrom(...PRIORITIES),
    opened: minuteInstant,
    events: fc.array(
      fc.record({
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600 })),
        status: fc.constantFrom('in-progress', 'awaiting-customer', 'resolved', 'closed'),
        priority: fc.option(fc.constantFrom(...PRIORITIES), { freq: 3 }),
      }),
      { maxLength: 10 },
    ),
    asOfAfter: fc.integer({ min: 0, max: 3 * DAY }),
  });

  it('cycles = reopenings + 1, the last stop is the resolution, and the priority is the one in force after the stop', () => {
    fc.assert(
      fc.property(sameInstant, (s) => {
        const { repo, asOf } = build(s);
        const ticket = repo.tickets[0]!.doc;
        const facts = ticketFacts(ticket, measureContext(repo), asOf);
        const resolution = clocksOf(repo, 'T', asOf).find((c) => c.metric === 'resolution')!;
        expect(resolution.cycles).toBe(facts.reopens + 1);
        expect(resolution.stoppedAt === null ? null : new Date(resolution.stoppedAt).toISOString()).toBe(facts.resolvedAt);
        // A clock stopped by the last event written has the ticket's current priority (one written after the stop,
        // even at the same instant, does not count for it).
        if (resolution.cycle.stoppedBy === (ticket.spec.timeline ?? []).length) expect(resolution.priority).toBe(facts.priority);
      }),
      RUNS,
    );
  });
});

describe('an independent minute-by-minute oracle on the 24x7 calendar', () => {
  // On the built-in 24x7 calendar every minute counts, so a clock can be re-derived by walking the ticket's minutes
  // one by one, applying the events in the order written (docs/sla.md). The oracle knows nothing of spans or cycles.
  const OPEN = new Set(['new', 'in-progress', 'on-hold', 'awaiting-customer']);
  const onUtc: fc.Arbitrary<Scenario> = fc.record({
    calendar: fc.constant('24x7'),
    pauseOn: fc.subarray(['on-hold', 'awaiting-customer']),
    reopen: fc.constantFrom('resume' as const, 'new-cycle' as const),
    priority: fc.constantFrom(...PRIORITIES),
    opened: fc.integer({ min: Date.UTC(2026, 0, 1) / M, max: Date.UTC(2026, 11, 1) / M }),
    events: fc.array(
      fc.record({
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })),
        status: fc.constantFrom('in-progress', 'on-hold', 'awaiting-customer', 'resolved', 'closed'),
        priority: fc.option(fc.constantFrom(...PRIORITIES), { freq: 3 }),
      }),
      { maxLength: 8 },
    ),
    asOfAfter: fc.integer({ min: -600, max: 600 }),
  });

  it('elapsed, paused, start, stop and priority of the resolution clock agree with the oracle', () => {
    fc.assert(
      fc.property(onUtc, (s) => {
        const { repo, asOf } = build(s);
        const asOfMinute = asOf / M;
        let t = s.opened;
        const events = s.events.map((e) => ({ ...e, at: (t += e.gap) })).filter((e) => e.at <= asOfMinute);
        // Walk the events in order, noting every stop and every reopening, and the priority after each event.
        let status = 'new';
        let priority = s.priority;
        let cycleStart = s.opened;
        let stop: { at: number; priority: string } | null = null;
        for (const e of events) {
          if (e.priority !== null) priority = e.priority;
          const wasOpen = OPEN.has(status);
          if (e.status === status) continue;
          status = e.status;
          if (wasOpen && !OPEN.has(status)) stop = { at: e.at, priority };
          if (!wasOpen && OPEN.has(status)) {
            stop = null;
            if (s.reopen === 'new-cycle') cycleStart = e.at;
          }
        }
        // Count the minutes of the (last) cycle by the status in force during each minute.
        let elapsed = 0;
        let paused = 0;
        for (let minute = cycleStart; minute < Math.min(stop?.at ?? asOfMinute, asOfMinute); minute++) {
          let current = 'new';
          for (const e of events) if (e.at <= minute) current = e.status;
          if (!OPEN.has(current)) continue;
          if (s.pauseOn.includes(current)) paused++;
          else elapsed++;
        }
        const clock = clocksOf(repo, 'T', asOf).find((c) => c.metric === 'resolution')!;
        expect(clock.elapsedMs / M).toBe(elapsed);
        expect(clock.pausedMs / M).toBe(paused);
        expect(clock.startedAt / M).toBe(cycleStart);
        expect(clock.stoppedAt === null ? null : clock.stoppedAt / M).toBe(stop?.at ?? null);
        expect(clock.priority).toBe(stop?.priority ?? priority);
      }),
      RUNS,
    );
  });
});
