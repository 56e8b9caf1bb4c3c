import type { Entity } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import type { TicketChangeCounts } from '../changes.js';
import { ticketChanges } from '../ticket-list.js';

/**
 * Tickets are counted, never described one by one: they are the record of what happened, not a definition. What
 * "added", "changed" and "removed" mean is said once, by the list `--tickets` prints (../ticket-list.ts): the counts
 * are its lengths.
 */
export function ticketCounts(base: readonly Entity<TicketDocument>[], head: readonly Entity<TicketDocument>[]): TicketChangeCounts {
  const list = ticketChanges(base, head);
  return { added: list.added.length, changed: list.changed.length, removed: list.removed.length };
}
