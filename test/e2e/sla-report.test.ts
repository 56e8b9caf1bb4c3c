import { beforeAll, describe, expect, it } from 'vitest';
import type { ClockRow, SlaReport } from '../../src/sla/report.js';
import { E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';

// `itsm sla report` on examples/acme, checked against the hand-written story tickets of
// examples/acme/tickets/2026/stories.yaml. Every figure below was worked out on paper from the YAML (calendar, holidays,
// special days, pauses, daylight saving time) before it was compared with the tool; the arithmetic sits next to it.
//
// Calendars (examples/acme/calendars, slas):
//   bronze     = us-business-hours: Mon–Fri 08:00–18:00 New York (1bd = 10h = 600 min); closed Oct 12 (Columbus Day),
//                Nov 26 (Thanksgiving), Dec 25; Nov 27 and Dec 24 08:00–12:00; pauses on awaiting-*/on-hold; resume.
//   silver     = extended-hours: Mon–Fri 07:00–22:00 (900 min), Sat 09:00–13:00 (240 min) New York; closed Jul 4,
//                Nov 26, Dec 25; Dec 24 and Dec 31 07:00–14:00; same pauses; new-cycle on reopen.
//   gold       = built-in 24x7 in UTC; pauses on awaiting-customer/-vendor; resume.
//   ola-sap-cc = de-business-hours: Mon–Fri 08:00–12:00 and 13:00–17:00 Berlin (1bd = 8h = 480 min).
// New York is EDT (UTC−4) until Sun 2026-11-01 02:00, then EST (UTC−5); Berlin is CEST (UTC+2) until Sun 2026-10-25
// 03:00, then CET (UTC+1).

const ACME = 'examples/acme';
/** Local midnight at the end of 2026 in New York: the end of Q4, so every Q4 clock is measured to the period's end. */
const END_OF_Q4 = '2027-01-01T05:00:00Z';
/** Local midnight at the end of Q3 in New York (EDT). */
const END_OF_Q3 = '2026-10-01T04:00:00Z';
const ANSI = /\u001b\[/;

const CLOCK_FIELDS = [
  'sla',
  'metric',
  'priority',
  'state',
  'warning',
  'target',
  'targetMinutes',
  'elapsedMinutes',
  'pausedMinutes',
  'usedPercent',
  'startedAt',
  'stoppedAt',
  'breachedAt',
  'dueAt',
  'cycles',
  'anyCycleBreached',
  'counted',
] as const satisfies readonly (keyof ClockRow)[];
type ClockFigures = Pick<ClockRow, (typeof CLOCK_FIELDS)[number]>;

function figures(row: ClockRow): ClockFigures {
  return Object.fromEntries(CLOCK_FIELDS.map((field) => [field, row[field]])) as ClockFigures;
}

/**
 * The expected record of one clock. Unless a story says otherwise a clock is stopped and met in its only cycle, was
 * never paused, and counts in the period: those are the defaults, and every other figure is written out.
 */
function clock(
  fields: Pick<ClockFigures, 'sla' | 'metric' | 'priority' | 'target' | 'targetMinutes' | 'elapsedMinutes' | 'usedPercent' | 'startedAt' | 'stoppedAt'> &
    Partial<ClockFigures>,
): ClockFigures {
  return { state: 'met', warning: false, pausedMinutes: 0, breachedAt: null, dueAt: null, cycles: 1, anyCycleBreached: false, counted: true, ...fields };
}

function parseReport(result: CliResult): SlaReport {
  return JSON.parse(result.stdout) as SlaReport;
}

function clocksOf(report: SlaReport, ticket: string): ClockFigures[] {
  return report.tickets.filter((t) => t.ticket === ticket).map(figures);
}

/** The cells of the first box-drawing table row whose first cell is `first`. */
function tableRow(text: string, first: string): string[] | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith('│')) continue;
    const cells = line.split('│').slice(1, -1).map((c) => c.trim());
    if (cells[0] === first) return cells;
  }
  return undefined;
}

const report = (...args: string[]) => runCliAsync(['sla', 'report', ACME, ...args]);

let q4Json: CliResult;
let q4Table: CliResult;
let q4Csv: CliResult;
let q4Markdown: CliResult;
let q3Json: CliResult;
let q3Table: CliResult;
let q4: SlaReport;
let q3: SlaReport;

beforeAll(async () => {
  // Each run takes a second or two on examples/acme (1,200 tickets): start them together and share the results.
  [q4Json, q4Table, q4Csv, q4Markdown, q3Json, q3Table] = await Promise.all([
    report('--period', '2026-Q4', '--now', END_OF_Q4, '--format', 'json'),
    report('--period', '2026-Q4', '--now', END_OF_Q4, '--format', 'table'),
    report('--period', '2026-Q4', '--now', END_OF_Q4, '--format', 'csv'),
    report('--period', '2026-Q4', '--now', END_OF_Q4, '--format', 'markdown'),
    report('--period', '2026-Q3', '--now', END_OF_Q3, '--format', 'json'),
    report('--period', '2026-Q3', '--now', END_OF_Q3, '--format', 'table'),
  ]);
  q4 = parseReport(q4Json);
  q3 = parseReport(q3Json);
}, E2E_TIMEOUT);

describe('sla report --period 2026-Q4 --format json: the story tickets, worked out by hand', () => {
  it('exits 0 without --fail-under even though targets miss, with nothing on stderr', () => {
    expect(q4Json.status).toBe(0);
    expect(q4Json.stderr).toBe('');
    expect(q4.ok).toBe(false);
    expect(q4.period).toEqual({ label: '2026-Q4', from: '2026-10-01T04:00:00.000Z', to: '2027-01-01T05:00:00.000Z' });
    expect(q4.asOf).toBe('2027-01-01T05:00:00.000Z');
    expect(q4.organisation).toBe('ACME Corporation');
    expect(q4.timeZone).toBe('America/New_York');
    expect(q4.by).toBeNull();
  });

  it('INC9000001: bronze, a Friday evening, the weekend, Columbus Day, a pause and a resumed reopening', () => {
    const opened = '2026-10-09T21:00:00.000Z'; // Fri Oct 9 17:00 EDT
    expect(clocksOf(q4, 'INC9000001')).toEqual([
      // Response: first move Tue Oct 13 09:00 EDT (13:00Z). Fri 17:00–18:00 = 60; Sat, Sun closed; Mon Oct 12 Columbus
      // Day = 0; Tue 08:00–09:00 = 60 → 120 of incident P3 4h = 240 (50%).
      clock({ sla: 'bronze', metric: 'response', priority: 'P3', target: '4h', targetMinutes: 240, elapsedMinutes: 120, usedPercent: 50, startedAt: opened, stoppedAt: '2026-10-13T13:00:00.000Z' }),
      // Resolution: new Fri 17:00 → Tue 09:00 = 120 (as above); in-progress Tue 09:00–11:00 = 120;
      // awaiting-customer Tue 11:00 → Wed 10:00 is paused: Tue 11:00–18:00 = 420 + Wed 08:00–10:00 = 120 → 540 paused;
      // in-progress Wed 10:00–15:00 = 300; resolved Wed 15:00; reopened Thu 09:30, resolved Thu 11:00 (15:00Z) = 90.
      // Elapsed 120 + 120 + 300 + 90 = 630 of 3bd = 3 × 600 = 1800 (35%); resume: one cycle, stopped at the last resolution.
      clock({
        sla: 'bronze',
        metric: 'resolution',
        priority: 'P3',
        target: '3bd',
        targetMinutes: 1800,
        elapsedMinutes: 630,
        pausedMinutes: 540,
        usedPercent: 35,
        startedAt: opened,
        stoppedAt: '2026-10-15T15:00:00.000Z',
      }),
    ]);
  });

  it('INC9000002: gold 24x7, a pause on a Saturday and a resumed reopening', () => {
    const opened = '2026-11-07T10:00:00.000Z';
    expect(clocksOf(q4, 'INC9000002')).toEqual([
      // Response 10:00 → 10:20 = 20 of incident P2 30m (66.7%).
      clock({ sla: 'gold', metric: 'response', priority: 'P2', target: '30m', targetMinutes: 30, elapsedMinutes: 20, usedPercent: 66.7, startedAt: opened, stoppedAt: '2026-11-07T10:20:00.000Z' }),
      // Resolution: 10:00–12:00 = 120; awaiting-customer 12:00–14:00 = 120 paused; 14:00–16:00 = 120; resolved;
      // reopened Sun 09:00, resolved 12:00 = 180. Elapsed 120 + 120 + 180 = 420 of 8h = 480 (87.5%).
      clock({
        sla: 'gold',
        metric: 'resolution',
        priority: 'P2',
        target: '8h',
        targetMinutes: 480,
        elapsedMinutes: 420,
        pausedMinutes: 120,
        usedPercent: 87.5,
        startedAt: opened,
        stoppedAt: '2026-11-08T12:00:00.000Z',
      }),
    ]);
  });

  it('INC9000003: silver, reopened twice under new-cycle: the record is the last cycle', () => {
    expect(clocksOf(q4, 'INC9000003')).toEqual([
      // Opened Thu Nov 12 20:00 EST (13T01:00Z); in progress 21:30 EST → 90 of incident P3 4h = 240 (37.5%).
      clock({ sla: 'silver', metric: 'response', priority: 'P3', target: '4h', targetMinutes: 240, elapsedMinutes: 90, usedPercent: 37.5, startedAt: '2026-11-13T01:00:00.000Z', stoppedAt: '2026-11-13T02:30:00.000Z' }),
      // Cycle 1: Thu 20:00–22:00 = 120 + Fri 07:00–09:00 = 120 → 240. Cycle 2: Sat Nov 14 10:00–12:00 EST = 120 (Saturday
      // 09:00–13:00 is working time). Cycle 3: Mon Nov 16 08:00–10:00 EST (13:00Z–15:00Z) = 120. The record is cycle 3:
      // 120 of 30h = 1800 (6.7%), started at the reopening; no cycle came near 1800, so anyCycleBreached is false.
      clock({
        sla: 'silver',
        metric: 'resolution',
        priority: 'P3',
        target: '30h',
        targetMinutes: 1800,
        elapsedMinutes: 120,
        usedPercent: 6.7,
        startedAt: '2026-11-16T13:00:00.000Z',
        stoppedAt: '2026-11-16T15:00:00.000Z',
        cycles: 3,
      }),
    ]);
  });

  it('INC9000004: bronze across the end of US daylight saving time', () => {
    const opened = '2026-10-30T20:00:00.000Z'; // Fri Oct 30 16:00 EDT
    expect(clocksOf(q4, 'INC9000004')).toEqual([
      // Fri 16:00–18:00 EDT = 120; Mon Nov 2 08:00–08:30 EST (13:00Z–13:30Z) = 30 → 150 of incident P4 8h = 480 (31.25%,
      // shown to one decimal, half up: 31.3).
      clock({ sla: 'bronze', metric: 'response', priority: 'P4', target: '8h', targetMinutes: 480, elapsedMinutes: 150, usedPercent: 31.3, startedAt: opened, stoppedAt: '2026-11-02T13:30:00.000Z' }),
      // Fri 120 + Mon 08:00–10:00 EST (15:00Z) = 120 → 240 of 5bd = 3000 (8%). Reading Monday as EDT would give 180.
      clock({ sla: 'bronze', metric: 'resolution', priority: 'P4', target: '5bd', targetMinutes: 3000, elapsedMinutes: 240, usedPercent: 8, startedAt: opened, stoppedAt: '2026-11-02T15:00:00.000Z' }),
    ]);
  });

  it('INC9000005: the gold SLA (24x7) breached while the OLA (Berlin hours) is met, across the end of EU DST', () => {
    const opened = '2026-10-23T14:30:00.000Z'; // Fri Oct 23 16:30 CEST
    const responded = '2026-10-23T14:45:00.000Z';
    const resolved = '2026-10-26T09:00:00.000Z'; // Mon Oct 26 10:00 CET
    expect(clocksOf(q4, 'INC9000005')).toEqual([
      // gold response 14:30 → 14:45 = 15 of incident P3 2h = 120 (12.5%).
      clock({ sla: 'gold', metric: 'response', priority: 'P3', target: '2h', targetMinutes: 120, elapsedMinutes: 15, usedPercent: 12.5, startedAt: opened, stoppedAt: responded }),
      // gold resolution, 24x7 in UTC: Oct 23 14:30Z → Oct 26 09:00Z = 2 × 1440 + 18h30m = 2880 + 1110 = 3990 of 24h =
      // 1440 (277.08… → 277.1%); breached when 1440 minutes had run: Oct 24 14:30Z.
      clock({
        sla: 'gold',
        metric: 'resolution',
        priority: 'P3',
        state: 'breached',
        target: '24h',
        targetMinutes: 1440,
        elapsedMinutes: 3990,
        usedPercent: 277.1,
        startedAt: opened,
        stoppedAt: resolved,
        breachedAt: '2026-10-24T14:30:00.000Z',
        anyCycleBreached: true,
      }),
      // OLA response 16:30 → 16:45 CEST = 15 of 4h = 240 (6.25 → 6.3%).
      clock({ sla: 'ola-sap-cc', metric: 'response', priority: 'P3', target: '4h', targetMinutes: 240, elapsedMinutes: 15, usedPercent: 6.3, startedAt: opened, stoppedAt: responded }),
      // OLA resolution: Fri 16:30–17:00 CEST = 30; weekend; Mon 08:00–10:00 CET = 120 → 150 of 3bd = 3 × 480 = 1440
      // (10.4%). Reading Monday as CEST would give 09:00Z = 11:00 CEST, i.e. 210.
      clock({ sla: 'ola-sap-cc', metric: 'resolution', priority: 'P3', target: '3bd', targetMinutes: 1440, elapsedMinutes: 150, usedPercent: 10.4, startedAt: opened, stoppedAt: resolved }),
    ]);
  });

  it('REQ9000001: bronze over Thanksgiving and the half day after it', () => {
    const opened = '2026-11-25T19:00:00.000Z'; // Wed Nov 25 14:00 EST
    expect(clocksOf(q4, 'REQ9000001')).toEqual([
      // 14:00 → 15:00 = 60 of request P3 8h = 480 (12.5%).
      clock({ sla: 'bronze', metric: 'response', priority: 'P3', target: '8h', targetMinutes: 480, elapsedMinutes: 60, usedPercent: 12.5, startedAt: opened, stoppedAt: '2026-11-25T20:00:00.000Z' }),
      // Wed 14:00–18:00 = 240; Thu Nov 26 Thanksgiving = 0; Fri Nov 27 08:00–12:00 = 240; weekend; Mon Nov 30
      // 08:00–12:00 EST (17:00Z) = 240 → 720 of 5bd = 3000 (24%).
      clock({ sla: 'bronze', metric: 'resolution', priority: 'P3', target: '5bd', targetMinutes: 3000, elapsedMinutes: 720, usedPercent: 24, startedAt: opened, stoppedAt: '2026-11-30T17:00:00.000Z' }),
    ]);
  });

  it('INC9000006: bronze across the Christmas Eve half day and Christmas Day', () => {
    const opened = '2026-12-23T21:00:00.000Z'; // Wed Dec 23 16:00 EST
    expect(clocksOf(q4, 'INC9000006')).toEqual([
      // Wed 16:00–18:00 = 120 + Thu Dec 24 08:00–09:00 = 60 → 180 of incident P4 8h = 480 (37.5%).
      clock({ sla: 'bronze', metric: 'response', priority: 'P4', target: '8h', targetMinutes: 480, elapsedMinutes: 180, usedPercent: 37.5, startedAt: opened, stoppedAt: '2026-12-24T14:00:00.000Z' }),
      // Wed 120 + Thu Dec 24 08:00–12:00 = 240 + Fri Dec 25 closed + weekend + Mon Dec 28 08:00–10:00 EST (15:00Z) =
      // 120 → 480 of 5bd = 3000 (16%).
      clock({ sla: 'bronze', metric: 'resolution', priority: 'P4', target: '5bd', targetMinutes: 3000, elapsedMinutes: 480, usedPercent: 16, startedAt: opened, stoppedAt: '2026-12-28T15:00:00.000Z' }),
    ]);
  });

  it('INC9000010: gold, opened on New Year’s Eve and still running at the end of the period: breached in Q4', () => {
    const opened = '2026-12-31T17:00:00.000Z';
    expect(clocksOf(q4, 'INC9000010')).toEqual([
      // 17:00 → 17:12 = 12 of incident P2 30m (40%); stopped in Q4, so counted.
      clock({ sla: 'gold', metric: 'response', priority: 'P2', target: '30m', targetMinutes: 30, elapsedMinutes: 12, usedPercent: 40, startedAt: opened, stoppedAt: '2026-12-31T17:12:00.000Z' }),
      // Still in progress as of 2027-01-01T05:00Z: 12h = 720 of 8h = 480 (150%). The target was reached at 17:00Z + 8h =
      // 2027-01-01T01:00Z, before the period's end (05:00Z), so the running breach counts in Q4; no due time once breached.
      clock({
        sla: 'gold',
        metric: 'resolution',
        priority: 'P2',
        state: 'breached',
        target: '8h',
        targetMinutes: 480,
        elapsedMinutes: 720,
        usedPercent: 150,
        startedAt: opened,
        stoppedAt: null,
        breachedAt: '2027-01-01T01:00:00.000Z',
        anyCycleBreached: true,
      }),
    ]);
  });

  it('REQ9000002: bronze, paused awaiting the customer at the end of the period: listed, not counted', () => {
    const opened = '2026-12-30T15:00:00.000Z'; // Wed Dec 30 10:00 EST
    expect(clocksOf(q4, 'REQ9000002')).toEqual([
      // 10:00 → 11:00 = 60 of request P3 8h = 480 (12.5%).
      clock({ sla: 'bronze', metric: 'response', priority: 'P3', target: '8h', targetMinutes: 480, elapsedMinutes: 60, usedPercent: 12.5, startedAt: opened, stoppedAt: '2026-12-30T16:00:00.000Z' }),
      // Running 10:00–12:00 = 120 of 5bd = 3000 (4%); then awaiting-customer from Wed 12:00 to the period's end (Fri Jan 1
      // 00:00 EST): Wed 12:00–18:00 = 360 + Thu Dec 31 08:00–18:00 = 600 → 960 paused. Running, not breached: counted
      // nowhere yet; paused, so no due time.
      clock({
        sla: 'bronze',
        metric: 'resolution',
        priority: 'P3',
        state: 'running',
        target: '5bd',
        targetMinutes: 3000,
        elapsedMinutes: 120,
        pausedMinutes: 960,
        usedPercent: 4,
        startedAt: opened,
        stoppedAt: null,
        counted: false,
      }),
    ]);
  });

  it('INC9000011 (cancelled before anyone responded) has no clock in the report', () => {
    expect(clocksOf(q4, 'INC9000011')).toEqual([]);
  });

  it('lists no Q3 story ticket (they stopped before the period)', () => {
    for (const id of ['INC9000007', 'INC9000008', 'INC9000009', 'INC9000012', 'PRB9000001', 'CHG9000001', 'CHG9000002']) {
      expect(clocksOf(q4, id), id).toEqual([]);
    }
  });

  it('the VPN has no outage or maintenance in Q4: its whole agreed time, by hand', () => {
    // silver measures availability per quarter on extended-hours. Q4 2026 = Thu Oct 1 … Thu Dec 31 = 92 days:
    // 66 weekdays and 13 Saturdays. Weekdays: 62 × 900 (less Nov 26 and Dec 25, closed) + 2 × 420 (Dec 24 and Dec 31,
    // 07:00–14:00) = 55 800 + 840 = 56 640; Saturdays 13 × 240 = 3120 → 59 760 agreed minutes. Budget 0.5% = 298.8.
    expect(q4.availability.filter((a) => a.service === 'vpn')).toEqual([
      {
        service: 'vpn',
        sla: 'silver',
        window: '2026-Q4',
        from: '2026-10-01T04:00:00.000Z',
        to: '2027-01-01T05:00:00.000Z',
        targetPercent: 99.5,
        agreedMinutes: 59760,
        downtimeMinutes: 0,
        availabilityPercent: 100,
        errorBudgetMinutes: 298.8,
        errorBudgetRemainingMinutes: 298.8,
        failures: 0,
        mttrMinutes: null,
        mtbfMinutes: null,
        ok: true,
      },
    ]);
  });
});

describe('sla report --period 2026-Q3 --format json: the Q3 story tickets and the VPN availability, by hand', () => {
  it('exits 0 with nothing on stderr', () => {
    expect(q3Json.status).toBe(0);
    expect(q3Json.stderr).toBe('');
    expect(q3.period).toEqual({ label: '2026-Q3', from: '2026-07-01T04:00:00.000Z', to: '2026-10-01T04:00:00.000Z' });
    expect(q3.asOf).toBe('2026-10-01T04:00:00.000Z');
  });

  it('INC9000007: escalated P3 → P2 after the response: response against P3, resolution against P2', () => {
    const opened = '2026-09-14T13:00:00.000Z';
    expect(clocksOf(q3, 'INC9000007')).toEqual([
      // gold 24x7: 13:00 → 13:25 = 25. The escalation came at 14:00, after the response, so the response keeps P3:
      // incident P3 2h = 120 (20.83 → 20.8%).
      clock({ sla: 'gold', metric: 'response', priority: 'P3', target: '2h', targetMinutes: 120, elapsedMinutes: 25, usedPercent: 20.8, startedAt: opened, stoppedAt: '2026-09-14T13:25:00.000Z' }),
      // Resolved 18:00, as a P2: measured from opened (retroactive start), 13:00 → 18:00 = 300 of 8h = 480 (62.5%).
      clock({ sla: 'gold', metric: 'resolution', priority: 'P2', target: '8h', targetMinutes: 480, elapsedMinutes: 300, usedPercent: 62.5, startedAt: opened, stoppedAt: '2026-09-14T18:00:00.000Z' }),
    ]);
  });

  it('INC9000012: bronze, opened the Sunday before Labor Day', () => {
    const opened = '2026-09-06T22:00:00.000Z'; // Sun Sep 6 18:00 EDT
    expect(clocksOf(q3, 'INC9000012')).toEqual([
      // Sunday closed, Mon Sep 7 Labor Day; Tue 08:00–08:15 EDT (12:15Z) = 15 of incident P3 4h = 240 (6.25 → 6.3%).
      clock({ sla: 'bronze', metric: 'response', priority: 'P3', target: '4h', targetMinutes: 240, elapsedMinutes: 15, usedPercent: 6.3, startedAt: opened, stoppedAt: '2026-09-08T12:15:00.000Z' }),
      // Tue 08:00–12:15 EDT (16:15Z) = 255 of 3bd = 1800 (14.17 → 14.2%).
      clock({ sla: 'bronze', metric: 'resolution', priority: 'P3', target: '3bd', targetMinutes: 1800, elapsedMinutes: 255, usedPercent: 14.2, startedAt: opened, stoppedAt: '2026-09-08T16:15:00.000Z' }),
    ]);
  });

  it('INC9000008 and INC9000009: the two VPN incidents (silver, Tue Aug 18, inside extended hours)', () => {
    expect(clocksOf(q3, 'INC9000008')).toEqual([
      // P1: 10:05 → 10:08 EDT = 3 of 30m (10%).
      clock({ sla: 'silver', metric: 'response', priority: 'P1', target: '30m', targetMinutes: 30, elapsedMinutes: 3, usedPercent: 10, startedAt: '2026-08-18T14:05:00.000Z', stoppedAt: '2026-08-18T14:08:00.000Z' }),
      // 10:05 → 11:10 EDT = 65 of 6h = 360 (18.06 → 18.1%).
      clock({ sla: 'silver', metric: 'resolution', priority: 'P1', target: '6h', targetMinutes: 360, elapsedMinutes: 65, usedPercent: 18.1, startedAt: '2026-08-18T14:05:00.000Z', stoppedAt: '2026-08-18T15:10:00.000Z' }),
    ]);
    expect(clocksOf(q3, 'INC9000009')).toEqual([
      // P2: 10:30 → 10:40 EDT = 10 of 1h = 60 (16.67 → 16.7%).
      clock({ sla: 'silver', metric: 'response', priority: 'P2', target: '1h', targetMinutes: 60, elapsedMinutes: 10, usedPercent: 16.7, startedAt: '2026-08-18T14:30:00.000Z', stoppedAt: '2026-08-18T14:40:00.000Z' }),
      // 10:30 → 12:45 EDT = 135 of 12h = 720 (18.75 → 18.8%).
      clock({ sla: 'silver', metric: 'resolution', priority: 'P2', target: '12h', targetMinutes: 720, elapsedMinutes: 135, usedPercent: 18.8, startedAt: '2026-08-18T14:30:00.000Z', stoppedAt: '2026-08-18T16:45:00.000Z' }),
    ]);
  });

  it('PRB9000001: the VPN problem, paused while awaiting the vendor', () => {
    const opened = '2026-08-18T17:00:00.000Z'; // Tue Aug 18 13:00 EDT
    expect(clocksOf(q3, 'PRB9000001')).toEqual([
      // 13:00 → 13:30 = 30 of problem P2 4h = 240 (12.5%).
      clock({ sla: 'silver', metric: 'response', priority: 'P2', target: '4h', targetMinutes: 240, elapsedMinutes: 30, usedPercent: 12.5, startedAt: opened, stoppedAt: '2026-08-18T17:30:00.000Z' }),
      // Running Tue 13:00–22:00 = 540 + Wed Aug 19 07:00–08:00 = 60 → 600; awaiting-vendor Wed 08:00 → Thu 09:00 EDT:
      // Wed 08:00–22:00 = 840 + Thu 07:00–09:00 = 120 → 960 paused; running Thu 09:00–22:00 = 780 + Fri 07:00–22:00 = 900
      // + Sat Aug 22 09:00–13:00 = 240 (resolved 13:30, after Saturday's hours) → 1920. Elapsed 600 + 1920 = 2520 of
      // 300h = 18 000 (14%).
      clock({
        sla: 'silver',
        metric: 'resolution',
        priority: 'P2',
        target: '300h',
        targetMinutes: 18000,
        elapsedMinutes: 2520,
        pausedMinutes: 960,
        usedPercent: 14,
        startedAt: opened,
        stoppedAt: '2026-08-22T17:30:00.000Z',
      }),
    ]);
  });

  it('CHG9000001: the VPN change, paused on hold awaiting the CAB', () => {
    const opened = '2026-08-19T13:00:00.000Z'; // Wed Aug 19 09:00 EDT
    expect(clocksOf(q3, 'CHG9000001')).toEqual([
      // 09:00 → 09:30 = 30 of change P3 8h = 480 (6.25 → 6.3%).
      clock({ sla: 'silver', metric: 'response', priority: 'P3', target: '8h', targetMinutes: 480, elapsedMinutes: 30, usedPercent: 6.3, startedAt: opened, stoppedAt: '2026-08-19T13:30:00.000Z' }),
      // Running 09:00–09:45 = 45; on-hold Wed 09:45 → Thu 10:30 EDT: Wed 09:45–22:00 = 735 + Thu 07:00–10:30 = 210 → 945
      // paused; running Thu 10:30–22:00 = 690 + Fri 900 + Sat 09:00–13:00 = 240 (resolved 13:20) → 1830. Elapsed
      // 45 + 1830 = 1875 of 150h = 9000 (20.83 → 20.8%).
      clock({
        sla: 'silver',
        metric: 'resolution',
        priority: 'P3',
        target: '150h',
        targetMinutes: 9000,
        elapsedMinutes: 1875,
        pausedMinutes: 945,
        usedPercent: 20.8,
        startedAt: opened,
        stoppedAt: '2026-08-22T17:20:00.000Z',
      }),
    ]);
  });

  it('CHG9000002: the retired legacy PBX keeps its clocks (bronze, across Independence Day observed)', () => {
    const opened = '2026-07-01T14:00:00.000Z'; // Wed Jul 1 10:00 EDT
    expect(clocksOf(q3, 'CHG9000002')).toEqual([
      // 10:00 → 11:00 = 60 of change P3 2bd = 1200 (5%). The CAB note on Jul 2 changes no status.
      clock({ sla: 'bronze', metric: 'response', priority: 'P3', target: '2bd', targetMinutes: 1200, elapsedMinutes: 60, usedPercent: 5, startedAt: opened, stoppedAt: '2026-07-01T15:00:00.000Z' }),
      // Wed Jul 1 10:00–18:00 = 480; Thu Jul 2 = 600; Fri Jul 3 Independence Day (observed) = 0; weekend; Mon Jul 6 – Fri
      // Jul 10 = 5 × 600 = 3000; resolved Sat Jul 11 02:30 EDT, outside hours. 480 + 600 + 3000 = 4080 of 10bd = 6000 (68%).
      clock({ sla: 'bronze', metric: 'resolution', priority: 'P3', target: '10bd', targetMinutes: 6000, elapsedMinutes: 4080, usedPercent: 68, startedAt: opened, stoppedAt: '2026-07-11T06:30:00.000Z' }),
    ]);
  });

  it('lists no Q4 story ticket', () => {
    for (const id of ['INC9000001', 'INC9000002', 'INC9000003', 'INC9000004', 'INC9000005', 'INC9000006', 'INC9000010', 'REQ9000001', 'REQ9000002']) {
      expect(clocksOf(q3, id), id).toEqual([]);
    }
  });

  it('the VPN availability row for Q3 (silver: quarterly, degraded weighs 0.25, maintenance excluded)', () => {
    // Agreed time: Q3 = Wed Jul 1 … Wed Sep 30 = 92 days: 66 weekdays × 900 = 59 400; 13 Saturdays, less Sat Jul 4
    // (Independence Day on this calendar), 12 × 240 = 2880 → 62 280; less CHG9000001's maintenance Sat Aug 22
    // 09:00–13:00 EDT = 240 (inside Saturday's hours) → 62 040.
    // Downtime: INC9000008 down 14:00Z–15:00Z = 60 × 1; INC9000009 degraded 14:25Z–16:30Z overlaps it for 35 minutes,
    // counted once at the heavier impact, so 15:00Z–16:30Z = 90 × 0.25 = 22.5 → 82.5 (all inside Tuesday's hours).
    // Availability 1 − 82.5 / 62 040 = 99.86702… → 99.867%. Budget 0.5% × 62 040 = 310.2, left 310.2 − 82.5 = 227.7.
    // Failures 2; MTTR (60 + 125) / 2 = 92.5; MTBF (62 040 − 82.5) / 2 = 30 978.75.
    expect(q3.availability.filter((a) => a.service === 'vpn')).toEqual([
      {
        service: 'vpn',
        sla: 'silver',
        window: '2026-Q3',
        from: '2026-07-01T04:00:00.000Z',
        to: '2026-10-01T04:00:00.000Z',
        targetPercent: 99.5,
        agreedMinutes: 62040,
        downtimeMinutes: 82.5,
        availabilityPercent: 99.867,
        errorBudgetMinutes: 310.2,
        errorBudgetRemainingMinutes: 227.7,
        failures: 2,
        mttrMinutes: 92.5,
        mtbfMinutes: 30978.75,
        ok: true,
      },
    ]);
  });

  it('the table shows the same VPN row, rounded for reading', () => {
    expect(q3Table.status).toBe(0);
    expect(q3Table.stderr).toBe('');
    expect(q3Table.stdout).not.toMatch(ANSI);
    // Availability rounded down to the target's precision (99.86%); minutes rounded to the minute: 82.5 → 1h23m,
    // 227.7 → 3h48m, 92.5 → 1h33m, 30 978.75 → 30 979 = 516h19m.
    expect(tableRow(q3Table.stdout, 'vpn')).toEqual(['vpn', '2026-Q3', '99.5%', '99.86%', '1h23m', '3h48m', '1h33m', '516h19m', '✓']);
  });
});

describe('sla report --format table, csv and markdown', () => {
  /** What every format's verdict counts: targets and availability windows that are not ok. */
  const failed = () => q4.summary.filter((s) => !s.ok).length + q4.availability.filter((a) => !a.ok).length;

  it('no format prints ANSI escape codes with NO_COLOR, and none writes to stderr', () => {
    for (const result of [q4Json, q4Table, q4Csv, q4Markdown]) {
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).not.toMatch(ANSI);
    }
  });

  it('table: the heading, the period line, the sections, the VPN row and the verdict', () => {
    const lines = q4Table.stdout.split('\n');
    expect(lines[0]).toBe('SLA report — ACME Corporation, 2026-Q4');
    expect(lines[1]).toBe('2026-10-01 00:00 -04:00 – 2027-01-01 00:00 -05:00 · as of 2027-01-01 00:00 -05:00 · times in America/New_York');
    for (const heading of ['bronze — Bronze service level (sla)', 'gold — Gold service level (sla)', 'ola-sap-cc — OLA Service Desk - SAP Competence Center (ola)', 'silver — Silver service level (sla)', 'slo-infrastructure — Infrastructure SLOs (slo)', 'Availability', 'Breaches']) {
      expect(lines, heading).toContain(heading);
    }
    // 59 760 agreed minutes, no downtime: budget 298.8 → 4h59m.
    expect(tableRow(q4Table.stdout, 'vpn')).toEqual(['vpn', '2026-Q4', '99.5%', '100.00%', '0m', '4h59m', '—', '—', '✓']);
    // Targets and availability windows are counted separately (34 targets and 1 window on this data).
    const windows = q4.availability.filter((a) => !a.ok).length;
    const targets = failed() - windows;
    expect(q4Table.stdout.endsWith(`\n${targets} targets below objective; ${windows} availability window${windows === 1 ? '' : 's'} below target.\n`)).toBe(true);
  });

  it('csv: the header exactly, then one row per JSON clock in the same order', () => {
    const lines = q4Csv.stdout.split('\n');
    expect(lines[0]).toBe(
      'ticket,title,type,service,consumer,sla,metric,priority,state,warning,target,targetMinutes,elapsedMinutes,pausedMinutes,usedPercent,startedAt,stoppedAt,breachedAt,dueAt,cycles,anyCycleBreached,counted,slaVersion,selectedBy,calendar,calendarBy,assignmentGroup',
    );
    expect(lines.at(-1)).toBe(''); // ends with a newline
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(q4.tickets.length);
    // Only the title (2nd of 27 columns) is free text and may be quoted with commas in it: read the ticket from the
    // front and the sla and metric (6th and 7th) from the back.
    const keyOf = (row: string) => {
      const fields = row.split(',');
      return `${fields[0]} ${fields.at(-22)} ${fields.at(-21)}`;
    };
    expect(rows.map(keyOf)).toEqual(q4.tickets.map((t) => `${t.ticket} ${t.sla} ${t.metric}`));
  });

  it('csv: the rows of INC9000005, from the figures worked out above', () => {
    const rows = q4Csv.stdout.split('\n').filter((l) => l.startsWith('INC9000005,'));
    const head = 'INC9000005,Material master changes not saved for plant DE01,incident,erp,berlin-rnd';
    expect(rows).toEqual([
      // The SAP CC held it from its opening: every clock belongs to sap-cc; the OLA is an agreement of the service.
      `${head},gold,response,P3,met,false,2h,120,15,0,12.5,2026-10-23T14:30:00.000Z,2026-10-23T14:45:00.000Z,,,1,false,true,,service,24x7,agreement,sap-cc`,
      `${head},gold,resolution,P3,breached,false,24h,1440,3990,0,277.1,2026-10-23T14:30:00.000Z,2026-10-26T09:00:00.000Z,2026-10-24T14:30:00.000Z,,1,true,true,,service,24x7,agreement,sap-cc`,
      `${head},ola-sap-cc,response,P3,met,false,4h,240,15,0,6.3,2026-10-23T14:30:00.000Z,2026-10-23T14:45:00.000Z,,,1,false,true,,service-agreement,de-business-hours,agreement,sap-cc`,
      `${head},ola-sap-cc,resolution,P3,met,false,3bd,1440,150,0,10.4,2026-10-23T14:30:00.000Z,2026-10-26T09:00:00.000Z,,,1,false,true,,service-agreement,de-business-hours,agreement,sap-cc`,
    ]);
  });

  it('markdown: the H2 heading first, the sections, the VPN row, one trailing newline', () => {
    const md = q4Markdown.stdout;
    expect(md.startsWith('## SLA report — ACME Corporation, 2026-Q4\n\n')).toBe(true);
    const lines = md.split('\n');
    for (const heading of ['### bronze — Bronze service level (sla)', '### gold — Gold service level (sla)', '### Availability', '### Breaches']) {
      expect(lines, heading).toContain(heading);
    }
    expect(lines).toContain('|vpn|2026-Q4|99.5%|100.00%|0m|4h59m|—|—|✅|');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('even with FORCE_COLOR, json, csv and markdown are never coloured; the table is', async () => {
    const env = { NO_COLOR: '', FORCE_COLOR: '1' };
    const args = ['sla', 'report', 'test/fixtures/sla/one-breach', '--period', '2026-03', '--now', '2026-04-01T00:00:00Z', '--format'];
    const [json, csv, markdown, table] = await Promise.all(['json', 'csv', 'markdown', 'table'].map((f) => runCliAsync([...args, f], { env })));
    for (const result of [json!, csv!, markdown!]) {
      expect(result.status).toBe(0);
      expect(result.stdout).not.toMatch(ANSI);
    }
    expect(table!.stdout).toMatch(ANSI);
  }, E2E_TIMEOUT);
});
