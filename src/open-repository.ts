import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { append } from './diagnostics/append.js';
import type { CheckDay } from './time/check-day.js';
import { loadFiles, readSourceText, type LoadedFiles, type LoadOptions } from './load/load-repository.js';
import { loadFilesParallel, type ParallelLoadOptions } from './load/parallel.js';
import { resolvePositions } from './load/positions.js';
import type { Repository } from './model/repository.js';
import { validateDocuments } from './validate/index.js';
import { ticketFileRecords, type TicketFileRecord } from './ticket-file-facts.js';

export interface OpenedRepository {
  root: string;
  files: string[];
  repository: Repository;
  /** Every problem found, with file, line and column, sorted. */
  diagnostics: Diagnostic[];
  /** The files read that hold tickets only, with the facts the rules took from them; when asked for (recordTicketFiles). */
  ticketFiles?: TicketFileRecord[];
}

/** How the rules over tickets see the ticket files that are not read (ParallelLoadOptions.given), and what to return. */
export interface TicketFileFacts {
  /** The facts of each ticket file given rather than read, by file (TicketFileOptions.kept). */
  keptFacts?: ReadonlyMap<string, readonly unknown[]>;
  /** Return the records of the ticket files read (OpenedRepository.ticketFiles), to be kept. */
  recordTicketFiles?: boolean;
}

/** Reads, parses and validates the repository at `root`: what every command does first. */
export function openRepository(root: string, options: LoadOptions & CheckTime = {}): OpenedRepository {
  return validateLoaded(root, loadFiles(root, options), options.now);
}

/** Like `openRepository`, parsing on worker threads when the repository is large (see loadFilesParallel). */
export async function openRepositoryParallel(root: string, options: ParallelLoadOptions & CheckTime & TicketFileFacts = {}): Promise<OpenedRepository> {
  return validateLoaded(root, await loadFilesParallel(root, options), options.now, options);
}

/** The current time, for the rules about dates that pass (an article past its review date); without it they are skipped. */
export interface CheckTime {
  now?: CheckDay;
}

function validateLoaded(root: string, loaded: LoadedFiles, now: CheckDay | undefined, facts: TicketFileFacts = {}): OpenedRepository {
  const validated = validateDocuments(
    loaded.documents,
    loaded.usageCsv,
    loaded.rejected,
    loaded.holidayFiles,
    { markdownFiles: loaded.markdownFiles, ...(now !== undefined ? { now } : {}) },
    { files: loaded.files, ...(facts.keptFacts ? { kept: facts.keptFacts } : {}) },
  );
  // Taken before the rules' problems join the loader's.
  const ticketFiles = facts.recordTicketFiles ? ticketFileRecords(loaded, validated.ticketFacts) : undefined;
  const cache = new Map<string, string | undefined>();
  const readText = (file: string) => {
    if (!cache.has(file)) cache.set(file, readSourceText(root, file));
    return cache.get(file);
  };
  const all = loaded.diagnostics;
  append(all, validated.diagnostics);
  const diagnostics = resolvePositions(all, readText).sort(compareDiagnostics);
  return { root, files: loaded.files, repository: validated.repository, diagnostics, ...(ticketFiles ? { ticketFiles } : {}) };
}
