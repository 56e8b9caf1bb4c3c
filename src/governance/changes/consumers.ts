import type { ConsumerDocument, Subscription } from '../../model/consumer.js';
import type { ChangeDetail } from '../changes.js';
import type { KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { byText, count, listChanges, quantityText, scalarChange, textChange } from './words.js';

/** Consumers and their subscriptions (docs/format.md, "Consumer"): what they are charged for and measured under. */
export const consumers: KindDescriber<ConsumerDocument> = {
  kind: 'Consumer',
  changed(before, after) {
    const b = before.spec;
    const a = after.spec;
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...textChange('description', 'description', b.description, a.description),
      ...scalarChange('costCenter', 'cost center', b.costCenter, a.costCenter),
      ...scalarChange('headcount', 'headcount', String(b.headcount), String(a.headcount)),
      ...scalarChange('contact.name', 'contact', b.contact?.name, a.contact?.name),
      ...scalarChange('contact.email', 'contact email', b.contact?.email, a.contact?.email),
      ...scalarChange('calendar', 'calendar', b.calendar, a.calendar),
      ...listChanges('agreements', 'agreement', b.agreements, a.agreements),
      ...subscriptionChanges(b.subscriptions ?? [], a.subscriptions ?? []),
    ];
  },
  added(doc) {
    const subscriptions = doc.spec.subscriptions ?? [];
    const services = [...new Set(subscriptions.map((s) => s.service))].sort(byText);
    const text = `added (headcount ${doc.spec.headcount}, ${count(subscriptions.length, 'subscription')}${services.length > 0 ? `: ${services.join(', ')}` : ''})`;
    return [{ field: '', before: null, after: doc.metadata.id, text }];
  },
  removed(doc) {
    const n = doc.spec.subscriptions?.length ?? 0;
    return n === 0 ? [] : [{ field: '', before: doc.metadata.id, after: null, text: `removed with ${count(n, 'subscription')}` }];
  },
};

function subscriptionWords(s: Subscription): string {
  const units = s.units === undefined ? '' : `${quantityText(s.units)} units, `;
  return `${units}${s.to === undefined ? `from ${s.from}` : `${s.from} to ${s.to}`}`;
}

/**
 * Subscriptions are matched by service and start date; of a service's subscriptions left unmatched on both sides, one
 * each is the same subscription whose start moved (a consumer usually holds one per service).
 */
function subscriptionChanges(before: Subscription[], after: Subscription[]): ChangeDetail[] {
  const key = (s: Subscription) => `${s.service}@${s.from}`;
  const was = new Map(before.map((s) => [key(s), s]));
  const now = new Map(after.map((s) => [key(s), s]));
  const pairs: Array<[Subscription | undefined, Subscription | undefined]> = [];
  for (const [k, a] of now) if (was.has(k)) pairs.push([was.get(k), a]);
  const onlyWas = [...was].filter(([k]) => !now.has(k)).map(([, s]) => s);
  const onlyNow = [...now].filter(([k]) => !was.has(k)).map(([, s]) => s);
  for (const a of onlyNow) {
    const sameService = onlyWas.filter((b) => b.service === a.service);
    const headSame = onlyNow.filter((x) => x.service === a.service);
    if (sameService.length === 1 && headSame.length === 1) {
      pairs.push([sameService[0], a]);
      onlyWas.splice(onlyWas.indexOf(sameService[0]!), 1);
    } else pairs.push([undefined, a]);
  }
  for (const b of onlyWas) pairs.push([b, undefined]);
  pairs.sort(([b1, a1], [b2, a2]) => byText(key((a1 ?? b1)!), key((a2 ?? b2)!)));

  const details: ChangeDetail[] = [];
  for (const [b, a] of pairs) {
    const service = (a ?? b)!.service;
    const label = `subscription to ${service}`;
    const field = `subscriptions.${service}`;
    if (!b) {
      details.push({ field, before: null, after: subscriptionWords(a!), text: `${label} added (${subscriptionWords(a!)})` });
      continue;
    }
    if (!a) {
      details.push({ field, before: subscriptionWords(b), after: null, text: `${label} removed (${subscriptionWords(b)})` });
      continue;
    }
    details.push(...scalarChange(`${field}.units`, `${label} units`, unitsText(b.units), unitsText(a.units)));
    details.push(...scalarChange(`${field}.from`, `${label} start`, b.from, a.from));
    details.push(...scalarChange(`${field}.to`, `${label} end`, b.to, a.to));
    details.push(...listChanges(`${field}.agreements`, `${label} agreement`, b.agreements, a.agreements));
  }
  return details;
}

function unitsText(units: number | undefined): string | undefined {
  return units === undefined ? undefined : quantityText(units);
}
