import { DEFAULT_PRIORITIES, DEFAULT_STATUSES, type StatusCategory, type StatusDefinition } from '../model/config.js';
import type { TicketType } from '../model/ticket-type.js';
import type { ImportedEvent, ImportedTicket, ImportProblem } from './types.js';

/**
 * From what a source says about a ticket to its timeline. Every importer that is not ServiceNow (mapped CSV, Jira JSON,
 * Jira CSV) fills in a TicketDraft — observed changes with their times, plus, when there is no history, the resolved
 * and closed dates and the current status, and the group and assignee at opening and after — and `finishTicket`
 * turns it into the ordered, minimal timeline the format
 * asks for (docs/format.md, "The timeline"). Pure.
 */

/** An instant as epoch milliseconds (for ordering) and as the text written to the ticket. */
export interface Stamp {
  ms: number;
  at: string;
}

/** A change seen in the source: an update row, a Jira changelog history. */
export interface DraftEvent extends Stamp {
  status?: string;
  priority?: string;
  /** A reassignment: the group id the ticket moves to, and the person it is assigned to. */
  group?: string;
  assignee?: string;
  actor?: string;
  /** 1-based input line the change came from. */
  line: number;
}

export interface TicketDraft {
  id: string;
  type: TicketType;
  title: string;
  service: string;
  consumer?: string;
  /** Priority at opening. */
  priority: string;
  opened: Stamp;
  /** The group id and the assignee at opening, when the source says. */
  group?: string;
  assignee?: string;
  /** The assignment fields the source reads (ImportedTicket.assignmentFields). */
  assignmentFields?: Array<'group' | 'assignee'>;
  /** Observed changes, in any order; equal instants keep the order given. */
  events: DraftEvent[];
  /** Dates a one-row-per-ticket export gives instead of a history; used only when no event reaches such a status. */
  resolved?: Stamp & { line: number };
  closed?: Stamp & { line: number };
  /** The status the source says the ticket is in now, and since when when it says so (Jira's Status Category Changed). */
  current?: { status: string; since?: Stamp; line: number };
  lines: { first: number; last: number; count: number };
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** A change's record and planned window, and links to other tickets (jira-practice.ts), as the ticket takes them. */
  practice?: Pick<ImportedTicket, 'change' | 'maintenance' | 'links'>;
}

/** The repository's statuses and priorities: what the mapped values must be, and what each status means to the clocks. */
export interface StatusVocabulary {
  statuses: readonly StatusDefinition[];
  priorities: readonly string[];
}

export const DEFAULT_VOCABULARY: StatusVocabulary = {
  statuses: DEFAULT_STATUSES,
  priorities: DEFAULT_PRIORITIES.map((p) => p.id),
};

const TERMINAL: ReadonlySet<StatusCategory> = new Set(['resolved', 'closed', 'cancelled']);

/** Lookups over a vocabulary, built once per import. */
export class StatusSemantics {
  private readonly categories: ReadonlyMap<string, StatusCategory>;
  readonly initial: string;
  readonly resolved: string;
  readonly closed: string;

  constructor(vocabulary: StatusVocabulary) {
    this.categories = new Map(vocabulary.statuses.map((s) => [s.id, s.category]));
    const first = (category: StatusCategory, otherwise: string) => vocabulary.statuses.find((s) => s.category === category)?.id ?? otherwise;
    // The format says a ticket starts in "the one status whose category is new".
    this.initial = first('new', 'new');
    this.resolved = first('resolved', first('closed', 'resolved'));
    this.closed = first('closed', this.resolved);
  }

  category(status: string): StatusCategory | undefined {
    return this.categories.get(status);
  }

  isTerminal(status: string): boolean {
    const category = this.categories.get(status);
    return category !== undefined && TERMINAL.has(category);
  }
}

/** Ids as the format restricts them (src/model/primitives.ts). */
const ID_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;

export function isId(value: string): boolean {
  return ID_RE.test(value);
}

/** A title is one line (docs/format.md): line breaks in a quoted CSV cell or a JSON summary become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export interface Finished {
  ticket?: ImportedTicket;
  problems: ImportProblem[];
}

/**
 * Orders the changes, moves any that precede the opening to the opening (a correction, reported), adds the resolution
 * and closure of a history-less export and the current status when it is not already the last one, and drops changes
 * that change nothing (an update row that repeats the state), so that the same input always gives the same timeline.
 */
export function finishTicket(draft: TicketDraft, semantics: StatusSemantics): Finished {
  const problems: ImportProblem[] = [];
  const ticketId = draft.id;
  const problem = (line: number, kind: ImportProblem['kind'], skipped: boolean, message: string) =>
    problems.push({ line, kind, skipped, ticket: ticketId, message });

  if (!isId(draft.id)) {
    problem(draft.lines.first, 'invalid-ticket', true, `ticket id "${draft.id}" is not a valid id (letters, digits, ".", "_" or "-")`);
    return { problems };
  }

  // Stable sort by instant: equal instants keep the source order (exports often have minute precision).
  const events = draft.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.ms - b.event.ms || a.index - b.index)
    .map(({ event }) => {
      if (event.ms >= draft.opened.ms) return event;
      problem(event.line, 'out-of-order', false, `change at ${event.at} is before the ticket was opened (${draft.opened.at}); moved to the opening`);
      return { ...event, ms: draft.opened.ms, at: draft.opened.at };
    });

  const reachesTerminal = events.some((e) => e.status !== undefined && semantics.isTerminal(e.status));
  if (!reachesTerminal) addTerminalDates(draft, events, semantics, problem);

  const last = events.at(-1);
  const finalStatus = [...events].reverse().find((e) => e.status !== undefined)?.status ?? semantics.initial;
  const current = draft.current;
  if (current !== undefined && current.status !== finalStatus) {
    const since = current.since;
    const after = last?.ms ?? draft.opened.ms;
    if (since !== undefined && since.ms >= after) {
      events.push({ ms: since.ms, at: since.at, status: current.status, line: current.line });
    } else if (since !== undefined && since.ms >= draft.opened.ms && !semantics.isTerminal(finalStatus)) {
      // The status was entered before the last change we know of (a truncated history): it holds from the last change.
      problem(current.line, 'out-of-order', false, `current status "${current.status}" is dated ${since.at}, before the last change (${last?.at ?? draft.opened.at}); set at the last change`);
      events.push({ ms: after, at: last?.at ?? draft.opened.at, status: current.status, line: current.line });
    } else if (bothDone(semantics, finalStatus, current.status)) {
      // Resolved here, closed there (Jira's "Closed" with only a resolution date): the clocks stop either way, and
      // when the closure happened is not known, so the resolution stands.
    } else if (events.length > 0 || semantics.isTerminal(current.status)) {
      problem(
        current.line,
        'missing-field',
        false,
        `the source says the status is "${current.status}" but gives no date for it; the ticket is imported as "${finalStatus}"`,
      );
    }
    // Otherwise an open ticket of a history-less export: when it left "new" is not known, so it stays there.
  }

  const timeline: ImportedEvent[] = [];
  let status = semantics.initial;
  let priority = draft.priority;
  let group = draft.group;
  let assignee = draft.assignee;
  for (const e of events) {
    const out: ImportedEvent = { at: e.at };
    if (e.status !== undefined && e.status !== status) out.status = status = e.status;
    if (e.priority !== undefined && e.priority !== priority) out.priority = priority = e.priority;
    if (e.group !== undefined && e.group !== group) out.group = group = e.group;
    if (e.assignee !== undefined && e.assignee !== assignee) out.assignee = assignee = e.assignee;
    if (out.status === undefined && out.priority === undefined && out.group === undefined && out.assignee === undefined) continue;
    if (e.actor !== undefined && e.actor !== '') out.actor = e.actor;
    timeline.push(out);
  }

  const ticket: ImportedTicket = {
    id: draft.id,
    type: draft.type,
    service: draft.service,
    priority: draft.priority,
    title: oneLine(draft.title),
    opened: draft.opened.at,
    timeline,
    lines: draft.lines,
  };
  if (draft.consumer !== undefined) ticket.consumer = draft.consumer;
  if (draft.group !== undefined) ticket.group = draft.group;
  if (draft.assignee !== undefined) ticket.assignee = draft.assignee;
  if (draft.assignmentFields !== undefined && draft.assignmentFields.length > 0) ticket.assignmentFields = draft.assignmentFields;
  if (draft.labels !== undefined) ticket.labels = draft.labels;
  if (draft.annotations !== undefined) ticket.annotations = draft.annotations;
  if (draft.practice?.change !== undefined) ticket.change = draft.practice.change;
  if (draft.practice?.maintenance !== undefined) ticket.maintenance = draft.practice.maintenance;
  if (draft.practice?.links !== undefined && draft.practice.links.length > 0) ticket.links = draft.practice.links;
  return { ticket, problems };
}

function bothDone(semantics: StatusSemantics, a: string, b: string): boolean {
  const done = (s: string) => semantics.category(s) === 'resolved' || semantics.category(s) === 'closed';
  return done(a) && done(b);
}

/**
 * A history-less export knows when a ticket was resolved and closed, not how it got there. Resolution sets the
 * current status when that is a resolved or cancelled one (Jira "Declined" sets a resolution date), else the
 * repository's resolved status; closure sets the closed status.
 */
function addTerminalDates(
  draft: TicketDraft,
  events: DraftEvent[],
  semantics: StatusSemantics,
  problem: (line: number, kind: ImportProblem['kind'], skipped: boolean, message: string) => void,
): void {
  const currentCategory = draft.current ? semantics.category(draft.current.status) : undefined;
  let resolvedAt = draft.resolved;
  if (resolvedAt && resolvedAt.ms < draft.opened.ms) {
    problem(resolvedAt.line, 'out-of-order', false, `resolved ${resolvedAt.at} is before the ticket was opened (${draft.opened.at}); moved to the opening`);
    resolvedAt = { ...resolvedAt, ms: draft.opened.ms, at: draft.opened.at };
  }
  if (resolvedAt) {
    const status = draft.current && (currentCategory === 'resolved' || currentCategory === 'cancelled') ? draft.current.status : semantics.resolved;
    events.push({ ms: resolvedAt.ms, at: resolvedAt.at, status, line: resolvedAt.line });
  }
  let closedAt = draft.closed;
  const floor = resolvedAt ?? draft.opened;
  if (closedAt && closedAt.ms < floor.ms) {
    const what = resolvedAt ? 'it was resolved' : 'the ticket was opened';
    problem(closedAt.line, 'out-of-order', false, `closed ${closedAt.at} is before ${what} (${floor.at}); moved to ${floor.at}`);
    closedAt = { ...closedAt, ms: floor.ms, at: floor.at };
  }
  if (closedAt) {
    const status = draft.current && (currentCategory === 'closed' || currentCategory === 'cancelled') ? draft.current.status : semantics.closed;
    events.push({ ms: closedAt.ms, at: closedAt.at, status, line: closedAt.line });
  }
  events.sort((a, b) => a.ms - b.ms);
}
