import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, type UsageCsvFile } from '../validate/schema.js';
import { decodeSource, MAX_FILE_BYTES } from './decode.js';
import { compileExcludes } from './glob.js';
import { FileCache } from './cache.js';
import { processYamlFile } from './file-result.js';
import type { RawDocument } from './parse-yaml.js';
import { parseUsageCsv } from './usage-csv.js';
import { walkRepository } from './walk.js';
import { append } from '../diagnostics/append.js';

export interface LoadedFiles {
  root: string;
  /** Every file read, repository-relative. */
  files: string[];
  documents: RawDocument[];
  usageCsv: UsageCsvFile[];
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Reuse each unchanged file's parse and schema results. */
  cache?: FileCache;
}

/** Reads every data file of the repository at `root`. Never stops at the first problem: each becomes a diagnostic. */
export function loadFiles(root: string, options: LoadOptions = {}): LoadedFiles {
  if (!existsSync(root)) throw new UsageError(`no such folder: ${root}`);
  if (!statSync(root).isDirectory()) throw new UsageError(`not a folder: ${root} (give the folder that holds ${CONFIG_FILE})`);

  const loaded: LoadedFiles = { root, files: [], documents: [], usageCsv: [], diagnostics: [] };
  const { cache } = options;
  const readYaml = (file: string): RawDocument[] => {
    const bytes = readBytes(root, file, loaded.diagnostics) ?? new Uint8Array();
    const hash = cache ? FileCache.hash(bytes) : '';
    const cached = cache?.get(file, hash);
    if (cached) {
      append(loaded.diagnostics, cached.diagnostics);
      return cached.documents;
    }
    const decoded = decodeSource(file, bytes);
    if (decoded.diagnostic) {
      loaded.diagnostics.push(decoded.diagnostic);
      return [];
    }
    const result = processYamlFile(file, decoded.text);
    cache?.set(file, hash, result);
    append(loaded.diagnostics, result.diagnostics);
    return result.documents;
  };

  // itsm.yaml is read first because it says which paths to exclude.
  let exclude: string[] = [];
  if (existsSync(join(root, CONFIG_FILE))) {
    const configDocs = readYaml(CONFIG_FILE);
    loaded.files.push(CONFIG_FILE);
    append(loaded.documents, configDocs);
    exclude = excludesOf(configDocs);
    const syntaxBroken = loaded.diagnostics.some((d) => d.file === CONFIG_FILE);
    if (!syntaxBroken && !configDocs.some((d) => (d.value as { kind?: unknown } | null)?.kind === 'Config')) {
      loaded.diagnostics.push({
        rule: 'missing-config',
        severity: 'error',
        file: CONFIG_FILE,
        line: 1,
        column: 1,
        message: `${CONFIG_FILE} holds no Config document`,
        hint: 'start it with apiVersion: itsm/v1, kind: Config, metadata.id and spec.currency / spec.timeZone (see docs/format.md)',
      });
    }
  } else {
    loaded.diagnostics.push({
      rule: 'missing-config',
      severity: 'error',
      file: CONFIG_FILE,
      line: 1,
      column: 1,
      message: `no ${CONFIG_FILE} in ${root}: this folder is not an itsm repository`,
      hint: 'run `itsm init` to create one, or pass the folder that holds itsm.yaml',
    });
  }

  const walk = walkRepository(root, compileExcludes(exclude));
  append(loaded.diagnostics, walk.diagnostics);
  for (const file of walk.yamlFiles) {
    if (file === CONFIG_FILE) continue;
    loaded.files.push(file);
    append(loaded.documents, readYaml(file));
  }
  cache?.prune(walk.yamlFiles.includes(CONFIG_FILE) ? walk.yamlFiles : [CONFIG_FILE, ...walk.yamlFiles]);
  for (const file of walk.usageCsvFiles) {
    loaded.files.push(file);
    const decoded = decodeSource(file, readBytes(root, file, loaded.diagnostics) ?? new Uint8Array());
    if (decoded.diagnostic) {
      loaded.diagnostics.push(decoded.diagnostic);
      continue;
    }
    const csv = parseUsageCsv(file, decoded.text);
    append(loaded.diagnostics, csv.diagnostics);
    loaded.usageCsv.push({ file, rows: csv.rows });
  }
  return loaded;
}

/** Reads a file again as text, for recovering source positions; undefined when it cannot be read. */
export function readSourceText(root: string, file: string): string | undefined {
  try {
    const decoded = decodeSource(file, readFileSync(join(root, file)));
    return decoded.text;
  } catch {
    return undefined;
  }
}

function readBytes(root: string, file: string, diagnostics: Diagnostic[]): Uint8Array | undefined {
  try {
    // Refuse an oversized file before reading it into memory.
    const size = statSync(join(root, file)).size;
    if (size > MAX_FILE_BYTES) {
      diagnostics.push({
        rule: 'unreadable-file',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `file is ${Math.round(size / 2 ** 20)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`,
        hint: 'split it into smaller files, e.g. one file of tickets per month',
      });
      return undefined;
    }
    return readFileSync(join(root, file));
  } catch (error) {
    diagnostics.push({
      rule: 'unreadable-file',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
    return undefined;
  }
}

function excludesOf(documents: RawDocument[]): string[] {
  for (const doc of documents) {
    const spec = (doc.value as { spec?: { exclude?: unknown } } | null)?.spec;
    if (Array.isArray(spec?.exclude)) return spec.exclude.filter((p): p is string => typeof p === 'string' && p !== '');
  }
  return [];
}
