import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Entity } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { subscriptionFinder } from '../../sla/selection.js';
import { isInstantInRange } from '../../time/range.js';
import { localDayOf } from '../local-day.js';
import { ticketColumns } from '../../load/ticket-columns.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

/** A subscription's `to` is its last day (inclusive), so it cannot come before `from`. */
export const subscriptionDates: Rule = {
  id: 'subscription-dates',
  description: 'A subscription ends before it starts.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.consumers) {
      doc.spec.subscriptions?.forEach((sub, i) => {
        if (sub.to !== undefined && sub.to < sub.from) {
          diagnostics.push(
            diagnosticAt(source, ['spec', 'subscriptions', i, 'to'], 'subscription-dates', 'error', `subscription ends (${sub.to}) before it starts (${sub.from})`),
          );
        }
      });
    }
    return diagnostics;
  },
};

/** Other tickets listed under the first, so that a consumer with a thousand such tickets gets a short note. */
const MORE_TICKETS_SHOWN = 3;

/**
 * A consumer's tickets on a service are charged and measured under its subscription to that service (which can name
 * the agreements that apply). A ticket opened on a day when the consumer has no subscription to its service is allowed
 * (it is measured under the consumer's default or the service's agreement), but it usually means a subscription that
 * ended too early, started too late or was never written, or a ticket filed under the wrong consumer or service. A
 * service that no consumer subscribes to at all is open to every consumer (a service desk charged by tickets, requests
 * priced per request): its tickets need no subscription, and are not reported. The day is the ticket's opening local
 * date in the repository's time zone. Reported once per consumer and service, at the first such ticket, with the
 * number of tickets and the dates they span, like sla-missing-target: an import of a year of tickets must not give
 * thousands of warnings for one missing subscription.
 */
export const ticketWithoutSubscription: Rule = {
  id: 'ticket-without-subscription',
  description: 'A ticket\'s consumer has no subscription to its service on the day the ticket was opened, where others subscribe to it (warning).',
  check({ repository, consumers, services }) {
    const findSubscription = subscriptionFinder(repository);
    const subscribed = new Set<string>();
    for (const { doc } of repository.consumers) for (const subscription of doc.spec.subscriptions ?? []) subscribed.add(subscription.service);
    if (subscribed.size === 0) return [];
    const dayOf = localDayOf(repository.config.timeZone);
    const found = new Map<string, { consumer: string; service: string; first: Entity<TicketDocument>; others: Entity<TicketDocument>[]; earliest: string; latest: string }>();
    const openedAt = ticketColumns(repository.tickets).opened;
    for (let t = 0; t < repository.tickets.length; t++) {
      const ticket = repository.tickets[t]!;
      const { consumer, service } = ticket.doc.spec;
      // Unknown consumers and services are unknown-reference; instants out of range are date-range.
      if (consumer === undefined || !subscribed.has(service) || !consumers.has(consumer) || !services.has(service)) continue;
      const ms = openedAt[t]!;
      if (!isInstantInRange(ms)) continue;
      const day = dayOf(ms);
      if (findSubscription(consumer, service, day)) continue;
      const key = `${consumer}\u0000${service}`;
      const entry = found.get(key);
      if (!entry) {
        found.set(key, { consumer, service, first: ticket, others: [], earliest: day, latest: day });
        continue;
      }
      entry.others.push(ticket);
      if (day < entry.earliest) entry.earliest = day;
      if (day > entry.latest) entry.latest = day;
    }
    const diagnostics: Diagnostic[] = [];
    for (const { consumer, service, first, others, earliest, latest } of found.values()) {
      const n = others.length + 1;
      const message =
        n === 1
          ? `consumer "${consumer}" has no subscription to service "${service}" on ${earliest}, when this ticket was opened`
          : `consumer "${consumer}" has no subscription to service "${service}" when ${n} of its tickets were opened (${earliest === latest ? earliest : `${earliest} to ${latest}`}), this one first`;
      const hidden = others.length - MORE_TICKETS_SHOWN;
      const hint =
        `add a subscription of ${consumer} to ${service} that covers ${n === 1 ? 'that day' : 'those days'}, or correct the ticket's consumer or service` +
        (hidden > 0 ? ` (${hidden} more tickets not listed)` : '');
      diagnostics.push(
        diagnosticAt(first.source, ['spec', 'consumer'], 'ticket-without-subscription', 'warning', message, {
          hint,
          related: others.slice(0, MORE_TICKETS_SHOWN).map((t) => relatedAt(t.source, ['spec', 'consumer'], `ticket ${t.doc.metadata.id} too`)),
        }),
      );
    }
    return diagnostics;
  },
};
