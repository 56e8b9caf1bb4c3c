import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { CONFIG_FILE, type RejectedDocument, type UsageCsvFile } from '../validate/schema.js';
import { decodeSource, MAX_FILE_BYTES } from './decode.js';
import { compileSegmentExcludes } from './glob.js';
import { FileCache } from './cache.js';
import { processYamlFile, type FileResult } from './file-result.js';
import type { DocumentStrings, RawDocument } from './parse-yaml.js';
import { parseUsageCsv } from './usage-csv.js';
import { readHolidayFiles } from './holiday-files.js';
import type { HolidayFileContent } from '../model/repository.js';
import { linkOutsideRepository, walkRepository } from './walk.js';
import { entryExists, readRegularFile } from './read-file.js';
import { append } from '../diagnostics/append.js';
import { StringPool } from './string-pool.js';
import { isMarkdownFile, yamlTextOf } from './front-matter.js';

export interface LoadedFiles {
  root: string;
  /** Every file read, repository-relative: a Markdown file only when it is an itsm document (an article). */
  files: string[];
  /** Every Markdown file the walk listed, article or not: what the links of articles may name (rules/articles.ts). */
  markdownFiles: string[];
  documents: RawDocument[];
  /** Documents that failed their schema, by kind and id (their problems are in `diagnostics`). */
  rejected: RejectedDocument[];
  usageCsv: UsageCsvFile[];
  /** The iCalendar files that calendars take holidays from, by repository-relative path. */
  holidayFiles: Map<string, HolidayFileContent>;
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
export function readYamlFile(root: string, file: string, cache?: FileCache, strings?: DocumentStrings): FileResult {
  const diagnostics: Diagnostic[] = [];
  const bytes = readBytes(root, file, diagnostics) ?? new Uint8Array();
  if (diagnostics.length > 0) return { documents: [], diagnostics, rejected: [] };
  const hash = cache ? FileCache.hash(bytes) : '';
  const cached = cache?.get(file, hash);
  if (cached) return cached;
  const decoded = decodeSource(file, bytes);
  if (decoded.diagnostic) return { documents: [], diagnostics: [decoded.diagnostic], rejected: [] };
  const result = processYamlFile(file, decoded.text, strings);
  cache?.set(file, hash, result);
  return result;
}

/** The files still to read after itsm.yaml, and what has been loaded so far. */
export interface LoadPlan {
  loaded: LoadedFiles;
  yamlFiles: string[];
  usageCsvFiles: string[];
  /** Every `.ics` file found; those that calendars name are read after the YAML. */
  icsFiles: string[];
  cache?: FileCache;
  /** Shares the strings of each file's documents as the file lands, so that no file's text outlives its parse. */
  strings: StringPool;
}

/** Checks the folder, reads itsm.yaml first (it says which paths to exclude), and lists the other files to read. */
export function planLoad(root: string, options: LoadOptions = {}): LoadPlan {
  if (!existsSync(root)) throw new UsageError(`no such folder: ${root}`);
  if (!statSync(root).isDirectory()) throw new UsageError(`not a folder: ${root} (give the folder that holds ${CONFIG_FILE})`);
  const loaded: LoadedFiles = { root, files: [], markdownFiles: [], documents: [], rejected: [], usageCsv: [], holidayFiles: new Map(), diagnostics: [] };
  const { cache } = options;
  let exclude: string[] = [];
  const outside = linkOutsideRepository(root, CONFIG_FILE);
  if (outside !== undefined) {
    loaded.diagnostics.push({
      rule: 'unreadable-file',
      severity: 'error',
      file: CONFIG_FILE,
      line: 1,
      column: 1,
      message: `${CONFIG_FILE} is a symbolic link to ${outside}, outside the repository; not followed`,
      hint: `keep the ${CONFIG_FILE} of the repository inside it (links out of the repository are never followed)`,
    });
  } else if (entryExists(join(root, CONFIG_FILE))) {
    const config = readYamlFile(root, CONFIG_FILE, cache);
    const configDocs = config.documents;
    loaded.files.push(CONFIG_FILE);
    append(loaded.documents, configDocs);
    append(loaded.rejected, config.rejected);
    // Without its Config the repository cannot be checked at all: what is a warning for another file is an error here.
    append(loaded.diagnostics, config.diagnostics.map((d) => (d.rule === 'unreadable-file' ? { ...d, severity: 'error' as const } : d)));
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
  const walk = walkRepository(root, compileSegmentExcludes(exclude));
  // The walk meets itsm.yaml too; what is wrong with it was reported when it was read above.
  append(loaded.diagnostics, walk.diagnostics.filter((d) => d.file !== CONFIG_FILE));
  const plan: LoadPlan = {
    loaded,
    yamlFiles: walk.yamlFiles.filter((f) => f !== CONFIG_FILE),
    usageCsvFiles: walk.usageCsvFiles,
    icsFiles: walk.icsFiles,
    strings: new StringPool(),
  };
  if (cache) plan.cache = cache;
  return plan;
}

/**
 * Adds the results of the planned YAML files (in the plan's order), then reads the usage CSV files and the iCalendar
 * files the calendars name. Both the serial and the parallel loader end here, so both read the same files.
 */
export function finishLoad(plan: LoadPlan, results: readonly FileResult[]): LoadedFiles {
  const { loaded, cache } = plan;
  plan.yamlFiles.forEach((file, i) => {
    const result = results[i]!;
    if (isMarkdownFile(file)) {
      loaded.markdownFiles.push(file);
      // A README, or a page with another tool's front matter, is not read as data: it adds nothing, not even a file.
      if (result.documents.length === 0 && result.diagnostics.length === 0 && result.rejected.length === 0) return;
    }
    loaded.files.push(file);
    append(loaded.documents, result.documents);
    append(loaded.rejected, result.rejected);
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
  const holidays = readHolidayFiles(plan.loaded.root, loaded.documents, plan.icsFiles, (file, diagnostics) => readText(plan.loaded.root, file, diagnostics));
  append(loaded.files, holidays.read);
  append(loaded.diagnostics, holidays.diagnostics);
  loaded.holidayFiles = holidays.files;
  return loaded;
}

/** The text of a repository file, or undefined with the diagnostics saying why not (as for any data file). */
function readText(root: string, file: string, diagnostics: Diagnostic[]): string | undefined {
  const bytes = readBytes(root, file, diagnostics);
  if (bytes === undefined) return undefined;
  const decoded = decodeSource(file, bytes);
  if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
  return decoded.text;
}

/** Reads every data file of the repository at `root`. Never stops at the first problem: each becomes a diagnostic. */
export function loadFiles(root: string, options: LoadOptions = {}): LoadedFiles {
  const plan = planLoad(root, options);
  return finishLoad(
    plan,
    plan.yamlFiles.map((file) => plan.strings.shareDocuments(readYamlFile(root, file, plan.cache, plan.strings))),
  );
}

/** Reads a file again as the text its positions refer to (a Markdown file's front matter); undefined when it cannot be read. */
export function readSourceText(root: string, file: string): string | undefined {
  const read = readRegularFile(join(root, file), MAX_FILE_BYTES);
  if (!read.ok) return undefined;
  try {
    const { text } = decodeSource(file, read.bytes);
    return text === undefined ? undefined : yamlTextOf(file, text);
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a regular file of the repository, or a diagnostic saying why not. What could not be read is a warning
 * (the rest of the repository is still checked); a file over the size limit is an error, because it is data refused.
 */
function readBytes(root: string, file: string, diagnostics: Diagnostic[]): Uint8Array | undefined {
  const read = readRegularFile(join(root, file), MAX_FILE_BYTES);
  if (read.ok) return read.bytes;
  const at = { rule: 'unreadable-file', file, line: 1, column: 1 } as const;
  if (read.reason === 'too-large') {
    diagnostics.push({
      ...at,
      severity: 'error',
      message: `file is ${Math.round(read.size / 2 ** 20)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`,
      hint: 'split it into smaller files, e.g. one file of tickets per month',
    });
  } else if (read.reason === 'not-regular') {
    diagnostics.push({ ...at, severity: 'warning', message: `not a regular file (it is ${read.type}); skipped` });
  } else {
    diagnostics.push({ ...at, severity: 'warning', message: `cannot read file: ${read.error}; skipped` });
  }
  return undefined;
}

function excludesOf(documents: RawDocument[]): string[] {
  for (const doc of documents) {
    const spec = (doc.value as { spec?: { exclude?: unknown } } | null)?.spec;
    if (Array.isArray(spec?.exclude)) return spec.exclude.filter((p): p is string => typeof p === 'string' && p !== '');
  }
  return [];
}
