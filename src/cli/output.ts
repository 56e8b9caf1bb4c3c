import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { writeStdout } from './terminal.js';
import { writeFileAtomic } from './write-file.js';

/** Sends a command's result to stdout, or atomically to `--out FILE` (refusing to replace a file without --force). */
export function emit(text: string, out: string | undefined, force: boolean | undefined): void {
  if (out === undefined || out === '-') {
    writeStdout(text);
    return;
  }
  if (existsSync(out) && !force) throw new UsageError(`${out} already exists; use --force to replace it`);
  writeFileAtomic(out, text);
}
