import type { GitCheckout } from './repository.js';
import { gitText } from './run.js';

/**
 * The files under the checkout's prefix where the working tree differs from `commit`: tracked files edited, added or
 * deleted (`git diff --name-only`, which trusts the index's stat data and hashes only files that look touched), and
 * files git does not track, ignored ones included (`git ls-files --others`: itsm reads a YAML file whether or not git
 * ignores it). Paths are relative to the prefix. Empty means the working tree IS the commit, as far as files go.
 */
export async function workingTreeChanges(checkout: GitCheckout, commit: string): Promise<string[]> {
  const scope = checkout.prefix === '' ? [] : ['--', checkout.prefix];
  const run = { cwd: checkout.top };
  const changed = await gitText(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', commit, ...(scope.length > 0 ? scope : ['--', '.'])], run);
  // Hidden folders and node_modules are never read by itsm (src/load/walk.ts); leaving them out keeps the listing short.
  const untracked = await gitText(['ls-files', '--others', '-z', '--full-name', '-x', 'node_modules', '-x', '.*/', ...(scope.length > 0 ? scope : ['--', '.'])], run);
  const paths = new Set<string>();
  for (const full of [...changed.split('\0'), ...untracked.split('\0')]) {
    if (full !== '' && full.startsWith(checkout.prefix) && mayBeRead(full.slice(checkout.prefix.length))) paths.add(full.slice(checkout.prefix.length));
  }
  return [...paths].sort();
}

/** Whether the loader could read this file: the names walk.ts lists, outside hidden folders and node_modules. */
export function mayBeRead(path: string): boolean {
  const segments = path.split('/');
  if (segments.slice(0, -1).some((s) => s.startsWith('.') || s === 'node_modules')) return false;
  // Markdown files may be knowledge articles (front-matter.ts): whether one is, only its text can say.
  return /\.(ya?ml|ics|md|markdown)$/i.test(path) || /\.usage\.csv$/i.test(path);
}
