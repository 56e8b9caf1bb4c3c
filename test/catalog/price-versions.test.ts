import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { CatalogOptions } from '../../src/catalog/model.js';
import { formatCatalog } from '../../src/report/catalog/index.js';
import { repositoryOf, TINY, type DocInput } from './helpers.js';

const CUSTOMER: CatalogOptions = { audience: 'customer', includeRetired: false, source: null };
const INTERNAL: CatalogOptions = { audience: 'internal', includeRetired: false, source: null };

/** TINY with dated price versions on the mail service (per-unit 6.50 a mailbox). */
function withVersions(versions: unknown[], pricing?: unknown): DocInput[] {
  return TINY.map((doc) => {
    if (doc.kind !== 'Service' || doc.id !== 'mail') return doc;
    const spec: Record<string, unknown> = { ...(doc.spec as Record<string, unknown>), versions };
    if (pricing === null) delete spec['pricing'];
    return { ...doc, spec };
  });
}

describe('catalog: dated price versions', () => {
  it('lists every price with the day it applies from, so an upcoming change reads right before and after the date', () => {
    const repository = repositoryOf(
      withVersions([
        { from: '2027-01-01', note: 'licence renewal', pricing: { model: 'per-unit', unit: 'mailbox', rate: 7 } },
        { from: '2027-07-01', pricing: { model: 'per-unit', unit: 'mailbox', rate: 7.5 } },
      ]),
    );
    const mail = buildCatalog(repository, CUSTOMER).services.find((s) => s.id === 'mail')!;
    expect(mail.pricing).toEqual({
      model: 'per-unit',
      text: 'EUR 6.50 per mailbox per month. From 2027-01-01: EUR 7.00 per mailbox per month. From 2027-07-01: EUR 7.50 per mailbox per month.',
      spec: { model: 'per-unit', unit: 'mailbox', rate: '6.50' },
      versions: [
        // In the order they take effect (version-order requires them written so); the note is for the internal catalog.
        { from: '2027-01-01', note: null, model: 'per-unit', text: 'EUR 7.00 per mailbox per month.', spec: { model: 'per-unit', unit: 'mailbox', rate: '7.00' } },
        { from: '2027-07-01', note: null, model: 'per-unit', text: 'EUR 7.50 per mailbox per month.', spec: { model: 'per-unit', unit: 'mailbox', rate: '7.50' } },
      ],
    });
    const internal = buildCatalog(repository, INTERNAL).services.find((s) => s.id === 'mail')!;
    expect(internal.pricing?.versions?.map((v) => v.note)).toEqual(['licence renewal', null]);
    // The markdown wraps its lines; the sentence is the same once they are joined.
    expect(formatCatalog('markdown', buildCatalog(repository, CUSTOMER)).replace(/\n\s*/g, ' ')).toContain(
      '**Pricing:** EUR 6.50 per mailbox per month. From 2027-01-01: EUR 7.00 per mailbox per month. From 2027-07-01: EUR 7.50 per mailbox per month.',
    );
  });

  it('a service priced only from a version says from when', () => {
    const repository = repositoryOf(withVersions([{ from: '2027-01-01', pricing: { model: 'fixed', amount: 40 } }], null));
    const mail = buildCatalog(repository, CUSTOMER).services.find((s) => s.id === 'mail')!;
    expect(mail.pricing?.text).toBe('From 2027-01-01: EUR 40.00 per subscriber per month.');
    expect(mail.pricing?.model).toBe('fixed');
  });

  it('a service without versions has no versions key (the catalog JSON keeps its shape)', () => {
    const mail = buildCatalog(repositoryOf(TINY), CUSTOMER).services.find((s) => s.id === 'mail')!;
    expect(mail.pricing).not.toHaveProperty('versions');
  });
});
