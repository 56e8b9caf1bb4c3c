import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';

export type RegularFileRead =
  | { ok: true; bytes: Uint8Array }
  /** A FIFO, socket, device or folder where a file was expected: never opened for reading, so it cannot block. */
  | { ok: false; reason: 'not-regular'; type: string }
  | { ok: false; reason: 'too-large'; size: number }
  | { ok: false; reason: 'error'; error: string };

/** Opening a FIFO for reading waits for a writer, forever; O_NONBLOCK makes the open return at once (POSIX open(2)). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file only if it is a regular file of at most `maxBytes`. The type is checked before opening (so a FIFO or a
 * device is never opened) and again on the open descriptor (so a file swapped for a FIFO in between is not read).
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  try {
    const before = statSync(path);
    if (!before.isFile()) return { ok: false, reason: 'not-regular', type: fileType(before) };
    const fd = openSync(path, OPEN_FLAGS);
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) return { ok: false, reason: 'not-regular', type: fileType(stats) };
      // Refuse an oversized file before reading it into memory.
      if (stats.size > maxBytes) return { ok: false, reason: 'too-large', size: stats.size };
      return { ok: true, bytes: readFileSync(fd) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { ok: false, reason: 'error', error: describeFileError(error) };
  }
}

/** Whether anything is at `path`, even a broken symbolic link or a FIFO (which reading then reports). */
export function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What a non-regular file is, in words. */
export function fileType(stats: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isDirectory' | 'isSymbolicLink'>): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const ERROR_WORDS: Readonly<Record<string, string>> = {
  ENAMETOOLONG: 'its path is longer than the operating system allows',
  ELOOP: 'too many levels of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A file system error as its code and what it means, e.g. "EACCES (permission denied)". */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const words = ERROR_WORDS[code];
  return words === undefined ? code : `${code} (${words})`;
}
