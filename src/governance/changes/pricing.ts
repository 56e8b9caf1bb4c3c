import type { ServiceDocument } from '../../model/service.js';
import type { Pricing } from '../../model/service.js';
import type { ChangeDetail } from '../changes.js';
import { versionedChanges, withVersion, emptyVersionWords, type Versioned } from './versions.js';
import { ARROW, moneyText, percentText, quantityText, valueChange } from './words.js';

/** Pricing (with its dated versions), costs and cost shares of a service, in the words of docs/chargeback.md. */

type Tiers = NonNullable<Extract<Pricing, { model: 'per-unit' }>['tiers']>;

function tiersWords(tiers: Tiers, currency: string): string {
  return tiers.map((t) => `${moneyText(t.rate, currency)} ${t.upTo === undefined ? 'above' : `up to ${quantityText(t.upTo)}`}`).join(', ');
}

/** A flat price: the amount and what it is per, so that "price 6.50 → 7.00 USD per mailbox" says the unit once. */
function flatPrice(p: Pricing | undefined, currency: string): { amount: string; per: string } | undefined {
  if (!p) return undefined;
  if (p.model === 'fixed') return { amount: moneyText(p.amount, currency), per: `${currency} per month` };
  if ((p.model === 'per-unit' || p.model === 'usage') && p.rate !== undefined && p.tiers === undefined) {
    return { amount: moneyText(p.rate, currency), per: `${currency} per ${p.unit}${p.model === 'usage' ? ` of ${p.metric}` : ''}` };
  }
  return undefined;
}

/** A pricing in words: "6.50 USD per mailbox", "tiers 0.10 up to 1,000, 0.08 above USD per GB of storage-gb". */
export function pricingWords(p: Pricing | undefined, currency: string): string {
  if (!p) return 'no pricing';
  const flat = flatPrice(p, currency);
  if (flat) return `${flat.amount} ${flat.per}`;
  switch (p.model) {
    case 'none':
      return 'no charge';
    case 'per-unit':
    case 'usage':
      return `tiers ${tiersWords(p.tiers ?? [], currency)} ${currency} per ${p.unit}${p.model === 'usage' ? ` of ${p.metric}` : ''}`;
    case 'per-request':
      return 'per request at offering prices';
    case 'allocation':
      return `cost allocation by ${p.driver}${p.metric ? ` of ${p.metric}` : ''}`;
    case 'fixed':
      return `${moneyText(p.amount, currency)} ${currency} per month`;
  }
}

/** The service's pricing as dated layers: the undated `pricing`, then each price version. */
function pricingTerms(doc: ServiceDocument): Versioned<Pricing> {
  const layer = (p: Pricing | undefined) => new Map<string, Pricing>(p ? [['pricing', p]] : []);
  return { undated: layer(doc.spec.pricing), versions: (doc.spec.versions ?? []).map((v) => ({ from: v.from, layer: layer(v.pricing) })) };
}

/** Two pricings are the same when they read the same: 6.5 and "6.50" are one price. */
function samePricing(a: Pricing, b: Pricing): boolean {
  return pricingWords(a, '') === pricingWords(b, '');
}

export interface Currencies {
  base: string;
  head: string;
}

export function pricingChanges(before: ServiceDocument, after: ServiceDocument, currency: Currencies): ChangeDetail[] {
  return versionedChanges(pricingTerms(before), pricingTerms(after), samePricing).map((c) => {
    if (c.key === '') return { field: `versions.${c.version.from}`, before: null, after: null, text: emptyVersionWords(c.version), version: c.version };
    const was = flatPrice(c.before, currency.base);
    const now = flatPrice(c.after, currency.head);
    if (was && now && was.per === now.per) {
      const text = withVersion(`price ${was.amount} ${ARROW} ${now.amount} ${now.per}`, c.version);
      return { field: 'pricing', before: `${was.amount} ${was.per}`, after: `${now.amount} ${now.per}`, text, version: c.version };
    }
    const b = c.before ? pricingWords(c.before, currency.base) : null;
    const a = c.after ? pricingWords(c.after, currency.head) : null;
    const plain = valueChange('pricing', 'pricing', b, a);
    return { ...plain, text: withVersion(plain.text, c.version), version: c.version };
  });
}

type CostLine = NonNullable<ServiceDocument['spec']['costs']>[number];

function costWords(c: CostLine, currency: string): string {
  return `${moneyText(c.amount, currency)} ${currency} per ${c.per}`;
}

/** Costs by item, cost shares by the service shared. */
export function costChanges(before: ServiceDocument, after: ServiceDocument, currency: Currencies): ChangeDetail[] {
  const details: ChangeDetail[] = [];
  const was = new Map((before.spec.costs ?? []).map((c) => [c.item, c]));
  const now = new Map((after.spec.costs ?? []).map((c) => [c.item, c]));
  for (const item of new Set([...now.keys(), ...was.keys()])) {
    const b = was.get(item);
    const a = now.get(item);
    const bw = b ? costWords(b, currency.base) : null;
    const aw = a ? costWords(a, currency.head) : null;
    if (bw !== aw) details.push(valueChange(`costs.${item}`, `cost ${item}`, bw, aw));
  }
  const sharesWas = new Map((before.spec.costShares ?? []).map((s) => [s.service, s.percent]));
  const sharesNow = new Map((after.spec.costShares ?? []).map((s) => [s.service, s.percent]));
  for (const service of new Set([...sharesNow.keys(), ...sharesWas.keys()])) {
    const b = sharesWas.get(service);
    const a = sharesNow.get(service);
    if (b !== a) {
      details.push(valueChange(`costShares.${service}`, `cost share of ${service}`, b === undefined ? null : percentText(b), a === undefined ? null : percentText(a)));
    }
  }
  return details;
}
