import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build.js';
import type { CatalogOptions } from '../../src/catalog/model.js';
import { backstageName, backstageSlug, formatCatalogBackstage } from '../../src/report/catalog/backstage.js';
import { acmeRepository } from './acme.js';
import { repositoryOf, TINY, type DocInput } from './helpers.js';

/*
 * Backstage's entity rules, written out from its catalog model (packages/catalog-model: the kind schemas, the
 * FieldFormatEntityPolicy validators in KubernetesValidatorFunctions and CommonValidatorFunctions, and
 * NoForeignRootFieldsEntityPolicy), so that the output is checked as the catalog backend would check it on import.
 */
const DNS_LABEL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isDnsLabel = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 63 && DNS_LABEL.test(v);
const isDnsSubdomain = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 253 && v.split('.').every(isDnsLabel);
const isObjectName = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(v);
function prefixAndOrSuffix(v: unknown, prefix: (s: string) => boolean, suffix: (s: string) => boolean): boolean {
  if (typeof v !== 'string') return false;
  const parts = v.split('/');
  if (parts.length === 1) return suffix(parts[0]!);
  return parts.length === 2 && prefix(parts[0]!) && suffix(parts[1]!);
}
const isApiVersion = (v: unknown) => prefixAndOrSuffix(v, isDnsSubdomain, (n) => n.length >= 1 && n.length <= 63 && /^[a-z0-9A-Z]+$/.test(n));
const isKind = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 63 && /^[a-zA-Z][a-z0-9A-Z]*$/.test(v);
const isLabelOrAnnotationKey = (v: unknown) => prefixAndOrSuffix(v, isDnsSubdomain, isObjectName);
const isUrl = (v: unknown) => {
  try {
    return typeof v === 'string' && new URL(v) !== undefined;
  } catch {
    return false;
  }
};
const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;

interface Entity {
  apiVersion: unknown;
  kind: unknown;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

/** Parses `[kind:][namespace/]name` as Backstage's parseEntityRef does; the kind defaults to `defaultKind`. */
function parseRef(ref: unknown, defaultKind?: string): { kind: string; namespace: string; name: string } | null {
  if (typeof ref !== 'string') return null;
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref);
  if (!m) return null;
  const kind = m[1] ?? defaultKind;
  if (kind === undefined) return null;
  return { kind: kind.toLowerCase(), namespace: (m[2] ?? 'default').toLowerCase(), name: m[3]!.toLowerCase() };
}

/** Every problem Backstage would report with these entities, as "kind:name: problem". Empty when they import cleanly. */
function backstageProblems(yamlText: string): string[] {
  const problems: string[] = [];
  const docs = parseAllDocuments(yamlText);
  if (!Array.isArray(docs)) return ['not a YAML stream'];
  const entities: Entity[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) problems.push(`YAML: ${doc.errors[0]!.message}`);
    entities.push(doc.toJS() as Entity);
  }
  const keys = new Set<string>();
  for (const e of entities) {
    const where = `${String(e.kind)}:${String(e.metadata?.name)}`;
    const problem = (p: string) => problems.push(`${where}: ${p}`);
    for (const key of Object.keys(e)) if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(key)) problem(`unknown root field "${key}"`);
    if (e.apiVersion !== 'backstage.io/v1alpha1' || !isApiVersion(e.apiVersion)) problem(`apiVersion "${String(e.apiVersion)}"`);
    if (!isKind(e.kind) || !['Component', 'System', 'Group', 'API', 'Resource', 'Domain'].includes(e.kind as string)) problem('kind');
    const m = e.metadata;
    if (typeof m !== 'object' || m === null) {
      problem('metadata is not an object');
      continue;
    }
    if (!isObjectName(m.name)) problem(`metadata.name "${String(m.name)}" is not 1-63 characters of [a-zA-Z0-9-_.] starting and ending alphanumeric`);
    if (m.namespace !== undefined && !isDnsLabel(m.namespace)) problem('metadata.namespace');
    if (m.title !== undefined && !nonEmptyString(m.title)) problem('metadata.title');
    if (m.description !== undefined && typeof m.description !== 'string') problem('metadata.description');
    for (const [k, v] of Object.entries((m.labels as Record<string, unknown>) ?? {})) if (!isLabelOrAnnotationKey(k) || !(v === '' || isObjectName(v))) problem(`label ${k}`);
    for (const [k, v] of Object.entries((m.annotations as Record<string, unknown>) ?? {})) if (!isLabelOrAnnotationKey(k) || typeof v !== 'string') problem(`annotation ${k}`);
    for (const tag of (m.tags as unknown[]) ?? []) if (!isDnsLabel(tag)) problem(`tag "${String(tag)}"`);
    for (const link of (m.links as Record<string, unknown>[]) ?? []) {
      if (!isUrl(link.url)) problem(`link url "${String(link.url)}"`);
      if (link.title !== undefined && !nonEmptyString(link.title)) problem('link title');
    }
    const key = `${String(e.kind).toLowerCase()}:default/${String(m.name).toLowerCase()}`;
    if (keys.has(key)) problem('is not unique (kind, namespace and name, compared without case)');
    keys.add(key);

    const s = e.spec;
    if (typeof s !== 'object' || s === null) {
      problem('spec is not an object');
      continue;
    }
    if (e.kind === 'Component') {
      for (const field of ['type', 'lifecycle', 'owner']) if (!nonEmptyString(s[field])) problem(`spec.${field} is required`);
      if (s.system !== undefined && !nonEmptyString(s.system)) problem('spec.system');
      if (s.dependsOn !== undefined && !(Array.isArray(s.dependsOn) && s.dependsOn.every(nonEmptyString))) problem('spec.dependsOn');
    }
    if (e.kind === 'Group') {
      if (!nonEmptyString(s.type)) problem('spec.type is required');
      if (!Array.isArray(s.children) || !s.children.every(nonEmptyString)) problem('spec.children is required');
    }
    if (e.kind === 'System' && !nonEmptyString(s.owner)) problem('spec.owner is required');
  }

  // References must resolve within the file, so that the import is complete on its own.
  const exists = (ref: { kind: string; namespace: string; name: string } | null) => ref !== null && keys.has(`${ref.kind}:${ref.namespace}/${ref.name}`);
  for (const e of entities) {
    const where = `${String(e.kind)}:${String(e.metadata?.name)}`;
    const refs: [string, unknown, string | undefined][] = [];
    if (e.spec.owner !== undefined) refs.push(['spec.owner', e.spec.owner, 'group']);
    if (e.spec.system !== undefined) refs.push(['spec.system', e.spec.system, 'system']);
    if (e.spec.parent !== undefined) refs.push(['spec.parent', e.spec.parent, 'group']);
    for (const c of (e.spec.children as unknown[]) ?? []) refs.push(['spec.children', c, 'group']);
    for (const d of (e.spec.dependsOn as unknown[]) ?? []) refs.push(['spec.dependsOn', d, undefined]);
    for (const [field, ref, kind] of refs) if (!exists(parseRef(ref, kind))) problems.push(`${where}: ${field} "${String(ref)}" does not resolve`);
  }
  return problems;
}

const OPTIONS: CatalogOptions = { audience: 'customer', includeRetired: false, source: null };

describe('backstage: Backstage entity rules', () => {
  it('the example catalog imports cleanly, for both audiences and with the retired services', async () => {
    const repository = await acmeRepository();
    for (const options of [OPTIONS, { ...OPTIONS, audience: 'internal', includeRetired: true } as const]) {
      expect(backstageProblems(formatCatalogBackstage(buildCatalog(repository, options)))).toEqual([]);
    }
  });

  it('maps each service to a Component with type, lifecycle, owner, system and dependencies', async () => {
    const yamlText = formatCatalogBackstage(buildCatalog(await acmeRepository(), { ...OPTIONS, includeRetired: true }));
    const entities = parseAllDocuments(yamlText) as unknown as { toJS(): Entity }[];
    const components = entities.map((d) => d.toJS()).filter((e) => e.kind === 'Component');
    expect(components).toHaveLength(18);
    const byName = new Map(components.map((c) => [c.metadata.name, c]));
    expect(byName.get('erp')!.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:sap-competence-center',
      system: 'system:business-applications',
      dependsOn: ['component:backup', 'component:storage', 'component:identity', 'component:hosting'],
    });
    expect(byName.get('crm')!.spec.lifecycle).toBe('experimental');
    expect(byName.get('legacy-pbx')!.spec.lifecycle).toBe('deprecated');
    expect(byName.get('network')!.spec.dependsOn).toBeUndefined();
    expect(byName.get('email')!.metadata).toMatchObject({ title: 'Email and Calendaring', tags: ['business'] });
    const groups = entities.map((d) => d.toJS()).filter((e) => e.kind === 'Group');
    expect(groups.map((g) => [g.metadata.name, g.spec.type])).toEqual([
      ['acme', 'organization'],
      ['business-applications', 'team'],
      ['end-user-computing', 'team'],
      ['identity-access-management', 'team'],
      ['infrastructure-operations', 'team'],
      ['it-service-desk', 'team'],
      ['network-operations', 'team'],
      ['sap-competence-center', 'team'],
      ['workplace-services', 'team'],
    ]);
  });

  it('makes valid, unique names of long ids, odd team names and ids that differ only in case', () => {
    const long = `svc-${'x'.repeat(120)}`;
    const docs: DocInput[] = [
      ...TINY.filter((d) => d.kind !== 'Service'),
      { kind: 'Service', id: long, spec: { description: 'Long id.', category: 'Über & Co', owner: 'Ops & Infra', lifecycle: 'live' } },
      { kind: 'Service', id: 'Mail', spec: { description: 'Upper.', category: '!!!', owner: 'ops-infra', lifecycle: 'live', dependsOn: [long] } },
      { kind: 'Service', id: 'mail', spec: { description: 'Lower.', category: '!!!', owner: 'TINY', lifecycle: 'live', dependsOn: ['Mail'] } },
    ];
    const yamlText = formatCatalogBackstage(buildCatalog(repositoryOf(docs), OPTIONS));
    expect(backstageProblems(yamlText)).toEqual([]);
    const names = (parseAllDocuments(yamlText) as unknown as { toJS(): Entity }[]).map((d) => `${String(d.toJS().kind)}:${String(d.toJS().metadata.name)}`);
    expect(names).toEqual([
      'Group:tiny',
      'Group:ops-infra',
      'Group:ops-infra-2',
      'Group:tiny-2',
      'System:x-2d53a722',
      'System:ber-co',
      'Component:Mail',
      'Component:mail-2',
      `Component:${backstageName(long)}`,
    ]);
    expect(backstageName(long)).toMatch(/^svc-x{50}-[0-9a-f]{8}$/);
    expect(backstageSlug('Identity & Access Management')).toBe('identity-access-management');
    expect(backstageSlug('Infrastructure')).toBe('infrastructure');
    expect(backstageName('Mail')).toBe('Mail');
  });

  it('the checks catch what Backstage refuses', () => {
    const bad = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      `metadata: { name: "-bad-", tags: [Bad_Tag], links: [{ url: "not a url" }] }`,
      'spec: { type: service, owner: group:nobody }',
    ].join('\n');
    expect(backstageProblems(bad)).toEqual([
      'Component:-bad-: metadata.name "-bad-" is not 1-63 characters of [a-zA-Z0-9-_.] starting and ending alphanumeric',
      'Component:-bad-: tag "Bad_Tag"',
      'Component:-bad-: link url "not a url"',
      'Component:-bad-: spec.lifecycle is required',
      'Component:-bad-: spec.owner "group:nobody" does not resolve',
    ]);
  });
});
