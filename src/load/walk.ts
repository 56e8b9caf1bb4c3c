import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SegmentExcludes } from './glob.js';
import { describeFileError, fileType } from './read-file.js';

export interface WalkResult {
  /** Repository-relative paths with forward slashes, folder by folder with names sorted (links to folders last). */
  yamlFiles: string[];
  usageCsvFiles: string[];
  /** iCalendar files (`*.ics`): read only when a calendar takes its holidays from one (`holidaysFrom`). */
  icsFiles: string[];
  diagnostics: Diagnostic[];
}

/** The file system calls the walk makes, so that a test can count them. */
export interface WalkFileSystem {
  readdir(path: string): Dirent[];
  /** Follows symbolic links. */
  stat(path: string): Stats;
  /** The path with every symbolic link resolved. */
  realpath(path: string): string;
}

export const NODE_FILE_SYSTEM: WalkFileSystem = {
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  stat: (path) => statSync(path),
  // The native realpath is one system call; fs.realpathSync walks every component of the path in JavaScript.
  realpath: (path) => realpathSync.native(path),
};

/** Folders that never hold itsm data. Hidden folders (.git, .github, .vscode) are skipped too: they hold other tools' YAML. */
const ALWAYS_SKIPPED = new Set(['node_modules']);

const YAML_FILE = /\.ya?ml$/i;
const USAGE_CSV_FILE = /\.usage\.csv$/i;
const ICS_FILE = /\.ics$/i;
/** Markdown files are read for knowledge articles; only those whose front matter is an itsm document count. */
const MARKDOWN_FILE = /\.(md|markdown)$/i;

/** A folder to read: where it is, what the user calls it, what it really is, and where the exclude patterns stand. */
interface Folder<S> {
  path: string;
  relative: string;
  real: string;
  excludes: S;
}

/**
 * Lists the files the loader reads: every `*.yaml`/`*.yml`, `*.usage.csv` and `*.ics` below `root`, in a stable order, and
 * says what it could not read and why.
 *
 * Bounded whatever the tree holds: only regular files are listed (a FIFO, socket or device is reported and never
 * opened); a symbolic link is followed only when its real target is inside the repository, and each real folder is
 * read once, so links can neither leave the repository (a link to `/`) nor loop nor multiply the work (links to
 * links). Links to folders are followed after the folders themselves, so a folder reached both directly and through a
 * link is read under its own path. The cost is linear: one `readdir` per folder, a `stat` and a `realpath` per link
 * only, no recursion (a deep tree cannot exhaust the stack), and each name is matched against the exclude patterns
 * once, from the state of its folder.
 */
export function walkRepository<S>(root: string, excludes: SegmentExcludes<S>, fs: WalkFileSystem = NODE_FILE_SYSTEM): WalkResult {
  const result: WalkResult = { yamlFiles: [], usageCsvFiles: [], icsFiles: [], diagnostics: [] };
  const warn = (file: string, message: string) =>
    result.diagnostics.push({ rule: 'unreadable-file', severity: 'warning', file: file === '' ? '.' : file, line: 1, column: 1, message });
  const rootPath = resolve(root);
  let realRoot: string;
  try {
    realRoot = fs.realpath(rootPath);
  } catch {
    realRoot = rootPath;
  }
  const inRepository = (real: string) => real === realRoot || real.startsWith(childPath(realRoot, ''));
  /** Real paths of the folders read so far. */
  const read = new Set<string>();
  /** Links to folders, followed once every folder reachable without links has been read. */
  const links: Folder<S>[] = [];

  const readAnyway = (folder: Folder<S>) => {
    const shown = folder.real === realRoot ? '.' : folder.real.slice(childPath(realRoot, '').length).split(sep).join('/');
    warn(folder.relative, `a symbolic link leads here to a folder that is read anyway as ${shown}; not read twice`);
  };

  const listFolder = (folder: Folder<S>): Array<{ folder: Folder<S>; entries: Dirent[]; next: number }> => {
    // Only through links can a folder be reached twice.
    if (read.has(folder.real)) {
      readAnyway(folder);
      return [];
    }
    read.add(folder.real);
    let entries: Dirent[];
    try {
      entries = fs.readdir(folder.path);
    } catch (error) {
      warn(folder.relative, `cannot read folder: ${describeFileError(error)}; skipped`);
      return [];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [{ folder, entries, next: 0 }];
  };

  const follow = (parent: Folder<S>, link: Folder<S>, name: string): 'folder' | 'file' | undefined => {
    let target: Stats;
    try {
      target = fs.stat(link.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') warn(link.relative, 'broken symbolic link; skipped');
      else if (code === 'ELOOP') warn(link.relative, 'symbolic link loop: the link resolves to itself through other links; skipped');
      else warn(link.relative, `cannot follow symbolic link: ${describeFileError(error)}; skipped`);
      return undefined;
    }
    // A link to anything but a folder or a data file (a README pointing elsewhere) is none of the loader's business.
    if (!target.isDirectory() && !isDataFile(name)) return undefined;
    try {
      link.real = fs.realpath(link.path);
    } catch (error) {
      warn(link.relative, `cannot follow symbolic link: ${describeFileError(error)}; skipped`);
      return undefined;
    }
    if (!inRepository(link.real)) {
      warn(link.relative, `symbolic link to ${link.real}, outside the repository; not followed`);
      return undefined;
    }
    if (target.isDirectory()) {
      if (parent.real === link.real || parent.real.startsWith(childPath(link.real, ''))) {
        warn(link.relative, 'symbolic link loop: this folder links back to a folder that contains it; not followed');
        return undefined;
      }
      return 'folder';
    }
    if (!target.isFile()) {
      warn(link.relative, `not a regular file (its target is ${fileType(target)}); skipped`);
      return undefined;
    }
    return 'file';
  };

  const walk = (start: Folder<S>) => {
    const stack = listFolder(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const entry = frame.entries[frame.next++];
      if (entry === undefined) {
        stack.pop();
        continue;
      }
      const { name } = entry;
      if (name.startsWith('.') || ALWAYS_SKIPPED.has(name)) continue;
      const parent = frame.folder;
      const entered = excludes.enter(parent.excludes, name);
      if (entered.excluded) continue;
      const child: Folder<S> = {
        path: childPath(parent.path, name),
        relative: parent.relative === '' ? name : `${parent.relative}/${name}`,
        real: childPath(parent.real, name),
        excludes: entered.state,
      };
      let kind: 'folder' | 'file' | undefined;
      if (entry.isSymbolicLink()) {
        kind = follow(parent, child, name);
        if (kind === 'folder') {
          links.push(child);
          continue;
        }
      } else if (entry.isDirectory()) {
        stack.push(...listFolder(child));
        continue;
      } else if (entry.isFile()) {
        kind = 'file';
      } else if (isDataFile(name)) {
        warn(child.relative, `not a regular file (it is ${entryType(entry)}); skipped`);
      }
      if (kind !== 'file') continue;
      if (YAML_FILE.test(name) || MARKDOWN_FILE.test(name)) result.yamlFiles.push(child.relative);
      else if (USAGE_CSV_FILE.test(name)) result.usageCsvFiles.push(child.relative);
      else if (ICS_FILE.test(name)) result.icsFiles.push(child.relative);
    }
  };

  walk({ path: rootPath, relative: '', real: realRoot, excludes: excludes.root });
  // Links found while following links join the queue; the set of folders read bounds it.
  for (let i = 0; i < links.length; i++) {
    walk(links[i]!);
  }
  return result;
}

/**
 * The real path of a symbolic link at `root`/`name` when it points outside the repository at `root`; undefined when
 * it is not a link, or stays inside. For itsm.yaml, which is read before the walk.
 */
export function linkOutsideRepository(root: string, name: string, fs: WalkFileSystem = NODE_FILE_SYSTEM): string | undefined {
  const path = childPath(resolve(root), name);
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    const realRoot = fs.realpath(resolve(root));
    const real = fs.realpath(path);
    return real.startsWith(childPath(realRoot, '')) ? undefined : real;
  } catch {
    // A missing or broken link: reading it reports why.
    return undefined;
  }
}

function isDataFile(name: string): boolean {
  return YAML_FILE.test(name) || USAGE_CSV_FILE.test(name) || ICS_FILE.test(name);
}

function childPath(parent: string, name: string): string {
  return parent.endsWith(sep) ? `${parent}${name}` : `${parent}${sep}${name}`;
}

function entryType(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
