import { describe, expect, it } from 'vitest';
import type { ClockStory, TicketStory } from '../../src/sla/explain.js';
import { E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';

// `itsm sla explain`: the story of a ticket's clocks, segment by segment. INC9000001 (examples/acme stories.yaml) is
// worked out by hand: bronze on us-business-hours (Mon–Fri 08:00–18:00 New York, EDT = UTC−4 in October), opened
// Fri Oct 9 17:00 EDT, Columbus Day on Mon Oct 12, a pause awaiting the customer, one resumed reopening.

const STORY_TICKETS = [
  'INC9000001',
  'INC9000002',
  'INC9000003',
  'INC9000004',
  'INC9000005',
  'INC9000006',
  'INC9000007',
  'INC9000008',
  'INC9000009',
  'INC9000010',
  'INC9000011',
  'INC9000012',
  'REQ9000001',
  'REQ9000002',
  'PRB9000001',
  'CHG9000001',
  'CHG9000002',
];

const explain = (ticket: string, ...args: string[]) => runCliAsync(['sla', 'explain', ticket, 'examples/acme', '--now', '2027-01-01', ...args]);

function parse(result: CliResult): TicketStory {
  expect(result.status).toBe(0);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as TicketStory;
}

/** docs/sla.md: segments follow one another without a gap from the clock's start, and their minutes add up to elapsed. */
function expectSegmentsAddUp(ticket: string, clock: ClockStory): void {
  const label = `${ticket} ${clock.sla} ${clock.metric}`;
  expect(clock.segments.length, label).toBeGreaterThan(0);
  expect(clock.segments[0]!.from, label).toBe(clock.startedAt);
  let total = 0;
  clock.segments.forEach((segment, i) => {
    if (i > 0) expect(segment.from, `${label} segment ${i}`).toBe(clock.segments[i - 1]!.to);
    total += segment.addedMinutes;
    expect(segment.totalMinutes, `${label} segment ${i}`).toBeCloseTo(total, 2);
    if (segment.phase !== 'running' || segment.calendar !== 'working') expect(segment.addedMinutes, `${label} segment ${i}`).toBe(0);
  });
  expect(total, label).toBeCloseTo(clock.elapsedMinutes, 2);
}

describe.concurrent('sla explain INC9000001 --now 2027-01-01', { timeout: E2E_TIMEOUT }, () => {
  it('--format json: both clocks, segments that add up, and Columbus Day named', async () => {
    const story = parse(await explain('INC9000001', '--format', 'json'));
    // --now as a date is local midnight in New York: Jan 1 00:00 EST = 05:00Z.
    expect(story.asOf).toBe('2027-01-01T05:00:00.000Z');
    expect([story.ticket, story.type, story.service, story.consumer, story.opened]).toEqual(['INC9000001', 'incident', 'laptops', 'finance', '2026-10-09T21:00:00Z']);
    expect(story.clocks.map((c) => `${c.sla} ${c.metric} ${c.state} ${c.elapsedMinutes} ${c.pausedMinutes}`)).toEqual(['bronze response met 120 0', 'bronze resolution met 630 540']);
    for (const clock of story.clocks) expectSegmentsAddUp(story.ticket, clock);

    const [response, resolution] = story.clocks;
    // The response clock, segment by segment: Fri 17:00–18:00 working 60; Fri 18:00 → Mon 00:00 outside hours (the
    // weekend); Mon Oct 12 Columbus Day; Tue 00:00–08:00 outside hours; Tue 08:00–09:00 working 60 → 120.
    const seg = (from: string, to: string, fromLocal: string, toLocal: string, calendar: string, note: string | null, added: number, total: number) => ({
      from,
      to,
      fromLocal,
      toLocal,
      status: 'new',
      phase: 'running',
      calendar,
      note,
      addedMinutes: added,
      totalMinutes: total,
    });
    expect(response!.segments).toEqual([
      seg('2026-10-09T21:00:00.000Z', '2026-10-09T22:00:00.000Z', '2026-10-09T17:00:00-04:00', '2026-10-09T18:00:00-04:00', 'working', null, 60, 60),
      seg('2026-10-09T22:00:00.000Z', '2026-10-12T04:00:00.000Z', '2026-10-09T18:00:00-04:00', '2026-10-12T00:00:00-04:00', 'outside-hours', null, 0, 60),
      seg('2026-10-12T04:00:00.000Z', '2026-10-13T04:00:00.000Z', '2026-10-12T00:00:00-04:00', '2026-10-13T00:00:00-04:00', 'holiday', 'Columbus Day', 0, 60),
      seg('2026-10-13T04:00:00.000Z', '2026-10-13T12:00:00.000Z', '2026-10-13T00:00:00-04:00', '2026-10-13T08:00:00-04:00', 'outside-hours', null, 0, 60),
      seg('2026-10-13T12:00:00.000Z', '2026-10-13T13:00:00.000Z', '2026-10-13T08:00:00-04:00', '2026-10-13T09:00:00-04:00', 'working', null, 60, 120),
    ]);
    // Met with 120 of 240: the other 120 would have run Tue 09:00–11:00 EDT.
    expect(response!.dueAt).toBe('2026-10-13T15:00:00.000Z');

    expect(resolution!.segments.filter((s) => s.calendar === 'holiday')).toEqual([
      expect.objectContaining({ from: '2026-10-12T04:00:00.000Z', to: '2026-10-13T04:00:00.000Z', note: 'Columbus Day', addedMinutes: 0 }),
    ]);
    // The pause adds nothing: Tue 11:00–18:00 and Wed 08:00–10:00 are working time, but the clock is paused.
    expect(resolution!.segments.filter((s) => s.phase === 'paused').map((s) => [s.fromLocal, s.calendar, s.addedMinutes])).toEqual([
      ['2026-10-13T11:00:00-04:00', 'working', 0],
      ['2026-10-13T18:00:00-04:00', 'outside-hours', 0],
      ['2026-10-14T08:00:00-04:00', 'working', 0],
    ]);
    // Met with 630 of 1800: 1170 more from Thu Oct 15 11:00 — Thu 11:00–18:00 = 420, Fri Oct 16 = 600, Mon Oct 19
    // 08:00–10:30 = 150 — would have fallen due Mon Oct 19 10:30 EDT.
    expect(resolution!.dueAt).toBe('2026-10-19T14:30:00.000Z');
    expect([resolution!.stoppedAt, resolution!.cycles, resolution!.breachedAt]).toEqual(['2026-10-15T15:00:00.000Z', 1, null]);
  });

  it('--format text: the whole story, every line checked by hand', async () => {
    const result = await explain('INC9000001');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('holiday: Columbus Day');
    expect(result.stdout).not.toMatch(/\u001b\[/);
    // The resolution table prints offsets because its last segment (closed, up to Jan 1) ends in EST.
    expect(result.stdout).toBe(
      [
        'INC9000001 — Laptop does not wake from sleep',
        'incident on laptops for finance, opened 2026-10-09 17:00 -04:00; as of 2027-01-01 00:00 -05:00',
        'priority P3',
        '',
        'bronze · response · P3 · target 4h on us-business-hours (America/New_York)',
        '  met — 2h00m of 4h used, 0m paused; stopped 2026-10-13 09:00 -04:00; due 2026-10-13 11:00 -04:00',
        '  target chosen by priority P3 at 2026-10-13 09:00 -04:00 (when the clock stopped)',
        "  the service's SLA",
        '  from              to                status  clock    calendar               added  total',
        '  2026-10-09 17:00  2026-10-09 18:00  new     running  working                1h00m  1h00m',
        '  2026-10-09 18:00  2026-10-12 00:00  new     running  outside hours             0m  1h00m',
        '  2026-10-12 00:00  2026-10-13 00:00  new     running  holiday: Columbus Day     0m  1h00m',
        '  2026-10-13 00:00  2026-10-13 08:00  new     running  outside hours             0m  1h00m',
        '  2026-10-13 08:00  2026-10-13 09:00  new     running  working                1h00m  2h00m',
        '',
        'bronze · resolution · P3 · target 3bd on us-business-hours (America/New_York)',
        '  met — 10h30m of 3bd used, 9h00m paused; stopped 2026-10-15 11:00 -04:00; due 2026-10-19 10:30 -04:00',
        '  target chosen by priority P3 at 2026-10-15 11:00 -04:00 (when the clock stopped)',
        "  the service's SLA",
        '  from                     to                       status             clock    calendar               added   total',
        '  2026-10-09 17:00 -04:00  2026-10-09 18:00 -04:00  new                running  working                1h00m   1h00m',
        '  2026-10-09 18:00 -04:00  2026-10-12 00:00 -04:00  new                running  outside hours             0m   1h00m',
        '  2026-10-12 00:00 -04:00  2026-10-13 00:00 -04:00  new                running  holiday: Columbus Day     0m   1h00m',
        '  2026-10-13 00:00 -04:00  2026-10-13 08:00 -04:00  new                running  outside hours             0m   1h00m',
        '  2026-10-13 08:00 -04:00  2026-10-13 09:00 -04:00  new                running  working                1h00m   2h00m',
        '  2026-10-13 09:00 -04:00  2026-10-13 11:00 -04:00  in-progress        running  working                2h00m   4h00m',
        '  2026-10-13 11:00 -04:00  2026-10-13 18:00 -04:00  awaiting-customer  paused   working                   0m   4h00m',
        '  2026-10-13 18:00 -04:00  2026-10-14 08:00 -04:00  awaiting-customer  paused   outside hours             0m   4h00m',
        '  2026-10-14 08:00 -04:00  2026-10-14 10:00 -04:00  awaiting-customer  paused   working                   0m   4h00m',
        '  2026-10-14 10:00 -04:00  2026-10-14 15:00 -04:00  in-progress        running  working                5h00m   9h00m',
        '  2026-10-14 15:00 -04:00  2026-10-15 09:30 -04:00  resolved           stopped  —                         0m   9h00m',
        '  2026-10-15 09:30 -04:00  2026-10-15 11:00 -04:00  in-progress        running  working                1h30m  10h30m',
        '  2026-10-15 11:00 -04:00  2026-10-18 11:00 -04:00  resolved           stopped  —                         0m  10h30m',
        '  2026-10-18 11:00 -04:00  …                        closed             stopped  —                         0m  10h30m',
        '',
      ].join('\n'),
    );
  });

  it('an unknown ticket → exit 2 with a one-line message', async () => {
    expect(await explain('INC0000000')).toEqual({ status: 2, stdout: '', stderr: 'itsm: no ticket "INC0000000" in the repository\n' });
  });
});

describe.concurrent('sla explain on every story ticket: segments add up to elapsed for every clock', { timeout: E2E_TIMEOUT }, () => {
  it.each(STORY_TICKETS)('%s', async (ticket) => {
    const story = parse(await explain(ticket, '--format', 'json'));
    expect(story.ticket).toBe(ticket);
    expect(story.clocks.length).toBeGreaterThan(0);
    for (const clock of story.clocks) expectSegmentsAddUp(ticket, clock);
  });

  it('INC9000003 (new-cycle, reopened twice): the story is the last cycle, from the second reopening', async () => {
    const story = parse(await explain('INC9000003', '--format', 'json'));
    const resolution = story.clocks.find((c) => c.metric === 'resolution')!;
    // Cycle 3: Mon Nov 16 08:00–10:00 EST = 120 of 1800; 1680 more from 10:00 — Mon 10:00–22:00 = 720, Tue 07:00–22:00 =
    // 900, Wed 07:00–08:00 = 60 — would have fallen due Wed Nov 18 08:00 EST.
    expect([resolution.cycles, resolution.startedAt, resolution.elapsedMinutes, resolution.dueAt]).toEqual([3, '2026-11-16T13:00:00.000Z', 120, '2026-11-18T13:00:00.000Z']);
  });

  it('INC9000011 (cancelled before anyone worked on it): both clocks cancelled, 20 minutes on each', async () => {
    // Opened Tue Oct 6 10:00 EDT, cancelled 10:20: the first move is to cancelled, so the response clock is cancelled too.
    const story = parse(await explain('INC9000011', '--format', 'json'));
    expect(story.clocks.map((c) => `${c.sla} ${c.metric} ${c.state} ${c.elapsedMinutes} ${c.stoppedAt}`)).toEqual([
      'bronze response cancelled 20 2026-10-06T14:20:00.000Z',
      'bronze resolution cancelled 20 2026-10-06T14:20:00.000Z',
    ]);
  });
});
