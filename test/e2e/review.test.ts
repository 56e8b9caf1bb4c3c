import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

// `itsm review` run as a user runs it (the built CLI, NO_COLOR=1): stdout, stderr and the exit status together. The
// figures are worked out in test/review/*.test.ts; here the command line is checked.

const ACME = join(REPO_ROOT, 'examples', 'acme');
const INVALID = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'invalid-repository');

describe('itsm review: usage errors (exit 2, one line, nothing on stdout)', () => {
  const cases: Array<[string, string[], string]> = [
    ['a quarter is not a month', ['--period', '2026-Q4'], 'itsm: --period: a review is of one month (2026-11, last-month or this-month) but found "2026-Q4"\n'],
    ['a month that has not begun', ['--period', '2027-01', '--now', '2026-12-06'], 'itsm: --period: 2027-01 has not begun yet (the review is as of 2026-12-06T05:00:00.000Z)\n'],
    ['no months', ['--period', '2026-11', '--months', '0'], 'itsm: --months: expected a whole number from 1 to 120 but found 0\n'],
    ['an unknown service', ['--period', '2026-11', '--service', 'nope'], 'itsm: --service: no service "nope" (known: '],
  ];
  for (const [name, args, stderr] of cases) {
    it(name, async () => {
      const result = await runCliAsync(['review', ACME, ...args]);
      expect(result.stdout).toBe('');
      expect(result.stderr.startsWith(stderr)).toBe(true);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(result.status).toBe(2);
    }, E2E_TIMEOUT);
  }

  it('an unknown format: commander\'s message and its hint', async () => {
    const result = await runCliAsync(['review', ACME, '--format', 'pdf']);
    expect([result.stdout, result.stderr, result.status]).toEqual(['', "error: option '-f, --format <format>' argument 'pdf' is invalid. Allowed choices are markdown, html, json.\n(run \"itsm --help\" for usage)\n", 2]);
  }, E2E_TIMEOUT);

  it('a repository with errors: the diagnostics, exit 1', async () => {
    const result = await runCliAsync(['review', INVALID, '--period', '2026-10']);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error');
  }, E2E_TIMEOUT);
});
