import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProblemReport } from '../../src/practices/problem/report.js';
import type { ProblemSuggestions } from '../../src/practices/problem/suggest.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// `itsm problem report` and `itsm problem suggest` on test/fixtures/problem/kedb, run as a user runs them (the built
// CLI, NO_COLOR=1): stdout, stderr and the exit status together. The figures are worked out in
// test/practices/problem/report.test.ts; here the command line is checked.

const KEDB = join(REPO_ROOT, 'test', 'fixtures', 'problem', 'kedb');
const INVALID = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'invalid-repository');
const NOW = ['--now', '2026-06-30'];

describe('itsm problem report', () => {
  it('text: the sections, nothing on stderr, exit 0', async () => {
    const result = await runCliAsync(['problem', 'report', KEDB, ...NOW]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['Problems as of 2026-06-30 00:00 +00:00', '2 logged · 1 under investigation · 1 known error · 1 resolved · 0 closed']);
    expect(result.stdout).toContain('│ PRB0001 │ Mail queue stalls after certificate rotation │ known error         │         3 │ 3h 30m │    3h 0m │');
    expect(result.stdout).toContain('  articles: Restart the mail relay after a certificate rotation (knowledge/mail-queue-restart.md)');
  }, E2E_TIMEOUT);

  it('json: the documented shape', async () => {
    const result = await runCliAsync(['problem', 'report', KEDB, ...NOW, '--format', 'json']);
    expect([result.stderr, result.status]).toEqual(['', 0]);
    const report = JSON.parse(result.stdout) as ProblemReport;
    expect(Object.keys(report)).toEqual(['version', 'asOf', 'timeZone', 'states', 'ageBands', 'open', 'knownErrors', 'impact', 'withoutIncidents', 'withoutOwner']);
    expect(report.asOf).toBe('2026-06-30T00:00:00.000Z');
    expect(report.impact[0]).toMatchObject({ problem: 'PRB0001', downMs: 12_600_000, degradedMs: 10_800_000 });
  }, E2E_TIMEOUT);

  it('markdown: the same sections under headings', async () => {
    const result = await runCliAsync(['problem', 'report', KEDB, ...NOW, '--format', 'markdown']);
    expect([result.stderr, result.status]).toEqual(['', 0]);
    expect(result.stdout.startsWith('# Problems as of 2026-06-30 00:00 +00:00\n')).toBe(true);
    expect(result.stdout).toContain('### PRB0001 — Mail queue stalls after certificate rotation');
  }, E2E_TIMEOUT);

  it('--out writes the file, and replaces it only with --force', async () => {
    const out = join(scratchFolders('itsm-problem-out-').empty(), 'problems.md');
    const first = await runCliAsync(['problem', 'report', KEDB, ...NOW, '--format', 'markdown', '--out', out]);
    expect([first.stdout, first.stderr, first.status]).toEqual(['', '', 0]);
    expect(readFileSync(out, 'utf8').startsWith('# Problems as of')).toBe(true);
    const again = await runCliAsync(['problem', 'report', KEDB, ...NOW, '--out', out]);
    expect([again.stdout, again.stderr, again.status]).toEqual(['', `itsm: ${out} already exists; use --force to replace it\n`, 2]);
    const forced = await runCliAsync(['problem', 'report', KEDB, ...NOW, '--out', out, '--force']);
    expect([forced.stderr, forced.status]).toEqual(['', 0]);
    expect(readFileSync(out, 'utf8').startsWith('Problems as of')).toBe(true);
  }, E2E_TIMEOUT);

  it('a repository with errors: the errors on stderr, nothing on stdout, exit 1 (as sla report)', async () => {
    const result = await runCliAsync(['problem', 'report', INVALID, ...NOW]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/itsm: .*invalid-repository has \d+ error\(s\); fix them \(see `itsm validate .*`\) before computing figures\n$/);
    expect(result.status).toBe(1);
  }, E2E_TIMEOUT);

  it('usage errors: exit 2 with one line, before the repository is read', async () => {
    const badNow = await runCliAsync(['problem', 'report', KEDB, '--now', 'yesterday']);
    expect([badNow.stdout, badNow.stderr, badNow.status]).toEqual(['', 'itsm: --now: expected an instant (2026-10-31T17:00:00Z) or a date (2026-11-01) but found "yesterday"\n', 2]);
    const width = await runCliAsync(['problem', 'report', KEDB, ...NOW, '--format', 'json', '--width', '80']);
    expect([width.stdout, width.stderr, width.status]).toEqual(['', 'itsm: --width applies to --format text\n', 2]);
  }, E2E_TIMEOUT);
});

describe('itsm problem suggest', () => {
  const suggest = async (...args: string[]) => {
    const result = await runCliAsync(['problem', 'suggest', KEDB, '--format', 'json', ...args]);
    expect([result.stderr, result.status]).toEqual(['', 0]);
    return JSON.parse(result.stdout) as ProblemSuggestions;
  };

  it('defaults (3 within 30 days): the VPN disconnects, the first and last exactly 30 days apart', async () => {
    const result = await suggest();
    expect(result).toMatchObject({ version: 1, min: 3, windowMs: 2_592_000_000, since: null, incidents: 8 });
    expect(result.candidates).toEqual([
      { service: 'vpn', category: 'vpn disconnects user #', categoryFrom: 'title', count: 3, first: '2026-06-01T09:00:00.000Z', last: '2026-07-01T09:00:00.000Z', tickets: ['INC0201', 'INC0202', 'INC0203'] },
    ]);
  }, E2E_TIMEOUT);

  it('--min, --window and --since', async () => {
    // Mailbox full: 2026-02-01, 04-01, 06-01: 59 days (February 2026 has 28), then 61 days apart.
    const pairs = await suggest('--min', '2', '--window', '59d');
    expect(pairs.candidates.map((c) => [c.service, c.category, c.tickets.join(' ')])).toEqual([
      ['vpn', 'vpn disconnects user #', 'INC0201 INC0202 INC0203'],
      ['crm', 'login', 'INC0301 INC0302'],
      ['mail', 'mailbox full', 'INC0401 INC0402'],
    ]);
    const since = await suggest('--since', '2026-06-02');
    expect([since.since, since.incidents, since.candidates]).toEqual(['2026-06-02T00:00:00.000Z', 4, []]);
  }, E2E_TIMEOUT);

  it('text: the rule and one row per candidate', async () => {
    const result = await runCliAsync(['problem', 'suggest', KEDB]);
    expect([result.stderr, result.status]).toEqual(['', 0]);
    expect(result.stdout).toContain('8 incidents without a problem; a candidate recurs at least 3 times within 30 days on one service with one category');
    expect(result.stdout).toContain('│ vpn     │ vpn disconnects user # │     3 │ 2026-06-01 09:00 +00:00 │ 2026-07-01 09:00 +00:00 │ INC0201 INC0202 INC0203 │');
  }, E2E_TIMEOUT);

  it('refuses a window, a --min or a --since it cannot read: exit 2, one line', async () => {
    const cases: Array<[string[], string]> = [
      [['--window', '1y'], 'itsm: --window: expected a whole number of weeks, days, hours or minutes (30d, 2w, 36h, 90m) but found "1y"\n'],
      [['--min', '1'], 'itsm: --min: a recurrence takes at least 2 incidents, but found 1\n'],
      [['--since', 'june'], 'itsm: --since: expected an instant (2026-10-01T00:00:00Z) or a date (2026-10-01) but found "june"\n'],
    ];
    for (const [args, stderr] of cases) {
      const result = await runCliAsync(['problem', 'suggest', KEDB, ...args]);
      expect([result.stdout, result.stderr, result.status]).toEqual(['', stderr, 2]);
    }
    const fraction = await runCliAsync(['problem', 'suggest', KEDB, '--min', '2.5']);
    expect([fraction.stdout, fraction.status]).toEqual(['', 2]);
    expect(fraction.stderr).toContain('expected a whole number of 0 or more but found "2.5"');
  }, E2E_TIMEOUT);

  it('a repository with errors: exit 1', async () => {
    const result = await runCliAsync(['problem', 'suggest', INVALID]);
    expect([result.stdout, result.status]).toEqual(['', 1]);
    expect(result.stderr).toContain('before computing figures');
  }, E2E_TIMEOUT);
});
