import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { z } from 'zod';
import { DataError, UsageError } from '../../errors.js';
import { findRepositoryRoot } from '../../load/find-repository.js';
import { readSourceText } from '../../load/load-repository.js';
import { resolvePositions } from '../../load/positions.js';
import type { StatusCategory } from '../../model/config.js';
import type { Repository } from '../../model/repository.js';
import { isTimeZone } from '../../model/timezone.js';
import { buildValueMapping, MappingFile, readMappingFile, type LoadedMappingFile, type Vocabulary } from '../../import/mapping-file.js';
import { createProgress } from '../../import/progress.js';
import { readServiceNow, serviceNowDefaults, ServiceNowColumnsError } from '../../import/servicenow.js';
import { formatProblems, formatSummaryJson, formatSummaryText, rowsOf } from '../../import/summary.js';
import type { AdapterItem, ImportedTicket, ImportProblem, ImportSummary, ValueMapping } from '../../import/types.js';
import { applyPlan, ImportPathError, ImportWouldInvalidateError, planImport, readSnapshot, summaryFiles } from '../../import/writer.js';
import { formatDiagnostics } from '../../report/diagnostics/index.js';
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
 * Exit codes: 0 imported (even when rows were skipped: real exports have some, and the summary lists them);
 * 1 when more than --max-skipped rows were skipped, or when the repository has errors before the import;
 * 2 for usage errors: a missing file or itsm.yaml, a bad mapping file, files edited by hand without --force.
 */
export async function runImport(adapterFactory: AdapterFactory, options: RunImportOptions): Promise<number> {
  const file = resolve(options.file);
  if (!existsSync(file)) throw new UsageError(`no such file: ${options.file}`);
  if (!statSync(file).isFile()) throw new UsageError(`not a file: ${options.file}`);
  // The repository --repo is in, found like git finds .git (the nearest folder at or above it with itsm.yaml).
  const root = findRepositoryRoot(options.repo, '--repo');
  const repoShown = displayRoot(relative(process.cwd(), root));
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw new UsageError(`--time-zone: expected an IANA time zone such as "America/Sao_Paulo" or "UTC" but found "${options.timeZone}"`);
  }

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
  };
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
      const settings: { file?: LoadedMappingFile; timeZone?: string } = {};
      if (mappingFile) settings.file = mappingFile;
      if (options.timeZone !== undefined) settings.timeZone = options.timeZone;
      return buildValueMapping(defaults, vocabulary, settings);
    },
    progress: (bytes, label) => {
      if (label !== undefined) lastLabel = label;
      progress.update({ bytes, rows: rowsRead, label: lastLabel });
    },
  };

  const tickets = new Map<string, ImportedTicket>();
  const problems: ImportProblem[] = [];
  try {
    for await (const item of await adapterFactory(context)) {
      if ('rows' in item) rowsRead += item.rows;
      else if ('problem' in item) problems.push(item.problem);
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

  let plan;
  try {
    plan = planImport(snapshot, [...tickets.values()], { force: options.force === true });
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
  const allProblems = [...problems, ...plan.problems];
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
    problems: allProblems,
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
  if (!dryRun) applyPlan(root, plan);
  printSummary(summary, summaryContext, options.format);
  if (summary.rowsRead !== summary.rowsUsed + summary.rowsSkipped) {
    writeStderr(`itsm: warning: ${summary.rowsRead} row(s) read but ${summary.rowsUsed} used and ${summary.rowsSkipped} skipped; this is a bug in the ${options.source} importer, please report it`);
  }
  if (options.maxSkipped !== undefined && rowsSkipped > options.maxSkipped) {
    writeStderr(`itsm: ${rowsSkipped} row(s) were skipped; the maximum allowed is ${options.maxSkipped}`);
    return 1;
  }
  return 0;
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
  return runImport(
    (context) => {
      const mapping = context.mapping(serviceNowDefaults(context.repository.config.timeZone), context.readMapping());
      return readServiceNow({
        file: context.file,
        displayFile: context.displayFile,
        mapping,
        services: context.vocabulary.services,
        consumers: context.vocabulary.consumers,
        statusCategories: context.statusCategories,
        shape: options.shape,
        onProgress: (bytes, label) => context.progress(bytes, label),
      });
    },
    { ...options, source: 'servicenow', file },
  );
}
