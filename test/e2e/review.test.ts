import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/practices/review/types.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

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

describe('itsm review on examples/acme (November 2026, as of its end)', () => {
  const NOW = ['--period', '2026-11', '--now', '2026-12-06'];

  it('json: the documented shape, the months from the first record, the register judged', async () => {
    const result = await runCliAsync(['review', ACME, ...NOW, '--format', 'json']);
    expect([result.stderr, result.status]).toEqual(['', 0]);
    const review = JSON.parse(result.stdout) as Review;
    expect(Object.keys(review)).toEqual([
      'version', 'organisation', 'timeZone', 'period', 'months', 'recordsFrom', 'asOf', 'scope', 'minimumSample', 'volume', 'backlog', 'speed',
      'serviceLevels', 'recurrence', 'changes', 'problems', 'worst', 'breakdown', 'improvements',
    ]);
    // acme's tickets begin in July 2026: five months of trends, not twelve with seven empty ones.
    expect(review.months.map((m) => m.label)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(review.recordsFrom).toBe('2026-07');
    // November ends at 2026-12-01 00:00 EST = 05:00Z; --now is later, so the review is as of the month's end.
    expect(review.asOf).toBe('2026-12-01T05:00:00.000Z');
    expect(review.improvements.map((i) => [i.improvement, i.verdict, i.file, i.line])).toEqual([
      ['CSI-001', 'achieved', 'improvements/register.yaml', 4],
      ['CSI-002', 'on-track', 'improvements/register.yaml', 23],
      ['CSI-003', 'overdue', 'improvements/register.yaml', 41],
      ['CSI-004', 'missed', 'improvements/register.yaml', 59],
    ]);
  }, E2E_TIMEOUT);

  it('markdown, html and json carry the same figures', async () => {
    const [json, markdown, html] = await Promise.all(['json', 'markdown', 'html'].map((format) => runCliAsync(['review', ACME, ...NOW, '--format', format])));
    for (const result of [json, markdown, html]) expect([result!.stderr, result!.status]).toEqual(['', 0]);
    const review = JSON.parse(json!.stdout) as Review;
    expect(markdown!.stdout.split('\n')[0]).toMatch(/^# Service review.*ACME Corporation.*2026-11/);
    expect(html!.stdout.toLowerCase().startsWith('<!doctype html>')).toBe(true);
    // The reviewed month's opened, resolved and open-at-end counts (192, 198, 17: worked from the files in
    // test/review/tickets.test.ts) are in each document as the JSON gives them.
    const figures = [review.volume.opened.value, review.volume.resolved.value, review.backlog.months.at(-1)!.open];
    expect(figures).toEqual([192, 198, 17]);
    // In the glance of each: a table row of the Markdown, a card of the HTML (a bare "192" could be found anywhere).
    const [opened, resolved, open] = figures;
    expect(markdown!.stdout).toContain(`|Tickets&nbsp;opened|${opened}|`);
    expect(markdown!.stdout).toContain(`|Tickets&nbsp;resolved|${resolved}|`);
    expect(markdown!.stdout).toContain(`|Open&nbsp;at&nbsp;month&nbsp;end|${open}|`);
    expect(html!.stdout).toContain(`<h3>Opened</h3><p class="value">${opened}</p>`);
    expect(html!.stdout).toContain(`<h3>Resolved</h3><p class="value">${resolved}</p>`);
    expect(html!.stdout).toContain(`<h3>Backlog at the month’s end</h3><p class="value">${open}</p>`);
    // Every improvement and each of the worst five by breaches appear in both.
    for (const text of [markdown!.stdout, html!.stdout]) {
      for (const row of review.improvements) expect(text).toContain(row.improvement);
      for (const row of review.worst.byBreaches) expect(text).toContain(row.service);
    }
  }, E2E_TIMEOUT);

  it('--service narrows the review and says so', async () => {
    const result = await runCliAsync(['review', ACME, ...NOW, '--format', 'json', '--service', 'vpn']);
    expect([result.stderr, result.status]).toEqual(['', 0]);
    const review = JSON.parse(result.stdout) as Review;
    expect(review.scope).toEqual({ services: ['vpn'], consumers: null, groups: null, priorities: null });
    expect(review.breakdown.services.map((s) => s.id)).toEqual(['vpn']);
  }, E2E_TIMEOUT);

  it('--out writes the page, and replaces it only with --force', async () => {
    const out = join(scratchFolders('itsm-review-out-').empty(), 'review.html');
    const first = await runCliAsync(['review', ACME, ...NOW, '--format', 'html', '--out', out]);
    expect([first.stdout, first.stderr, first.status]).toEqual(['', '', 0]);
    expect(readFileSync(out, 'utf8').toLowerCase().startsWith('<!doctype html>')).toBe(true);
    const again = await runCliAsync(['review', ACME, ...NOW, '--format', 'html', '--out', out]);
    expect([again.stdout, again.stderr, again.status]).toEqual(['', `itsm: ${out} already exists; use --force to replace it\n`, 2]);
  }, E2E_TIMEOUT);
});
