import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/check-repository.js';
import { FileCache } from '../../src/load/cache.js';
import { ResultsCache } from '../../src/load/results-cache.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const folders = scratchFolders('itsm-results-day-');

/** The example repository (America/New_York) with one more article, due for review on 2026-06-30. */
function withArticle(): { root: string; cacheDir: string } {
  const root = folders.copyOf('examples/acme');
  mkdirSync(join(root, 'knowledge'), { recursive: true });
  writeFileSync(
    join(root, 'knowledge', 'vpn-drops.md'),
    [
      '---',
      'apiVersion: itsm/v1',
      'kind: Article',
      'metadata: { id: KB9001 }',
      'spec:',
      '  title: The VPN drops every hour',
      '  services: [vpn]',
      '  audience: customer',
      '  owner: Network Operations',
      '  reviewBy: 2026-06-30',
      '---',
      'Reconnect.',
      '',
    ].join('\n'),
  );
  return { root, cacheDir: join(folders.empty(), 'cache') };
}

function check(root: string, cacheDir: string, now?: number) {
  return checkRepository(root, {
    cache: new FileCache(cacheDir, 'code-a'),
    results: new ResultsCache(cacheDir, 'code-a'),
    workers: 1,
    ...(now !== undefined ? { now } : {}),
  });
}

const reviewWarnings = (c: Awaited<ReturnType<typeof check>>) => c.diagnostics.filter((d) => d.rule === 'article-review-due').length;

// 2026-07-01T03:30Z is still 2026-06-30 in New York (UTC-4 in summer): the day the article is due, not yet overdue.
const DUE_DAY_LATE = Date.parse('2026-07-01T03:30:00Z');
// 2026-07-01T04:30Z is 2026-07-01 00:30 in New York: the article is overdue.
const NEXT_DAY = Date.parse('2026-07-01T04:30:00Z');

describe('the recorded check of a repository with articles', () => {
  it('is served only on the day it was made on, in the organisation\'s time zone', async () => {
    const { root, cacheDir } = withArticle();
    const first = await check(root, cacheDir, DUE_DAY_LATE);
    expect(first.source).toBe('loaded');
    expect(first.counts.articles).toBe(6);
    expect(reviewWarnings(first)).toBe(0);
    const sameDay = await check(root, cacheDir, DUE_DAY_LATE);
    expect(sameDay.source).toBe('recorded');
    // An hour later it is the next day in New York: the recorded check without the warning must not be served.
    // No ticket file is read again: the facts kept of them do not depend on the day.
    const nextDay = await check(root, cacheDir, NEXT_DAY);
    expect(nextDay.source).toBe('kept');
    expect(reviewWarnings(nextDay)).toBe(1);
    const again = await check(root, cacheDir, NEXT_DAY);
    expect(again.source).toBe('recorded');
    expect(reviewWarnings(again)).toBe(1);
  });

  it('made without the time (as sla report makes it) is not served to validate, which knows the day', async () => {
    const { root, cacheDir } = withArticle();
    expect((await check(root, cacheDir)).source).toBe('loaded');
    expect((await check(root, cacheDir)).source).toBe('recorded');
    const validate = await check(root, cacheDir, NEXT_DAY);
    expect(validate.source).toBe('kept');
    expect(reviewWarnings(validate)).toBe(1);
  });

  it('made with the time is not served to a run without it (sla report), which skips the rules about dates', async () => {
    const { root, cacheDir } = withArticle();
    expect((await check(root, cacheDir, NEXT_DAY)).source).toBe('loaded');
    expect((await check(root, cacheDir)).source).toBe('kept');
  });

  it('of a repository without articles and change records is served on any day', async () => {
    // acme without its knowledge folder, its change templates and the file of its change and problem records.
    const root = folders.copyOf('examples/acme');
    for (const path of ['knowledge', 'changes', 'tickets/2026/changes-and-problems.yaml']) rmSync(join(root, path), { recursive: true });
    const cacheDir = join(folders.empty(), 'cache');
    expect((await check(root, cacheDir, DUE_DAY_LATE)).source).toBe('loaded');
    expect((await check(root, cacheDir, NEXT_DAY + 365 * 86_400_000)).source).toBe('recorded');
  });
});
