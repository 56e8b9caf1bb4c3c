import { diagnosticAt, relatedAt, type Rule } from '../context.js';
import { findCycles } from '../graph.js';

/**
 * Groups form a tree (teams within departments): a report that rolls a team's figures up to its parents walks the
 * `parent` chain, which must end at a group without one. Each cycle is reported once, at the `parent` of its
 * alphabetically first group, naming every member.
 */
export const groupCycles: Rule = {
  id: 'group-cycle',
  description: 'Groups are each other\'s parents in a cycle.',
  check({ groups }) {
    const parentOf = (id: string): readonly string[] => {
      const parent = groups.get(id)?.doc.spec.parent;
      return parent === undefined ? [] : [parent];
    };
    return findCycles(groups.keys(), parentOf).map((ordered) => {
      const first = ordered[0]!;
      const message = ordered.length === 1 ? `group "${first}" is its own parent` : `group parents form a cycle: ${[...ordered, first].join(' → ')}`;
      return diagnosticAt(groups.get(first)!.source, ['spec', 'parent'], 'group-cycle', 'error', message, {
        hint: 'the parent chain must end at a group without "parent"; remove or correct one of these parents',
        related: ordered.slice(1).map((member, i) => relatedAt(groups.get(member)!.source, ['spec', 'parent'], `the parent of ${member} is ${ordered[(i + 2) % ordered.length]!}`)),
      });
    });
  },
};
