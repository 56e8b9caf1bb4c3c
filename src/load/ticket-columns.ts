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

/**
 * The list whose columns were built first with a ticket at its head, by that ticket: validation builds the columns of
 * each file's tickets, and the SLA engine those of the repository's, which are the files' one after the other. Their
 * instants are copied from the files' columns instead of parsed again (a fifth of a second at 100,000 tickets).
 */
const listsByHead = new WeakMap<TicketDocument, { list: readonly Entity<TicketDocument>[]; columns: TicketColumns }>();

/** The columns of `tickets`, built on first use and shared by every later caller with the same list. */
export function ticketColumns(tickets: readonly Entity<TicketDocument>[]): TicketColumns {
  const known = built.get(tickets);
  // A list that grew since (tests build repositories step by step) gets new columns.
  if (known !== undefined && known.opened.length === tickets.length) return known;
  const columns = buildColumns(tickets);
  built.set(tickets, columns);
  const head = tickets[0]?.doc;
  if (head !== undefined && !listsByHead.has(head)) listsByHead.set(head, { list: tickets, columns });
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
  for (let i = 0; i < n; ) {
    const copied = copyRun(tickets, i, opened, eventStart, eventAt);
    if (copied > 0) {
      i += copied;
      continue;
    }
    const spec = tickets[i]!.doc.spec;
    opened[i] = instantMs(spec.opened);
    const timeline = spec.timeline;
    if (timeline !== undefined) {
      const first = eventStart[i]!;
      for (let k = 0; k < timeline.length; k++) eventAt[first + k] = instantMs(timeline[k]!.at);
    }
    i++;
  }
  return { opened, eventStart, eventAt };
}

/**
 * Copies the instants of the tickets from `tickets[at]` on that are, one after the other, the tickets of a list whose
 * columns are built (listsByHead), with as many events each; returns how many it copied (0: none).
 */
function copyRun(tickets: readonly Entity<TicketDocument>[], at: number, opened: Float64Array, eventStart: Uint32Array, eventAt: Float64Array): number {
  const known = listsByHead.get(tickets[at]!.doc);
  if (known === undefined || known.list === tickets) return 0;
  const { list, columns } = known;
  // Columns of a list that grew since hold only its first tickets.
  const limit = Math.min(list.length, columns.opened.length, tickets.length - at);
  let k = 0;
  while (k < limit && tickets[at + k]!.doc === list[k]!.doc && eventStart[at + k + 1]! - eventStart[at + k]! === columns.eventStart[k + 1]! - columns.eventStart[k]!) k++;
  opened.set(columns.opened.subarray(0, k), at);
  eventAt.set(columns.eventAt.subarray(columns.eventStart[0]!, columns.eventStart[k]!), eventStart[at]!);
  return k;
}
