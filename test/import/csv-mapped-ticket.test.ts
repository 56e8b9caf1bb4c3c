import { describe, expect, it } from 'vitest';
import { DEFAULT_VOCABULARY, finishTicket, oneLine, StatusSemantics, type TicketDraft } from '../../src/import/csv-mapped-ticket.js';

const semantics = new StatusSemantics(DEFAULT_VOCABULARY);
const at = (hhmm: string) => ({ ms: Date.parse(`2026-10-05T${hhmm}:00Z`), at: `2026-10-05T${hhmm}:00Z` });

function draft(extra: Partial<TicketDraft> = {}): TicketDraft {
  return {
    id: 'T-1',
    type: 'incident',
    title: 'Printer',
    service: 'printing',
    priority: 'P3',
    opened: at('09:00'),
    events: [],
    lines: { first: 2, last: 2, count: 1 },
    ...extra,
  };
}

describe('finishTicket', () => {
  it('keeps only what changes: a repeated status or priority is dropped, a change of both is one event', () => {
    const { ticket, problems } = finishTicket(
      draft({
        events: [
          { ...at('09:05'), status: 'new', priority: 'P3', line: 2 },
          { ...at('09:10'), status: 'in-progress', priority: 'P3', actor: 'ana', line: 3 },
          { ...at('09:20'), status: 'in-progress', priority: 'P2', actor: 'ana', line: 4 },
          { ...at('09:30'), status: 'awaiting-customer', priority: 'P1', line: 5 },
          { ...at('09:40'), status: 'awaiting-customer', priority: 'P1', line: 6 },
        ],
      }),
      semantics,
    );
    expect(problems).toEqual([]);
    expect(ticket!.timeline).toEqual([
      { at: '2026-10-05T09:10:00Z', status: 'in-progress', actor: 'ana' },
      { at: '2026-10-05T09:20:00Z', priority: 'P2', actor: 'ana' },
      { at: '2026-10-05T09:30:00Z', status: 'awaiting-customer', priority: 'P1' },
    ]);
  });

  it('keeps the source order of changes at the same instant', () => {
    const { ticket } = finishTicket(
      draft({ events: [{ ...at('09:10'), status: 'resolved', line: 3 }, { ...at('09:10'), status: 'closed', line: 4 }, { ...at('09:05'), status: 'in-progress', line: 2 }] }),
      semantics,
    );
    expect(ticket!.timeline.map((e) => e.status)).toEqual(['in-progress', 'resolved', 'closed']);
  });

  it('ignores the resolved and closed dates when the history already reaches a resolution', () => {
    const { ticket } = finishTicket(draft({ events: [{ ...at('10:00'), status: 'resolved', line: 3 }], resolved: { ...at('11:00'), line: 2 } }), semantics);
    expect(ticket!.timeline).toEqual([{ at: '2026-10-05T10:00:00Z', status: 'resolved' }]);
  });

  it('reports a ticket reopened at an unknown time and imports it as resolved', () => {
    const { ticket, problems } = finishTicket(draft({ resolved: { ...at('10:00'), line: 2 }, current: { status: 'in-progress', line: 2 } }), semantics);
    expect(ticket!.timeline).toEqual([{ at: '2026-10-05T10:00:00Z', status: 'resolved' }]);
    expect(problems).toEqual([
      {
        line: 2,
        kind: 'missing-field',
        skipped: false,
        ticket: 'T-1',
        message: 'the source says the status is "in-progress" but gives no date for it; the ticket is imported as "resolved"',
      },
    ]);
  });

  it('reports a closed ticket with no date at all: it stays open', () => {
    const { ticket, problems } = finishTicket(draft({ current: { status: 'closed', line: 2 } }), semantics);
    expect(ticket!.timeline).toEqual([]);
    expect(problems.map((p) => p.kind)).toEqual(['missing-field']);
  });

  it('dates the current status from the last change when the source dates it earlier (a history cut short)', () => {
    const { ticket, problems } = finishTicket(
      draft({ events: [{ ...at('10:00'), status: 'in-progress', line: 2 }], current: { status: 'awaiting-customer', since: at('09:30'), line: 2 } }),
      semantics,
    );
    expect(ticket!.timeline).toEqual([
      { at: '2026-10-05T10:00:00Z', status: 'in-progress' },
      { at: '2026-10-05T10:00:00Z', status: 'awaiting-customer' },
    ]);
    expect(problems.map((p) => p.kind)).toEqual(['out-of-order']);
  });

  it('uses the repository\'s own statuses for the start, resolution and closure', () => {
    const custom = new StatusSemantics({
      statuses: [
        { id: 'open', category: 'new' },
        { id: 'working', category: 'active' },
        { id: 'fixed', category: 'resolved' },
        { id: 'archived', category: 'closed' },
      ],
      priorities: ['P3'],
    });
    const { ticket } = finishTicket(draft({ events: [{ ...at('09:05'), status: 'open', line: 2 }], resolved: { ...at('10:00'), line: 2 }, closed: { ...at('11:00'), line: 2 } }), custom);
    expect(ticket!.timeline).toEqual([
      { at: '2026-10-05T10:00:00Z', status: 'fixed' },
      { at: '2026-10-05T11:00:00Z', status: 'archived' },
    ]);
  });

  it('makes a title one line', () => {
    expect(oneLine('  Printer on the 2nd floor,\r\n  "jams"\n\nevery day ')).toBe('Printer on the 2nd floor, "jams" every day');
    expect(finishTicket(draft({ title: 'A\nB' }), semantics).ticket!.title).toBe('A B');
  });
});
