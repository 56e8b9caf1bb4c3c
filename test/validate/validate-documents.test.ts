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

describe('a document that fails its schema still exists for references (no error cascade)', () => {
  const ticket = (id: string, spec: Record<string, unknown>) => ({
    apiVersion: 'itsm/v1',
    kind: 'Ticket',
    metadata: { id },
    spec: { type: 'incident', service: 'email', priority: 'P3', title: 'Mail is down', opened: '2026-03-02T09:30:00Z', ...spec },
  });
  const brief = (d: { file: string; severity: string; rule: string; message: string }) => [d.file, d.severity, d.rule, d.message];

  it('references to it are one warning at the first, naming where it is and the other uses, not "does not exist"', () => {
    const invalid = doc('services/email.yaml', service('email', { lifecycle: 'active' }));
    const tickets = [1, 2, 3, 4, 5, 6].map((n) => doc(`tickets/t${n}.yaml`, ticket(`T${n}`, {})));
    const result = validateDocuments([config, invalid, ...tickets]);
    expect(result.diagnostics.map(brief)).toEqual([
      ['services/email.yaml', 'error', 'schema', '"spec.lifecycle" is not valid; expected one of pipeline, live, retired but found "active"'],
      ['tickets/t1.yaml', 'warning', 'reference-to-invalid', 'service "email" exists but fails its schema, so its 6 references cannot be checked'],
    ]);
    const [, warning] = result.diagnostics;
    expect(warning?.path).toEqual(['spec', 'service']);
    expect(warning?.hint).toBe('fix its schema errors; reported once, at the first use (2 more not listed)');
    expect(warning?.related?.map((r) => [r.file, r.path, r.message])).toEqual([
      ['services/email.yaml', ['metadata', 'id'], 'service "email" is here and fails its schema'],
      ['tickets/t2.yaml', ['spec', 'service'], 'also uses service "email"'],
      ['tickets/t3.yaml', ['spec', 'service'], 'also uses service "email"'],
      ['tickets/t4.yaml', ['spec', 'service'], 'also uses service "email"'],
    ]);
  });

  it('the same when the loader already rejected the document (it arrives as `rejected`, not as a document)', () => {
    const rejected = [{ kind: 'Service' as const, id: 'email', source: { file: 'services/email.yaml', document: 0 } }];
    const result = validateDocuments([config, doc('tickets/t1.yaml', ticket('T1', {}))], [], rejected);
    expect(result.diagnostics.map(brief)).toEqual([
      ['tickets/t1.yaml', 'warning', 'reference-to-invalid', 'service "email" exists but fails its schema, so this reference cannot be checked'],
    ]);
  });

  it('an id that no document has, valid or not, still does not exist', () => {
    const rejected = [{ kind: 'SLA' as const, id: 'email', source: { file: 'slas/email.yaml', document: 0 } }];
    const result = validateDocuments([config, doc('tickets/t1.yaml', ticket('T1', {}))], [], rejected);
    expect(result.diagnostics.map(brief)).toEqual([['tickets/t1.yaml', 'error', 'unknown-reference', 'service "email" does not exist']]);
  });

  it('a document whose id cannot be read is not a target: references to its id are unknown', () => {
    const noId = doc('services/email.yaml', { ...service('email'), metadata: { id: 42 } });
    const result = validateDocuments([config, noId, doc('tickets/t1.yaml', ticket('T1', {}))]);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['services/email.yaml', 'schema'],
      ['tickets/t1.yaml', 'unknown-reference'],
    ]);
  });

  it('when itsm.yaml fails its schema, the statuses and priorities it defines are one warning, not an error per use', () => {
    const badConfig = doc('itsm.yaml', {
      apiVersion: 'itsm/v1',
      kind: 'Config',
      metadata: { id: 'example' },
      spec: {
        currency: 'usd',
        timeZone: 'UTC',
        priorities: [{ id: 'urgent' }, { id: 'normal' }],
        statuses: [
          { id: 'new', category: 'new' },
          { id: 'triage', category: 'in-progress' },
          { id: 'done', category: 'resolved' },
        ],
      },
    });
    const tickets = [1, 2].map((n) =>
      doc(`tickets/t${n}.yaml`, ticket(`T${n}`, { priority: 'urgent', timeline: [{ at: '2026-03-02T10:00:00Z', status: 'triage' }] })),
    );
    const result = validateDocuments([badConfig, doc('services/email.yaml', service('email')), ...tickets]);
    expect(result.diagnostics.filter((d) => d.rule !== 'schema').map(brief)).toEqual([
      [
        'tickets/t1.yaml',
        'warning',
        'reference-to-invalid',
        'priority "urgent" cannot be checked: itsm.yaml fails its schema, so only the default statuses and priorities are known (4 uses of others)',
      ],
    ]);
    expect(result.diagnostics.find((d) => d.rule === 'reference-to-invalid')?.related?.[0]).toMatchObject({ file: 'itsm.yaml', path: ['kind'] });
  });
});
