import { readBlobs } from '../git/blobs.js';
import { blobSizes, firstParentHistory, shallowBoundary, type LoggedCommit } from '../git/log.js';
import { isShallow, type GitCheckout } from '../git/repository.js';
import { listTree } from '../git/tree.js';
import { mayBeRead } from '../git/worktree.js';
import { auditEntry, pullRequestOf, type AuditCommit, type AuditEntry, type HistoryCut } from '../governance/audit.js';
import type { Repository } from '../model/repository.js';
import { openDefinitions, readDefinitionFile, type DefinitionFile, type HolidayMemo, type OpenedDefinitions } from '../open-definitions.js';

/**
 * The edge of `itsm audit` that reads git: the first-parent history, the blobs of the files each commit changed, and
 * the definitions at each commit, handed to the pure core (src/governance/audit.ts) one commit at a time.
 *
 * What is read (docs/governance.md, "Tickets"): one `git log` lists every commit with the blobs of the files it
 * changed, so a file is read only in the commits that change it, each blob once. A file of tickets only is told by its
 * text (isTicketFileText) and never parsed. A file larger than LARGE_TICKET_FILE that held only tickets the first time
 * the history meets it is taken to hold tickets in every later version and is not read again: a ticket file edited
 * by every import would otherwise be read in full at every import.
 */
export const LARGE_TICKET_FILE = 1024 * 1024;

/** A file of a commit that the loader would read: YAML, usage CSV or iCalendar, not a link or a submodule. */
interface Version {
  path: string;
  oid: string;
}

export interface HistoryRequest {
  /** Whether a commit belongs in the report (its author date in the range). */
  inRange: (commit: LoggedCommit) => boolean;
  /** Replay to the newest commit even past the range, for the definitions in force there (`--for`). */
  throughHead: boolean;
}

export interface AuditHistory {
  /** Newest first, every definition change in the range (not yet narrowed by kind or id). */
  entries: AuditEntry[];
  /** The definitions at the newest commit read (with `throughHead`, the audited commit's). */
  definitions: Repository | null;
  cut: HistoryCut | null;
}

export async function readAuditHistory(checkout: GitCheckout, root: string, head: string, request: HistoryRequest): Promise<AuditHistory> {
  const commits = (await firstParentHistory(checkout, head)).reverse();
  const boundary = (await isShallow(checkout)) ? await shallowBoundary(checkout) : new Set<string>();
  const cutAt = commits.findIndex((c) => c.parents.length === 0 && boundary.has(c.hash));
  const cut = cutAt < 0 ? null : { commit: commits[cutAt]!.hash, date: commits[cutAt]!.authorDate };

  const wanted = commits.map((c, i) => i > cutAt && request.inRange(c));
  const first = wanted.indexOf(true);
  if (first < 0 && !request.throughHead) return { entries: [], definitions: null, cut };
  const last = request.throughHead ? commits.length - 1 : wanted.lastIndexOf(true);
  // The replay starts from the tree before the first commit reported (none for the first commit of all, the cut
  // commit's in a shallow clone); with nothing to report, `--for` still needs the newest definitions.
  const start = first < 0 ? commits.length : first;
  const base = start === 0 ? null : start === commits.length ? (commits[start - 1]?.hash ?? null) : commits[start - 1]!.hash;
  const initial: Version[] = base === null ? [] : (await listTree(checkout, base)).filter((e) => e.type === 'blob' && e.mode !== '120000' && mayBeRead(e.path)).map((e) => ({ path: e.path, oid: e.oid }));
  const steps = commits.slice(start, last + 1);

  const files = await readVersions(checkout, initial, steps);
  const state = new Map<string, DefinitionFile>(initial.map((v) => [v.path, files.get(keyOf(v))!]));
  const memo: HolidayMemo = {};
  const open = () => openDefinitions(state, root, memo);
  // The definitions before the commit at hand: those of the tree the replay starts from, then carried from one commit
  // of definitions to the next (a commit of tickets only leaves them as they are).
  let current: OpenedDefinitions | null = base === null ? null : open();
  const entries: AuditEntry[] = [];
  steps.forEach((commit, i) => {
    const changed = readableChanges(commit);
    let touchesDefinitions = false;
    for (const change of changed) {
      const was = state.get(change.path);
      if (was !== undefined && was.type !== 'tickets') touchesDefinitions = true;
      if (change.oid === null) state.delete(change.path);
      else {
        const now = files.get(keyOf({ path: change.path, oid: change.oid }))!;
        if (now.type !== 'tickets') touchesDefinitions = true;
        state.set(change.path, now);
      }
    }
    if (!touchesDefinitions) return;
    const before = current;
    const after = open();
    current = after;
    if (!wanted[start + i]) return;
    const paths = changed.map((c) => c.path).filter((p) => after.files.includes(p) || (before !== null && before.files.includes(p)));
    const errors = after.diagnostics.filter((d) => d.severity === 'error').length;
    const entry = auditEntry(auditCommit(commit), before?.repository ?? null, after.repository, paths.sort(), errors);
    // A commit that only touched files the loader does not read (excluded in itsm.yaml) is no change of definitions.
    if (entry.changes.length > 0 || entry.files.length > 0) entries.push(entry);
  });
  if (current === null && request.throughHead && state.size > 0) current = open();
  entries.reverse();
  return { entries, definitions: current?.repository ?? null, cut };
}

interface ChangedFile {
  path: string;
  /** The new blob; null when the file was deleted, or became a link or a submodule (which the audit does not follow). */
  oid: string | null;
}

/** The files of a commit that the loader would read. */
function readableChanges(commit: LoggedCommit): ChangedFile[] {
  return commit.files
    .filter((f) => mayBeRead(f.path))
    .map((f) => ({ path: f.path, oid: f.oid === null || f.mode === '120000' || f.mode === '160000' ? null : f.oid }));
}

/**
 * Reads every version the replay needs, each blob once, in two passes through `git cat-file --batch`: first the
 * version of each path that the replay meets first (which tells whether the path holds tickets), then the later
 * versions, leaving out the large versions of paths that held tickets only (LARGE_TICKET_FILE).
 */
async function readVersions(checkout: GitCheckout, initial: readonly Version[], steps: readonly LoggedCommit[]): Promise<Map<string, DefinitionFile>> {
  const firstSeen = new Map<string, Version>();
  const later: Version[] = [];
  for (const v of initial) firstSeen.set(v.path, v);
  for (const commit of steps) {
    for (const change of readableChanges(commit)) {
      if (change.oid === null) continue;
      const version = { path: change.path, oid: change.oid };
      if (firstSeen.has(change.path)) later.push(version);
      else firstSeen.set(change.path, version);
    }
  }
  const files = new Map<string, DefinitionFile>();
  await readInto(checkout, [...firstSeen.values()], files);
  const ticketPaths = new Set([...firstSeen.values()].filter((v) => files.get(keyOf(v))?.type === 'tickets').map((v) => v.path));
  const unread = later.filter((v) => !files.has(keyOf(v)));
  const sizes = await blobSizes(checkout, [...new Set(unread.filter((v) => ticketPaths.has(v.path)).map((v) => v.oid))]);
  const toRead: Version[] = [];
  for (const v of unread) {
    if (ticketPaths.has(v.path) && (sizes.get(v.oid) ?? 0) > LARGE_TICKET_FILE) files.set(keyOf(v), { type: 'tickets' });
    else toRead.push(v);
  }
  await readInto(checkout, toRead, files);
  return files;
}

/** Reads and classifies versions, each blob once however many paths and commits share it. */
async function readInto(checkout: GitCheckout, versions: readonly Version[], files: Map<string, DefinitionFile>): Promise<void> {
  const pathsOf = new Map<string, Set<string>>();
  for (const v of versions) {
    if (files.has(keyOf(v))) continue;
    const paths = pathsOf.get(v.oid) ?? new Set<string>();
    paths.add(v.path);
    pathsOf.set(v.oid, paths);
  }
  await readBlobs(checkout, [...pathsOf.keys()], (oid, bytes) => {
    for (const path of pathsOf.get(oid) ?? []) files.set(keyOf({ path, oid }), readDefinitionFile(path, bytes));
  });
}

function keyOf(v: Version): string {
  return `${v.oid}\0${v.path}`;
}

function auditCommit(c: LoggedCommit): AuditCommit {
  return {
    hash: c.hash,
    parent: c.parents[0] ?? null,
    merge: c.parents.length > 1,
    author: c.author,
    date: c.authorDate,
    committer: c.committer,
    committed: c.committerDate,
    subject: c.subject,
    pullRequest: pullRequestOf(c.subject),
    merged: [],
  };
}
