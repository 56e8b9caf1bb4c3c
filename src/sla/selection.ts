import type { Subscription } from '../model/consumer.js';
import type { Repository } from '../model/repository.js';

/**
 * Which rule chose an agreement for a ticket, from the most specific to the most general (ITIL's multi-level SLAs:
 * the customer level overrides the service level):
 * - `subscription`: the agreements named by the consumer's subscription to the ticket's service;
 * - `consumer`: the consumer's default agreements, when its subscription names none;
 * - `service`: the service's `sla`, when neither names any;
 * - `service-agreement`: the service's further `agreements` (OLAs, SLOs): internal promises that hold whoever the
 *   customer is, so they are always added.
 */
export type SelectionRule = 'subscription' | 'consumer' | 'service' | 'service-agreement';

export interface AgreementChoice {
  agreement: string;
  rule: SelectionRule;
}

/** The subscription of `consumer` to `service` in force on `localDate` (the first written, when several are). */
export type SubscriptionFinder = (consumer: string, service: string, localDate: string) => Subscription | undefined;

/** Chooses the agreements of a ticket: its service, its consumer (if any) and its opening date in the repository's zone. */
export type AgreementSelector = (service: string, consumer: string | undefined, localDate: string) => readonly AgreementChoice[];

export function subscriptionFinder(repository: Repository): SubscriptionFinder {
  // By consumer, then service: two lookups of the ids as they are, where one key made of both built a string per ticket.
  const byConsumer = new Map<string, Map<string, Subscription[]>>();
  for (const { doc } of repository.consumers) {
    // The first of duplicate consumers counts; duplicate-id reports the rest.
    if (byConsumer.has(doc.metadata.id)) continue;
    const byService = new Map<string, Subscription[]>();
    byConsumer.set(doc.metadata.id, byService);
    for (const subscription of doc.spec.subscriptions ?? []) {
      const list = byService.get(subscription.service);
      if (list) list.push(subscription);
      else byService.set(subscription.service, [subscription]);
    }
  }
  return (consumer, service, localDate) => {
    const list = byConsumer.get(consumer)?.get(service);
    if (list === undefined) return undefined;
    for (const s of list) if (s.from <= localDate && (s.to === undefined || localDate <= s.to)) return s;
    return undefined;
  };
}

/**
 * The agreement selector of a repository. A per-consumer agreement (subscription, else consumer default) replaces the
 * service's `sla`; the service's further agreements are added in every case. A ticket without a consumer, or whose
 * consumer has no subscription in force, still gets its consumer's default (validation warns about the missing
 * subscription). Each agreement is chosen once, by the first rule that names it.
 */
export function agreementSelector(repository: Repository): AgreementSelector {
  const services = new Map<string, { sla: string | undefined; agreements: readonly string[] }>();
  for (const { doc } of repository.services) {
    if (!services.has(doc.metadata.id)) services.set(doc.metadata.id, { sla: doc.spec.sla, agreements: doc.spec.agreements ?? [] });
  }
  const consumerDefaults = new Map<string, readonly string[] | undefined>();
  for (const { doc } of repository.consumers) {
    if (!consumerDefaults.has(doc.metadata.id)) consumerDefaults.set(doc.metadata.id, doc.spec.agreements);
  }
  const findSubscription = subscriptionFinder(repository);
  const choose = (service: string, consumer: string | undefined, subscribed: readonly string[] | undefined): AgreementChoice[] => {
    const choices: AgreementChoice[] = [];
    const add = (ids: readonly string[], rule: SelectionRule): void => {
      for (const agreement of ids) if (!choices.some((c) => c.agreement === agreement)) choices.push({ agreement, rule });
    };
    const consumerDefault = consumer === undefined ? undefined : consumerDefaults.get(consumer);
    const serviceTerms = services.get(service);
    if (subscribed !== undefined) add(subscribed, 'subscription');
    else if (consumerDefault !== undefined) add(consumerDefault, 'consumer');
    else if (serviceTerms?.sla !== undefined) add([serviceTerms.sla], 'service');
    add(serviceTerms?.agreements ?? [], 'service-agreement');
    return choices;
  };
  // The date matters only through the subscription in force: the choices are made once per service, consumer and
  // subscription, not once per ticket (callers only read them).
  const chosen = new Map<string, Map<string | undefined, Map<Subscription | undefined, readonly AgreementChoice[]>>>();
  return (service, consumer, localDate) => {
    const subscription = consumer === undefined ? undefined : findSubscription(consumer, service, localDate);
    let byConsumer = chosen.get(service);
    if (byConsumer === undefined) chosen.set(service, (byConsumer = new Map()));
    let bySubscription = byConsumer.get(consumer);
    if (bySubscription === undefined) byConsumer.set(consumer, (bySubscription = new Map()));
    let choices = bySubscription.get(subscription);
    if (choices === undefined) bySubscription.set(subscription, (choices = choose(service, consumer, subscription?.agreements)));
    return choices;
  };
}
