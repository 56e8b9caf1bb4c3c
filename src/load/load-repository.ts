import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, type UsageCsvFile } from '../validate/schema.js';
import { decodeSource, MAX_FILE_BYTES } from './decode.js';
import { compileExcludes } from './glob.js';
import { FileCache } from './cache.js';
import { processYamlFile, type FileResult } from './file-result.js';
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

/**
 * Reads one YAML file and returns its documents that pass their schema, with its problems positioned. Uses the cache
 * when given. Independent of every other file, so it can run on any thread.
 */
export function readYamlFile(root: string, file: string, cache?: FileCache): FileResult {
  const diagnostics: Diagnostic[] = [];
  const bytes = readBytes(root, file, diagnostics) ?? new Uint8Array();
  if (diagnostics.length > 0) return { documents: [], diagnostics };
  const hash = cache ? FileCache.hash(bytes) : '';
  const cached = cache?.get(file, hash);
  if (cached) return cached;
  const decoded = decodeSource(file, bytes);
  if (decoded.diagnostic) return { documents: [], diagnostics: [decoded.diagnostic] };
  const result = processYamlFile(file, decoded.text);
  cache?.set(file, hash, result);
  return result;
}

/** The files still to read after itsm.yaml, and what has been loaded so far. */
export interface LoadPlan {
  loaded: LoadedFiles;
  yamlFiles: string[];
  usageCsvFiles: string[];
  cache?: FileCache;
}

/** Checks the folder, reads itsm.yaml first (it says which paths to exclude), and lists the other files to read. */
export function planLoad(root: string, options: LoadOptions = {}): LoadPlan {
  if (!existsSync(root)) throw new UsageError(`no such folder: ${root}`);
  if (!statSync(root).isDirectory()) throw new UsageError(`not a folder: ${root} (give the folder that holds ${CONFIG_FILE})`);
  const loaded: LoadedFiles = { root, files: [], documents: [], usageCsv: [], diagnostics: [] };
  const { cache } = options;
  let exclude: string[] = [];
  if (existsSync(join(root, CONFIG_FILE))) {
    const config = readYamlFile(root, CONFIG_FILE, cache);
    const configDocs = config.documents;
    loaded.files.push(CONFIG_FILE);
    append(loaded.documents, configDocs);
    append(loaded.diagnostics, config.diagnostics);
    exclude = excludesOf(configDocs);
    // When the file has problems of its own, those say what is wrong; otherwise it must hold a Config.
    if (config.diagnostics.length === 0 && !configDocs.some((d) => (d.value as { kind?: unknown } | null)?.kind === 'Config')) {
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
  const plan: LoadPlan = { loaded, yamlFiles: walk.yamlFiles.filter((f) => f !== CONFIG_FILE), usageCsvFiles: walk.usageCsvFiles };
  if (cache) plan.cache = cache;
  return plan;
}

/** Adds the results of the planned YAML files (in the plan's order), then reads the usage CSV files. */
export function finishLoad(plan: LoadPlan, results: readonly FileResult[]): LoadedFiles {
  const { loaded, cache } = plan;
  plan.yamlFiles.forEach((file, i) => {
    const result = results[i]!;
    loaded.files.push(file);
    append(loaded.documents, result.documents);
    append(loaded.diagnostics, result.diagnostics);
  });
  cache?.prune([CONFIG_FILE, ...plan.yamlFiles]);
  for (const file of plan.usageCsvFiles) {
    loaded.files.push(file);
    const diagnostics: Diagnostic[] = [];
    const decoded = decodeSource(file, readBytes(plan.loaded.root, file, diagnostics) ?? new Uint8Array());
    append(loaded.diagnostics, diagnostics);
    if (diagnostics.length > 0) continue;
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

/** Reads every data file of the repository at `root`. Never stops at the first problem: each becomes a diagnostic. */
export function loadFiles(root: string, options: LoadOptions = {}): LoadedFiles {
  const plan = planLoad(root, options);
  return finishLoad(
    plan,
    plan.yamlFiles.map((file) => readYamlFile(root, file, plan.cache)),
  );
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
