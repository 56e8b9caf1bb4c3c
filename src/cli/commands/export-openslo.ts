import { exportOpenSlo, openSloYaml } from '../../export/openslo.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { emit } from '../output.js';
import { writeStderr } from '../terminal.js';

export interface ExportOpenSloCliOptions extends CacheCliOptions {
  out?: string;
  force?: boolean;
}

/**
 * `itsm export openslo [path]`: the agreements' targets and availability objectives as OpenSLO v1 documents
 * (docs/openslo.md). Exit 0 with the YAML, 1 when the repository has errors, 2 for a usage or I/O error. What OpenSLO
 * cannot hold (a 100% objective) is named on stderr.
 */
export async function runExportOpenSlo(path: string, options: ExportOpenSloCliOptions): Promise<number> {
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { documents, warnings } = exportOpenSlo(opened.repository);
  for (const warning of warnings) writeStderr(`itsm: warning: ${warning}`);
  emit(openSloYaml(documents), options.out, options.force);
  return 0;
}
