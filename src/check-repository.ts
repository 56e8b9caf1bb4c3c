import { z } from 'zod';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { FileCache } from './load/cache.js';
import { holidayFilePath } from './load/holiday-files.js';
import type { ParallelLoadOptions } from './load/parallel.js';
import { probe, snapshotDigest, takeSnapshot, unchangedSince, verifySnapshot } from './load/repository-snapshot.js';
import type { ResultsCache } from './load/results-cache.js';
import type { Repository } from './model/repository.js';
import { openRepositoryParallel, type OpenedRepository } from './open-repository.js';

/** How many of each kind the repository holds, for validate's summary line. */
export interface RepositoryCounts {
  services: number;
  slas: number;
  calendars: number;
  consumers: number;
  groups: number;
  tickets: number;
  usage: number;
}

/** Everything `validate` prints: what it prints is a function of this and of its options alone. */
export interface RepositoryCheck {
  /** How many files were read. */
  files: number;
  counts: RepositoryCounts;
  /** Every problem found, sorted. */
  diagnostics: Diagnostic[];
}

export interface CheckOptions extends ParallelLoadOptions {
  /** Where the check of an unchanged repository is kept (the repository entry of the results cache). */
  results?: ResultsCache;
}

/** What checkRepository did, for tests and for the curious: used the recorded check, or loaded the repository. */
export type CheckSource = 'recorded' | 'loaded';

const locationShape = {
  file: z.string(),
  document: z.number().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  target: z.enum(['key', 'value']).optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
};

const checkSchema = z.object({
  files: z.number(),
  counts: z.object({
    services: z.number(),
    slas: z.number(),
    calendars: z.number(),
    consumers: z.number(),
    groups: z.number(),
    tickets: z.number(),
    usage: z.number(),
  }),
  diagnostics: z.array(
    z.object({
      ...locationShape,
      rule: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      hint: z.string().optional(),
      related: z.array(z.object({ ...locationShape, message: z.string() })).optional(),
    }),
  ),
});

/**
 * Checks the repository at `root` as `validate` does. With a results cache, a repository whose every file is what the
 * recorded snapshot says (repository-snapshot.ts: a stat per file, a hash only of those whose stat changed) is not
 * loaded at all: the recorded check is returned. Otherwise the repository is loaded (with the per-file cache, if
 * given) and checked, and the check is recorded under the digest of a snapshot taken before the load, provided that
 * nothing changed while it ran.
 */
export async function checkRepository(root: string, options: CheckOptions = {}): Promise<RepositoryCheck & { source: CheckSource }> {
  const hit = options.results ? recordedCheck(root, options.results, options.cache) : undefined;
  if (hit) return { ...hit.check, source: 'recorded' };
  const { check } = await openAndRecord(root, options);
  return { ...check, source: 'loaded' };
}

/**
 * The recorded check of the repository at `root` when every file is still what the recorded snapshot says, and the
 * digest it is recorded under (other results of the same repository are kept under it too).
 */
export function recordedCheck(root: string, results: ResultsCache, cache?: FileCache): { check: RepositoryCheck; digest: string } | undefined {
  const recorded = results.readSnapshot();
  const verified = recorded ? verifySnapshot(root, recorded, Date.now(), cache) : undefined;
  if (!verified?.same) return undefined;
  const digest = snapshotDigest(verified.snapshot);
  const check = results.readResult('validate', digest, checkSchema);
  if (!check) return undefined;
  if (verified.restamped) results.writeSnapshot(verified.snapshot);
  return { check, digest };
}

/**
 * Loads the repository (with the per-file cache, if given) and checks it; with a results cache, records the check
 * under the digest of a snapshot taken before the load, provided that nothing changed while it ran, and returns that
 * digest: what is computed from `opened` belongs to that state of the repository.
 */
export async function openAndRecord(root: string, options: CheckOptions = {}): Promise<{ opened: OpenedRepository; check: RepositoryCheck; digest?: string }> {
  const { results, ...load } = options;
  const before = results ? takeSnapshot(root, Date.now(), results.readSnapshot(), load.cache) : undefined;
  const opened = await openRepositoryParallel(root, load);
  const check: RepositoryCheck = { files: opened.files.length, counts: countsOf(opened.repository), diagnostics: opened.diagnostics };
  if (results && before && unchangedSince(root, before, load.cache)) {
    const snapshot = { ...before, probes: probe(root, unlistedHolidayFiles(opened.repository, before.files)) };
    const digest = snapshotDigest(snapshot);
    results.writeResult('validate', digest, check);
    results.writeSnapshot(snapshot);
    return { opened, check, digest };
  }
  return { opened, check };
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
  };
}

/**
 * The holiday files that calendars name but the walk did not list (excluded, hidden, missing): validate's message
 * about each depends on whether something is there, which no stamp of a listed file would notice.
 */
function unlistedHolidayFiles(repository: Repository, listed: readonly { file: string }[]): string[] {
  const files = new Set(listed.map((f) => f.file));
  const paths: string[] = [];
  for (const calendar of repository.calendars) {
    const from = calendar.doc.spec.holidaysFrom;
    const path = from === undefined ? undefined : holidayFilePath(calendar.source.file, from);
    if (path !== undefined && !files.has(path)) paths.push(path);
  }
  return paths;
}
