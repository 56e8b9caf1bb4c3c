import type { ChangeDetails, Workaround } from '../model/change.js';
import type { TicketType } from '../model/ticket-type.js';

/**
 * The common form every importer produces and the repository writer consumes. Source adapters (ServiceNow, Jira,
 * mapped CSV) turn rows into ImportedTickets and ImportProblems; the writer turns tickets into Ticket documents sharded
 * by month of opening. Everything here is already mapped to the repository's vocabulary (statuses, priorities,
 * services, consumers) and instants are ISO 8601 with an offset or Z.
 */
export interface ImportedEvent {
  at: string;
  status?: string;
  priority?: string;
  /** A reassignment: the id of the group the ticket moves to. */
  group?: string;
  /** The person the ticket is assigned to from this event on. */
  assignee?: string;
  actor?: string;
  note?: string;
}

/** An export's first update of a ticket: its instant, and who made it (as an event's actor). */
export interface FirstUpdate {
  at: string;
  actor?: string;
  /**
   * Whether the ticket's first event is this update's (it changed something after mapping). When it is not, a later
   * update at the same instant is the first event, and what the first update changed is an event of its own.
   */
  isFirstEvent?: boolean;
}

export interface ImportedTicket {
  /** The source's ticket number, used as metadata.id (e.g. INC0000045). */
  id: string;
  type: TicketType;
  service: string;
  consumer?: string;
  /** Priority at opening; later changes are timeline events. */
  priority: string;
  title: string;
  opened: string;
  /** The assignment group (an id) and the assignee at opening, when the source says; later ones are timeline events. */
  group?: string;
  assignee?: string;
  /**
   * The assignment fields the source reads (its export has them): a re-import replaces what the repository has of
   * them; the others, written by hand, are kept (timeline-merge.ts). Absent: neither.
   */
  assignmentFields?: Array<'group' | 'assignee'>;
  /** In time order, after `opened`. */
  timeline: ImportedEvent[];
  /**
   * Set when the export does not start at the ticket's creation (a ServiceNow audit log without the update numbered 0:
   * an export of the updates since a date): the first update it has, when and by whom. `priority` is then the
   * priority (and `group`, `assignee`) at that instant, and the export says nothing of earlier time
   * (src/import/timeline-merge.ts).
   */
  since?: FirstUpdate;
  related?: string[];
  /** For changes (type change): the change record the source gives (type, risk, plans, outcome). */
  change?: ChangeDetails;
  /** For changes: the planned window (the ticket's `maintenance`). */
  maintenance?: { start: string; end: string };
  /** For problems: the root cause and the documented workaround. */
  rootCause?: string;
  workaround?: Workaround;
  /**
   * Links to other tickets as the source names them (a ServiceNow incident's `caused_by`, a Jira "is caused by"
   * link). They become `causedBy`, `problem`, `fixedBy` or `related` only when the ticket they name is in the
   * repository or in the import (links.ts); the others are reported and kept as annotations.
   */
  links?: TicketLink[];
  /** Set from `links` by links.ts: the ids of the change that caused an incident, its problem, a problem's fix. */
  causedBy?: string;
  problem?: string;
  fixedBy?: string;
  /** Labels recorded on the document, e.g. { 'itsm/source': 'servicenow' }. */
  labels?: Record<string, string>;
  /** Annotations recorded on the document, e.g. the source's own SLA verdict. */
  annotations?: Record<string, string>;
  /**
   * The source's annotations that the export has a column for but no value in (a link cleared since the last export):
   * a re-import removes them, so that the document says what the source says now (merge.ts).
   */
  clearedAnnotations?: string[];
  /** 1-based line numbers of the input rows this ticket came from (first and last), for reports. */
  lines: { first: number; last: number; count: number };
}

/** A link to another ticket, as the source writes it (links.ts). */
export interface TicketLink {
  /**
   * The field it sets; `cause` when the source says only that the other ticket caused this one (a Jira CSV's "is caused
   * by" link): `causedBy` when that ticket is a change, `problem` when it is a problem, else `related`.
   */
  field: 'causedBy' | 'problem' | 'fixedBy' | 'related' | 'cause';
  /** The other ticket's number as the source writes it. */
  id: string;
  /** Where the source has it: a column or field name ("caused_by", "is caused by"). */
  column: string;
  /** The annotation that keeps the source's value on the document whatever becomes of the link ("servicenow/caused_by"). */
  annotation?: string;
}

/** Why an input row (or a whole ticket) was not imported, or was imported with a correction. */
export type ProblemKind =
  | 'unparseable-date'
  | 'unknown-state'
  | 'unknown-priority'
  | 'out-of-order'
  | 'missing-field'
  | 'invalid-ticket'
  | 'duplicate-row'
  | 'timeline-would-lose-events';

export interface ImportProblem {
  /** 1-based line of the input file. */
  line: number;
  /** The last line the problem covers, when its row spans several (a quote that is never closed swallows lines). */
  lastLine?: number;
  kind: ProblemKind;
  /** Whether the row was skipped (true) or used after a correction (false). */
  skipped: boolean;
  ticket?: string;
  message: string;
  /**
   * How many input rows this problem accounts for when it skips them (default 1): a ticket skipped as a whole
   * (`invalid-ticket`) skips every row it was built from. Optional, so adapters that report one problem per row
   * need not set it.
   */
  rows?: number;
  /** Set when the problem is a value that maps to nothing in the repository: which field, from which column, which value. */
  unmapped?: UnmappedValue;
}

/** A source value the mapping turns into no id of the repository (a category that names no service, say). */
export interface UnmappedValue {
  field: 'service' | 'type' | 'status' | 'priority' | 'group';
  /** The source column (or field) the value was read from. */
  column: string;
  /** The value as the source writes it ("" when the cell was empty). */
  value: string;
}

/** The lines of a CSV input, read to its end: every line is in the header, in a row, or blank. */
export interface InputLines {
  total: number;
  header: number;
  /** Lines of the rows read (more than the rows when a quoted field spans lines). */
  rows: number;
  blank: number;
}

/** An assignment group the source names: its id in the repository, and the source values that gave it. */
export interface SeenGroup {
  id: string;
  /** The source's names for it, as written (usually one; two when "Group 70" and "group-70" both occur). */
  values: string[];
}

/**
 * What a source adapter yields while streaming its input: a complete ticket, a problem, a count of rows read, or
 * (once, at the end) how the lines of a CSV input were spent and the assignment groups the source named.
 */
export type AdapterItem = { ticket: ImportedTicket } | { problem: ImportProblem } | { rows: number } | { lines: InputLines } | { groups: SeenGroup[] };

/** Per-source mapping of values to the repository's vocabulary, with defaults per source; overridable by a mapping file. */
export interface ValueMapping {
  /** Source state → itsm status id (e.g. "Awaiting User Info" → "awaiting-customer"). */
  statuses: Record<string, string>;
  /** Source priority → itsm priority id (e.g. "1 - Critical" → "P1"). */
  priorities: Record<string, string>;
  /** Which source column names the service, and source value → service id; `fallback` for unmapped values. */
  service: { column: string; values: Record<string, string>; fallback?: string };
  /** Which source column names the consumer, and source value → consumer id (optional). */
  consumer?: { column: string; values: Record<string, string>; fallback?: string };
  /**
   * Which source column (or field) names the assignment group, and source value → group id; values it does not
   * name become ids by groups.ts's rule ("Group 70" → group-70). Absent: the import brings no groups.
   */
  group?: { column: string; values: Record<string, string> };
  /** IANA zone of naive timestamps in the source (e.g. "America/Sao_Paulo"). */
  timeZone: string;
  /** Date formats to try, e.g. "D/M/YYYY H:mm" (day-first, no zero padding). */
  dateFormats: string[];
}

/** The outcome of an import, also printed as its summary. Every input row is accounted for. */
export interface ImportSummary {
  rowsRead: number;
  rowsUsed: number;
  rowsSkipped: number;
  ticketsRead: number;
  written: number;
  updated: number;
  unchanged: number;
  /** Tickets that could not be made valid, with the reason. */
  ticketsSkipped: number;
  /**
   * Tickets already in the repository that keep the version there because the update would drop events of their
   * timeline (`timeline-would-lose-events`; --replace-timelines lets the export replace them).
   */
  ticketsKept: number;
  /** The lines of a CSV input (absent for JSON): total = header + rows + blank. */
  lines?: InputLines;
  problems: ImportProblem[];
  /**
   * The assignment groups of the imported tickets (at opening or in an event), most tickets first, and whether the
   * import writes a Group document for them (groups.ts). Absent when the source named none.
   */
  groups?: GroupSummary[];
  /** Files that would change (dry run) or changed. */
  files: Array<{
    file: string;
    action: 'create' | 'update' | 'unchanged';
    tickets: number;
    /** Of `tickets`, how many are new and how many updated (the rest are unchanged). */
    new?: number;
    updated?: number;
    /** Set when the file must be rewritten but was edited by hand (or not written by the importer) and --force was not given. */
    blocked?: 'edited' | 'foreign';
  }>;
}

/** One assignment group of an import's summary. */
export interface GroupSummary {
  id: string;
  /** The source's names for it. */
  values: string[];
  /** Imported tickets that it holds at some point (at opening or after a reassignment). */
  tickets: number;
  /**
   * `create`: the import writes `file` (the repository has no such group); `exists`: the repository defines it (in
   * `file`); `blocked`: the repository has no such group, but `file` exists (with other documents) and is never
   * overwritten — define the group yourself.
   */
  document: 'create' | 'exists' | 'blocked';
  /** The Group document's file, repository-relative. */
  file: string;
}
