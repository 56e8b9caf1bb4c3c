import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Entity, SourceRef } from '../../model/repository.js';
import { diagnosticAt, relatedAt } from '../context.js';
import type { TicketRule } from '../ticket-rule.js';

/**
 * The ticket ids of one file, in document order: `documents[i]` is the document of `ids[i]`, left out when every
 * ticket's document is its place in the list (a file of tickets only, none rejected), which is nearly always.
 */
export interface TicketIds {
  file: string;
  ids: string[];
  documents?: number[];
}

/** A ticket's place as one number (file index times 2^32, plus its document): no object per ticket in the map. */
const FILE_STRIDE = 2 ** 32;

/** Ids are unique per kind: a reference must name exactly one document. Both places are named. */
export const duplicateIds: TicketRule<TicketIds> = {
  id: 'duplicate-id',
  description: 'Two documents of the same kind have the same metadata.id.',
  facts(_context, { file, tickets }) {
    const ids = new Array<string>(tickets.length);
    let inPlace = true;
    for (let i = 0; i < tickets.length; i++) {
      const { source, doc } = tickets[i]!;
      ids[i] = doc.metadata.id;
      if (source.document !== i) inPlace = false;
    }
    return inPlace ? { file, ids } : { file, ids, documents: tickets.map((t) => t.source.document) };
  },
  check({ repository }, facts) {
    const diagnostics: Diagnostic[] = [];
    const duplicate = (kind: string, id: string, source: SourceRef, original: SourceRef) =>
      diagnosticAt(source, ['metadata', 'id'], 'duplicate-id', 'error', `${kind} id "${id}" is already used`, {
        hint: 'give each document of a kind its own id',
        related: [relatedAt(original, ['metadata', 'id'], `first ${kind} "${id}" is here`)],
      });
    const kinds: Array<[string, Entity<{ metadata: { id: string } }>[]]> = [
      ['Calendar', repository.calendars],
      ['Service', repository.services],
      ['SLA', repository.slas],
      ['Consumer', repository.consumers],
      ['Group', repository.groups],
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
        diagnostics.push(duplicate(kind, id, entity.source, original.source));
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
    // Tickets come last, as when they were the last kind above; the facts arrive in the repository's order.
    const first = new Map<string, number>();
    facts.forEach(({ file, ids, documents }, f) => {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const document = documents === undefined ? i : documents[i]!;
        const original = first.get(id);
        if (original === undefined) {
          first.set(id, f * FILE_STRIDE + document);
          continue;
        }
        const originalSource = { file: facts[Math.floor(original / FILE_STRIDE)]!.file, document: original % FILE_STRIDE };
        diagnostics.push(duplicate('Ticket', id, { file, document }, originalSource));
      }
    });
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
