import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { Catalog } from '../../src/catalog/model.js';
import { formatCatalogJson } from '../../src/report/catalog/json.js';
import { acmeRepository } from './acme.js';

const SERVICE_KEYS = [
  'id', 'name', 'description', 'category', 'type', 'lifecycle', 'criticality', 'owner', 'contacts', 'supportHours', 'agreements',
  'offerings', 'pricing', 'costs', 'costShares', 'dependsOn', 'usedBy', 'links', 'labels', 'annotations', 'articles', 'knownErrors',
];

/** Every key whose value is undefined, anywhere: JSON would drop it, and the documented shape says every key is there. */
function undefinedKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedKeys(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [`${path}.${k}`] : undefinedKeys(v, `${path}.${k}`)));
  }
  return [];
}

describe('catalog export: json', () => {
  it('is the catalog itself, versioned, with every documented key of every service', async () => {
    const catalog = buildCatalog(await acmeRepository(), { audience: 'internal', includeRetired: true, source: { commit: 'f'.repeat(40), date: '2026-11-22T11:26:32+00:00' } });
    const text = formatCatalogJson(catalog);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Catalog;
    expect(parsed).toEqual(catalog);
    expect(undefinedKeys(catalog)).toEqual([]);
    expect(Object.keys(parsed)).toEqual(['version', 'organisation', 'audience', 'includeRetired', 'source', 'counts', 'priorities', 'sections', 'services', 'dependencies', 'calendars']);
    expect(parsed.version).toBe(1);
    for (const service of parsed.services) expect(Object.keys(service)).toEqual(SERVICE_KEYS);
    expect(parsed.services).toHaveLength(18);
    expect(parsed.calendars.map((c) => c.id)).toEqual(['24x7', 'de-business-hours', 'extended-hours', 'us-business-hours']);
  });

  it('writes amounts as decimal strings, never binary floats', async () => {
    const catalog = buildCatalog(await acmeRepository(), { audience: 'internal', includeRetired: false, source: null });
    const storage = catalog.services.find((s) => s.id === 'storage')!;
    expect(storage.pricing!.spec).toEqual({
      model: 'usage',
      metric: 'gb-month',
      unit: 'GB-month',
      tiers: [
        { upTo: 10000, rate: '0.08' },
        { upTo: 50000, rate: '0.06' },
        { upTo: null, rate: '0.04' },
      ],
    });
    expect(catalog.services.find((s) => s.id === 'laptops')!.offerings.map((o) => o.price)).toEqual(['1450.00', '2600.00', null, '180.00', null]);
  });

  it('the customer catalog has no internal contacts, costs, OLAs or SLOs anywhere', async () => {
    const catalog = buildCatalog(await acmeRepository(), { audience: 'customer', includeRetired: false, source: null });
    const text = formatCatalogJson(catalog);
    expect(catalog.services.flatMap((s) => s.contacts).some((c) => c.internal)).toBe(false);
    expect(catalog.services.every((s) => s.costs === null && s.costShares === null && s.annotations === null)).toBe(true);
    expect(catalog.services.flatMap((s) => s.agreements).every((a) => a.type === 'sla')).toBe(true);
    for (const internalOnly of ['ola-sap-cc', 'slo-infrastructure', 'Jonas Becker', '+1 212 555 0166', 'SAP licence maintenance', 'de-business-hours']) {
      expect(text, internalOnly).not.toContain(internalOnly);
    }
  });
});
