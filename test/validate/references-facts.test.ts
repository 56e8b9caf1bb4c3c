import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NO_TICKET_FILES } from '../../src/validate/ticket-rule.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import { buildContext } from '../../src/validate/context.js';
import { checkSchemas, TICKET_RULES, validateDocuments } from '../../src/validate/index.js';
import { referenceToInvalid, ticketReferenceType, unknownPriorities, unknownReferences, unknownStatuses } from '../../src/validate/rules/references.js';
import { definitionsContext } from '../../src/validate/ticket-rule.js';

// The rules of references.ts over two ticket files whose tickets name each other: what only the facts of both files
// together tell (a ticket of the other file, its type, that it fails its schema) must come out as it did from the
// whole repository.

const doc = (file: string, value: unknown, index = 0): RawDocument => ({ file, index, value });
const config = doc('itsm.yaml', { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'example' }, spec: { currency: 'USD', timeZone: 'UTC' } });
const service = (id: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'itsm/v1',
  kind: 'Service',
  metadata: { id },
  spec: { description: 'A service.', category: 'Infrastructure', owner: 'Platform team', lifecycle: 'live', ...spec },
});
const ticket = (id: string, spec: Record<string, unknown>) => ({
  apiVersion: 'itsm/v1',
  kind: 'Ticket',
  metadata: { id },
  spec: { type: 'incident', service: 'email', priority: 'P3', title: 'Mail is down', opened: '2026-03-02T09:30:00Z', ...spec },
});

const DOCUMENTS = [
  config,
  // Its first reference to "broken" comes before any ticket's.
  doc('services/email.yaml', service('email', { dependsOn: ['broken'] })),
  doc('services/broken.yaml', service('broken', { lifecycle: 'active' })),
  doc('tickets/a.yaml', ticket('INC-1', { problem: 'PRB-1', causedBy: 'INC-2', related: ['NOPE'] }), 0),
  doc('tickets/a.yaml', ticket('INC-3', { service: 'broken', priority: 'P9', timeline: [{ at: '2026-03-02T10:00:00Z', status: 'resolvd' }], related: ['BAD-1'] }), 1),
  doc('tickets/b.yaml', ticket('PRB-1', { type: 'problem', service: 'broken', fixedBy: 'INC-1' }), 0),
  doc('tickets/b.yaml', ticket('BAD-1', { type: 'bogus' }), 1),
  doc('tickets/b.yaml', ticket('INC-2', { related: ['BAD-1'], group: 'nogroup' }), 2),
];

const RULES = [unknownReferences, unknownStatuses, unknownPriorities, referenceToInvalid, ticketReferenceType];
const IDS = new Set(RULES.map((rule) => rule.id));
const ours = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => IDS.has(d.rule));
const FILES = ['itsm.yaml', 'services/email.yaml', 'services/broken.yaml', 'tickets/a.yaml', 'tickets/b.yaml'];

describe('the reference rules over the facts of two ticket files', () => {
  const result = validateDocuments(DOCUMENTS, [], [], new Map(), {}, { files: FILES });

  it('find what the whole repository shows', () => {
    expect(ours(result.diagnostics)).toEqual([
      {
        rule: 'reference-to-invalid',
        severity: 'warning',
        message: 'service "broken" exists but fails its schema, so its 3 references cannot be checked',
        file: 'services/email.yaml',
        document: 0,
        path: ['spec', 'dependsOn', 0],
        hint: 'fix its schema errors; reported once, at the first use',
        related: [
          { file: 'services/broken.yaml', document: 0, path: ['metadata', 'id'], message: 'service "broken" is here and fails its schema' },
          { file: 'tickets/a.yaml', document: 1, path: ['spec', 'service'], message: 'also uses service "broken"' },
          { file: 'tickets/b.yaml', document: 0, path: ['spec', 'service'], message: 'also uses service "broken"' },
        ],
      },
      {
        rule: 'ticket-reference-type',
        severity: 'error',
        message: '"causedBy" must name a change ticket, but ticket "INC-2" is an incident',
        file: 'tickets/a.yaml',
        document: 0,
        path: ['spec', 'causedBy'],
        related: [{ file: 'tickets/b.yaml', document: 2, path: ['spec', 'type'], message: 'ticket INC-2 is an incident' }],
      },
      { rule: 'unknown-reference', severity: 'error', message: 'ticket "NOPE" does not exist', file: 'tickets/a.yaml', document: 0, path: ['spec', 'related', 0] },
      {
        rule: 'reference-to-invalid',
        severity: 'warning',
        message: 'ticket "BAD-1" exists but fails its schema, so its 2 references cannot be checked',
        file: 'tickets/a.yaml',
        document: 1,
        path: ['spec', 'related', 0],
        hint: 'fix its schema errors; reported once, at the first use',
        related: [
          { file: 'tickets/b.yaml', document: 1, path: ['metadata', 'id'], message: 'ticket "BAD-1" is here and fails its schema' },
          { file: 'tickets/b.yaml', document: 2, path: ['spec', 'related', 0], message: 'also uses ticket "BAD-1"' },
        ],
      },
      { rule: 'unknown-priority', severity: 'error', message: 'priority "P9" is not defined', file: 'tickets/a.yaml', document: 1, path: ['spec', 'priority'], hint: 'did you mean "P1"?' },
      {
        rule: 'unknown-status',
        severity: 'error',
        message: 'status "resolvd" is not defined',
        file: 'tickets/a.yaml',
        document: 1,
        path: ['spec', 'timeline', 0, 'status'],
        hint: 'did you mean "resolved"?',
      },
      {
        rule: 'ticket-reference-type',
        severity: 'error',
        message: '"fixedBy" must name a change ticket, but ticket "INC-1" is an incident',
        file: 'tickets/b.yaml',
        document: 0,
        path: ['spec', 'fixedBy'],
        related: [{ file: 'tickets/a.yaml', document: 0, path: ['spec', 'type'], message: 'ticket INC-1 is an incident' }],
      },
      { rule: 'unknown-reference', severity: 'error', message: 'group "nogroup" does not exist', file: 'tickets/b.yaml', document: 2, path: ['spec', 'group'] },
    ]);
  });

  const roundTripped = new Map([...result.ticketFacts].map(([file, facts]) => [file, JSON.parse(JSON.stringify(facts)) as unknown[]]));

  it('keep facts that survive JSON unchanged', () => {
    expect([...result.ticketFacts.keys()]).toEqual(['tickets/a.yaml', 'tickets/b.yaml']);
    for (const [file, facts] of result.ticketFacts) expect(isDeepStrictEqual(roundTripped.get(file), facts), file).toBe(true);
  });

  it('check each rule over facts read back from JSON as over the facts just made', () => {
    const checked = checkSchemas(DOCUMENTS);
    const definitions = definitionsContext(buildContext(checked.repository, checked.rejected));
    const files = ['tickets/a.yaml', 'tickets/b.yaml'];
    const rules = TICKET_RULES.filter((rule) => IDS.has(rule.id));
    expect(rules).toHaveLength(RULES.length);
    for (const rule of rules) {
      const index = TICKET_RULES.indexOf(rule);
      const fresh = rule.check(definitions, files.map((file) => result.ticketFacts.get(file)![index]), NO_TICKET_FILES);
      const read = rule.check(definitions, files.map((file) => roundTripped.get(file)![index]), NO_TICKET_FILES);
      expect(read, rule.id).toEqual(fresh);
      expect(fresh.length, rule.id).toBe(result.diagnostics.filter((d) => d.rule === rule.id).length);
    }
  });

  it('give the same diagnostics when one file\'s facts are kept instead of its tickets', () => {
    const kept = new Map([['tickets/b.yaml', roundTripped.get('tickets/b.yaml')!]]);
    const withoutB = DOCUMENTS.filter((d) => d.file !== 'tickets/b.yaml');
    const again = validateDocuments(withoutB, [], [], new Map(), {}, { files: FILES, kept });
    expect(ours(again.diagnostics)).toEqual(ours(result.diagnostics));
  });
});
