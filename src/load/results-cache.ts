import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/file-writer.js';
import type { RepositorySnapshot } from './repository-snapshot.js';

/** Bumped whenever the shape of what is stored here changes. */
const RESULTS_FORMAT = 1;

const fileStampSchema = z.object({
  file: z.string(),
  size: z.number(),
  mtimeNs: z.string(),
  ctimeNs: z.string(),
  ino: z.string(),
  hash: z.string(),
  racy: z.literal(true).optional(),
});

const snapshotSchema = z.object({
  layout: z.string(),
  probes: z.array(z.object({ path: z.string(), exists: z.boolean() })),
  files: z.array(fileStampSchema),
});

const envelopeSchema = z.object({ format: z.literal(RESULTS_FORMAT), fingerprint: z.string(), key: z.string(), value: z.unknown() });

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
 * gives. Every entry is checked against its schema when read: a missing, corrupt, truncated or foreign entry is a miss,
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
    if (value === undefined) return undefined;
    const checked = snapshotSchema.safeParse(value);
    // The value as read, not zod's copy: same content, and no second walk over thousands of stamps.
    return checked.success ? (value as RepositorySnapshot) : undefined;
  }

  writeSnapshot(snapshot: RepositorySnapshot): void {
    this.write('snapshot', 'snapshot', snapshot);
  }

  /** The result stored as `name` under `key`, if it has the shape `schema` says. */
  readResult<T>(name: string, key: string, schema: z.ZodType<T>): T | undefined {
    const value = this.read(name, key);
    if (value === undefined) return undefined;
    // Checked, but the parsed JSON itself is returned: zod's copy would order keys by the schema, and what is printed
    // from the result must be byte for byte what a run without the cache prints.
    return schema.safeParse(value).success ? (value as T) : undefined;
  }

  writeResult(name: string, key: string, value: unknown): void {
    this.write(name, key, value);
  }

  private read(name: string, key: string): unknown {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.pathOf(name), 'utf8'));
    } catch {
      return undefined;
    }
    const envelope = envelopeSchema.safeParse(parsed);
    if (!envelope.success || envelope.data.fingerprint !== this.fingerprint || envelope.data.key !== key) return undefined;
    return (parsed as { value: unknown }).value;
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
