import { FileCache } from './cache.js';
import type { FileResult } from './file-result.js';

/**
 * A FileCache that lives only in this process's memory, for loading two versions of one repository in a row (`itsm
 * diff`): a file identical in both (same path, same bytes) is parsed and schema-checked once, and the second load
 * takes the very same result. Sharing the objects is safe because loading and validation never modify a document
 * (checkSchemas keeps each document as it was parsed). Nothing is written to disk; the parallel loader keeps the
 * results its threads send back here (they cannot reach this memory).
 */
export class MemoryFileCache extends FileCache {
  private readonly entries = new Map<string, FileResult>();

  constructor() {
    // No directory and no code fingerprint: the entries never outlive the code that made them.
    super('', 'memory');
  }

  override get(file: string, hash: string): FileResult | undefined {
    const result = this.entries.get(`${hash}\u0000${file}`);
    if (result) this.hits++;
    else this.misses++;
    return result;
  }

  override set(file: string, hash: string, result: FileResult): void {
    this.entries.set(`${hash}\u0000${file}`, result);
  }

  /** Both loads keep what they read: the other may still want it. */
  override prune(): void {}
}
