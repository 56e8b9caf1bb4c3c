import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { CatalogOptions } from '../../src/catalog/model.js';
import { formatCatalogBackstage } from '../../src/report/catalog/backstage.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { acmeRepository } from './acme.js';
import { repositoryOf, TINY, type DocInput } from './helpers.js';

// The Backstage export against Backstage's own entity schemas (test/fixtures/backstage/schema/README.md: source,
// commits, licence), the envelope and the schema of each kind, as the catalog backend checks an entity on import.

const SCHEMAS = join(REPO_ROOT, 'test', 'fixtures', 'backstage', 'schema');
const read = (file: string): object => JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object;

function kindValidators(): Record<string, ValidateFunction> {
  // Backstage's schemas use the `examples` keyword, which ajv's strict mode refuses as unknown.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(read('shared/common.schema.json'));
  ajv.addSchema(read('EntityMeta.schema.json'));
  ajv.addSchema(read('Entity.schema.json'));
  return {
    Entity: ajv.getSchema('Entity')!,
    Component: ajv.compile(read('kinds/Component.v1alpha1.schema.json')),
    Group: ajv.compile(read('kinds/Group.v1alpha1.schema.json')),
    System: ajv.compile(read('kinds/System.v1alpha1.schema.json')),
  };
}

/** Every schema error of every entity of a catalog-info.yaml, as "Kind:name: path message". */
function schemaErrors(yamlText: string): { kinds: string[]; errors: string[] } {
  const validators = kindValidators();
  const kinds: string[] = [];
  const errors: string[] = [];
  const docs = parseAllDocuments(yamlText);
  if (!Array.isArray(docs)) return { kinds, errors: ['not a YAML stream'] };
  for (const doc of docs) {
    const entity = doc.toJS() as { kind: string; metadata: { name: string } };
    kinds.push(entity.kind);
    for (const name of ['Entity', entity.kind]) {
      const validate = validators[name];
      if (validate === undefined) {
        errors.push(`${entity.kind}:${entity.metadata.name}: no schema for the kind`);
        continue;
      }
      // validate() is a type guard; asking it about a copy of the reference keeps `entity` typed.
      const value: unknown = entity;
      if (!validate(value)) {
        for (const e of validate.errors ?? []) errors.push(`${entity.kind}:${entity.metadata.name}: ${e.instancePath} ${e.message ?? ''}`);
      }
    }
  }
  return { kinds: [...new Set(kinds)].sort(), errors };
}

const OPTIONS: CatalogOptions = { audience: 'customer', includeRetired: false, source: null };

describe("backstage export: Backstage's entity JSON schemas", () => {
  it('accept every entity of the example catalog, for both audiences and with the retired services', async () => {
    const repository = await acmeRepository();
    for (const options of [OPTIONS, { ...OPTIONS, audience: 'internal' as const }, { ...OPTIONS, includeRetired: true }]) {
      const result = schemaErrors(formatCatalogBackstage(buildCatalog(repository, options)));
      expect(result.errors).toEqual([]);
      expect(result.kinds).toEqual(['Component', 'Group', 'System']);
    }
  });

  it('refuse an entity that breaks them (the check can fail)', () => {
    const broken = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  lifecycle: production\n';
    expect(schemaErrors(broken).errors).toEqual(["Component:x: /spec must have required property 'owner'"]);
  });
});

describe('backstage export: annotations', () => {
  const docs: DocInput[] = [
    ...TINY.filter((d) => d.kind !== 'Service'),
    {
      kind: 'Service',
      id: 'mail',
      // The Nobl9 SLO plugin's annotations (github.com/nobl9/nobl9-backstage-plugin), one key Backstage would refuse,
      // and one that tries to take over itsm's own.
      annotations: { 'nobl9.com/project': 'default', 'nobl9.com/services': 'mail', 'bad key!': 'x', 'itsm/service': 'other' },
      spec: { description: 'Mail.', category: 'Office', owner: 'Ops', lifecycle: 'live' },
    },
  ];
  const annotationsOf = (audience: 'customer' | 'internal') => {
    const yamlText = formatCatalogBackstage(buildCatalog(repositoryOf(docs), { ...OPTIONS, audience }));
    expect(schemaErrors(yamlText).errors).toEqual([]);
    const docsOut = parseAllDocuments(yamlText);
    if (!Array.isArray(docsOut)) throw new Error('not a YAML stream');
    const component = docsOut.map((d) => d.toJS() as { kind: string; metadata: { annotations?: Record<string, string> } }).find((e) => e.kind === 'Component');
    return component?.metadata.annotations;
  };

  it("carry the service's own annotations in the internal catalog (the SLO plugin's among them); itsm's keys win", () => {
    expect(annotationsOf('internal')).toEqual({
      'nobl9.com/project': 'default',
      'nobl9.com/services': 'mail',
      'itsm/generated-by': 'itsm catalog export',
      'itsm/service': 'mail',
      'itsm/category': 'Office',
      'itsm/support-hours': 'every hour of every day',
    });
  });

  it('leave them out of the customer catalog, like every annotation there', () => {
    expect(annotationsOf('customer')).toEqual({
      'itsm/generated-by': 'itsm catalog export',
      'itsm/service': 'mail',
      'itsm/category': 'Office',
      'itsm/support-hours': 'every hour of every day',
    });
  });
});

