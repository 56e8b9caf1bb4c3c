import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyByStat } from '../../src/load/file-stamps.js';
import { takeSnapshot, verifySnapshot } from '../../src/load/repository-snapshot.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const folders = scratchFolders('itsm-stamps-');
const TICKETS = 'tickets/2026/2026-08.yaml';
/** Stamped as if long after the files were written, so that no stamp is racy and the stat alone vouches for them. */
const LATER = () => Date.now() + 3_600_000;

function snapshotOf(root: string) {
  const snapshot = takeSnapshot(root, LATER())!;
  expect(snapshot.folders).toBeDefined();
  expect(snapshot.folders!.every((f) => f.racy === undefined)).toBe(true);
  return snapshot;
}

describe('the folders vouch for the layout (a warm run without the walk)', () => {
  it('answers from the stat alone on an unchanged repository, as the walk does', () => {
    const root = folders.copyOf('examples/acme');
    const snapshot = snapshotOf(root);
    expect(snapshot.folders!.map((f) => f.folder)).toContain('tickets/2026');
    const quick = verifyByStat(root, snapshot, Date.now());
    expect(verifySnapshot(root, snapshot, Date.now()).same).toBe(true);
    expect(quick).toEqual({ same: true, snapshot, restamped: false });
  });

  it('says a content change is a change, without the walk', () => {
    const root = folders.copyOf('examples/acme');
    const snapshot = snapshotOf(root);
    const file = join(root, TICKETS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: ', 'title:_'));
    expect(verifyByStat(root, snapshot, Date.now())).toEqual({ same: false });
  });

  it('cannot vouch once a folder gained, lost or renamed an entry: the walk decides', () => {
    const changes: ((root: string) => void)[] = [
      (root) => writeFileSync(join(root, 'tickets', '2026', '2026-13.yaml'), ''),
      (root) => rmSync(join(root, TICKETS)),
      (root) => renameSync(join(root, TICKETS), join(root, 'tickets', '2026', 'august.yaml')),
      (root) => mkdirSync(join(root, 'tickets', '2027')),
      // A file the walk does not list still changes its folder: never a wrong answer, only a walk.
      (root) => writeFileSync(join(root, 'tickets', 'notes.txt'), 'x'),
    ];
    for (const change of changes) {
      const root = folders.copyOf('examples/acme');
      const snapshot = snapshotOf(root);
      change(root);
      expect(verifyByStat(root, snapshot, Date.now())).toBeUndefined();
    }
  });

  it('ignores hidden folders and node_modules, which the walk never reads', () => {
    const root = folders.copyOf('examples/acme');
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'node_modules'));
    const snapshot = snapshotOf(root);
    expect(snapshot.folders!.map((f) => f.folder).filter((f) => f.startsWith('.') || f.startsWith('node_modules'))).toEqual([]);
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(root, 'node_modules', 'x.yaml'), 'a: 1\n');
    expect(verifyByStat(root, snapshot, Date.now())?.same).toBe(true);
  });

  it('records no folders when the tree holds a symbolic link, nor vouches for racy folders', () => {
    const linked = folders.copyOf('examples/acme');
    symlinkSync(join(linked, 'tickets'), join(linked, 'more-tickets'));
    const withLink = takeSnapshot(linked, LATER())!;
    expect(withLink.folders).toBeUndefined();
    expect(verifyByStat(linked, withLink, Date.now())).toBeUndefined();
    const fresh = folders.copyOf('examples/acme');
    // Stamped now, just after the copy was written: a write in the same clock tick would not show in the stat.
    const racy = takeSnapshot(fresh, Date.now())!;
    expect(racy.folders!.some((f) => f.racy === true)).toBe(true);
    expect(verifyByStat(fresh, racy, Date.now())).toBeUndefined();
  });
});
