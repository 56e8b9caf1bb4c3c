import { gitText } from './run.js';
import type { GitCheckout } from './repository.js';

/** One file of a commit's tree. */
export interface TreeEntry {
  /** Relative to the itsm repository's folder (the checkout's prefix taken off), forward slashes. */
  path: string;
  /** git's mode: 100644 / 100755 a file, 120000 a symbolic link (the blob is its target), 160000 a submodule. */
  mode: string;
  type: 'blob' | 'commit';
  oid: string;
}

/**
 * Every file of `commit` under the checkout's prefix (`git ls-tree -r -z`): NUL-terminated, so a name with a newline
 * or a quote arrives as it is, never quoted by git.
 */
export async function listTree(checkout: GitCheckout, commit: string): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (checkout.prefix !== '') args.push('--', checkout.prefix);
  const text = await gitText(args, { cwd: checkout.top });
  const entries: TreeEntry[] = [];
  for (const record of text.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    const full = record.slice(tab + 1);
    if (mode === undefined || oid === undefined || (type !== 'blob' && type !== 'commit')) continue;
    if (!full.startsWith(checkout.prefix)) continue;
    entries.push({ path: full.slice(checkout.prefix.length), mode, type, oid });
  }
  return entries;
}
