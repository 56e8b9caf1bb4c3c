import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { openAtomicFile, openDirectFile, type FileWriter } from '../fs/file-writer.js';
import { IoError, toIoError } from '../fs/io-error.js';
import { removeTempFiles, staleTempFilesIn } from '../fs/stale-temp-files.js';
import { writeStderr, writeStdout } from './terminal.js';

/**
 * `--out FILE` of every command that has it (sla report, sla status, chargeback, catalog export, export tickets):
 * - a new file is created atomically (and not over a file another program created meanwhile);
 * - an existing file is replaced atomically, only with --force; through a symbolic link, the file it points to is
 *   replaced and the link kept;
 * - a terminal, pipe or device (/dev/stdout, /dev/null, a FIFO) is written into directly: it cannot be replaced by a
 *   rename, and writing into it replaces nothing, so it needs no --force;
 * - a folder, or a path below a file, is an I/O error (exit 2) before any work is done.
 */
export interface OutputTarget {
  /** Where the bytes go (the file a symbolic link points to). */
  path: string;
  kind: 'new' | 'replace' | 'stream';
}

/** Checks `--out` (call it before the work, so that a mistake costs nothing); undefined means stdout. */
export function outputTarget(out: string | undefined, force: boolean | undefined): OutputTarget | undefined {
  if (out === undefined || out === '-') return undefined;
  let stat;
  try {
    stat = statSync(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A dangling symbolic link would be replaced by the file: that is creating a file, not overwriting one.
    if (code === 'ENOENT') return { path: out, kind: 'new' };
    throw toIoError(error, 'write', out);
  }
  if (stat.isDirectory()) throw new IoError('write', out, 'EISDIR');
  if (!stat.isFile()) return { path: out, kind: 'stream' };
  if (!force) throw new UsageError(`${out} already exists; use --force to replace it`);
  return { path: lstatSync(out).isSymbolicLink() ? realpathSync(out) : out, kind: 'replace' };
}

/** Opens the writer for a checked target; a new or replaced file first loses the temporary files a killed run left. */
export function openOutput(target: OutputTarget): FileWriter {
  if (target.kind === 'stream') return openDirectFile(target.path);
  const name = basename(target.path);
  const { removed } = removeTempFiles(staleTempFilesIn(dirname(target.path), (n) => n === name));
  for (const f of removed) writeStderr(`itsm: notice: removed ${join(dirname(target.path), basename(f.path))}, left by an interrupted write (process ${f.pid} no longer runs)`);
  return openAtomicFile(target.path, target.kind === 'new' ? { absent: true } : undefined);
}

/**
 * Sends a command's result to stdout, or to `--out FILE` (see OutputTarget): one text, or its pieces in order (a large
 * result written as it is made, never held whole).
 */
export function emit(text: string | Iterable<string>, out: string | undefined, force: boolean | undefined): void {
  const target = outputTarget(out, force);
  const pieces = typeof text === 'string' ? [text] : text;
  if (target === undefined) {
    for (const piece of pieces) writeStdout(piece);
    return;
  }
  const file = openOutput(target);
  try {
    for (const piece of pieces) file.write(piece);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}
