import type { StatusCategory } from '../model/config.js';
import type { Repository } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import type { CompiledAgreement } from '../sla/agreements.js';
import { assigneeAt, groupAt, priorityAt, reassignmentsUpTo, ticketHistory, type ClockState, type Metric } from '../sla/clock.js';
import { measureContext, measureTicket, type ClockRecord, type MeasureContext } from '../sla/measure.js';
import type { SlaFilters } from '../sla/report.js';
import { iso, minutes, usedPercent } from '../sla/rows.js';

/**
 * One row of `itsm export tickets`: a ticket as of the measurement instant, and one of its SLA clocks. A ticket
 * without any clock has one row whose clock fields are all null, so that the export never loses a ticket.
 *
 * Instants are ISO 8601 in UTC (`2026-10-09T21:00:00.000Z`); durations are business minutes to two decimals, as in
 * `itsm sla report`. The order of the keys is the order of the CSV columns (EXPORT_COLUMNS) and of the JSONL keys.
 */
export interface TicketExportRow {
  // The ticket, as of `asOf`.
  ticket: string;
  type: string;
  service: string;
  consumer: string | null;
  title: string;
  opened: string;
  /** The status at `asOf`: the last status change at or before it, or the initial status. */
  status: string;
  /** The category of that status in itsm.yaml: new, active, waiting, resolved, closed or cancelled. */
  statusCategory: StatusCategory | null;
  /** The priority at `asOf`: the last priority change at or before it, or `spec.priority`. */
  priority: string;
  /** When the ticket entered its current resolved-or-closed stretch; null while it is open or cancelled. */
  resolvedAt: string | null;
  /** When the ticket entered its current closed status; null unless it is closed. */
  closedAt: string | null;
  /** How many times the ticket left a resolved or closed status for an open one (docs/sla.md, Reopening). */
  reopens: number;
  // The clock; every field null on the row of a ticket without clocks.
  sla: string | null;
  slaType: string | null;
  metric: Metric | null;
  /** The priority that selected the target (after escalations, docs/sla.md "Priority changes"). */
  targetPriority: string | null;
  target: string | null;
  targetMinutes: number | null;
  objectivePercent: number | null;
  /** met, breached, running, or cancelled (a clock of a ticket cancelled while it ran). */
  state: ClockState | null;
  warning: boolean | null;
  elapsedMinutes: number | null;
  pausedMinutes: number | null;
  usedPercent: number | null;
  startedAt: string | null;
  stoppedAt: string | null;
  breachedAt: string | null;
  dueAt: string | null;
  cycles: number | null;
  anyCycleBreached: boolean | null;
  // The measurement instant, on every row, so that a file read without its command line still says when it was true.
  asOf: string;
  // Added after asOf so that the earlier columns keep their places.
  /** The assignment group holding the ticket at `asOf`, or null. */
  group: string | null;
  /** The person assigned at `asOf`, or null. */
  assignee: string | null;
  /** Moves from one group to another up to `asOf` (the first assignment is not one). */
  reassignments: number;
  /** The version of the agreement that measured the clock (its `from`); null for undated terms or no clock. */
  slaVersion: string | null;
  /** The rule that chose the agreement: subscription, consumer, service or service-agreement. */
  selectedBy: string | null;
  /** The calendar the clock ran on. */
  calendar: string | null;
  /** The group the clock belongs to: a group-scoped agreement's group, else the group holding the ticket when it stopped. */
  clockGroup: string | null;
}

/** The ticket's columns, as of `asOf`: the same on every row of a ticket. */
export const TICKET_COLUMNS = ['ticket', 'type', 'service', 'consumer', 'title', 'opened', 'status', 'statusCategory', 'priority', 'resolvedAt', 'closedAt', 'reopens'] as const satisfies readonly (keyof TicketExportRow)[];

/** The ticket's assignment, as of `asOf`. */
export const ASSIGNMENT_COLUMNS = ['group', 'assignee', 'reassignments'] as const satisfies readonly (keyof TicketExportRow)[];

/** Which agreement measured the clock and why; null on the row of a ticket without clocks. */
export const AGREEMENT_COLUMNS = ['slaVersion', 'selectedBy', 'calendar', 'clockGroup'] as const satisfies readonly (keyof TicketExportRow)[];

/** The clock's columns: null on the row of a ticket without clocks. */
export const CLOCK_COLUMNS = [
  'sla',
  'slaType',
  'metric',
  'targetPriority',
  'target',
  'targetMinutes',
  'objectivePercent',
  'state',
  'warning',
  'elapsedMinutes',
  'pausedMinutes',
  'usedPercent',
  'startedAt',
  'stoppedAt',
  'breachedAt',
  'dueAt',
  'cycles',
  'anyCycleBreached',
] as const satisfies readonly (keyof TicketExportRow)[];

/** The columns of the CSV and the keys of each JSONL object, in order. Documented in docs/export.md; never reorder. */
export const EXPORT_COLUMNS = [...TICKET_COLUMNS, ...CLOCK_COLUMNS, 'asOf', ...ASSIGNMENT_COLUMNS, ...AGREEMENT_COLUMNS] as const satisfies readonly (keyof TicketExportRow)[];

export interface TicketExportOptions {
  /** The measurement instant: later events are not yet known, and tickets opened at or after it are left out. */
  asOf: number;
  /** Only tickets opened in [from, to). */
  opened?: { from: number; to: number };
  /**
   * Row filters, as in `sla report`: `service`, `consumer` and `type` select tickets; `sla` and `priority` (the
   * priority that selected the target) select clocks, so with either of them a ticket without clocks has no row.
   */
  filters?: SlaFilters;
  /** Leave out the rows of tickets without clocks. */
  clocksOnly?: boolean;
}

/** What the export wrote, and what it left out (for the CLI's hint on stderr). */
export interface TicketExportSummary {
  tickets: number;
  rows: number;
  /** Tickets opened at or after `asOf` (not yet known then), left out. */
  notYetOpened: number;
}

/**
 * A ticket of the export and the clocks it has rows for, before any of it is written as text: instants stay epoch
 * milliseconds, so that a typed format (Parquet) takes them as they are. `clocks` empty means one row without a clock;
 * `slaTypes[i]` is the type (sla, ola, slo...) of the agreement of `clocks[i]`.
 */
export interface ExportTicket {
  state: TicketState;
  clocks: readonly ClockRecord[];
  slaTypes: readonly (string | null)[];
}

/**
 * Every row of the export, ticket by ticket in id order (code-unit order, as `sort` without a locale), each ticket's
 * clocks in the engine's order: the service's SLA first, then its other agreements as listed; response before
 * resolution. A generator, so that the CLI writes rows as they are produced and never holds the whole output.
 * Its return value counts what was written and what was left out.
 */
export function* exportTicketRows(repository: Repository, options: TicketExportOptions): Generator<TicketExportRow, TicketExportSummary, undefined> {
  const asOfText = iso(options.asOf);
  const tickets = exportTickets(repository, options);
  let step = tickets.next();
  while (!step.done) {
    const { state, clocks, slaTypes } = step.value;
    const facts = factsText(state);
    if (clocks.length === 0) yield row(facts, null, null, asOfText);
    for (let i = 0; i < clocks.length; i++) yield row(facts, clocks[i]!, slaTypes[i]!, asOfText);
    step = tickets.next();
  }
  return step.value;
}

/**
 * The export ticket by ticket (exportTicketRows' tickets, in its order, with the same filters): one object per ticket
 * rather than per row, for formats that lay the rows out by column.
 */
export function* exportTickets(repository: Repository, options: TicketExportOptions): Generator<ExportTicket, TicketExportSummary, undefined> {
  const context = measureContext(repository);
  const agreements = context.agreements;
  const filters = options.filters ?? {};
  const summary: TicketExportSummary = { tickets: 0, rows: 0, notYetOpened: 0 };
  const tickets = repository.tickets.map((t) => t.doc).sort((a, b) => cmp(a.metadata.id, b.metadata.id));
  for (const ticket of tickets) {
    if (!allowed(filters.service, ticket.spec.service) || !allowed(filters.consumer, ticket.spec.consumer) || !allowed(filters.type, ticket.spec.type)) continue;
    const opened = Date.parse(ticket.spec.opened);
    if (options.opened && (opened < options.opened.from || opened >= options.opened.to)) continue;
    if (opened >= options.asOf) {
      summary.notYetOpened++;
      continue;
    }
    const exported = ticketClocks(ticket, context, agreements, options.asOf, filters, options.clocksOnly === true);
    if (exported === null) continue;
    summary.tickets++;
    summary.rows += Math.max(1, exported.clocks.length);
    yield exported;
  }
  return summary;
}

/** The clocks of one ticket that pass the filters, or its row without a clock when it has none at all; null for no row. */
function ticketClocks(
  ticket: TicketDocument,
  context: MeasureContext,
  agreements: ReadonlyMap<string, CompiledAgreement>,
  asOf: number,
  filters: SlaFilters,
  clocksOnly: boolean,
): ExportTicket | null {
  const records = measureTicket(ticket, context, asOf);
  if (records.length === 0) {
    // Clock filters name an agreement or a target priority; a ticket without clocks has neither, so it never matches.
    if (clocksOnly || filters.sla !== undefined || filters.priority !== undefined || filters.group !== undefined) return null;
    return { state: ticketState(ticket, context, asOf), clocks: [], slaTypes: [] };
  }
  const clocks: ClockRecord[] = [];
  const slaTypes: (string | null)[] = [];
  for (const record of records) {
    if (!allowed(filters.sla, record.sla) || !allowed(filters.priority, record.priority) || !allowed(filters.group, record.assignmentGroup)) continue;
    clocks.push(record);
    slaTypes.push(agreements.get(record.sla)?.type ?? null);
  }
  return clocks.length === 0 ? null : { state: ticketState(ticket, context, asOf), clocks, slaTypes };
}

/**
 * One row, built as a single object literal with every column in order: every row then has the same hidden class,
 * which keeps a 250,000-row export fast (spreading the ticket's fields into each row was ten times slower in V8).
 */
function row(facts: TicketFacts, record: ClockRecord | null, slaType: string | null, asOf: string): TicketExportRow {
  // `minutes`, `usedPercent` and `iso` round and write exactly as `sla report` does, so the same clock shows the same
  // figures in both; the fields are read straight off the record, with no report row built in between.
  return {
    ticket: facts.ticket,
    type: facts.type,
    service: facts.service,
    consumer: facts.consumer,
    title: facts.title,
    opened: facts.opened,
    status: facts.status,
    statusCategory: facts.statusCategory,
    priority: facts.priority,
    resolvedAt: facts.resolvedAt,
    closedAt: facts.closedAt,
    reopens: facts.reopens,
    sla: record === null ? null : record.sla,
    slaType,
    metric: record === null ? null : record.metric,
    targetPriority: record === null ? null : record.priority,
    target: record === null ? null : record.within,
    targetMinutes: record === null ? null : minutes(record.targetMs),
    objectivePercent: record === null ? null : record.objective,
    state: record === null ? null : record.state,
    warning: record === null ? null : record.warning,
    elapsedMinutes: record === null ? null : minutes(record.elapsedMs),
    pausedMinutes: record === null ? null : minutes(record.pausedMs),
    usedPercent: record === null ? null : usedPercent(record.elapsedMs, record.targetMs),
    startedAt: record === null ? null : iso(record.startedAt),
    stoppedAt: record === null ? null : iso(record.stoppedAt),
    breachedAt: record === null ? null : iso(record.breachedAt),
    dueAt: record === null ? null : iso(record.dueAt),
    cycles: record === null ? null : record.cycles,
    anyCycleBreached: record === null ? null : record.anyCycleBreached,
    asOf,
    group: facts.group,
    assignee: facts.assignee,
    reassignments: facts.reassignments,
    slaVersion: record === null ? null : record.slaVersion,
    selectedBy: record === null ? null : record.selectedBy,
    calendar: record === null ? null : record.calendar,
    clockGroup: record === null ? null : record.assignmentGroup,
  };
}

/** The ticket's own fields (TICKET_COLUMNS). */
export type TicketFacts = Pick<TicketExportRow, (typeof TICKET_COLUMNS)[number] | (typeof ASSIGNMENT_COLUMNS)[number]>;

/** The ticket's own fields with its instants as epoch milliseconds (TicketFacts before they are written as text). */
export type TicketState = Omit<TicketFacts, 'opened' | 'resolvedAt' | 'closedAt'> & { opened: number; resolvedAt: number | null; closedAt: number | null };

const STOPPED: ReadonlySet<StatusCategory | undefined> = new Set<StatusCategory | undefined>(['resolved', 'closed']);
const OPEN: ReadonlySet<StatusCategory | undefined> = new Set<StatusCategory | undefined>(['new', 'active', 'waiting']);

/**
 * The ticket's own fields as of `asOf`, from the same history the clocks are measured on (so "resolved" means what
 * it means for the resolution clock: resolved then closed is one stop, at the resolution).
 */
export function ticketFacts(ticket: TicketDocument, context: MeasureContext, asOf: number): TicketFacts {
  return factsText(ticketState(ticket, context, asOf));
}

/** TicketFacts of a TicketState: the instants as ISO 8601 text. */
function factsText(state: TicketState): TicketFacts {
  return {
    ticket: state.ticket,
    type: state.type,
    service: state.service,
    consumer: state.consumer,
    title: state.title,
    opened: iso(state.opened),
    status: state.status,
    statusCategory: state.statusCategory,
    priority: state.priority,
    resolvedAt: iso(state.resolvedAt),
    closedAt: iso(state.closedAt),
    reopens: state.reopens,
    group: state.group,
    assignee: state.assignee,
    reassignments: state.reassignments,
  };
}

/** ticketFacts with the instants as epoch milliseconds. */
export function ticketState(ticket: TicketDocument, context: MeasureContext, asOf: number): TicketState {
  const history = ticketHistory(ticket, context.initialStatus);
  let status = history.statuses[0]!.status;
  let category = context.categoryOf(status);
  let resolvedAt: number | null = STOPPED.has(category) ? history.opened : null;
  let closedAt: number | null = category === 'closed' ? history.opened : null;
  let reopens = 0;
  for (let i = 1; i < history.statuses.length; i++) {
    const change = history.statuses[i]!;
    if (change.at > asOf) break;
    const next = context.categoryOf(change.status);
    if (STOPPED.has(next)) {
      if (!STOPPED.has(category)) resolvedAt = change.at;
    } else {
      resolvedAt = null;
    }
    if (next === 'closed') {
      if (category !== 'closed') closedAt = change.at;
    } else {
      closedAt = null;
    }
    if (STOPPED.has(category) && OPEN.has(next)) reopens++;
    status = change.status;
    category = next;
  }
  return {
    ticket: ticket.metadata.id,
    type: ticket.spec.type,
    service: ticket.spec.service,
    consumer: ticket.spec.consumer ?? null,
    title: ticket.spec.title,
    opened: history.opened,
    status,
    statusCategory: category ?? null,
    priority: priorityAt(history, asOf),
    resolvedAt,
    closedAt,
    reopens,
    group: groupAt(history, asOf),
    assignee: assigneeAt(history, asOf),
    reassignments: reassignmentsUpTo(history, asOf),
  };
}

function allowed(list: readonly string[] | undefined, value: string | null | undefined): boolean {
  return list === undefined || (value !== null && value !== undefined && list.includes(value));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
