import type { StatusCategory } from '../model/config.js';
import type { ChangeDetails, ChangeOutcome, ChangeRisk, ChangeType } from '../model/change.js';
import type { TicketType } from '../model/ticket-type.js';
import { detach, inputLines, malformedRow, readCsvFile, type CsvRecord, type CsvStats } from './csv-stream.js';
import { createTimestampReader, isMissing, isoOf, type TimestampResult } from './dates.js';
import { GroupResolver, unmappedGroupMessage } from './groups.js';
import { resolveReference } from './mapping-file.js';
import type { AdapterItem, ImportedEvent, ImportedTicket, ImportProblem, TicketLink, UnmappedValue, ValueMapping } from './types.js';

/**
 * ServiceNow incident exports, in the two shapes people have:
 *
 * - The audit log (`sys_audit`-like, the shape of the UCI "incident management process enriched event log"): one row
 *   per update of an incident, with the state and priority at that update, `sys_updated_at` and `sys_mod_count`, and
 *   back-filled columns (`opened_at`, `resolved_at`, `closed_at`, `made_sla`) that carry the incident's final values
 *   on every row. Recognised by its `sys_mod_count` column. Each incident's timeline is built from its rows ordered by
 *   `sys_mod_count`.
 * - The plain list export: one row per incident, its current state, `opened_at`, `resolved_at` and `closed_at`. There
 *   is no history, so the timeline has only the resolution and the closure (and the current state, at
 *   `sys_updated_at`, when it is neither).
 *
 * The list exports of the change_request and problem tables are plain exports too: a record's type comes from its
 * number (CHG, PRB), and practice() reads what a change or a problem records beyond every ticket, and an incident's
 * links to them (docs/import.md, "Changes, problems and their links").
 *
 * Never throws on bad data: every row is either used by a ticket or skipped with a problem that names its line.
 */

/** ServiceNow's incident states (UI labels of the Istanbul-era incident table the UCI log comes from, and newer ones). */
export const SERVICENOW_STATUSES: Readonly<Record<string, string>> = {
  New: 'new',
  Active: 'in-progress',
  'In Progress': 'in-progress',
  'Awaiting User Info': 'awaiting-customer',
  'Awaiting Caller': 'awaiting-customer',
  'Awaiting Vendor': 'awaiting-vendor',
  'Awaiting Problem': 'on-hold',
  'Awaiting Evidence': 'on-hold',
  'Awaiting Change': 'on-hold',
  'On Hold': 'on-hold',
  Resolved: 'resolved',
  Closed: 'closed',
  Canceled: 'cancelled',
  Cancelled: 'cancelled',
  // change_request states (docs/import.md, "Changes, problems and their links"): before the work starts, the
  // work, its review
  Assess: 'new',
  Authorize: 'new',
  Scheduled: 'new',
  Implement: 'in-progress',
  Review: 'resolved',
  // problem states, current and legacy
  'Root Cause Analysis': 'in-progress',
  'Fix in Progress': 'in-progress',
  Open: 'in-progress',
  'Known Error': 'in-progress',
  'Pending Change': 'on-hold',
};

/** change_request `type`, by value or label. */
export const SERVICENOW_CHANGE_TYPES: Readonly<Record<string, ChangeType>> = { standard: 'standard', normal: 'normal', emergency: 'emergency' };

/** change_request `risk` labels (ServiceNow's scale: Very High, High, Moderate, Low). */
export const SERVICENOW_RISKS: Readonly<Record<string, ChangeRisk>> = { 'very high': 'very-high', high: 'high', moderate: 'moderate', low: 'low' };

/**
 * change_request `close_code` → outcome. "Successful with issues" is a change that reached its goal: successful (the
 * annotation servicenow/close_code keeps the nuance); "Unsuccessful" is failed — whether it was backed out is not in
 * the field.
 */
export const SERVICENOW_CLOSE_CODES: Readonly<Record<string, ChangeOutcome>> = {
  successful: 'successful',
  'successful with issues': 'successful',
  unsuccessful: 'failed',
};

export const SERVICENOW_PRIORITIES: Readonly<Record<string, string>> = {
  '1 - Critical': 'P1',
  '2 - High': 'P2',
  '3 - Moderate': 'P3',
  '4 - Low': 'P4',
  // ServiceNow's fifth priority; a repository with P5 maps it, the default vocabulary has none, so it is left unmapped.
};

/** Day-first without padding, as the UCI log writes dates; then ServiceNow's system format (Java yyyy-MM-dd HH:mm:ss). */
export const SERVICENOW_DATE_FORMATS = ['D/M/YYYY H:mm', 'D/M/YYYY H:mm:ss', 'YYYY-MM-DD H:mm:ss', 'YYYY-MM-DD H:mm'];

/** The defaults, overridable by a mapping file. Naive timestamps are read in the repository's own time zone. */
export function serviceNowDefaults(timeZone: string): ValueMapping {
  return {
    statuses: { ...SERVICENOW_STATUSES },
    priorities: { ...SERVICENOW_PRIORITIES },
    service: { column: 'category', values: {} },
    group: { column: DEFAULT_GROUP_COLUMN, values: {} },
    timeZone,
    dateFormats: [...SERVICENOW_DATE_FORMATS],
  };
}

/** The incident table's assignment group field; a mapping file's `group.column` names another. */
const DEFAULT_GROUP_COLUMN = 'assignment_group';

/** Column names as the table's field names; exports made with display labels use the labels, also accepted. */
const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  number: ['number'],
  state: ['incident_state', 'state', 'incident state'],
  priority: ['priority'],
  opened_at: ['opened_at', 'opened'],
  sys_updated_at: ['sys_updated_at', 'sys_updated_on', 'updated'],
  sys_updated_by: ['sys_updated_by', 'updated by'],
  sys_mod_count: ['sys_mod_count', 'updates'],
  resolved_at: ['resolved_at', 'resolved'],
  closed_at: ['closed_at', 'closed'],
  made_sla: ['made_sla', 'made sla'],
  short_description: ['short_description', 'short description'],
  category: ['category'],
  subcategory: ['subcategory'],
  u_symptom: ['u_symptom', 'symptom'],
  assigned_to: ['assigned_to', 'assigned to'],
  // The links of an incident (and a problem's change request), and the fields of change_request and problem.
  caused_by: ['caused_by', 'caused by change'],
  problem_id: ['problem_id', 'problem'],
  rfc: ['rfc', 'change request'],
  type: ['type'],
  risk: ['risk'],
  start_date: ['start_date', 'planned start date'],
  end_date: ['end_date', 'planned end date'],
  implementation_plan: ['implementation_plan', 'implementation plan'],
  backout_plan: ['backout_plan', 'backout plan'],
  approval: ['approval'],
  close_code: ['close_code', 'close code'],
  cause_notes: ['cause_notes', 'cause notes'],
  workaround: ['workaround'],
  known_error: ['known_error', 'known error'],
  workaround_communicated_at: ['workaround_communicated_at', 'workaround communicated at'],
};

/** For change_request and problem exports, the columns that name the service, best first (when the mapping keeps `category`). */
const SERVICE_COLUMNS = ['business_service', 'service', 'cmdb_ci', 'configuration item'];

export interface ServiceNowOptions {
  file: string;
  /** Path shown in messages; default `file`. */
  displayFile?: string;
  mapping: ValueMapping;
  /** The repository's services and consumers (what mapped values may be). */
  services: ReadonlySet<string>;
  consumers: ReadonlySet<string>;
  /** The repository's group ids (a value that is one is used as it is); default none. */
  groups?: ReadonlySet<string>;
  /** What each status of the repository means: the initial (new) status, and what a plain export's state implies. */
  statusCategories: ReadonlyMap<string, StatusCategory>;
  /** `auto` (the default): an audit log when there is a `sys_mod_count` column. */
  shape?: 'auto' | 'audit' | 'plain';
  onProgress?: (bytesRead: number, label: string) => void;
  /** Called once per import with what the reader of the summary should know (approvals that are not imported). */
  notice?: (message: string) => void;
}

/** What describe() gives of a ticket: all but its opening, timeline and lines. */
type Described = Omit<ImportedTicket, 'priority' | 'opened' | 'timeline' | 'lines'>;

/** The file's header, with the columns the import reads found by name. */
export class ServiceNowColumnsError extends Error {
  override readonly name = 'ServiceNowColumnsError';
}

interface Columns {
  count: number;
  number: number;
  state: number;
  priority: number;
  opened_at: number;
  sys_updated_at: number;
  sys_updated_by: number;
  sys_mod_count: number;
  resolved_at: number;
  closed_at: number;
  made_sla: number;
  short_description: number;
  category: number;
  subcategory: number;
  u_symptom: number;
  assigned_to: number;
  caused_by: number;
  problem_id: number;
  rfc: number;
  type: number;
  risk: number;
  start_date: number;
  end_date: number;
  implementation_plan: number;
  backout_plan: number;
  approval: number;
  close_code: number;
  cause_notes: number;
  workaround: number;
  known_error: number;
  workaround_communicated_at: number;
  service: number;
  consumer: number;
  /** The assignment group's column; -1 when the export has none. */
  group: number;
}

export function findColumns(header: readonly string[], mapping: ValueMapping, shape: 'audit' | 'plain'): Columns {
  const names = header.map((h) => h.trim().toLowerCase());
  const find = (aliases: readonly string[]) => {
    for (const alias of aliases) {
      const i = names.indexOf(alias);
      if (i >= 0) return i;
    }
    return -1;
  };
  const c = Object.fromEntries(Object.entries(COLUMN_ALIASES).map(([key, aliases]) => [key, find(aliases)])) as Record<keyof typeof COLUMN_ALIASES, number>;
  const required = ['number', 'state', 'priority', 'opened_at', ...(shape === 'audit' ? ['sys_updated_at', 'sys_mod_count'] : [])];
  const missing = required.filter((k) => c[k] === -1).map((k) => `"${k === 'state' ? 'incident_state' : k}"`);
  // A change_request or problem export files its records under a service (business_service) or a configuration item
  // (cmdb_ci): by default they name the service, not the category (software, network…).
  const has = (key: string) => (c[key] ?? -1) >= 0;
  const practiceExport = (has('type') && has('risk')) || has('cause_notes') || has('known_error') || has('workaround');
  const serviceColumn = mapping.service.column.trim().toLowerCase();
  const preferred = practiceExport && serviceColumn === 'category' ? SERVICE_COLUMNS.map((n) => names.indexOf(n)).find((i) => i >= 0) : undefined;
  const service = preferred ?? names.indexOf(serviceColumn);
  if (service === -1 && mapping.service.fallback === undefined) missing.push(`"${mapping.service.column}" (the mapping's service column)`);
  const consumer = mapping.consumer ? names.indexOf(mapping.consumer.column.trim().toLowerCase()) : -1;
  if (mapping.consumer && consumer === -1) missing.push(`"${mapping.consumer.column}" (the mapping's consumer column)`);
  // The default group column (or its label) may be absent: the export then brings no groups. One a mapping names must be there.
  const groupColumn = mapping.group?.column.trim().toLowerCase();
  const groupAliases = groupColumn === DEFAULT_GROUP_COLUMN ? [DEFAULT_GROUP_COLUMN, 'assignment group'] : groupColumn === undefined ? [] : [groupColumn];
  const group = groupAliases.map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1;
  if (group === -1 && groupColumn !== undefined && groupColumn !== DEFAULT_GROUP_COLUMN) missing.push(`"${mapping.group!.column}" (the mapping's group column)`);
  if (missing.length > 0) {
    throw new ServiceNowColumnsError(
      `the file has no column ${missing.join(', ')}; a ServiceNow ${shape === 'audit' ? 'audit log (one row per update)' : 'incident export'} needs ` +
        `number, incident_state, priority, opened_at${shape === 'audit' ? ', sys_updated_at and sys_mod_count' : ''}`,
    );
  }
  return { ...c, count: header.length, service, consumer, group } as Columns;
}

/** The shape of an export, from its header. */
export function shapeOf(header: readonly string[]): 'audit' | 'plain' {
  const names = header.map((h) => h.trim().toLowerCase());
  return COLUMN_ALIASES.sys_mod_count!.some((a) => names.includes(a)) ? 'audit' : 'plain';
}

/** The type of a ticket from ServiceNow's number prefixes; incidents unless the prefix says otherwise. */
export function ticketTypeOf(number: string): TicketType {
  if (/^(REQ|RITM|SCTASK)/i.test(number)) return 'request';
  if (/^PRB/i.test(number)) return 'problem';
  if (/^CHG/i.test(number)) return 'change';
  return 'incident';
}

const ID_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;

/**
 * Reads a ServiceNow export and yields its tickets, its problems and the number of rows read.
 *
 * An audit log is read twice: the first pass counts the rows of each incident, the second groups rows as they arrive
 * and finishes an incident as soon as its last row has been read. Memory is one count per incident plus the rows of
 * the incidents that are still being read: for a file grouped by number (the UCI log is), the rows of one incident,
 * whatever the number of rows; for a file in another order (by update time, say), the rows of the incidents whose
 * updates interleave — never more than the file.
 */
export async function* readServiceNow(options: ServiceNowOptions): AsyncGenerator<AdapterItem> {
  const display = options.displayFile ?? options.file;
  const header = await readHeader(options.file);
  if (header === undefined) return;
  const shape = options.shape === undefined || options.shape === 'auto' ? shapeOf(header.fields) : options.shape;
  const columns = findColumns(header.fields, options.mapping, shape);
  const ctx = new Context(options, columns, header.fields, display);
  let stats: CsvStats | undefined;
  const onEnd = (s: CsvStats) => (stats = s);
  if (shape === 'plain') yield* readPlain(ctx, options, onEnd);
  else yield* readAudit(ctx, options, onEnd);
  if (stats) yield { lines: inputLines(stats, header) };
  const groups = ctx.groups.seen();
  if (groups.length > 0) yield { groups };
  if (ctx.approvals > 0) {
    options.notice?.(
      `column "${header.fields[columns.approval]?.trim() ?? ''}" of ${ctx.approvals} change(s) is ServiceNow's aggregate of their approvers' decisions, without who decided or when ` +
        '(those are in the sysapproval_approver table): no approval is imported; each change keeps the value as the annotation servicenow/approval (docs/import.md#changes-problems-and-their-links)',
    );
  }
}

async function readHeader(file: string): Promise<CsvRecord | undefined> {
  for await (const record of readCsvFile(file, { chunkSize: 64 * 1024 })) return record;
  return undefined;
}

/** What every row needs: the mapping, the date reader, the columns. */
class Context {
  readonly readTimestamp: (text: string) => TimestampResult;
  readonly initialStatus: string;
  readonly labels = { 'itsm/source': 'servicenow' };
  readonly groups: GroupResolver;
  /** Changes read with an aggregate `approval` value, which is not imported as approvals (the notice says so). */
  approvals = 0;
  /** The assignment fields the export has (ImportedTicket.assignmentFields). */
  readonly assignmentFields: Array<'group' | 'assignee'>;

  constructor(
    readonly options: ServiceNowOptions,
    readonly columns: Columns,
    /** The header's column names, as the file writes them (for messages and unmapped values). */
    readonly header: readonly string[],
    readonly display: string,
  ) {
    this.readTimestamp = createTimestampReader(options.mapping.dateFormats, options.mapping.timeZone);
    this.initialStatus = [...options.statusCategories].find(([, category]) => category === 'new')?.[0] ?? 'new';
    this.groups = new GroupResolver(options.mapping.group?.values ?? {}, options.groups ?? new Set(), header[columns.group]?.trim() ?? '');
    this.assignmentFields = [...(columns.group >= 0 ? (['group'] as const) : []), ...(columns.assigned_to >= 0 ? (['assignee'] as const) : [])];
  }

  /**
   * The group id of a row's group value: undefined when the export has no group column, the value is missing (`?`:
   * no change), or it gives no id (then a problem, once per ticket and value: the row is used without it).
   */
  group(raw: string, line: number, ticket: string, problems: ImportProblem[]): string | undefined {
    if (this.columns.group < 0) return undefined;
    const resolved = this.groups.resolve(raw);
    if ('id' in resolved) return resolved.id;
    if ('unmapped' in resolved && !problems.some((p) => p.unmapped?.value === resolved.unmapped.value)) {
      problems.push({ line, kind: 'missing-field', skipped: false, ticket, message: `${ticket}: ${unmappedGroupMessage(resolved.unmapped)}`, unmapped: resolved.unmapped });
    }
    return undefined;
  }

  /** The assignee a row names: undefined when missing (`?`, empty: no change). */
  assignee(raw: string): string | undefined {
    return isMissing(raw) ? undefined : detach(raw.replace(/\s+/g, ' '));
  }

  field(fields: readonly string[], column: number): string {
    return column < 0 ? '' : (fields[column] ?? '').trim();
  }

  /** A column's value, or undefined when the export has no such column or the value is missing (`?`, empty). */
  present(fields: readonly string[], column: number): string | undefined {
    const raw = this.field(fields, column);
    return column < 0 || isMissing(raw) ? undefined : detach(raw);
  }

  /** A row that is not a well-formed record of the file, or has no number: a problem, or undefined if it is fine. */
  rowProblem(record: CsvRecord): ImportProblem | undefined {
    const malformed = malformedRow(record, this.columns.count, { exactFields: true });
    if (malformed) {
      const problem: ImportProblem = { line: record.line, kind: 'missing-field', skipped: true, message: malformed.message };
      if (malformed.lastLine !== undefined) problem.lastLine = malformed.lastLine;
      return problem;
    }
    const number = this.field(record.fields, this.columns.number);
    if (isMissing(number)) return { line: record.line, kind: 'missing-field', skipped: true, message: 'the row has no incident number' };
    if (!ID_RE.test(number)) {
      return { line: record.line, kind: 'invalid-ticket', skipped: true, ticket: number, message: `${JSON.stringify(number)} cannot be a ticket id (letters, digits, ".", "_", "-")` };
    }
    return undefined;
  }

  state(raw: string, line: number, ticket: string): { status: string } | { problem: ImportProblem } {
    const status = this.options.mapping.statuses[raw];
    if (status !== undefined) return { status };
    const hint = SERVICENOW_STATUSES[raw] !== undefined ? `; its default, "${SERVICENOW_STATUSES[raw]}", is not a status of this repository` : '';
    return {
      problem: {
        line,
        kind: 'unknown-state',
        skipped: true,
        ticket,
        message: `${ticket}: state ${JSON.stringify(raw)} is not mapped to a status${hint} (map it under "statuses" in a --map file)`,
        unmapped: this.unmapped('status', this.columns.state, raw),
      },
    };
  }

  /** The value of `column` that maps to nothing, for the summary's list of unmapped values. */
  unmapped(field: UnmappedValue['field'], column: number | string, value: string): UnmappedValue {
    const name = typeof column === 'string' ? column : (this.header[column]?.trim() ?? '');
    return { field, column: name, value: detach(value) };
  }

  priority(raw: string, line: number, ticket: string): { priority: string } | { problem: ImportProblem } {
    const priority = this.options.mapping.priorities[raw];
    if (priority !== undefined) return { priority };
    return {
      problem: {
        line,
        kind: 'unknown-priority',
        skipped: true,
        ticket,
        message: `${ticket}: priority ${JSON.stringify(raw)} is not mapped to a priority (map it under "priorities" in a --map file)`,
        unmapped: this.unmapped('priority', this.columns.priority, raw),
      },
    };
  }

  /** A timestamp, or the problem; a time moved by a DST change is used and reported as a correction. */
  date(raw: string, column: string, line: number, ticket: string, corrections: ImportProblem[]): number | ImportProblem {
    const result = this.readTimestamp(raw);
    if (!result.ok) {
      return { line, kind: 'unparseable-date', skipped: true, ticket, message: `${ticket}: ${column} ${result.reason}` };
    }
    if (result.adjusted) {
      corrections.push({
        line,
        kind: 'unparseable-date',
        skipped: false,
        ticket,
        message:
          result.adjusted === 'gap'
            ? `${ticket}: ${column} ${JSON.stringify(raw)} does not exist in ${this.options.mapping.timeZone} (the clocks skipped it); read as ${result.iso}`
            : `${ticket}: ${column} ${JSON.stringify(raw)} happened twice in ${this.options.mapping.timeZone} (the clocks went back); read as the first, ${result.iso}`,
      });
    }
    return result.ms;
  }

  /**
   * Service, consumer, title, type, labels and annotations, from the row that carries the ticket's final values; and
   * what a change, a problem or an incident records beyond that (practice()). What cannot be read is reported in
   * `corrections` (the row is used).
   */
  describe(number: string, fields: readonly string[], line: number, corrections: ImportProblem[]): Described | { missingService: string } {
    const described = this.describeTicket(number, fields);
    if ('missingService' in described) return described;
    return { ...described, ...this.practice(described, fields, line, corrections) };
  }

  describeTicket(number: string, fields: readonly string[]): Described | { missingService: string } {
    const c = this.columns;
    const serviceValue = this.field(fields, c.service);
    const service = resolveReference(isMissing(serviceValue) ? undefined : serviceValue, this.options.mapping.service, this.options.services);
    if (!service) return { missingService: serviceValue };
    const ticket: Described = {
      id: number,
      type: ticketTypeOf(number),
      service: service.id,
      title: this.title(number, fields),
      labels: { ...this.labels },
    };
    const consumerMapping = this.options.mapping.consumer;
    if (consumerMapping) {
      const value = this.field(fields, c.consumer);
      const consumer = resolveReference(isMissing(value) ? undefined : value, consumerMapping, this.options.consumers);
      if (consumer) ticket.consumer = consumer.id;
    }
    const madeSla = this.field(fields, c.made_sla);
    if (c.made_sla >= 0 && !isMissing(madeSla)) ticket.annotations = { 'servicenow/made_sla': detach(madeSla) };
    return ticket;
  }

  /**
   * The links of the ticket (an incident's `caused_by`, `problem_id` and `rfc`, a problem's `rfc`), the change record
   * of a change and the root cause and workaround of a problem, with the source's own values kept as annotations
   * (docs/import.md, "Changes, problems and their links").
   */
  practice(ticket: Described, fields: readonly string[], line: number, corrections: ImportProblem[]): Partial<ImportedTicket> {
    const c = this.columns;
    const number = ticket.id;
    const out: Partial<ImportedTicket> = {};
    const annotations: Record<string, string> = { ...ticket.annotations };
    const value = (column: number) => this.present(fields, column);
    const links: TicketLink[] = [];
    const cleared: string[] = [];
    const link = (column: number, name: string, field: TicketLink['field']) => {
      const id = value(column);
      if (id === undefined) {
        if (column >= 0) cleared.push(`servicenow/${name}`);
        return;
      }
      annotations[`servicenow/${name}`] = id;
      links.push({ field, id, column: name, annotation: `servicenow/${name}` });
    };
    if (ticket.type === 'incident') {
      link(c.caused_by, 'caused_by', 'causedBy');
      link(c.problem_id, 'problem_id', 'problem');
      // The change that fixed the incident: the format has no field for it on an incident, so it is a related ticket.
      link(c.rfc, 'rfc', 'related');
    }
    if (ticket.type === 'problem') {
      link(c.rfc, 'rfc', 'fixedBy');
      const cause = value(c.cause_notes);
      if (cause !== undefined) out.rootCause = cause;
      const knownError = value(c.known_error);
      if (knownError !== undefined) annotations['servicenow/known_error'] = knownError;
      else if (c.known_error >= 0) cleared.push('servicenow/known_error');
      const workaround = value(c.workaround);
      if (workaround !== undefined) {
        // When it was documented: ServiceNow's "workaround communicated at" when the export has it; else the problem's
        // last update, the latest it can have been (never earlier than the truth: the known error starts no sooner).
        const [column, name] = value(c.workaround_communicated_at) !== undefined ? [c.workaround_communicated_at, 'workaround_communicated_at'] : [c.sys_updated_at, 'sys_updated_on'];
        const raw = value(column);
        const at = raw === undefined ? undefined : this.date(raw, name, line, number, corrections);
        if (typeof at === 'number') out.workaround = { description: workaround, documented: isoOf(at) };
        else corrections.push({ line, kind: 'missing-field', skipped: false, ticket: number, message: `${number}: the workaround has no date (workaround_communicated_at, sys_updated_on); left out` });
      }
    }
    if (ticket.type === 'change') Object.assign(out, this.change(number, fields, line, corrections, annotations, cleared));
    if (links.length > 0) out.links = links;
    if (Object.keys(annotations).length > 0) out.annotations = annotations;
    if (cleared.length > 0) out.clearedAnnotations = cleared;
    return out;
  }

  /** A change_request row's change record and planned window; the aggregate `approval` is kept as an annotation. */
  change(number: string, fields: readonly string[], line: number, corrections: ImportProblem[], annotations: Record<string, string>, cleared: string[]): Partial<ImportedTicket> {
    const c = this.columns;
    const out: Partial<ImportedTicket> = {};
    const value = (column: number) => this.present(fields, column);
    const approval = value(c.approval);
    if (approval !== undefined) {
      annotations['servicenow/approval'] = approval;
      this.approvals++;
    }
    else if (c.approval >= 0) cleared.push('servicenow/approval');
    const closeCode = value(c.close_code);
    if (closeCode !== undefined) annotations['servicenow/close_code'] = closeCode;
    else if (c.close_code >= 0) cleared.push('servicenow/close_code');
    const start = value(c.start_date);
    const end = value(c.end_date);
    if (start !== undefined && end !== undefined) {
      const from = this.date(start, 'start_date', line, number, corrections);
      const to = this.date(end, 'end_date', line, number, corrections);
      if (typeof from !== 'number' || typeof to !== 'number') {
        for (const p of [from, to]) if (typeof p !== 'number') corrections.push({ ...p, skipped: false, message: `${p.message}; the planned window is left out` });
      } else if (to < from) {
        corrections.push({ line, kind: 'out-of-order', skipped: false, ticket: number, message: `${number}: end_date is before start_date; the planned window is left out` });
      } else out.maintenance = { start: isoOf(from), end: isoOf(to) };
    } else if (start !== undefined || end !== undefined) {
      corrections.push({ line, kind: 'missing-field', skipped: false, ticket: number, message: `${number}: the planned window has ${start === undefined ? 'no start_date' : 'no end_date'}; left out` });
    }
    // A change record needs its type and risk (src/model/change.ts): without either, the ticket is a change without one.
    const typeRaw = value(c.type);
    const riskRaw = value(c.risk);
    const type = typeRaw === undefined ? undefined : SERVICENOW_CHANGE_TYPES[typeRaw.toLowerCase()];
    const risk = riskRaw === undefined ? undefined : SERVICENOW_RISKS[riskRaw.toLowerCase()];
    if (type === undefined || risk === undefined) {
      const what = [
        type === undefined ? (typeRaw === undefined ? 'no type' : `type ${JSON.stringify(typeRaw)} (not Standard, Normal or Emergency)`) : undefined,
        risk === undefined ? (riskRaw === undefined ? 'no risk' : `risk ${JSON.stringify(riskRaw)} (not Very High, High, Moderate or Low)`) : undefined,
      ].filter((w) => w !== undefined);
      if (c.type >= 0 || c.risk >= 0) {
        corrections.push({ line, kind: 'missing-field', skipped: false, ticket: number, message: `${number}: ${what.join(' and ')}; imported without its change record (type, risk, plans, outcome)` });
      }
      return out;
    }
    const change: ChangeDetails = { type, risk };
    const implementation = value(c.implementation_plan);
    if (implementation !== undefined) change.implementation = implementation;
    const backout = value(c.backout_plan);
    if (backout !== undefined) change.backout = backout;
    if (closeCode !== undefined) {
      const outcome = SERVICENOW_CLOSE_CODES[closeCode.toLowerCase()];
      if (outcome !== undefined) change.outcome = outcome;
      else corrections.push({ line, kind: 'missing-field', skipped: false, ticket: number, message: `${number}: close_code ${JSON.stringify(closeCode)} is not Successful, Successful with issues or Unsuccessful; no outcome` });
    }
    out.change = change;
    return out;
  }

  /** `short_description` when there is one; else what the row says about the incident (category / subcategory / symptom). */
  title(number: string, fields: readonly string[]): string {
    const c = this.columns;
    const short = this.field(fields, c.short_description);
    if (!isMissing(short)) return detach(short.replace(/\s+/g, ' '));
    const parts = [c.category, c.subcategory, c.u_symptom].map((i) => this.field(fields, i)).filter((v) => !isMissing(v));
    return parts.length > 0 ? detach(parts.join(' / ')) : number;
  }

  /** A ticket left out because its service value maps to no service: the problem, with all the rows it skips. */
  missingService(number: string, value: string, line: number, rows: number): ImportProblem {
    const column = this.columns.service >= 0 ? (this.header[this.columns.service]?.trim() ?? '') : this.options.mapping.service.column;
    const message = isMissing(value)
      ? `${number}: no service: column "${column}" has no value (${JSON.stringify(value)}) and the mapping has no service fallback; not imported`
      : `${number}: no service for ${column} ${JSON.stringify(value)}: it is not mapped, not a service id of the repository, and the mapping has no fallback; not imported`;
    const problem: ImportProblem = { line, kind: 'invalid-ticket', skipped: true, ticket: number, message, unmapped: this.unmapped('service', column, value) };
    if (rows !== 1) problem.rows = rows;
    return problem;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The audit log.

/** What is kept of each update row: a few fields, not the row. */
interface UpdateRow {
  line: number;
  mod: string;
  updated: string;
  state: string;
  priority: string;
  actor: string;
  opened: string;
  /** The assignment group and the assignee as the row writes them. */
  group: string;
  assignee: string;
}

interface Group {
  number: string;
  rows: UpdateRow[];
  /** The fields of the row with the highest sys_mod_count so far (the incident's final values). */
  final: string[];
  finalMod: number;
  problems: ImportProblem[];
}

async function* readAudit(ctx: Context, options: ServiceNowOptions, onEnd: (stats: CsvStats) => void): AsyncGenerator<AdapterItem> {
  const c = ctx.columns;
  // Pass 1: how many rows each incident has, so that pass 2 can finish an incident at its last row.
  const expected = new Map<string, number>();
  let first = true;
  for await (const record of readCsvFile(options.file, { onProgress: (b) => options.onProgress?.(b, 'pass 1/2: counting updates') })) {
    if (first) {
      first = false;
      continue;
    }
    if (ctx.rowProblem(record)) continue;
    const number = ctx.field(record.fields, c.number);
    const count = expected.get(number);
    if (count === undefined) expected.set(detach(number), 1);
    else expected.set(number, count + 1);
  }

  const open = new Map<string, Group>();
  first = true;
  for await (const record of readCsvFile(options.file, { onProgress: (b) => options.onProgress?.(b, 'pass 2/2: importing'), onEnd })) {
    if (first) {
      first = false;
      continue;
    }
    const problem = ctx.rowProblem(record);
    if (problem) {
      yield { rows: 1 };
      yield { problem };
      continue;
    }
    const f = record.fields;
    const number = detach(ctx.field(f, c.number));
    let group = open.get(number);
    if (!group) {
      group = { number, rows: [], final: f, finalMod: -Infinity, problems: [] };
      open.set(number, group);
    }
    const row: UpdateRow = {
      line: record.line,
      mod: ctx.field(f, c.sys_mod_count),
      updated: detach(ctx.field(f, c.sys_updated_at)),
      state: ctx.field(f, c.state),
      priority: ctx.field(f, c.priority),
      // Kept until the incident is finished, and the actor in its ticket: copies, not views on the chunk (detach).
      actor: detach(ctx.field(f, c.sys_updated_by)),
      opened: detach(ctx.field(f, c.opened_at)),
      group: detach(ctx.field(f, c.group)),
      assignee: detach(ctx.field(f, c.assigned_to)),
    };
    group.rows.push(row);
    const mod = Number(row.mod);
    if (Number.isInteger(mod) && mod >= group.finalMod) {
      group.final = f;
      group.finalMod = mod;
    }
    if (group.rows.length >= (expected.get(number) ?? 0)) {
      open.delete(number);
      yield { rows: group.rows.length };
      yield* finishIncident(ctx, group);
    }
  }
  // Only if the file changed between the passes: finish what is left.
  for (const group of open.values()) {
    yield { rows: group.rows.length };
    yield* finishIncident(ctx, group);
  }
}

/**
 * One incident's ticket from its update rows:
 *
 * 1. Each row's state, priority, sys_mod_count and sys_updated_at must be readable; a row that is not is skipped
 *    (unknown-state, unknown-priority, missing-field, unparseable-date). A row identical to an earlier one in all of
 *    these and its actor is a duplicate-row.
 * 2. The rows are ordered by sys_mod_count (then sys_updated_at, then line). A row updated before the incident was
 *    opened is out-of-order. Of the rest, the longest run whose sys_updated_at never goes back is kept, preferring later
 *    rows on a tie; the rows outside it are out-of-order. Where the two orders disagree, the clock of the row's
 *    timestamp cannot be trusted, so the row cannot be placed in the timeline.
 * 3. Each kept row whose state, priority, assignment group or assignee differs from the row before it is a timeline
 *    event. The first state is the repository's initial status (`new`), and the first kept row's priority, group and
 *    assignee are the opening's — unless that row is not update 0: then the log starts later than the incident (an
 *    export of the updates since a date), and the ticket's `since` says from when it speaks, so that a re-import does
 *    not take them for the opening's. A missing group or assignee (`?`) changes nothing.
 */
function* finishIncident(ctx: Context, group: Group): Generator<AdapterItem> {
  const { number } = group;
  const corrections: ImportProblem[] = [];
  const skip = (problem: ImportProblem) => ({ problem });

  // The opening instant: from the final row, else from any row that has one.
  const finalOpened = ctx.field(group.final, ctx.columns.opened_at);
  const openedRaw = [finalOpened, ...group.rows.map((r) => r.opened)].find((v) => !isMissing(v)) ?? finalOpened;
  const opened = ctx.date(openedRaw, 'opened_at', group.rows[0]!.line, number, corrections);
  if (typeof opened !== 'number') {
    yield skip({ ...opened, line: group.rows[0]!.line, rows: group.rows.length, message: `${opened.message}; the incident's ${group.rows.length} row(s) are skipped` });
    return;
  }

  interface Usable extends UpdateRow {
    modNumber: number;
    at: number;
    status: string;
    priorityId: string;
  }
  const usable: Usable[] = [];
  const seen = new Set<string>();
  for (const row of group.rows) {
    const modNumber = Number(row.mod);
    if (row.mod === '' || !Number.isInteger(modNumber) || modNumber < 0) {
      yield skip({ line: row.line, kind: 'missing-field', skipped: true, ticket: number, message: `${number}: sys_mod_count ${JSON.stringify(row.mod)} is not a count of updates` });
      continue;
    }
    const state = ctx.state(row.state, row.line, number);
    if ('problem' in state) {
      yield skip(state.problem);
      continue;
    }
    const priority = ctx.priority(row.priority, row.line, number);
    if ('problem' in priority) {
      yield skip(priority.problem);
      continue;
    }
    const at = ctx.date(row.updated, 'sys_updated_at', row.line, number, corrections);
    if (typeof at !== 'number') {
      yield skip(at);
      continue;
    }
    const key = [row.mod, row.updated, row.state, row.priority, row.actor, row.group, row.assignee].join('\u0000');
    if (seen.has(key)) {
      yield skip({ line: row.line, kind: 'duplicate-row', skipped: true, ticket: number, message: `${number}: update ${row.mod} is listed twice; the repeat is skipped` });
      continue;
    }
    seen.add(key);
    usable.push({
      line: row.line,
      mod: row.mod,
      updated: row.updated,
      state: row.state,
      priority: row.priority,
      actor: row.actor,
      opened: row.opened,
      group: row.group,
      assignee: row.assignee,
      modNumber,
      at,
      status: state.status,
      priorityId: priority.priority,
    });
  }

  usable.sort((a, b) => a.modNumber - b.modNumber || a.at - b.at || a.line - b.line);
  const afterOpening: Usable[] = [];
  for (const row of usable) {
    if (row.at < opened) {
      yield skip({
        line: row.line,
        kind: 'out-of-order',
        skipped: true,
        ticket: number,
        message: `${number}: update ${row.mod} at ${row.updated} is before the incident was opened (${openedRaw})`,
      });
    } else {
      afterOpening.push(row);
    }
  }
  const keep = longestForwardRun(afterOpening.map((r) => r.at));
  const chain: Usable[] = [];
  afterOpening.forEach((row, i) => {
    if (keep.has(i)) chain.push(row);
  });
  for (let i = 0; i < afterOpening.length; i++) {
    if (keep.has(i)) continue;
    const row = afterOpening[i]!;
    yield skip({
      line: row.line,
      kind: 'out-of-order',
      skipped: true,
      ticket: number,
      message: `${number}: update ${row.mod} at ${row.updated} is out of order with the incident's other updates (sys_mod_count and sys_updated_at disagree)`,
    });
  }
  for (const correction of corrections) yield { problem: correction };
  if (chain.length === 0) return;

  const lines = { first: Math.min(...chain.map((r) => r.line)), last: Math.max(...chain.map((r) => r.line)), count: chain.length };
  const practiceProblems: ImportProblem[] = [];
  const described = ctx.describe(number, group.final, lines.last, practiceProblems);
  if ('missingService' in described) {
    yield skip(ctx.missingService(number, described.missingService, lines.first, chain.length));
    return;
  }

  // The first kept row gives the group and assignee at opening; each later row that names another one is a
  // reassignment. A missing value (`?`) changes nothing: the format has no event that unassigns (docs/import.md).
  const assignmentProblems: ImportProblem[] = [];
  const timeline: ImportedEvent[] = [];
  const start = chain[0]!;
  let status = ctx.initialStatus;
  let priority = start.priorityId;
  const openingGroup = ctx.group(start.group, start.line, number, assignmentProblems);
  const openingAssignee = ctx.assignee(start.assignee);
  let heldGroup = openingGroup;
  let heldAssignee = openingAssignee;
  let firstEventIsStart = false;
  for (const row of chain) {
    const event: ImportedEvent = { at: isoOf(row.at) };
    if (row.status !== status) event.status = row.status;
    if (row.priorityId !== priority) event.priority = row.priorityId;
    const rowGroup = ctx.group(row.group, row.line, number, assignmentProblems);
    if (rowGroup !== undefined && rowGroup !== heldGroup) event.group = heldGroup = rowGroup;
    const rowAssignee = ctx.assignee(row.assignee);
    if (rowAssignee !== undefined && rowAssignee !== heldAssignee) event.assignee = heldAssignee = rowAssignee;
    if (event.status === undefined && event.priority === undefined && event.group === undefined && event.assignee === undefined) continue;
    if (row === start) firstEventIsStart = true;
    if (row.actor !== '' && !isMissing(row.actor)) event.actor = row.actor;
    status = row.status;
    priority = row.priorityId;
    timeline.push(event);
  }
  for (const problem of [...assignmentProblems, ...practiceProblems]) yield { problem };
  const actor = start.actor !== '' && !isMissing(start.actor) ? { actor: start.actor } : {};
  const isFirstEvent = timeline.length > 0 && timeline[0]!.at === isoOf(start.at) && firstEventIsStart;
  const since = start.modNumber === 0 ? {} : { since: { at: isoOf(start.at), ...actor, isFirstEvent } };
  yield {
    ticket: {
      ...described,
      priority: start.priorityId,
      opened: isoOf(opened),
      ...(openingGroup === undefined ? {} : { group: openingGroup }),
      ...(openingAssignee === undefined ? {} : { assignee: openingAssignee }),
      ...(ctx.assignmentFields.length > 0 ? { assignmentFields: ctx.assignmentFields } : {}),
      timeline,
      ...since,
      lines,
    },
  };
}

/**
 * Indices of a longest subsequence of `values` that never decreases, preferring later elements on ties (patience
 * sorting, O(n log n)).
 */
export function longestForwardRun(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the last element of the best run of length k + 1
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    // First run whose tail is greater than v (upper bound): v extends the run before it.
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! <= v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) keep.add(i);
  return keep;
}

// ---------------------------------------------------------------------------------------------------------------
// The plain one-row-per-incident export.

async function* readPlain(ctx: Context, options: ServiceNowOptions, onEnd: (stats: CsvStats) => void): AsyncGenerator<AdapterItem> {
  const c = ctx.columns;
  const seen = new Map<string, number>();
  const categories = options.statusCategories;
  const firstOf = (category: StatusCategory) => [...categories].find(([, cat]) => cat === category)?.[0];
  let first = true;
  for await (const record of readCsvFile(options.file, { onProgress: (b) => options.onProgress?.(b, 'importing'), onEnd })) {
    if (first) {
      first = false;
      continue;
    }
    yield { rows: 1 };
    const problem = ctx.rowProblem(record);
    if (problem) {
      yield { problem };
      continue;
    }
    const f = record.fields;
    const line = record.line;
    const number = ctx.field(f, c.number);
    const earlier = seen.get(number);
    if (earlier !== undefined) {
      yield { problem: { line, kind: 'duplicate-row', skipped: true, ticket: number, message: `${number} is already on line ${earlier}; a one-row-per-incident export lists it once` } };
      continue;
    }
    seen.set(number, line);
    const corrections: ImportProblem[] = [];
    const state = ctx.state(ctx.field(f, c.state), line, number);
    if ('problem' in state) {
      yield { problem: state.problem };
      continue;
    }
    const priority = ctx.priority(ctx.field(f, c.priority), line, number);
    if ('problem' in priority) {
      yield { problem: priority.problem };
      continue;
    }
    const openedRaw = ctx.field(f, c.opened_at);
    const opened = ctx.date(openedRaw, 'opened_at', line, number, corrections);
    if (typeof opened !== 'number') {
      yield { problem: opened };
      continue;
    }
    const described = ctx.describe(number, f, line, corrections);
    if ('missingService' in described) {
      yield { problem: ctx.missingService(number, described.missingService, line, 1) };
      continue;
    }
    // What the row says happened, and when: resolution and closure, and the current state if it is neither.
    const events: Array<{ at: number; status: string; what: string }> = [];
    const optionalDate = (column: number, name: string) => {
      const raw = ctx.field(f, column);
      if (column < 0 || isMissing(raw)) return undefined;
      const at = ctx.date(raw, name, line, number, corrections);
      if (typeof at === 'number') return at;
      corrections.push({ ...at, skipped: false, message: `${at.message}; left out of the timeline` });
      return undefined;
    };
    const resolved = optionalDate(c.resolved_at, 'resolved_at');
    const closed = optionalDate(c.closed_at, 'closed_at');
    const category = categories.get(state.status);
    const resolvedStatus = category === 'resolved' ? state.status : (ctx.options.mapping.statuses.Resolved ?? firstOf('resolved'));
    const closedStatus = category === 'closed' ? state.status : (ctx.options.mapping.statuses.Closed ?? firstOf('closed'));
    if (resolved !== undefined && resolvedStatus !== undefined) events.push({ at: resolved, status: resolvedStatus, what: 'resolved_at' });
    if (closed !== undefined && closedStatus !== undefined && category !== 'resolved') events.push({ at: closed, status: closedStatus, what: 'closed_at' });
    const reached = events.some((e) => e.status === state.status);
    if (!reached && state.status !== ctx.initialStatus) {
      const updated = optionalDate(c.sys_updated_at, 'sys_updated_at');
      if (updated !== undefined) events.push({ at: updated, status: state.status, what: 'sys_updated_at' });
      else corrections.push({ line, kind: 'missing-field', skipped: false, ticket: number, message: `${number}: state ${JSON.stringify(ctx.field(f, c.state))} has no date (sys_updated_at); the ticket is imported as still new` });
    }
    events.sort((a, b) => a.at - b.at);
    const timeline: ImportedEvent[] = [];
    for (const e of events) {
      if (e.at < opened) {
        corrections.push({ line, kind: 'out-of-order', skipped: false, ticket: number, message: `${number}: ${e.what} is before opened_at; left out of the timeline` });
        continue;
      }
      timeline.push({ at: isoOf(e.at), status: e.status });
    }
    // One row per incident has no history of assignments: its group and assignee are taken as the ticket's from
    // its opening (docs/import.md, "Assignment groups").
    const group = ctx.group(ctx.field(f, c.group), line, number, corrections);
    const assignee = ctx.assignee(ctx.field(f, c.assigned_to));
    for (const correction of corrections) yield { problem: correction };
    yield {
      ticket: {
        ...described,
        priority: priority.priority,
        opened: isoOf(opened),
        ...(group === undefined ? {} : { group }),
        ...(assignee === undefined ? {} : { assignee }),
        ...(ctx.assignmentFields.length > 0 ? { assignmentFields: ctx.assignmentFields } : {}),
        timeline,
        lines: { first: line, last: line, count: 1 },
      },
    };
  }
}
