import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlaReport } from '../../src/sla/report.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync, type CliResult } from '../helpers/cli.js';

/**
 * The first and the last instant of the time itsm computes (src/time/range.ts), end to end: test/fixtures/sla/range-bounds
 * has tickets opened at 1970-01-01T00:00:00Z and at 2199-12-31T23:59:59.999Z, on the built-in 24x7 calendar and on a
 * calendar on Kiritimati (-10:40 in 1970, +14:00 since 1995), whose local days reach past both ends of the range, and a
 * subscription from 1970-01-01 to 2199-12-31. Every figure is worked out by hand below.
 */
const BOUNDS = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'range-bounds');

type Clock = SlaReport['tickets'][number];
const clocksOf = (result: CliResult) =>
  (JSON.parse(result.stdout) as SlaReport).tickets.map((t: Clock) => [t.ticket, t.metric, t.state, t.elapsedMinutes, t.dueAt, t.breachedAt]);

describe.concurrent('the bounds of the range, through every command', { timeout: E2E_TIMEOUT }, () => {
  it('validates', async () => {
    const result = await runCliAsync(['validate', BOUNDS]);
    expect([result.status, result.stdout]).toEqual([0, '']);
    expect(result.stderr).toContain('9 files valid (2 services, 2 SLAs, 1 calendars, 1 consumers, 4 tickets, 0 usage records)');
  });

  it('sla report --period 1970-01: the first instant', async () => {
    const result = await runCliAsync(['sla', 'report', BOUNDS, '--period', '1970-01', '--format', 'json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as SlaReport;
    expect(report.period).toEqual({ label: '1970-01', from: '1970-01-01T00:00:00.000Z', to: '1970-02-01T00:00:00.000Z' });
    expect(report.asOf).toBe('1970-02-01T00:00:00.000Z');
    expect(clocksOf(result)).toEqual([
      // Opened 13:20 on Wednesday 1969-12-31 on Kiritimati (-10:40): 3h40m to 17:00, then New Year's Day (a holiday),
      // then 09:00 Friday: the 4h response is due at 09:20 (20:00Z) and met at 09:50 (20:30Z): 3h40m + 50m = 270 min.
      ['DESK-FIRST', 'response', 'breached', 270, null, '1970-01-02T20:00:00.000Z'],
      // Resolved 13:00 Friday (23:40Z): 3h40m + 4h00m = 460 min of 480.
      ['DESK-FIRST', 'resolution', 'met', 460, null, null],
      // 24x7: in progress after 10 minutes, resolved after 3 hours.
      ['INC-FIRST', 'response', 'met', 10, null, null],
      ['INC-FIRST', 'resolution', 'met', 180, null, null],
    ]);
    // January 1970: 31 × 1440 = 44,640 minutes, down 00:00–01:00: 60 minutes; (44,640 − 60) / 44,640 = 99.866%.
    // Budget 1% of 44,640 = 446.4 minutes, 386.4 left.
    expect(report.availability).toEqual([
      expect.objectContaining({ service: 'app', window: '1970-01', agreedMinutes: 44640, downtimeMinutes: 60, availabilityPercent: 99.866, errorBudgetRemainingMinutes: 386.4, ok: true }),
    ]);
  });

  it('sla report --period 2199-12 --now 2200-01-01T00:00:00Z: the last instant, measured at the end of the range', async () => {
    const result = await runCliAsync(['sla', 'report', BOUNDS, '--period', '2199-12', '--now', '2200-01-01T00:00:00Z', '--format', 'json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as SlaReport;
    expect(report.period).toEqual({ label: '2199-12', from: '2199-12-01T00:00:00.000Z', to: '2200-01-01T00:00:00.000Z' });
    expect(clocksOf(result)).toEqual([
      // Opened 10:00 on Wednesday 2200-01-01 on Kiritimati (+14:00), in progress at 11:00: response 60 min.
      ['DESK-LAST', 'response', 'met', 60, null, null],
      // As of 14:00 local (00:00Z): 4h of 8h used; the other 4h are 14:00–17:00 and 09:00–10:00 on Thursday 2200-01-02:
      // due 10:00 +14:00 = 20:00Z, past the range but computed.
      ['DESK-LAST', 'resolution', 'running', 240, '2200-01-01T20:00:00.000Z', null],
      // Opened 1 ms before the end of the range: due 30 minutes and 4 hours later.
      ['INC-LAST', 'response', 'running', 0, '2200-01-01T00:29:59.999Z', null],
      ['INC-LAST', 'resolution', 'running', 0, '2200-01-01T03:59:59.999Z', null],
    ]);
  });

  it('sla report over the whole range at once: 2,760 months', async () => {
    const result = await runCliAsync(['sla', 'report', BOUNDS, '--from', '1970-01-01', '--to', '2200-01-01', '--now', '2200-01-01', '--by', 'month', '--format', 'json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as SlaReport;
    // (2200 − 1970) × 12 = 2,760 months, each with an availability window for app.
    expect(report.availability).toHaveLength(2760);
    expect(report.availability.at(-1)).toMatchObject({ window: '2199-12', to: '2200-01-01T00:00:00.000Z' });
    expect(report.tickets).toHaveLength(8);
  });

  it('sla status and sla explain at the end of the range', async () => {
    const [status, explain] = await Promise.all([
      runCliAsync(['sla', 'status', BOUNDS, '--now', '2200-01-01T00:00:00Z', '--format', 'json']),
      runCliAsync(['sla', 'explain', 'DESK-LAST', BOUNDS, '--now', '2200-01-01T00:00:00Z']),
    ]);
    expect([status.status, status.stderr]).toEqual([0, '']);
    expect((JSON.parse(status.stdout) as { clocks: Array<{ ticket: string; metric: string }> }).clocks.map((c) => `${c.ticket} ${c.metric}`).sort()).toEqual([
      'DESK-LAST resolution',
      'INC-LAST resolution',
      'INC-LAST response',
    ]);
    expect([explain.status, explain.stderr]).toEqual([0, '']);
    expect(explain.stdout).toContain('  running — 4h00m of 8h used, 0m paused; due 2200-01-02 10:00 +14:00\n');
  });

  it('export tickets at the end of the range: every clock of both ends', async () => {
    const result = await runCliAsync(['export', 'tickets', BOUNDS, '--now', '2200-01-01T00:00:00Z', '--format', 'jsonl']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ticket: string; metric: string; opened: string });
    expect(rows.map((r) => `${r.ticket} ${r.metric} ${r.opened}`)).toEqual([
      'DESK-FIRST response 1970-01-01T00:00:00.000Z',
      'DESK-FIRST resolution 1970-01-01T00:00:00.000Z',
      'DESK-LAST response 2199-12-31T20:00:00.000Z',
      'DESK-LAST resolution 2199-12-31T20:00:00.000Z',
      'INC-FIRST response 1970-01-01T00:00:00.000Z',
      'INC-FIRST resolution 1970-01-01T00:00:00.000Z',
      'INC-LAST response 2199-12-31T23:59:59.999Z',
      'INC-LAST resolution 2199-12-31T23:59:59.999Z',
    ]);
  });

  it('chargeback in the first and the last month of the range', async () => {
    const [first, last] = await Promise.all([
      runCliAsync(['chargeback', BOUNDS, '--period', '1970-01', '--format', 'json']),
      runCliAsync(['chargeback', BOUNDS, '--period', '2199-12', '--format', 'json']),
    ]);
    for (const [result, from, to] of [
      [first, '1970-01-01', '1970-02-01'],
      [last, '2199-12-01', '2200-01-01'],
    ] as const) {
      expect([result.status, result.stderr]).toEqual([0, '']);
      const json = JSON.parse(result.stdout) as { period: { from: string; to: string }; lines: Array<{ service: string; amount: string; unitDays: number }> };
      expect(json.period).toMatchObject({ from, to });
      // The subscription covers all 31 days: the whole fixed 100.00.
      expect(json.lines.map((l) => [l.service, l.amount, l.unitDays])).toEqual([['app', '100.00', 31]]);
    }
  });
});
