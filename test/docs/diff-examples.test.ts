import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { GitFixture, type Author } from '../helpers/git-fixture.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// The `itsm diff` examples of docs/governance.md are real output: a ```console block cannot set up a git history, so
// this test builds the one the document describes (examples/acme committed on main, then a pull request that applies
// examples/acme-pull-request.patch one file per commit), runs the commands the document shows, and compares their
// output with the blocks marked `<!-- diff-example: NAME -->`. Commit hashes are the only thing replaced: they depend
// on the bytes of examples/acme, so the document shows 1a2b3c4d5e6f for the merge base and 9f8e7d6c5b4a for the head.

const scratch = scratchFolders('itsm-diff-examples-');
const DOC = join(REPO_ROOT, 'docs', 'governance.md');
const PATCH = join(REPO_ROOT, 'examples', 'acme-pull-request.patch');
const OPTIONS = ['--now', '2026-12-21T15:00:00Z', '--month', '2027-01'];

/** The pull request of the document, one file per commit, by Grace and Ada in turn. */
function acmeHistory(): { repo: GitFixture; base: string; head: string } {
  const repo = GitFixture.init(join(scratch.empty(), 'acme')).copy(join(REPO_ROOT, 'examples', 'acme'));
  const base = repo.commit('ada', 'ACME as of December 2026');
  repo.git('checkout', '--quiet', '-b', 'pull-request');
  const files = [...readFileSync(PATCH, 'utf8').matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1]!);
  let head = base;
  files.forEach((file, i) => {
    repo.git('apply', `--include=${file}`, PATCH);
    head = repo.commit((['grace', 'ada'] as Author[])[i % 2]!, `Change ${file}`);
  });
  return { repo, base, head };
}

/** The text of the fenced block right after `<!-- diff-example: NAME -->` in docs/governance.md. */
function documented(name: string): string {
  const lines = readFileSync(DOC, 'utf8').split('\n');
  const at = lines.indexOf(`<!-- diff-example: ${name} -->`);
  if (at < 0 || !lines[at + 1]?.startsWith('```')) throw new Error(`docs/governance.md has no block marked <!-- diff-example: ${name} -->`);
  const end = lines.indexOf('```', at + 2);
  return `${lines.slice(at + 2, end).join('\n')}\n`;
}

describe('the itsm diff examples of docs/governance.md', () => {
  const { repo, base, head } = acmeHistory();
  const run = (...args: string[]) => {
    const result = runCli(['diff', 'main...pull-request', ...OPTIONS, ...args], { cwd: repo.dir });
    const named = (text: string) => text.replaceAll(base.slice(0, 12), '1a2b3c4d5e6f').replaceAll(head.slice(0, 12), '9f8e7d6c5b4a');
    return { status: result.status, stdout: named(result.stdout), stderr: named(result.stderr) };
  };

  it('text', () => {
    const result = run();
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe(documented('text'));
  });

  it('markdown', () => {
    const result = run('--format', 'markdown');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe(documented('markdown'));
  });

  it('the gate', () => {
    const result = run('--fail-on', 'compliance-drop,new-breach,rewrite-past,retired-dependency,invalid', '--format', 'json');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(documented('gate'));
  });
});
