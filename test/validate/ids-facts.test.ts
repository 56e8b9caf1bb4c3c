import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NO_TICKET_FILES } from '../../src/validate/ticket-rule.js';
import { compareDiagnostics } from '../../src/diagnostics/diagnostic.js';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import { buildContext } from '../../src/validate/context.js';
import { checkSchemas, TICKET_RULES, validateDocuments } from '../../src/validate/index.js';
import { definitionsContext } from '../../src/validate/ticket-rule.js';
import { brief, config, doc, group, service } from './model-11-fixtures.js';

const RULE_IDS = ['duplicate-id', 'unknown-assignee', 'retired-service-in-use', 'article-reference'];

const ticket = (file: string, index: number, id: string, spec: Record<string, unknown> = {}): RawDocument =>
  doc(file, { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { type: 'incident', service: 'email', priority: 'P3', title: 'Mail is down', opened: '2026-03-02T09:30:00Z', ...spec } }, index);

const at = (minute: number, event: Record<string, unknown>) => ({ at: `2026-03-02T10:${String(minute).padStart(2, '0')}:00Z`, ...event });

const MARCH = 'tickets/2026-03.yaml';
const APRIL = 'tickets/2026-04.yaml';

/** Findings of the four rules spread over two ticket files, with a ticket that fails its schema leading the second. */
const documents: RawDocument[] = [
  config(),
  service('email'),
  doc('services/email-copy.yaml', service('email').value),
  service('fax', { lifecycle: 'retired' }),
  group('network', { members: [{ name: 'Ann Lee' }, { name: 'Raj Patel' }] }),
  {
    ...doc('knowledge/kb.md', {
      apiVersion: 'itsm/v1',
      kind: 'Article',
      metadata: { id: 'kb' },
      spec: { title: 'KB', services: ['email', 'emial'], problems: ['P1', 'I1', 'GONE', 'BAD'], audience: 'internal', owner: 'Desk', reviewBy: '2099-01-01' },
    }),
    markdown: { body: 'Text.', line: 12 },
  },
  ticket(MARCH, 0, 'T1', { group: 'network', assignee: 'Kim Osei' }),
  ticket(MARCH, 1, 'T2', { service: 'fax', group: 'network', assignee: 'Kim Osei', timeline: [at(0, { assignee: 'Raj Patel' })] }),
  ticket(MARCH, 2, 'T1', { service: 'fax', timeline: [at(0, { status: 'resolved' })] }),
  ticket(MARCH, 3, 'I1'),
  ticket(APRIL, 0, 'BAD', { title: '' }),
  ticket(APRIL, 1, 'T2', { service: 'fax' }),
  ticket(APRIL, 2, 'P1', {
    type: 'problem',
    service: 'fax',
    group: 'network',
    timeline: [at(0, { assignee: 'Kim Osei' }), at(1, { assignee: 'Kim Osei' }), at(2, { assignee: 'Kim Osei' }), at(3, { assignee: 'Ann Leee' })],
  }),
  ticket(APRIL, 3, 'T3', { service: 'fax' }),
  ticket(APRIL, 4, 'T4', { service: 'fax' }),
];

const ours = <D extends { rule: string }>(diagnostics: readonly D[]) => diagnostics.filter((d) => RULE_IDS.includes(d.rule));

describe('duplicate-id, unknown-assignee, retired-service-in-use and article-reference over the facts of two ticket files', () => {
  const result = validateDocuments(documents);

  it('give the findings of the whole repository, the first of each in the repository order', () => {
    const found = ours(result.diagnostics);
    expect(found.map(brief)).toEqual([
      ['knowledge/kb.md', 'article-reference', 'spec.problems.2', 'problem "GONE" does not exist'],
      ['knowledge/kb.md', 'article-reference', 'spec.services.1', 'service "emial" does not exist'],
      ['knowledge/kb.md', 'article-reference', 'spec.problems.1', 'ticket "I1" is an incident, not a problem'],
      ['services/email-copy.yaml', 'duplicate-id', 'metadata.id', 'Service id "email" is already used'],
      ['services/fax.yaml', 'retired-service-in-use', 'spec.lifecycle', 'service is retired but still has 5 open ticket(s) (T2, T2, P1, …)'],
      [MARCH, 'unknown-assignee', 'spec.assignee', 'assignee "Kim Osei" is not a member of group "network", which holds the ticket at that moment (5 assignments, this one first)'],
      [MARCH, 'duplicate-id', 'metadata.id', 'Ticket id "T1" is already used'],
      [APRIL, 'duplicate-id', 'metadata.id', 'Ticket id "T2" is already used'],
      [APRIL, 'unknown-assignee', 'spec.timeline.3.assignee', 'assignee "Ann Leee" is not a member of group "network", which holds the ticket at that moment'],
    ]);
    const byMessage = (start: string) => found.find((d) => d.message.startsWith(start))!;
    const kim = byMessage('assignee "Kim Osei"');
    expect([kim.document, kim.hint]).toEqual([0, 'add "Kim Osei" to the members of group network, or correct the name (1 more not listed)']);
    expect(kim.related?.map((r) => [r.file, r.document, (r.path ?? []).join('.'), r.message])).toEqual([
      ['groups/network.yaml', 0, 'spec.members', 'the members of network'],
      [MARCH, 1, 'spec.assignee', 'ticket T2 too'],
      [APRIL, 2, 'spec.timeline.0.assignee', 'ticket P1 too'],
      [APRIL, 2, 'spec.timeline.1.assignee', 'ticket P1 too'],
    ]);
    const ann = byMessage('assignee "Ann Leee"');
    expect([ann.document, ann.hint, ann.related?.length]).toEqual([2, 'did you mean "Ann Lee"?', 1]);
    const t1 = byMessage('Ticket id "T1"');
    expect([t1.document, t1.related?.map((r) => [r.file, r.document, r.message])]).toEqual([2, [[MARCH, 0, 'first Ticket "T1" is here']]]);
    const t2 = byMessage('Ticket id "T2"');
    expect([t2.document, t2.related?.map((r) => [r.file, r.document, r.message])]).toEqual([1, [[MARCH, 1, 'first Ticket "T2" is here']]]);
    const i1 = byMessage('ticket "I1"');
    expect(i1.related).toEqual([{ file: MARCH, document: 3, path: ['spec', 'type'], message: 'ticket "I1" is here' }]);
  });

  it('keep facts that survive JSON, and a check over facts read back from JSON gives the same findings', () => {
    const facts = [...result.ticketFacts.values()];
    expect(facts).toHaveLength(2);
    const roundTripped = JSON.parse(JSON.stringify(facts)) as unknown[][];
    expect(isDeepStrictEqual(roundTripped, facts)).toBe(true);

    const checked = checkSchemas(documents);
    const definitions = definitionsContext(buildContext(checked.repository, checked.rejected));
    TICKET_RULES.forEach((rule, r) => {
      if (!RULE_IDS.includes(rule.id)) return;
      expect(rule.check(definitions, roundTripped.map((f) => f[r]), NO_TICKET_FILES), rule.id).toEqual(rule.check(definitions, facts.map((f) => f[r]), NO_TICKET_FILES));
    });
    const fromJson = TICKET_RULES.flatMap((rule, r) => (RULE_IDS.includes(rule.id) ? rule.check(definitions, roundTripped.map((f) => f[r]), NO_TICKET_FILES) : []));
    expect(fromJson.sort(compareDiagnostics)).toEqual(ours(result.diagnostics));
  });
});
