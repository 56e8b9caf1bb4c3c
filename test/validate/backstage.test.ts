import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import { parseEntityRef } from '../../src/validate/backstage.js';
import { validateDocuments } from '../../src/validate/index.js';

// A Service completed from the Backstage Component that describes it (src/validate/backstage.ts): the link, the
// precedence (what the Service says wins), and what is still reported.

const doc = (file: string, value: unknown, index = 0): RawDocument => ({ file, index, value });
const config = doc('itsm.yaml', { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'example' }, spec: { currency: 'USD', timeZone: 'UTC' } });
const service = (id: string, spec: Record<string, unknown>) => ({ apiVersion: 'itsm/v1', kind: 'Service', metadata: { id }, spec: { category: 'Office', ...spec } });
const component = (name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, ...metadata },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:platform', ...spec },
});
const team = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'platform' }, spec: { type: 'team', profile: { displayName: 'Platform Team' }, children: [] } };

function servicesOf(documents: RawDocument[]) {
  const result = validateDocuments([config, ...documents]);
  return { specs: Object.fromEntries(result.repository.services.map((s) => [s.doc.metadata.id, s.doc.spec])), diagnostics: result.diagnostics };
}

describe('a Service and its Backstage Component', () => {
  it('takes what it leaves out from the Component of the same name: owner (the Group\'s display name), description, lifecycle, dependsOn', () => {
    const { specs, diagnostics } = servicesOf([
      doc('services/email.yaml', service('email', {})),
      doc('services/network.yaml', service('network', { description: 'Network.', lifecycle: 'live', owner: 'Network team' })),
      doc('catalog-info.yaml', component('email', { dependsOn: ['component:network', 'resource:mail-db'] }, { description: 'Email for everyone.' }), 0),
      doc('catalog-info.yaml', team, 1),
    ]);
    expect(diagnostics).toEqual([]);
    expect(specs.email).toEqual({ category: 'Office', owner: 'Platform Team', description: 'Email for everyone.', lifecycle: 'live', dependsOn: ['network'] });
  });

  it('keeps what the Service says: it wins over the Component, field by field', () => {
    const { specs } = servicesOf([
      doc('services/email.yaml', service('email', { description: 'Ours.', lifecycle: 'pipeline', owner: 'Mail team', dependsOn: [] })),
      doc('catalog-info.yaml', component('email', { dependsOn: ['component:network'] }, { description: 'Theirs.' })),
    ]);
    expect(specs.email).toEqual({ category: 'Office', description: 'Ours.', lifecycle: 'pipeline', owner: 'Mail team', dependsOn: [] });
  });

  it('is named by the itsm/service annotation before any Component of the same name', () => {
    const { specs } = servicesOf([
      doc('services/email.yaml', service('email', { lifecycle: 'live' })),
      doc('catalog-info.yaml', component('email', {}, { description: 'By name.' }), 0),
      doc('catalog-info.yaml', component('mail-server', { lifecycle: 'deprecated' }, { description: 'By annotation.', annotations: { 'itsm/service': 'email' } }), 1),
    ]);
    expect(specs.email?.description).toBe('By annotation.');
  });

  it('reads the lifecycles Backstage knows (experimental → pipeline, production → live, deprecated → retired) and nothing else', () => {
    const lifecycleOf = (lifecycle: string) =>
      servicesOf([doc('s.yaml', service('x', { description: 'X.' })), doc('c.yaml', component('x', { lifecycle }))]);
    expect(lifecycleOf('experimental').specs.x?.lifecycle).toBe('pipeline');
    expect(lifecycleOf('production').specs.x?.lifecycle).toBe('live');
    expect(lifecycleOf('deprecated').specs.x?.lifecycle).toBe('retired');
    const custom = lifecycleOf('sunset');
    expect(custom.specs.x).toBeUndefined();
    expect(custom.diagnostics.map((d) => [d.file, d.rule, d.message, d.hint])).toEqual([
      ['s.yaml', 'schema', '"spec.lifecycle" is required (one of pipeline, live, retired)', 'write it: the Backstage Component "x" (c.yaml) does not give it'],
    ]);
  });

  it('without a Component, a Service still needs its description and lifecycle', () => {
    const { specs, diagnostics } = servicesOf([doc('s.yaml', service('x', {}))]);
    expect(specs).toEqual({});
    expect(diagnostics.map((d) => [d.rule, d.path, d.message])).toEqual([
      ['schema', ['spec', 'description'], '"spec.description" is required (a string)'],
      ['schema', ['spec', 'lifecycle'], '"spec.lifecycle" is required (one of pipeline, live, retired)'],
    ]);
  });

  it('takes nothing from a Component that itsm catalog export wrote (itsm/generated-by): it is a copy of the service', () => {
    const { specs } = servicesOf([
      doc('s.yaml', service('x', { description: 'X.', lifecycle: 'live' })),
      doc('c.yaml', component('x', {}, { annotations: { 'itsm/generated-by': 'itsm catalog export', 'itsm/service': 'x' } })),
    ]);
    expect(specs.x?.owner).toBeUndefined();
  });

  it('ignores a Component of another namespace for the same-name link', () => {
    const { specs } = servicesOf([doc('s.yaml', service('x', { description: 'X.', lifecycle: 'live' })), doc('c.yaml', component('x', {}, { namespace: 'other' }))]);
    expect(specs.x?.owner).toBeUndefined();
  });
});

describe('parseEntityRef', () => {
  it('reads [kind:][namespace/]name as Backstage does, the kind in lower case', () => {
    expect(parseEntityRef('Component:ops/email', 'group')).toEqual({ kind: 'component', namespace: 'ops', name: 'email' });
    expect(parseEntityRef('platform', 'group')).toEqual({ kind: 'group', namespace: 'default', name: 'platform' });
    expect(parseEntityRef('user:jdoe', 'group')).toEqual({ kind: 'user', namespace: 'default', name: 'jdoe' });
  });
});
