import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

/**
 * `--period this-month | last-month | this-quarter | last-quarter | this-year | last-year`, for every command that takes
 * `--period`, read in the organisation's zone as of `--now`: examples/acme is in America/New_York, where
 * 2027-01-01T03:00:00Z is still 22:00 on 2026-12-31. So this-month is 2026-12, last-month 2026-11, this-quarter
 * 2026-Q4, last-quarter 2026-Q3, this-year 2026 and last-year 2025. Each relative run must print exactly what the run
 * with the absolute period prints.
 */
const ACME = join(REPO_ROOT, 'examples', 'acme');
const BOUNDS = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'range-bounds');
const NOW = '2027-01-01T03:00:00Z';

const SAME_AS: ReadonlyArray<[string, string]> = [
  ['this-month', '2026-12'],
  ['last-month', '2026-11'],
  ['this-quarter', '2026-Q4'],
  ['last-quarter', '2026-Q3'],
  ['this-year', '2026'],
  ['last-year', '2025'],
];

describe.concurrent('relative periods, as of --now in the organisation’s zone', { timeout: E2E_TIMEOUT * 2 }, () => {
  it('sla report', async () => {
    const run = (period: string) => runCliAsync(['sla', 'report', ACME, '--period', period, '--now', NOW, '--format', 'json']);
    for (const [relative, absolute] of SAME_AS.slice(0, 4)) {
      const [a, b] = await Promise.all([run(relative), run(absolute)]);
      expect([a.status, a.stderr]).toEqual([0, '']);
      expect(a.stdout).toBe(b.stdout);
      expect(JSON.parse(a.stdout)).toMatchObject({ period: { label: absolute } });
    }
  });

  it('chargeback', async () => {
    const run = (...args: string[]) => runCliAsync(['chargeback', ACME, ...args, '--format', 'json']);
    for (const [relative, absolute] of [SAME_AS[1]!, SAME_AS[2]!]) {
      const [a, b] = await Promise.all([run('--period', relative, '--now', NOW), run('--period', absolute)]);
      expect([a.status, a.stderr]).toEqual([0, '']);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  it('export tickets', async () => {
    const run = (period: string) => runCliAsync(['export', 'tickets', ACME, '--period', period, '--now', NOW]);
    for (const [relative, absolute] of [SAME_AS[0]!, SAME_AS[4]!, SAME_AS[5]!]) {
      const [a, b] = await Promise.all([run(relative), run(absolute)]);
      expect([a.status, a.stderr]).toEqual([b.status, b.stderr]);
      expect(a.status).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  it('without --now, as of the current time: the default period of sla report is this-month', async () => {
    // The fixture's zone is UTC; the month is read before and after the runs, so that a run at the turn of a month
    // cannot fail the test.
    const month = () => new Date().toISOString().slice(0, 7);
    const before = month();
    const [relative, none] = await Promise.all([
      runCliAsync(['sla', 'report', BOUNDS, '--period', 'this-month', '--format', 'json']),
      runCliAsync(['sla', 'report', BOUNDS, '--format', 'json']),
    ]);
    const after = month();
    expect([relative.status, relative.stderr, none.status]).toEqual([0, '', 0]);
    const label = (stdout: string) => (JSON.parse(stdout) as { period: { label: string } }).period.label;
    expect([before, after]).toContain(label(relative.stdout));
    expect([before, after]).toContain(label(none.stdout));
  });
});

describe.concurrent('the longest chargeback', { timeout: E2E_TIMEOUT }, () => {
  it('covers 3,660 days', async () => {
    // 2026-01-01 to 2036-01-01 is 10 × 365 + 2 leap days (2028, 2032) = 3,652 days; 8 more to 2036-01-09: 3,660.
    const result = await runCliAsync(['chargeback', BOUNDS, '--from', '2026-01-01', '--to', '2036-01-09', '--format', 'json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    // The subscription runs through the whole period: 120 whole months and 8 days of January 2036 at 100.00 a month.
    const lines = (JSON.parse(result.stdout) as { lines: Array<{ period: string; amount: string }> }).lines;
    expect(lines).toHaveLength(121);
    expect(lines.at(-1)).toEqual(expect.objectContaining({ period: '2036-01', amount: '25.81' })); // 100 × 8 / 31 = 25.806…
  });

  it('refuses 3,661 days as a usage error naming --from/--to', async () => {
    const result = await runCliAsync(['chargeback', BOUNDS, '--from', '2026-01-01', '--to', '2036-01-10']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'itsm: --from/--to: the period is 3,661 days long; chargeback covers at most 3,660 days (10 years) at a time, so split it\n',
    });
  });
});
