import type { Repository } from '../model/repository.js';
import { CONFIG_FILE } from '../load/config-file.js';
import { describeChanges, type DefinitionChange, type DefinitionKind } from './changes.js';

/**
 * `itsm audit`: the change record of a repository's definitions, from its git history. Pure: the commits and the
 * definitions at each of them come in (src/cli/audit-history.ts reads them from git), the report goes out.
 *
 * What an auditor asks for under ISO/IEC 27001:2022 control 8.32 ("change management") and SOC 2 CC8.1 ("authorizes,
 * designs, develops …, approves, and implements changes"): for every change to what is promised (services, agreements,
 * calendars, prices), who made it, when, through which reviewed pull request, and what exactly changed.
 */

export interface AuditPerson {
  name: string;
  email: string;
}

/** A commit of the branch's first-parent history, as the report names it. */
export interface AuditCommit {
  hash: string;
  /** The first parent, what the changes are measured from; null for the first commit (everything is added). */
  parent: string | null;
  /** True for a merge commit (more than one parent): its changes are the whole merged branch's. */
  merge: boolean;
  author: AuditPerson;
  /** Author date, ISO 8601 with the author's UTC offset, as git records it. */
  date: string;
  committer: AuditPerson;
  committed: string;
  subject: string;
  /** The pull request the subject names (a merge commit's or a squash merge's), or null. */
  pullRequest: number | null;
  /**
   * For a merge commit, the commits it brought in, newest first: who wrote the pull request, beside who merged it
   * (the merge commit's author). Empty for any other commit.
   */
  merged: MergedCommit[];
}

export interface MergedCommit {
  hash: string;
  author: AuditPerson;
  date: string;
  subject: string;
}

/** One commit that changed definitions, and what it changed. */
export interface AuditEntry extends AuditCommit {
  /** The meaningful changes (describeChanges from the first parent to the commit); empty when only the form changed. */
  changes: DefinitionChange[];
  /** The files of definitions the commit changed (added, edited, deleted), repository-relative, sorted. */
  files: string[];
  /** How many errors validation finds in the definitions at this commit (0: the commit left them valid). */
  errors: number;
}

/** The definition one `--for` asks about, as it stands at the audited commit. */
export interface InForce {
  kind: DefinitionKind;
  id: string;
  /** Null when the definition no longer exists at the audited commit (the history says when it was removed). */
  file: string | null;
  /** The newest listed commit that changed it: the version in force came from there. Null when none is listed. */
  since: { hash: string; date: string; author: AuditPerson; pullRequest: number | null } | null;
  /** For dated terms (an agreement's, a price's, a calendar's hours): the `from` of the version in force on `asOf`, and the next one. */
  dated: { asOf: string; current: string | null; next: string | null } | null;
}

/** Which definitions the report is about; empty lists and no `for`: all of them. */
export interface AuditFilter {
  /** By kind: the ids asked for, or null for every definition of that kind. */
  kinds: Partial<Record<DefinitionKind, string[] | null>>;
  /** `--for ID`: one definition's history (any kind with that id). */
  for?: string;
}

/** Where the history stops being known. */
export interface HistoryCut {
  /** The last commit the shallow clone holds; what it changed is not known, so it is the starting point, not an entry. */
  commit: string;
  date: string;
}

export interface AuditReport {
  /** The itsm repository's folder inside the git work tree ('' at the top), and where the git repository is published. */
  repository: { name: string; path: string; origin: string | null };
  /** The commit the history was read from (the report is a function of it: run again on it, get the same report). */
  head: { name: string; commit: string; date: string };
  /** The range asked for, as given, and the instants it means (both included). */
  range: { since: string | null; until: string | null; from: string | null; to: string | null; timeZone: string };
  filter: AuditFilter;
  /** Null when the whole history was read. */
  cut: HistoryCut | null;
  /** Newest first. */
  entries: AuditEntry[];
  /** With `--for`: the definition(s) of that id at the audited commit. */
  inForce: InForce[];
}

/**
 * The pull request a commit names: GitHub's merge commit ("Merge pull request #123 from owner/branch"), its squash
 * merge ("Subject (#123)" at the end), Bitbucket's ("Merged in branch (pull request #123)") and Azure DevOps' ("Merged
 * PR 123: title"). A number elsewhere in a subject ("fix #123") names an issue, not a pull request, and is not taken.
 */
export function pullRequestOf(subject: string): number | null {
  const match =
    /^Merge pull request #(\d+) from /.exec(subject) ??
    /\(#(\d+)\)\s*$/.exec(subject) ??
    /\(pull request #(\d+)\)\s*$/.exec(subject) ??
    /^Merged PR (\d+):/.exec(subject);
  return match ? Number(match[1]) : null;
}

/**
 * A commit's entry: what changed from its first parent's definitions (`before`; null for a first commit) to its own.
 * `files` are the files of definitions the commit changed: only their definitions are compared (a commit of one
 * agreement is not a comparison of the whole catalogue), except when the settings or an iCalendar file changed,
 * whose effect reaches definitions in other files (a currency, a calendar's holidays).
 */
export function auditEntry(commit: AuditCommit, before: Repository | null, after: Repository, files: string[], errors: number): AuditEntry {
  const reachesOthers = files.some((f) => f === CONFIG_FILE || /\.ics$/i.test(f));
  const changes = describeChanges(before ?? emptyRepository(after), after, reachesOthers ? undefined : new Set(files)).definitions;
  if (before === null && after.configSource !== undefined) {
    // In the order of describeChanges: by file.
    const settings = settingsAdded(after);
    const at = changes.findIndex((c) => c.file > settings.file);
    changes.splice(at < 0 ? changes.length : at, 0, settings);
  }
  return { ...commit, changes, files, errors };
}

/** The settings of a first commit, said once: the currency and time zone every later figure is read in. */
function settingsAdded(after: Repository): DefinitionChange {
  const { id, currency, timeZone } = after.config;
  return { kind: 'Config', id, action: 'added', file: after.configSource?.file ?? CONFIG_FILE, document: 0, details: [{ field: '', before: null, after: id, text: `added (currency ${currency}, time zone ${timeZone})` }] };
}

/** A repository with nothing defined, the "before" of a first commit; its settings are the commit's own, so they are not reported as changed. */
function emptyRepository(like: Repository): Repository {
  return { config: like.config, calendars: [], services: [], slas: [], consumers: [], groups: [], tickets: [], usage: [], changeTemplates: [], articles: [], improvements: [], backstage: [], holidayFiles: new Map() };
}

/** Whether a change is one the filter asks about. */
export function changeMatches(change: DefinitionChange, filter: AuditFilter): boolean {
  if (filter.for !== undefined && change.id !== filter.for) return false;
  const asked = Object.entries(filter.kinds) as [DefinitionKind, string[] | null][];
  if (asked.length === 0) return true;
  return asked.some(([kind, ids]) => change.kind === kind && (ids === null || ids.includes(change.id)));
}

/** Whether the filter narrows the report at all (without one, a commit that only reformatted definitions is listed too). */
export function isFiltered(filter: AuditFilter): boolean {
  return filter.for !== undefined || Object.keys(filter.kinds).length > 0;
}

/** The entries narrowed to the changes the filter asks about; an entry left with none is dropped. */
export function filterEntries(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  if (!isFiltered(filter)) return [...entries];
  const kept: AuditEntry[] = [];
  for (const entry of entries) {
    const changes = entry.changes.filter((c) => changeMatches(c, filter));
    if (changes.length > 0) kept.push({ ...entry, changes });
  }
  return kept;
}

/**
 * `--for ID`: each definition with that id at the audited commit (or named in the entries, when it has since been
 * removed), with the newest entry that changed it and, for dated terms, the version in force on `today` (a local
 * date in the repository's time zone). `entries` are the filtered ones, newest first.
 */
export function inForceOf(id: string, head: Repository, entries: readonly AuditEntry[], today: string): InForce[] {
  const found: InForce[] = [];
  const since = (kind: DefinitionKind): InForce['since'] => {
    const entry = entries.find((e) => e.changes.some((c) => c.kind === kind && c.id === id));
    return entry ? { hash: entry.hash, date: entry.date, author: entry.author, pullRequest: entry.pullRequest } : null;
  };
  const add = (kind: DefinitionKind, file: string, versions: readonly { from: string }[] | undefined) => {
    found.push({ kind, id, file, since: since(kind), dated: versions === undefined || versions.length === 0 ? null : { asOf: today, ...datedVersion(versions, today) } });
  };
  const lists: [DefinitionKind, readonly { source: { file: string }; doc: { metadata: { id: string }; spec?: unknown } }[]][] = [
    ['Service', head.services],
    ['SLA', head.slas],
    ['Calendar', head.calendars],
    ['Consumer', head.consumers],
    ['Group', head.groups],
  ];
  for (const [kind, entities] of lists) {
    const entity = entities.find((e) => e.doc.metadata.id === id);
    if (!entity) continue;
    const spec = entity.doc.spec as { versions?: { from: string }[] } | undefined;
    add(kind, entity.source.file, spec?.versions);
  }
  // A definition removed since: its history is still asked for, and says when it went.
  for (const entry of entries) {
    for (const change of entry.changes) {
      if (change.id === id && !found.some((f) => f.kind === change.kind)) {
        found.push({ kind: change.kind, id, file: null, since: since(change.kind), dated: null });
      }
    }
  }
  return found;
}

/** The `from` of the dated version in force on `today` (null: the undated terms) and of the next one, if any. */
export function datedVersion(versions: readonly { from: string }[], today: string): { current: string | null; next: string | null } {
  let current: string | null = null;
  let next: string | null = null;
  for (const { from } of versions) {
    if (from <= today) {
      if (current === null || from > current) current = from;
    } else if (next === null || from < next) next = from;
  }
  return { current, next };
}
