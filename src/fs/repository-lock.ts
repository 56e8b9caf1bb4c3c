import { randomUUID } from 'node:crypto';
import { linkSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { untilDone } from './in-flight.js';
import { toIoError } from './io-error.js';
import { isRunning, thisHost } from './process.js';

/**
 * The lock a command holds while it reads, changes and writes files of a repository, so that two writers never work
 * from the same old state and the second one's files silently replace the first one's tickets.
 *
 * The lock is a file at the repository's root, `.itsm-lock`, holding who has it (pid, host, start time, command). It
 * is created whole or not at all: written to a temporary file, then hard-linked to its name, which fails if the name
 * exists (the O_EXCL of a link), so a reader never finds it half written. It is removed on release, on an error, on
 * SIGINT/SIGTERM/SIGHUP and at exit (in-flight.ts). A lock whose process no longer runs on this host (killed with
 * SIGKILL, a crash, a power cut) is stale: the next writer takes it over and says so. A lock held by a running process,
 * or by a process on another host (whose pid means nothing here), is respected: the command stops with
 * RepositoryLockedError.
 *
 * Taking over a stale lock is serialised by a second file, `.itsm-lock.break`, created with O_EXCL: of two writers
 * that find the same stale lock, one removes it while the other waits its turn and then finds the new holder's lock.
 */

export const LOCK_FILE = '.itsm-lock';
const BREAK_SUFFIX = '.break';
/** Rounds of "create, else judge the holder" before giving up on a lock that keeps changing hands. */
const MAX_ATTEMPTS = 5;

export const LockHolder = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  /** When the holder took the lock (ISO 8601, UTC). */
  started: z.string(),
  /** The command that holds it, as typed: `itsm import servicenow`. */
  command: z.string(),
  /** Tells this holder's lock from a later one of a process that got the same pid. */
  token: z.string(),
});
export type LockHolder = z.infer<typeof LockHolder>;

export interface RepositoryLock {
  /** The lock file, absolute. */
  readonly file: string;
  readonly holder: LockHolder;
  /** The stale lock this one replaced, when there was one. */
  readonly tookOver?: LockHolder;
  /** Removes the lock file (only if it is still this holder's). Safe to call twice. */
  release(): void;
}

/** Someone else holds the lock. `holder` is undefined when the lock file cannot be read as a lock. */
export class RepositoryLockedError extends Error {
  override readonly name = 'RepositoryLockedError';
  constructor(
    readonly file: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`${file} is held by ${holder ? `${holder.command} (pid ${holder.pid} on ${holder.hostname})` : 'an unknown process'}`);
  }
}

/** Takes the lock of the repository at `root` for `command`, taking over a stale one. I/O. */
export function acquireRepositoryLock(root: string, command: string, now: () => Date = () => new Date()): RepositoryLock {
  const file = join(root, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, hostname: thisHost(), started: now().toISOString(), command, token: randomUUID() };
  let tookOver: LockHolder | undefined;
  let holder: LockHolder | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (tryCreate(file, me)) return held(file, me, tookOver);
    const found = readHolder(file);
    if (found === 'gone') continue; // released between our attempt and our look: try again
    if (found === 'unreadable') throw new RepositoryLockedError(file, undefined);
    holder = found;
    if (!isStale(found)) throw new RepositoryLockedError(file, found);
    if (breakStale(file, found)) tookOver = found;
  }
  throw new RepositoryLockedError(file, holder);
}

/** Whether `holder` is certainly gone: it ran on this host and its pid no longer runs. */
export function isStale(holder: LockHolder): boolean {
  return holder.hostname === thisHost() && !isRunning(holder.pid);
}

function held(file: string, me: LockHolder, tookOver: LockHolder | undefined): RepositoryLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const current = readHolder(file);
    if (typeof current === 'object' && current.token === me.token) rmSync(file, { force: true });
  };
  const finished = untilDone(release);
  return {
    file,
    holder: me,
    ...(tookOver ? { tookOver } : {}),
    release() {
      try {
        release();
      } finally {
        finished();
      }
    },
  };
}

/** Creates the lock file holding `me`, whole; false when it exists. */
function tryCreate(file: string, me: LockHolder): boolean {
  const text = `${JSON.stringify(me, null, 2)}\n`;
  const temp = `${file}.${me.pid}.tmp`;
  try {
    writeFileSync(temp, text, { flag: 'w' });
    try {
      linkSync(temp, file);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
      // No hard links on this file system: O_EXCL on the name itself (a reader may briefly find it empty).
      return createExclusive(file, text);
    } finally {
      rmSync(temp, { force: true });
    }
  } catch (error) {
    throw toIoError(error, 'create the lock file', file);
  }
}

function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw toIoError(error, 'read the lock file', file);
  }
  try {
    const parsed = LockHolder.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Removes the stale lock of `stale`, unless another writer is already doing so or has done it (then the caller looks
 * again). True when it removed it.
 */
function breakStale(file: string, stale: LockHolder): boolean {
  const breaker = `${file}${BREAK_SUFFIX}`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw toIoError(error, 'create the lock file', breaker);
    // Another writer is taking over; if it died doing so (a window of microseconds), clear its mark for the next look.
    const pid = Number(safeRead(breaker));
    if (Number.isSafeInteger(pid) && pid > 0 && !isRunning(pid)) rmSync(breaker, { force: true });
    return false;
  }
  try {
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    const current = readHolder(file);
    if (typeof current !== 'object' || current.token !== stale.token) return false;
    unlinkSync(file);
    return true;
  } finally {
    rmSync(breaker, { force: true });
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
