import { describe, expect, it } from 'vitest';
import { measureContext } from '../../src/sla/measure.js';
import { at, buildRepository, targets } from './helpers.js';

// measureContext finds a ticket's parsed instants by a cursor when tickets are asked in the repository's order, and
// by an index of every ticket (built then) when one is asked out of order: both must give each ticket its own.
const repo = buildRepository({
  slas: { 'email-sla': { targets: targets([['incident', 'P1', '30m', '4h']]) } },
  services: { email: { sla: 'email-sla' } },
  tickets: [1, 2, 3, 4].map((d) => ({
    id: `INC000${d}`,
    service: 'email',
    priority: 'P1',
    opened: `2026-10-0${d}T10:00:00Z`,
    timeline: [[`2026-10-0${d}T11:00:00Z`, 'resolved']] as [string, string][],
  })),
});
const openedOf = (asked: number[]) => {
  const context = measureContext(repo);
  return asked.map((i) => context.instantsOf(repo.tickets[i]!.doc)?.opened);
};
const opened = [1, 2, 3, 4].map((d) => at(`2026-10-0${d}T10:00:00Z`));

describe('the parsed instants of a measure context', () => {
  it("are each ticket's own, asked in order, twice in a row, backwards or skipping", () => {
    expect(openedOf([0, 0, 1, 2, 2, 3])).toEqual([opened[0], opened[0], opened[1], opened[2], opened[2], opened[3]]);
    expect(openedOf([3, 2, 1, 0])).toEqual([opened[3], opened[2], opened[1], opened[0]]);
    expect(openedOf([1, 3, 0, 1, 2])).toEqual([opened[1], opened[3], opened[0], opened[1], opened[2]]);
  });

  it('are unknown for a ticket that is not in the repository', () => {
    const stranger = { ...repo.tickets[0]!.doc };
    expect(measureContext(repo).instantsOf(stranger)).toBeUndefined();
  });
});
