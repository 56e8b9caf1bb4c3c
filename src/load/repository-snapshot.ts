import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import type { FileCache } from './cache.js';
import { MAX_FILE_BYTES } from './decode.js';
import { planLoad } from './load-repository.js';
import { entryExists } from './read-file.js';

/**
 * A file of the repository as it was when its content was hashed. The stat is taken on the open descriptor before the
 * bytes are read, so a later write always shows in it, except within one tick of a coarse file-system clock (see racy).
 */
export interface FileStamp {
  file: string;
  size: number;
  mtimeNs: string;
  ctimeNs: string;
  /** A rename over the file, or a link pointed elsewhere, changes it even when size and times happen to match. */
  ino: string;
  /** SHA-256 of the bytes. */
  hash: string;
  /**
   * Changed less than RACY_MS before it was stamped: a write in the same clock tick would leave the stat as it is
   * (git's "racily clean" entries), so this file's content is always hashed, never vouched for by its stat.
   */
  racy?: true;
}

/** A path a calendar names that the walk did not list: whether something is there changes what validate says. */
export interface Probe {
  path: string;
  exists: boolean;
}

/** Everything a repository is made of that can change what itsm says about it. */
export interface RepositorySnapshot {
  /** What the walk found and said (the file lists, the problems of the walk and of itsm.yaml), as JSON. */
  layout: string;
  probes: Probe[];
  /** Every file the walk lists (itsm.yaml, YAML, usage CSV, iCalendar), in the walk's order. */
  files: FileStamp[];
}

/** Longer than the coarsest file-system clock in use (FAT's 2 s), with a margin for a file server's clock running behind ours. */
export const RACY_MS = 3000;

/**
 * Walks the repository and stamps every file it lists (stat, then SHA-256 of the bytes), as the loader would find it.
 * A file whose stamp in `previous` its stat still vouches for (as in verifySnapshot) keeps that stamp unread: after
 * one month's file was edited, only that file is hashed. Undefined when a file cannot be stamped (not a regular file,
 * too large, unreadable): such a repository is always loaded, so whatever the loader says about it is said afresh.
 */
export function takeSnapshot(root: string, nowMs: number, previous?: RepositorySnapshot, cache?: FileCache): RepositorySnapshot | undefined {
  const layout = layoutOf(root, cache);
  const known = new Map((previous?.files ?? []).filter((f) => !f.racy).map((f) => [f.file, f]));
  const files: FileStamp[] = [];
  for (const file of layout.files) {
    const stamp = vouchedFor(root, known.get(file)) ?? stampFile(root, file, nowMs);
    if (stamp === undefined) return undefined;
    files.push(stamp);
  }
  return { layout: layout.json, probes: [], files };
}

/** Records which of `paths` exist, for the snapshot's probes. */
export function probe(root: string, paths: Iterable<string>): Probe[] {
  return [...new Set(paths)].sort().map((path) => ({ path, exists: entryExists(join(root, path)) }));
}

export type Verification =
  | { same: true; snapshot: RepositorySnapshot; restamped: boolean }
  | { same: false };

/**
 * Whether the repository is still what `recorded` says. The stat of each file is compared first; only a file whose
 * size, times or inode differ (a checkout that rewrote it, a touch) or that was racy is read and hashed, and it is the
 * same if its hash is. A file added, removed or renamed, a changed itsm.yaml (its exclusions) or a changed probe is a
 * change. When some files were hashed, `snapshot` holds their new stamps (`restamped`), so that the next check needs
 * only their stat.
 */
export function verifySnapshot(root: string, recorded: RepositorySnapshot, nowMs: number, cache?: FileCache): Verification {
  const layout = layoutOf(root, cache);
  if (layout.json !== recorded.layout || layout.files.length !== recorded.files.length) return { same: false };
  for (const p of recorded.probes) if (entryExists(join(root, p.path)) !== p.exists) return { same: false };
  let restamped = false;
  const files: FileStamp[] = [];
  for (const [i, stamp] of recorded.files.entries()) {
    if (layout.files[i] !== stamp.file) return { same: false };
    let stats: BigIntStats;
    try {
      stats = statSync(join(root, stamp.file), { bigint: true });
    } catch {
      return { same: false };
    }
    if (!stamp.racy && sameStat(stamp, stats)) {
      files.push(stamp);
      continue;
    }
    const now = stampFile(root, stamp.file, nowMs);
    if (now === undefined || now.hash !== stamp.hash) return { same: false };
    files.push(now);
    restamped ||= !sameStamp(now, stamp);
  }
  return { same: true, snapshot: { layout: recorded.layout, probes: recorded.probes, files }, restamped };
}

/**
 * Whether nothing changed since `snapshot` was taken, judged by the stat alone: taken before a load and checked after
 * it, this says that the loader read the bytes the snapshot hashed (up to the racy files, which are always hashed).
 */
export function unchangedSince(root: string, snapshot: RepositorySnapshot, cache?: FileCache): boolean {
  const layout = layoutOf(root, cache);
  if (layout.json !== snapshot.layout) return false;
  return snapshot.files.every((stamp) => {
    try {
      return sameStat(stamp, statSync(join(root, stamp.file), { bigint: true }));
    } catch {
      return false;
    }
  });
}

/** A hash of the whole repository: its layout, probes and the content of every file (not their stats). */
export function snapshotDigest(snapshot: RepositorySnapshot): string {
  const hash = createHash('sha256').update(snapshot.layout).update('\u0000');
  for (const p of snapshot.probes) hash.update(`${p.path}\u0000${p.exists ? 1 : 0}\u0000`);
  for (const f of snapshot.files) hash.update(`${f.file}\u0000${f.hash}\u0000`);
  return hash.digest('hex');
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

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function stampFile(root: string, file: string, nowMs: number): FileStamp | undefined {
  let fd: number;
  try {
    fd = openSync(join(root, file), OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isFile() || stats.size > BigInt(MAX_FILE_BYTES)) return undefined;
    const hash = createHash('sha256').update(readFileSync(fd)).digest('hex');
    const stamp: FileStamp = { file, size: Number(stats.size), mtimeNs: String(stats.mtimeNs), ctimeNs: String(stats.ctimeNs), ino: String(stats.ino), hash };
    const changedMs = Number((stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs) / 1_000_000n);
    if (changedMs > nowMs - RACY_MS) stamp.racy = true;
    return stamp;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `stamp` if the file's stat is still the one it records, else undefined. */
function vouchedFor(root: string, stamp: FileStamp | undefined): FileStamp | undefined {
  if (stamp === undefined) return undefined;
  try {
    return sameStat(stamp, statSync(join(root, stamp.file), { bigint: true })) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

function sameStat(stamp: FileStamp, stats: BigIntStats): boolean {
  return (
    stamp.size === Number(stats.size) && stamp.mtimeNs === String(stats.mtimeNs) && stamp.ctimeNs === String(stats.ctimeNs) && stamp.ino === String(stats.ino)
  );
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.hash === b.hash && a.racy === b.racy;
}
