/**
 * How an imported timeline joins the one a ticket already has in the repository (docs/import.md, "Timelines: what
 * a re-import may change"). Pure.
 *
 * An export speaks about one span of a ticket's life — its window — and about nothing else: from its first event of
 * the ticket (or from its first update, when the adapter knows that the export does not start at the ticket's
 * creation: `since`, a ServiceNow audit log without update 0) to its last event. An incremental export ("what changed
 * since yesterday") holds yesterday's updates of an old ticket and not its history; an older export, or one whose last
 * rows a stray quote swallowed, ends before what the repository knows. So, unless the user says the export is
 * authoritative (`replace`, the --replace-timelines option):
 *
 * - an import that opens the ticket at another instant than the repository is not a slice of the same history but
 *   another reading of it (a corrected date format or time zone moves every instant): it must keep every instant of
 *   the repository's timeline, or the merge refuses;
 * - otherwise, the repository's events before the window and after it are kept. An import with events of the
 *   repository after its window is `behind`: older than what the repository knows, or short of its last rows; merge.ts
 *   then keeps the fields that describe the ticket as it is now (its service, its title, …), which it would turn back;
 * - inside the window the imported events replace the repository's, unless that would drop one of them: an instant
 *   the export does not have, or fewer events at one instant than the repository has (events at the same instant are
 *   each something that happened: docs/sla.md, "Events at the same instant"). That is what rows missing from the
 *   middle of a ticket look like, and a corrected mapping does not do it (it changes what happened, not when), so
 *   the merge refuses and says what would be lost instead of guessing;
 * - the opening — `opened`, and `priority`, the priority the ticket was opened with — is the import's only when the
 *   import keeps no earlier event of the repository and does not say it starts later (`since`): an export that
 *   starts later did not see the opening;
 * - when earlier events are kept, the first imported event keeps only what changes. An adapter reads a ticket's
 *   first row as a change from its starting state, so the first row of a partial export restates the status the
 *   ticket was already in; kept, that echo would be an event that the next, complete export does not have, and
 *   that import would then have to refuse. The status or priority that equals the one in effect is left out, and the
 *   event with it when nothing is left. Where the import's priority at its start differs from the one in effect,
 *   the change happened by then: it is an event at the export's first update (`since`), or goes on its first event;
 * - notes are the user's, as an outage is: no source writes one. A note alone is kept wherever it is and is not
 *   counted above (the export cannot have it); a note on a change goes to the imported event that replaces it —
 *   even with `replace`, which replaces what the source says, not what the user wrote.
 * - assignments (`group`, `assignee`) are changes like a status when the import reads them (`speaks`): counted,
 *   restated ones left out, the opening's taken with the opening. When it does not (a CSV without a group column),
 *   they are the user's, as notes are: kept where they are, never counted as lost, and the opening's stay.
 */

import type { FirstUpdate } from './types.js';

/** A timeline event as a document holds it: `at`, and `status`, `priority`, `group`, `assignee`, `actor`, `note` when set. */
export type EventValue = Record<string, unknown>;

/** What the merge reads of a ticket, and what it gives back: the opening and the timeline. */
export interface TimelineSide {
  opened: string;
  /** The priority the ticket was opened with (for an import, the priority before its first event). */
  priority: string;
  /** The assignment group and the assignee at opening, when there are. */
  group?: string;
  assignee?: string;
  timeline: readonly EventValue[];
  /** For an import that does not start at the ticket's creation: its first update (ImportedTicket.since). */
  since?: FirstUpdate;
}

/** The assignment fields, which an import may or may not read. */
export type AssignmentField = 'group' | 'assignee';

export interface MergeTimelineOptions {
  /** The export is complete and right (--replace-timelines). */
  replace?: boolean;
  /** The assignment fields the import reads; the others are the user's (see the module comment). Default: none. */
  speaks?: readonly AssignmentField[];
}

/**
 * An update that would drop events of the repository: where the import speaks — its window (the instants of its
 * first and last event, as it writes them), or the whole timeline when it opens the ticket at another instant —,
 * how many events the repository has there, and those that would be lost, in their order.
 */
export type TimelineLoss = { existing: number; dropped: EventValue[] } & (
  | { window: { from: string; to: string } }
  | { opening: { repository: string; export: string } }
);

export type TimelineMerge = { merged: TimelineSide & { behind: boolean } } | { loss: TimelineLoss };

/** Which fields of an event are the import's to change, and which are the user's to keep. */
interface Fields {
  /** status, priority and the assignment fields the import reads. */
  change: readonly string[];
  /** note, and the assignment fields the import does not read. */
  user: readonly string[];
  /** The opening's fields besides `opened`: priority and the assignment fields the import reads. */
  opening: readonly ('priority' | AssignmentField)[];
}

function fieldsOf(speaks: readonly AssignmentField[]): Fields {
  const unspoken = (['group', 'assignee'] as const).filter((f) => !speaks.includes(f));
  return { change: ['status', 'priority', ...speaks], user: ['note', ...unspoken], opening: ['priority', ...speaks] };
}

/** The existing timeline updated with the imported one (see the module comment). */
export function mergeTimeline(existing: TimelineSide, imported: TimelineSide, options: MergeTimelineOptions = {}): TimelineMerge {
  const fields = fieldsOf(options.speaks ?? []);
  const first = imported.timeline[0];
  const last = imported.timeline.at(-1);
  const result = (opening: TimelineSide, timeline: EventValue[], behind: boolean): TimelineMerge => ({
    merged: { ...openingOf(opening, existing, fields), timeline, behind },
  });
  const replaced = () => result(imported, withUserFields(imported.timeline, existing.timeline, fields), false);
  if (options.replace === true) return replaced();
  // Nothing to lose; but an export that starts later (`since`) still did not see the opening.
  if (existing.timeline.length === 0 && imported.since === undefined) return replaced();
  if (Date.parse(existing.opened) !== Date.parse(imported.opened)) {
    const changes = existing.timeline.filter((e) => isChange(e, fields));
    const dropped = droppedEvents(changes, imported.timeline, fields);
    if (dropped.length === 0) return replaced();
    return { loss: { opening: { repository: existing.opened, export: imported.opened }, existing: changes.length, dropped } };
  }
  // The window opens at the export's first update when it says when that was (`since`), else at its first event.
  const since = imported.since;
  const start =
    since !== undefined && (first === undefined || Date.parse(since.at) < instantOf(first)) ? since.at : first === undefined ? undefined : String(first.at);
  // An import with no event, and no first update, says nothing about any instant: the timeline and opening stand.
  if (start === undefined) return result(existing, [...existing.timeline], false);
  const end = last === undefined ? start : String(last.at);
  const from = Date.parse(start);
  const to = Date.parse(end);
  const before = existing.timeline.filter((e) => instantOf(e) < from);
  const inside = existing.timeline.filter((e) => instantOf(e) >= from && instantOf(e) <= to);
  const after = existing.timeline.filter((e) => instantOf(e) > to);
  const partial = since !== undefined || before.some((e) => isChange(e, fields));
  const window = partial ? continuing(imported, inEffect(before, existing, fields), fields) : [...imported.timeline];

  const changes = inside.filter((e) => isChange(e, fields));
  const dropped = droppedEvents(changes, window, fields);
  if (dropped.length > 0) {
    return { loss: { window: { from: start, to: end }, existing: changes.length, dropped } };
  }
  const timeline = [...before, ...withUserFields(window, inside, fields), ...after];
  return result(partial ? existing : imported, timeline, after.some((e) => isChange(e, fields)));
}

/** The opening of `side`; the assignment fields the import does not read stay the repository's. */
function openingOf(side: TimelineSide, existing: TimelineSide, fields: Fields): TimelineSide {
  const out: TimelineSide = { opened: side.opened, priority: side.priority, timeline: [] };
  for (const key of ['group', 'assignee'] as const) {
    const value = fields.opening.includes(key) ? side[key] : existing[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Whether the event changes what the import speaks about: a note alone is never the import's (no source writes one). */
function isChange(event: EventValue, fields: Fields): boolean {
  return fields.change.some((key) => event[key] !== undefined);
}

function sameChange(a: EventValue, b: EventValue, fields: Fields): boolean {
  return fields.change.every((key) => a[key] === b[key]);
}

/**
 * `timeline` with the user's fields of `replaced` (the repository's events it replaces) kept: notes, and the
 * assignments the import does not read. An event with nothing else stays an event of its own, after the events of
 * its instant; those fields of an event with a change go to the event that replaces it at the same instant (the one
 * with the same change first), or, when there is none, stay as an event of their own. No source writes notes, so they
 * are the user's (docs/import.md): the import keeps them as it keeps an outage.
 */
function withUserFields(timeline: readonly EventValue[], replaced: readonly EventValue[], fields: Fields): EventValue[] {
  const out = [...timeline];
  const loose: EventValue[] = [];
  const userPart = (event: EventValue): EventValue | undefined => {
    const part: EventValue = {};
    for (const key of fields.user) if (event[key] !== undefined) part[key] = event[key];
    return Object.keys(part).length === 0 ? undefined : part;
  };
  for (const r of replaced) {
    const part = userPart(r);
    if (part === undefined) continue;
    if (!isChange(r, fields)) {
      loose.push(r);
      continue;
    }
    const free = out.flatMap((e, i) => (instantOf(e) === instantOf(r) && userPart(e) === undefined ? [i] : []));
    const i = free.find((k) => sameChange(out[k]!, r, fields)) ?? free[0];
    if (i === undefined) loose.push({ at: r.at, ...part });
    else out[i] = inOrder({ ...out[i]!, ...part });
  }
  for (const event of loose) {
    const at = instantOf(event);
    let i = out.length;
    while (i > 0 && instantOf(out[i - 1]!) > at) i--;
    out.splice(i, 0, event);
  }
  return out;
}

/** The keys of an event in the order documents write them. */
const EVENT_ORDER = ['at', 'status', 'priority', 'group', 'assignee', 'actor', 'note'];

function inOrder(event: EventValue): EventValue {
  const out: EventValue = {};
  for (const key of EVENT_ORDER) if (event[key] !== undefined) out[key] = event[key];
  for (const [key, value] of Object.entries(event)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

/** The status, priority and assignments in effect after `events` (the status is unknown when none of them sets one). */
function inEffect(events: readonly EventValue[], opening: TimelineSide, fields: Fields): EventValue {
  const state: EventValue = {};
  for (const key of fields.opening) if (opening[key] !== undefined) state[key] = opening[key];
  for (const e of events) for (const key of fields.change) if (e[key] !== undefined) state[key] = e[key];
  return state;
}

/**
 * The imported events as a continuation of `state`, what is in effect where the export starts (see the module
 * comment): a priority or assignment the export starts with that differs from the one in effect becomes an event at
 * its first update (`since`) — one of its own when its first event, at that instant, changes it again — or goes on its
 * first event; what the first event restates is left out. An assignment the export starts without (`?` on its first
 * row: not known) is in effect still, so its first value there, when it is the one in effect, is no change either.
 */
function continuing(imported: TimelineSide, state: EventValue, fields: Fields): EventValue[] {
  const [head, ...rest] = imported.timeline;
  const out: EventValue[] = [];
  const effect = { ...state };
  const since = imported.since;
  const differs = (key: 'priority' | AssignmentField) => imported[key] !== undefined && imported[key] !== effect[key];
  if (since !== undefined && (head === undefined || Date.parse(since.at) <= instantOf(head))) {
    const sameInstant = head !== undefined && Date.parse(since.at) === instantOf(head);
    const event: EventValue = { at: since.at };
    // At the instant of the first event, the first update's changes go on it when it is that update's (isFirstEvent).
    const own = !sameInstant || since.isFirstEvent === false;
    for (const key of fields.opening) {
      if (differs(key) && (own || head[key] !== undefined)) event[key] = effect[key] = imported[key];
    }
    if (Object.keys(event).length > 1) out.push(since.actor === undefined ? event : { ...event, actor: since.actor });
  }
  if (head === undefined) return out;
  const window = [head, ...rest].map((e) => ({ ...e }));
  for (const key of fields.opening) {
    if (key === 'priority' || imported[key] !== undefined) continue;
    const first = window.find((e) => e[key] !== undefined);
    if (first !== undefined && first[key] === effect[key]) delete first[key];
  }
  const [start, ...others] = window.filter((e) => e === window[0] || isChange(e, fields) || fields.user.some((key) => e[key] !== undefined));
  const changes: EventValue = {};
  for (const key of fields.opening) {
    const value = start![key] ?? (differs(key) ? imported[key] : undefined);
    if (value !== undefined && value !== effect[key]) changes[key] = value;
  }
  if (start!.status !== undefined && start!.status !== effect.status) changes.status = start!.status;
  const kept = Object.fromEntries(Object.entries(start!).filter(([key]) => key !== 'at' && !fields.change.includes(key)));
  if (Object.keys(changes).length === 0 && fields.user.every((key) => start![key] === undefined)) return [...out, ...others];
  return [...out, inOrder({ at: start!.at, ...changes, ...kept }), ...others];
}

/**
 * The events of `existing` that `merged` has no counterpart for: at each instant, as many as `existing` has more
 * events there than `merged`, preferring those whose changes no event of `merged` at that instant has.
 */
function droppedEvents(existing: readonly EventValue[], merged: readonly EventValue[], fields: Fields): EventValue[] {
  const mergedAt = new Map<number, EventValue[]>();
  for (const e of merged) {
    const list = mergedAt.get(instantOf(e)) ?? [];
    list.push(e);
    mergedAt.set(instantOf(e), list);
  }
  const existingAt = new Map<number, EventValue[]>();
  for (const e of existing) {
    const list = existingAt.get(instantOf(e)) ?? [];
    list.push(e);
    existingAt.set(instantOf(e), list);
  }
  const dropped = new Set<EventValue>();
  for (const [at, events] of existingAt) {
    const counterparts = [...(mergedAt.get(at) ?? [])];
    let deficit = events.length - counterparts.length;
    if (deficit <= 0) continue;
    const unmatched = events.filter((e) => {
      const i = counterparts.findIndex((c) => sameChange(c, e, fields));
      if (i < 0) return true;
      counterparts.splice(i, 1);
      return false;
    });
    for (const e of unmatched) {
      if (deficit-- <= 0) break;
      dropped.add(e);
    }
  }
  return existing.filter((e) => dropped.has(e));
}

/** Milliseconds since the epoch; the instants were checked by the schema (ISO 8601 with an offset or Z). */
function instantOf(event: EventValue): number {
  return Date.parse(String(event.at));
}
