import { mkdtempSync, readFileSync, readlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { readBlobs } from '../../src/git/blobs.js';
import { materialiseCommit } from '../../src/git/materialise.js';
import { gitCheckoutOf, isShallow } from '../../src/git/repository.js';
import { mergeBase, resolveCommit } from '../../src/git/revision.js';
import { listTree } from '../../src/git/tree.js';
import { workingTreeChanges } from '../../src/git/worktree.js';
import { GitFixture } from '../helpers/git-fixture.js';

/** What these tests say git is for, in the errors of gitCheckoutOf. */
const PURPOSE = { command: 'itsm diff', does: 'compares git revisions', needs: 'reads the revisions with it' };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-git-'));
  made.push(dir);
  return dir;
}

/** main: c1 (two files) → c2 (gold edited); branch feature from c1: c3 (a new service); then main merges nothing. */
function history() {
  const repo = GitFixture.init(join(scratch(), 'work'));
  repo.write({ 'README.md': 'not itsm\n', 'itsm/itsm.yaml': 'kind: Config\n', 'itsm/slas/gold.yaml': 'gold: 8h\n', 'itsm/slas/copy.yaml': 'gold: 8h\n' });
  const c1 = repo.commit('ada', 'Start');
  repo.git('branch', 'feature');
  repo.write({ 'itsm/slas/gold.yaml': 'gold: 4h\n' });
  const c2 = repo.commit('grace', 'Gold: P2 in 4h');
  repo.git('checkout', '--quiet', 'feature');
  repo.write({ 'itsm/services/erp.yaml': 'erp\n' });
  const c3 = repo.commit('ada', 'ERP');
  repo.git('checkout', '--quiet', 'main');
  return { repo, c1, c2, c3 };
}

describe('the git edge', () => {
  const { repo, c1, c2, c3 } = history();

  it('finds the work tree and the folder of the itsm repository in it', async () => {
    const checkout = await gitCheckoutOf(join(repo.dir, 'itsm'), PURPOSE);
    expect(checkout.prefix).toBe('itsm/');
    expect(await isShallow(checkout)).toBe(false);
    expect(repo.git('log', '--format=%an <%ae> %aI %s')).toBe(
      ['Grace Hopper <grace@example.org> 2026-11-02T10:00:00+00:00 Gold: P2 in 4h', 'Ada Lovelace <ada@example.org> 2026-11-01T10:00:00+00:00 Start'].join('\n'),
    );
  });

  it('resolves revisions to commits, tags and relative names included', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    repo.git('tag', '-a', '-m', 'v1', 'v1', c1);
    expect(await resolveCommit(checkout, 'HEAD')).toEqual({ name: 'HEAD', commit: c2 });
    expect((await resolveCommit(checkout, 'HEAD~1')).commit).toBe(c1);
    // An annotated tag is peeled to its commit.
    expect((await resolveCommit(checkout, 'v1')).commit).toBe(c1);
    expect((await resolveCommit(checkout, 'feature')).commit).toBe(c3);
  });

  it('refuses an unknown revision, and one that looks like an option, in one line', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    await expect(resolveCommit(checkout, 'nope')).rejects.toThrow(/^unknown revision "nope": no commit, branch or tag of that name in .*git log --oneline/);
    await expect(resolveCommit(checkout, '--output=/tmp/x')).rejects.toThrow(/^unknown revision "--output=\/tmp\/x"/);
  });

  it('takes A...B from the merge base, as git diff does', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    const base = await mergeBase(checkout, await resolveCommit(checkout, 'main'), await resolveCommit(checkout, 'feature'));
    expect(base).toBe(c1);
  });

  it('lists a commit\'s tree under the prefix, relative to it', async () => {
    const checkout = await gitCheckoutOf(join(repo.dir, 'itsm'), PURPOSE);
    const entries = await listTree(checkout, c2);
    expect(entries.map((e) => e.path)).toEqual(['itsm.yaml', 'slas/copy.yaml', 'slas/gold.yaml']);
    expect(entries.every((e) => e.type === 'blob' && e.mode === '100644')).toBe(true);
  });

  it('reads many blobs through one cat-file process, in the order asked', async () => {
    const checkout = await gitCheckoutOf(repo.dir, PURPOSE);
    const entries = await listTree(checkout, c2);
    const seen: Array<[string, string]> = [];
    await readBlobs(checkout, entries.map((e) => e.oid), (oid, bytes) => seen.push([oid, bytes.toString('utf8')]));
    expect(seen.map(([, text]) => text)).toEqual(['not itsm\n', 'kind: Config\n', 'gold: 8h\n', 'gold: 4h\n']);
  });

  it('reads a blob larger than a pipe\'s chunk whole', async () => {
    const big = GitFixture.init(join(scratch(), 'big'));
    const text = 'x'.repeat(1_000_000) + '\n';
    big.write({ 'a.yaml': text, 'b.yaml': 'b\n' });
    big.commit('ada', 'Big');
    const checkout = await gitCheckoutOf(big.dir, PURPOSE);
    const entries = await listTree(checkout, 'HEAD');
    const sizes: number[] = [];
    await readBlobs(checkout, entries.map((e) => e.oid), (_, bytes) => sizes.push(bytes.length));
    expect(sizes).toEqual([1_000_001, 2]);
  });

  it('materialises the itsm folder of a commit: its data files and links, nothing else', async () => {
    const links = GitFixture.init(join(scratch(), 'links'));
    links.write({ 'itsm.yaml': 'kind: Config\n', 'notes.txt': 'no\n', 'kb/a.md': '# may be an article\n', 'a/x.yaml': 'x\n', 'u/m.usage.csv': 'c\n', 'c/h.ics': 'BEGIN\n' });
    links.git('add', '--all');
    links.write({});
    const { symlinkSync } = await import('node:fs');
    symlinkSync('a', join(links.dir, 'b'));
    links.commit('ada', 'Links');
    const dest = scratch();
    const checkout = await gitCheckoutOf(links.dir, PURPOSE);
    // Markdown files too: only their front matter says whether they are knowledge articles.
    expect(await materialiseCommit(checkout, links.git('rev-parse', 'HEAD'), dest)).toBe(6);
    expect(readFileSync(join(dest, 'kb', 'a.md'), 'utf8')).toBe('# may be an article\n');
    expect(readFileSync(join(dest, 'a', 'x.yaml'), 'utf8')).toBe('x\n');
    expect(readFileSync(join(dest, 'u', 'm.usage.csv'), 'utf8')).toBe('c\n');
    expect(readlinkSync(join(dest, 'b'))).toBe('a');
    expect(existsSync(join(dest, 'notes.txt'))).toBe(false);
  });

  it('says which data files the working tree changed against a commit (edited, deleted, untracked)', async () => {
    const checkout = await gitCheckoutOf(join(repo.dir, 'itsm'), PURPOSE);
    expect(await workingTreeChanges(checkout, c2)).toEqual([]);
    repo.write({ 'itsm/slas/gold.yaml': 'gold: 2h\n', 'itsm/slas/copy.yaml': null, 'itsm/new.yaml': 'n\n', 'itsm/notes.txt': 'not data\n', 'README.md': 'outside\n' });
    expect(await workingTreeChanges(checkout, c2)).toEqual(['new.yaml', 'slas/copy.yaml', 'slas/gold.yaml']);
    expect(await workingTreeChanges(checkout, c1)).toEqual(['new.yaml', 'slas/copy.yaml', 'slas/gold.yaml']);
    repo.git('checkout', '--quiet', '--', '.');
    repo.write({ 'itsm/new.yaml': null, 'itsm/notes.txt': null });
  });

  it('says what to do outside a git repository', async () => {
    await expect(gitCheckoutOf(scratch(), PURPOSE)).rejects.toThrow(/is not in a git repository; itsm diff compares git revisions \(run `git init`/);
  });

  it('in a shallow clone, says to fetch the history for a revision it left out', async () => {
    const clone = repo.shallowClone(join(scratch(), 'clone'));
    const checkout = await gitCheckoutOf(clone.dir, PURPOSE);
    expect(await isShallow(checkout)).toBe(true);
    await expect(resolveCommit(checkout, 'HEAD~1')).rejects.toThrow('unknown revision "HEAD~1": this is a shallow clone, which leaves out older history: fetch it with `git fetch --unshallow` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)');
  });

  it('says so when the repository has no commit yet', async () => {
    const empty = GitFixture.init(join(scratch(), 'empty'));
    const checkout = await gitCheckoutOf(empty.dir, PURPOSE);
    await expect(resolveCommit(checkout, 'HEAD')).rejects.toThrow('unknown revision "HEAD": the git repository has no commit yet; commit the repository first');
  });
});
