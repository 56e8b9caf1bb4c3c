import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from './decode.js';
import { entryExists } from './read-file.js';

/**
 * The stat-and-hash half of the repository snapshot (repository-snapshot.ts), with nothing of the loader: a warm run
 * whose every file and folder its stat vouches for is answered from here, without loading the walk, the parsers or the
 * schemas (a quarter of a warm `sla report`'s time was spent loading them).
 */

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

/**
 * A folder of the repository as it was before the walk read it. Adding, removing or renaming an entry in a folder
 * changes its modification and change times (POSIX), so while every folder keeps its stat, the walk would list the
 * same files and say the same things about them.
 */
export interface FolderStamp {
  folder: string;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  /** As for FileStamp: changed less than RACY_MS before it was stamped; never vouched for by its stat. */
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
  /**
   * Every folder below the root that the walk could read (hidden folders and node_modules, which it skips, aside),
   * stamped before the walk; absent when the tree holds a symbolic link or a folder that cannot be read (the walk's
   * rules for those depend on more than the folder's own entries), and then the layout is always walked again.
   */
  folders?: FolderStamp[];
}

/** Longer than the coarsest file-system clock in use (FAT's 2 s), with a margin for a file server's clock running behind ours. */
export const RACY_MS = 3000;

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Stats and hashes `file` (repository-relative); undefined when it is not a regular file, too large or unreadable. */
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
    if (isRacy(stats, nowMs)) stamp.racy = true;
    return stamp;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Stamps `files` in order; a file whose stamp in `previous` its stat still vouches for keeps that stamp unread.
 * Undefined when one cannot be stamped.
 */
export function stampFiles(root: string, files: readonly string[], nowMs: number, previous?: RepositorySnapshot): FileStamp[] | undefined {
  const known = new Map((previous?.files ?? []).filter((f) => !f.racy).map((f) => [f.file, f]));
  const stamps: FileStamp[] = [];
  for (const file of files) {
    const stamp = vouchedFor(root, known.get(file)) ?? stampFile(root, file, nowMs);
    if (stamp === undefined) return undefined;
    stamps.push(stamp);
  }
  return stamps;
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

/** Whether the file's stat is still the one `stamp` records (size, both times, inode). */
export function sameStat(stamp: FileStamp, stats: BigIntStats): boolean {
  return (
    stamp.size === Number(stats.size) && stamp.mtimeNs === String(stats.mtimeNs) && stamp.ctimeNs === String(stats.ctimeNs) && stamp.ino === String(stats.ino)
  );
}

/** Whether two stamps of a file are the same in everything they record. */
function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.hash === b.hash && a.racy === b.racy;
}

/** Folders the walk never reads (walk.ts): hidden ones and node_modules. What is inside them cannot change the layout. */
const skippedFolder = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/**
 * Stamps the root and every folder below it that the walk would enter, each before its entries are read. Undefined
 * when the tree holds a symbolic link (the walk follows those by their real path, which no stamp here covers) or a
 * folder that cannot be read.
 */
export function stampFolders(root: string, nowMs: number): FolderStamp[] | undefined {
  const stamps: FolderStamp[] = [];
  const pending = [''];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    try {
      const path = folder === '' ? root : join(root, folder);
      const stats = statSync(path, { bigint: true });
      const stamp: FolderStamp = { folder, mtimeNs: String(stats.mtimeNs), ctimeNs: String(stats.ctimeNs), ino: String(stats.ino) };
      if (isRacy(stats, nowMs)) stamp.racy = true;
      stamps.push(stamp);
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.isSymbolicLink()) return undefined;
        if (entry.isDirectory() && !skippedFolder(entry.name)) pending.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
      }
    } catch {
      return undefined;
    }
  }
  return stamps.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

/** Whether every folder is as stamped and none was racy: then the walk would find what it found when they were stamped. */
function foldersVouchFor(root: string, folders: readonly FolderStamp[]): boolean {
  return folders.every((stamp) => {
    if (stamp.racy) return false;
    try {
      const stats = statSync(stamp.folder === '' ? root : join(root, stamp.folder), { bigint: true });
      return stats.isDirectory() && stamp.mtimeNs === String(stats.mtimeNs) && stamp.ctimeNs === String(stats.ctimeNs) && stamp.ino === String(stats.ino);
    } catch {
      return false;
    }
  });
}

export type Verification =
  | { same: true; snapshot: RepositorySnapshot; restamped: boolean }
  | { same: false };

/**
 * Checks the files of `recorded` against the repository at `root`, for a layout already known to be the recorded one.
 * The stat of each file is compared first; only a file whose size, times or inode differ (a checkout that rewrote it,
 * a touch) or that was racy is read and hashed, and it is the same if its hash is. The probes (paths a calendar names
 * that the walk does not list) must still exist or not as recorded.
 */
export function verifyFiles(root: string, recorded: RepositorySnapshot, nowMs: number, folders: FolderStamp[] | undefined): Verification {
  for (const p of recorded.probes) if (entryExists(join(root, p.path)) !== p.exists) return { same: false };
  let restamped = false;
  const files: FileStamp[] = [];
  for (const stamp of recorded.files) {
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
  const snapshot: RepositorySnapshot = { layout: recorded.layout, probes: recorded.probes, files };
  if (folders !== undefined) snapshot.folders = folders;
  restamped ||= JSON.stringify(folders) !== JSON.stringify(recorded.folders);
  return { same: true, snapshot, restamped };
}

/**
 * verifySnapshot's answer when the recorded folder stamps vouch for the layout (no folder gained, lost or renamed an
 * entry), found with a stat per folder and per file; undefined when they cannot vouch (a folder changed or was racy,
 * or none were recorded), and then only a walk can tell (repository-snapshot.ts).
 */
export function verifyByStat(root: string, recorded: RepositorySnapshot, nowMs: number): Verification | undefined {
  if (recorded.folders === undefined || !foldersVouchFor(root, recorded.folders)) return undefined;
  return verifyFiles(root, recorded, nowMs, recorded.folders);
}

/** A hash of the whole repository: its layout, probes and the content of every file (not their stats, nor the folders'). */
export function snapshotDigest(snapshot: RepositorySnapshot): string {
  const hash = createHash('sha256').update(snapshot.layout).update('\u0000');
  for (const p of snapshot.probes) hash.update(`${p.path}\u0000${p.exists ? 1 : 0}\u0000`);
  for (const f of snapshot.files) hash.update(`${f.file}\u0000${f.hash}\u0000`);
  return hash.digest('hex');
}

/** Records which of `paths` exist, for the snapshot's probes. */
export function probe(root: string, paths: Iterable<string>): Probe[] {
  return [...new Set(paths)].sort().map((path) => ({ path, exists: entryExists(join(root, path)) }));
}

function isRacy(stats: BigIntStats, nowMs: number): boolean {
  const changedMs = Number((stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs) / 1_000_000n);
  return changedMs > nowMs - RACY_MS;
}
