import { relative } from 'node:path';
import { UsageError } from '../errors.js';
import { IoError } from '../fs/io-error.js';
import { acquireRepositoryLock, LOCK_FILE, RepositoryLockedError, type RepositoryLock } from '../fs/repository-lock.js';
import { removeTempFiles, staleYamlTempFilesBelow } from '../fs/stale-temp-files.js';
import { writeStderr } from './terminal.js';

/**
 * Takes the repository's lock for a command that reads, changes and writes its files (src/fs/repository-lock.ts),
 * then removes the temporary files an interrupted write left in it. Every command that writes into a repository
 * calls this first and releases the lock in a `finally`. A repository locked by a running command is a usage error
 * (exit 2) that names the holder and what to do; a stale lock is taken over with a notice on stderr.
 *
 * `root` is absolute; `shown` is the repository as the user typed it, for messages; `command` is what the lock file
 * records (`itsm import servicenow`).
 */
export function lockForWriting(root: string, shown: string, command: string): RepositoryLock {
  const lockFile = inRepository(shown, LOCK_FILE);
  let lock: RepositoryLock;
  try {
    lock = acquireRepositoryLock(root, command);
  } catch (error) {
    // A repository that cannot hold the lock file (read-only, no permission): named as the user knows it.
    if (error instanceof IoError) throw error.restated((p) => inRepository(shown, relative(root, p)), 'nothing was written');
    if (!(error instanceof RepositoryLockedError)) throw error;
    const holder = error.holder;
    if (holder === undefined) {
      throw new UsageError(`${lockFile} exists but is not a lock that itsm wrote; nothing was written. If no itsm command is writing into ${shown}, delete ${lockFile} and run again`);
    }
    throw new UsageError(
      `${shown} is locked by \`${holder.command}\` (pid ${holder.pid} on ${holder.hostname}, since ${holder.started}), which is writing into it; nothing was written. ` +
        `Run again when it has finished; if that process no longer runs, delete ${lockFile}`,
    );
  }
  const old = lock.tookOver;
  if (old) writeStderr(`itsm: notice: took over the lock ${lockFile} of \`${old.command}\` (pid ${old.pid}, since ${old.started}), which no longer runs`);
  try {
    const { removed, failed } = removeTempFiles(staleYamlTempFilesBelow(root));
    for (const f of removed) writeStderr(`itsm: notice: removed ${inRepository(shown, relative(root, f.path))}, left by an interrupted write (process ${f.pid} no longer runs)`);
    for (const f of failed) writeStderr(`itsm: warning: ${f.error}; it was left by an interrupted write (process ${f.pid} no longer runs): delete it`);
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}

/** A repository-relative path as the user would type it. */
function inRepository(shown: string, file: string): string {
  const f = file.split('\\').join('/');
  return shown === '.' ? f : `${shown}/${f}`;
}
