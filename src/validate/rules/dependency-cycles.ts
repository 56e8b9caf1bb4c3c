import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

/**
 * Service dependencies must form a directed acyclic graph: impact analysis and the catalog's dependency graph walk
 * them, and a cycle usually means two services were modelled as each other's parent. Each cycle is reported once,
 * at the edge from its alphabetically first service, naming every member.
 */
export const dependencyCycles: Rule = {
  id: 'dependency-cycle',
  description: 'Services depend on each other in a cycle.',
  check({ services }) {
    const diagnostics: Diagnostic[] = [];
    const state = new Map<string, 'active' | 'done'>();
    const stack: string[] = [];
    const reported = new Set<string>();

    const visit = (id: string): void => {
      state.set(id, 'active');
      stack.push(id);
      const deps = services.get(id)?.doc.spec.dependsOn ?? [];
      for (const dep of deps) {
        if (!services.has(dep)) continue;
        const s = state.get(dep);
        if (s === 'active') {
          const cycle = stack.slice(stack.indexOf(dep));
          const key = [...cycle].sort().join('|');
          if (reported.has(key)) continue;
          reported.add(key);
          // Rotate so the cycle starts at its smallest id: the same cycle always reads the same way.
          const start = cycle.indexOf([...cycle].sort()[0]!);
          const ordered = [...cycle.slice(start), ...cycle.slice(0, start)];
          const from = ordered[0]!;
          const to = ordered[1 % ordered.length]!;
          const entity = services.get(from)!;
          const edge = entity.doc.spec.dependsOn!.indexOf(to);
          diagnostics.push(
            diagnosticAt(entity.source, ['spec', 'dependsOn', edge], 'dependency-cycle', 'error', `dependency cycle: ${[...ordered, from].join(' → ')}`, {
              hint: 'remove one of these dependsOn entries',
              related: ordered.slice(1).map((member, i) => {
                const next = ordered[(i + 2) % ordered.length]!;
                const m = services.get(member)!;
                return relatedAt(m.source, ['spec', 'dependsOn', m.doc.spec.dependsOn!.indexOf(next)], `${member} depends on ${next}`);
              }),
            }),
          );
        } else if (s === undefined) {
          visit(dep);
        }
      }
      stack.pop();
      state.set(id, 'done');
    };

    for (const id of [...services.keys()].sort()) if (!state.has(id)) visit(id);
    return diagnostics;
  },
};
