import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { FileChangedError, writeFileAtomic } from '../../fs/file-writer.js';
import { GITIGNORE_PATTERNS, scaffoldRepository } from '../../init/scaffold.js';
import { isTimeZone } from '../../model/timezone.js';
import { displayRoot, writeStderr } from '../terminal.js';

export interface InitOptions {
  force?: boolean;
  name: string;
  currency: string;
  timeZone: string;
}

/**
 * `itsm init [dir]`: never writes into a non-empty folder without --force, and never overwrites a file even then, not
 * even a .gitignore: when one exists, the patterns it lacks are listed for the user to add.
 */
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
    if (existsSync(target) || !created(target, content)) {
      writeStderr(`  skipped ${file} (already exists)`);
      if (file === '.gitignore') noteMissingPatterns(target);
      continue;
    }
    writeStderr(`  created ${file}`);
    written++;
  }
  writeStderr(`Initialised an itsm repository in ${shown} (${written} file(s) written).`);
  writeStderr(`Next: itsm validate ${shown}`);
  return 0;
}

/** Writes a new file; false when another program created it meanwhile (it is left as it is). */
function created(path: string, content: string): boolean {
  try {
    writeFileAtomic(path, content, { absent: true });
    return true;
  } catch (error) {
    if (error instanceof FileChangedError) return false;
    throw error;
  }
}

function noteMissingPatterns(gitignore: string): void {
  let lines: Set<string>;
  try {
    lines = new Set(readFileSync(gitignore, 'utf8').split(/\r?\n/).map((l) => l.trim()));
  } catch {
    return;
  }
  const missing = GITIGNORE_PATTERNS.filter((p) => !lines.has(p));
  if (missing.length === 0) return;
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)!}`;
  writeStderr(`  note: .gitignore does not ignore ${list}; add ${missing.length === 1 ? 'that line' : 'those lines'} so that git does not track itsm's cache, lock and temporary files`);
}
