import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, type Rule } from '../context.js';

/** A ticket is open when its last status is not resolved, closed or cancelled. */
function isOpen(timeline: readonly { status?: string | undefined }[] | undefined, category: (status: string) => string | undefined): boolean {
  let last: string | undefined;
  for (const event of timeline ?? []) if (event.status !== undefined) last = event.status;
  if (last === undefined) return true; // still in its initial status
  const c = category(last);
  return c !== 'resolved' && c !== 'closed' && c !== 'cancelled';
}

/** Retiring a service (ITIL service portfolio: retired) should come after its last ticket and subscription end. */
export const retiredServiceInUse: Rule = {
  id: 'retired-service-in-use',
  description: 'A retired service still has open tickets or open-ended subscriptions (warning).',
  check({ repository, services, statuses }) {
    const diagnostics: Diagnostic[] = [];
    const openTickets = new Map<string, string[]>();
    for (const { doc } of repository.tickets) {
      const service = services.get(doc.spec.service);
      if (service?.doc.spec.lifecycle !== 'retired') continue;
      if (!isOpen(doc.spec.timeline, (s) => statuses.get(s)?.category)) continue;
      const list = openTickets.get(doc.spec.service) ?? [];
      list.push(doc.metadata.id);
      openTickets.set(doc.spec.service, list);
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
      const tickets = openTickets.get(doc.metadata.id) ?? [];
      const consumers = subscribers.get(doc.metadata.id) ?? [];
      const parts: string[] = [];
      if (tickets.length > 0) parts.push(`${tickets.length} open ticket(s) (${tickets.slice(0, 3).join(', ')}${tickets.length > 3 ? ', …' : ''})`);
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
