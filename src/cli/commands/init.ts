import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { scaffoldRepository } from '../../init/scaffold.js';
import { isTimeZone } from '../../model/timezone.js';
import { displayRoot, writeStderr } from '../terminal.js';
import { writeFileAtomic } from '../write-file.js';

export interface InitOptions {
  force?: boolean;
  name: string;
  currency: string;
  timeZone: string;
}

/** `itsm init [dir]`: never writes into a non-empty folder without --force, and never overwrites a file even then. */
export function runInit(dir: string, options: InitOptions): number {
  // The schema refuses an empty metadata.name, and a blank one names nothing: refused before anything is written.
  if (options.name.trim() === '') throw new UsageError('--name: expected the organisation\'s name but found an empty one');
  if (!isTimeZone(options.timeZone)) {
    throw new UsageError(`--time-zone: expected an IANA time zone such as "Europe/Berlin" but found "${options.timeZone}"`);
  }
  const root = resolve(dir);
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new UsageError(`${dir} exists and is not a folder`);
    const entries = readdirSync(root).filter((name) => name !== '.git');
    if (entries.length > 0 && !options.force) {
      throw new UsageError(`${dir} is not empty; use --force to add the example files to it (existing files are never overwritten)`);
    }
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: options.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const files = scaffoldRepository({ name: options.name, currency: options.currency, timeZone: options.timeZone, today });
  const shown = displayRoot(relative(process.cwd(), root));
  let written = 0;
  for (const [file, content] of files) {
    const target = join(root, file);
    if (existsSync(target)) {
      writeStderr(`  skipped ${file} (already exists)`);
      continue;
    }
    writeFileAtomic(target, content);
    writeStderr(`  created ${file}`);
    written++;
  }
  writeStderr(`Initialised an itsm repository in ${shown} (${written} file(s) written).`);
  writeStderr(`Next: itsm validate ${shown}`);
  return 0;
}
