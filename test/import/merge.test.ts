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

describe('mergeTicket: the change and problem fields (#14)', () => {
  const change = (over: Partial<ImportedTicket> = {}) =>
    imported({ id: 'CHG1', type: 'change', annotations: {}, timeline: [], change: { type: 'normal', risk: 'high', outcome: 'failed' }, ...over });
  const problem = (over: Partial<ImportedTicket> = {}) => imported({ id: 'PRB1', type: 'problem', annotations: {}, timeline: [], ...over });

  it('writes them after related, in the order of src/model/ticket.ts, and a change block in the order of change.ts', () => {
    const doc = ticketDocumentOf(
      change({ related: ['INC9'], maintenance: { start: '2016-03-02T22:00:00Z', end: '2016-03-03T01:00:00Z' }, change: { outcome: 'failed', risk: 'high', type: 'normal', backout: 'b' } }),
    );
    expect(Object.keys(doc.spec as object)).toEqual(['type', 'service', 'priority', 'title', 'opened', 'maintenance', 'related', 'change']);
    expect(Object.keys((doc.spec as { change: object }).change)).toEqual(['type', 'risk', 'backout', 'outcome']);
  });

  it('keeps approvals, a review and a template added by hand, and replaces what the source gives', () => {
    const existing = ticketDocumentOf(change());
    const spec = existing.spec as Record<string, unknown>;
    spec.change = {
      type: 'standard',
      risk: 'low',
      template: 'vlan',
      approvals: [{ by: 'Cara', decision: 'approved', at: '2016-03-01T09:00:00Z' }],
      review: { at: '2016-03-04T09:00:00Z', summary: 'went wrong' },
    };
    expect((documentOf(mergeTicket(existing, change())).spec as { change: unknown }).change).toEqual({
      type: 'normal',
      risk: 'high',
      template: 'vlan',
      approvals: [{ by: 'Cara', decision: 'approved', at: '2016-03-01T09:00:00Z' }],
      outcome: 'failed',
      review: { at: '2016-03-04T09:00:00Z', summary: 'went wrong' },
    });
  });

  it('keeps the earlier instant a workaround was documented: an export gives at best an upper bound', () => {
    const first = ticketDocumentOf(problem({ workaround: { description: 'restart', documented: '2016-03-05T10:00:00Z' } }));
    const later = problem({ workaround: { description: 'restart it twice', documented: '2016-03-09T10:00:00Z' } });
    expect((documentOf(mergeTicket(first, later)).spec as { workaround: unknown }).workaround).toEqual({ description: 'restart it twice', documented: '2016-03-05T10:00:00Z' });
    const earlier = problem({ workaround: { description: 'restart', documented: '2016-03-04T10:00:00Z' } });
    expect((documentOf(mergeTicket(first, earlier)).spec as { workaround: unknown }).workaround).toEqual({ description: 'restart', documented: '2016-03-04T10:00:00Z' });
  });

  it('keeps links and a root cause added by hand when the import has none, and drops the fields a new type does not allow', () => {
    const existing = ticketDocumentOf(imported({ annotations: {}, causedBy: 'CHG1' }));
    (existing.spec as Record<string, unknown>).problem = 'PRB7';
    expect(documentOf(mergeTicket(existing, imported({ annotations: {} }))).spec).toMatchObject({ causedBy: 'CHG1', problem: 'PRB7' });
    // The source says the ticket is a problem now: an incident's links go (ticket-type-field), a problem's fields come.
    const merged = documentOf(mergeTicket(existing, imported({ type: 'problem', annotations: {}, rootCause: 'disk full', fixedBy: 'CHG2' }))).spec;
    expect(merged).not.toHaveProperty('causedBy');
    expect(merged).not.toHaveProperty('problem');
    expect(merged).toMatchObject({ rootCause: 'disk full', fixedBy: 'CHG2' });
  });
});

describe('mergeTicket: annotations the source cleared', () => {
  it('removes the source annotations that the export has a column for but no value in, and keeps the others', () => {
    const existing = ticketDocumentOf(imported({ annotations: { 'servicenow/rfc': 'CHG1', 'servicenow/made_sla': 'true', note: 'mine' } }));
    const merged = documentOf(mergeTicket(existing, imported({ annotations: { 'servicenow/made_sla': 'false' }, clearedAnnotations: ['servicenow/rfc'] })));
    expect((merged.metadata as { annotations: unknown }).annotations).toEqual({ note: 'mine', 'servicenow/made_sla': 'false' });
  });
});
