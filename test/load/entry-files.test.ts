import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileCache } from '../../src/load/cache.js';
import type { FileResult } from '../../src/load/file-result.js';
import { fileKey, pruneEntries } from '../../src/load/entry-files.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const folder = scratchFolders('itsm-entries-').empty;

describe('folders of entries per file', () => {
  it('names an entry by its path hashed: the same path the same name, 32 hex digits whatever the path holds', () => {
    expect(fileKey('tickets/2026-01.yaml')).toBe(fileKey('tickets/2026-01.yaml'));
    expect(fileKey('tickets/2026-01.yaml')).not.toBe(fileKey('tickets/2026-02.yaml'));
    expect(fileKey('../a/b c/é:*?.yaml')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('removes the entries that are not live, and only what it is told is an entry', () => {
    const dir = folder();
    for (const name of ['a.bin', 'b.bin', 'c.bin', 'notes.txt']) writeFileSync(join(dir, name), 'x');
    pruneEntries(dir, new Set(['b.bin']), (name) => name.endsWith('.bin'));
    // a and c are entries of files that are gone; notes.txt is no entry.
    expect(readdirSync(dir).sort()).toEqual(['b.bin', 'notes.txt']);
    pruneEntries(dir, new Set());
    expect(readdirSync(dir)).toEqual([]);
  });

  it('has nothing to prune in a folder that does not exist', () => {
    const dir = join(folder(), 'none');
    expect(() => pruneEntries(dir, new Set())).not.toThrow();
    expect(existsSync(dir)).toBe(false);
  });

  it("drops the parse cache's entries of files that are no longer in the repository, and nothing else", () => {
    const dir = folder();
    const cache = new FileCache(dir, 'code');
    const result: FileResult = { documents: [], diagnostics: [], rejected: [] };
    cache.set('services/a.yaml', 'hash-a', result);
    cache.set('services/b.yaml', 'hash-b', result);
    mkdirSync(join(dir, 'repository'));
    writeFileSync(join(dir, 'README'), 'x');
    cache.prune(['services/b.yaml']);
    expect(cache.get('services/a.yaml', 'hash-a')).toBeUndefined();
    expect(cache.get('services/b.yaml', 'hash-b')).toEqual(result);
    // The results cache's folder and any other file are not parse entries.
    expect(existsSync(join(dir, 'repository'))).toBe(true);
    expect(existsSync(join(dir, 'README'))).toBe(true);
  });
});
