import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureFiles, readKeptClocks, writeKeptClocks } from '../../src/kept-clocks-cache.js';
import { takeSnapshot } from '../../src/load/repository-snapshot.js';
import { outagesAndMaintenanceOf } from '../../src/sla/availability.js';
import { ResultsCache } from '../../src/load/results-cache.js';
import type { Repository } from '../../src/model/repository.js';
import { openRepository } from '../../src/open-repository.js';
import { keepClocks, keptFor, keptTickets, measuredTickets, type ReportedClock, type ReportedTicket } from '../../src/sla/kept-clocks.js';
import { measureContext } from '../../src/sla/measure.js';
import { at, buildRepository, targets } from './helpers.js';

const acme = openRepository('examples/acme').repository;

/** Groups, OLAs, a reopening under new-cycle, a pause, a ticket still open and one whose last event is an assignment. */
const edges = buildRepository({
  groups: { desk: { calendar: 'us-office' }, network: {} },
  slas: {
    standard: { calendar: 'us-office', pauseOn: ['awaiting-customer'], reopen: 'new-cycle', targets: targets([['incident', 'P2', '1h', '8h']]) },
    'net-ola': { type: 'ola', group: 'network', targets: targets([['incident', 'P2', '30m', '4h']]) },
  },
  services: { app: { sla: 'standard', agreements: ['net-ola'] } },
  tickets: [
    {
      // Resolved, reopened, resolved again: two cycles, both stopped; the network's clocks stopped when it handed back.
      id: 'T1',
      service: 'app',
      priority: 'P2',
      opened: '2026-10-05T13:00:00Z',
      group: 'desk',
      timeline: [
        { at: '2026-10-05T13:40:00Z', group: 'network' },
        { at: '2026-10-05T14:30:00Z', status: 'awaiting-customer' },
        { at: '2026-10-05T15:00:00Z', status: 'in-progress', group: 'desk' },
        { at: '2026-10-05T17:00:00Z', status: 'resolved' },
        { at: '2026-10-06T14:00:00Z', status: 'in-progress' },
        { at: '2026-10-06T15:00:00Z', status: 'resolved', priority: 'P2' },
      ],
    },
    {
      // Still open: its clocks run, so it is measured again at every run.
      id: 'T2',
      service: 'app',
      priority: 'P2',
      opened: '2026-10-07T13:00:00Z',
      timeline: [{ at: '2026-10-07T13:20:00Z', status: 'in-progress' }],
    },
    {
      // Resolved, then assigned to the network: the network's response has not stopped (nobody acted after it).
      id: 'T3',
      service: 'app',
      priority: 'P2',
      opened: '2026-10-08T13:00:00Z',
      timeline: [
        { at: '2026-10-08T13:10:00Z', status: 'resolved' },
        { at: '2026-10-08T13:30:00Z', group: 'network' },
      ],
    },
    {
      // Cancelled: its clocks are never reported, and none is kept.
      id: 'T4',
      service: 'app',
      priority: 'P2',
      opened: '2026-10-09T13:00:00Z',
      timeline: [{ at: '2026-10-09T13:10:00Z', status: 'cancelled' }],
    },
  ],
});

/** Each ticket as the report reads it, with its clocks as plain data (cancelled ones left out: the report skips them). */
function read(tickets: Iterable<ReportedTicket>): unknown[] {
  return [...tickets].map((t) => ({
    service: t.service,
    consumer: t.consumer,
    type: t.type,
    opened: t.opened,
    clocks: [...t.clocks()].filter((c) => c.state !== 'cancelled').map(plain),
  }));
}

function plain(c: ReportedClock): Record<string, unknown> {
  const { cycle: _cycle, clockCalendar: _calendar, ...rest } = c as ReportedClock & { cycle?: unknown; clockCalendar?: unknown };
  return Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function expectSameAsEngine(repository: Repository, keptAt: number, asOfs: number[]): void {
  const context = measureContext(repository);
  const kept = keepClocks(repository.tickets, context, keptAt);
  for (const asOf of asOfs) {
    expect(keptFor(kept, asOf)).toBe(true);
    expect(read(keptTickets(kept, context, asOf))).toEqual(read(measuredTickets(repository.tickets, context, asOf)));
  }
}

describe('kept clocks are the clocks the engine measures', () => {
  it('on the example repository, as of the instant they were kept and as of later ones', () => {
    const end = at('2027-01-01T00:00:00Z');
    expectSameAsEngine(acme, end, [end, end + 1, at('2027-06-30T12:00:00Z'), at('2031-01-01T00:00:00Z')]);
  });

  it('kept mid-year (later tickets and running clocks measured again), as of any instant after every settled ticket', () => {
    const keptAt = at('2026-10-15T00:00:00Z');
    const kept = keepClocks(acme.tickets, measureContext(acme), keptAt);
    expect(kept.remeasured.length).toBeGreaterThan(0);
    expect(kept.settledUntil).toBeLessThan(keptAt);
    expectSameAsEngine(acme, keptAt, [kept.settledUntil + 1, keptAt, at('2026-11-20T08:00:00Z'), at('2027-01-01T00:00:00Z')]);
  });

  it('with groups, pauses, reopenings, a running clock and a response that never stopped', () => {
    const keptAt = at('2026-10-10T00:00:00Z');
    const kept = keepClocks(edges.tickets, measureContext(edges), keptAt);
    // T2 runs; T3's network response runs: both are measured again. T1 and T4 are settled (T4 with no clock kept).
    expect(kept.remeasured.map((t) => t.doc.metadata.id)).toEqual(['T2', 'T3']);
    expect(kept.parts).toHaveLength(1);
    expect([...kept.parts[0]!.order]).toEqual([0, -1, -2, 1]);
    expect(kept.parts[0]!.columns.firstClock[2]! - kept.parts[0]!.columns.firstClock[1]!).toBe(0);
    expect(kept.settledUntil).toBe(at('2026-10-09T13:10:00Z'));
    expectSameAsEngine(edges, keptAt, [at('2026-10-09T13:10:01Z'), keptAt, at('2026-10-12T16:00:00Z'), at('2026-12-01T00:00:00Z')]);
  });

  it('serve only a measurement instant after every settled ticket', () => {
    const kept = keepClocks(edges.tickets, measureContext(edges), at('2026-10-10T00:00:00Z'));
    expect(keptFor(kept, kept.settledUntil)).toBe(false);
    expect(keptFor(kept, kept.settledUntil + 1)).toBe(true);
  });

  it('a ticket with an event at the instant they are kept is measured again', () => {
    const kept = keepClocks(edges.tickets, measureContext(edges), at('2026-10-09T13:10:00Z'));
    expect(kept.remeasured.map((t) => t.doc.metadata.id)).toEqual(['T2', 'T3', 'T4']);
  });
});

describe('kept clocks in the results cache', () => {
  const folder = mkdtempSync(join(tmpdir(), 'itsm-kept-clocks-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('read back as they were written, one part per ticket file, with the definitions and the tickets measured again', () => {
    const results = new ResultsCache(folder, 'test');
    const keptAt = at('2026-10-15T00:00:00Z');
    const opened = openRepository('examples/acme');
    const measurement = measureFiles(results, acme, opened.files, new Map(), takeSnapshot('examples/acme', Date.now())!, keptAt);
    expect(measurement).toBeDefined();
    const { kept } = measurement!;
    // acme's 8 ticket files, each measured (nothing was recorded before).
    expect(measurement!.files).toHaveLength(8);
    expect(measurement!.measured.size).toBe(8);
    expect(kept.parts).toHaveLength(8);
    writeKeptClocks(results, 'digest', measurement!);
    const back = readKeptClocks(results, 'digest');
    expect(back).toBeDefined();
    expect(back!.repository.tickets).toEqual(kept.remeasured);
    expect(back!.repository.slas).toEqual(acme.slas);
    expect(back!.repository.holidayFiles).toEqual(acme.holidayFiles);
    expect(back!.kept.settledUntil).toBe(kept.settledUntil);
    expect(back!.kept.outages).toEqual(kept.outages);
    expect(kept.outages).toEqual(outagesAndMaintenanceOf(acme));
    const later = at('2026-12-01T00:00:00Z');
    expect(read(keptTickets(back!.kept, measureContext(back!.repository), later))).toEqual(read(measuredTickets(acme.tickets, measureContext(acme), later)));
    expect(readKeptClocks(results, 'another digest')).toBeUndefined();
    expect(readKeptClocks(new ResultsCache(folder, 'another build'), 'digest')).toBeUndefined();
  });
});
