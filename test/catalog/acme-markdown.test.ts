import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import { matchesIgnoringSource } from '../../src/catalog/check.js';
import type { CatalogOptions, CatalogSource } from '../../src/catalog/model.js';
import { formatCatalogMarkdown } from '../../src/report/catalog/markdown.js';
import { ACME, acmeRepository } from './acme.js';
import { markdownlintFindings } from './lint.js';

// The example catalog that README links to: what a service owner would publish, checked with markdownlint's
// default rules (the rules GitHub users run with markdownlint-cli2 or the VS Code extension), none disabled.

const COMMITTED = join(ACME, 'CATALOG.md');
const CUSTOMER: CatalogOptions = { audience: 'customer', includeRetired: false, source: null };

describe('examples/acme/CATALOG.md', () => {
  it('has zero markdownlint findings', () => {
    expect(markdownlintFindings(readFileSync(COMMITTED, 'utf8'))).toEqual([]);
  });

  it('is current: what export writes now, whatever commit it names (the e2e test runs the same check through the CLI)', async () => {
    const repository = await acmeRepository();
    const render = (source: CatalogSource | null) => formatCatalogMarkdown(buildCatalog(repository, { ...CUSTOMER, source }));
    expect(matchesIgnoringSource(render, readFileSync(COMMITTED, 'utf8')), 'regenerate it: itsm catalog export examples/acme --out examples/acme/CATALOG.md --force').toBe(true);
  });

  it('every other variant of the example catalog has zero findings too', async () => {
    const repository = await acmeRepository();
    const source = { commit: '0123456789abcdef0123456789abcdef01234567', date: '2026-11-22T11:26:32+00:00' };
    for (const options of [
      { ...CUSTOMER, includeRetired: true, source },
      { audience: 'internal', includeRetired: false, source },
      { audience: 'internal', includeRetired: true, source: null },
    ] as const) {
      expect(markdownlintFindings(formatCatalogMarkdown(buildCatalog(repository, options))), JSON.stringify(options)).toEqual([]);
    }
  });

  it('is byte-identical when built twice', async () => {
    const repository = await acmeRepository();
    expect(formatCatalogMarkdown(buildCatalog(repository, CUSTOMER))).toBe(formatCatalogMarkdown(buildCatalog(repository, CUSTOMER)));
  });
});

describe('README', () => {
  it('shows real output: every line of its catalog excerpt is in examples/acme/CATALOG.md, in order', () => {
    const readme = readFileSync(join(ACME, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### `itsm catalog export [path]`'));
    const excerpt = /```console\n([\s\S]*?)```/.exec(section)![1]!.split('\n').filter((line) => line !== '' && line !== '…' && !line.startsWith('$ '));
    const catalog = readFileSync(COMMITTED, 'utf8').split('\n');
    let at = 0;
    for (const line of excerpt) {
      const found = catalog.indexOf(line, at);
      expect(found, `README line not in CATALOG.md after line ${at + 1}: ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    expect(excerpt.length).toBeGreaterThan(20);
  });
});
