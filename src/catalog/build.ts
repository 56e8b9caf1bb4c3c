import { BUILTIN_24X7, BUILTIN_24X7_ID, WEEKDAYS, type CalendarDocument } from '../model/calendar.js';
import type { Repository } from '../model/repository.js';
import type { ServiceDocument } from '../model/service.js';
import type { SlaDocument } from '../model/sla.js';
import { TicketType } from '../model/ticket-type.js';
import type {
  CalendarRef,
  Catalog,
  CatalogAgreement,
  CatalogCalendar,
  CatalogOffering,
  CatalogOptions,
  CatalogPricing,
  CatalogSection,
  CatalogService,
  CatalogTarget,
  Lifecycle,
  ServiceRef,
} from './model.js';
import { compareText } from './compare.js';
import { knowledgeByService } from './knowledge.js';
import {
  availabilityWords,
  calendarWords,
  creditsWords,
  durationWords,
  formatMoney,
  isRoundTheClock,
  moneyDecimal,
  objectiveWords,
  pricingWords,
  targetLabel,
  targetSentence,
} from './words.js';

/**
 * Builds the catalog of a repository. Pure: everything it needs is an argument, including the provenance that the
 * caller found. The first document with an id wins, as everywhere else; references that point nowhere (which
 * validation reports) are skipped rather than followed, so that a library caller with an invalid repository still
 * gets a catalog.
 */
export function buildCatalog(repository: Repository, options: CatalogOptions): Catalog {
  const { config } = repository;
  const internal = options.audience === 'internal';

  const calendars = firstById(repository.calendars.map((e) => e.doc));
  calendars.set(BUILTIN_24X7_ID, BUILTIN_24X7);
  const slas = firstById(repository.slas.map((e) => e.doc));
  const services = firstById(repository.services.map((e) => e.doc));
  const priorityOrder = new Map(config.priorities.map((p, i) => [p.id, i]));
  const priorityName = new Map(config.priorities.map((p) => [p.id, p.name ?? null]));
  const statusName = new Map(config.statuses.map((s) => [s.id, s.name ?? s.id]));

  const isListed = (doc: ServiceDocument) => options.includeRetired || doc.spec.lifecycle !== 'retired';
  const listedDocs = [...services.values()].filter(isListed);

  // Sections: live services by category, then the pipeline, then the retired (ITIL service portfolio order).
  const byName = (a: ServiceDocument, b: ServiceDocument) => compareText(displayName(a), displayName(b)) || compareText(a.metadata.id, b.metadata.id);
  const sections: CatalogSection[] = [];
  const live = listedDocs.filter((d) => d.spec.lifecycle === 'live');
  const categories = [...new Set(live.map((d) => d.spec.category))].sort(compareText);
  for (const category of categories) {
    sections.push({ lifecycle: 'live', category, services: live.filter((d) => d.spec.category === category).sort(byName).map((d) => d.metadata.id) });
  }
  for (const lifecycle of ['pipeline', 'retired'] as const) {
    const docs = listedDocs.filter((d) => d.spec.lifecycle === lifecycle).sort(byName);
    if (docs.length > 0) sections.push({ lifecycle, category: null, services: docs.map((d) => d.metadata.id) });
  }
  const listedIds = new Set(sections.flatMap((s) => s.services));

  const refOf = (id: string): ServiceRef | undefined => {
    const doc = services.get(id);
    return doc && { id, name: displayName(doc), lifecycle: doc.spec.lifecycle, listed: listedIds.has(id) };
  };
  const sortRefs = (refs: ServiceRef[]) => refs.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));

  const usedBy = new Map<string, Set<string>>();
  for (const id of listedIds) {
    for (const dependency of services.get(id)?.spec.dependsOn ?? []) {
      const set = usedBy.get(dependency) ?? new Set<string>();
      set.add(id);
      usedBy.set(dependency, set);
    }
  }

  const usedCalendars = new Set<string>();
  const calendarRef = (id: string): CalendarRef => {
    const doc = calendars.get(id);
    if (!doc) return { id, name: id, text: `calendar "${id}" (not found)`, businessTime: true };
    usedCalendars.add(id);
    return { id, name: doc.metadata.name ?? id, text: calendarWords(doc.spec), businessTime: !isRoundTheClock(doc.spec) };
  };

  const agreementOf = (doc: SlaDocument, primary: boolean): CatalogAgreement => {
    const calendar = calendarRef(doc.spec.calendar ?? BUILTIN_24X7_ID);
    const targets: CatalogTarget[] = [...doc.spec.targets]
      .sort(
        (a, b) =>
          TicketType.options.indexOf(a.type) - TicketType.options.indexOf(b.type) ||
          (priorityOrder.get(a.priority) ?? Number.MAX_SAFE_INTEGER) - (priorityOrder.get(b.priority) ?? Number.MAX_SAFE_INTEGER) ||
          compareText(a.priority, b.priority),
      )
      .map((t) => {
        const label = targetLabel(t.type, t.priority);
        const objective = (o: { within: string; objective: number } | undefined) =>
          o === undefined ? null : { within: o.within, objective: o.objective, text: objectiveWords(o.within, o.objective, calendar.businessTime) };
        return {
          type: t.type,
          priority: t.priority,
          priorityName: priorityName.get(t.priority) ?? null,
          label,
          response: objective(t.response),
          resolution: objective(t.resolution),
          text: targetSentence(label, t.response ?? null, t.resolution ?? null, calendar.businessTime),
        };
      });
    const availability = doc.spec.availability;
    const credits = [...(doc.spec.credits ?? [])].sort((a, b) => b.below - a.below || b.credit - a.credit).map((c) => ({ below: c.below, credit: c.credit }));
    return {
      id: doc.metadata.id,
      name: doc.metadata.name ?? doc.metadata.id,
      type: doc.spec.type,
      primary,
      description: doc.spec.description ?? null,
      parties: [...(doc.spec.parties ?? [])],
      calendar,
      pauseOn: (doc.spec.pauseOn ?? []).map((id) => ({ id, name: statusName.get(id) ?? id })),
      reopen: doc.spec.reopen ?? 'resume',
      targets,
      availability: availability
        ? { target: availability.target, window: availability.window, text: availabilityWords(availability.target, availability.window, availability.excludeMaintenance !== false) }
        : null,
      credits,
      creditsText: creditsWords(credits, availability?.window ?? null),
    };
  };

  const knowledgeOf = knowledgeByService(repository, options.audience);
  const catalogServices: CatalogService[] = [];
  for (const id of sections.flatMap((s) => s.services)) {
    const doc = services.get(id)!;
    const spec = doc.spec;
    const agreementIds = [...new Set([...(spec.sla !== undefined ? [spec.sla] : []), ...(spec.agreements ?? [])])];
    const agreements = agreementIds
      .map((agreementId) => slas.get(agreementId))
      .filter((sla): sla is SlaDocument => sla !== undefined && (internal || sla.spec.type === 'sla'))
      .map((sla) => agreementOf(sla, sla.metadata.id === spec.sla));
    // Fulfilment runs in the support hours; without them, on the SLA's calendar; without either, 24x7 (docs/format.md).
    const fulfilmentCalendar = calendarRef(spec.supportHours ?? slas.get(spec.sla ?? '')?.spec.calendar ?? BUILTIN_24X7_ID);
    const offerings: CatalogOffering[] = (spec.offerings ?? []).map((o) => {
      const price = o.price === undefined ? null : moneyDecimal(o.price);
      return {
        id: o.id,
        name: o.name,
        description: o.description ?? null,
        fulfilment: { within: o.fulfilment, calendar: fulfilmentCalendar.id, text: durationWords(o.fulfilment, fulfilmentCalendar.businessTime) },
        price,
        priceText: price === null ? null : /^0\.0+$/.test(price) ? 'no charge' : formatMoney(config.currency, price),
      };
    });
    catalogServices.push({
      id,
      name: displayName(doc),
      description: oneLine(spec.description),
      category: spec.category,
      type: spec.type ?? null,
      lifecycle: spec.lifecycle,
      criticality: spec.criticality ?? null,
      owner: spec.owner ?? null,
      contacts: (spec.contacts ?? [])
        .filter((c) => internal || c.internal !== true)
        .map((c) => ({ name: c.name, role: c.role ?? null, email: c.email ?? null, phone: c.phone ?? null, internal: c.internal === true })),
      supportHours: calendarRef(spec.supportHours ?? BUILTIN_24X7_ID),
      agreements,
      offerings,
      pricing: pricingWithVersions(config.currency, spec, internal),
      costs: internal
        ? (spec.costs ?? []).map((c) => ({ item: c.item, amount: moneyDecimal(c.amount), per: c.per, text: `${formatMoney(config.currency, c.amount)} per ${c.per}` }))
        : null,
      costShares: internal
        ? (spec.costShares ?? []).flatMap((share) => {
            const service = refOf(share.service);
            return service ? [{ service, percent: share.percent }] : [];
          })
        : null,
      dependsOn: sortRefs([...new Set(spec.dependsOn ?? [])].flatMap((d) => refOf(d) ?? [])),
      usedBy: sortRefs([...(usedBy.get(id) ?? [])].flatMap((d) => refOf(d) ?? [])),
      links: (spec.links ?? []).map((l) => ({ title: l.title, url: l.url })),
      labels: sortedRecord(doc.metadata.labels),
      annotations: internal ? sortedRecord(doc.metadata.annotations) : null,
      ...knowledgeOf(id),
    });
  }

  const dependencies = catalogServices
    .flatMap((s) => s.dependsOn.filter((d) => d.listed).map((d) => ({ service: s.id, dependsOn: d.id })))
    .sort((a, b) => compareText(a.service, b.service) || compareText(a.dependsOn, b.dependsOn));

  const count = (lifecycle: Lifecycle) => [...services.values()].filter((d) => d.spec.lifecycle === lifecycle).length;
  return {
    version: 1,
    organisation: { id: config.id, name: config.name, currency: config.currency, timeZone: config.timeZone },
    audience: options.audience,
    includeRetired: options.includeRetired,
    source: options.source,
    counts: { live: count('live'), pipeline: count('pipeline'), retired: count('retired') },
    priorities: config.priorities.map((p) => ({ id: p.id, name: p.name ?? null })),
    sections,
    services: catalogServices,
    dependencies,
    calendars: [...usedCalendars].sort(compareText).map((id) => calendarOf(calendars.get(id)!)),
  };
}

function firstById<D extends { metadata: { id: string } }>(docs: readonly D[]): Map<string, D> {
  const map = new Map<string, D>();
  for (const doc of docs) if (!map.has(doc.metadata.id)) map.set(doc.metadata.id, doc);
  return map;
}

function displayName(doc: ServiceDocument): string {
  return oneLine(doc.metadata.name ?? doc.metadata.id);
}

/** Folded YAML scalars and hand-wrapped text become one line: every format decides its own wrapping. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sortedRecord(record: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => compareText(a, b)));
}

/**
 * The base pricing, and with dated versions the price list: every price with the day it applies from (in the order
 * they take effect), so that a customer reads "From 2027-01-01: USD 7.00 per mailbox per month." for an upcoming
 * change and the catalog stays true after the date. A service priced only from a version starts with that price.
 */
function pricingWithVersions(currency: string, spec: ServiceDocument['spec'], internal: boolean): CatalogPricing | null {
  const versions = [...(spec.versions ?? [])].map((v, i) => ({ v, i })).sort((a, b) => (a.v.from < b.v.from ? -1 : a.v.from > b.v.from ? 1 : a.i - b.i)).map(({ v }) => v);
  if (versions.length === 0) return spec.pricing ? pricingOf(currency, spec.pricing) : null;
  const dated = versions.map((v) => {
    const { model, text, spec: fields } = pricingOf(currency, v.pricing);
    return { from: v.from, note: internal ? (v.note ?? null) : null, model, text, spec: fields };
  });
  const base = spec.pricing ? pricingOf(currency, spec.pricing) : { ...dated[0]!, text: '' };
  const text = [base.text, ...dated.map((v) => `From ${v.from}: ${v.text}`)].filter((t) => t !== '').join(' ');
  return { model: base.model, text, spec: base.spec, versions: dated };
}

function pricingOf(currency: string, pricing: NonNullable<ServiceDocument['spec']['pricing']>): CatalogPricing {
  // Amounts as decimal strings, so that JSON readers never see a binary float of a price.
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pricing)) {
    if (key === 'amount' || key === 'rate') spec[key] = moneyDecimal(value as number | string);
    else if (key === 'tiers') {
      spec[key] = (value as { upTo?: number; rate: number | string }[]).map((t) => ({ upTo: t.upTo ?? null, rate: moneyDecimal(t.rate) }));
    } else spec[key] = value;
  }
  return { model: pricing.model, text: pricingWords(currency, pricing), spec };
}

function calendarOf(doc: CalendarDocument): CatalogCalendar {
  const spec = doc.spec;
  const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return {
    id: doc.metadata.id,
    name: doc.metadata.name ?? doc.metadata.id,
    builtIn: doc === BUILTIN_24X7,
    description: spec.description ?? null,
    timeZone: spec.timeZone,
    text: calendarWords(spec),
    businessTime: !isRoundTheClock(spec),
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, [...(spec.hours[day] ?? [])]])) as CatalogCalendar['hours'],
    holidays: [...(spec.holidays ?? [])].sort(byDate).map((h) => ({ date: h.date, name: h.name })),
    specialDays: [...(spec.specialDays ?? [])].sort(byDate).map((s) => ({ date: s.date, name: s.name, hours: [...s.hours] })),
  };
}
