import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import type { FileResult } from './file-result.js';
import { fileKey, pruneEntries } from './entry-files.js';

/** Each entry is gzip-compressed JSON; `.json` files are entries of the earlier, uncompressed format (pruned). */
const ENTRY_SUFFIX = '.json.gz';

/** The start of an entry's JSON: its key, in the order `set` writes it. */
function entryHead(fingerprint: string, file: string, hash: string): string {
  return `{"fingerprint":${JSON.stringify(fingerprint)},"file":${JSON.stringify(file)},"hash":${JSON.stringify(hash)},`;
}

/** Bumped whenever the shape of a cache entry changes. */
const CACHE_FORMAT = 3;

/**
 * A cache of each file's parse and schema results, keyed by the file's content (like eslint --cache), so that an
 * unchanged repository loads at JSON speed. An entry is used only when the file's path, the SHA-256 of its bytes and
 * the fingerprint of the code that produced it all match: changed data or a changed itsm never reads a stale entry.
 * Cross-document rules are never cached; they always run on the whole repository.
 */
export class FileCache {
  private readonly dir: string;
  private readonly fingerprint: string;
  hits = 0;
  misses = 0;

  get directory(): string {
    return this.dir;
  }

  get fingerprintValue(): string {
    return this.fingerprint;
  }

  constructor(dir: string, fingerprint: string = codeFingerprint()) {
    this.dir = dir;
    this.fingerprint = fingerprint;
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  get(file: string, hash: string): FileResult | undefined {
    try {
      const bytes = readFileSync(this.entryPath(file));
      // An entry starts with its key, as `set` writes it: the entry of an edited file (a month of tickets is 5.7 MB
      // of JSON) is told apart by inflating its first bytes only.
      const head = Buffer.from(entryHead(this.fingerprint, file, hash));
      const start = gunzipSync(bytes.subarray(0, head.length + 1024), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      if (!start.subarray(0, head.length).equals(head)) throw new Error('another entry');
      const entry = JSON.parse(gunzipSync(bytes).toString('utf8')) as { fingerprint?: unknown; file?: unknown; hash?: unknown; result?: FileResult };
      if (entry.fingerprint === this.fingerprint && entry.file === file && entry.hash === hash && entry.result) {
        this.hits++;
        for (const doc of entry.result.documents) doc.checked = true;
        return entry.result;
      }
    } catch {
      // A missing, unreadable or corrupt entry is a miss.
    }
    this.misses++;
    return undefined;
  }

  set(file: string, hash: string, result: FileResult): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const path = this.entryPath(file);
      const temp = `${path}.${process.pid}.tmp`;
      // gzip at its fastest level: a month of tickets is 5.7 MB of JSON and 0.66 MB stored (the cache stays far smaller
      // than the YAML it covers), for 67 ms to write and 35 ms to read back.
      writeFileSync(temp, gzipSync(`${entryHead(this.fingerprint, file, hash)}"result":${JSON.stringify(result)}}`, { level: 1 }));
      renameSync(temp, path);
    } catch {
      // The cache is an optimisation: failing to write it must never fail the command.
    }
  }

  /** Removes entries for files that no longer exist, so the cache does not grow without bound. */
  prune(liveFiles: readonly string[]): void {
    const live = new Set(liveFiles.map((f) => `${fileKey(f)}${ENTRY_SUFFIX}`));
    pruneEntries(this.dir, live, (name) => name.endsWith(ENTRY_SUFFIX) || name.endsWith('.json'));
  }

  private entryPath(file: string): string {
    return join(this.dir, `${fileKey(file)}${ENTRY_SUFFIX}`);
  }
}

/**
 * A hash of the code whose output is cached (the model, the schema check and its compiled fast path, the YAML parsing
 * and position logic), so that an upgraded or rebuilt itsm never trusts entries written by another version.
 */
export function codeFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\n`);
  for (const file of fingerprintedFiles()) {
    try {
      hash.update(file.slice(here.length)).update(readFileSync(file));
    } catch {
      hash.update(`${file} missing`);
    }
  }
  return hash.digest('hex');
}

/** The files `codeFingerprint` hashes, sorted. */
export function fingerprintedFiles(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = extname(fileURLToPath(import.meta.url));
  const files = [
    ...listDir(join(here, '..', 'model')).filter((f) => f.endsWith(ext)),
    join(here, '..', 'validate', `schema${ext}`),
    join(here, '..', 'validate', `zod-issues${ext}`),
    join(here, '..', 'validate', `fast-formats${ext}`),
    join(here, '..', 'validate', 'compiled', `documents${ext}`),
    join(here, `parse-yaml${ext}`),
    join(here, `plain-yaml${ext}`),
    join(here, `positions${ext}`),
    join(here, `file-result${ext}`),
  ];
  return files.sort();
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}
