import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import { articleExcerpt } from '../../src/catalog/knowledge.js';
import type { Audience } from '../../src/catalog/model.js';
import { openRepository } from '../../src/open-repository.js';
import { formatCatalogHtml } from '../../src/report/catalog/html.js';
import { formatCatalogMarkdown } from '../../src/report/catalog/markdown.js';
import { scratchFolders } from '../helpers/temp-repo.js';
import { markdownlintFindings } from './lint.js';

const folders = scratchFolders('itsm-catalog-knowledge-');

function article(id: string, audience: Audience, extra: string, body: string): string {
  return ['---', 'apiVersion: itsm/v1', 'kind: Article', `metadata: { id: ${id} }`, 'spec:', `  audience: ${audience}`, '  owner: Desk team', '  reviewBy: 2099-12-31', extra, '---', body].join('\n');
}

function problem(id: string, title: string, extra: string): string {
  return ['apiVersion: itsm/v1', 'kind: Ticket', `metadata: { id: ${id} }`, 'spec:', '  type: problem', '  service: desk', '  priority: P3', `  title: ${title}`, '  opened: 2026-03-02T09:00:00Z', extra].join('\n');
}

/** The small catalog fixture with two articles about the desk (one internal) and three problems of the desk. */
function repository(extraTickets = '') {
  const root = folders.copyOf('test/fixtures/catalog/small');
  mkdirSync(join(root, 'knowledge'));
  mkdirSync(join(root, 'tickets'));
  writeFileSync(
    join(root, 'knowledge', 'printing.md'),
    article('KB0001', 'customer', '  title: Printing after a driver update\n  services: [desk]\n  problems: [PRB1]', '# Printing\n\nReinstall the **driver** from the [software centre](https://example.com/sc) <script>alert(1)</script>.\n\nMore.\n'),
  );
  writeFileSync(
    join(root, 'knowledge', 'escalation.md'),
    article('KB0002', 'internal', '  title: Escalating to the vendor\n  services: [desk]\n  problems: [PRB1]', 'Call the vendor hotline.\n'),
  );
  writeFileSync(
    join(root, 'tickets', 'problems.yaml'),
    [
      problem('PRB1', 'Printing fails after each driver update', '  workaround: { description: Reinstall the driver., documented: 2026-03-03T10:00:00Z }'),
      problem('PRB2', 'Resolved already', '  workaround: { description: Restart., documented: 2026-03-03T10:00:00Z }\n  timeline:\n    - { at: 2026-03-04T10:00:00Z, status: resolved }'),
      problem('PRB3', 'No workaround yet', ''),
      ...(extraTickets === '' ? [] : [extraTickets]),
    ].join('\n---\n'),
  );
  const opened = openRepository(root);
  expect(opened.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return opened.repository;
}

describe('catalog export: knowledge', () => {
  it('lists the articles of a service and its known errors with the articles that document them', () => {
    const catalog = buildCatalog(repository(), { audience: 'internal', includeRetired: false, source: null });
    const desk = catalog.services.find((s) => s.id === 'desk')!;
    expect(desk.articles.map((a) => [a.id, a.audience, a.file])).toEqual([
      ['KB0002', 'internal', 'knowledge/escalation.md'],
      ['KB0001', 'customer', 'knowledge/printing.md'],
    ]);
    // PRB2 is resolved and PRB3 has no workaround: neither is a known error.
    expect(desk.knownErrors).toEqual([
      {
        id: 'PRB1',
        title: 'Printing fails after each driver update',
        workaround: 'Reinstall the driver.',
        documented: '2026-03-03T10:00:00Z',
        articles: [
          { id: 'KB0002', title: 'Escalating to the vendor' },
          { id: 'KB0001', title: 'Printing after a driver update' },
        ],
      },
    ]);
    expect(catalog.services.find((s) => s.id === 'net')!.articles).toEqual([]);
  });

  it('lists a known error under the services of the incidents it explains too', () => {
    const incident = ['apiVersion: itsm/v1', 'kind: Ticket', 'metadata: { id: INC1 }', 'spec:', '  type: incident', '  service: net', '  priority: P3', '  title: Printing fails', '  opened: 2026-03-05T09:00:00Z', '  problem: PRB1'].join('\n');
    const catalog = buildCatalog(repository(incident), { audience: 'internal', includeRetired: false, source: null });
    expect(catalog.services.find((s) => s.id === 'desk')!.knownErrors.map((k) => k.id)).toEqual(['PRB1']);
    expect(catalog.services.find((s) => s.id === 'net')!.knownErrors.map((k) => k.id)).toEqual(['PRB1']);
  });

  it('never names an internal article in the customer catalog, in any format', () => {
    const catalog = buildCatalog(repository(), { audience: 'customer', includeRetired: false, source: null });
    const desk = catalog.services.find((s) => s.id === 'desk')!;
    expect(desk.articles.map((a) => a.id)).toEqual(['KB0001']);
    expect(desk.knownErrors[0]!.articles).toEqual([{ id: 'KB0001', title: 'Printing after a driver update' }]);
    for (const text of [JSON.stringify(catalog), formatCatalogMarkdown(catalog), formatCatalogHtml(catalog)]) {
      expect(text).not.toContain('KB0002');
      expect(text).not.toContain('Escalating');
    }
  });

  it('shows an escaped plain-text excerpt in the HTML, searchable, and never the article\'s HTML', () => {
    const html = formatCatalogHtml(buildCatalog(repository(), { audience: 'customer', includeRetired: false, source: null }));
    expect(html).toContain('<li><strong>Printing after a driver update</strong> <span class="id">KB0001</span>: Reinstall the driver from the software centre. <code>knowledge/printing.md</code></li>');
    expect(html).toContain('<strong>Printing fails after each driver update</strong> <span class="id">PRB1</span>. Workaround: Reinstall the driver. Documented in “Printing after a driver update” (KB0001).');
    expect(html).not.toContain('alert(1)');
    const search = /id="service-desk" data-search="([^"]*)"/.exec(html)![1]!;
    expect(search).toContain('reinstall the driver from the software centre');
    expect(search).toContain('prb1');
  });

  it('lists them in the Markdown too', () => {
    const markdown = formatCatalogMarkdown(buildCatalog(repository(), { audience: 'customer', includeRetired: false, source: null }));
    expect(markdown).toContain(
      [
        'Known errors, with what to do until they are fixed:',
        '',
        '- **Printing fails after each driver update** (`PRB1`). Workaround: Reinstall',
        '  the driver. Documented in "Printing after a driver update" (`KB0001`).',
        '',
        'Knowledge articles:',
        '',
        '- **Printing after a driver update** (`KB0001`, `knowledge/printing.md`):',
        '  Reinstall the driver from the software centre.',
      ].join('\n'),
    );
    expect(markdownlintFindings(markdown)).toEqual([]);
    expect(markdownlintFindings(formatCatalogMarkdown(buildCatalog(repository(), { audience: 'internal', includeRetired: false, source: null })))).toEqual([]);
  });
});

describe('articleExcerpt', () => {
  it('is the first paragraph as plain text: no headings, code, comments, HTML, link targets or emphasis marks', () => {
    expect(articleExcerpt('# Title\n\n<!-- note -->\n```sh\nrm -rf\n```\n\nUse *the* [`vpn` client](x.md) <b>now</b>.\nSecond line.\n\nNext paragraph.')).toBe(
      'Use the vpn client now. Second line.',
    );
    expect(articleExcerpt('# Only a heading\n')).toBeNull();
  });

  it('cuts a long paragraph at a word, at most 240 characters and an ellipsis', () => {
    const long = 'word '.repeat(100);
    const excerpt = articleExcerpt(long)!;
    // 48 words of 4 letters and 47 spaces: 239 characters, the last word that ends before 240.
    expect(excerpt).toBe(`${'word '.repeat(47)}word…`);
    expect(excerpt.length).toBe(240);
  });
});
