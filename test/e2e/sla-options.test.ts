import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlaReport, SummaryRow } from '../../src/sla/report.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync, type CliResult } from '../helpers/cli.js';

// `sla report` options: --by, --from/--to, and what the command refuses (usage errors exit 2 with one line on stderr;
// a repository with errors exits 1 with its diagnostics on stderr and nothing on stdout).

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'sla');
const NOW = ['--now', '2027-01-01T05:00:00Z'];

const acme = (...args: string[]) => runCliAsync(['sla', 'report', 'examples/acme', ...NOW, ...args]);
const oneBreach = (...args: string[]) =>
  runCliAsync(['sla', 'report', join(FIXTURES, 'one-breach'), '--period', '2026-03', '--now', '2026-04-01T00:00:00Z', '--format', 'json', ...args]);

function parse(result: CliResult): SlaReport {
  expect(result.status).toBe(0);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as SlaReport;
}

/** metric, group, measured, met, breached, running: what a grouped row says. */
const counts = (s: SummaryRow) => [s.metric, s.group, s.measured, s.met, s.breached, s.running];
const targetKey = (s: SummaryRow) => `${s.sla} ${s.type} ${s.priority} ${s.metric}`;

describe.concurrent('--by on the one-breach fixture (two P2 incidents in March, one resolution breached)', { timeout: E2E_TIMEOUT }, () => {
  it.each([
    ['month', '2026-03'],
    ['service', 'app'],
    ['consumer', '(none)'], // the fixture's tickets name no consumer
    ['priority', 'P2'],
  ])('--by %s groups both clocks of each target under %s', async (by, group) => {
    const report = parse(await oneBreach('--by', by));
    expect(report.by).toBe(by);
    expect(report.summary.map(counts)).toEqual([
      ['response', group, 2, 2, 0, 0],
      ['resolution', group, 2, 1, 1, 0],
    ]);
  });
});

describe.concurrent('--by on examples/acme 2026-Q4', { timeout: E2E_TIMEOUT }, () => {
  it('--by month: a row per month of the quarter, (running) for clocks that count nowhere yet, adding up to the ungrouped rows', async () => {
    const [byMonthResult, plainResult] = await Promise.all([acme('--period', '2026-Q4', '--by', 'month', '--format', 'json'), acme('--period', '2026-Q4', '--format', 'json')]);
    const byMonth = parse(byMonthResult);
    const plain = parse(plainResult);
    expect(byMonth.by).toBe('month');
    expect([...new Set(byMonth.summary.map((s) => s.group))].sort()).toEqual(['(running)', '2026-10', '2026-11', '2026-12']);
    for (const s of byMonth.summary.filter((r) => r.group === '(running)')) expect(s.measured, targetKey(s)).toBe(0);

    // Each ungrouped target row is the sum of its month rows (targets nothing was measured against have no month row).
    for (const p of plain.summary) {
      const parts = byMonth.summary.filter((s) => targetKey(s) === targetKey(p));
      const sum = (key: 'measured' | 'met' | 'breached' | 'running' | 'warning') => parts.reduce((n, s) => n + s[key], 0);
      expect([sum('measured'), sum('met'), sum('breached'), sum('running'), sum('warning')], targetKey(p)).toEqual([p.measured, p.met, p.breached, p.running, p.warning]);
    }
    // And the monthly series says the same per agreement, metric and month.
    for (const m of byMonth.monthly) {
      const parts = byMonth.summary.filter((s) => s.sla === m.sla && s.metric === m.metric && s.group === m.month);
      expect([parts.reduce((n, s) => n + s.met, 0), parts.reduce((n, s) => n + s.breached, 0)], `${m.sla} ${m.metric} ${m.month}`).toEqual([m.met, m.breached]);
    }
  });

  it('--by service --sla silver: one group per service under silver (README: storage, backup, vpn, collaboration, telephony, hr-system, service-desk)', async () => {
    const report = parse(await acme('--period', '2026-Q4', '--by', 'service', '--sla', 'silver', '--format', 'json'));
    expect(report.by).toBe('service');
    expect(new Set(report.summary.map((s) => s.sla))).toEqual(new Set(['silver']));
    expect([...new Set(report.summary.map((s) => s.group))].sort()).toEqual(['backup', 'collaboration', 'hr-system', 'service-desk', 'storage', 'telephony', 'vpn']);
    // INC9000003 (collaboration, incident P3) is one of the met resolutions of its group.
    const collaboration = report.summary.find((s) => s.group === 'collaboration' && s.type === 'incident' && s.priority === 'P3' && s.metric === 'resolution');
    expect(collaboration?.met).toBeGreaterThan(0);
  });

  it('--by month in the table: the month is the first column', async () => {
    const result = await acme('--period', '2026-Q4', '--by', 'month', '--sla', 'ola-sap-cc', '--type', 'incident', '--priority', 'P1');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.stdout.split('\n').filter((l) => l.startsWith('│') && !l.includes(' type '));
    expect(rows.map((l) => l.split('│')[1]!.trim())).toEqual(['2026-10', '2026-10']);
  });

  it('--from/--to: dates are local midnights, --to excluded; a clock counts in the period in which it stopped', async () => {
    const report = parse(await acme('--from', '2026-10-01', '--to', '2026-11-01', '--format', 'json'));
    // New York is still on EDT at midnight on Nov 1 (the change is at 02:00).
    expect(report.period).toEqual({ label: '2026-10-01 – 2026-11-01', from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' });
    // INC9000004 opened Oct 30 but its clocks stopped Nov 2: not in October. INC9000014 opened and stopped Oct 6.
    expect([...new Set(report.tickets.filter((t) => /9000/.test(t.ticket)).map((t) => t.ticket))]).toEqual(['INC9000001', 'INC9000005', 'INC9000014']);
  });
});

describe.concurrent('usage errors: exit 2, one line on stderr, nothing on stdout', { timeout: E2E_TIMEOUT }, () => {
  it.each([
    [['--period', '2026-10', '--from', '2026-10-01', '--to', '2026-11-01'], 'itsm: use either --period or --from/--to, not both'],
    [['--period', '2026-13'], 'itsm: --period: expected a month (2026-10), a quarter (2026-Q4), a year (2026) or a relative period (this-month, last-month, this-quarter, last-quarter, this-year, last-year) but found "2026-13"'],
    [['--period', '2026-Q5'], 'itsm: --period: expected a month (2026-10), a quarter (2026-Q4), a year (2026) or a relative period (this-month, last-month, this-quarter, last-quarter, this-year, last-year) but found "2026-Q5"'],
    [['--from', '2026-10-01'], 'itsm: --from and --to go together'],
    [['--from', '2026-11-01', '--to', '2026-10-01'], 'itsm: --to must be after --from (the period is [from, to), to excluded)'],
    [
      ['--period', '2026-Q4', '--service', 'nope'],
      'itsm: --service: no service "nope" (known: backup, collaboration, crm, dns, email, erp, hosting, hr-system, identity, laptops, legacy-pbx, mobile-devices, …)',
    ],
    [['--period', '2026-Q4', '--sla', 'platinum'], 'itsm: --sla: no sla "platinum" (known: bronze, gold-finance, gold, ola-network, ola-sap-cc, regional, silver, slo-infrastructure)'],
    [['--period', '2026-Q4', '--priority', 'P9'], 'itsm: --priority: no priority "P9" (known: P1, P2, P3, P4)'],
  ])('%j', async (args, message) => {
    expect(await acme(...args, '--format', 'json')).toEqual({ status: 2, stdout: '', stderr: `${message}\n` });
  });

  it('an unknown --now', async () => {
    const result = await runCliAsync(['sla', 'report', 'examples/acme', '--period', '2026-Q4', '--now', 'yesterday']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'itsm: --now: expected an instant (2026-10-31T17:00:00Z) or a date (2026-11-01) but found "yesterday"\n',
    });
  });
});

describe.concurrent('a repository with validation errors', { timeout: E2E_TIMEOUT }, () => {
  const root = 'test/fixtures/sla/invalid-repository';
  const diagnostics = [
    `${root}/tickets/2026/2026-03.yaml`,
    '  22:12  error  service "ap" does not exist  unknown-reference',
    '                hint: did you mean "app"?',
    '',
    '✖ 1 problem (1 error, 0 warnings)',
    `itsm: ${root} has 1 error(s); fix them (see \`itsm validate ${root}\`) before computing figures`,
    '',
  ].join('\n');

  it.each([
    ['report', ['sla', 'report', root, '--period', '2026-03', '--now', '2026-04-01T00:00:00Z', '--format', 'json']],
    ['status', ['sla', 'status', root, '--now', '2026-04-01T00:00:00Z', '--format', 'json']],
    ['explain', ['sla', 'explain', 'INC0000001', root, '--now', '2026-04-01T00:00:00Z', '--format', 'json']],
  ])('sla %s: exit 1, the diagnostics on stderr, stdout empty', async (_command, args) => {
    expect(await runCliAsync(args)).toEqual({ status: 1, stdout: '', stderr: diagnostics });
  });
});
