import type { ReviewContext } from './context.js';
import type { TicketSections } from './sections.js';

/** Volume, backlog, reopen and first-contact rates, recurrence and the breakdown's counts, in one pass over the tickets. */
export function ticketSections(context: ReviewContext): TicketSections {
  void context;
  throw new Error('ticketSections: not written yet');
}
