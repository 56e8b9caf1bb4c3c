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
 */

import type { FirstUpdate } from './types.js';

/** A timeline event as a document holds it: `at`, and `status`, `priority`, `actor`, `note` when set. */
export type EventValue = Record<string, unknown>;

/** What the merge reads of a ticket, and what it gives back: the opening and the timeline. */
export interface TimelineSide {
  opened: string;
  /** The priority the ticket was opened with (for an import, the priority before its first event). */
  priority: string;
  timeline: readonly EventValue[];
  /** For an import that does not start at the ticket's creation: its first update (ImportedTicket.since). */
  since?: FirstUpdate;
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

/** The existing timeline updated with the imported one (see the module comment). */
export function mergeTimeline(existing: TimelineSide, imported: TimelineSide, options: { replace?: boolean } = {}): TimelineMerge {
  const first = imported.timeline[0];
  const last = imported.timeline.at(-1);
  const replaced: TimelineMerge = {
    merged: { opened: imported.opened, priority: imported.priority, timeline: withNotes(imported.timeline, existing.timeline), behind: false },
  };
  if (options.replace === true) return replaced;
  // Nothing to lose; but an export that starts later (`since`) still did not see the opening.
  if (existing.timeline.length === 0 && imported.since === undefined) return replaced;
  if (Date.parse(existing.opened) !== Date.parse(imported.opened)) {
    const changes = existing.timeline.filter(isChange);
    const dropped = droppedEvents(changes, imported.timeline);
    if (dropped.length === 0) return replaced;
    return { loss: { opening: { repository: existing.opened, export: imported.opened }, existing: changes.length, dropped } };
  }
  // The window opens at the export's first update when it says when that was (`since`), else at its first event.
  const since = imported.since;
  const start =
    since !== undefined && (first === undefined || Date.parse(since.at) < instantOf(first)) ? since.at : first === undefined ? undefined : String(first.at);
  // An import with no event, and no first update, says nothing about any instant: the timeline and opening stand.
  if (start === undefined) {
    return { merged: { opened: existing.opened, priority: existing.priority, timeline: [...existing.timeline], behind: false } };
  }
  const end = last === undefined ? start : String(last.at);
  const from = Date.parse(start);
  const to = Date.parse(end);
  const before = existing.timeline.filter((e) => instantOf(e) < from);
  const inside = existing.timeline.filter((e) => instantOf(e) >= from && instantOf(e) <= to);
  const after = existing.timeline.filter((e) => instantOf(e) > to);
  const partial = since !== undefined || before.some(isChange);
  const opening = partial ? existing : imported;
  const window = partial ? continuing(imported, inEffect(before, existing.priority)) : [...imported.timeline];

  const changes = inside.filter(isChange);
  const dropped = droppedEvents(changes, window);
  if (dropped.length > 0) {
    return { loss: { window: { from: start, to: end }, existing: changes.length, dropped } };
  }
  const timeline = [...before, ...withNotes(window, inside), ...after];
  return { merged: { opened: opening.opened, priority: opening.priority, timeline, behind: after.some(isChange) } };
}

/** Whether the event changes the clocks (a status, a priority): a note alone is never the import's (no source writes one). */
function isChange(event: EventValue): boolean {
  return event.status !== undefined || event.priority !== undefined;
}

/**
 * `timeline` with the notes of `replaced` (the repository's events it replaces) kept: a note alone stays an event of
 * its own, after the events of its instant; a note on a status or priority change goes to the event that replaces it
 * at the same instant (the one with the same status and priority first), or, when there is none, stays as a note
 * alone. No source writes notes, so they are the user's (docs/import.md): the import keeps them as it keeps an outage.
 */
function withNotes(timeline: readonly EventValue[], replaced: readonly EventValue[]): EventValue[] {
  const out = [...timeline];
  const loose: EventValue[] = [];
  for (const r of replaced) {
    if (r.note === undefined) continue;
    if (!isChange(r)) {
      loose.push(r);
      continue;
    }
    const free = out.flatMap((e, i) => (instantOf(e) === instantOf(r) && e.note === undefined ? [i] : []));
    const i = free.find((k) => out[k]!.status === r.status && out[k]!.priority === r.priority) ?? free[0];
    if (i === undefined) loose.push({ at: r.at, note: r.note });
    else out[i] = { ...out[i]!, note: r.note };
  }
  for (const note of loose) {
    const at = instantOf(note);
    let i = out.length;
    while (i > 0 && instantOf(out[i - 1]!) > at) i--;
    out.splice(i, 0, note);
  }
  return out;
}

/** The status and priority in effect after `events` (the status is unknown when none of them sets one). */
function inEffect(events: readonly EventValue[], openingPriority: string): { status?: unknown; priority: unknown } {
  let status: unknown;
  let priority: unknown = openingPriority;
  for (const e of events) {
    if (e.status !== undefined) status = e.status;
    if (e.priority !== undefined) priority = e.priority;
  }
  return status === undefined ? { priority } : { status, priority };
}

/**
 * The imported events as a continuation of `state`, the status and priority in effect where the export starts (see
 * the module comment): a priority the export starts with that differs from the one in effect becomes an event at its
 * first update (`since`), or goes on its first event; what the first event restates is left out.
 */
function continuing(imported: TimelineSide, state: { status?: unknown; priority: unknown }): EventValue[] {
  const [head, ...rest] = imported.timeline;
  const out: EventValue[] = [];
  let priority = state.priority;
  const since = imported.since;
  if (imported.priority !== priority && since !== undefined && (head === undefined || Date.parse(since.at) < instantOf(head))) {
    out.push(since.actor === undefined ? { at: since.at, priority: imported.priority } : { at: since.at, priority: imported.priority, actor: since.actor });
    priority = imported.priority;
  }
  if (head === undefined) return out;
  let headPriority = head.priority ?? (imported.priority !== priority ? imported.priority : undefined);
  let headStatus = head.status;
  if (headStatus !== undefined && headStatus === state.status) headStatus = undefined;
  if (headPriority === priority) headPriority = undefined;
  if (headStatus === undefined && headPriority === undefined && head.note === undefined) return [...out, ...rest];
  const event: EventValue = { at: head.at };
  if (headStatus !== undefined) event.status = headStatus;
  if (headPriority !== undefined) event.priority = headPriority;
  for (const [key, value] of Object.entries(head)) if (!(key in event) && key !== 'status' && key !== 'priority') event[key] = value;
  return [...out, event, ...rest];
}

/**
 * The events of `existing` that `merged` has no counterpart for: at each instant, as many as `existing` has more
 * events there than `merged`, preferring those whose status and priority no event of `merged` at that instant has.
 */
function droppedEvents(existing: readonly EventValue[], merged: readonly EventValue[]): EventValue[] {
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
      const i = counterparts.findIndex((c) => c.status === e.status && c.priority === e.priority);
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
