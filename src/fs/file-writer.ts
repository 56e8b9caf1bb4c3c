import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { untilDone } from './in-flight.js';
import { toIoError } from './io-error.js';
import { injectedFailure } from './test-hooks.js';

/**
 * Every file itsm writes goes through here. A file is written atomically: into a temporary file beside it
 * (`.2016-03.yaml.<pid>.tmp`, hidden, in the same folder so that the rename cannot cross file systems), flushed to
 * the disk, then renamed over the target. A reader never sees half a file, and a write that fails or is interrupted
 * leaves the old file as it was: the temporary file is removed on failure and on SIGINT/SIGTERM/SIGHUP (in-flight.ts),
 * and one left by a killed process is removed at the next write (stale-temp-files.ts).
 *
 * A write can also require that nobody wrote the target since it was read (`expect`): a file to create must still
 * not exist (checked by the link that puts it in place, so two writers cannot both create it), a file to update
 * must be the one that was read (same inode, size and timestamps). Otherwise the write stops with
 * FileChangedError and the target keeps what the other writer put there.
 *
 * Errors are IoErrors (io-error.ts) naming the target (`cannot write out.csv: no space left on the device`).
 */

/** Which file was read, in enough detail to notice any write to it since (a rename over it changes the inode). */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** What the target must be when the write is committed: absent (a new file), or the file that was read. */
export type Expectation = { absent: true } | { identity: FileIdentity };

/** The target was created or changed by someone else between the read and the write; it was not overwritten. */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
  constructor(
    readonly path: string,
    readonly how: 'created' | 'changed' | 'removed',
  ) {
    super(`${path} was ${how} by another program while itsm was writing it; itsm left it as it is`);
  }
}

export interface FileWriter {
  /** The file being written. */
  readonly path: string;
  write(data: string | Uint8Array): void;
  /** Puts the file in place (atomically: renames the temporary file over the target). */
  commit(): void;
  /** Gives up: removes the temporary file; the target is left as it was. Safe to call after commit or twice. */
  abort(): void;
}

/** The identity of the file at `path`, or undefined when there is none. */
export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return { dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw toIoError(error, 'read', path);
  }
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * Whether the target at `path` is still what `expect` says; undefined when it is, else how it differs. Used to check
 * every file of a multi-file write before the first is written, so that a conflict usually writes nothing.
 */
export function conflictOf(path: string, expect: Expectation): FileChangedError | undefined {
  const now = fileIdentity(path);
  if ('absent' in expect) return now === undefined ? undefined : new FileChangedError(path, 'created');
  if (now === undefined) return new FileChangedError(path, 'removed');
  return sameIdentity(now, expect.identity) ? undefined : new FileChangedError(path, 'changed');
}

/** The temporary file a process writes `path` through: `.<name>.<pid>.tmp` beside it. */
export function tempPathOf(path: string, pid: number = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/** Opens an atomic writer for `path`; the folders above it are created. */
export function openAtomicFile(path: string, expect?: Expectation): FileWriter {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw toIoError(error, 'write', path);
  }
  const temp = tempPathOf(path);
  let fd: number | undefined = openTemp(temp, path);
  let done = false;
  const closeFd = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  const removeTemp = () => {
    try {
      closeFd();
    } catch {
      // The descriptor is gone either way.
    }
    rmSync(temp, { force: true });
  };
  const finished = untilDone(removeTemp);
  const abort = () => {
    if (done) return;
    done = true;
    try {
      removeTemp();
    } finally {
      finished();
    }
  };
  return {
    path,
    write(data) {
      writeOrUndo(fd!, data, path, abort);
    },
    commit() {
      if (done) throw new Error(`commit after the write of ${path} was finished`);
      try {
        fsyncSync(fd!);
        closeFd();
        if (expect !== undefined && 'absent' in expect) putNew(temp, path);
        else {
          const conflict = expect === undefined ? undefined : conflictOf(path, expect);
          if (conflict) throw conflict;
          renameSync(temp, path);
        }
        done = true;
        finished();
      } catch (error) {
        abort();
        throw error instanceof FileChangedError ? error : toIoError(error, 'write', path);
      }
    },
    abort,
  };
}

/** Writes `content` to `path` atomically (see openAtomicFile). */
export function writeFileAtomic(path: string, content: string, expect?: Expectation): void {
  const file = openAtomicFile(path, expect);
  file.write(content);
  file.commit();
}

/**
 * Opens a writer straight into `path`, for targets that cannot be replaced by a rename: a terminal, a pipe, a device
 * such as /dev/null (renaming a file over /dev/null would replace the device for the whole system).
 */
export function openDirectFile(path: string): FileWriter {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw toIoError(error, 'write', path);
  }
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    path,
    write(data) {
      writeOrUndo(fd!, data, path, close);
    },
    commit() {
      try {
        close();
      } catch (error) {
        throw toIoError(error, 'write', path);
      }
    },
    abort() {
      try {
        close();
      } catch {
        // Nothing more can be done for a device.
      }
    },
  };
}

function openTemp(temp: string, path: string): number {
  try {
    return openSync(temp, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw toIoError(error, 'write', path);
  }
  // A temporary file with our pid that we are not writing: left by an earlier process that had the same pid.
  try {
    unlinkSync(temp);
    return openSync(temp, 'wx');
  } catch (error) {
    throw toIoError(error, 'write', path);
  }
}

/** Writes all of `data`; on failure runs `undo` (drop the temporary file, or close the device) and says why in words. */
function writeOrUndo(fd: number, data: string | Uint8Array, path: string, undo: () => void): void {
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, path);
  } catch (error) {
    undo();
    throw toIoError(error, 'write', path);
  }
}

function writeAll(fd: number, bytes: Uint8Array, path: string): void {
  let offset = 0;
  const failure = injectedFailure('write', path);
  if (failure) {
    writeSync(fd, bytes, 0, Math.floor(bytes.length / 2));
    throw failure;
  }
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Puts the temporary file at `path` only if nothing is there yet: a hard link fails when the name exists. */
function putNew(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileChangedError(path, 'created');
    // File systems without hard links (some network and FUSE file systems): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    if (fileIdentity(path) !== undefined) throw new FileChangedError(path, 'created');
    renameSync(temp, path);
    return;
  }
  unlinkSync(temp);
}

