import { diagnosticAt, relatedAt, type Rule } from '../context.js';
import { findCycles } from '../graph.js';

/**
 * Service dependencies must form a directed acyclic graph: impact analysis and the catalog's dependency graph walk
 * them, and a cycle usually means two services were modelled as each other's parent. Each cycle is reported once,
 * at the edge from its alphabetically first service, naming every member.
 */
export const dependencyCycles: Rule = {
  id: 'dependency-cycle',
  description: 'Services depend on each other in a cycle.',
  check({ services }) {
    const dependsOn = (id: string) => services.get(id)?.doc.spec.dependsOn ?? [];
    return findCycles(services.keys(), dependsOn).map((ordered) => {
      const from = ordered[0]!;
      const to = ordered[1 % ordered.length]!;
      return diagnosticAt(services.get(from)!.source, ['spec', 'dependsOn', dependsOn(from).indexOf(to)], 'dependency-cycle', 'error', `dependency cycle: ${[...ordered, from].join(' → ')}`, {
        hint: 'remove one of these dependsOn entries',
        related: ordered.slice(1).map((member, i) => {
          const next = ordered[(i + 2) % ordered.length]!;
          return relatedAt(services.get(member)!.source, ['spec', 'dependsOn', dependsOn(member).indexOf(next)], `${member} depends on ${next}`);
        }),
      });
    });
  },
};
