import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { DataError } from '../errors.js';
import type { GitCheckout } from './repository.js';
import { firstLine, gitText, runGit } from './run.js';

/** Who made a commit, as git records it. */
export interface GitPerson {
  name: string;
  email: string;
}

/** A file a commit changed, compared with its first parent (`git log --raw`). */
export interface FileChange {
  /** Relative to the itsm repository's folder (the checkout's prefix taken off), forward slashes. */
  path: string;
  /** A added, D deleted, M modified, T type changed (a file became a link). Renames arrive as D and A (`--no-renames`). */
  status: 'A' | 'D' | 'M' | 'T';
  /** The file's new mode and blob; null when deleted. */
  mode: string | null;
  oid: string | null;
}

/** One commit of the first-parent history, with the files it changed under the checkout's prefix. */
export interface LoggedCommit {
  hash: string;
  /** The parents' hashes, first parent first; empty for a root commit, or for the last commit a shallow clone holds. */
  parents: string[];
  author: GitPerson;
  /** Author date, ISO 8601 with the author's offset, as git prints it (`%aI`). */
  authorDate: string;
  committer: GitPerson;
  committerDate: string;
  subject: string;
  files: FileChange[];
}

const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%s'] as const;
const RECORD = '\x1e';
const ZERO = /^0+$/;

/**
 * The first-parent history of `commit` that touched the checkout's prefix, newest first, each commit with the files it
 * changed compared with its first parent. One `git log` process: `--first-parent` follows the branch as it was merged
 * into (a pull request's merge commit is one commit, its diff the whole pull request), `-m` gives that diff for merge
 * commits, `--raw --no-abbrev` the blob of every changed file (so nothing else needs listing), `-z` keeps any file
 * name as it is, `--no-renames` turns a move into a deletion and an addition (describeChanges matches definitions by
 * id, wherever their file is).
 */
export async function firstParentHistory(checkout: GitCheckout, commit: string): Promise<LoggedCommit[]> {
  const format = `${RECORD}${FIELDS.join('%x00')}%x00`;
  const scope = checkout.prefix === '' ? '.' : checkout.prefix;
  const args = ['log', '--first-parent', '-m', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', `--format=${format}`, commit, '--', scope];
  const result = await runGit(args, { cwd: checkout.top });
  if (result.status !== 0) throw new DataError(`git log could not read the history: ${firstLine(result.stderr) || `exit status ${result.status ?? 'killed'}`}`);
  return parseLog(result.stdout.toString('utf8'), checkout.prefix);
}

/** Parses the output of firstParentHistory's `git log` (exported for tests with hand-made text). */
export function parseLog(text: string, prefix: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const record of text.split(RECORD)) {
    if (record === '') continue;
    const parts = record.split('\0');
    const [hash, parents, authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, subject] = parts;
    if (hash === undefined || subject === undefined) continue;
    const files: FileChange[] = [];
    // After the fields: `:<old mode> <new mode> <old oid> <new oid> <status>` NUL `<path>` NUL, for each file.
    for (let i = FIELDS.length; i + 1 < parts.length; i++) {
      const raw = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([ADMT])/.exec(parts[i]!);
      if (!raw) continue;
      const full = parts[i + 1]!;
      i++;
      if (!full.startsWith(prefix)) continue;
      const deleted = raw[5] === 'D' || ZERO.test(raw[4]!);
      files.push({ path: full.slice(prefix.length), status: raw[5] as FileChange['status'], mode: deleted ? null : raw[2]!, oid: deleted ? null : raw[4]! });
    }
    commits.push({
      hash,
      parents: parents === undefined || parents === '' ? [] : parents.split(' '),
      author: { name: authorName ?? '', email: authorEmail ?? '' },
      authorDate: authorDate ?? '',
      committer: { name: committerName ?? '', email: committerEmail ?? '' },
      committerDate: committerDate ?? '',
      subject,
      files,
    });
  }
  return commits;
}

/**
 * The sizes of blobs, through one `git cat-file --batch-check` (no content is read): lets the caller decide not to
 * read a large file at all.
 */
export async function blobSizes(checkout: GitCheckout, oids: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (oids.length === 0) return sizes;
  const result = await runGit(['cat-file', '--batch-check'], { cwd: checkout.top, input: `${oids.join('\n')}\n` });
  if (result.status !== 0) throw new DataError(`git cat-file could not size the revision's files: ${firstLine(result.stderr) || `exit status ${result.status ?? 'killed'}`}`);
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [oid, type, size] = line.split(' ');
    if (oid !== undefined && type === 'blob' && size !== undefined) sizes.set(oid, Number(size));
  }
  return sizes;
}

/**
 * The commits where a shallow clone's history is cut (their parents were not fetched), from git's `shallow` file;
 * empty in a complete clone.
 */
export async function shallowBoundary(checkout: GitCheckout): Promise<Set<string>> {
  const path = (await gitText(['rev-parse', '--git-path', 'shallow'], { cwd: checkout.top })).trim();
  let text: string;
  try {
    text = readFileSync(isAbsolute(path) ? path : join(checkout.top, path), 'utf8');
  } catch {
    return new Set();
  }
  return new Set(text.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)));
}

/**
 * Where the repository is published (`remote.origin.url`), for the report's heading; without any user name or token
 * an https address may carry (`https://user:token@host/…`), which must never be copied into a report. Null when
 * there is no origin.
 */
export async function originUrl(checkout: GitCheckout): Promise<string | null> {
  const result = await runGit(['config', '--get', 'remote.origin.url'], { cwd: checkout.top });
  const url = result.stdout.toString('utf8').trim();
  return result.status !== 0 || url === '' ? null : withoutCredentials(url);
}

/** A remote's address without the user name and password or token an https address may carry before its host. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** The branch checked out (`main`), or null on a detached HEAD (as in a CI checkout of a pull request). */
export async function currentBranch(checkout: GitCheckout): Promise<string | null> {
  const result = await runGit(['symbolic-ref', '--short', '--quiet', 'HEAD'], { cwd: checkout.top });
  const name = result.stdout.toString('utf8').trim();
  return result.status === 0 && name !== '' ? name : null;
}

/** A commit that a merge brought into the branch. */
export interface MergedCommit {
  hash: string;
  author: GitPerson;
  authorDate: string;
  subject: string;
}

/**
 * The commits a merge commit brought in (`git log ^<first parent> <other parents>`), newest first: who wrote the
 * pull request's commits, beside who merged it. Merge commits inside the branch are left out (`--no-merges`).
 */
export async function commitsMergedBy(checkout: GitCheckout, merge: string): Promise<MergedCommit[]> {
  // `M^@` is every parent of M, `^M^1` leaves out what the first parent already had.
  const text = await gitText(['log', '--no-merges', '-z', '--format=%H%x00%an%x00%ae%x00%aI%x00%s', `${merge}^@`, `^${merge}^1`, '--'], { cwd: checkout.top });
  const fields = text.split('\0');
  const commits: MergedCommit[] = [];
  for (let i = 0; i + 4 < fields.length; i += 5) {
    commits.push({ hash: fields[i]!.replace(/^\n/, ''), author: { name: fields[i + 1]!, email: fields[i + 2]! }, authorDate: fields[i + 3]!, subject: fields[i + 4]! });
  }
  return commits;
}
