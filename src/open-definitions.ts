import type { Diagnostic } from './diagnostics/diagnostic.js';
import { decodeSource } from './load/decode.js';
import { processYamlFile, type FileResult } from './load/file-result.js';
import { isMarkdownFile } from './load/front-matter.js';
import { compileExcludes } from './load/glob.js';
import { readHolidayFiles } from './load/holiday-files.js';
import type { RawDocument } from './load/parse-yaml.js';
import { parseUsageCsv } from './load/usage-csv.js';
import type { Entity, Repository } from './model/repository.js';
import type { UsageRecord } from './model/usage.js';
import { buildContext } from './validate/context.js';
import { definitionsContext } from './validate/ticket-rule.js';
import { checkRules, checkSchemas, CONFIG_FILE, type RejectedDocument } from './validate/index.js';

/**
 * A repository's definitions read from files given in memory (a git revision's blobs) rather than from a folder: the
 * same parser, schema check and rules as `openRepository`, so that the words of `itsm audit` are those of `itsm diff`.
 * Tickets are left out: audit lists changes to definitions, and a year of tickets would cost more than all the rest.
 */

/** One file of a revision, read once per blob and kept as long as the blob is in use. */
export type DefinitionFile =
  | { type: 'yaml'; result: FileResult }
  /** A usage CSV file, its rows already checked against the schema (once per blob, not once per commit). */
  | { type: 'usage'; records: Entity<UsageRecord>[]; diagnostics: Diagnostic[] }
  | { type: 'ics'; text: string }
  | { type: 'unreadable'; diagnostic: Diagnostic }
  /** A file of tickets only: never parsed (see isTicketFileText). */
  | { type: 'tickets' };

/**
 * Whether a YAML file holds tickets only, told from its text without parsing it: every document's top-level `kind:`
 * line (at the start of a line, as a block-style document writes it) says Ticket, and no line opens a flow-style
 * document (`{`), whose kind such a scan would not see. A file that mixes tickets with a definition, or that the scan
 * cannot read, is parsed like any other: the rule errs on the side of reading.
 */
export function isTicketFileText(text: string): boolean {
  if (/^\{/m.test(text)) return false;
  const kinds = /^kind:[ \t]*(["']?)([^\s"'#]*)\1[ \t]*(?:#[^\r\n]*)?\r?$/gm;
  let seen = false;
  for (const match of text.matchAll(kinds)) {
    if (match[2] !== 'Ticket') return false;
    seen = true;
  }
  return seen;
}

/** Reads one file of a revision: decoded, classified, and parsed unless it holds tickets only. */
export function readDefinitionFile(path: string, bytes: Uint8Array): DefinitionFile {
  const decoded = decodeSource(path, bytes);
  if (decoded.diagnostic) return { type: 'unreadable', diagnostic: decoded.diagnostic };
  if (/\.ics$/i.test(path)) return { type: 'ics', text: decoded.text };
  if (/\.usage\.csv$/i.test(path)) {
    const csv = parseUsageCsv(path, decoded.text);
    const checked = checkSchemas([], [{ file: path, rows: csv.rows }]);
    return { type: 'usage', records: checked.repository.usage, diagnostics: [...csv.diagnostics, ...checked.diagnostics] };
  }
  // A Markdown file is read for its front matter alone, whatever its text says about tickets.
  if (!isMarkdownFile(path) && isTicketFileText(decoded.text)) return { type: 'tickets' };
  return { type: 'yaml', result: processYamlFile(path, decoded.text) };
}

export interface OpenedDefinitions {
  repository: Repository;
  /** The revision's problems (its tickets left out); positions as far as known. */
  diagnostics: Diagnostic[];
  /** The files that count: read as definitions (not excluded in itsm.yaml, not tickets only), sorted. */
  files: string[];
}

/**
 * Validates the definitions among `files` (repository-relative path → file), in the loader's order (itsm.yaml first,
 * then by path) and with its rules on which files count (`exclude` of itsm.yaml). `root` is only used to word the
 * message about an iCalendar file that is not read.
 */
export function openDefinitions(files: ReadonlyMap<string, DefinitionFile>, root: string, memo?: HolidayMemo): OpenedDefinitions {
  const config = files.get(CONFIG_FILE);
  const configDocuments = config?.type === 'yaml' ? config.result.documents : [];
  const excluded = compileExcludes(excludesOf(configDocuments));
  const paths = [...files.keys()].filter((p) => p === CONFIG_FILE || !excluded(p)).sort((a, b) => (a === CONFIG_FILE ? -1 : b === CONFIG_FILE ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const documents: RawDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const rejected: RejectedDocument[] = [];
  const usageCsv: Entity<UsageRecord>[] = [];
  const icsFiles = new Map<string, DefinitionFile & { type: 'ics' }>();
  const read: string[] = [];
  const markdownFiles: string[] = [];
  for (const path of paths) {
    const file = files.get(path)!;
    if (isMarkdownFile(path)) markdownFiles.push(path);
    // As the loader counts them: a Markdown file that is not an itsm document (a README) is not a file read.
    const other = file.type === 'yaml' && isMarkdownFile(path) && file.result.documents.length + file.result.diagnostics.length + file.result.rejected.length === 0;
    if (file.type !== 'tickets' && file.type !== 'ics' && !other) read.push(path);
    switch (file.type) {
      case 'yaml':
        for (const d of file.result.documents) if ((d.value as { kind?: unknown } | null)?.kind !== 'Ticket') documents.push(d);
        for (const r of file.result.rejected) if (r.kind !== 'Ticket') rejected.push(r);
        for (const d of file.result.diagnostics) diagnostics.push(d);
        break;
      case 'usage':
        for (const r of file.records) usageCsv.push(r);
        for (const d of file.diagnostics) diagnostics.push(d);
        break;
      case 'ics':
        icsFiles.set(path, file);
        break;
      case 'unreadable':
        diagnostics.push(file.diagnostic);
        break;
      case 'tickets':
        break;
    }
  }
  const holidays = holidaysOf(documents, icsFiles, root, memo);
  for (const d of holidays.diagnostics) diagnostics.push(d);
  // validateDocuments, with the usage CSV rows checked once per file version rather than once per commit (they come
  // after the documents' records, as validateDocuments puts them).
  const checked = checkSchemas(documents, [], rejected, holidays.files);
  for (const r of usageCsv) checked.repository.usage.push(r);
  for (const d of checked.diagnostics) diagnostics.push(d);
  const context = buildContext(checked.repository, checked.rejected, { markdownFiles });
  for (const d of checkRules(definitionsContext(context), [])) diagnostics.push(d);
  return { repository: checked.repository, diagnostics, files: [...read, ...holidays.read].sort() };
}

/** The holidays of the last revision opened, kept by the caller between revisions (see holidaysOf). */
export interface HolidayMemo {
  last?: { references: string; ics: ReadonlyMap<string, DefinitionFile>; result: ReturnType<typeof readHolidayFiles> };
}

/**
 * The iCalendar files the calendars name, read as the loader reads them. Parsing one costs far more than anything else
 * in a revision, and from one commit to the next neither the calendars' references nor the files usually change: then
 * the previous revision's result (kept in `memo`) is the answer.
 */
function holidaysOf(documents: readonly RawDocument[], ics: ReadonlyMap<string, DefinitionFile & { type: 'ics' }>, root: string, memo?: HolidayMemo): ReturnType<typeof readHolidayFiles> {
  const references = JSON.stringify(
    documents.flatMap((d) => {
      const value = d.value as { kind?: unknown; spec?: { holidaysFrom?: unknown } } | null;
      return value?.kind === 'Calendar' && value.spec?.holidaysFrom !== undefined ? [[d.file, d.index, value.spec.holidaysFrom]] : [];
    }),
  );
  const last = memo?.last;
  if (last && last.references === references && last.ics.size === ics.size && [...ics].every(([path, file]) => last.ics.get(path) === file)) return last.result;
  const result = readHolidayFiles(root, documents, [...ics.keys()], (path) => ics.get(path)?.text);
  if (memo) memo.last = { references, ics: new Map(ics), result };
  return result;
}

function excludesOf(documents: readonly RawDocument[]): string[] {
  for (const doc of documents) {
    const spec = (doc.value as { spec?: { exclude?: unknown } } | null)?.spec;
    if (Array.isArray(spec?.exclude)) return spec.exclude.filter((p): p is string => typeof p === 'string' && p !== '');
  }
  return [];
}
