import { describe, expect, it } from 'vitest';
import { ticketColumns } from '../../src/load/ticket-columns.js';
import type { Entity } from '../../src/model/repository.js';
import type { TicketDocument } from '../../src/model/ticket.js';

function ticket(id: string, opened: string, at: string[]): Entity<TicketDocument> {
  const timeline = at.map((instant) => ({ at: instant, status: 'in-progress' }));
  const doc = { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { type: 'incident', service: 's', priority: 'P1', title: id, opened, ...(at.length ? { timeline } : {}) } };
  return { source: { file: 't.yaml', document: 0 }, doc: doc as TicketDocument };
}

describe('ticketColumns', () => {
  it('holds each ticket\'s instants as numbers, its events one after the other', () => {
    const tickets = [
      ticket('A', '2026-01-01T00:00:00Z', ['2026-01-01T00:01:00Z', '2026-01-01T01:00:00+01:00']),
      ticket('B', '2026-01-02T00:00:00Z', []),
      ticket('C', '2026-01-03T00:00:00-05:00', ['2026-01-03T05:00:00Z']),
    ];
    const { opened, eventStart, eventAt } = ticketColumns(tickets);
    // 2026-01-01T00:00Z is 1,767,225,600,000 ms; a day is 86,400,000 ms; -05:00 adds 5 h = 18,000,000 ms.
    expect([...opened]).toEqual([1_767_225_600_000, 1_767_312_000_000, 1_767_398_400_000 + 18_000_000]);
    // A has 2 events (0, 1), B none (2..2), C one (2).
    expect([...eventStart]).toEqual([0, 2, 2, 3]);
    // 00:01Z is 60,000 ms after opening; 01:00+01:00 is 00:00Z, the opening itself; C's event is its opening.
    expect([...eventAt]).toEqual([1_767_225_660_000, 1_767_225_600_000, 1_767_416_400_000]);
  });

  it('is built once per list, and again for a list that grew', () => {
    const tickets = [ticket('A', '2026-01-01T00:00:00Z', [])];
    const first = ticketColumns(tickets);
    expect(ticketColumns(tickets)).toBe(first);
    tickets.push(ticket('B', '2026-01-02T00:00:00Z', []));
    expect(ticketColumns(tickets).opened.length).toBe(2);
  });
});

describe('ticketColumns of a list made of lists whose columns are built', () => {
  it('copies their instants, and parses the tickets that are in none of them or whose timeline changed since', () => {
    const january = [ticket('A', '2026-01-01T00:00:00Z', ['2026-01-01T00:01:00Z']), ticket('B', '2026-01-02T00:00:00Z', [])];
    const february = [ticket('C', '2026-02-01T00:00:00Z', ['2026-02-01T00:02:00Z', '2026-02-01T00:03:00Z'])];
    const loose = ticket('D', '2026-03-01T00:00:00Z', ['2026-03-01T00:04:00Z']);
    const parsed = (list: Entity<TicketDocument>[]) => {
      const { opened, eventStart, eventAt } = ticketColumns(list.map((t) => ({ ...t, doc: structuredClone(t.doc) })));
      return { opened: [...opened], eventStart: [...eventStart], eventAt: [...eventAt] };
    };
    const copy = (list: Entity<TicketDocument>[]) => {
      const { opened, eventStart, eventAt } = ticketColumns(list);
      return { opened: [...opened], eventStart: [...eventStart], eventAt: [...eventAt] };
    };
    // The columns the parts' parse would give, with the parts' columns built first.
    copy(january);
    copy(february);
    const whole = [...january, loose, ...february];
    expect(copy(whole)).toEqual(parsed(whole));
    // February's first ticket read alone (a list that starts inside January), and a timeline longer than it was.
    expect(copy([january[1]!, february[0]!])).toEqual(parsed([january[1]!, february[0]!]));
    const grown = { ...january[0]!, doc: january[0]!.doc };
    grown.doc.spec.timeline = [...grown.doc.spec.timeline!, { at: '2026-01-01T00:05:00Z', status: 'resolved' }];
    expect(copy([grown, january[1]!])).toEqual(parsed([grown, january[1]!]));
    // 2026-01-01T00:00Z = 1,767,225,600,000 ms; its events at +60,000 and +300,000 ms (00:01, 00:05).
    expect(copy([grown, january[1]!]).eventAt.slice(0, 2)).toEqual([1_767_225_660_000, 1_767_225_900_000]);
  });
});
