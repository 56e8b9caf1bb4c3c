import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pruneEntries } from './entry-files.js';
import { openAtomicFile, writeFileAtomic } from '../fs/file-writer.js';
import type { FileStamp, FolderStamp, RepositorySnapshot } from './file-stamps.js';

/** Bumped whenever the shape of what is stored here changes. */
const RESULTS_FORMAT = 1;

/** The first bytes of an entry written by writeBytes: anything else in its place is not one. */
const BYTES_MAGIC = Buffer.from('itsm results\n', 'utf8');

/**
 * The checks of what is read back are written by hand, not with zod: a warm run loads no schema library (zod alone
 * costs more to load than the rest of such a run's check), and these shapes are itsm's own, never a user's.
 */
const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `value` is an array every item of which `item` accepts. */
export function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.every((v) => item(v));
}

function isFileStamp(v: unknown): v is FileStamp {
  return (
    isObject(v) &&
    isString(v.file) &&
    typeof v.size === 'number' &&
    isString(v.mtimeNs) &&
    isString(v.ctimeNs) &&
    isString(v.ino) &&
    isString(v.hash) &&
    (v.racy === undefined || v.racy === true)
  );
}

function isFolderStamp(v: unknown): v is FolderStamp {
  return isObject(v) && isString(v.folder) && isString(v.mtimeNs) && isString(v.ctimeNs) && isString(v.ino) && (v.racy === undefined || v.racy === true);
}

function isSnapshot(v: unknown): v is RepositorySnapshot {
  return (
    isObject(v) &&
    isString(v.layout) &&
    isArrayOf(v.probes, (p): p is { path: string; exists: boolean } => isObject(p) && isString(p.path) && typeof p.exists === 'boolean') &&
    isArrayOf(v.files, isFileStamp) &&
    (v.folders === undefined || isArrayOf(v.folders, isFolderStamp))
  );
}

/**
 * The results of whole-repository computations, kept in `repository/` under the cache folder beside the per-file
 * entries of FileCache:
 *
 * - `snapshot.json`: the stamp of every file (repository-snapshot.ts), so that the next run learns whether anything
 *   changed, and the hash of each file, from a stat per file;
 * - `<name>.json`: one result per name, stored under a key (for `validate`, the digest of the whole snapshot), used
 *   only when the key and the fingerprint of the code match.
 *
 * Results keyed by one file's hash and a fingerprint of the definitions they depend on (`sla report`'s measured clocks
 * of one month's tickets) belong here too, as further names under the same folder, read with the hashes the snapshot
 * gives. Every entry is checked for its shape when read: a missing, corrupt, truncated or foreign entry is a miss,
 * never an error; writes are atomic, and a failed write is ignored (the cache only ever saves time).
 */
export class ResultsCache {
  readonly directory: string;
  readonly fingerprint: string;

  constructor(cacheDirectory: string, fingerprint: string = codeFingerprint()) {
    this.directory = join(cacheDirectory, 'repository');
    this.fingerprint = fingerprint;
  }

  readSnapshot(): RepositorySnapshot | undefined {
    const value = this.read('snapshot', 'snapshot');
    return isSnapshot(value) ? value : undefined;
  }

  writeSnapshot(snapshot: RepositorySnapshot): void {
    this.write('snapshot', 'snapshot', snapshot);
  }

  /** The result stored as `name` under `key` (under any key when undefined), if `shape` accepts it (the parsed JSON itself, as read). */
  readResult<T>(name: string, key: string | undefined, shape: (value: unknown) => value is T): T | undefined {
    const value = this.read(name, key);
    return value !== undefined && shape(value) ? value : undefined;
  }

  writeResult(name: string, key: string, value: unknown): void {
    this.write(name, key, value);
  }

  /**
   * The bytes stored as `name` under `key` (under any key when undefined) with writeBytes, and the JSON header written
   * with them; undefined when missing, foreign or damaged (the header is checked here, the bytes by the caller).
   */
  readBytes(name: string, key: string | undefined): { header: Record<string, unknown>; bytes: Uint8Array } | undefined {
    try {
      const file = readFileSync(join(this.directory, `${name}.bin`));
      if (file.length < BYTES_MAGIC.length + 4 || !file.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)) return undefined;
      const headerLength = file.readUInt32LE(BYTES_MAGIC.length);
      const start = BYTES_MAGIC.length + 4;
      if (start + headerLength > file.length) return undefined;
      const parsed: unknown = JSON.parse(file.toString('utf8', start, start + headerLength));
      if (!isObject(parsed) || parsed.format !== RESULTS_FORMAT || parsed.fingerprint !== this.fingerprint || (key !== undefined && parsed.key !== key) || !isObject(parsed.header)) return undefined;
      return { header: parsed.header, bytes: file.subarray(start + headerLength) };
    } catch {
      return undefined;
    }
  }

  /**
   * Stores `parts` as `name` under `key`, with a small JSON header, in one file written atomically: results that are
   * mostly numbers (the kept clocks' typed arrays) are read back without JSON or base64 (a fifth of a warm report).
   * The parts begin at a multiple of 8 bytes in the file.
   */
  writeBytes(name: string, key: string, header: Record<string, unknown>, parts: readonly Uint8Array[]): void {
    let file;
    try {
      file = openAtomicFile(join(this.directory, `${name}.bin`));
    } catch {
      return;
    }
    try {
      const json = JSON.stringify({ format: RESULTS_FORMAT, fingerprint: this.fingerprint, key, header });
      // Spaces after the JSON, so that the bytes begin at a multiple of 8 in the file: typed arrays can then be views
      // of the buffer the file is read into, not copies.
      const unpadded = BYTES_MAGIC.length + 4 + Buffer.byteLength(json, 'utf8');
      const head = Buffer.from(json + ' '.repeat((8 - (unpadded % 8)) % 8), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(head.length);
      file.write(BYTES_MAGIC);
      file.write(length);
      file.write(head);
      for (const part of parts) file.write(part);
      file.commit();
    } catch {
      file.abort();
    }
  }

  /** Removes the bytes stored as `name` (writeBytes), if any: an entry no run reads any more. */
  removeBytes(name: string): void {
    try {
      rmSync(join(this.directory, `${name}.bin`), { force: true });
    } catch {
      // Nothing to remove.
    }
  }

  /**
   * Removes the entries of `folder` (entries named `folder/<name>`) whose name is not in `live`, so that a folder of
   * entries per file does not grow without bound.
   */
  prune(folder: string, live: ReadonlySet<string>): void {
    pruneEntries(join(this.directory, folder), new Set([...live].map((name) => `${name}.bin`)));
  }

  private read(name: string, key: string | undefined): unknown {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.pathOf(name), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isObject(parsed) || parsed.format !== RESULTS_FORMAT || parsed.fingerprint !== this.fingerprint || (key !== undefined && parsed.key !== key)) return undefined;
    return parsed.value;
  }

  private write(name: string, key: string, value: unknown): void {
    try {
      writeFileAtomic(this.pathOf(name), JSON.stringify({ format: RESULTS_FORMAT, fingerprint: this.fingerprint, key, value }));
    } catch {
      // The cache is an optimisation: failing to write it must never fail the command.
    }
  }

  private pathOf(name: string): string {
    return join(this.directory, `${name}.json`);
  }
}

/**
 * A hash of all of itsm's code and of the Node.js that runs it (its ICU time-zone data decides which zones exist):
 * a result depends on every rule, so any rebuilt, upgraded or patched itsm recomputes rather than trusting an entry.
 */
export function codeFingerprint(): string {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const codeRoot = join(dirname(here), '..');
  const hash = createHash('sha256').update(`results format ${RESULTS_FORMAT}\n${process.version}\n${JSON.stringify(process.versions)}\n`);
  for (const file of codeFiles(codeRoot, ext)) {
    try {
      hash.update(file.slice(codeRoot.length)).update('\u0000').update(readFileSync(file)).update('\u0000');
    } catch {
      hash.update(`${file} unreadable\u0000`);
    }
  }
  return hash.digest('hex');
}

function codeFiles(dir: string, ext: string): string[] {
  const files: string[] = [];
  const pending = [dir];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.name.endsWith(ext) && !entry.name.endsWith(`.d${ext}`)) files.push(path);
    }
  }
  return files.sort();
}
