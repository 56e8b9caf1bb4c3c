import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { DataError } from '../errors.js';
import { readCsvFile, type CsvRecord, type CsvStats } from './csv-stream.js';
import { mappedCsvItems, valueMapsOf, type RepositoryTerms, type MappedCsvOptions, type MappingColumns } from './csv-mapped.js';
import type { JiraMappingFile } from './csv-mapped-schema.js';
import { StatusSemantics } from './csv-mapped-ticket.js';
import { createTimestampReader, type TimestampResult } from './dates.js';
import { GroupResolver } from './groups.js';
import type { LoadedMappingFile } from './mapping-file.js';
import { JIRA_CSV_COLUMNS, JIRA_PRIORITIES, JIRA_SOURCE_LABEL, JIRA_STATUSES, JIRA_TYPES } from './jira-defaults.js';
import { jiraJsonItems, type JiraJsonOptions } from './jira-json.js';
import { jiraCsvPractice } from './jira-practice.js';
import type { AdapterItem, ValueMapping } from './types.js';

/**
 * `itsm import jira FILE`: Jira Service Management exports, either the JSON of the REST API with changelogs
 * (jira-json.ts) or the CSV export, which is a mapped CSV (csv-mapped.ts) with Jira's columns, date format and
 * vocabulary as its mapping. Both read the same defaults (jira-defaults.ts), which a mapping file overrides.
 */

export type JiraFormat = 'json' | 'csv';

/** JSON when the first character that is not white space (or a byte order mark) opens an object or an array. */
export function detectJiraFormat(head: string): JiraFormat {
  const first = /^[\uFEFF\s]*(.)/.exec(head)?.[1];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

export interface JiraPlan {
  json: JiraJsonOptions;
  csv: MappedCsvOptions;
}

/**
 * Jira's CSV export writes dates with the instance's format, by default `dd/MMM/yy h:mm a` (05/Oct/26 2:02 PM). The
 * month name and the two-digit year are turned into numbers (05/10/2026 2:02 PM) before the formats are tried, so
 * formats are written with numeric months and four-digit years. Two-digit years are 2000–2099.
 */
export const JIRA_CSV_DATE_FORMATS = ['D/M/YYYY h:mm A', 'D/M/YYYY H:mm', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD HH:mm:ss'];

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const JIRA_DATE_RE = /^(\d{1,2})\/([A-Za-z]{3,9})\.?\/(\d{2}|\d{4})\b(.*)$/;

/** "05/Oct/26 2:02 PM" → "05/10/2026 2:02 PM"; anything else unchanged. */
export function normaliseJiraDate(text: string): string {
  const m = JIRA_DATE_RE.exec(text.trim());
  if (!m) return text;
  const [, day, monthName, year, rest] = m as unknown as [string, string, string, string, string];
  const lower = monthName.toLowerCase();
  const month = MONTHS[lower] ?? MONTHS[lower.slice(0, 3)];
  if (month === undefined) return text;
  return `${day}/${month}/${year.length === 2 ? `20${year}` : year}${rest}`;
}

export const JIRA_CSV_NOTICE =
  "Jira's CSV export has no history: each timeline holds only the resolution (and the current status, when a \"Status Category Changed\" column dates it), so response times and pauses cannot be measured; import the JSON of /rest/api/2/search?expand=changelog for full timelines";

/** The defaults of Jira with a mapping file's overrides, for both formats. */
export function planJira(
  file: LoadedMappingFile<JiraMappingFile> | undefined,
  context: RepositoryTerms & { notice?: (message: string) => void },
): JiraPlan {
  const defaults: ValueMapping = {
    statuses: JIRA_STATUSES.values,
    priorities: JIRA_PRIORITIES.values,
    service: { column: JIRA_CSV_COLUMNS.service, values: {} },
    timeZone: context.timeZone,
    dateFormats: JIRA_CSV_DATE_FORMATS,
  };
  const { mapping, maps } = valueMapsOf(defaults, JIRA_TYPES, file, context);
  const semantics = new StatusSemantics({ statuses: context.statuses, priorities: [...context.vocabulary.priorities] });
  const columns: MappingColumns = { ...JIRA_CSV_COLUMNS, service: mapping.service.column };
  if (mapping.consumer !== undefined) columns.consumer = mapping.consumer.column;
  // Jira has no assignment group: a mapping file's group.column names the field that plays its part.
  const groups = mapping.group === undefined ? undefined : new GroupResolver(mapping.group.values, context.vocabulary.groups ?? new Set(), mapping.group.column);
  if (mapping.group !== undefined) columns.group = mapping.group.column;
  // Jira's own columns may be absent from an export (a project without components, Jira Server without "Status
  // Category Changed"); a column the mapping file names must be there.
  const optionalColumns: Array<keyof MappingColumns> = ['type', 'status', 'priority', 'resolved', 'statusSince', 'assignee'];
  if (file?.value.service?.column === undefined) optionalColumns.push('service');
  const readTimestamp = createTimestampReader(mapping.dateFormats, mapping.timeZone);
  const readDate = (text: string): TimestampResult => readTimestamp(normaliseJiraDate(text));
  const notice = context.notice;
  const json: JiraJsonOptions = { maps, semantics, serviceColumn: mapping.service.column };
  if (mapping.consumer !== undefined) json.consumerColumn = mapping.consumer.column;
  if (mapping.group !== undefined && groups !== undefined) json.group = { column: mapping.group.column, resolver: groups };
  if (notice) json.notice = notice;
  const csv: MappedCsvOptions = {
    columns,
    optionalColumns,
    maps,
    semantics,
    readDate,
    timeZone: mapping.timeZone,
    labels: { ...JIRA_SOURCE_LABEL },
    historyNotice: JIRA_CSV_NOTICE,
  };
  if (groups !== undefined) csv.groups = groups;
  if (notice) csv.notice = notice;
  csv.practice = jiraCsvPractice(readDate);
  return { json, csv };
}

/** The JSON of the REST API, parsed whole (see jira-json.ts). */
export function jiraJson(source: string, plan: JiraPlan): Iterable<AdapterItem> {
  return jiraJsonItems(source, plan.json);
}

/** The CSV export, streamed; `stats` as for mappedCsvItems. */
export function jiraCsv(records: AsyncIterable<CsvRecord>, plan: JiraPlan, stats?: () => CsvStats | undefined): AsyncGenerator<AdapterItem> {
  return mappedCsvItems(records, plan.csv, stats);
}

export interface ReadJiraOptions extends RepositoryTerms {
  file: string;
  /** Path shown in messages; default `file`. */
  displayFile?: string;
  /** The --map file, read with JiraMappingFile. */
  mappingFile?: LoadedMappingFile<JiraMappingFile>;
  onProgress?: (bytesRead: number, label?: string) => void;
  /** What the reader of the summary should know about the import as a whole (a CSV export has no history). */
  notice?: (message: string) => void;
}

/**
 * Reads a Jira export file, JSON or CSV (told apart by its first character), and yields its tickets. I/O: the JSON
 * is read whole, the CSV streamed. A file that cannot be read at all is a DataError naming it.
 */
export async function* readJira(options: ReadJiraOptions): AsyncGenerator<AdapterItem> {
  const display = options.displayFile ?? options.file;
  const plan = planJira(options.mappingFile, options);
  const head = readHead(options.file);
  try {
    if (detectJiraFormat(head) === 'json') {
      const bytes = readFileSync(options.file);
      options.onProgress?.(0, 'reading JSON');
      yield* jiraJson(bytes.toString('utf8'), plan);
      options.onProgress?.(bytes.length, 'reading JSON');
    } else {
      let stats: CsvStats | undefined;
      const records = readCsvFile(options.file, { onProgress: (bytes) => options.onProgress?.(bytes, 'reading CSV'), onEnd: (read) => (stats = read) });
      yield* jiraCsv(records, plan, () => stats);
    }
  } catch (error) {
    if (error instanceof DataError) throw new DataError(`${display}${/^\d+:\d+:/.test(error.message) ? ':' : ': '}${error.message}`);
    throw error;
  }
}

/** The first bytes of a file, enough to tell JSON from CSV. */
function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(256);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
