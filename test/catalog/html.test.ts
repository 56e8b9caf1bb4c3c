import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { CatalogOptions } from '../../src/catalog/model.js';
import { formatCatalogHtml } from '../../src/report/catalog/html.js';
import { layoutGraph } from '../../src/report/catalog/svg-graph.js';
import { acmeRepository } from './acme.js';
import { repositoryOf, TINY } from './helpers.js';

const INTERNAL: CatalogOptions = { audience: 'internal', includeRetired: true, source: { commit: 'b'.repeat(40), date: '2026-11-22T11:26:32+00:00' } };
const CUSTOMER: CatalogOptions = { audience: 'customer', includeRetired: false, source: null };

describe('catalog export: html', () => {
  it('is one self-contained page: no external scripts, styles, images or fonts, and a policy that forbids them', async () => {
    const html = formatCatalogHtml(buildCatalog(await acmeRepository(), CUSTOMER));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link(?![^>]*rel="icon" href="data:,")[^>]*>/);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio)\b/);
    // `url(#arrow)` is the SVG marker, a reference inside the page.
    expect(html).not.toMatch(/url\((?!#)|@import|@font-face/);
  });

  it('links only to ids that exist, and every id is unique', async () => {
    const html = formatCatalogHtml(buildCatalog(await acmeRepository(), { ...INTERNAL }));
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = [...html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]!);
    expect(targets.filter((t) => !ids.includes(t))).toEqual([]);
    expect(targets).toContain('service-erp');
    expect(targets).toContain('calendar-de-business-hours');
  });

  it('has the same content as the Markdown: services, targets, offerings, prices, contacts by audience', () => {
    const repository = repositoryOf(TINY);
    const internal = formatCatalogHtml(buildCatalog(repository, INTERNAL));
    for (const text of [
      '<h1>Tiny Org service catalog</h1>',
      '<h3>Mail <span class="id">mail</span></h3>',
      '<td>P1 incidents</td><td>30 business min, 95% of the time</td><td>4 business hours, 95% of the time</td>',
      '<td>Shared mailbox: For a team.</td><td>1 business day</td><td class="num">EUR 5.00</td>',
      'Mail on-call, Escalation (internal): +49 30 1234',
      '<strong>Operations OLA</strong>',
      '<td>Gateway</td><td class="num">EUR 1,200.50 per year</td>',
      `commit <code>${'b'.repeat(40)}</code>`,
      '<section class="services" id="retired">',
      '<dt>Depends on</dt><dd><a href="#service-net">Network</a>, <a href="#service-old-fax">Old fax</a></dd>',
    ]) {
      expect(internal, text).toContain(text);
    }
    const customer = formatCatalogHtml(buildCatalog(repository, CUSTOMER));
    for (const text of ['Mail on-call', 'Operations OLA', 'Gateway', 'id="retired"', '<strong>Source:</strong>']) expect(customer, text).not.toContain(text);
    expect(customer).toContain('<dt>Depends on</dt><dd><a href="#service-net">Network</a>, Old fax (retired, not listed)</dd>');
  });

  it('escapes text from the repository', () => {
    const repository = repositoryOf([
      { kind: 'Service', id: 'x', name: '<script>alert(1)</script> & "quotes"', spec: { description: "It's <b>bold</b>", category: '<Cat>', owner: 'O', lifecycle: 'live' } },
    ]);
    const html = formatCatalogHtml(buildCatalog(repository, CUSTOMER));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<p>It&#39;s &lt;b&gt;bold&lt;/b&gt;</p>');
  });

  it('lays the dependency graph out in rows by depth, foundations at the bottom', async () => {
    const layout = layoutGraph(buildCatalog(await acmeRepository(), CUSTOMER));
    const depth = Object.fromEntries(layout.nodes.map((n) => [n.id, n.depth]));
    expect(depth).toMatchObject({ network: 0, dns: 1, storage: 1, identity: 2, hosting: 2, backup: 2, email: 3, erp: 3, collaboration: 4, crm: 4 });
    const y = Object.fromEntries(layout.nodes.map((n) => [n.id, n.y]));
    expect(y.network).toBeGreaterThan(y.dns!);
    expect(y.dns).toBeGreaterThan(y.email!);
    for (const { from, to } of layout.edges) expect(from.depth).toBeGreaterThan(to.depth);
  });
});

describe('catalog export: the dependency graph of a deep chain', () => {
  it('lays out a chain of 5,000 services one per row, the foundation at the bottom', () => {
    // s0000 depends on s0001, …, s4998 on s4999: s4999 is at depth 0 and s0000 at depth 4999. The depths used to be
    // computed by recursion, one call per link, which overflowed the call stack.
    const id = (i: number) => `s${String(i).padStart(4, '0')}`;
    const services = Array.from({ length: 5000 }, (_, i) => ({ id: id(i), name: id(i), lifecycle: 'live' }));
    const dependencies = services.slice(0, -1).map((s, i) => ({ service: s.id, dependsOn: id(i + 1) }));
    const layout = layoutGraph({ services, dependencies } as unknown as Parameters<typeof layoutGraph>[0]);
    const depth = new Map(layout.nodes.map((n) => [n.id, n.depth]));
    expect(depth.get(id(4999))).toBe(0);
    expect(depth.get(id(0))).toBe(4999);
    expect(layout.nodes.find((n) => n.id === id(4999))!.y).toBeGreaterThan(layout.nodes.find((n) => n.id === id(0))!.y);
  });
});
