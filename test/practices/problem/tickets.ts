import type { Outage, TicketDocument, TicketSpec } from '../../../src/model/ticket.js';

/** A ticket written inline: an incident on `app` unless told otherwise. */
export function ticket(id: string, spec: Partial<TicketSpec> & { opened: string }, labels?: Record<string, string>): TicketDocument {
  return {
    apiVersion: 'itsm/v1',
    kind: 'Ticket',
    metadata: { id, ...(labels ? { labels } : {}) },
    spec: { type: 'incident', service: 'app', priority: 'P3', title: `Ticket ${id}`, ...spec },
  };
}

export const outage = (start: string, end: string | undefined, impact: Outage['impact'] = 'down'): Outage => ({ start, ...(end !== undefined ? { end } : {}), impact });
