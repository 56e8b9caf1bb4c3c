import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { Catalog, CatalogOptions } from '../../src/catalog/model.js';
import { repositoryOf, TINY } from './helpers.js';

const CUSTOMER: CatalogOptions = { audience: 'customer', includeRetired: false, source: null };
const INTERNAL: CatalogOptions = { audience: 'internal', includeRetired: true, source: { commit: 'a'.repeat(40), date: '2026-11-22T11:26:32+00:00' } };

const service = (catalog: Catalog, id: string) => {
  const found = catalog.services.find((s) => s.id === id);
  if (!found) throw new Error(`no service ${id} in the catalog`);
  return found;
};

describe('buildCatalog', () => {
  const repository = repositoryOf(TINY);
  const customer = buildCatalog(repository, CUSTOMER);
  const internal = buildCatalog(repository, INTERNAL);

  it('orders live services by category, then the pipeline; the retired only when asked for', () => {
    expect(customer.sections).toEqual([
      { lifecycle: 'live', category: 'Communication', services: ['mail'] },
      { lifecycle: 'live', category: 'Infrastructure', services: ['net'] },
      { lifecycle: 'pipeline', category: null, services: ['crm'] },
    ]);
    expect(customer.services.map((s) => s.id)).toEqual(['mail', 'net', 'crm']);
    expect(customer.counts).toEqual({ live: 2, pipeline: 1, retired: 1 });
    expect(internal.sections.at(-1)).toEqual({ lifecycle: 'retired', category: null, services: ['old-fax'] });
  });

  it('follows dependencies both ways; a dependency that is not listed is kept but marked', () => {
    expect(service(customer, 'mail').dependsOn).toEqual([
      { id: 'net', name: 'Network', lifecycle: 'live', listed: true },
      { id: 'old-fax', name: 'Old fax', lifecycle: 'retired', listed: false },
    ]);
    // The retired fax depends on the network too, but is not listed, so it is no user of it here.
    expect(service(customer, 'net').usedBy.map((r) => r.id)).toEqual(['mail']);
    expect(service(internal, 'net').usedBy.map((r) => r.id)).toEqual(['mail', 'old-fax']);
    expect(service(customer, 'mail').usedBy.map((r) => r.id)).toEqual(['crm']);
    expect(customer.dependencies).toEqual([
      { service: 'crm', dependsOn: 'mail' },
      { service: 'mail', dependsOn: 'net' },
    ]);
  });

  it('leaves internal fields out of the customer catalog', () => {
    const mail = service(customer, 'mail');
    expect(mail.contacts).toEqual([{ name: 'Ann Example', role: 'Service owner', email: 'ann@tiny.example', phone: null, internal: false }]);
    expect(mail.agreements.map((a) => a.id)).toEqual(['standard']);
    expect(mail.costs).toBeNull();
    expect(mail.costShares).toBeNull();
    expect(mail.annotations).toBeNull();
    expect(mail.labels).toEqual({ tier: 'gold' });
    expect(customer.calendars.map((c) => c.id)).toEqual(['24x7', 'office']);
  });

  it('shows everything in the internal catalog', () => {
    const mail = service(internal, 'mail');
    expect(mail.contacts.map((c) => [c.name, c.internal])).toEqual([
      ['Ann Example', false],
      ['Mail on-call', true],
    ]);
    expect(mail.agreements.map((a) => [a.id, a.type, a.primary])).toEqual([
      ['standard', 'sla', true],
      ['ops-ola', 'ola', false],
    ]);
    expect(mail.costs).toEqual([
      { item: 'Licences', amount: '100.00', per: 'month', text: 'EUR 100.00 per month' },
      { item: 'Gateway', amount: '1200.50', per: 'year', text: 'EUR 1,200.50 per year' },
    ]);
    expect(mail.costShares).toEqual([{ service: { id: 'net', name: 'Network', lifecycle: 'live', listed: true }, percent: 10 }]);
    expect(mail.annotations).toEqual({ 'tiny/note': 'Renegotiate the licence in 2027.' });
    expect(internal.source).toEqual(INTERNAL.source);
  });

  it('resolves the agreement: calendar in words, pauses by name, targets sorted by type then priority, credits', () => {
    const standard = service(customer, 'mail').agreements[0]!;
    expect(standard.calendar).toEqual({
      id: 'office',
      name: 'Berlin office',
      text: 'Mon–Fri 09:00–17:00 Europe/Berlin, except 2 holidays, with special hours on 1 day',
      businessTime: true,
    });
    expect(standard.pauseOn).toEqual([
      { id: 'awaiting-customer', name: 'Awaiting customer' },
      { id: 'awaiting-vendor', name: 'Awaiting vendor' },
    ]);
    expect(standard.targets.map((t) => t.text)).toEqual([
      'P1 incidents: response 30 business min, resolution 4 business hours, 95% of the time',
      'P2 incidents: resolution 2 business days, 90% of the time',
      'P3 requests: response 1 business hour 30 min (90% of the time), resolution 3 business days (85% of the time)',
    ]);
    expect(standard.targets[0]).toMatchObject({
      type: 'incident',
      priority: 'P1',
      priorityName: 'Critical',
      label: 'P1 incidents',
      response: { within: '30m', objective: 95, text: '30 business min, 95% of the time' },
    });
    expect(standard.availability).toEqual({ target: 99.5, window: 'month', text: '99.5% per month, maintenance windows excluded' });
    expect(standard.credits).toEqual([
      { below: 99.5, credit: 5 },
      { below: 99, credit: 10 },
    ]);
    expect(standard.creditsText).toBe("5% of the month's charge below 99.5%, 10% below 99%");
  });

  it('counts fulfilment in the support hours, else on the SLA calendar, else 24x7', () => {
    expect(service(customer, 'mail').offerings).toEqual([
      { id: 'mailbox', name: 'Shared mailbox', description: 'For a team.', fulfilment: { within: '1bd', calendar: 'office', text: '1 business day' }, price: '5.00', priceText: 'EUR 5.00' },
      { id: 'alias', name: 'Alias', description: null, fulfilment: { within: '4h', calendar: 'office', text: '4 business hours' }, price: null, priceText: null },
    ]);
    expect(service(customer, 'net').offerings[0]!.fulfilment).toEqual({ within: '8h', calendar: '24x7', text: '8 hours' });
    expect(service(customer, 'net').offerings[0]!.priceText).toBe('no charge');
    expect(service(customer, 'net').supportHours).toEqual({ id: '24x7', name: '24x7', text: 'every hour of every day', businessTime: false });

    const bySla = repositoryOf([
      TINY[0]!,
      TINY[1]!,
      { kind: 'Service', id: 'desk', spec: { description: 'Desk.', category: 'X', owner: 'Y', lifecycle: 'live', sla: 'standard', offerings: [{ id: 'a', name: 'A', fulfilment: '2h' }] } },
    ]);
    expect(buildCatalog(bySla, CUSTOMER).services[0]!.offerings[0]!.fulfilment).toEqual({ within: '2h', calendar: 'office', text: '2 business hours' });
  });

  it('writes pricing in words and keeps its amounts as decimal strings', () => {
    expect(service(customer, 'mail').pricing).toEqual({
      model: 'per-unit',
      text: 'EUR 6.50 per mailbox per month.',
      spec: { model: 'per-unit', unit: 'mailbox', rate: '6.50' },
    });
    expect(service(customer, 'crm').pricing).toBeNull();
  });

  it('is deterministic: the order of the documents does not change the catalog', () => {
    const reversed = repositoryOf([...TINY].reverse());
    expect(JSON.stringify(buildCatalog(reversed, INTERNAL))).toBe(JSON.stringify(internal));
  });

  it('has every key of every service, null when there is no value', () => {
    const crm = service(customer, 'crm');
    expect(crm).toEqual({
      id: 'crm',
      name: 'CRM',
      description: 'Customer relationships, from 2027.',
      category: 'Business Apps',
      type: null,
      lifecycle: 'pipeline',
      criticality: null,
      owner: null,
      contacts: [],
      supportHours: { id: '24x7', name: '24x7', text: 'every hour of every day', businessTime: false },
      agreements: [],
      offerings: [],
      pricing: null,
      costs: null,
      costShares: null,
      dependsOn: [{ id: 'mail', name: 'Mail', lifecycle: 'live', listed: true }],
      usedBy: [],
      links: [],
      labels: {},
      annotations: null,
      articles: [],
      knownErrors: [],
    });
  });
});
