import type { Entity } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import type { TicketChangeCounts } from '../changes.js';
import { sameData } from './words.js';

/**
 * Tickets are counted, never described one by one: they are the record of what happened, not a definition. Matched by
 * id wherever their file is; "changed" means the document differs (a moved ticket with the same content is unchanged).
 */
export function ticketCounts(base: readonly Entity<TicketDocument>[], head: readonly Entity<TicketDocument>[]): TicketChangeCounts {
  const was = new Map<string, TicketDocument>();
  for (const t of base) if (!was.has(t.doc.metadata.id)) was.set(t.doc.metadata.id, t.doc);
  const seen = new Set<string>();
  const counts: TicketChangeCounts = { added: 0, changed: 0, removed: 0 };
  for (const t of head) {
    const id = t.doc.metadata.id;
    if (seen.has(id)) continue;
    seen.add(id);
    const old = was.get(id);
    if (old === undefined) counts.added++;
    else if (old !== t.doc && !sameData(old, t.doc)) counts.changed++;
  }
  for (const id of was.keys()) if (!seen.has(id)) counts.removed++;
  return counts;
}
