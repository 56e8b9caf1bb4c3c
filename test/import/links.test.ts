import { describe, expect, it } from 'vitest';
import { resolveLinks } from '../../src/import/links.js';
import type { ImportedTicket } from '../../src/import/types.js';

const ticket = (id: string, over: Partial<ImportedTicket> = {}): ImportedTicket => ({
  id,
  type: 'incident',
  service: 'email',
  priority: 'P3',
  title: id,
  opened: '2026-03-01T10:00:00Z',
  timeline: [],
  lines: { first: 4, last: 6, count: 3 },
  ...over,
});

describe('resolveLinks', () => {
  it('links a ticket of the repository or of the import, and reports the others (row used) without linking them', () => {
    const incident = ticket('INC1', {
      related: ['INC0'],
      links: [
        { field: 'causedBy', id: 'CHG1', column: 'caused_by', annotation: 'servicenow/caused_by' },
        { field: 'problem', id: 'PRB1', column: 'problem_id' },
        { field: 'related', id: 'CHG2', column: 'rfc' },
        { field: 'related', id: 'INC0', column: 'rfc' },
        { field: 'problem', id: 'Problem ID  14', column: 'problem_id', annotation: 'servicenow/problem_id' },
      ],
    });
    const { tickets, problems } = resolveLinks([incident, ticket('CHG1', { type: 'change' })], new Map([['PRB1', 'problem'], ['INC0', 'incident']]));
    expect(tickets[0]).toEqual({ ...ticket('INC1'), related: ['INC0'], causedBy: 'CHG1', problem: 'PRB1' });
    expect(problems).toEqual([
      {
        line: 6,
        kind: 'missing-field',
        skipped: false,
        ticket: 'INC1',
        message: `INC1: rfc "CHG2" (a related ticket) is no ticket of the repository or of this import, so it is not linked (import that ticket's export, then this one again)`,
      },
      {
        line: 6,
        kind: 'missing-field',
        skipped: false,
        ticket: 'INC1',
        message: 'INC1: problem_id "Problem ID  14" (its problem) cannot be a ticket id, so it is not linked; kept as the annotation servicenow/problem_id',
      },
    ]);
    // A ticket without links is given back as it is.
    expect(tickets[1]).toEqual(ticket('CHG1', { type: 'change' }));
  });

  it('keeps a link to a ticket of the wrong type as a related ticket, and says so, rather than write an invalid ticket', () => {
    const incident = ticket('INC1', {
      links: [
        { field: 'causedBy', id: 'INC2', column: 'caused_by' },
        { field: 'problem', id: 'CHG1', column: 'problem_id' },
      ],
    });
    const { tickets, problems } = resolveLinks([incident], new Map([['INC2', 'incident'], ['CHG1', 'change']]));
    expect(tickets[0]).toEqual({ ...ticket('INC1'), related: ['INC2', 'CHG1'] });
    expect(problems.map((p) => p.message)).toEqual([
      'INC1: caused_by "INC2" (the change that caused it) is an incident, not a change, so it is kept as a related ticket',
      'INC1: problem_id "CHG1" (its problem) is a change, not a problem, so it is kept as a related ticket',
    ]);
  });
});
