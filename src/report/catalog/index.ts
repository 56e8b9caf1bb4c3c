/**
 * The catalog formats, one file each, picked from a registry: `(catalog, options) => string`, pure. The CLI decides
 * where the text goes. This module is also the programmatic API of the catalog (re-exported by src/index.ts).
 */
import type { Catalog } from '../../catalog/model.js';
import { formatCatalogBackstage } from './backstage.js';
import { formatCatalogHtml } from './html.js';
import { formatCatalogJson } from './json.js';
import { formatCatalogMarkdown } from './markdown.js';
import type { CatalogFormatOptions } from './shared.js';

export { buildCatalog } from '../../catalog/build.js';
export { matchesIgnoringSource, shortDiff, SOURCE_PLACEHOLDER } from '../../catalog/check.js';
export { AUDIENCES } from '../../catalog/model.js';
export type * from '../../catalog/model.js';
export type { CatalogFormatOptions } from './shared.js';
export { formatCatalogBackstage, formatCatalogHtml, formatCatalogJson, formatCatalogMarkdown };

/** The `--format` values of `catalog export`. The first is the default. */
export const CATALOG_FORMATS = ['markdown', 'html', 'json', 'backstage'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

const FORMATTERS: Record<CatalogFormat, (catalog: Catalog, options: CatalogFormatOptions) => string> = {
  markdown: formatCatalogMarkdown,
  html: formatCatalogHtml,
  json: formatCatalogJson,
  backstage: formatCatalogBackstage,
};

export function isCatalogFormat(value: string): value is CatalogFormat {
  return (CATALOG_FORMATS as readonly string[]).includes(value);
}

/** Renders a catalog. Pure: the same catalog gives the same text, byte for byte. */
export function formatCatalog(format: CatalogFormat, catalog: Catalog, options: CatalogFormatOptions = {}): string {
  return FORMATTERS[format](catalog, options);
}
