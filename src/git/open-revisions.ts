import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untilDone } from '../fs/in-flight.js';
import { MemoryFileCache } from '../load/memory-cache.js';
import { openRepositoryParallel, type OpenedRepository } from '../open-repository.js';
import { materialiseCommit } from './materialise.js';
import type { GitCheckout } from './repository.js';
import type { Commit } from './revision.js';
import { planTicketSwap, swapTickets } from './ticket-only-base.js';
import { workingTreeChanges } from './worktree.js';

/** One side of a comparison: a commit, or the files as they are on disk now. */
export type Revision = Commit | { name: 'working tree'; commit: null };

export const WORKING_TREE: Revision = { name: 'working tree', commit: null };

export interface OpenedRevision {
  revision: Revision;
  /** Loaded and validated as `itsm validate` does, errors and all: a revision that does not validate is still read. */
  opened: OpenedRepository;
}

export interface OpenRevisionsOptions {
  /** Threads to parse on (`--workers`). */
  workers?: number;
}

/**
 * Loads the itsm repository at `root` (a folder of the checkout) as it is at two revisions, with the loader and
 * validation every command uses. A commit is first written out to a temporary folder (materialiseCommit), which is
 * removed in every case, Ctrl-C included. The two loads share one in-memory cache keyed by each file's path and
 * content, so a file identical on both sides (most ticket files, most of the time) is parsed once. When the base is
 * the working tree's very files (nothing under the folder differs), it is not read again at all; when the two differ
 * only in files of tickets, the base is head with those files' tickets swapped (ticketOnlyBase), not read whole.
 */
export async function openRevisions(checkout: GitCheckout, root: string, base: Revision, head: Revision, options: OpenRevisionsOptions = {}): Promise<{ base: OpenedRevision; head: OpenedRevision }> {
  const temp = mkdtempSync(join(tmpdir(), 'itsm-diff-'));
  const remove = () => rmSync(temp, { recursive: true, force: true });
  const done = untilDone(remove);
  try {
    const load = async (revision: Revision, folder: string, cache?: MemoryFileCache): Promise<OpenedRepository> => {
      const loadOptions = { ...(cache ? { cache } : {}), ...workersOf(options) };
      // The commit checked out with nothing edited (a pull request's HEAD in CI) is read where it is, not written out.
      if (revision.commit === null || (await isCheckedOut(checkout, revision.commit))) return openRepositoryParallel(root, loadOptions);
      const dest = join(temp, folder);
      mkdirSync(dest);
      await materialiseCommit(checkout, revision.commit, dest);
      return { ...(await openRepositoryParallel(dest, loadOptions)), root };
    };
    // Nothing differs: one load serves both sides, with no cache to fill (no file is hashed).
    if (await sameFiles(checkout, base, head)) {
      const opened = await load(head, 'head');
      return { base: { revision: base, opened }, head: { revision: head, opened } };
    }
    // Only files of tickets differ (the plan says so of the base's side): head is loaded without hashing its files for
    // a cache, and the base is head with those files' tickets swapped. Otherwise both loads share the cache.
    const swap = base.commit === null ? undefined : await planTicketSwap(checkout, base, head.commit === null ? null : head);
    const cache = swap === undefined ? new MemoryFileCache() : undefined;
    const openedHead = await load(head, 'head', cache);
    const swapped = swap === undefined ? undefined : swapTickets(swap, openedHead);
    const openedBase = swapped ?? (await load(base, 'base', cache));
    return { base: { revision: base, opened: openedBase }, head: { revision: head, opened: openedHead } };
  } finally {
    remove();
    done();
  }
}

/** Whether the working tree holds exactly `commit`'s files under the folder. */
async function isCheckedOut(checkout: GitCheckout, commit: string): Promise<boolean> {
  return (await workingTreeChanges(checkout, commit)).length === 0;
}

/** Whether two revisions hold the same files under the folder, so the second need not be read. */
async function sameFiles(checkout: GitCheckout, base: Revision, head: Revision): Promise<boolean> {
  if (base.commit !== null && head.commit !== null) return base.commit === head.commit;
  if (base.commit === null && head.commit === null) return true;
  const commit = (base.commit ?? head.commit)!;
  return (await workingTreeChanges(checkout, commit)).length === 0;
}

function workersOf(options: OpenRevisionsOptions): { workers?: number } {
  return options.workers === undefined ? {} : { workers: options.workers };
}
