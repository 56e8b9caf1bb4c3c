import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

/** One target per ticket type and priority: two would make the figures depend on which one was read first. */
export const duplicateTargets: Rule = {
  id: 'duplicate-target',
  description: 'An SLA has two targets for the same ticket type and priority.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.slas) {
      const seen = new Map<string, number>();
      doc.spec.targets.forEach((target, i) => {
        const key = `${target.type}/${target.priority}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, i);
          return;
        }
        diagnostics.push(
          diagnosticAt(source, ['spec', 'targets', i], 'duplicate-target', 'error', `a target for ${target.type} ${target.priority} is already defined`, {
            related: [relatedAt(source, ['spec', 'targets', first], 'first target')],
          }),
        );
      });
      if (doc.spec.targets.every((t) => !t.response && !t.resolution) && doc.spec.targets.length > 0) {
        diagnostics.push(diagnosticAt(source, ['spec', 'targets'], 'duplicate-target', 'error', 'no target has a response or a resolution objective'));
      }
    }
    return diagnostics;
  },
};

/**
 * A warning, not an error: tickets of a type and priority that the service's SLA does not cover are simply not
 * measured, which is allowed but usually an oversight.
 */
export const missingTargets: Rule = {
  id: 'sla-missing-target',
  description: 'Tickets use a type and priority that their service\'s SLA has no target for (warning).',
  check({ repository, services, slas, priorities: known }) {
    const diagnostics: Diagnostic[] = [];
    const uncovered = new Map<string, { count: number; example: string; sla: string; type: string; priority: string }>();
    for (const { doc } of repository.tickets) {
      const slaId = services.get(doc.spec.service)?.doc.spec.sla;
      const sla = slaId === undefined ? undefined : slas.get(slaId);
      if (!sla) continue;
      const priorities = new Set([doc.spec.priority, ...(doc.spec.timeline ?? []).flatMap((e) => (e.priority ? [e.priority] : []))]);
      for (const priority of priorities) {
        if (!known.has(priority)) continue; // unknown-priority reports it; a target for it would be an error too
        if (sla.doc.spec.targets.some((t) => t.type === doc.spec.type && t.priority === priority)) continue;
        const key = `${sla.doc.metadata.id}\u0000${doc.spec.type}\u0000${priority}`;
        const entry = uncovered.get(key);
        if (entry) entry.count++;
        else uncovered.set(key, { count: 1, example: doc.metadata.id, sla: sla.doc.metadata.id, type: doc.spec.type, priority });
      }
    }
    for (const entry of [...uncovered.values()].sort((a, b) => (a.sla + a.type + a.priority < b.sla + b.type + b.priority ? -1 : 1))) {
      const sla = slas.get(entry.sla)!;
      diagnostics.push(
        diagnosticAt(
          sla.source,
          ['spec', 'targets'],
          'sla-missing-target',
          'warning',
          `no target for ${entry.type} ${entry.priority}, which ${entry.count} ticket(s) use (e.g. ${entry.example}); they are not measured`,
          { hint: `add a target with type: ${entry.type} and priority: ${entry.priority}` },
        ),
      );
    }
    return diagnostics;
  },
};
