import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import { RULES, validateDocuments } from '../../src/validate/index.js';

const doc = (file: string, value: unknown, index = 0): RawDocument => ({ file, index, value });

const config = doc('itsm.yaml', { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'example' }, spec: { currency: 'USD', timeZone: 'UTC' } });
const service = (id: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'itsm/v1',
  kind: 'Service',
  metadata: { id },
  spec: { description: 'A service.', category: 'Infrastructure', owner: 'Platform team', lifecycle: 'live', ...spec },
});
const calendar = (monday: string[]) => ({
  apiVersion: 'itsm/v1',
  kind: 'Calendar',
  metadata: { id: 'office' },
  spec: { timeZone: 'UTC', hours: { monday } },
});

describe('RULES', () => {
  it('have unique kebab-case ids and a one-sentence description each', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(rule.description, rule.id).toMatch(/^\S[^\n]*\.$/);
    }
  });
});

describe('validateDocuments', () => {
  it('checks the schema first: a document that fails it is not seen by the rules', () => {
    // Without the schema error, the second "email" would be a duplicate-id.
    const result = validateDocuments([config, doc('a.yaml', service('email')), doc('b.yaml', service('email', { lifecycle: 'active' }))]);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([['b.yaml', 'schema']]);
    expect(result.repository.services.map((s) => s.source.file)).toEqual(['a.yaml']);
  });

  it('returns diagnostics sorted by file whatever order the rules ran in', () => {
    const result = validateDocuments([
      config,
      doc('z.yaml', service('z', { dependsOn: ['nope'] })),
      doc('a.yaml', service('a', { owner: undefined })),
    ]);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['a.yaml', 'service-without-owner'],
      ['z.yaml', 'unknown-reference'],
    ]);
  });

  it('applies the defaults when there is no Config document', () => {
    const result = validateDocuments([]);
    expect(result.diagnostics).toEqual([]);
    expect(result.repository.config).toMatchObject({ currency: 'XXX', timeZone: 'UTC', exclude: [] });
    expect(result.repository.config.priorities.map((p) => p.id)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  // src/validate/index.ts collects with `diagnostics.push(...rule.check(context))`: a rule that returns more than about
  // 120,000 diagnostics (a status renamed in itsm.yaml, with a year of tickets using the old one) throws RangeError and
  // the CLI prints "internal error". Here one calendar with 130,000 overlapping Monday intervals does the same, quickly.
  it('survives a rule that returns 130,000 diagnostics [src bug: push(...spread) overflows the stack]', () => {
    const result = validateDocuments([config, doc('calendars/office.yaml', calendar(Array(130_000).fill('09:00-17:00')))]);
    expect(result.diagnostics).toHaveLength(129_999);
  });

  // src/validate/schema.ts does the same with one document's schema issues.
  it('survives a document with 130,000 schema issues [src bug: push(...spread) overflows the stack]', () => {
    const result = validateDocuments([config, doc('calendars/office.yaml', calendar(Array(130_000).fill('9 to 5')))]);
    expect(result.diagnostics).toHaveLength(130_000);
  });
});
