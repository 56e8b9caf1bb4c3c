import type { Repository } from '../model/repository.js';

/** The tickets that differ between two revisions, one by one (`itsm diff --tickets`), each list sorted by id. */
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

/** Which tickets were added, removed or changed (any field, the timeline included) from `base` to `head` (pure). */
export function listTicketChanges(base: Repository, head: Repository): TicketList {
  const before = new Map(base.tickets.map((t) => [t.doc.metadata.id, t]));
  const list: TicketList = { added: [], changed: [], removed: [] };
  const seen = new Set<string>();
  for (const ticket of head.tickets) {
    const id = ticket.doc.metadata.id;
    seen.add(id);
    const old = before.get(id);
    if (old === undefined) list.added.push({ id, file: ticket.source.file });
    // Identical files share their documents (MemoryFileCache), so most comparisons end at the first test.
    else if (old.doc !== ticket.doc && !sameData(old.doc, ticket.doc)) list.changed.push({ id, file: ticket.source.file });
  }
  for (const [id, ticket] of before) if (!seen.has(id)) list.removed.push({ id, file: ticket.source.file });
  const byId = (a: TicketRef, b: TicketRef) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { added: list.added.sort(byId), changed: list.changed.sort(byId), removed: list.removed.sort(byId) };
}

/** Deep equality of parsed YAML data (plain objects, arrays, scalars); the order of an object's keys does not matter. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, i) => sameData(value, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((k) => Object.hasOwn(right, k) && sameData(left[k], right[k]));
}
