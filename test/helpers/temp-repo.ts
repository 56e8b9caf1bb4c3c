import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from './cli.js';

/** A symbolic link to create instead of a file; `target` is written into the link as given (relative or absolute). */
export interface Symlink {
  symlink: string;
}

/** What goes at one repository-relative path: text (written as UTF-8), raw bytes, a symbolic link, or an empty folder. */
export type TreeEntry = string | Uint8Array | Symlink | { folder: true };

export interface TempTree {
  root: string;
  /** Deletes the tree; safe to call twice. */
  remove(): void;
}

/**
 * Creates a temporary repository tree under the OS temp folder from `{ relativePath: content }`, for tests whose input is
 * generated or hostile (huge, binary, symbolic link loops) and so cannot be a committed fixture. Parent folders are created.
 */
export function createTempTree(entries: Readonly<Record<string, TreeEntry>>, prefix = 'itsm-test-'): TempTree {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [relativePath, content] of Object.entries(entries)) {
    const path = join(root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(path, content);
    else if ('symlink' in content) symlinkSync(content.symlink, path);
    else mkdirSync(path, { recursive: true });
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The smallest valid itsm.yaml, with optional lines appended under `spec:` (indented by the caller). */
export function configYaml(specLines: readonly string[] = []): string {
  return [
    'apiVersion: itsm/v1',
    'kind: Config',
    'metadata:',
    '  id: example',
    'spec:',
    '  currency: USD',
    '  timeZone: UTC',
    ...specLines,
    '',
  ].join('\n');
}

/**
 * Scratch folders for one test file, all deleted after it (the `afterAll` is registered here, so call this at the top
 * level of the file): `empty()` is a new empty folder, `copyOf(folder)` a new folder holding a copy of a folder of this
 * repository (a fixture), so that tests can write into it and print paths that do not depend on where they run.
 */
export function scratchFolders(prefix: string): { empty(): string; copyOf(folder: string): string } {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  const empty = () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  return {
    empty,
    copyOf(folder) {
      const dir = empty();
      cpSync(join(REPO_ROOT, folder), dir, { recursive: true });
      return dir;
    },
  };
}
