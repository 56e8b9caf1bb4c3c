import { relative } from 'node:path';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { findRepositoryRoot } from '../load/find-repository.js';
import type { Repository } from '../model/repository.js';
import { openRepositoryParallel, type OpenedRepository } from '../open-repository.js';
import { formatDiagnostics } from '../report/diagnostics/index.js';
import type { CacheCliOptions } from './cache-option.js';
import { cacheFor } from './caches.js';
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
  return reportInvalid(root, await openRepositoryParallel(root, cacheFor(root, options)));
}

function reportInvalid(root: string, opened: OpenedRepository): ValidRepository {
  const { errors, warnings } = countBySeverity(opened.diagnostics);
  if (errors > 0) {
    const shown = displayRoot(relative(process.cwd(), root));
    process.stderr.write(
      formatDiagnostics(
        'stylish',
        opened.diagnostics.filter((d) => d.severity === 'error'),
        { color: shouldColor(process.stderr), root: shown },
      ),
    );
    writeStderr(`itsm: ${shown} has ${errors} error(s); fix them (see \`itsm validate ${shown}\`) before computing figures`);
    return { exitCode: 1 };
  }
  if (warnings > 0) writeStderr(`itsm: ${warnings} warning(s) in the repository; run \`itsm validate\` to see them`);
  return { repository: opened.repository, root };
}
