import { readdirSync, rmSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { toIoError } from './io-error.js';
import { isRunning } from './process.js';

/**
 * Temporary files left behind by a write that was killed before it could clean up (SIGKILL, a power cut): hidden,
 * often megabytes, and committed by `git add -A` if nobody removes them. Found at the next write and removed when the
 * process that wrote them no longer runs. A temporary file of a process that still runs is left alone: it may be
 * another itsm writing right now.
 */

/** The name file-writer.ts gives a temporary file: `.<name>.<pid>.tmp`. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.tmp$/;

export interface StaleTempFile {
  path: string;
  /** The process that wrote it, no longer running. */
  pid: number;
}

export interface StaleTempCleanUp {
  removed: StaleTempFile[];
  /** Files that could not be removed, with the reason. */
  failed: Array<StaleTempFile & { error: string }>;
}

/** Stale temporary files in `dir` of the files whose name passes `isTarget` (`2016-03.yaml` for `.2016-03.yaml.42.tmp`). */
export function staleTempFilesIn(dir: string, isTarget: (name: string) => boolean): StaleTempFile[] {
  return staleIn(dir, entries(dir), isTarget);
}

/**
 * Stale temporary files of YAML files anywhere below `root`, the files an import or `itsm init` writes. Hidden
 * folders (.git) and node_modules are not searched, as the loader does not read them; symbolic links are not followed.
 */
export function staleYamlTempFilesBelow(root: string): StaleTempFile[] {
  const found: StaleTempFile[] = [];
  const visit = (dir: string) => {
    const list = entries(dir);
    found.push(...staleIn(dir, list, (name) => /\.ya?ml$/i.test(name)));
    for (const entry of list) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') visit(join(dir, entry.name));
    }
  };
  visit(root);
  return found;
}

/** Removes the files; one that cannot be removed is reported, not fatal (the write itself does not need it gone). */
export function removeTempFiles(files: readonly StaleTempFile[]): StaleTempCleanUp {
  const result: StaleTempCleanUp = { removed: [], failed: [] };
  for (const file of files) {
    try {
      rmSync(file.path, { force: true });
      result.removed.push(file);
    } catch (error) {
      const io = toIoError(error, 'remove', file.path);
      result.failed.push({ ...file, error: io instanceof Error ? io.message : String(io) });
    }
  }
  return result;
}

function staleIn(dir: string, list: readonly Dirent[], isTarget: (name: string) => boolean): StaleTempFile[] {
  const found: StaleTempFile[] = [];
  for (const entry of list) {
    if (!entry.isFile()) continue;
    const match = TEMP_NAME.exec(entry.name);
    if (!match || !isTarget(match[1]!)) continue;
    const pid = Number(match[2]);
    if (!isRunning(pid)) found.push({ path: join(dir, entry.name), pid });
  }
  return found;
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    // A folder that cannot be read holds nothing we could remove anyway.
    return [];
  }
}
