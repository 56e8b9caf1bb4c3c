import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_FILE } from './config-file.js';
import { entryExists } from './read-file.js';

/**
 * The repository that `start` is in, found the way git finds `.git`: the nearest folder holding an `itsm.yaml`,
 * looking in `start` and then in each folder above it up to the root of the file system. So a command run in
 * `services/` checks the whole repository, not a folder with no Config in which every reference looks broken.
 * Anything named itsm.yaml counts (even a broken link or a FIFO): loading it then says what is wrong with it.
 *
 * `option` names the command-line option that gave `start` (e.g. "--repo"), to begin the messages with.
 */
export function findRepositoryRoot(start: string, option?: string): string {
  const prefix = option === undefined ? '' : `${option}: `;
  const from = resolve(start);
  let stats;
  try {
    stats = statSync(from);
  } catch {
    throw new UsageError(`${prefix}no such folder: ${start}`);
  }
  if (!stats.isDirectory()) throw new UsageError(`${prefix}not a folder: ${start} (give the folder that holds ${CONFIG_FILE})`);
  for (let folder = from; ; folder = dirname(folder)) {
    if (entryExists(join(folder, CONFIG_FILE))) return folder;
    if (dirname(folder) === folder) break;
  }
  throw new UsageError(
    `${prefix}no ${CONFIG_FILE} in ${start} or any folder above it, so it is not inside an itsm repository; create one with \`itsm init ${start}\``,
  );
}
