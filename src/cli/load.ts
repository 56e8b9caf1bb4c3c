import { relative } from 'node:path';
import { figureFindings, type FigureFindings } from '../validate/practice-findings.js';
import { findRepositoryRoot } from '../load/find-repository.js';
import type { Repository } from '../model/repository.js';
import type { OpenedRepository } from '../open-repository.js';
import { formatDiagnostics } from '../report/diagnostics/index.js';
import type { CacheCliOptions } from './cache-option.js';
import { cacheFor, resultsCacheFor } from './caches.js';
import { openAndRecord, recordedCheck } from '../check-repository.js';
import { keptClocksRecorded, measureFiles, readKeptClocks, writeKeptClocks } from '../kept-clocks-cache.js';
import { keepClocks, keptFor, type KeptClocks } from '../sla/kept-clocks.js';
import { measureContext } from '../sla/measure.js';
import { displayRoot, shouldColor, writeStderr } from './terminal.js';

/** What a command that computes figures works on: the repository, and the folder it was found in. */
export type ValidRepository = { repository: Repository; root: string } | { exitCode: number };

/**
 * Opens the repository that `path` is in (the nearest folder at or above it that holds itsm.yaml, as git finds
 * .git) for a command that computes figures. Figures from invalid data would be wrong, so errors stop the command:
 * they are printed to stderr (stdout stays clean for data) and the exit code is 1. Large repositories are parsed on
 * worker threads (see workerCount).
 */
export async function openValidRepositoryParallel(path: string, options: CacheCliOptions = {}): Promise<ValidRepository> {
  const root = findRepositoryRoot(path);
  const { openRepositoryParallel } = await import('../open-repository.js');
  return reportInvalid(root, await openRepositoryParallel(root, cacheFor(root, options)));
}

/** A valid repository and, with the cache, the clocks kept for `sla report` (kept-clocks.ts). */
export type MeasuredRepository = { repository: Repository; root: string; kept?: KeptClocks } | { exitCode: number };

/**
 * Opens the repository as openValidRepositoryParallel does, for `sla report`, whose measurement instant `asOfIn` gives
 * (it may throw a UsageError, as when the repository is loaded). With the cache, when no file changed since a run
 * recorded the repository's check (without errors) and its kept clocks, and those serve the measurement instant, no
 * ticket file is read: the repository holds only the tickets to measure again. When only ticket files changed, only
 * those and the definitions are read, and only those are measured (measureFiles). Otherwise it is loaded, and each
 * ticket file whose recorded clocks serve is still not measured. Either way its check and clocks are recorded for
 * the next run.
 */
export async function openMeasuredRepository(path: string, options: CacheCliOptions, asOfIn: (repository: Repository) => number): Promise<MeasuredRepository> {
  const root = findRepositoryRoot(path);
  const load = cacheFor(root, options);
  const results = resultsCacheFor(load);
  // The loader (parsers, schemas, rules) is loaded only when the repository is: a warm run never needs it.
  if (results === undefined) return reportInvalid(root, await (await import('../open-repository.js')).openRepositoryParallel(root, load));
  const hit = await recordedCheck(root, results, load.cache);
  const findings = hit && figureFindings(hit.check.diagnostics);
  if (hit && findings && findings.blocking.length === 0) {
    const kept = readKeptClocks(results, hit.digest);
    if (kept && servesAt(kept.kept, kept.repository, asOfIn)) {
      writeFindingLines(findings);
      return { repository: kept.repository, root, kept: kept.kept };
    }
  }
  // The ticket files that did not change are not read: their kept facts stand for them in validation (as for
  // `validate`), and the clocks recorded for them in the measurement (when clocks were recorded at all). A run that
  // reads every file records their facts, so that the run after an edit reads only the edited file.
  const partly = await openAndRecord(root, { ...load, results, keepTicketFiles: keptClocksRecorded(results), recordTicketFiles: true });
  const valid = reportInvalid(root, partly.opened);
  if ('exitCode' in valid) return valid;
  if (partly.keptTicketFiles.size > 0) {
    const { snapshot, digest } = partly;
    const measured = snapshot ? measureFiles(results, valid.repository, partly.opened.files, partly.keptTicketFiles, snapshot, asOfIn(valid.repository)) : undefined;
    if (measured !== undefined) {
      if (digest !== undefined) writeKeptClocks(results, digest, measured);
      // What a report reads of the tickets besides the kept clocks: those measured again (as on a warm run).
      return { repository: { ...valid.repository, tickets: measured.kept.remeasured }, root, kept: measured.kept };
    }
  }
  // Otherwise every file is read (its findings are those already reported: the facts are exact).
  const { opened, digest, snapshot } = partly.keptTicketFiles.size > 0 ? await openAndRecord(root, { ...load, results }) : partly;
  const { repository } = opened;
  const asOf = asOfIn(repository);
  // The files whose recorded clocks serve are not measured again (after an edit that a rule needed every file for).
  const measured = snapshot ? measureFiles(results, repository, opened.files, new Map(), snapshot, asOf) : undefined;
  if (measured === undefined) return { repository, root, kept: keepClocks(repository.tickets, measureContext(repository), asOf) };
  if (digest !== undefined) writeKeptClocks(results, digest, measured);
  return { repository: { ...repository, tickets: measured.kept.remeasured }, root, kept: measured.kept };
}

/** Whether kept clocks serve the run; a measurement instant it cannot work out is left to the load to report. */
function servesAt(kept: KeptClocks, repository: Repository, asOfIn: (repository: Repository) => number): boolean {
  try {
    return keptFor(kept, asOfIn(repository));
  } catch {
    return false;
  }
}

/** One line each for the warnings and the practice findings a command that computes figures goes on despite. */
function writeFindingLines({ warnings, practice }: FigureFindings): void {
  if (warnings > 0) writeStderr(`itsm: ${warnings} warning(s) in the repository; run \`itsm validate\` to see them`);
  if (practice > 0) writeStderr(`itsm: ${practice} finding(s) about changes or articles (approvals, freezes, conflicts, reviews, links); run \`itsm validate\` to see them`);
}

function reportInvalid(root: string, opened: OpenedRepository): ValidRepository {
  const findings = figureFindings(opened.diagnostics);
  if (findings.blocking.length > 0) {
    const shown = displayRoot(relative(process.cwd(), root));
    process.stderr.write(formatDiagnostics('stylish', findings.blocking, { color: shouldColor(process.stderr), root: shown }));
    writeStderr(`itsm: ${shown} has ${findings.blocking.length} error(s); fix them (see \`itsm validate ${shown}\`) before computing figures`);
    return { exitCode: 1 };
  }
  writeFindingLines(findings);
  return { repository: opened.repository, root };
}
