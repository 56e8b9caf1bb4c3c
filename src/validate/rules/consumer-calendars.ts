import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import type { SourceRef } from '../../model/repository.js';
import type { SlaDocument } from '../../model/sla.js';
import { agreementSelector, type AgreementChoice } from '../../sla/selection.js';
import { isInstantInRange } from '../../time/range.js';
import { localDayOf } from '../local-day.js';
import { ticketColumns } from '../../load/ticket-columns.js';
import { diagnosticAt, relatedAt } from '../context.js';
import type { FactsContext, TicketRule } from '../ticket-rule.js';

/** Where an agreement says that its clocks run on the consumer's calendar: its base terms, else its first version that does. */
function consumerCalendarPath(doc: SlaDocument): (string | number)[] | undefined {
  if (doc.spec.calendarSource === 'consumer') return ['spec', 'calendarSource'];
  const i = (doc.spec.versions ?? []).findIndex((v) => v.calendarSource === 'consumer');
  return i < 0 ? undefined : ['spec', 'versions', i, 'calendarSource'];
}

/** Where the consumer's document chose the agreement, by the rule that chose it for a subscription. */
function choicePath(choice: AgreementChoice, subscription: number, named: { subscription: readonly string[]; consumer: readonly string[] }): (string | number)[] {
  // The selector finds the first subscription in force on the day; with overlapping subscriptions that may be another.
  const i = choice.rule === 'subscription' ? named.subscription.indexOf(choice.agreement) : choice.rule === 'consumer' ? named.consumer.indexOf(choice.agreement) : -1;
  if (i < 0) return ['spec', 'subscriptions', subscription, 'service'];
  return choice.rule === 'subscription' ? ['spec', 'subscriptions', subscription, 'agreements', i] : ['spec', 'agreements', i];
}

/** The agreements whose clocks run on the consumer's calendar, with where they say so. */
function agreementsOnConsumerCalendar(slas: FactsContext['slas']): Map<string, { source: SourceRef; path: (string | number)[] }> {
  const onConsumerCalendar = new Map<string, { source: SourceRef; path: (string | number)[] }>();
  for (const [id, { source, doc }] of slas) {
    const path = consumerCalendarPath(doc);
    if (path) onConsumerCalendar.set(id, { source, path });
  }
  return onConsumerCalendar;
}

function key(consumer: string, agreement: string): string {
  return `${consumer}\u0000${agreement}`;
}

/** The tickets of one file that an agreement on the consumer's calendar measures for a consumer without a calendar. */
interface TicketsUnder {
  consumer: string;
  agreement: string;
  /** The first of them: where a pair that only tickets use is shown. */
  source: SourceRef;
  id: string;
  count: number;
}

/** A file's pairs of consumer and agreement, in the order its tickets met them (rare: each one is an error). */
type ConsumerCalendarFacts = TicketsUnder[];

/**
 * An agreement with `calendarSource: consumer` runs its clocks on the calendar of the ticket's consumer (ServiceNow's
 * schedule source). A consumer without a calendar would leave the engine to fall back on the agreement's own calendar
 * without a word, so every consumer the agreement is used for must name one. "Used for" is what src/sla/selection.ts
 * chooses: for each of the consumer's subscriptions (on its first day), and for each of its tickets (on the local day it
 * was opened). Reported once per consumer and agreement, at the subscription or the consumer default that chose it,
 * or at the consumer's id when only tickets did. A ticket without a consumer runs on the agreement's own calendar.
 */
export const consumerCalendarMissing: TicketRule<ConsumerCalendarFacts> = {
  id: 'consumer-calendar-missing',
  description: 'An agreement that runs on the consumer\'s calendar (calendarSource: consumer) is used for a consumer that has no calendar.',
  facts({ repository, slas, consumers }, { tickets }) {
    const onConsumerCalendar = agreementsOnConsumerCalendar(slas);
    if (onConsumerCalendar.size === 0) return [];
    const select = agreementSelector({ ...repository, tickets: [] });
    const found = new Map<string, TicketsUnder>();
    const dayOf = localDayOf(repository.config.timeZone);
    const openedAt = ticketColumns(tickets).opened;
    for (let t = 0; t < tickets.length; t++) {
      const { source, doc } = tickets[t]!;
      const consumerId = doc.spec.consumer;
      if (consumerId === undefined) continue;
      const consumer = consumers.get(consumerId);
      if (!consumer || consumer.doc.spec.calendar !== undefined) continue;
      const opened = openedAt[t]!;
      if (!isInstantInRange(opened)) continue; // date-range reports it
      for (const choice of select(doc.spec.service, consumerId, dayOf(opened))) {
        if (!onConsumerCalendar.has(choice.agreement)) continue;
        const entry = found.get(key(consumerId, choice.agreement));
        if (entry) entry.count++;
        else found.set(key(consumerId, choice.agreement), { consumer: consumerId, agreement: choice.agreement, source, id: doc.metadata.id, count: 1 });
      }
    }
    return [...found.values()];
  },
  check({ repository, slas, consumers }, facts) {
    const onConsumerCalendar = agreementsOnConsumerCalendar(slas);
    if (onConsumerCalendar.size === 0) return [];
    const select = agreementSelector({ ...repository, tickets: [] });
    /** The problems found, by consumer and agreement, in the order they were met. */
    const found = new Map<string, { consumer: string; agreement: string; source: SourceRef; path: (string | number)[]; ticket?: { source: SourceRef; id: string; count: number } }>();
    for (const [id, { source, doc }] of consumers) {
      if (doc.spec.calendar !== undefined) continue;
      const named = { consumer: doc.spec.agreements ?? [], subscription: [] as readonly string[] };
      (doc.spec.subscriptions ?? []).forEach((subscription, i) => {
        named.subscription = subscription.agreements ?? [];
        for (const choice of select(subscription.service, id, subscription.from)) {
          if (!onConsumerCalendar.has(choice.agreement) || found.has(key(id, choice.agreement))) continue;
          found.set(key(id, choice.agreement), { consumer: id, agreement: choice.agreement, source, path: choicePath(choice, i, named) });
        }
      });
    }
    // The files in the repository's order, and each file's pairs in the order its tickets met them: the order the
    // tickets met them, so the first ticket of a pair is the same as when the rule read every ticket at once.
    for (const pairs of facts) {
      for (const { consumer: consumerId, agreement, source, id, count } of pairs) {
        const entry = found.get(key(consumerId, agreement));
        if (!entry) {
          // Facts are read against the same definitions, so the consumer is there; facts kept from other ones are not.
          const consumer = consumers.get(consumerId);
          if (consumer) found.set(key(consumerId, agreement), { consumer: consumerId, agreement, source: consumer.source, path: ['metadata', 'id'], ticket: { source, id, count } });
        } else if (entry.ticket) {
          entry.ticket.count += count;
        }
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const entry of found.values()) {
      const sla = onConsumerCalendar.get(entry.agreement)!;
      const related: RelatedLocation[] = [relatedAt(sla.source, sla.path, `agreement "${entry.agreement}" runs on the consumer's calendar`)];
      if (entry.ticket) {
        const { count, id, source } = entry.ticket;
        related.push(relatedAt(source, ['spec', 'consumer'], `ticket ${id}${count > 1 ? ` (and ${count - 1} more)` : ''} is measured under it`));
      }
      diagnostics.push(
        diagnosticAt(
          entry.source,
          entry.path,
          'consumer-calendar-missing',
          'error',
          `agreement "${entry.agreement}" runs its clocks on the consumer's calendar (calendarSource: consumer), but consumer "${entry.consumer}" has no calendar`,
          { hint: `give consumer ${entry.consumer} a calendar: add "calendar: <id of its region's calendar>" to its spec`, related },
        ),
      );
    }
    return diagnostics;
  },
};
