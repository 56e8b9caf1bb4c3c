import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintedFiles } from '../../src/load/cache.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('the code fingerprint of the file cache', () => {
  const files = fingerprintedFiles().map((file) => relative(REPO_ROOT, file));

  it('covers the compiled validator and its formats: they decide which documents a cached file result keeps', () => {
    expect(files).toEqual(expect.arrayContaining(['src/validate/schema.ts', 'src/validate/fast-formats.ts', 'src/validate/compiled/documents.ts']));
  });

  it('names only files that exist', () => {
    expect(files.filter((file) => !existsSync(`${REPO_ROOT}/${file}`))).toEqual([]);
  });
});
