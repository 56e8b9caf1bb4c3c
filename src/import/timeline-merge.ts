/**
 * How an imported timeline joins the one a ticket already has in the repository (docs/import.md, "Timelines: what
 * a re-import may change"). Pure.
 *
 * An export speaks about the span from its first event of a ticket to its last — its window — and about nothing
 * else. An incremental export ("what changed since yesterday") holds yesterday's updates of an old ticket and not its
 * history; an older export, or one whose last rows a stray quote swallowed, ends before what the repository knows.
 * So, unless the user says the export is authoritative (`replace`, the --replace-timelines option):
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
 *   import keeps no earlier event of the repository: an export that starts later did not see the opening;
 * - when earlier events are kept, the first imported event keeps only what changes. An adapter reads a ticket's
 *   first row as a change from its starting state, so the first row of a partial export restates the status the
 *   ticket was already in; kept, that echo would be an event that the next, complete export does not have, and
 *   that import would then have to refuse. The status or priority that equals the one in effect is left out, and the
 *   event with it when nothing is left. Where the import's priority at its start differs from the one in effect,
 *   the first event carries it: the change happened at the latest then;
 * - notes are the user's, as an outage is: no source writes one. A note alone is kept wherever it is and is not
 *   counted above (the export cannot have it); a note on a change goes to the imported event that replaces it —
 *   even with `replace`, which replaces what the source says, not what the user wrote.
 */

/** A timeline event as a document holds it: `at`, and `status`, `priority`, `actor`, `note` when set. */
export type EventValue = Record<string, unknown>;

/** What the merge reads of a ticket, and what it gives back: the opening and the timeline. */
export interface TimelineSide {
  opened: string;
  /** The priority the ticket was opened with (for an import, the priority before its first event). */
  priority: string;
  timeline: readonly EventValue[];
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
  if (options.replace === true || existing.timeline.length === 0) return replaced;
  if (Date.parse(existing.opened) !== Date.parse(imported.opened)) {
    const changes = existing.timeline.filter(isChange);
    const dropped = droppedEvents(changes, imported.timeline);
    if (dropped.length === 0) return replaced;
    return { loss: { opening: { repository: existing.opened, export: imported.opened }, existing: changes.length, dropped } };
  }
  // An import with no event says nothing about any instant: the repository's timeline and opening stand.
  if (first === undefined || last === undefined) {
    return { merged: { opened: existing.opened, priority: existing.priority, timeline: [...existing.timeline], behind: false } };
  }

  const from = instantOf(first);
  const to = instantOf(last);
  const before = existing.timeline.filter((e) => instantOf(e) < from);
  const inside = existing.timeline.filter((e) => instantOf(e) >= from && instantOf(e) <= to);
  const after = existing.timeline.filter((e) => instantOf(e) > to);
  const partial = before.some(isChange);
  const opening = partial ? existing : imported;
  const window = partial ? withoutEcho(imported.timeline, inEffect(before, existing.priority), imported.priority) : [...imported.timeline];

  const changes = inside.filter(isChange);
  const dropped = droppedEvents(changes, window);
  if (dropped.length > 0) {
    return { loss: { window: { from: String(first.at), to: String(last.at) }, existing: changes.length, dropped } };
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

/** The imported events with their first one reduced to what changes from `state` (see the module comment). */
function withoutEcho(events: readonly EventValue[], state: { status?: unknown; priority: unknown }, importedPriority: string): EventValue[] {
  const [head, ...rest] = events;
  if (head === undefined) return [];
  let priority = head.priority ?? (importedPriority !== state.priority ? importedPriority : undefined);
  let status = head.status;
  if (status !== undefined && status === state.status) status = undefined;
  if (priority === state.priority) priority = undefined;
  if (status === undefined && priority === undefined && head.note === undefined) return rest;
  const event: EventValue = { at: head.at };
  if (status !== undefined) event.status = status;
  if (priority !== undefined) event.priority = priority;
  for (const [key, value] of Object.entries(head)) if (!(key in event) && key !== 'status' && key !== 'priority') event[key] = value;
  return [event, ...rest];
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
