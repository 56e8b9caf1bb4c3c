import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

/** The fixture of the catalog end-to-end tests: two live services and a retired one (test/fixtures/catalog/small). */
export const SMALL = join(REPO_ROOT, 'test', 'fixtures', 'catalog', 'small');

/**
 * A copy of the small fixture in a temporary folder outside any git work tree, so that its catalog has no provenance
 * whether or not the fixture itself is committed yet.
 */
export function smallCopy(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'itsm-catalog-e2e-'));
  const repo = join(root, 'repo');
  cpSync(SMALL, repo, { recursive: true });
  return { root: repo, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Commits everything in `dir` to a new git repository with a fixed author, committer and dates, so that the commit's
 * hash is the same on every machine and can be written in a test.
 */
export function commitAll(dir: string, date = '2026-11-02T10:00:00+01:00'): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '--no-gpg-sign', '-m', 'data']]) {
    const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  }
}
