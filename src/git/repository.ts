import { UsageError } from '../errors.js';
import { firstLine, GitMissing, gitText, INSTALL_GIT, runGit, type GitResult } from './run.js';

/** The git work tree an itsm repository lives in, and where in it. */
export interface GitCheckout {
  /** The top folder of the work tree (absolute, as git reports it); every git command runs here. */
  top: string;
  /** The itsm repository's folder relative to `top`, with forward slashes and a trailing slash; '' at the top. */
  prefix: string;
}

/** What a command does with git, in the words of its errors (`itsm diff` compares git revisions). */
export interface GitPurpose {
  /** "itsm diff" */
  command: string;
  /** What it does with git: "compares git revisions". */
  does: string;
  /** What it needs git for: "reads the revisions with it". */
  needs: string;
}

/**
 * The work tree holding `folder` (an itsm repository found by findRepositoryRoot), as `git rev-parse` finds it.
 * Not being in a git work tree, or git missing, is a usage error saying what to do, in the words of `purpose`.
 */
export async function gitCheckoutOf(folder: string, purpose: GitPurpose): Promise<GitCheckout> {
  let result: GitResult;
  try {
    result = await runGit(['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: folder });
  } catch (error) {
    if (error instanceof GitMissing) throw new UsageError(`git is not installed or not on the PATH; ${purpose.command} ${purpose.needs} (${INSTALL_GIT})`);
    throw error;
  }
  if (result.status !== 0) {
    const why = firstLine(result.stderr);
    if (/not a git repository/i.test(why)) {
      throw new UsageError(`${folder} is not in a git repository; ${purpose.command} ${purpose.does} (run \`git init\` and commit the repository first)`);
    }
    throw new UsageError(`git cannot read the repository at ${folder}: ${why}`);
  }
  const [top, prefix] = result.stdout.toString('utf8').split('\n');
  if (top === undefined || top === '') throw new UsageError(`${folder} is inside a git folder but not in a work tree (a bare repository?); run ${purpose.command} in a checkout`);
  return { top, prefix: prefix ?? '' };
}

/** Whether the clone is shallow (`git clone --depth`), so that a revision may be missing only because it was not fetched. */
export async function isShallow(checkout: GitCheckout): Promise<boolean> {
  return (await gitText(['rev-parse', '--is-shallow-repository'], { cwd: checkout.top })).trim() === 'true';
}

/** What to do in a shallow clone: the same words wherever a revision turns out to be missing. */
export const UNSHALLOW_HINT = 'this is a shallow clone, which leaves out older history: fetch it with `git fetch --unshallow` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)';
