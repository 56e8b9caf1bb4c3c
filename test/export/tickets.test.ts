import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportTicketRows, type TicketExportOptions, type TicketExportRow, type TicketExportSummary } from '../../src/export/tickets.js';
import type { Repository } from '../../src/model/repository.js';
import { DESK_TARGETS, at, buildRepository, targets } from '../sla/helpers.js';

// `exportTicketRows` on a small repository whose every figure is worked out by hand below.
//
// `desk` runs on us-office: New York, Mon–Fri 09:00–17:00 (EDT, UTC−4, in October 2026), pauses on awaiting-customer
// and awaiting-vendor, reopen resumes. Incident targets: P1 30m / 4h, P2 1h / 8h, P3 4h / 2bd; request P3 —/3bd (1440).
// `coffee` has no agreement at all, so its tickets have no clocks.
// Measured as of Tue 2026-10-06 12:00 EDT (16:00Z) unless a test says otherwise.

const AS_OF = at('2026-10-06T16:00:00Z');
const AS_OF_TEXT = '2026-10-06T16:00:00.000Z';

function repository(): Repository {
  return buildRepository({
    slas: { desk: { calendar: 'us-office', pauseOn: ['awaiting-customer', 'awaiting-vendor'], reopen: 'resume', targets: targets(DESK_TARGETS) } },
    services: { desk: { sla: 'desk' }, coffee: {} },
    consumers: ['finance'],
    tickets: [
      // Listed out of id order on purpose: the export sorts by id.
      { id: 'REQ1', type: 'request', service: 'desk', priority: 'P3', opened: '2026-10-06T13:00:00Z', timeline: [['2026-10-06T13:15:00Z', 'in-progress']] },
      {
        id: 'INC1',
        service: 'desk',
        consumer: 'finance',
        priority: 'P2',
        opened: '2026-10-05T13:00:00Z', // Mon 09:00 EDT
        timeline: [
          ['2026-10-05T13:30:00Z', 'in-progress'],
          ['2026-10-05T15:00:00Z', 'awaiting-customer'],
          ['2026-10-05T18:00:00Z', 'in-progress'],
          ['2026-10-05T20:00:00Z', 'resolved'],
          ['2026-10-06T14:00:00Z', 'closed'],
        ],
      },
      {
        id: 'INC2',
        service: 'desk',
        consumer: 'finance',
        priority: 'P3',
        opened: '2026-10-05T14:00:00Z', // Mon 10:00 EDT
        timeline: [
          ['2026-10-05T15:00:00Z', 'in-progress'],
          ['2026-10-05T16:00:00Z', 'resolved'],
          ['2026-10-06T13:00:00Z', 'in-progress'], // reopened Tue 09:00 EDT
          { at: '2026-10-06T14:00:00Z', priority: 'P1' }, // escalated Tue 10:00 EDT
        ],
      },
      { id: 'INC3', service: 'coffee', priority: 'P4', opened: '2026-10-05T16:00:00Z' },
      { id: 'INC4', service: 'desk', priority: 'P1', opened: '2026-10-05T17:00:00Z', timeline: [['2026-10-05T17:30:00Z', 'cancelled']] },
      // Opened the day after AS_OF: not yet known then.
      { id: 'INC5', service: 'desk', priority: 'P1', opened: '2026-10-07T13:00:00Z' },
    ],
  });
}

function run(repo: Repository, options: TicketExportOptions): { rows: TicketExportRow[]; summary: TicketExportSummary } {
  const generator = exportTicketRows(repo, options);
  const rows: TicketExportRow[] = [];
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) return { rows, summary: step.value };
    rows.push(step.value);
  }
}

type Facts = Pick<TicketExportRow, 'ticket' | 'type' | 'service' | 'consumer' | 'title' | 'opened' | 'status' | 'statusCategory' | 'priority' | 'resolvedAt' | 'closedAt' | 'reopens'>;

function facts(f: Pick<Facts, 'ticket' | 'opened' | 'status' | 'statusCategory' | 'priority'> & Partial<Facts>): Facts {
  return { type: 'incident', service: 'desk', consumer: null, title: `Ticket ${f.ticket}`, resolvedAt: null, closedAt: null, reopens: 0, ...f };
}

/** A clock row: by default desk (an SLA), met, not paused, one cycle, stopped. */
function row(
  ticket: Facts,
  clock: Pick<TicketExportRow, 'metric' | 'targetPriority' | 'target' | 'targetMinutes' | 'elapsedMinutes' | 'usedPercent' | 'startedAt' | 'stoppedAt'> & Partial<TicketExportRow>,
): TicketExportRow {
  const objectivePercent = clock.metric === 'response' ? 90 : 80;
  return {
    ...ticket,
    sla: 'desk',
    slaType: 'sla',
    objectivePercent,
    state: 'met',
    warning: false,
    pausedMinutes: 0,
    breachedAt: null,
    dueAt: null,
    cycles: 1,
    anyCycleBreached: false,
    asOf: AS_OF_TEXT,
    group: null,
    assignee: null,
    reassignments: 0,
    slaVersion: null,
    selectedBy: 'service',
    calendar: 'us-office',
    clockGroup: null,
    ...clock,
  } as TicketExportRow;
}

const INC1 = facts({
  ticket: 'INC1',
  consumer: 'finance',
  opened: '2026-10-05T13:00:00.000Z',
  status: 'closed',
  statusCategory: 'closed',
  priority: 'P2',
  // Resolved Mon 16:00 EDT, then closed Tue 10:00 EDT: resolved then closed is one stop, at the resolution.
  resolvedAt: '2026-10-05T20:00:00.000Z',
  closedAt: '2026-10-06T14:00:00.000Z',
});
const INC2 = facts({ ticket: 'INC2', consumer: 'finance', opened: '2026-10-05T14:00:00.000Z', status: 'in-progress', statusCategory: 'active', priority: 'P1', reopens: 1 });
const INC3 = facts({ ticket: 'INC3', service: 'coffee', opened: '2026-10-05T16:00:00.000Z', status: 'new', statusCategory: 'new', priority: 'P4' });
const INC4 = facts({ ticket: 'INC4', opened: '2026-10-05T17:00:00.000Z', status: 'cancelled', statusCategory: 'cancelled', priority: 'P1' });
const REQ1 = facts({ ticket: 'REQ1', type: 'request', opened: '2026-10-06T13:00:00.000Z', status: 'in-progress', statusCategory: 'active', priority: 'P3' });

const EXPECTED: TicketExportRow[] = [
  // INC1, P2. Response Mon 09:00 → 09:30 = 30 of 1h = 60 (50%).
  row(INC1, { metric: 'response', targetPriority: 'P2', target: '1h', targetMinutes: 60, elapsedMinutes: 30, usedPercent: 50, startedAt: INC1.opened, stoppedAt: '2026-10-05T13:30:00.000Z' }),
  // Resolution: 09:00–11:00 = 120 running; awaiting-customer 11:00–14:00 = 180 paused; 14:00–16:00 = 120 running →
  // 240 of 8h = 480 (50%), 180 paused, stopped at the resolution Mon 16:00 EDT.
  row(INC1, {
    metric: 'resolution',
    targetPriority: 'P2',
    target: '8h',
    targetMinutes: 480,
    elapsedMinutes: 240,
    pausedMinutes: 180,
    usedPercent: 50,
    startedAt: INC1.opened,
    stoppedAt: '2026-10-05T20:00:00.000Z',
  }),
  // INC2, opened P3. Response Mon 10:00 → 11:00 = 60, measured against the priority when it stopped (P3: 4h = 240, 25%).
  row(INC2, { metric: 'response', targetPriority: 'P3', target: '4h', targetMinutes: 240, elapsedMinutes: 60, usedPercent: 25, startedAt: INC2.opened, stoppedAt: '2026-10-05T15:00:00.000Z' }),
  // Resolution, escalated to P1 (4h = 240) before AS_OF, so P1 from `opened`: Mon 10:00–12:00 = 120; resolved until the
  // reopening Tue 09:00 (not counted, resume); Tue 09:00–12:00 = 180 → 300 of 240 (125%). The 240th minute ran at
  // Tue 11:00 EDT (120 on Monday + 120 on Tuesday): breached then, still running, so no stop and no due time.
  row(INC2, {
    metric: 'resolution',
    targetPriority: 'P1',
    target: '4h',
    targetMinutes: 240,
    state: 'breached',
    elapsedMinutes: 300,
    usedPercent: 125,
    startedAt: INC2.opened,
    stoppedAt: null,
    breachedAt: '2026-10-06T15:00:00.000Z',
    anyCycleBreached: true,
  }),
  // INC3 on `coffee`: no agreement, no clock; one row with every clock field null.
  {
    ...INC3,
    sla: null,
    slaType: null,
    metric: null,
    targetPriority: null,
    target: null,
    targetMinutes: null,
    objectivePercent: null,
    state: null,
    warning: null,
    elapsedMinutes: null,
    pausedMinutes: null,
    usedPercent: null,
    startedAt: null,
    stoppedAt: null,
    breachedAt: null,
    dueAt: null,
    cycles: null,
    anyCycleBreached: null,
    asOf: AS_OF_TEXT,
    group: null,
    assignee: null,
    reassignments: 0,
    slaVersion: null,
    selectedBy: null,
    calendar: null,
    clockGroup: null,
  },
  // INC4, P1, cancelled Mon 13:30 EDT before anyone responded: both clocks cancelled after 30 minutes
  // (30 of 30m = 100%; 30 of 4h = 240 = 12.5%). `sla report` leaves them out; the export keeps them, marked.
  row(INC4, { metric: 'response', targetPriority: 'P1', target: '30m', targetMinutes: 30, state: 'cancelled', elapsedMinutes: 30, usedPercent: 100, startedAt: INC4.opened, stoppedAt: '2026-10-05T17:30:00.000Z' }),
  row(INC4, { metric: 'resolution', targetPriority: 'P1', target: '4h', targetMinutes: 240, state: 'cancelled', elapsedMinutes: 30, usedPercent: 12.5, startedAt: INC4.opened, stoppedAt: '2026-10-05T17:30:00.000Z' }),
  // REQ1, request P3: no response target, so only a resolution clock (3bd = 3 × 480 = 1440). Tue 09:00–12:00 = 180
  // (12.5%, under the 75% warning). Due when 1260 more minutes have run: Tue 12:00–17:00 = 300 (960 left), Wed 480
  // (480 left), Thu 09:00–17:00 = 480 → Thu Oct 8 17:00 EDT = 21:00Z.
  row(REQ1, {
    metric: 'resolution',
    targetPriority: 'P3',
    target: '3bd',
    targetMinutes: 1440,
    state: 'running',
    elapsedMinutes: 180,
    usedPercent: 12.5,
    startedAt: REQ1.opened,
    stoppedAt: null,
    dueAt: '2026-10-08T21:00:00.000Z',
  }),
];

describe('exportTicketRows: the rows, worked out by hand', () => {
  it('one row per clock, one row for a ticket without clocks, in ticket id order; a ticket opened after asOf is left out', () => {
    const { rows, summary } = run(repository(), { asOf: AS_OF });
    expect(rows).toEqual(EXPECTED);
    expect(summary).toEqual({ tickets: 5, rows: 8, notYetOpened: 1 });
  });

  it('every row has every column, in the documented order (the JSONL key order)', () => {
    for (const r of run(repository(), { asOf: AS_OF }).rows) expect(Object.keys(r)).toEqual([...EXPORT_COLUMNS]);
  });

  it('is a measurement as of asOf: later events are not yet known', () => {
    // Mon 2026-10-05 17:00 EDT (21:00Z): INC1 is resolved, not yet closed; INC2 is resolved, not yet reopened or
    // escalated; REQ1 (Tue) and INC5 (Wed) are not yet opened.
    const asOf = at('2026-10-05T21:00:00Z');
    const { rows, summary } = run(repository(), { asOf });
    expect(summary).toEqual({ tickets: 4, rows: 7, notYetOpened: 2 });
    const ticketFields = (id: string) => {
      const r = rows.find((x) => x.ticket === id)!;
      return [r.status, r.statusCategory, r.priority, r.resolvedAt, r.closedAt, r.reopens];
    };
    expect(ticketFields('INC1')).toEqual(['resolved', 'resolved', 'P2', '2026-10-05T20:00:00.000Z', null, 0]);
    expect(ticketFields('INC2')).toEqual(['resolved', 'resolved', 'P3', '2026-10-05T16:00:00.000Z', null, 0]);
    // INC2's resolution clock: stopped Mon 12:00 EDT after 120 minutes, as P3 (2bd = 960): met, 12.5%.
    const resolution = rows.find((x) => x.ticket === 'INC2' && x.metric === 'resolution')!;
    expect([resolution.targetPriority, resolution.targetMinutes, resolution.state, resolution.elapsedMinutes, resolution.usedPercent, resolution.stoppedAt]).toEqual([
      'P3',
      960,
      'met',
      120,
      12.5,
      '2026-10-05T16:00:00.000Z',
    ]);
    expect(rows.every((r) => r.asOf === '2026-10-05T21:00:00.000Z')).toBe(true);
  });

  it('a ticket opened exactly at asOf is not yet known (as `sla report` treats it)', () => {
    const { rows, summary } = run(repository(), { asOf: at('2026-10-05T16:00:00Z') });
    expect(rows.map((r) => r.ticket)).not.toContain('INC3');
    expect(summary.notYetOpened).toBe(4);
  });
});

describe('exportTicketRows: options', () => {
  const ids = (options: Omit<TicketExportOptions, 'asOf'>) => run(repository(), { asOf: AS_OF, ...options }).rows.map((r) => `${r.ticket}:${r.metric ?? '-'}`);

  it('clocksOnly leaves out the row of a ticket without clocks, and nothing else', () => {
    expect(ids({ clocksOnly: true })).toEqual(EXPECTED.filter((r) => r.sla !== null).map((r) => `${r.ticket}:${r.metric}`));
  });

  it('service, consumer and type select tickets; a ticket without a consumer never matches --consumer', () => {
    expect(ids({ filters: { service: ['coffee'] } })).toEqual(['INC3:-']);
    expect(ids({ filters: { consumer: ['finance'] } })).toEqual(['INC1:response', 'INC1:resolution', 'INC2:response', 'INC2:resolution']);
    expect(ids({ filters: { type: ['request'] } })).toEqual(['REQ1:resolution']);
  });

  it('sla and priority select clocks (priority is the one that selected the target), so a ticket without clocks has no row', () => {
    expect(ids({ filters: { sla: ['desk'] } })).toEqual(ids({ clocksOnly: true }));
    // INC2's response was measured as P3 and its resolution as P1 (escalated).
    expect(ids({ filters: { priority: ['P1'] } })).toEqual(['INC2:resolution', 'INC4:response', 'INC4:resolution']);
    expect(ids({ filters: { priority: ['P4'] } })).toEqual([]);
  });

  it('opened keeps the tickets opened in [from, to)', () => {
    // INC3 opened 16:00Z and INC4 17:00Z are inside; INC2 opened 14:00Z is before; a ticket opened at `to` is out.
    expect(ids({ opened: { from: at('2026-10-05T15:00:00Z'), to: at('2026-10-05T17:00:00Z') } })).toEqual(['INC3:-']);
    expect(ids({ opened: { from: at('2026-10-05T15:00:00Z'), to: at('2026-10-06T00:00:00Z') } })).toEqual(['INC3:-', 'INC4:response', 'INC4:resolution']);
  });

  it('a repository without tickets exports no rows', () => {
    const empty = buildRepository({ slas: { desk: { targets: targets(DESK_TARGETS) } }, services: { desk: { sla: 'desk' } } });
    expect(run(empty, { asOf: AS_OF })).toEqual({ rows: [], summary: { tickets: 0, rows: 0, notYetOpened: 0 } });
  });
});

describe('exportTicketRows: reopening, new-cycle and two agreements', () => {
  // One ticket on a service with an SLA (new-cycle) and an OLA: resolved, reopened, resolved, closed, reopened from
  // closed and resolved again: two reopenings (each a move from resolved or closed to an open status), three cycles
  // under new-cycle.
  const repo = buildRepository({
    slas: {
      desk: { calendar: 'us-office', reopen: 'new-cycle', targets: targets(DESK_TARGETS) },
      team: { type: 'ola', calendar: 'us-office', targets: targets([['incident', 'P3', null, '4h']]) },
    },
    services: { desk: { sla: 'desk', agreements: ['team'] } },
    tickets: [
      {
        id: 'INC9',
        service: 'desk',
        priority: 'P3',
        opened: '2026-10-05T13:00:00Z', // Mon 09:00 EDT
        timeline: [
          ['2026-10-05T14:00:00Z', 'in-progress'], // 10:00
          ['2026-10-05T15:00:00Z', 'resolved'], // 11:00
          ['2026-10-05T16:00:00Z', 'in-progress'], // 12:00, reopened (1)
          ['2026-10-05T17:00:00Z', 'resolved'], // 13:00
          ['2026-10-05T18:00:00Z', 'closed'], // 14:00
          ['2026-10-05T19:00:00Z', 'in-progress'], // 15:00, reopened from closed (2)
          ['2026-10-05T19:30:00Z', 'resolved'], // 15:30
        ],
      },
    ],
  });

  it('counts reopenings, keeps the last resolution, and writes the SLA clocks before the OLA clock', () => {
    const { rows } = run(repo, { asOf: at('2026-10-06T16:00:00Z') });
    expect(rows.map((r) => [r.sla, r.slaType, r.metric, r.status, r.resolvedAt, r.closedAt, r.reopens, r.elapsedMinutes, r.cycles, r.startedAt])).toEqual([
      // Response 09:00 → 10:00 = 60.
      ['desk', 'sla', 'response', 'resolved', '2026-10-05T19:30:00.000Z', null, 2, 60, 1, '2026-10-05T13:00:00.000Z'],
      // new-cycle: cycles 09:00–11:00 (120), 12:00–13:00 (60), 15:00–15:30 (30); the record is the last.
      ['desk', 'sla', 'resolution', 'resolved', '2026-10-05T19:30:00.000Z', null, 2, 30, 3, '2026-10-05T19:00:00.000Z'],
      // The OLA resumes (its default): 120 + 60 + 30 = 210 in one cycle; it has no response target.
      ['team', 'ola', 'resolution', 'resolved', '2026-10-05T19:30:00.000Z', null, 2, 210, 1, '2026-10-05T13:00:00.000Z'],
    ]);
  });
});
