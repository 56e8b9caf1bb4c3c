import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { loadFiles, readSourceText, type LoadOptions } from './load/load-repository.js';
import { resolvePositions } from './load/positions.js';
import type { Repository } from './model/repository.js';
import { validateDocuments } from './validate/index.js';

export interface OpenedRepository {
  root: string;
  files: string[];
  repository: Repository;
  /** Every problem found, with file, line and column, sorted. */
  diagnostics: Diagnostic[];
}

/** Reads, parses and validates the repository at `root`: what every command does first. */
export function openRepository(root: string, options: LoadOptions = {}): OpenedRepository {
  const loaded = loadFiles(root, options);
  const validated = validateDocuments(loaded.documents, loaded.usageCsv);
  const cache = new Map<string, string | undefined>();
  const readText = (file: string) => {
    if (!cache.has(file)) cache.set(file, readSourceText(root, file));
    return cache.get(file);
  };
  const diagnostics = resolvePositions([...loaded.diagnostics, ...validated.diagnostics], readText).sort(compareDiagnostics);
  return { root, files: loaded.files, repository: validated.repository, diagnostics };
}
