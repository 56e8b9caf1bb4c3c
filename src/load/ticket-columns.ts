import { instantMs } from '../model/instant-text.js';
import type { Entity } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';

/**
 * The instants of every ticket as numbers, parsed once. Ticket documents hold instants as the text the user wrote;
 * every rule and clock that compares them would otherwise parse the same text again (a year of 100,000 tickets has
 * about 600,000 instants, and each parse costs about a third of a microsecond). The first columns of the columnar
 * ticket store of docs/performance.md: flat typed arrays indexed by the ticket's place in `repository.tickets`.
 * An instant that does not parse is NaN (the schema check rejects such a ticket before any rule reads this).
 */
export interface TicketColumns {
  /** `spec.opened` of ticket i, in milliseconds since the epoch. */
  readonly opened: Float64Array;
  /** The events of ticket i are at `eventAt[eventStart[i]]` to `eventAt[eventStart[i + 1] - 1]`, in written order. */
  readonly eventStart: Uint32Array;
  /** `spec.timeline[k].at` of every ticket, one after the other. */
  readonly eventAt: Float64Array;
}

const built = new WeakMap<readonly Entity<TicketDocument>[], TicketColumns>();

/** The columns of `tickets`, built on first use and shared by every later caller with the same list. */
export function ticketColumns(tickets: readonly Entity<TicketDocument>[]): TicketColumns {
  const known = built.get(tickets);
  // A list that grew since (tests build repositories step by step) gets new columns.
  if (known !== undefined && known.opened.length === tickets.length) return known;
  const columns = buildColumns(tickets);
  built.set(tickets, columns);
  return columns;
}

function buildColumns(tickets: readonly Entity<TicketDocument>[]): TicketColumns {
  const n = tickets.length;
  const opened = new Float64Array(n);
  const eventStart = new Uint32Array(n + 1);
  let events = 0;
  for (let i = 0; i < n; i++) {
    eventStart[i] = events;
    events += tickets[i]!.doc.spec.timeline?.length ?? 0;
  }
  eventStart[n] = events;
  const eventAt = new Float64Array(events);
  for (let i = 0; i < n; i++) {
    const spec = tickets[i]!.doc.spec;
    opened[i] = instantMs(spec.opened);
    const timeline = spec.timeline;
    if (timeline === undefined) continue;
    const first = eventStart[i]!;
    for (let k = 0; k < timeline.length; k++) eventAt[first + k] = instantMs(timeline[k]!.at);
  }
  return { opened, eventStart, eventAt };
}
