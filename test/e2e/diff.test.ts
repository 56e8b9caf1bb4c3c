import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { GitFixture } from '../helpers/git-fixture.js';

// `itsm diff` end to end on real git repositories: which revisions are compared, where the repository is, what a
// revision with errors gives, each git error, each format, and the options' usage errors. The words of each change
// and the impact figures are pinned by the tests of src/governance (describeChanges, measureImpact, gateFailures).

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-diff-e2e-'));
  made.push(dir);
  return dir;
}

const ACME = join(REPO_ROOT, 'examples', 'acme');
const NEW_TICKET = ['apiVersion: itsm/v1', 'kind: Ticket', 'metadata:', '  id: INC7777777', 'spec:', '  type: incident', '  service: email', '  priority: P3', '  title: Mail is slow', '  opened: 2026-11-20T09:00:00Z', ''].join('\n');

/** examples/acme committed under `itsm/` by Ada; then a branch `feature` adds a ticket file, and main moves on. */
function acmeHistory() {
  const repo = GitFixture.init(join(scratch(), 'work')).copy(ACME, 'itsm');
  const c1 = repo.commit('ada', 'The ACME repository');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write({ 'itsm/tickets/extra.yaml': NEW_TICKET });
  const feature = repo.commit('grace', 'One more incident');
  repo.git('checkout', '--quiet', 'main');
  repo.write({ 'itsm/notes.md': 'not itsm data\n' });
  const main = repo.commit('ada', 'Notes');
  return { repo, c1, feature, main };
}

const json = (stdout: string) => JSON.parse(stdout) as { base: { name: string; commit: string | null; errors: number }; head: { name: string; commit: string | null; errors: number }; tickets: unknown; impactSkipped: string | null };

describe('itsm diff', () => {
  const { repo, c1, feature, main } = acmeHistory();
  const itsm = join(repo.dir, 'itsm');

  it('compares HEAD with the working tree by default, from inside the repository', () => {
    const result = runCli(['diff'], { cwd: join(itsm, 'services') });
    expect(result).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        `itsm diff: HEAD (${main.slice(0, 12)}) → working tree`,
        '',
        'No definition changed.',
        'Tickets: 0 added, 0 changed, 0 removed',
        '',
        'Impact: not measured: no definition changed, so no figure can move',
        '',
      ].join('\n'),
    });
  });

  it('reads a repository in a subfolder of the work tree given as the path', () => {
    const result = runCli(['diff', 'HEAD', 'itsm', '--format', 'json'], { cwd: repo.dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const report = json(result.stdout);
    expect(report.base).toMatchObject({ name: 'HEAD', commit: main, errors: 0 });
    expect(report.head).toMatchObject({ name: 'working tree', commit: null, errors: 0 });
  });

  it('takes base...head from the merge base, as git diff does, and lists tickets one by one with --tickets', () => {
    const result = runCli(['diff', 'main...feature', itsm, '--tickets'], { cwd: repo.dir });
    expect(result).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        `itsm diff: merge base of main and feature (${c1.slice(0, 12)}) → feature (${feature.slice(0, 12)})`,
        '',
        'No definition changed.',
        // The feature branch adds one ticket file with one ticket: counted, and listed with --tickets.
        'Tickets: 1 added, 0 changed, 0 removed',
        '  added    INC7777777  tickets/extra.yaml',
        '',
        'Impact: not measured: no definition changed, so no figure can move',
        '',
      ].join('\n'),
    });
    // main..feature (two dots) and two revisions compare the commits themselves.
    const direct = json(runCli(['diff', 'main..feature', itsm, '--format', 'json', '--tickets'], { cwd: repo.dir }).stdout);
    expect([direct.base.commit, direct.head.commit]).toEqual([main, feature]);
    expect(json(runCli(['diff', 'main', 'feature', itsm, '--format', 'json'], { cwd: repo.dir }).stdout).base.commit).toBe(main);
  });

  it('sees edits in the working tree, untracked files included', () => {
    const work = GitFixture.init(join(scratch(), 'edits')).copy(ACME);
    work.commit('ada', 'ACME');
    work.write({ 'tickets/extra.yaml': NEW_TICKET });
    const result = runCli(['diff', '--tickets', '--format', 'json'], { cwd: work.dir });
    expect(result.status).toBe(0);
    expect(json(result.stdout).tickets).toEqual({ added: [{ id: 'INC7777777', file: 'tickets/extra.yaml' }], changed: [], removed: [] });
  });

  it('diffs a revision with errors as far as it can, lists them under it, and says so on stderr', () => {
    const broken = GitFixture.init(join(scratch(), 'broken')).copy(ACME);
    broken.commit('ada', 'ACME');
    broken.write({ 'slas/gold.yaml': 'apiVersion: itsm/v1\nkind: SLA\nmetadata: [\n' });
    const head = broken.commit('grace', 'Broken gold');
    const result = runCli(['diff', 'HEAD~1', 'HEAD'], { cwd: broken.dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`itsm: HEAD (${head.slice(0, 12)}) has 6 error(s), listed in the report; the changes are read as far as they could be, and the impact is not measured\n`);
    // gold no longer parses, so head has no agreement gold: read as far as it can be, that is a removal (at the line
    // where base's document starts, after the file's two comment lines), said as a document head cannot read.
    expect(result.stdout).toContain('\nslas/gold.yaml:3  gold: agreement removed; not readable in HEAD: slas/gold.yaml has errors (see the problems)\nTickets: 0 added, 0 changed, 0 removed\n\nImpact: not measured: HEAD (' + head.slice(0, 12) + ') has errors, and figures from invalid data would be wrong; fix them first\n');
    expect(result.stdout).toContain(`\nProblems in HEAD (${head.slice(0, 12)})\n  services/email.yaml:21:8 error SLA "gold" does not exist (unknown-reference)\n`);
    expect(result.stdout).toMatch(/\n {2}slas\/gold\.yaml:4:1 error .* \(yaml-syntax\)\n$/);
    // A head with errors meets `invalid` (new-breach is not measured, so not met): exit 1, the same report on stdout.
    const gated = runCli(['diff', 'HEAD~1', 'HEAD', '--fail-on', 'invalid,new-breach'], { cwd: broken.dir });
    expect(gated.status).toBe(1);
    expect(gated.stdout).toBe(result.stdout);
    expect(gated.stderr).toMatch(/\nitsm: --fail-on: invalid: HEAD has 6 errors: services\/email\.yaml:21:8 SLA "gold" does not exist \(unknown-reference\); .*; and 3 more\n$/);
  });

  it('writes a pull-request comment with --format markdown', () => {
    const broken = GitFixture.init(join(scratch(), 'md')).copy(ACME);
    broken.commit('ada', 'ACME');
    broken.write({ 'slas/gold.yaml': 'apiVersion: itsm/v1\nkind: SLA\nmetadata: [\n' });
    const result = runCli(['diff', '--format', 'markdown'], { cwd: broken.dir });
    const head = broken.git('rev-parse', 'HEAD').slice(0, 12);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 12)).toEqual([
      `### itsm diff: \`HEAD (${head})\` → \`working tree\``,
      '',
      '**1 definition changed** · tickets: 0 added, 0 changed, 0 removed · impact not measured: working tree has errors, and figures from invalid data would be wrong; fix them first',
      '',
      '> **Error:** `working tree` has 6 error(s); see below.',
      '',
      '<details>',
      '<summary>Changes (1)</summary>',
      '',
      '- `slas/gold.yaml:3` gold: agreement removed; not readable in working tree: slas/gold.yaml has errors (see the problems)',
      '',
      '</details>',
    ]);
    expect(result.stdout).toContain('<details>\n<summary>Problems in working tree (6)</summary>\n\n- services/email.yaml:21:8 error SLA "gold" does not exist (unknown-reference)\n');
    expect(result.stdout.endsWith('\n</details>\n')).toBe(true);
  });

  describe('git errors: one line on stderr, exit 2, nothing on stdout', () => {
    const expectUsage = (result: { status: number | null; stdout: string; stderr: string }, message: string | RegExp) => {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
      if (typeof message === 'string') expect(result.stderr).toBe(`itsm: ${message}\n`);
      else expect(result.stderr).toMatch(message);
    };

    it('outside a git repository', () => {
      const plain = scratch();
      writeFileSync(join(plain, 'itsm.yaml'), 'apiVersion: itsm/v1\nkind: Config\nmetadata: { id: x }\nspec: { currency: USD, timeZone: UTC }\n');
      expectUsage(runCli(['diff', plain]), `${plain} is not in a git repository; itsm diff compares git revisions (run \`git init\` and commit the repository first)`);
    });

    it('an unknown revision', () => {
      expectUsage(runCli(['diff', 'no-such-branch', itsm]), new RegExp(`^itsm: unknown revision "no-such-branch": no commit, branch or tag of that name in .*\\(see \`git log --oneline\`; a remote branch may need \`git fetch\`\\)\\n$`));
    });

    it('a repository without a commit', () => {
      const fresh = GitFixture.init(join(scratch(), 'fresh')).copy(ACME);
      expectUsage(runCli(['diff'], { cwd: fresh.dir }), 'unknown revision "HEAD": the git repository has no commit yet; commit the repository first');
    });

    it('a base missing from a shallow clone', () => {
      const clone = repo.shallowClone(join(scratch(), 'clone'), 'feature');
      const hint = 'this is a shallow clone, which leaves out older history: fetch it with `git fetch --unshallow` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)';
      expectUsage(runCli(['diff', 'HEAD~1', 'itsm'], { cwd: clone.dir }), `unknown revision "HEAD~1": ${hint}`);
      expectUsage(runCli(['diff', 'origin/main...HEAD', 'itsm'], { cwd: clone.dir }), `unknown revision "origin/main": ${hint}`);
    });

    it('git not installed', () => {
      const empty = scratch();
      expectUsage(runCli(['diff', itsm], { env: { PATH: empty } }), 'git is not installed or not on the PATH; itsm diff reads the revisions with it (install git, https://git-scm.com/downloads)');
    });
  });

  describe('options', () => {
    it('refuses an unknown --fail-on condition', () => {
      const result = runCli(['diff', itsm, '--fail-on', 'invalid,everything']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`option '--fail-on <conditions>' argument 'invalid,everything' is invalid. expected conditions among compliance-drop, new-breach, rewrite-past, retired-dependency, broken-reference, invalid but found "invalid,everything"`);
    });

    it('refuses a malformed --period, --month or --now in one line', () => {
      expect(runCli(['diff', itsm, '--period', '2026-11..2026-09'])).toEqual({ status: 2, stdout: '', stderr: 'itsm: --period: 2026-11..2026-09 ends before it starts\n' });
      expect(runCli(['diff', itsm, '--month', '2026-13'])).toEqual({ status: 2, stdout: '', stderr: 'itsm: --month: expected a month (2026-11) but found "2026-13"\n' });
      expect(runCli(['diff', itsm, '--now', 'soon'])).toEqual({ status: 2, stdout: '', stderr: 'itsm: --now: expected an instant (2026-10-31T17:00:00Z) or a date (2026-11-01) but found "soon"\n' });
    });

    it('refuses a range together with a second revision, and a fourth argument', () => {
      expect(runCli(['diff', 'main...feature', 'HEAD', itsm])).toEqual({ status: 2, stdout: '', stderr: 'itsm: give either a range (main...feature) or two revisions, not both\n' });
      expect(runCli(['diff', 'a', 'b', 'c', 'd'])).toEqual({ status: 2, stdout: '', stderr: 'itsm: itsm diff takes at most a base, a head and a path, but got 4 arguments\n' });
    });
  });
});
