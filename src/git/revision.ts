import { UsageError } from '../errors.js';
import { isShallow, UNSHALLOW_HINT, type GitCheckout } from './repository.js';
import { runGit } from './run.js';

/** A commit to read: the name the user gave it and its full hash. */
export interface Commit {
  name: string;
  commit: string;
}

/**
 * The commit a revision names (`HEAD`, `origin/main`, `v1.2`, `a1b2c3d`, `HEAD~2`). `--end-of-options` keeps a name
 * that starts with "-" from being read as an option; `^{commit}` peels a tag to its commit. An unknown revision is a
 * usage error, which in a shallow clone says how to fetch the rest of the history.
 */
export async function resolveCommit(checkout: GitCheckout, name: string): Promise<Commit> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`], { cwd: checkout.top });
  const commit = result.stdout.toString('utf8').trim();
  if (result.status === 0 && /^[0-9a-f]{40,64}$/.test(commit)) return { name, commit };
  throw await unknownRevision(checkout, name);
}

/**
 * The merge base of two commits, as `git diff A...B` compares from: what B's branch started from, so that a pull
 * request is compared with the main branch as it was when the branch left it, not with the commits merged since.
 */
export async function mergeBase(checkout: GitCheckout, a: Commit, b: Commit): Promise<string> {
  const result = await runGit(['merge-base', a.commit, b.commit], { cwd: checkout.top });
  const commit = result.stdout.toString('utf8').trim();
  if (result.status === 0 && commit !== '') return commit.split('\n')[0]!;
  if (await isShallow(checkout)) throw new UsageError(`${a.name} and ${b.name} have no common ancestor in this clone: ${UNSHALLOW_HINT}`);
  throw new UsageError(`${a.name} and ${b.name} have no common ancestor, so ${a.name}...${b.name} has no merge base; compare them directly with \`itsm diff ${a.name} ${b.name}\``);
}

async function unknownRevision(checkout: GitCheckout, name: string): Promise<UsageError> {
  if (await isShallow(checkout)) return new UsageError(`unknown revision "${name}": ${UNSHALLOW_HINT}`);
  const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: checkout.top });
  if (head.status !== 0) return new UsageError(`unknown revision "${name}": the git repository has no commit yet; commit the repository first`);
  return new UsageError(`unknown revision "${name}": no commit, branch or tag of that name in ${checkout.top} (see \`git log --oneline\`; a remote branch may need \`git fetch\`)`);
}
