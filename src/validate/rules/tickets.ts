import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Entity } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { ticketColumns } from '../../load/ticket-columns.js';
import { diagnosticAt, relatedAt } from '../context.js';
import { perTicketRule } from '../ticket-rule.js';
import { article } from './references.js';

/**
 * A timeline is the evidence for every clock, so it must read forwards: no event before `opened`, and each event
 * at or after the one above it (equal instants are allowed; exports often have minute precision).
 */
export const timelineOrder = perTicketRule(
  'timeline-order',
  'A ticket event is earlier than the ticket was opened, or than the event before it.',
  (_context, { tickets }) => {
    const diagnostics: Diagnostic[] = [];
    const { opened: openedAt, eventStart, eventAt } = ticketColumns(tickets);
    for (let t = 0; t < tickets.length; t++) {
      const timeline = tickets[t]!.doc.spec.timeline;
      if (timeline === undefined) continue;
      const opened = openedAt[t]!;
      const first = eventStart[t]!;
      let previous = opened;
      let previousIndex = -1;
      for (let i = 0; i < timeline.length; i++) {
        const at = eventAt[first + i]!;
        if (at < previous) diagnostics.push(outOfOrder(tickets[t]!, i, at < opened ? -1 : previousIndex));
        else {
          previous = at;
          previousIndex = i;
        }
      }
    }
    return diagnostics;
  },
);

/** Event `i` of a ticket, earlier than the event at `previousIndex` (-1: earlier than the opening). */
function outOfOrder({ source, doc }: Entity<TicketDocument>, i: number, previousIndex: number): Diagnostic {
  const at = doc.spec.timeline![i]!.at;
  if (previousIndex < 0) {
    return diagnosticAt(source, ['spec', 'timeline', i, 'at'], 'timeline-order', 'error', `event at ${at} is before the ticket was opened (${doc.spec.opened})`, {
      related: [relatedAt(source, ['spec', 'opened'], 'opened here')],
    });
  }
  return diagnosticAt(source, ['spec', 'timeline', i, 'at'], 'timeline-order', 'error', `event at ${at} is earlier than the event before it`, {
    hint: 'list timeline events in the order they happened',
    related: [relatedAt(source, ['spec', 'timeline', previousIndex, 'at'], 'previous event')],
  });
}

/** Outages and maintenance windows are intervals; one that ends before it starts has no meaning. */
export const intervalOrder = perTicketRule('interval-order', 'An outage or maintenance window ends before it starts.', (_context, { tickets }) => {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of tickets) {
      const { outage, maintenance } = doc.spec;
      if (outage?.end !== undefined && Date.parse(outage.end) <= Date.parse(outage.start)) {
        diagnostics.push(diagnosticAt(source, ['spec', 'outage', 'end'], 'interval-order', 'error', `outage ends (${outage.end}) before it starts (${outage.start})`));
      }
      if (maintenance && Date.parse(maintenance.end) <= Date.parse(maintenance.start)) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'maintenance', 'end'], 'interval-order', 'error', `maintenance window ends (${maintenance.end}) before it starts (${maintenance.start})`),
        );
      }
    }
    return diagnostics;
});

/**
 * Fields that belong to one ticket type only (ITIL: outages are incidents, windows are changes, offerings are
 * requests; an incident names its problem and the change that caused it; a problem has a root cause, a workaround and
 * the change that fixed it).
 */
export const ticketTypeFields = perTicketRule(
  'ticket-type-field',
  'A ticket carries a field that its type does not have (an outage on a request, a window on an incident).',
  (_context, { tickets }) => {
    const diagnostics: Diagnostic[] = [];
    const allowed = {
      outage: 'incident',
      maintenance: 'change',
      offering: 'request',
      change: 'change',
      causedBy: 'incident',
      problem: 'incident',
      rootCause: 'problem',
      workaround: 'problem',
      fixedBy: 'problem',
    } as const;
    // Listed once, not once per ticket (a year of tickets made a million pairs).
    const fields = Object.entries(allowed) as Array<[keyof typeof allowed, string]>;
    for (const { source, doc } of tickets) {
      for (const [field, type] of fields) {
        if (doc.spec[field] !== undefined && doc.spec.type !== type) {
          diagnostics.push(
            diagnosticAt(source, ['spec', field], 'ticket-type-field', 'error', `"${field}" is only allowed on ${type} tickets, but this ticket is ${article(doc.spec.type)} ${doc.spec.type}`, {
              target: 'key',
            }),
          );
        }
      }
    }
    return diagnostics;
  },
);
