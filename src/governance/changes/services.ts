import { BUILTIN_24X7_ID } from '../../model/calendar.js';
import type { ServiceDocument } from '../../model/service.js';
import type { ChangeDetail } from '../changes.js';
import type { ChangeContext, KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { costChanges, pricingChanges, pricingWords } from './pricing.js';
import { dependentsOf, dependentsWords, removedDetails } from './refs.js';
import { listChanges, moneyText, sameDuration, scalarChange, textChange, valueChange, yesNo } from './words.js';

type Spec = ServiceDocument['spec'];
type Offering = NonNullable<Spec['offerings']>[number];
type Contact = NonNullable<Spec['contacts']>[number];

/** Services: the catalogue entry, what it depends on, what it offers and what it costs (docs/format.md, "Service"). */
export const services: KindDescriber<ServiceDocument> = {
  kind: 'Service',
  changed(before, after, context) {
    const b = before.spec;
    const a = after.spec;
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...textChange('description', 'description', b.description, a.description),
      ...scalarChange('category', 'category', b.category, a.category),
      ...scalarChange('type', 'type', b.type, a.type),
      ...scalarChange('owner', 'owner', b.owner, a.owner),
      ...contactChanges(b.contacts, a.contacts),
      ...lifecycleChanges(after, b.lifecycle, context),
      ...scalarChange('criticality', 'criticality', b.criticality, a.criticality),
      ...scalarChange('supportHours', 'support hours', b.supportHours, a.supportHours, BUILTIN_24X7_ID),
      ...scalarChange('sla', 'SLA', b.sla, a.sla),
      ...listChanges('agreements', 'agreement', b.agreements, a.agreements),
      ...dependsOnChanges(b.dependsOn, a.dependsOn, context),
      ...offeringChanges(b.offerings, a.offerings, context),
      ...pricingChanges(before, after, context.currency),
      ...costChanges(before, after, context.currency),
      ...linkChanges(b.links, a.links),
    ];
  },
  added(doc, context) {
    const s = doc.spec;
    const parts = [s.lifecycle, ...(s.sla ? [`SLA ${s.sla}`] : []), ...(s.pricing ? [pricingWords(s.pricing, context.currency.head)] : [])];
    const dependents = dependentsOf(context.head, doc.metadata.id);
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${parts.join(', ')})${dependents.length > 0 ? `; ${dependentsWords(dependents)}` : ''}` }];
  },
  removed(doc, context) {
    return removedDetails(context.head, 'Service', doc.metadata.id);
  },
};

function lifecycleChanges(after: ServiceDocument, before: Spec['lifecycle'], context: ChangeContext): ChangeDetail[] {
  const now = after.spec.lifecycle;
  if (before === now) return [];
  const detail = valueChange('lifecycle', 'lifecycle', before, now);
  const dependents = now === 'retired' ? dependentsOf(context.head, after.metadata.id) : [];
  return [dependents.length > 0 ? { ...detail, text: `${detail.text}; ${dependentsWords(dependents)}` } : detail];
}

/** A dependency added on a retired service is said so: the impact part measures it, the reviewer should see it. */
function dependsOnChanges(before: string[] | undefined, after: string[] | undefined, context: ChangeContext): ChangeDetail[] {
  const retired = new Set(context.head.services.filter((s) => s.doc.spec.lifecycle === 'retired').map((s) => s.doc.metadata.id));
  return listChanges('dependsOn', 'depends on', before, after).map((d) =>
    d.after !== null && retired.has(d.after) ? { ...d, text: `${d.text} (${d.after} is retired)` } : d,
  );
}

function offeringWords(o: Offering, currency: string): string {
  return `fulfilment ${o.fulfilment}${o.price === undefined ? '' : `, price ${moneyText(o.price, currency)} ${currency}`}`;
}

function offeringChanges(before: Offering[] | undefined, after: Offering[] | undefined, context: ChangeContext): ChangeDetail[] {
  const was = new Map((before ?? []).map((o) => [o.id, o]));
  const now = new Map((after ?? []).map((o) => [o.id, o]));
  const details: ChangeDetail[] = [];
  const { base: cb, head: ch } = context.currency;
  for (const [id, a] of now) {
    const b = was.get(id);
    const field = `offerings.${id}`;
    if (!b) {
      details.push({ field, before: null, after: offeringWords(a, ch), text: `offering ${id} added (${offeringWords(a, ch)})` });
      continue;
    }
    details.push(...scalarChange(`${field}.name`, `offering ${id} name`, b.name, a.name));
    details.push(...textChange(`${field}.description`, `offering ${id} description`, b.description, a.description));
    if (!sameDuration(b.fulfilment, a.fulfilment)) details.push(valueChange(`${field}.fulfilment`, `offering ${id} fulfilment`, b.fulfilment, a.fulfilment));
    const bp = b.price === undefined ? null : `${moneyText(b.price, cb)} ${cb}`;
    const ap = a.price === undefined ? null : `${moneyText(a.price, ch)} ${ch}`;
    if (bp !== ap) details.push(valueChange(`${field}.price`, `offering ${id} price`, bp, ap));
  }
  for (const [id, b] of was) {
    if (!now.has(id)) details.push({ field: `offerings.${id}`, before: offeringWords(b, cb), after: null, text: `offering ${id} removed` });
  }
  return details;
}

function contactChanges(before: Contact[] | undefined, after: Contact[] | undefined): ChangeDetail[] {
  const was = new Map((before ?? []).map((c) => [c.name, c]));
  const now = new Map((after ?? []).map((c) => [c.name, c]));
  const details: ChangeDetail[] = [];
  for (const [name, a] of now) {
    const b = was.get(name);
    const field = `contacts.${name}`;
    if (!b) {
      details.push({ field, before: null, after: name, text: `contact ${name} added` });
      continue;
    }
    details.push(...scalarChange(`${field}.role`, `contact ${name} role`, b.role, a.role));
    details.push(...scalarChange(`${field}.email`, `contact ${name} email`, b.email, a.email));
    details.push(...scalarChange(`${field}.phone`, `contact ${name} phone`, b.phone, a.phone));
    details.push(...scalarChange(`${field}.internal`, `contact ${name} internal`, yesNo(b.internal ?? false), yesNo(a.internal ?? false)));
  }
  for (const name of was.keys()) if (!now.has(name)) details.push({ field: `contacts.${name}`, before: name, after: null, text: `contact ${name} removed` });
  return details;
}

function linkChanges(before: Spec['links'], after: Spec['links']): ChangeDetail[] {
  const was = new Map((before ?? []).map((l) => [l.title, l.url]));
  const now = new Map((after ?? []).map((l) => [l.title, l.url]));
  const details: ChangeDetail[] = [];
  for (const [title, url] of now) {
    const old = was.get(title);
    if (old === undefined) details.push({ field: `links.${title}`, before: null, after: url, text: `link ${title} added` });
    else if (old !== url) details.push(valueChange(`links.${title}`, `link ${title}`, old, url));
  }
  for (const [title, url] of was) if (!now.has(title)) details.push({ field: `links.${title}`, before: url, after: null, text: `link ${title} removed` });
  return details;
}
