import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The name of a file's entry in a folder of entries per file: its path hashed, so any path makes a valid name. */
export function fileKey(file: string): string {
  return createHash('sha256').update(file).digest('hex').slice(0, 32);
}

/**
 * Removes the entries of `directory` that `live` does not name, so that a folder of entries per file does not grow
 * without bound. Only names `isEntry` accepts are entries; a folder that cannot be read has nothing to prune.
 */
export function pruneEntries(directory: string, live: ReadonlySet<string>, isEntry: (name: string) => boolean = () => true): void {
  try {
    for (const name of readdirSync(directory)) if (isEntry(name) && !live.has(name)) rmSync(join(directory, name), { force: true });
  } catch {
    // Nothing to prune.
  }
}
