import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_FILE } from './config-file.js';
import { entryExists } from './read-file.js';

/**
 * The repository that `start` is in, found the way git finds `.git`: the nearest folder holding an `itsm.yaml`,
 * looking in `start` and then in each folder above it up to the root of the file system. So a command run in
 * `services/` checks the whole repository, not a folder with no Config in which every reference looks broken.
 * Anything named itsm.yaml counts (even a broken link or a FIFO): loading it then says what is wrong with it.
 *
 * `option` names the command-line option that gave `start` (e.g. "--repo"), to begin the messages with.
 */
export function findRepositoryRoot(start: string, option?: string): string {
  const prefix = option === undefined ? '' : `${option}: `;
  const from = resolve(start);
  let stats;
  try {
    stats = statSync(from);
  } catch {
    throw new UsageError(`${prefix}no such folder: ${start}`);
  }
  if (!stats.isDirectory()) throw new UsageError(`${prefix}not a folder: ${start} (give the folder that holds ${CONFIG_FILE})`);
  for (let folder = from; ; folder = dirname(folder)) {
    if (entryExists(join(folder, CONFIG_FILE))) return folder;
    if (dirname(folder) === folder) break;
  }
  throw new UsageError(
    `${prefix}no ${CONFIG_FILE} in ${start} or any folder above it, so it is not inside an itsm repository; create one with \`itsm init ${start}\``,
  );
}

/** What `itsm validate` is given: a folder (the whole repository is reported), or files of one repository (only they are). */
export interface RepositoryTarget {
  root: string;
  /** Repository-relative paths with forward slashes, as diagnostics name files; absent when a folder was given. */
  files?: string[];
}

/**
 * The repository the command-line paths are in, and which of its files to report. One folder (or none: ".") is the
 * repository it is in, as for every command. Files — what pre-commit passes — are each looked up from their own
 * folder, and must all be in the same repository: the rules across documents need the whole of it, so a file is
 * checked against its repository, never alone.
 */
export function findRepositoryOfPaths(paths: readonly string[]): RepositoryTarget {
  const given = paths.length === 0 ? ['.'] : paths;
  const kinds = given.map((path) => ({ path, kind: entryKind(path) }));
  const folders = kinds.filter((k) => k.kind === 'folder');
  if (given.length === 1 && folders.length === 1) return { root: findRepositoryRoot(given[0]!) };
  if (folders.length > 0) {
    throw new UsageError(`${folders[0]!.path} is a folder: give one folder (the whole repository is checked), or files of one repository`);
  }
  let root: string | undefined;
  let first = '';
  const files = new Set<string>();
  for (const { path } of kinds) {
    const absolute = resolve(path);
    const own = repositoryOfFile(path, absolute);
    if (root === undefined) {
      root = own;
      first = path;
    } else if (own !== root) {
      throw new UsageError(`${first} and ${path} are in different repositories (${shown(root)} and ${shown(own)}); validate one repository at a time`);
    }
    files.add(relative(own, absolute).split(sep).join('/'));
  }
  return { root: root!, files: [...files] };
}

/** A repository's folder as the user would type it from here. */
function shown(folder: string): string {
  return relative(process.cwd(), folder) || '.';
}

function entryKind(path: string): 'folder' | 'file' {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UsageError(`no such file or folder: ${path}`);
  }
  if (stats.isDirectory()) return 'folder';
  if (!stats.isFile()) throw new UsageError(`not a file or folder: ${path}`);
  return 'file';
}

function repositoryOfFile(path: string, absolute: string): string {
  for (let folder = dirname(absolute); ; folder = dirname(folder)) {
    if (entryExists(join(folder, CONFIG_FILE))) return folder;
    if (dirname(folder) === folder) break;
  }
  throw new UsageError(`${path} is not inside an itsm repository: no ${CONFIG_FILE} in its folder or any folder above it`);
}
