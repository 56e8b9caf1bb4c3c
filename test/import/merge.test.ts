import { describe, expect, it } from 'vitest';
import { canonicalJson, mergeTicket, sameDocument, ticketDocumentOf, type MergeResult } from '../../src/import/merge.js';
import type { ImportedTicket } from '../../src/import/types.js';

const imported = (over: Partial<ImportedTicket> = {}): ImportedTicket => ({
  id: 'INC1',
  type: 'incident',
  service: 'email',
  priority: 'P3',
  title: 'Mail is slow',
  opened: '2016-03-01T10:00:00Z',
  timeline: [{ at: '2016-03-01T11:00:00Z', status: 'resolved', actor: 'a.b' }],
  labels: { 'itsm/source': 'servicenow' },
  annotations: { 'servicenow/made_sla': 'true' },
  lines: { first: 2, last: 3, count: 2 },
  ...over,
});

function documentOf(result: MergeResult): Record<string, unknown> {
  if (!('document' in result)) throw new Error(`expected a merged document, got ${JSON.stringify(result)}`);
  return result.document;
}

describe('ticketDocumentOf', () => {
  it('writes the fields in the order docs/format.md lists them, and leaves out what is empty', () => {
    const doc = ticketDocumentOf(imported({ consumer: 'finance', related: ['PRB1'], annotations: {}, timeline: [] }));
    expect(doc).toEqual({
      apiVersion: 'itsm/v1',
      kind: 'Ticket',
      metadata: { id: 'INC1', labels: { 'itsm/source': 'servicenow' } },
      spec: { type: 'incident', service: 'email', consumer: 'finance', priority: 'P3', title: 'Mail is slow', opened: '2016-03-01T10:00:00Z', related: ['PRB1'] },
    });
    expect(Object.keys(doc.spec as object)).toEqual(['type', 'service', 'consumer', 'priority', 'title', 'opened', 'related']);
  });
});

describe('mergeTicket: update in place', () => {
  const existing = {
    apiVersion: 'itsm/v1',
    kind: 'Ticket',
    metadata: { id: 'INC1', name: 'The slow mail', labels: { team: 'mail', 'itsm/source': 'servicenow' }, annotations: { 'servicenow/made_sla': 'false', note: 'kept' } },
    spec: {
      type: 'incident',
      service: 'storage',
      consumer: 'sales',
      priority: 'P2',
      title: 'old title',
      opened: '2016-03-01T09:00:00Z',
      // At the instant of the imported event: the import covers it, so it replaces it (timeline-merge.test.ts has the rest).
      timeline: [{ at: '2016-03-01T11:00:00Z', status: 'in-progress' }],
      outage: { start: '2016-03-01T08:00:00Z', impact: 'degraded' },
    },
  };

  it('replaces what the import owns and keeps what it does not (name, own labels and annotations, outage, consumer)', () => {
    expect(mergeTicket(existing, imported())).toEqual({
      document: {
        apiVersion: 'itsm/v1',
        kind: 'Ticket',
        metadata: {
          id: 'INC1',
          name: 'The slow mail',
          labels: { 'itsm/source': 'servicenow', team: 'mail' },
          annotations: { note: 'kept', 'servicenow/made_sla': 'true' },
        },
        spec: {
          type: 'incident',
          service: 'email',
          consumer: 'sales',
          priority: 'P3',
          title: 'Mail is slow',
          opened: '2016-03-01T10:00:00Z',
          timeline: [{ at: '2016-03-01T11:00:00Z', status: 'resolved', actor: 'a.b' }],
          outage: { start: '2016-03-01T08:00:00Z', impact: 'degraded' },
        },
      },
    });
  });

  it('an import with no event keeps the timeline (it speaks about no instant), unless --replace-timelines; a consumer the import now has replaces the old one', () => {
    const merged = documentOf(mergeTicket(existing, imported({ opened: existing.spec.opened, timeline: [], consumer: 'finance' })));
    expect((merged.spec as Record<string, unknown>).timeline).toEqual(existing.spec.timeline);
    expect((merged.spec as Record<string, unknown>).consumer).toBe('finance');
    const replaced = documentOf(mergeTicket(existing, imported({ timeline: [] }), { replaceTimelines: true }));
    expect((replaced.spec as Record<string, unknown>).timeline).toBeUndefined();
  });

  it('drops fields that the new type does not allow', () => {
    const merged = documentOf(mergeTicket(existing, imported({ type: 'request' })));
    expect((merged.spec as Record<string, unknown>).outage).toBeUndefined();
  });

  it('merging the same import twice is a fixed point', () => {
    const once = documentOf(mergeTicket(existing, imported()));
    expect(sameDocument(documentOf(mergeTicket(once, imported())), once)).toBe(true);
    expect(sameDocument(documentOf(mergeTicket(ticketDocumentOf(imported()), imported())), ticketDocumentOf(imported()))).toBe(true);
  });
});

describe('sameDocument', () => {
  it('ignores key order but not values or array order', () => {
    expect(sameDocument({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameDocument({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] })).toBe(false);
    expect(sameDocument({ a: 1 }, { a: '1' })).toBe(false);
    expect(canonicalJson({ b: { d: 1, c: undefined }, a: null })).toBe('{"a":null,"b":{"d":1}}');
  });
});
