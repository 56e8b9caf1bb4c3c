import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { z } from 'zod';
import { DataError, UsageError } from '../../errors.js';
import { findRepositoryRoot } from '../../load/find-repository.js';
import { readSourceText } from '../../load/load-repository.js';
import { resolvePositions } from '../../load/positions.js';
import type { StatusCategory } from '../../model/config.js';
import type { Repository } from '../../model/repository.js';
import { isTimeZone } from '../../model/timezone.js';
import { buildValueMapping, MappingFile, readMappingFile, type LoadedMappingFile, type MappingOverrides, type Vocabulary } from '../../import/mapping-file.js';
import { resolveLinks } from '../../import/links.js';
import { createProgress } from '../../import/progress.js';
import { readServiceNow, serviceNowDefaults, ServiceNowColumnsError } from '../../import/servicenow.js';
import { formatProblems, formatSummaryJson, formatSummaryText, nothingUsedReason, rowsOf } from '../../import/summary.js';
import type { AdapterItem, ImportedTicket, ImportProblem, ImportSummary, InputLines, SeenGroup, ValueMapping } from '../../import/types.js';
import { FileChangedError } from '../../fs/file-writer.js';
import { IoError } from '../../fs/io-error.js';
import { pauseAt } from '../../fs/test-hooks.js';
import {
  applyPlan,
  ImportPathError,
  ImportWouldInvalidateError,
  ImportWriteError,
  planImport,
  readSnapshot,
  summaryFiles,
  summaryGroups,
  type ImportPlan,
  type RepositorySnapshot,
} from '../../import/writer.js';
import { formatDiagnostics } from '../../report/diagnostics/index.js';
import { lockForWriting } from '../repository-lock.js';
import { displayRoot, shouldColor, writeStderr, writeStdout } from '../terminal.js';

/** The options every `itsm import <source>` command shares (registered by `withImportOptions` in main.ts). */
export interface ImportCliOptions {
  /** The repository folder (holds itsm.yaml); default ".". */
  repo: string;
  /** A mapping file overriding the source's defaults. */
  map?: string;
  /** The IANA zone of naive timestamps, over the mapping's. */
  timeZone?: string;
  dryRun?: boolean;
  force?: boolean;
  format: 'text' | 'json';
  /** Exit 1 when more rows than this were skipped. */
  maxSkipped?: number;
  /** The service of every ticket whose value maps to no service (over the mapping file's service.fallback). */
  defaultService?: string;
  /** Let the export's timelines replace the repository's even when that drops events. */
  replaceTimelines?: boolean;
}

/** What an adapter is given to read its file. */
export interface ImportContext {
  /** The input file, absolute. */
  file: string;
  /** The input file as the user gave it, for messages. */
  displayFile: string;
  /** The repository before the import (config with defaults applied, services, consumers, tickets). */
  repository: Repository;
  /** The ids mapped values may take. */
  vocabulary: Vocabulary;
  /** What each status of the repository means to the clocks. */
  statusCategories: ReadonlyMap<string, StatusCategory>;
  options: ImportCliOptions;
  /**
   * The --map file read with `schema` (default: the shared MappingFile schema; pass an extension of it for more
   * fields), or undefined without --map. Problems are a UsageError with file:line:column.
   */
  readMapping<S extends z.ZodType = typeof MappingFile>(schema?: S): LoadedMappingFile<z.infer<S>> | undefined;
  /** The mapping to run with: `defaults`, then the --map file's entries, then --time-zone (see buildValueMapping). */
  mapping(defaults: ValueMapping, file?: LoadedMappingFile): ValueMapping;
  /** Reports how far the input has been read; drawn only when stderr is a terminal. */
  progress(bytesRead: number, label?: string): void;
}

/** An importer: given the context, the stream of tickets, problems and row counts (types.ts, AdapterItem). */
export type AdapterFactory = (context: ImportContext) => AsyncIterable<AdapterItem> | Promise<AsyncIterable<AdapterItem>>;

export interface RunImportOptions extends ImportCliOptions {
  /** The source's name, as in `itsm import <source>`: "servicenow", "jira", "csv". */
  source: string;
  /** The input file as given on the command line. */
  file: string;
}

/**
 * Runs one import: checks the options and the repository, streams the adapter's items, plans the files with the
 * shared writer (validated by the real validation), writes them (unless --dry-run) and prints the summary.
 *
 * Exit codes: 0 imported (even when rows were skipped: real exports have some, and the summary lists them), and for a
 * file with a header and no rows; 1 when the file has rows and none was used (with why, and what to do), when more
 * than --max-skipped rows were skipped, or when the repository has errors before the import; 2 for usage errors: a
 * missing or empty file, no itsm.yaml, a bad mapping file, files edited by hand without --force.
 */
export async function runImport(adapterFactory: AdapterFactory, options: RunImportOptions): Promise<number> {
  const file = resolve(options.file);
  if (!existsSync(file)) throw new UsageError(`no such file: ${options.file}`);
  if (!statSync(file).isFile()) throw new UsageError(`not a file: ${options.file}`);
  const blank = blankFile(file);
  if (blank === 'empty') throw new UsageError(`${options.file} is empty (0 bytes): there is no header row, so nothing to import; export it again`);
  if (blank === 'blank') throw new UsageError(`${options.file} holds only blank lines: there is no header row, so nothing to import; export it again`);
  // The repository --repo is in, found like git finds .git (the nearest folder at or above it with itsm.yaml).
  const root = findRepositoryRoot(options.repo, '--repo');
  const repoShown = displayRoot(relative(process.cwd(), root));
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw new UsageError(`--time-zone: expected an IANA time zone such as "America/Sao_Paulo" or "UTC" but found "${options.timeZone}"`);
  }

  // From the read of the repository to the last write, no other writer may work on it (a dry run writes nothing).
  const lock = options.dryRun === true ? undefined : lockForWriting(root, repoShown, `itsm import ${options.source}`);
  try {
    return await importInto(adapterFactory, options, { file, root, repoShown });
  } finally {
    lock?.release();
  }
}

async function importInto(adapterFactory: AdapterFactory, options: RunImportOptions, where: { file: string; root: string; repoShown: string }): Promise<number> {
  const { file, root, repoShown } = where;
  const snapshot = readSnapshot(root);
  if (snapshot.errors.length > 0) {
    const located = resolvePositions(snapshot.errors, (f) => readSourceText(root, f));
    process.stderr.write(formatDiagnostics('stylish', located, { color: shouldColor(process.stderr), root: repoShown }));
    writeStderr(`itsm: ${repoShown} has ${located.length} error(s) before the import; fix them first (see \`itsm validate ${repoShown}\`), so that the import can leave it valid`);
    return 1;
  }

  const repository = snapshot.repository;
  const vocabulary: Vocabulary = {
    statuses: new Set(repository.config.statuses.map((s) => s.id)),
    priorities: new Set(repository.config.priorities.map((p) => p.id)),
    services: new Set(repository.services.map((s) => s.doc.metadata.id)),
    consumers: new Set(repository.consumers.map((c) => c.doc.metadata.id)),
    groups: new Set(repository.groups.map((g) => g.doc.metadata.id)),
  };
  const serviceIds = [...vocabulary.services].sort();
  if (options.defaultService !== undefined && !vocabulary.services.has(options.defaultService)) {
    throw new UsageError(
      `--default-service: "${options.defaultService}" is not a service of ${repoShown}; ` +
        (serviceIds.length === 0 ? `it has no service yet: add one under services/ first (docs/format.md)` : `its services are ${listOf(serviceIds)}`),
    );
  }
  const progress = createProgress({ stream: process.stderr, totalBytes: statSync(file).size });
  let rowsRead = 0;
  let lastLabel = 'reading';
  const context: ImportContext = {
    file,
    displayFile: options.file,
    repository,
    vocabulary,
    statusCategories: new Map(repository.config.statuses.map((s) => [s.id, s.category])),
    options,
    readMapping: <S extends z.ZodType = typeof MappingFile>(schema?: S) =>
      options.map === undefined ? undefined : readMappingFile<S>(options.map, schema),
    mapping: (defaults, mappingFile) => {
      const settings: { file?: LoadedMappingFile } & MappingOverrides = {};
      if (mappingFile) settings.file = mappingFile;
      if (options.timeZone !== undefined) settings.timeZone = options.timeZone;
      if (options.defaultService !== undefined) settings.serviceFallback = options.defaultService;
      return buildValueMapping(defaults, vocabulary, settings);
    },
    progress: (bytes, label) => {
      if (label !== undefined) lastLabel = label;
      progress.update({ bytes, rows: rowsRead, label: lastLabel });
    },
  };

  const tickets = new Map<string, ImportedTicket>();
  const problems: ImportProblem[] = [];
  let lines: InputLines | undefined;
  let groups: SeenGroup[] = [];
  try {
    for await (const item of await adapterFactory(context)) {
      if ('rows' in item) rowsRead += item.rows;
      else if ('problem' in item) problems.push(item.problem);
      else if ('lines' in item) lines = item.lines;
      else if ('groups' in item) groups = item.groups;
      else {
        const earlier = tickets.get(item.ticket.id);
        if (earlier) {
          // Two tickets with one id: the later export row wins; the earlier one's rows are accounted for as skipped.
          problems.push({
            line: earlier.lines.first,
            kind: 'duplicate-row',
            skipped: true,
            ticket: earlier.id,
            message: `${earlier.id} appears again on line ${item.ticket.lines.first}; the later one is imported`,
            rows: earlier.lines.count,
          });
        }
        tickets.set(item.ticket.id, item.ticket);
      }
    }
  } catch (error) {
    if (error instanceof ServiceNowColumnsError) throw new DataError(`${options.file}: ${error.message}`);
    throw error;
  } finally {
    progress.done();
  }

  // Links to other tickets (an incident's change and problem) become fields only when the ticket they name exists.
  const linked = resolveLinks([...tickets.values()], new Map(repository.tickets.map((t) => [t.doc.metadata.id, t.doc.spec.type])));
  let plan;
  try {
    plan = planImport(snapshot, linked.tickets, {
      force: options.force === true,
      replaceTimelines: options.replaceTimelines === true,
      groups: { seen: groups, source: options.source },
    });
  } catch (error) {
    if (error instanceof ImportPathError) throw new UsageError(error.message);
    if (error instanceof ImportWouldInvalidateError) {
      const located = resolvePositions(error.diagnostics, (f) => readSourceText(root, f));
      const first = located[0];
      throw new DataError(
        `the import would leave ${located.length} error(s) in ${repoShown} that it cannot attribute to one imported ticket, so nothing was written; ` +
          `the first: ${first?.file ?? ''}${first?.line ? `:${first.line}` : ''} ${first?.message ?? ''} (${first?.rule ?? ''})`,
      );
    }
    throw error;
  }
  // A link of a ticket that is left out, or kept as the repository has it, was not used: nothing to say of it.
  const linkProblems = linked.problems.filter((p) => p.ticket === undefined || (!plan.skipped.has(p.ticket) && !plan.kept.has(p.ticket)));
  const allProblems = [...problems, ...linkProblems, ...plan.problems];
  const rowsSkipped = allProblems.reduce((sum, p) => sum + rowsOf(p), 0);
  const summary: ImportSummary = {
    rowsRead,
    rowsUsed: plan.rowsUsed,
    rowsSkipped,
    ticketsRead: tickets.size,
    written: plan.new,
    updated: plan.updated,
    unchanged: plan.unchanged,
    ticketsSkipped: plan.skipped.size + problems.filter((p) => p.skipped && p.kind === 'invalid-ticket' && p.ticket !== undefined).length,
    ticketsKept: plan.kept.size,
    ...(lines ? { lines } : {}),
    problems: allProblems,
    ...(summaryGroups(plan) ? { groups: summaryGroups(plan)! } : {}),
    files: summaryFiles(plan),
  };
  const dryRun = options.dryRun === true;
  const summaryContext = { source: options.source, file: options.file, repository: repoShown, dryRun };

  if (plan.blocked.length > 0) {
    if (dryRun) printSummary(summary, summaryContext, options.format);
    const names = plan.blocked.map((f) => `${f.file} (${f.blocked === 'edited' ? 'edited by hand since the last import' : 'not written by itsm import'})`);
    throw new UsageError(
      `${plan.blocked.length === 1 ? 'a file' : `${plan.blocked.length} files`} the import must change may not be overwritten: ${names.slice(0, 5).join(', ')}` +
        `${names.length > 5 ? `, … (${names.length - 5} more)` : ''}; nothing was written. Re-run with --force to rewrite ` +
        `${plan.blocked.length === 1 ? 'it' : 'them'} (their other documents are kept, their comments and layout are not)`,
    );
  }
  if (!dryRun) await writePlan(snapshot, plan, repoShown);
  printSummary(summary, summaryContext, options.format);
  if (summary.rowsRead !== summary.rowsUsed + summary.rowsSkipped) {
    writeStderr(`itsm: warning: ${summary.rowsRead} row(s) read but ${summary.rowsUsed} used and ${summary.rowsSkipped} skipped; this is a bug in the ${options.source} importer, please report it`);
  }
  if (summary.rowsRead === 0) {
    // An export of "what changed since yesterday" may be empty: not a failure, but say so.
    writeStderr(`itsm: note: ${options.file} ${summary.lines ? 'has a header and no rows' : 'holds no tickets'}: there was nothing to import`);
  } else if (summary.rowsUsed === 0) {
    writeStderr(`itsm: ${nothingUsedReason(summary, { file: options.file, repository: repoShown, services: serviceIds, dryRun })}`);
    return 1;
  }
  if (options.maxSkipped !== undefined && rowsSkipped > options.maxSkipped) {
    writeStderr(`itsm: ${rowsSkipped} row(s) were skipped; the maximum allowed is ${options.maxSkipped}`);
    return 1;
  }
  return 0;
}

/** Writes the plan's files; a file that cannot be written, or was written by someone else meanwhile, is exit 2. */
async function writePlan(snapshot: RepositorySnapshot, plan: ImportPlan, repoShown: string): Promise<void> {
  await pauseAt('import-before-write');
  try {
    await applyPlan(snapshot, plan, { afterTempWritten: () => pauseAt('import-temp-written') });
  } catch (error) {
    if (!(error instanceof ImportWriteError)) throw error;
    const shown = (path: string) => {
      const inside = relative(snapshot.root, path).split('\\').join('/');
      return repoShown === '.' ? inside : `${repoShown}/${inside}`;
    };
    const n = error.written.length;
    const done = n === 0 ? 'nothing was written; run the import again' : `${n} file(s) of the import were written before it, each complete; run the import again to finish it`;
    if (error.failure instanceof FileChangedError) {
      throw new UsageError(`${shown(error.failure.path)} was ${error.failure.how} by another program while the import ran, so it was not overwritten and no ticket of it was lost; ${done}`);
    }
    if (error.failure instanceof IoError) throw error.failure.restated(shown, `the file was left as it was; ${n === 0 ? 'nothing was written' : done}`);
    throw error.failure;
  }
}

function printSummary(summary: ImportSummary, context: { source: string; file: string; repository: string; dryRun: boolean }, format: 'text' | 'json'): void {
  if (format === 'json') {
    writeStdout(formatSummaryJson(summary, context));
    return;
  }
  const problems = formatProblems(summary.problems, context.file);
  if (problems !== '') process.stderr.write(problems);
  writeStdout(formatSummaryText(summary, context));
}

export interface ServiceNowCliOptions extends ImportCliOptions {
  shape: 'auto' | 'audit' | 'plain';
}

/** `itsm import servicenow FILE`: an incident export, audit log or plain (see src/import/servicenow.ts). */
export async function runImportServiceNow(file: string, options: ServiceNowCliOptions): Promise<number> {
  const notes: string[] = [];
  const code = await runImport(
    (context) => {
      const mapping = context.mapping(serviceNowDefaults(context.repository.config.timeZone), context.readMapping());
      return readServiceNow({
        file: context.file,
        displayFile: context.displayFile,
        mapping,
        services: context.vocabulary.services,
        consumers: context.vocabulary.consumers,
        ...(context.vocabulary.groups ? { groups: context.vocabulary.groups } : {}),
        statusCategories: context.statusCategories,
        shape: options.shape,
        onProgress: (bytes, label) => context.progress(bytes, label),
        notice: (message) => notes.push(message),
      });
    },
    { ...options, source: 'servicenow', file },
  );
  // After the summary, as the Jira and CSV imports print theirs (import-jira-csv.ts).
  for (const note of notes) writeStderr(`itsm: note: ${note}`);
  return code;
}

/**
 * Whether the file holds nothing: 'empty' (0 bytes), 'blank' (only white space and a byte order mark), or undefined.
 * Reads only up to the first other character, so a real export costs one small read.
 */
function blankFile(path: string): 'empty' | 'blank' | undefined {
  if (statSync(path).size === 0) return 'empty';
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) return 'blank';
      const bom = position === 0 && read >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
      for (let i = bom; i < read; i++) {
        const byte = buffer[i]!;
        if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return undefined;
      }
      position += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** "a, b and c", or the first five and how many more. */
function listOf(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max);
  if (ids.length > max) return `${shown.join(', ')} and ${ids.length - max} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
