import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileCache } from './cache.js';
import { sameStat, stampFiles, stampFolders, verifyFiles, type FileStamp, type RepositorySnapshot, type Verification } from './file-stamps.js';
import { planLoad } from './load-repository.js';

export { probe, RACY_MS, snapshotDigest, type FileStamp, type FolderStamp, type Probe, type RepositorySnapshot, type Verification } from './file-stamps.js';

/**
 * Walks the repository and stamps every file it lists (stat, then SHA-256 of the bytes), as the loader would find it,
 * and every folder (before the walk: see FolderStamp). A file whose stamp in `previous` its stat still vouches for
 * (as in verifySnapshot) keeps that stamp unread: after one month's file was edited, only that file is hashed.
 * Undefined when a file cannot be stamped (not a regular file, too large, unreadable): such a repository is always
 * loaded, so whatever the loader says about it is said afresh.
 */
export function takeSnapshot(root: string, nowMs: number, previous?: RepositorySnapshot, cache?: FileCache): RepositorySnapshot | undefined {
  const folders = stampFolders(root, nowMs);
  const layout = layoutOf(root, cache);
  const files = stampFiles(root, layout.files, nowMs, previous);
  if (files === undefined) return undefined;
  const snapshot: RepositorySnapshot = { layout: layout.json, probes: [], files };
  if (folders !== undefined) snapshot.folders = folders;
  return snapshot;
}

/**
 * Whether the repository is still what `recorded` says, walking it again (file-stamps.ts's verifyByStat answers
 * without a walk when the folders vouch for the layout). A file added, removed or renamed, a changed itsm.yaml (its
 * exclusions) or a changed probe is a change; a file whose stat changed is read and hashed, and it is the same if its
 * hash is. When some files were hashed or the folders stamped anew, `snapshot` holds their new stamps (`restamped`),
 * so that the next check needs only their stat.
 */
export function verifySnapshot(root: string, recorded: RepositorySnapshot, nowMs: number, cache?: FileCache): Verification {
  const folders = stampFolders(root, nowMs);
  const layout = layoutOf(root, cache);
  if (layout.json !== recorded.layout || layout.files.length !== recorded.files.length) return { same: false };
  if (recorded.files.some((stamp, i) => layout.files[i] !== stamp.file)) return { same: false };
  return verifyFiles(root, recorded, nowMs, folders);
}

/**
 * Whether nothing changed since `snapshot` was taken, judged by the stat alone: taken before a load and checked after
 * it, this says that the loader read the bytes the snapshot hashed (up to the racy files, which are always hashed).
 */
export function unchangedSince(root: string, snapshot: RepositorySnapshot, cache?: FileCache): boolean {
  const layout = layoutOf(root, cache);
  if (layout.json !== snapshot.layout) return false;
  return snapshot.files.every((stamp: FileStamp) => {
    try {
      return sameStat(stamp, statSync(join(root, stamp.file), { bigint: true }));
    } catch {
      return false;
    }
  });
}

/**
 * What planLoad finds: its file lists and its problems. With the per-file cache, itsm.yaml is read from it (its
 * exclusions are what the walk needs; checking the Config's time zone alone costs more than the rest of the check).
 */
function layoutOf(root: string, cache?: FileCache): { json: string; files: string[] } {
  const plan = planLoad(root, cache ? { cache } : {});
  const files = [...plan.loaded.files, ...plan.yamlFiles, ...plan.usageCsvFiles, ...plan.icsFiles];
  const json = JSON.stringify({
    read: plan.loaded.files,
    yaml: plan.yamlFiles,
    usageCsv: plan.usageCsvFiles,
    ics: plan.icsFiles,
    diagnostics: plan.loaded.diagnostics,
  });
  return { json, files };
}
