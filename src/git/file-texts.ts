import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBlobs } from './blobs.js';
import type { Revision } from './open-revisions.js';
import type { GitCheckout } from './repository.js';

/**
 * The texts of a few files of the itsm repository at `root` as they are at `revision` (repository-relative paths,
 * forward slashes): from the disk for the working tree, else through one `git cat-file --batch` (`COMMIT:PATH` names a
 * blob). Used once the revisions are loaded, to give each change the line of its document; a file that cannot be read
 * is left out (its change keeps no line), never an error.
 */
export async function revisionTexts(checkout: GitCheckout, root: string, revision: Revision, files: Iterable<string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const wanted = [...new Set(files)];
  if (revision.commit === null) {
    for (const file of wanted) {
      try {
        texts.set(file, readFileSync(join(root, ...file.split('/')), 'utf8'));
      } catch {
        // A file that is gone or unreadable has no line to give.
      }
    }
    return texts;
  }
  // A name with a newline cannot be asked for on cat-file's line-based input.
  const asked = wanted.filter((file) => !/[\n\r]/.test(file));
  let next = 0;
  try {
    await readBlobs(
      checkout,
      asked.map((file) => `${revision.commit}:${checkout.prefix}${file}`),
      (_oid, bytes) => texts.set(asked[next++]!, bytes.toString('utf8')),
    );
  } catch {
    // A missing blob (a symbolic link's target, say) leaves the lines out rather than failing the report.
  }
  return texts;
}
