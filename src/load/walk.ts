import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface WalkResult {
  /** Repository-relative paths with forward slashes, sorted. */
  yamlFiles: string[];
  usageCsvFiles: string[];
  diagnostics: Diagnostic[];
}

/** Folders that never hold itsm data. Hidden folders (.git, .github, .vscode) are skipped too: they hold other tools' YAML. */
const ALWAYS_SKIPPED = new Set(['node_modules']);

/**
 * Lists the files the loader reads: every `*.yaml`/`*.yml` and `*.usage.csv` below `root`, in a stable order.
 * Symbolic links are followed, but a link back into a folder already being walked is reported, not followed forever.
 */
export function walkRepository(root: string, isExcluded: (relativePath: string) => boolean): WalkResult {
  const result: WalkResult = { yamlFiles: [], usageCsvFiles: [], diagnostics: [] };
  const active = new Set<string>();

  const visit = (dir: string, relative: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (active.has(real)) {
      result.diagnostics.push({
        rule: 'unreadable-file',
        severity: 'warning',
        file: relative,
        line: 1,
        column: 1,
        message: 'symbolic link loop: this folder links back to a folder that contains it; not followed',
      });
      return;
    }
    active.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      result.diagnostics.push({
        rule: 'unreadable-file',
        severity: 'error',
        file: relative || '.',
        line: 1,
        column: 1,
        message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
      active.delete(real);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || ALWAYS_SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (isExcluded(rel)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          result.diagnostics.push({
            rule: 'unreadable-file',
            severity: 'warning',
            file: rel,
            line: 1,
            column: 1,
            message: 'broken symbolic link; skipped',
          });
          continue;
        }
      }
      if (isDir) visit(path, rel);
      else if (isFile && /\.ya?ml$/i.test(entry.name)) result.yamlFiles.push(rel);
      else if (isFile && /\.usage\.csv$/i.test(entry.name)) result.usageCsvFiles.push(rel);
    }
    active.delete(real);
  };

  visit(root, '');
  return result;
}
