/** What the human formats (Markdown, HTML) say alike, so that the two stay the same catalog in two renderings. */
import type { Catalog, CatalogAgreement, CatalogSection, CatalogService } from '../../catalog/model.js';
import { countOf, listWords, sumMoney, formatMoney } from '../../catalog/words.js';

/** Options of every catalog format. None yet: the catalog itself carries the audience and provenance. */
export type CatalogFormatOptions = Record<string, never>;

export function title(catalog: Catalog): string {
  return `${catalog.organisation.name} service catalog`;
}

export function intro(catalog: Catalog): string {
  return (
    `The IT services that ${catalog.organisation.name} offers, by category: what each one does, who owns it, when it is ` +
    'supported, the service levels it is offered under, what can be requested from it and what it costs.'
  );
}

export function sectionTitle(section: CatalogSection): string {
  if (section.lifecycle === 'pipeline') return 'Services in the pipeline';
  if (section.lifecycle === 'retired') return 'Retired services';
  return section.category ?? 'Services';
}

export function sectionIntro(section: CatalogSection): string | null {
  if (section.lifecycle === 'pipeline') return 'Services being designed or built: not available yet. Their service levels and prices are planned.';
  if (section.lifecycle === 'retired') return 'Services that are no longer offered, listed for reference.';
  return null;
}

export const DEPENDENCIES_TITLE = 'Service dependencies';
export const CALENDARS_TITLE = 'Calendars';
export const CALENDARS_INTRO = 'The calendars that support hours, service levels and fulfilment targets are counted in.';

export function servicesSummary(catalog: Catalog): string {
  const { live, pipeline, retired } = catalog.counts;
  const parts = [`${live} live`];
  if (pipeline > 0) parts.push(`${pipeline} in the pipeline`);
  if (retired > 0 && catalog.includeRetired) parts.push(`${retired} retired`);
  let text = `${listWords(parts)}.`;
  if (retired > 0 && !catalog.includeRetired) text += ` ${countOf(retired, 'retired service')} ${retired === 1 ? 'is' : 'are'} not listed.`;
  return text;
}

export function audienceSummary(catalog: Catalog): string {
  return catalog.audience === 'customer'
    ? 'customers. Internal contacts, costs, operational level agreements (OLAs) and service level objectives (SLOs) are not shown.'
    : 'internal. Everything is shown, including internal contacts, costs, OLAs and SLOs: do not publish it outside the organisation.';
}

export function prioritiesSummary(catalog: Catalog): string | null {
  const named = catalog.priorities.filter((p) => p.name !== null);
  if (named.length === 0) return null;
  return `${catalog.priorities.map((p) => (p.name === null ? p.id : `${p.id} ${p.name}`)).join(', ')}.`;
}

export const GENERATED_BY = 'itsm catalog export';

export function serviceTypeWords(service: CatalogService): string | null {
  if (service.type === 'business') return 'business service';
  if (service.type === 'technical') return 'technical service (supports other services)';
  return null;
}

const AGREEMENT_TYPES = { sla: 'service level agreement', ola: 'operational level agreement', slo: 'service level objective' } as const;

export function agreementKind(agreement: CatalogAgreement): string {
  const kind = AGREEMENT_TYPES[agreement.type];
  return agreement.parties.length > 0 ? `${kind} between ${listWords(agreement.parties)}` : kind;
}

/** The total of the cost lines: "USD 77,400.00 per month and USD 28,000.00 per year". */
export function costTotal(currency: string, costs: readonly { amount: string; per: 'month' | 'year' }[]): string | null {
  if (costs.length === 0) return null;
  const parts: string[] = [];
  for (const per of ['month', 'year'] as const) {
    const amounts = costs.filter((c) => c.per === per).map((c) => c.amount);
    if (amounts.length > 0) parts.push(`${formatMoney(currency, sumMoney(amounts))} per ${per}`);
  }
  return listWords(parts);
}

/** The agreements that have an availability target or credits, for the service's facts. */
export function availabilityFacts(service: CatalogService): { agreement: CatalogAgreement; text: string }[] {
  return service.agreements.flatMap((a) => (a.availability ? [{ agreement: a, text: a.availability.text }] : []));
}
