import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, type Rule } from '../context.js';
import type { TicketRule } from '../ticket-rule.js';

/** A ticket is open when its last status is not resolved, closed or cancelled. */
function isOpen(timeline: readonly { status?: string | undefined }[] | undefined, category: (status: string) => string | undefined): boolean {
  let last: string | undefined;
  for (const event of timeline ?? []) if (event.status !== undefined) last = event.status;
  if (last === undefined) return true; // still in its initial status
  const c = category(last);
  return c !== 'resolved' && c !== 'closed' && c !== 'cancelled';
}

/**
 * One file's open tickets of a retired service: the service, how many, and the first ids (as many as the message
 * names).
 */
type OpenTickets = [service: string, count: number, first: string[]];

/** Ticket ids named in the message; more are counted and shown as "…". */
const TICKETS_SHOWN = 3;

/** Retiring a service (ITIL service portfolio: retired) should come after its last ticket and subscription end. */
export const retiredServiceInUse: TicketRule<OpenTickets[]> = {
  id: 'retired-service-in-use',
  description: 'A retired service still has open tickets or open-ended subscriptions (warning).',
  facts({ services, statuses }, { tickets }) {
    const found: OpenTickets[] = [];
    // Services are rarely retired: then no ticket needs a look.
    let anyRetired = false;
    for (const { doc } of services.values()) if (doc.spec.lifecycle === 'retired') anyRetired = true;
    if (!anyRetired) return found;
    const openTickets = new Map<string, OpenTickets>();
    for (const { doc } of tickets) {
      const service = services.get(doc.spec.service);
      if (service?.doc.spec.lifecycle !== 'retired') continue;
      if (!isOpen(doc.spec.timeline, (s) => statuses.get(s)?.category)) continue;
      const entry = openTickets.get(doc.spec.service);
      if (entry === undefined) {
        const created: OpenTickets = [doc.spec.service, 1, [doc.metadata.id]];
        openTickets.set(doc.spec.service, created);
        found.push(created);
      } else if (entry[1]++ < TICKETS_SHOWN) {
        entry[2].push(doc.metadata.id);
      }
    }
    return found;
  },
  check({ repository, services }, facts) {
    const diagnostics: Diagnostic[] = [];
    // The facts arrive in the repository's order, so the ids listed are the first open tickets there.
    const openTickets = new Map<string, { count: number; first: string[] }>();
    for (const fileFacts of facts) {
      for (const [service, count, first] of fileFacts) {
        const entry = openTickets.get(service);
        if (entry === undefined) openTickets.set(service, { count, first: first.slice(0, TICKETS_SHOWN) });
        else {
          entry.count += count;
          for (const id of first) if (entry.first.length < TICKETS_SHOWN) entry.first.push(id);
        }
      }
    }
    const subscribers = new Map<string, string[]>();
    for (const { doc } of repository.consumers) {
      for (const sub of doc.spec.subscriptions ?? []) {
        if (sub.to !== undefined || services.get(sub.service)?.doc.spec.lifecycle !== 'retired') continue;
        const list = subscribers.get(sub.service) ?? [];
        list.push(doc.metadata.id);
        subscribers.set(sub.service, list);
      }
    }
    for (const { source, doc } of repository.services) {
      if (doc.spec.lifecycle !== 'retired') continue;
      const tickets = openTickets.get(doc.metadata.id) ?? { count: 0, first: [] };
      const consumers = subscribers.get(doc.metadata.id) ?? [];
      const parts: string[] = [];
      if (tickets.count > 0) parts.push(`${tickets.count} open ticket(s) (${tickets.first.join(', ')}${tickets.count > TICKETS_SHOWN ? ', …' : ''})`);
      if (consumers.length > 0) parts.push(`subscriptions with no end date from ${consumers.join(', ')}`);
      if (parts.length === 0) continue;
      diagnostics.push(
        diagnosticAt(source, ['spec', 'lifecycle'], 'retired-service-in-use', 'warning', `service is retired but still has ${parts.join(' and ')}`, {
          hint: 'resolve or move the tickets and end the subscriptions (set "to"), or keep the service live',
        }),
      );
    }
    return diagnostics;
  },
};

/** ITIL gives every live service an owner who is accountable for it. */
export const serviceWithoutOwner: Rule = {
  id: 'service-without-owner',
  description: 'A live service has no owner (warning).',
  check({ repository }) {
    return repository.services
      .filter(({ doc }) => doc.spec.lifecycle === 'live' && doc.spec.owner === undefined)
      .map(({ source }) =>
        diagnosticAt(source, ['spec'], 'service-without-owner', 'warning', 'live service has no owner', {
          hint: 'add "owner: <team>" naming the team accountable for the service',
          target: 'key',
        }),
      );
  },
};
