import { z } from 'zod';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { holidayFilePath } from './load/holiday-files.js';
import type { ParallelLoadOptions } from './load/parallel.js';
import { probe, snapshotDigest, takeSnapshot, unchangedSince, verifySnapshot } from './load/repository-snapshot.js';
import type { ResultsCache } from './load/results-cache.js';
import type { Repository } from './model/repository.js';
import { openRepositoryParallel } from './open-repository.js';

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
  const { results, ...load } = options;
  const recorded = results?.readSnapshot();
  if (results) {
    const verified = recorded ? verifySnapshot(root, recorded, Date.now(), load.cache) : undefined;
    if (verified?.same) {
      const check = results.readResult('validate', snapshotDigest(verified.snapshot), checkSchema);
      if (check) {
        if (verified.restamped) results.writeSnapshot(verified.snapshot);
        return { ...check, source: 'recorded' };
      }
    }
  }
  const before = results ? takeSnapshot(root, Date.now(), recorded, load.cache) : undefined;
  const opened = await openRepositoryParallel(root, load);
  const check: RepositoryCheck = { files: opened.files.length, counts: countsOf(opened.repository), diagnostics: opened.diagnostics };
  if (results && before && unchangedSince(root, before, load.cache)) {
    const snapshot = { ...before, probes: probe(root, unlistedHolidayFiles(opened.repository, before.files)) };
    results.writeResult('validate', snapshotDigest(snapshot), check);
    results.writeSnapshot(snapshot);
  }
  return { ...check, source: 'loaded' };
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
