import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/repository.js';
import type { TicketDocument } from '../../src/model/ticket.js';
import { ticketChanges, type TicketList } from '../../src/governance/ticket-list.js';

/** A ticket entity with only what matching reads: its id, its file and one field to differ by. */
function ticket(id: string, title: string, file: string): Entity<TicketDocument> {
  const doc = { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { type: 'incident', service: 'email', priority: 'P2', title, opened: '2026-10-05T14:02:00Z' } };
  return { source: { file, document: 0 }, doc: doc as unknown as TicketDocument };
}

/** The definition, written the plain way: every ticket indexed by its first id, then compared. */
function reference(base: Entity<TicketDocument>[], head: Entity<TicketDocument>[]): TicketList {
  const first = (side: Entity<TicketDocument>[]) => {
    const map = new Map<string, Entity<TicketDocument>>();
    for (const t of side) if (!map.has(t.doc.metadata.id)) map.set(t.doc.metadata.id, t);
    return map;
  };
  const [was, now] = [first(base), first(head)];
  const list: TicketList = { added: [], changed: [], removed: [] };
  for (const [id, t] of now) {
    const old = was.get(id);
    if (!old) list.added.push({ id, file: t.source.file });
    else if (JSON.stringify(old.doc) !== JSON.stringify(t.doc)) list.changed.push({ id, file: t.source.file });
  }
  for (const [id, t] of was) if (!now.has(id)) list.removed.push({ id, file: t.source.file });
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { added: list.added.sort(byId), changed: list.changed.sort(byId), removed: list.removed.sort(byId) };
}

/** A small deterministic generator (mulberry32), so that a failure is reproduced by its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ticketChanges where the sides share the tickets of unchanged files', () => {
  it('gives what indexing every ticket gives, duplicate ids across the shared and changed parts included', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const pick = (n: number) => Math.floor(next() * n);
      // Few ids, so that an id often occurs in the shared ends and in a changed middle, on one side or both.
      const id = () => `INC-${pick(8)}`;
      const shared = (n: number, file: string) => Array.from({ length: n }, () => ticket(id(), `t${pick(3)}`, file));
      const prefix = shared(pick(6), 'a.yaml');
      const suffix = shared(pick(6), 'z.yaml');
      const baseMiddle = shared(pick(4), 'm.yaml');
      const headMiddle = shared(pick(4), 'm.yaml');
      // Head's entities of the shared files may be its own objects around the same documents, in another file.
      const rewrap = (t: Entity<TicketDocument>) => (next() < 0.5 ? t : { source: { file: `moved-${t.source.file}`, document: 0 }, doc: t.doc });
      const base = [...prefix, ...baseMiddle, ...suffix];
      const head = [...prefix.map(rewrap), ...headMiddle, ...suffix.map(rewrap)];
      expect(ticketChanges(base, head), `seed ${seed}`).toEqual(reference(base, head));
    }
  });

  it('finds a ticket of the shared part that a changed file now defines first (the first definition wins)', () => {
    // Base: INC-1 only in the shared suffix ("old"). Head: the middle defines INC-1 ("new") before the suffix, so
    // head's first INC-1 is the middle's: changed. Indexing only the middles would call it added.
    const tail = ticket('INC-1', 'old', 'z.yaml');
    const base = [ticket('INC-0', 'same', 'a.yaml'), tail];
    const head = [base[0]!, ticket('INC-1', 'new', 'm.yaml'), tail];
    expect(ticketChanges(base, head)).toEqual({ added: [], changed: [{ id: 'INC-1', file: 'm.yaml' }], removed: [] });
  });
});
