import { describe, expect, it } from 'vitest';
import type { SlaStatus } from '../../src/sla/status.js';
import { E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';

// `itsm sla status`: the open clocks of examples/acme on New Year's Eve, most urgent first. The two story tickets that
// are still open at the end of the data are worked out by hand (examples/acme/tickets/2026/stories.yaml):
//   INC9000010 gold (24x7), incident P2 (8h = 480, warning at 80% = 384), opened 2026-12-31T17:00Z, in progress 17:12Z.
//   REQ9000002 bronze (us-business-hours, Mon–Fri 08:00–18:00 New York, EST in December), request P3 (5bd = 3000),
//     opened Wed Dec 30 10:00 EST, in progress 11:00, awaiting the customer (a pause) from 12:00.

const status = (now: string, ...args: string[]) => runCliAsync(['sla', 'status', 'examples/acme', '--now', now, ...args]);

function parse(result: CliResult): SlaStatus {
  expect(result.status).toBe(0);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as SlaStatus;
}

/** The order `sla status` promises, and counts that agree with the clocks. */
function expectOrderedAndCounted(s: SlaStatus): void {
  const left = s.clocks.map((c) => c.leftMinutes);
  expect(left).toEqual([...left].sort((a, b) => a - b));
  const states = s.clocks.map((c) => c.state);
  const lastBreached = states.lastIndexOf('breached');
  const firstRunning = states.indexOf('running');
  if (lastBreached >= 0 && firstRunning >= 0) expect(lastBreached).toBeLessThan(firstRunning);
  // Only open clocks: running or breached, never stopped or cancelled.
  expect(new Set(states)).toEqual(new Set(['running', 'breached']));
  for (const c of s.clocks) {
    expect(c.stoppedAt, c.ticket).toBeNull();
    expect(c.leftMinutes, c.ticket).toBeCloseTo(c.targetMinutes - c.elapsedMinutes, 2);
  }
  expect(s.counts).toEqual({
    running: states.filter((x) => x === 'running').length,
    warning: s.clocks.filter((c) => c.warning).length,
    breached: states.filter((x) => x === 'breached').length,
    paused: s.clocks.filter((c) => c.paused).length,
  });
  // A paused running clock has no due time; a running clock that is not paused has one.
  for (const c of s.clocks.filter((x) => x.state === 'running')) expect(c.dueAt === null, c.ticket).toBe(c.paused);
  expect(s.counts.running + s.counts.breached).toBe(s.clocks.length);
}

describe.concurrent('sla status examples/acme', { timeout: E2E_TIMEOUT }, () => {
  it('--now 2026-12-31T17:00:00Z: sorted, counted; REQ9000002 paused with no due time; INC9000010 has no clock yet', async () => {
    const s = parse(await status('2026-12-31T17:00:00Z', '--format', 'json'));
    expect(s.asOf).toBe('2026-12-31T17:00:00.000Z');
    expectOrderedAndCounted(s);
    expect(s.counts.breached).toBeGreaterThan(0);

    // docs/sla.md: "A ticket opened at or after asOf has no clocks yet" — INC9000010 is opened at this very instant.
    expect(s.clocks.filter((c) => c.ticket === 'INC9000010')).toEqual([]);

    // REQ9000002 as of Thu Dec 31 12:00 EST: its response stopped (not listed); resolution 10:00–12:00 = 120 of 3000,
    // paused since Wed 12:00: Wed 12:00–18:00 = 360 + Thu 08:00–12:00 = 240 → 600. Left 3000 − 120 = 2880.
    expect(s.clocks.filter((c) => c.ticket === 'REQ9000002')).toEqual([
      {
        ticket: 'REQ9000002',
        title: 'New smartphone for W. Jackson',
        type: 'request',
        service: 'mobile-devices',
        consumer: 'sales',
        sla: 'bronze',
        metric: 'resolution',
        priority: 'P3',
        state: 'running',
        warning: false,
        target: '5bd',
        targetMinutes: 3000,
        elapsedMinutes: 120,
        pausedMinutes: 600,
        usedPercent: 4,
        startedAt: '2026-12-30T15:00:00.000Z',
        stoppedAt: null,
        breachedAt: null,
        dueAt: null, // paused: nobody knows when the pause ends
        cycles: 1,
        anyCycleBreached: false,
        counted: false,
        slaVersion: null,
        selectedBy: 'service',
        calendar: 'us-business-hours',
        calendarBy: 'agreement',
        assignmentGroup: null,
        leftMinutes: 2880,
        paused: true, // awaiting the customer since Wed 12:00
        currentStatus: 'awaiting-customer',
      },
    ]);
  });

  it('--now 2026-12-31T23:59:00Z (the end of the data): INC9000010 running past its warning threshold', async () => {
    const s = parse(await status('2026-12-31T23:59:00Z', '--format', 'json'));
    expectOrderedAndCounted(s);
    // 17:00 → 23:59 = 419 of 480 (87.29 → 87.3%) ≥ 384: warning; left 61; due 23:59 + 61 = 2027-01-01T01:00Z.
    expect(s.clocks.filter((c) => c.ticket === 'INC9000010')).toEqual([
      {
        ticket: 'INC9000010',
        title: 'Shop-floor kiosks cannot sign in',
        type: 'incident',
        service: 'identity',
        consumer: 'operations',
        sla: 'gold',
        metric: 'resolution',
        priority: 'P2',
        state: 'running',
        warning: true,
        target: '8h',
        targetMinutes: 480,
        elapsedMinutes: 419,
        pausedMinutes: 0,
        usedPercent: 87.3,
        startedAt: '2026-12-31T17:00:00.000Z',
        stoppedAt: null,
        breachedAt: null,
        dueAt: '2027-01-01T01:00:00.000Z',
        cycles: 1,
        anyCycleBreached: false,
        counted: false,
        slaVersion: null,
        selectedBy: 'service',
        calendar: '24x7',
        calendarBy: 'agreement',
        assignmentGroup: null,
        leftMinutes: 61,
        paused: false,
        currentStatus: 'in-progress',
      },
    ]);
    // REQ9000002 at Thu 18:59 EST: paused Wed 12:00–18:00 = 360 + Thu 08:00–18:00 = 600 → 960; still 2880 left, no due time.
    const req = s.clocks.filter((c) => c.ticket === 'REQ9000002');
    expect(req.map((c) => [c.metric, c.state, c.elapsedMinutes, c.pausedMinutes, c.leftMinutes, c.dueAt, c.warning])).toEqual([['resolution', 'running', 120, 960, 2880, null, false]]);
    // INC9000010 (61 left) is more urgent than REQ9000002 (2880 left).
    const index = (ticket: string) => s.clocks.findIndex((c) => c.ticket === ticket);
    expect(index('INC9000010')).toBeLessThan(index('REQ9000002'));
    expect(s.counts.warning).toBeGreaterThanOrEqual(1);
  });

  it('--format csv: the report columns plus leftMinutes, one row per JSON clock; --format table: no ANSI with NO_COLOR', async () => {
    const [json, csv, table] = await Promise.all(['json', 'csv', 'table'].map((f) => status('2026-12-31T23:59:00Z', '--format', f)));
    const s = parse(json!);
    expect(csv!.status).toBe(0);
    expect(csv!.stderr).toBe('');
    const lines = csv!.stdout.split('\n');
    expect(lines[0]).toBe(
      'ticket,title,type,service,consumer,sla,metric,priority,state,warning,target,targetMinutes,elapsedMinutes,pausedMinutes,usedPercent,startedAt,stoppedAt,breachedAt,dueAt,cycles,anyCycleBreached,counted,leftMinutes,slaVersion,selectedBy,calendar,calendarBy,assignmentGroup',
    );
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(s.clocks.map((c) => c.ticket));
    expect(lines).toContain(
      'INC9000010,Shop-floor kiosks cannot sign in,incident,identity,operations,gold,resolution,P2,running,true,8h,480,419,0,87.3,2026-12-31T17:00:00.000Z,,,2027-01-01T01:00:00.000Z,1,false,false,61,,service,24x7,agreement,',
    );
    expect(table!.status).toBe(0);
    expect(table!.stderr).toBe('');
    expect(table!.stdout).toContain('INC9000010');
    expect(table!.stdout).not.toMatch(/\u001b\[/);
  });

  it('--service nope → exit 2 naming the unknown id', async () => {
    const result = await status('2026-12-31T23:59:00Z', '--service', 'nope');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^itsm: --service: no service "nope" \(known: [^\n]*\)\n$/);
  });
});
