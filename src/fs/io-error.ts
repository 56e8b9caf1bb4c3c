import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file the user named or owns could not be read or written: a full disk, a permission, a read-only file system,
 * a folder where a file was expected. Not a bug, so it is printed as one line naming the path and the cause in words
 * (`itsm: cannot write out/report.csv: no space left on the device`) and exits 2, like a usage error.
 */
export class IoError extends Error {
  override readonly name = 'IoError';
  constructor(
    /** What itsm was doing, as a verb phrase: "write", "read", "create the folder". */
    readonly operation: string,
    readonly path: string,
    /** The errno code (ENOSPC, EACCES, …). */
    readonly code: string,
    readonly details: {
      /** For ENOTDIR: the file that stands where a folder of the path should be. */
      fileInTheWay?: string;
      /** What became of the command's other files, appended in parentheses. */
      remark?: string;
    } = {},
  ) {
    const cause = details.fileInTheWay === undefined ? causeInWords(code) : `${details.fileInTheWay} is a file, not a folder`;
    super(`cannot ${operation} ${path}: ${cause}${details.remark === undefined ? '' : ` (${details.remark})`}`);
  }

  /** The same error with its paths shown another way (relative to the repository, say) and a remark. */
  restated(show: (path: string) => string, remark?: string): IoError {
    const details: IoError['details'] = {};
    if (this.details.fileInTheWay !== undefined) details.fileInTheWay = show(this.details.fileInTheWay);
    if (remark !== undefined) details.remark = remark;
    return new IoError(this.operation, show(this.path), this.code, details);
  }
}

/** What each errno code means to someone who is not a C programmer, and what to do about it where that is clear. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device; free some space and run again',
  EDQUOT: 'the disk quota is exceeded; free some space and run again',
  EFBIG: 'the file is too large for the file system',
  EACCES: 'permission denied; check the permissions of the file and of its folder',
  EPERM: 'the operation is not permitted; check the permissions of the file and of its folder',
  EROFS: 'the file system is read-only; write somewhere else',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open; close some programs and run again',
  ENFILE: 'too many files are open on the system; run again later',
  EIO: 'an input/output error (the disk or the network file system failed)',
  ENAMETOOLONG: 'the name is too long for the file system',
  ELOOP: 'too many levels of symbolic links',
  EBUSY: 'the file is busy (in use by another program)',
  ETXTBSY: 'the file is busy (in use by another program)',
  EXDEV: 'it is on another file system',
  EINVAL: 'the name is not valid on this file system',
  ESTALE: 'the network file system lost the file (stale file handle); run again',
};

/** The words for an errno code; an unknown code is shown as it is. */
export function causeInWords(code: string): string {
  return CAUSES[code] ?? `the system reported ${code}`;
}

/** The codes IoError explains: anything else escaping a file operation is treated as a bug. */
export function isKnownIoCode(code: unknown): code is string {
  return typeof code === 'string' && Object.hasOwn(CAUSES, code);
}

/** The verb for the system call an errno error came from, when the code that failed did not say. */
const OPERATIONS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  fsync: 'write',
  close: 'write',
  mkdir: 'create the folder',
  rename: 'replace',
  link: 'create',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'read the folder',
  opendir: 'read the folder',
  stat: 'read',
  lstat: 'read',
  realpath: 'read',
  copyfile: 'copy',
};

/**
 * Wraps an error thrown by a file operation on `path`: a known errno becomes an IoError whose cause names the file
 * in the way when a part of the path is a file (ENOTDIR); anything else is returned as it was.
 */
export function toIoError(error: unknown, operation: string, path: string): unknown {
  if (error instanceof IoError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!isKnownIoCode(code)) return error;
  if (code === 'ENOTDIR') {
    const file = fileInTheWay(path);
    if (file !== undefined) return new IoError(operation, path, code, { fileInTheWay: file });
  }
  return new IoError(operation, path, code);
}

/**
 * An errno error that escaped without being wrapped (a read deep in a library, say), as an IoError when it says which
 * path it was about; undefined otherwise.
 */
export function ioErrorFrom(error: unknown): IoError | undefined {
  if (error instanceof IoError) return error;
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (!isKnownIoCode(code) || typeof path !== 'string') return undefined;
  const wrapped = toIoError(error, OPERATIONS[syscall ?? ''] ?? 'access', path);
  return wrapped instanceof IoError ? wrapped : undefined;
}

/** The nearest ancestor of `path` that exists and is not a folder (why a write below it fails with ENOTDIR). */
function fileInTheWay(path: string): string | undefined {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      // Does not exist (or cannot be seen): look further up.
    }
  }
  return undefined;
}
