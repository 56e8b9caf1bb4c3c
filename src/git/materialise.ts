import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readBlobs } from './blobs.js';
import type { GitCheckout } from './repository.js';
import { listTree } from './tree.js';
import { mayBeRead } from './worktree.js';

/**
 * Writes the itsm repository as it is at `commit` into the empty folder `dest`, so that the loader reads it exactly as
 * it reads a working tree: the files it could read (YAML, usage CSV, iCalendar) with their bytes, and symbolic links
 * as links (the loader decides whether to follow them). Submodules and other files are left out. Returns the number
 * of files written.
 */
export async function materialiseCommit(checkout: GitCheckout, commit: string, dest: string): Promise<number> {
  const entries = (await listTree(checkout, commit)).filter((e) => e.type === 'blob' && (e.mode === '120000' || mayBeRead(e.path)));
  const pathsOf = new Map<string, string[]>();
  for (const e of entries) pathsOf.set(e.oid, [...(pathsOf.get(e.oid) ?? []), e.path]);
  const modeOf = new Map(entries.map((e) => [e.path, e.mode]));
  const made = new Set<string>();
  const write = (path: string, bytes: Buffer) => {
    const target = join(dest, ...path.split('/'));
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    if (modeOf.get(path) === '120000') symlinkSync(bytes.toString('utf8'), target);
    else writeFileSync(target, bytes);
  };
  // Identical files share one blob: it is asked for once and written under each of its names.
  await readBlobs(checkout, [...pathsOf.keys()], (oid, bytes) => {
    for (const path of pathsOf.get(oid) ?? []) write(path, bytes);
  });
  return entries.length;
}
