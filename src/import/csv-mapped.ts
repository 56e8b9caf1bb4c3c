import { DataError, UsageError } from '../errors.js';
import type { StatusDefinition } from '../model/config.js';
import type { TicketType } from '../model/ticket-type.js';
import { inputLines, malformedRow, readCsvFile, type CsvRecord, type CsvStats } from './csv-stream.js';
import type { CsvColumns, CsvMappingFile, JiraMappingFile } from './csv-mapped-schema.js';
import {
  finishTicket,
  StatusSemantics,
  type DraftEvent,
  type Stamp,
  type TicketDraft,
} from './csv-mapped-ticket.js';
import {
  buildValueMaps,
  resolveConsumer,
  resolvePriority,
  resolveService,
  resolveStatus,
  resolveType,
  type Complaint,
  type Resolved,
  type ValueMaps,
  type ValueTable,
} from './csv-mapped-values.js';
import { createTimestampReader, isMissing, type TimestampResult } from './dates.js';
import { GroupResolver, unmappedGroupMessage } from './groups.js';
import { buildValueMapping, type LoadedMappingFile, type MappingFile, type MappingOverrides, type Vocabulary } from './mapping-file.js';
import type { AdapterItem, ImportedTicket, ImportProblem, ValueMapping } from './types.js';

/**
 * `itsm import csv FILE --map MAPPING.yaml`: tickets from any tool's CSV export, read through a mapping file
 * (csv-mapped-schema.ts). Two layouts:
 *
 * - one row per ticket (the usual export): the timeline is what the row's dates say — resolved, closed, and the
 *   current status when a column dates it — because the export holds no history;
 * - one row per update (an audit log, like ServiceNow's): selected by naming the `updated` column; each row gives
 *   the ticket's status and priority at that moment, and the timeline is the changes between consecutive rows.
 *
 * Rows are streamed. One-row-per-ticket imports yield each ticket as its row is read and keep only a fingerprint
 * per ticket id (to report duplicates); one-row-per-update imports keep each ticket's compact changes until the end
 * of the file, because the rows of a ticket may be anywhere in it.
 */

export interface MappedCsvOptions {
  columns: MappingColumns;
  /** Columns that may be missing from the header (a preset's, like Jira's); the others must be there. */
  optionalColumns?: ReadonlyArray<keyof MappingColumns>;
  maps: ValueMaps;
  semantics: StatusSemantics;
  /** Reads one timestamp cell (formats and zone of the mapping). */
  readDate: (text: string) => TimestampResult;
  /** The zone `readDate` reads naive timestamps in, for messages. */
  timeZone: string;
  /** Labels put on every ticket, e.g. { 'itsm/source': 'csv' }. */
  labels: Record<string, string>;
  /** Called with what the reader of the summary should know about the import as a whole. */
  notice?: (message: string) => void;
  /** The notice for a one-row-per-ticket import, whose timelines hold no history. */
  historyNotice?: string;
  /** The field separator, when it is not ",". */
  delimiter?: string;
  /** Resolves the group column's values (`columns.group`, from the mapping's group.column) to group ids. */
  groups?: GroupResolver;
  /**
   * What a source reads of a one-row-per-ticket export beyond the mapped columns (Jira's change fields and issue
   * links, jira-practice.ts): given the header, the reader of each row.
   */
  practice?: (header: readonly string[]) => PracticeRow;
}

/** Reads a row's change record and links; `note` reports a correction (the row is used). */
export type PracticeRow = (cells: readonly string[], type: TicketType, note: (message: string) => void) => Pick<ImportedTicket, 'change' | 'maintenance' | 'links' | 'annotations'>;

/** What an import needs to know of the repository it imports into. */
export interface RepositoryTerms {
  /** The repository's statuses, priorities, services and consumers: what mapped values may be. */
  vocabulary: Vocabulary;
  /** The repository's statuses with their categories (what each means to the clocks). */
  statuses: readonly StatusDefinition[];
  /** The zone of naive timestamps when the mapping names none: the repository's. */
  timeZone: string;
  /** `--time-zone`, which wins over the mapping file's. */
  timeZoneOverride?: string;
  /** `--default-service`, which wins over the mapping file's `service.fallback`. */
  serviceFallback?: string;
}

/** Default formats: ISO 8601 dates and times without an offset, as spreadsheets write them. */
export const DEFAULT_CSV_DATE_FORMATS = ['YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD[T]HH:mm:ss', 'YYYY-MM-DD[T]HH:mm'];

export const HISTORY_NOTICE =
  'this export has one row per ticket and no history: each timeline holds only the resolution and closure dates (and the current status, when a column dates it), so response times and pauses cannot be measured';

/**
 * The value tables of an import: the source's defaults, the mapping file over them (checked against the repository
 * by mapping-file.ts's buildValueMapping, which reports an id the repository lacks at its line), and the types and
 * defaults that the CSV and Jira mapping files add.
 */
export function valueMapsOf(
  defaults: ValueMapping,
  defaultTypes: ValueTable<TicketType>,
  file: LoadedMappingFile<CsvMappingFile | JiraMappingFile> | undefined,
  context: RepositoryTerms,
): { mapping: ValueMapping; maps: ValueMaps } {
  const options: { file?: LoadedMappingFile<MappingFile> } & MappingOverrides = {};
  if (file) options.file = file;
  if (context.timeZoneOverride !== undefined) options.timeZone = context.timeZoneOverride;
  if (context.serviceFallback !== undefined) options.serviceFallback = context.serviceFallback;
  const mapping = buildValueMapping(defaults, context.vocabulary, options);
  const fileDefaults = file?.value.defaults;
  if (fileDefaults?.priority !== undefined && !context.vocabulary.priorities.has(fileDefaults.priority)) {
    throw new UsageError(`${file!.locate(['defaults', 'priority'])}: priority "${fileDefaults.priority}" does not exist in the repository`);
  }
  const maps = buildValueMaps(
    {
      types: { values: { ...defaultTypes.values, ...file?.value.types }, fallback: fileDefaults?.type ?? defaultTypes.fallback },
      statuses: { values: mapping.statuses },
      priorities: { values: mapping.priorities, fallback: fileDefaults?.priority },
      services: { values: mapping.service.values, fallback: mapping.service.fallback },
      consumers: { values: mapping.consumer?.values ?? {}, fallback: mapping.consumer?.fallback },
    },
    {
      statuses: [...context.vocabulary.statuses],
      priorities: [...context.vocabulary.priorities],
      services: [...context.vocabulary.services],
      consumers: [...context.vocabulary.consumers],
    },
  );
  return { mapping, maps };
}

/** Everything the adapter needs, from a mapping file that passed its schema and the repository it imports into. */
export function planMappedCsv(file: LoadedMappingFile<CsvMappingFile>, context: RepositoryTerms): MappedCsvOptions {
  const value = file.value;
  const defaults: ValueMapping = {
    statuses: {},
    priorities: {},
    service: { column: value.service?.column ?? '', values: {} },
    timeZone: context.timeZone,
    dateFormats: DEFAULT_CSV_DATE_FORMATS,
  };
  // Without a type column every ticket has the default type, and is an incident when there is none either.
  const defaultTypes: ValueTable<TicketType> = { values: {}, fallback: value.columns.type === undefined ? 'incident' : undefined };
  const { mapping, maps } = valueMapsOf(defaults, defaultTypes, file, context);
  const columns: MappingColumns = { ...value.columns };
  if (value.service?.column !== undefined) columns.service = value.service.column;
  if (mapping.consumer !== undefined) columns.consumer = mapping.consumer.column;
  if (mapping.group !== undefined) columns.group = mapping.group.column;
  return {
    columns,
    ...(mapping.group === undefined ? {} : { groups: new GroupResolver(mapping.group.values, context.vocabulary.groups ?? new Set(), mapping.group.column) }),
    maps,
    semantics: new StatusSemantics({ statuses: context.statuses, priorities: [...context.vocabulary.priorities] }),
    readDate: createTimestampReader(mapping.dateFormats, mapping.timeZone),
    timeZone: mapping.timeZone,
    labels: { 'itsm/source': 'csv' },
    historyNotice: HISTORY_NOTICE,
    ...(value.delimiter === undefined ? {} : { delimiter: value.delimiter }),
  };
}

/** The columns an adapter reads: the mapping file's, with the service and consumer columns of its references. */
export interface MappingColumns extends CsvColumns {
  service?: string;
  consumer?: string;
  /** The assignment group's column (the mapping's group.column). */
  group?: string;
}

type ColumnKey = keyof MappingColumns;

/**
 * The positions of each mapped column in the header (a column may repeat, as Jira repeats "Component/s"), and how
 * many columns the header has.
 */
type Header = Partial<Record<ColumnKey, number[]>> & { width: number };

function readHeader(fields: readonly string[], columns: MappingColumns, optional: ReadonlyArray<ColumnKey> = []): Header {
  const header: Header = { width: fields.length };
  const normalised = fields.map((f) => f.trim().toLowerCase());
  const missing: string[] = [];
  for (const [key, name] of Object.entries(columns) as Array<[ColumnKey, string | undefined]>) {
    if (name === undefined) continue;
    let positions = indexesOf(fields, (f) => f === name);
    if (positions.length === 0) positions = indexesOf(normalised, (f) => f === name.trim().toLowerCase());
    // Jira names custom fields "Custom field (Organizations)" in its CSV header.
    if (positions.length === 0) positions = indexesOf(normalised, (f) => f === `custom field (${name.trim().toLowerCase()})`);
    if (positions.length > 0) header[key] = positions;
    else if (!optional.includes(key)) missing.push(`"${name}" (columns.${key})`);
  }
  if (missing.length > 0) {
    const found = fields.map((f) => JSON.stringify(f)).join(', ');
    // One column that holds separators: the file is split with another delimiter than the mapping's.
    const delimiterHint = fields.length === 1 && /[,;\t|]/.test(fields[0] ?? '') ? ' (is "delimiter" in the mapping file right?)' : '';
    throw new DataError(`the header has no column ${missing.join(', ')}; it has ${found}${delimiterHint}`);
  }
  return header;
}

function indexesOf(values: readonly string[], test: (value: string) => boolean): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    if (test(v)) out.push(i);
  });
  return out;
}

/** A 32-bit FNV-1a hash of a row, to tell identical duplicate rows from different ones without keeping the rows. */
function fingerprint(fields: readonly string[]): number {
  let hash = 0x811c9dc5;
  const text = fields.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** One row, read through the header: the first non-empty cell of a column, or all of a repeated column's cells. */
class Row {
  constructor(
    readonly record: CsvRecord,
    readonly header: Header,
  ) {}

  get line(): number {
    return this.record.line;
  }

  value(key: ColumnKey): string | undefined {
    for (const i of this.header[key] ?? []) {
      const cell = this.record.fields[i];
      if (cell !== undefined && cell.trim() !== '') return cell.trim();
    }
    return undefined;
  }

  values(key: ColumnKey): string[] {
    return (this.header[key] ?? []).map((i) => this.record.fields[i]?.trim() ?? '').filter((v) => v !== '');
  }
}

type Problem = Omit<ImportProblem, 'line' | 'ticket'>;

/**
 * Yields the tickets and problems of a CSV export, and `{ rows: n }` as rows are read. The first record is the header.
 * DataError when the file is empty or its header lacks a column the mapping names. `stats`, when given, says how the
 * reader spent the input's lines once it has read them all: they are then yielded as `{ lines }`.
 */
export async function* mappedCsvItems(records: AsyncIterable<CsvRecord>, options: MappedCsvOptions, stats?: () => CsvStats | undefined): AsyncGenerator<AdapterItem> {
  const iterator = records[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new DataError('the file is empty: expected a header row naming the columns');
  const header = readHeader(first.value.fields, options.columns, options.optionalColumns);
  const rest: AsyncIterable<CsvRecord> = { [Symbol.asyncIterator]: () => iterator };
  if (options.columns.updated === undefined) {
    yield* ticketRows(rest, header, options, options.practice?.(first.value.fields));
    if (options.historyNotice) options.notice?.(options.historyNotice);
  } else {
    yield* updateRows(rest, header, options);
  }
  const read = stats?.();
  if (read) yield { lines: inputLines(read, first.value) };
  const groups = options.groups?.seen() ?? [];
  if (groups.length > 0) yield { groups };
}

/** A record that cannot be a row of the file (not valid CSV, or a quote that swallowed lines): its problem. */
function malformedProblem(record: CsvRecord, header: Header, id: string | undefined, delimiter: string | undefined): ImportProblem | undefined {
  const malformed = malformedRow(record, header.width, delimiter === undefined ? {} : { delimiter });
  if (!malformed) return undefined;
  // A row over several lines says already that its lines are skipped.
  const message = malformed.lastLine === undefined ? `${malformed.message.replace(/^the row is not well-formed CSV/, 'the row is not valid CSV')}; it is skipped` : malformed.message;
  const problem = problemAt(record.line, id, { kind: 'invalid-ticket', skipped: true, message });
  if (malformed.lastLine !== undefined) problem.lastLine = malformed.lastLine;
  return problem;
}

/** Rows are counted to the caller in batches, so that a progress bar does not cost a yield per row. */
const ROWS_BATCH = 1000;

// ---------------------------------------------------------------------------------------------------------------
// One row per ticket.

async function* ticketRows(records: AsyncIterable<CsvRecord>, header: Header, options: MappedCsvOptions, practice?: PracticeRow): AsyncGenerator<AdapterItem> {
  const seen = new Map<string, { line: number; fingerprint: number }>();
  let pending = 0;
  for await (const record of records) {
    pending++;
    const row = new Row(record, header);
    const id = row.value('id');
    const malformed = malformedProblem(record, header, id, options.delimiter);
    if (malformed) {
      yield { problem: malformed };
    } else if (id === undefined) {
      yield { problem: problemAt(row.line, undefined, { kind: 'missing-field', skipped: true, message: `the row has no ticket id (${options.columns.id}); it is skipped` }) };
    } else {
      const print = fingerprint(record.fields);
      const earlier = seen.get(id);
      if (earlier) {
        const same = earlier.fingerprint === print ? 'an identical copy of' : 'different from';
        yield { problem: problemAt(row.line, id, { kind: 'duplicate-row', skipped: true, message: `ticket ${id} appears again, ${same} line ${earlier.line}; the first row is imported` }) };
      } else {
        seen.set(id, { line: row.line, fingerprint: print });
        yield* ticketFromRow(row, id, options, practice);
      }
    }
    if (pending >= ROWS_BATCH) {
      yield { rows: pending };
      pending = 0;
    }
  }
  if (pending > 0) yield { rows: pending };
}

function problemAt(line: number, ticket: string | undefined, problem: Problem): ImportProblem {
  return ticket === undefined ? { line, ...problem } : { line, ticket, ...problem };
}

/**
 * Collects the problems of a row (or of a ticket's rows): `take` gives a resolved value, or undefined after recording
 * why there is none; `skipped` says whether the ticket cannot be valid.
 */
class Complaints {
  readonly problems: ImportProblem[] = [];
  skipped = false;

  constructor(
    private readonly line: number,
    private readonly ticket: string,
  ) {}

  add(complaint: Omit<Complaint, 'skip'> & { skip?: boolean }, line = this.line): void {
    const skipped = complaint.skip ?? false;
    // One skipping problem per ticket: the row is accounted for once.
    if (skipped && this.skipped) return;
    if (this.problems.some((p) => p.line === line && p.message === complaint.message)) return;
    if (skipped) this.skipped = true;
    const problem: ImportProblem = { line, ticket: this.ticket, kind: complaint.kind, skipped, message: complaint.message };
    if (complaint.unmapped) problem.unmapped = complaint.unmapped;
    this.problems.push(problem);
  }

  take<T>(resolved: Resolved<T>, line = this.line): T | undefined {
    if ('complaint' in resolved) {
      this.add(resolved.complaint, line);
      return undefined;
    }
    if (resolved.note) this.add(resolved.note, line);
    return resolved.value;
  }
}

function stampOf(result: TimestampResult): Stamp | undefined {
  return result.ok ? { ms: result.ms, at: result.iso } : undefined;
}

/** A date cell: undefined when empty, else the instant or a complaint naming the column. */
function readDateCell(options: MappedCsvOptions, row: Row, key: ColumnKey, complaints: Complaints, required: boolean): Stamp | undefined {
  const raw = row.value(key);
  const name = options.columns[key];
  if (raw === undefined || isMissing(raw)) {
    if (required) complaints.add({ kind: 'missing-field', skip: true, message: `${name} is empty; the ticket is skipped` });
    return undefined;
  }
  const result = options.readDate(raw);
  if (!result.ok) {
    const reason = result.reason;
    const consequence = required ? 'the ticket is skipped' : 'it is left out';
    complaints.add({ kind: 'unparseable-date', skip: required, message: `${name}: ${reason}; ${consequence}` });
    return undefined;
  }
  // A wall-clock time on a night the clocks changed is used, and reported as a correction (as the ServiceNow import does).
  if (result.adjusted === 'gap') {
    complaints.add({ kind: 'unparseable-date', message: `${name}: ${JSON.stringify(raw)} does not exist in ${options.timeZone} (the clocks skipped it); read as ${result.iso}` });
  } else if (result.adjusted === 'overlap') {
    complaints.add({ kind: 'unparseable-date', message: `${name}: ${JSON.stringify(raw)} happened twice in ${options.timeZone} (the clocks went back); read as the first, ${result.iso}` });
  }
  return stampOf(result);
}

/** The fields every layout reads the same way: type, title, service, consumer. */
function commonFields(row: Row, id: string, options: MappedCsvOptions, complaints: Complaints) {
  const { columns, maps } = options;
  const type = complaints.take(resolveType(maps, row.value('type'), columns.type ?? 'type'));
  const service = complaints.take(resolveService(maps, row.values('service'), columns.service ?? 'service'));
  const consumer = columns.consumer === undefined ? undefined : complaints.take(resolveConsumer(maps, row.values('consumer'), columns.consumer));
  let title = row.value('title');
  if (title === undefined) {
    complaints.add({ kind: 'missing-field', message: `${columns.title} is empty; the ticket id is used as the title` });
    title = id;
  }
  return { type, service, consumer, title };
}

/**
 * The row's assignment group (an id) and assignee, when the mapping names their columns; a missing value (`?`, empty)
 * is none, and a group value that gives no id is reported (the row is used without it).
 */
function assignmentsOf(row: Row, options: MappedCsvOptions, complaints: Complaints): { group?: string; assignee?: string } {
  const out: { group?: string; assignee?: string } = {};
  if (options.groups !== undefined) {
    const resolved = options.groups.resolve(row.value('group'));
    if ('id' in resolved) out.group = resolved.id;
    else if ('unmapped' in resolved) complaints.add({ kind: 'missing-field', message: unmappedGroupMessage(resolved.unmapped), unmapped: resolved.unmapped });
  }
  const assignee = row.value('assignee');
  if (assignee !== undefined && !isMissing(assignee)) out.assignee = assignee.replace(/\s+/g, ' ');
  return out;
}

/** The assignment fields a mapping reads (ImportedTicket.assignmentFields). */
function assignmentFieldsOf(options: MappedCsvOptions, header: Header): Array<'group' | 'assignee'> {
  return [...(options.groups !== undefined ? (['group'] as const) : []), ...(header.assignee !== undefined ? (['assignee'] as const) : [])];
}

function* ticketFromRow(row: Row, id: string, options: MappedCsvOptions, practice?: PracticeRow): Generator<AdapterItem> {
  const { columns, maps, semantics } = options;
  const complaints = new Complaints(row.line, id);
  const opened = readDateCell(options, row, 'opened', complaints, true);
  const { type, service, consumer, title } = commonFields(row, id, options, complaints);
  const priority = complaints.take(resolvePriority(maps, row.value('priority'), columns.priority ?? 'priority', true));
  const current = columns.status === undefined ? undefined : complaints.take(resolveStatus(maps, row.value('status'), columns.status));
  const resolved = readDateCell(options, row, 'resolved', complaints, false);
  const closed = readDateCell(options, row, 'closed', complaints, false);
  const since = readDateCell(options, row, 'statusSince', complaints, false);
  // One row per ticket has no history of assignments: the row's group and assignee are the ticket's from its opening.
  const assignments = assignmentsOf(row, options, complaints);
  if (complaints.skipped || opened === undefined || type === undefined || service === undefined || priority === undefined) {
    for (const problem of complaints.problems) yield { problem };
    return;
  }
  const draft: TicketDraft = {
    id,
    type,
    title,
    service,
    priority,
    opened,
    events: [],
    lines: { first: row.line, last: row.line, count: 1 },
    labels: { ...options.labels },
  };
  if (consumer !== undefined) draft.consumer = consumer;
  Object.assign(draft, assignments);
  draft.assignmentFields = assignmentFieldsOf(options, row.header);
  if (resolved) draft.resolved = { ...resolved, line: row.line };
  if (closed) draft.closed = { ...closed, line: row.line };
  if (current !== undefined) draft.current = since ? { status: current, since, line: row.line } : { status: current, line: row.line };
  if (practice !== undefined) {
    const { annotations, ...fields } = practice(row.record.fields, type, (message) => complaints.add({ kind: 'missing-field', message }));
    if (annotations !== undefined) draft.annotations = { ...draft.annotations, ...annotations };
    if (fields.change !== undefined || fields.maintenance !== undefined || fields.links !== undefined) draft.practice = fields;
  }
  const finished = finishTicket(draft, semantics);
  for (const problem of [...complaints.problems, ...finished.problems]) yield { problem };
  if (finished.ticket) yield { ticket: finished.ticket };
}

// ---------------------------------------------------------------------------------------------------------------
// One row per update.

interface Update extends DraftEvent {
  /** Order of reading, to keep equal instants in file order. */
  seq: number;
  /** A priority cell the mapping does not know, reported once the order of the updates is known. */
  rawPriority?: string;
}

/** What is kept of a ticket while its rows are read: the newest row's ticket fields, and the changes. */
interface Group {
  id: string;
  firstLine: number;
  lastLine: number;
  used: number;
  fingerprints: Map<number, number>;
  /** The ticket fields of the newest row (by update time), as cells. */
  newest: { ms: number; row: Row } | undefined;
  /** The newest row with an opening date (an audit log may leave it empty on some rows). */
  newestOpened: { ms: number; row: Row } | undefined;
  updates: Update[];
  /** The newest update time read so far, to report rows that go back in time. */
  latestMs: number;
  latestLine: number;
}

async function* updateRows(records: AsyncIterable<CsvRecord>, header: Header, options: MappedCsvOptions): AsyncGenerator<AdapterItem> {
  const { columns, maps } = options;
  const groups = new Map<string, Group>();
  let pending = 0;
  let seq = 0;
  for await (const record of records) {
    pending++;
    const row = new Row(record, header);
    const id = row.value('id');
    const malformed = malformedProblem(record, header, id, options.delimiter);
    if (malformed) {
      yield { problem: malformed };
    } else if (id === undefined) {
      yield { problem: problemAt(row.line, undefined, { kind: 'missing-field', skipped: true, message: `the row has no ticket id (${columns.id}); it is skipped` }) };
    } else {
      let group = groups.get(id);
      if (group === undefined) {
        group = { id, firstLine: row.line, lastLine: row.line, used: 0, fingerprints: new Map(), newest: undefined, newestOpened: undefined, updates: [], latestMs: -Infinity, latestLine: 0 };
        groups.set(id, group);
      }
      const print = fingerprint(record.fields);
      const copyOf = group.fingerprints.get(print);
      const complaints = new Complaints(row.line, id);
      const at = copyOf === undefined ? readDateCell(options, row, 'updated', complaints, true) : undefined;
      if (copyOf !== undefined) {
        yield { problem: problemAt(row.line, id, { kind: 'duplicate-row', skipped: true, message: `an identical copy of line ${copyOf}; it is skipped` }) };
      } else if (at === undefined) {
        for (const problem of complaints.problems) yield { problem: { ...problem, message: problem.message.replace('the ticket is skipped', 'the row is skipped') } };
      } else {
        group.fingerprints.set(print, row.line);
        group.used++;
        group.lastLine = row.line;
        if (at.ms < group.latestMs) {
          complaints.add({ kind: 'out-of-order', message: `the update at ${at.at} is earlier than the one on line ${group.latestLine}; the updates are put in time order` });
        } else {
          group.latestMs = at.ms;
          group.latestLine = row.line;
        }
        if (group.newest === undefined || at.ms >= group.newest.ms) group.newest = { ms: at.ms, row };
        if (row.value('opened') !== undefined && (group.newestOpened === undefined || at.ms >= group.newestOpened.ms)) group.newestOpened = { ms: at.ms, row };
        const update: Update = { ...at, line: row.line, seq: seq++ };
        const status = columns.status === undefined ? undefined : complaints.take(resolveStatus(maps, row.value('status'), columns.status));
        if (status !== undefined) update.status = status;
        // An unmapped priority is reported when the order is known: on the first update it is the opening priority.
        const priorityCell = row.value('priority');
        const priority = maps.priorities.get(priorityCell);
        if (priority) update.priority = priority.value;
        else if (priorityCell !== undefined) update.rawPriority = priorityCell;
        const actor = row.value('actor');
        if (actor !== undefined) update.actor = actor;
        Object.assign(update, assignmentsOf(row, options, complaints));
        group.updates.push(update);
        for (const problem of complaints.problems) yield { problem };
      }
    }
    if (pending >= ROWS_BATCH) {
      yield { rows: pending };
      pending = 0;
    }
  }
  if (pending > 0) yield { rows: pending };
  for (const group of groups.values()) {
    if (group.used > 0) yield* ticketFromUpdates(group, options);
  }
}

function* ticketFromUpdates(group: Group, options: MappedCsvOptions): Generator<AdapterItem> {
  const { columns, maps, semantics } = options;
  const newest = group.newest!.row;
  const updates = group.updates.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  const complaints = new Complaints(group.firstLine, group.id);
  const skippedRows = group.used === 1 ? 'its row is skipped' : `its ${group.used} rows are skipped`;
  const skipMessage = (message: string) => message.replace('the ticket is skipped', `the ticket is skipped (${skippedRows})`);

  const { type, service, consumer, title } = commonFields(newest, group.id, options, complaints);
  // The opening: the opened column of the newest row that has one, else the first update.
  const opened =
    columns.opened === undefined ? { ms: updates[0]!.ms, at: updates[0]!.at } : readDateCell(options, group.newestOpened?.row ?? newest, 'opened', complaints, true);
  // The opening priority is the first update's; a later unknown priority is left out of its change.
  const firstPriority = updates.find((u) => u.priority !== undefined || u.rawPriority !== undefined);
  let priority: string | undefined;
  if (firstPriority?.priority !== undefined) priority = firstPriority.priority;
  else complaints.take(resolvePriority(maps, firstPriority?.rawPriority, columns.priority ?? 'priority', true), firstPriority?.line);
  for (const u of updates) {
    if (u.rawPriority !== undefined && u !== firstPriority) complaints.take(resolvePriority(maps, u.rawPriority, columns.priority ?? 'priority', false), u.line);
  }
  const resolved = readDateCell(options, newest, 'resolved', complaints, false);
  const closed = readDateCell(options, newest, 'closed', complaints, false);

  const rows = (problem: ImportProblem): ImportProblem => (problem.skipped ? { ...problem, message: skipMessage(problem.message), rows: group.used } : problem);
  if (complaints.skipped || opened === undefined || type === undefined || service === undefined || priority === undefined) {
    for (const problem of complaints.problems) yield { problem: rows(problem) };
    return;
  }
  const draft: TicketDraft = {
    id: group.id,
    type,
    title,
    service,
    priority,
    opened,
    events: updates.map(({ seq: _seq, rawPriority: _raw, ...event }) => event),
    lines: { first: group.firstLine, last: group.lastLine, count: group.used },
    labels: { ...options.labels },
  };
  if (consumer !== undefined) draft.consumer = consumer;
  // The first update's group and assignee are the opening's; the later updates that change them are events.
  const firstUpdate = updates[0]!;
  if (firstUpdate.group !== undefined) draft.group = firstUpdate.group;
  if (firstUpdate.assignee !== undefined) draft.assignee = firstUpdate.assignee;
  draft.assignmentFields = assignmentFieldsOf(options, newest.header);
  if (resolved) draft.resolved = { ...resolved, line: newest.line };
  if (closed) draft.closed = { ...closed, line: newest.line };
  const finished = finishTicket(draft, semantics);
  for (const problem of [...complaints.problems, ...finished.problems]) yield { problem: rows(problem) };
  if (finished.ticket) yield { ticket: finished.ticket };
}

export interface ReadMappedCsvOptions extends RepositoryTerms {
  file: string;
  /** Path shown in messages; default `file`. */
  displayFile?: string;
  mappingFile: LoadedMappingFile<CsvMappingFile>;
  onProgress?: (bytesRead: number, label?: string) => void;
  notice?: (message: string) => void;
}

/** Streams a CSV file through its mapping. I/O. A header that lacks a mapped column is a DataError naming the file. */
export async function* readMappedCsv(options: ReadMappedCsvOptions): AsyncGenerator<AdapterItem> {
  const plan = planMappedCsv(options.mappingFile, options);
  if (options.notice) plan.notice = options.notice;
  let stats: CsvStats | undefined;
  const records = readCsvFile(options.file, {
    delimiter: plan.delimiter ?? ',',
    onProgress: (bytes) => options.onProgress?.(bytes, 'reading CSV'),
    onEnd: (read) => (stats = read),
  });
  try {
    yield* mappedCsvItems(records, plan, () => stats);
  } catch (error) {
    if (error instanceof DataError) throw new DataError(`${options.displayFile ?? options.file}: ${error.message}`);
    throw error;
  }
}
