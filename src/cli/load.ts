import { relative, resolve } from 'node:path';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import type { Repository } from '../model/repository.js';
import { openRepository, openRepositoryParallel, type OpenedRepository } from '../open-repository.js';
import { formatDiagnostics } from '../report/diagnostics/index.js';
import { cacheFor, type CacheCliOptions } from './cache-option.js';
import { displayRoot, shouldColor, writeStderr } from './terminal.js';

/**
 * Opens a repository for a command that computes figures. Figures from invalid data would be wrong, so errors stop
 * the command: they are printed to stderr (stdout stays clean for data) and the exit code is 1.
 */
export function openValidRepository(path: string, options: CacheCliOptions = {}): { repository: Repository } | { exitCode: number } {
  return reportInvalid(path, openRepository(path, cacheFor(path, options)));
}

/** Like openValidRepository, parsing large repositories on worker threads. */
export async function openValidRepositoryParallel(path: string, options: CacheCliOptions = {}): Promise<{ repository: Repository } | { exitCode: number }> {
  return reportInvalid(path, await openRepositoryParallel(path, cacheFor(path, options)));
}

function reportInvalid(path: string, opened: OpenedRepository): { repository: Repository } | { exitCode: number } {
  const { errors, warnings } = countBySeverity(opened.diagnostics);
  if (errors > 0) {
    const root = displayRoot(relative(process.cwd(), resolve(path)));
    process.stderr.write(
      formatDiagnostics(
        'stylish',
        opened.diagnostics.filter((d) => d.severity === 'error'),
        { color: shouldColor(process.stderr), root },
      ),
    );
    writeStderr(`itsm: ${root} has ${errors} error(s); fix them (see \`itsm validate ${root}\`) before computing figures`);
    return { exitCode: 1 };
  }
  if (warnings > 0) writeStderr(`itsm: ${warnings} warning(s) in the repository; run \`itsm validate\` to see them`);
  return { repository: opened.repository };
}
