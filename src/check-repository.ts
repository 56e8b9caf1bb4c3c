import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { FileCache } from './load/cache.js';
import { probe, snapshotDigest, verifyByStat, type RepositorySnapshot } from './load/file-stamps.js';
import type { ParallelLoadOptions } from './load/parallel.js';
import { isArrayOf, type ResultsCache } from './load/results-cache.js';
import { isDiagnostic, isRecord } from './diagnostics/is-diagnostic.js';
import type { Repository } from './model/repository.js';
import type { CheckDay } from './time/check-day.js';
import type { OpenedRepository } from './open-repository.js';
import type { KeptTicketFile, TicketFileRecord } from './ticket-file-facts.js';

export interface RepositoryCounts {
  services: number;
  slas: number;
  calendars: number;
  consumers: number;
  groups: number;
  tickets: number;
  usage: number;
  changeTemplates: number;
  articles: number;
  improvements: number;
  /** Backstage entities kept beside the itsm documents (catalog-info.yaml). */
  backstage: number;
}

/** Everything `validate` prints: what it prints is a function of this and of its options alone. */
export interface RepositoryCheck {
  /** How many files were read. */
  files: number;
  counts: RepositoryCounts;
  /** Every problem found, sorted. */
  diagnostics: Diagnostic[];
  /**
   * The day the check was made on, in the organisation's time zone, when it depends on the day (dependsOnDay) and the
   * run had the time. Such a check is served again only on the same day.
   */
  asOf?: { date: string; timeZone: string };
  /**
   * Set when rules about dates that pass can find something in the repository: articles (article-review-due) and
   * change records (change-approval, once a window's day has come).
   */
  dependsOnDay?: true;
}

export interface CheckOptions extends ParallelLoadOptions {
  /** Where the check of an unchanged repository is kept (the repository entry of the results cache). */
  results?: ResultsCache;
  /** The current time (or the day), for the rules about dates that pass; without it they are skipped. */
  now?: CheckDay;
}

/**
 * What checkRepository did, for tests and for the curious: used the recorded check, loaded the repository, or loaded it
 * but for the ticket files whose kept facts stood for them (unchanged files under unchanged definitions).
 */
export type CheckSource = 'recorded' | 'loaded' | 'kept';

const COUNTS: readonly (keyof RepositoryCounts)[] = ['services', 'slas', 'calendars', 'consumers', 'groups', 'tickets', 'usage', 'changeTemplates', 'articles', 'improvements', 'backstage'];

/** Whether a value read back from the results cache is a RepositoryCheck. */
export function isRepositoryCheck(v: unknown): v is RepositoryCheck {
  if (!isRecord(v) || typeof v.files !== 'number' || !isRecord(v.counts)) return false;
  const counts = v.counts;
  const asOf = v.asOf;
  return (
    COUNTS.every((k) => typeof counts[k] === 'number') &&
    isArrayOf(v.diagnostics, isDiagnostic) &&
    (asOf === undefined || (isRecord(asOf) && typeof asOf.date === 'string' && typeof asOf.timeZone === 'string')) &&
    (v.dependsOnDay === undefined || v.dependsOnDay === true)
  );
}

/**
 * Whether a recorded check holds for a run at `now`. A check made with the time, of a repository that depends on the
 * day, holds on that day only, and only for a run that has the time; one made without the time (by a command other
 * than validate, which skips the rules about dates) only for a run without it. Any other check holds for every run.
 */
export function checkServes(check: RepositoryCheck, now: CheckDay | undefined, localDate: (timeZone: string, day: CheckDay) => string): boolean {
  if (check.asOf !== undefined) return now !== undefined && localDate(check.asOf.timeZone, now) === check.asOf.date;
  return now === undefined || check.dependsOnDay !== true;
}

/** Whether rules about dates that pass can find anything in the repository (RepositoryCheck.dependsOnDay). */
export function dependsOnDay(repository: Repository): boolean {
  return repository.articles.length > 0 || repository.tickets.some((t) => t.doc.spec.change !== undefined);
}

/**
 * Checks the repository at `root` as `validate` does. With a results cache, a repository whose every file is what the
 * recorded snapshot says (repository-snapshot.ts: a stat per file, a hash only of those whose stat changed) is not
 * loaded at all: the recorded check is returned. Otherwise the repository is loaded (with the per-file cache, if
 * given) and checked, and the check is recorded under the digest of a snapshot taken before the load, provided that
 * nothing changed while it ran.
 */
export async function checkRepository(root: string, options: CheckOptions = {}): Promise<RepositoryCheck & { source: CheckSource }> {
  const hit = options.results ? await recordedCheck(root, options.results, options.cache, options.now) : undefined;
  if (hit) return { ...hit.check, source: 'recorded' };
  // Only the check is wanted, not the tickets: unchanged ticket files need not be read.
  const { check, keptTicketFiles } = await openAndRecord(root, { ...options, keepTicketFiles: true });
  return { ...check, source: keptTicketFiles.size > 0 ? 'kept' : 'loaded' };
}

/**
 * The recorded check of the repository at `root` when every file is still what the recorded snapshot says, and the
 * digest it is recorded under (other results of the same repository are kept under it too).
 */
export async function recordedCheck(root: string, results: ResultsCache, cache?: FileCache, now?: CheckDay): Promise<{ check: RepositoryCheck; digest: string } | undefined> {
  const recorded = results.readSnapshot();
  if (recorded === undefined) return undefined;
  // The folders' stat vouches for the layout on a warm run; otherwise the walk (and the loader it is part of) is loaded.
  const verified = verifyByStat(root, recorded, Date.now()) ?? (await import('./load/repository-snapshot.js')).verifySnapshot(root, recorded, Date.now(), cache);
  if (!verified.same) return undefined;
  const digest = snapshotDigest(verified.snapshot);
  const check = results.readResult('validate', digest, isRepositoryCheck);
  if (!check) return undefined;
  // The time zone arithmetic is loaded only for a check that depends on the day.
  if ((check.dependsOnDay === true || check.asOf !== undefined) && !checkServes(check, now, (await import('./time/check-day.js')).localDayOf)) return undefined;
  if (verified.restamped) results.writeSnapshot(verified.snapshot);
  return { check, digest };
}

/**
 * Loads the repository (with the per-file cache, if given) and checks it; with a results cache, records the check
 * under the digest of a snapshot taken before the load, provided that nothing changed while it ran, and returns that
 * digest and snapshot: what is computed from `opened` belongs to that state of the repository. With
 * `keepTicketFiles`, the ticket files whose records serve are not read (openKeepingTicketFiles: `opened.repository`
 * then lacks their tickets, which `keptTicketFiles` counts), and the records of the ticket files read are kept; with
 * `recordTicketFiles` alone, every file is read and their records are kept, for the next run.
 */
export async function openAndRecord(
  root: string,
  options: CheckOptions & { keepTicketFiles?: boolean; recordTicketFiles?: boolean } = {},
): Promise<{
  opened: OpenedRepository;
  check: RepositoryCheck;
  digest?: string;
  snapshot?: RepositorySnapshot;
  /** The ticket files not read, whose kept facts stood for them (keepTicketFiles), with their ticket counts. */
  keptTicketFiles: ReadonlyMap<string, number>;
}> {
  const { results, keepTicketFiles, recordTicketFiles, ...load } = options;
  // Loaded only here: a run answered from the results cache never needs the loader, the parsers or the schemas.
  const [{ takeSnapshot, unchangedSince }, { openRepositoryParallel }, { holidayFilePath }] = await Promise.all([
    import('./load/repository-snapshot.js'),
    import('./open-repository.js'),
    import('./load/holiday-files.js'),
  ]);
  const before = results ? takeSnapshot(root, Date.now(), results.readSnapshot(), load.cache) : undefined;
  const kept = keepTicketFiles && results && before ? await openKeepingTicketFiles(root, load, results, before) : undefined;
  const opened = kept?.opened ?? (await openRepositoryParallel(root, { ...load, ...((keepTicketFiles || recordTicketFiles) && before ? { recordTicketFiles: true } : {}) }));
  const { repository } = opened;
  const counts = countsOf(repository);
  counts.tickets += kept?.tickets ?? 0;
  const check: RepositoryCheck = { files: opened.files.length, counts, diagnostics: opened.diagnostics };
  if (dependsOnDay(repository) || kept?.changes === true) {
    check.dependsOnDay = true;
    if (load.now !== undefined) {
      const { localDayOf } = await import('./time/check-day.js');
      check.asOf = { date: localDayOf(repository.config.timeZone, load.now), timeZone: repository.config.timeZone };
    }
  }
  if (results && before && unchangedSince(root, before, load.cache)) {
    const snapshot = { ...before, probes: probe(root, unlistedHolidayFiles(opened.repository, before.files, holidayFilePath)) };
    const digest = snapshotDigest(snapshot);
    results.writeResult('validate', digest, check);
    results.writeSnapshot(snapshot);
    if (opened.ticketFiles) await keepTicketFileRecords(results, before, opened.ticketFiles, [...(kept?.files.keys() ?? [])]);
    return { opened, check, digest, snapshot, keptTicketFiles: kept?.files ?? new Map() };
  }
  return { opened, check, keptTicketFiles: kept?.files ?? new Map() };
}

/**
 * Opens the repository without reading the ticket files whose records are kept (unchanged files, under unchanged
 * definitions: ticket-file-facts.ts): their facts stand for their tickets, so `opened.repository` holds only the tickets
 * of the files read, and `tickets` counts the others. Undefined when no record serves (then everything is read).
 */
async function openKeepingTicketFiles(
  root: string,
  load: Omit<CheckOptions, 'results'>,
  results: ResultsCache,
  before: RepositorySnapshot,
): Promise<{ opened: OpenedRepository; tickets: number; changes: boolean; files: Map<string, number> } | undefined> {
  const [{ openRepositoryParallel }, { definitionsKey, TicketFactsCache }, { TICKET_RULES }, { TicketFileNotRead }] = await Promise.all([
    import('./open-repository.js'),
    import('./ticket-file-facts.js'),
    import('./validate/index.js'),
    import('./validate/ticket-rule.js'),
  ]);
  const cache = new TicketFactsCache(results, TICKET_RULES.length);
  const records = new Map<string, KeptTicketFile>();
  for (const stamp of before.files) {
    const record = cache.read(stamp.file, stamp.hash);
    if (record !== undefined) records.set(stamp.file, record);
  }
  if (records.size === 0) return undefined;
  const given = new Map([...records].map(([file, r]) => [file, { documents: [], diagnostics: r.diagnostics, rejected: [] }]));
  const keptFacts = new Map([...records].map(([file, r]) => [file, r.facts]));
  let opened: OpenedRepository;
  try {
    opened = await openRepositoryParallel(root, { ...load, given, keptFacts, recordTicketFiles: true });
  } catch (error) {
    // A rule needed the tickets of a file it was given the facts of (implausible-date, on a file with a typo in a year).
    if (error instanceof TicketFileNotRead) return undefined;
    throw error;
  }
  // The records serve only if the definitions are those they were taken under; otherwise (a definition changed) every
  // ticket file is read again.
  const key = definitionsKey(before, new Set([...records.keys(), ...(opened.ticketFiles ?? []).map((r) => r.file)]));
  if (![...records.values()].every((r) => r.definitions === key)) return undefined;
  let tickets = 0;
  let changes = false;
  for (const r of records.values()) {
    tickets += r.tickets;
    changes ||= r.changes;
  }
  return { opened, tickets, changes, files: new Map([...records].map(([file, r]) => [file, r.tickets])) };
}

/** Keeps the records of the ticket files read (`read`) for the next run, and drops those of files that are no longer ticket files. */
async function keepTicketFileRecords(results: ResultsCache, snapshot: RepositorySnapshot, read: readonly TicketFileRecord[], keptFiles: readonly string[]): Promise<void> {
  const [{ definitionsKey, TicketFactsCache }, { TICKET_RULES }] = await Promise.all([import('./ticket-file-facts.js'), import('./validate/index.js')]);
  const cache = new TicketFactsCache(results, TICKET_RULES.length);
  const ticketFiles = new Set([...keptFiles, ...read.map((r) => r.file)]);
  const definitions = definitionsKey(snapshot, ticketFiles);
  const hashes = new Map(snapshot.files.map((f) => [f.file, f.hash]));
  for (const record of read) {
    const hash = hashes.get(record.file);
    if (hash !== undefined) cache.write({ ...record, hash, definitions });
  }
  cache.prune(ticketFiles);
}

export function countsOf(r: Repository): RepositoryCounts {
  return {
    services: r.services.length,
    slas: r.slas.length,
    calendars: r.calendars.length,
    consumers: r.consumers.length,
    groups: r.groups.length,
    tickets: r.tickets.length,
    usage: r.usage.length,
    changeTemplates: r.changeTemplates.length,
    articles: r.articles.length,
    improvements: r.improvements.length,
    backstage: r.backstage.length,
  };
}

/**
 * The holiday files that calendars name but the walk did not list (excluded, hidden, missing): validate's message
 * about each depends on whether something is there, which no stamp of a listed file would notice.
 */
function unlistedHolidayFiles(repository: Repository, listed: readonly { file: string }[], holidayFilePath: (calendarFile: string, from: string) => string | undefined): string[] {
  const files = new Set(listed.map((f) => f.file));
  const paths: string[] = [];
  for (const calendar of repository.calendars) {
    const from = calendar.doc.spec.holidaysFrom;
    const path = from === undefined ? undefined : holidayFilePath(calendar.source.file, from);
    if (path !== undefined && !files.has(path)) paths.push(path);
  }
  return paths;
}
