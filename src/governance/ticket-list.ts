import type { Entity, Repository } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import { byText, sameData } from './changes/words.js';

/**
 * The tickets that differ between two revisions, one by one (`itsm diff --tickets`), each list sorted by id. This is
 * the one place that says what a changed ticket is; the counts of every report (changes/tickets.ts) are these lists'
 * lengths.
 */
export interface TicketList {
  added: TicketRef[];
  changed: TicketRef[];
  removed: TicketRef[];
}

export interface TicketRef {
  id: string;
  /** The head's file, or the base's for a removed ticket. */
  file: string;
}

/** Which tickets were added, removed or changed from `base` to `head` (pure). */
export function listTicketChanges(base: Repository, head: Repository): TicketList {
  return ticketChanges(base.tickets, head.tickets);
}

/**
 * Tickets are matched by id wherever their file is; "changed" means the document differs in any field, the timeline
 * included (a ticket moved to another file with the same content is unchanged). An id defined twice in one revision
 * (an error validation reports) is matched by its first definition, as definitions are.
 */
export function ticketChanges(base: readonly Entity<TicketDocument>[], head: readonly Entity<TicketDocument>[]): TicketList {
  // One load serving both sides (nothing differs) has one array: nothing to match.
  if (base === head) return { added: [], changed: [], removed: [] };
  const [baseSide, headSide] = withoutSharedEnds(base, head);
  const was = firstById(baseSide);
  const now = firstById(headSide);
  const list: TicketList = { added: [], changed: [], removed: [] };
  for (const [id, ticket] of now) {
    const old = was.get(id);
    if (old === undefined) list.added.push({ id, file: ticket.source.file });
    // Identical files share their documents (MemoryFileCache), so most comparisons end at the first test.
    else if (old.doc !== ticket.doc && !sameData(old.doc, ticket.doc)) list.changed.push({ id, file: ticket.source.file });
  }
  for (const [id, ticket] of was) if (!now.has(id)) list.removed.push({ id, file: ticket.source.file });
  const byId = (a: TicketRef, b: TicketRef) => byText(a.id, b.id);
  return { added: list.added.sort(byId), changed: list.changed.sort(byId), removed: list.removed.sort(byId) };
}

function firstById(tickets: readonly Entity<TicketDocument>[]): Map<string, Entity<TicketDocument>> {
  const map = new Map<string, Entity<TicketDocument>>();
  for (const t of tickets) if (!map.has(t.doc.metadata.id)) map.set(t.doc.metadata.id, t);
  return map;
}

/**
 * The two sides without what cannot differ. When only some files changed, both sides hold the very same ticket
 * objects before and after the changed ones (MemoryFileCache shares identical files' documents): indexing 100,000
 * tickets to find the few of one file was 5 % of a diff. Every id the middles hold keeps all its occurrences, in order,
 * so each side's first definition of it is the one the whole arrays give; every other id occurs only in the shared
 * ends, the same document on both sides, and so is unchanged.
 */
function withoutSharedEnds(
  base: readonly Entity<TicketDocument>[],
  head: readonly Entity<TicketDocument>[],
): [readonly Entity<TicketDocument>[], readonly Entity<TicketDocument>[]] {
  const shortest = Math.min(base.length, head.length);
  const same = (i: number, j: number) => base[i]!.doc === head[j]!.doc;
  let prefix = 0;
  while (prefix < shortest && same(prefix, prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && same(base.length - 1 - suffix, head.length - 1 - suffix)) suffix++;
  if (prefix + suffix === 0) return [base, head];
  const ids = new Set<string>();
  for (let i = prefix; i < base.length - suffix; i++) ids.add(base[i]!.doc.metadata.id);
  for (let j = prefix; j < head.length - suffix; j++) ids.add(head[j]!.doc.metadata.id);
  // Each side keeps its own entities: the shared ends share documents, and a ticket's file is its side's.
  const keep = (side: readonly Entity<TicketDocument>[]) =>
    side.filter((t, i) => (i >= prefix && i < side.length - suffix) || ids.has(t.doc.metadata.id));
  return [keep(base), keep(head)];
}
