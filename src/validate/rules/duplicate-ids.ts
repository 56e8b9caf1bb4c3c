import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Entity } from '../../model/repository.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

/** Ids are unique per kind: a reference must name exactly one document. Both places are named. */
export const duplicateIds: Rule = {
  id: 'duplicate-id',
  description: 'Two documents of the same kind have the same metadata.id.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    const kinds: Array<[string, Entity<{ metadata: { id: string } }>[]]> = [
      ['Calendar', repository.calendars],
      ['Service', repository.services],
      ['SLA', repository.slas],
      ['Consumer', repository.consumers],
      ['Group', repository.groups],
      ['Ticket', repository.tickets],
    ];
    for (const [kind, entities] of kinds) {
      const first = new Map<string, Entity<{ metadata: { id: string } }>>();
      for (const entity of entities) {
        const id = entity.doc.metadata.id;
        const original = first.get(id);
        if (!original) {
          first.set(id, entity);
          continue;
        }
        diagnostics.push(
          diagnosticAt(entity.source, ['metadata', 'id'], 'duplicate-id', 'error', `${kind} id "${id}" is already used`, {
            hint: 'give each document of a kind its own id',
            related: [relatedAt(original.source, ['metadata', 'id'], `first ${kind} "${id}" is here`)],
          }),
        );
      }
      if (kind === 'Calendar' && first.has('24x7')) {
        const own = first.get('24x7')!;
        diagnostics.push(
          diagnosticAt(own.source, ['metadata', 'id'], 'duplicate-id', 'error', 'Calendar id "24x7" is built in and cannot be redefined', {
            hint: 'choose another id, e.g. "24x7-berlin"',
          }),
        );
      }
    }
    // Offerings are referenced by (service, offering id), so they must be unique within their service.
    for (const service of repository.services) {
      const seen = new Map<string, number>();
      service.doc.spec.offerings?.forEach((offering, i) => {
        const previous = seen.get(offering.id);
        if (previous === undefined) {
          seen.set(offering.id, i);
          return;
        }
        diagnostics.push(
          diagnosticAt(service.source, ['spec', 'offerings', i, 'id'], 'duplicate-id', 'error', `offering id "${offering.id}" is already used in this service`, {
            related: [relatedAt(service.source, ['spec', 'offerings', previous, 'id'], 'first offering is here')],
          }),
        );
      });
    }
    return diagnostics;
  },
};
