import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ConsumerDocument } from '../../model/consumer.js';
import type { Entity, SourceRef } from '../../model/repository.js';
import { subscriptionFinder } from '../../sla/selection.js';
import { isInstantInRange } from '../../time/range.js';
import { localDayOf } from '../local-day.js';
import { ticketColumns } from '../../load/ticket-columns.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';
import type { TicketRule } from '../ticket-rule.js';

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

/** The services that some consumer subscribes to: only their tickets need a subscription. */
function subscribedServices(consumers: readonly Entity<ConsumerDocument>[]): Set<string> {
  const subscribed = new Set<string>();
  for (const { doc } of consumers) for (const subscription of doc.spec.subscriptions ?? []) subscribed.add(subscription.service);
  return subscribed;
}

/**
 * The tickets of one consumer and service opened on days without a subscription: the first of them and the next ones
 * up to MORE_TICKETS_SHOWN (those the diagnostic shows, whichever file the first is in), how many, and the days they span.
 */
interface Unsubscribed {
  consumer: string;
  service: string;
  tickets: Array<{ source: SourceRef; id: string }>;
  count: number;
  earliest: string;
  latest: string;
}

/** A file's consumers and services without a subscription, in the order its tickets met them. */
type UnsubscribedFacts = Unsubscribed[];

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
export const ticketWithoutSubscription: TicketRule<UnsubscribedFacts> = {
  id: 'ticket-without-subscription',
  description: 'A ticket\'s consumer has no subscription to its service on the day the ticket was opened, where others subscribe to it (warning).',
  facts({ repository, consumers, services }, { tickets }) {
    const subscribed = subscribedServices(repository.consumers);
    if (subscribed.size === 0) return [];
    const findSubscription = subscriptionFinder({ ...repository, tickets: [] });
    const dayOf = localDayOf(repository.config.timeZone);
    const found = new Map<string, Unsubscribed>();
    const openedAt = ticketColumns(tickets).opened;
    for (let t = 0; t < tickets.length; t++) {
      const ticket = tickets[t]!;
      const { consumer, service } = ticket.doc.spec;
      // Unknown consumers and services are unknown-reference; instants out of range are date-range.
      if (consumer === undefined || !subscribed.has(service) || !consumers.has(consumer) || !services.has(service)) continue;
      const ms = openedAt[t]!;
      if (!isInstantInRange(ms)) continue;
      const day = dayOf(ms);
      if (findSubscription(consumer, service, day)) continue;
      const key = `${consumer}\u0000${service}`;
      const entry = found.get(key);
      const listed = { source: ticket.source, id: ticket.doc.metadata.id };
      if (!entry) {
        found.set(key, { consumer, service, tickets: [listed], count: 1, earliest: day, latest: day });
        continue;
      }
      if (entry.tickets.length <= MORE_TICKETS_SHOWN) entry.tickets.push(listed);
      entry.count++;
      if (day < entry.earliest) entry.earliest = day;
      if (day > entry.latest) entry.latest = day;
    }
    return [...found.values()];
  },
  check({ repository }, facts) {
    if (subscribedServices(repository.consumers).size === 0) return [];
    // Merged in the repository's order of tickets: the first ticket and those listed after it are the first ones met.
    const found = new Map<string, Unsubscribed>();
    for (const entries of facts) {
      for (const part of entries) {
        const key = `${part.consumer}\u0000${part.service}`;
        const entry = found.get(key);
        if (!entry) {
          found.set(key, { ...part, tickets: [...part.tickets] });
          continue;
        }
        for (const listed of part.tickets) if (entry.tickets.length <= MORE_TICKETS_SHOWN) entry.tickets.push(listed);
        entry.count += part.count;
        if (part.earliest < entry.earliest) entry.earliest = part.earliest;
        if (part.latest > entry.latest) entry.latest = part.latest;
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const { consumer, service, tickets, count: n, earliest, latest } of found.values()) {
      const [first, ...others] = tickets;
      if (first === undefined) continue; // every entry starts with its first ticket
      const message =
        n === 1
          ? `consumer "${consumer}" has no subscription to service "${service}" on ${earliest}, when this ticket was opened`
          : `consumer "${consumer}" has no subscription to service "${service}" when ${n} of its tickets were opened (${earliest === latest ? earliest : `${earliest} to ${latest}`}), this one first`;
      const hidden = n - 1 - MORE_TICKETS_SHOWN;
      const hint =
        `add a subscription of ${consumer} to ${service} that covers ${n === 1 ? 'that day' : 'those days'}, or correct the ticket's consumer or service` +
        (hidden > 0 ? ` (${hidden} more tickets not listed)` : '');
      diagnostics.push(
        diagnosticAt(first.source, ['spec', 'consumer'], 'ticket-without-subscription', 'warning', message, {
          hint,
          related: others.map((t) => relatedAt(t.source, ['spec', 'consumer'], `ticket ${t.id} too`)),
        }),
      );
    }
    return diagnostics;
  },
};
