import type { Catalog } from '../../catalog/model.js';
import type { CatalogFormatOptions } from './shared.js';

/**
 * `catalog export --format json`: the resolved catalog as it is built, for portals and scripts. Its shape is the
 * `Catalog` type (src/catalog/model.ts), documented in docs/catalog.md; `version` changes on any incompatible change.
 */
export function formatCatalogJson(catalog: Catalog, _options: CatalogFormatOptions = {}): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
