import type { TicketType } from '../model/ticket-type.js';
import type { ImportedTicket, ImportProblem, TicketLink } from './types.js';

/**
 * Links between tickets, as an export names them (a ServiceNow incident's `caused_by`, `problem_id` and `rfc`, a
 * problem's `rfc`, a Jira "is caused by" link), turned into the fields of the ticket documents. Pure.
 *
 * A link is written only when the ticket it names is in the repository or in the same import: a reference to a ticket
 * that does not exist is an error of `itsm validate` (`unknown-reference`), and the importer never writes an invalid
 * ticket. A link to anything else — a change whose export was not imported yet, or a value that is no ticket number
 * at all (the UCI log's anonymised "Problem ID  14") — is reported as a correction (the row is used) and is not lost:
 * the adapter keeps the source's value as an annotation, and importing the other export first, then this one again,
 * fills the link in (docs/import.md, "Changes, problems and their links").
 */

const ID_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;

/** The field each link sets, in the words of the messages. */
const MEANING: Readonly<Record<TicketLink['field'], string>> = {
  causedBy: 'the change that caused it',
  problem: 'its problem',
  fixedBy: 'the change that fixed it',
  related: 'a related ticket',
  cause: 'what caused it',
};

/** The type of ticket each link field must name (the rule ticket-reference-type). */
const EXPECTED_TYPE: Readonly<Record<'causedBy' | 'problem' | 'fixedBy', TicketType>> = { causedBy: 'change', problem: 'problem', fixedBy: 'change' };

const articleFor = (type: TicketType): string => (type === 'incident' ? 'an' : 'a');

/**
 * Each ticket with its links resolved against `known` (the ids of the repository's tickets) and the imported tickets'
 * own ids, and one correction per link that names no such ticket. The tickets are copies; `links` is dropped.
 */
export function resolveLinks(tickets: readonly ImportedTicket[], known: ReadonlyMap<string, TicketType>): { tickets: ImportedTicket[]; problems: ImportProblem[] } {
  const imported = new Map(tickets.map((t) => [t.id, t.type]));
  const typeOf = (id: string) => imported.get(id) ?? known.get(id);
  const exists = (id: string) => typeOf(id) !== undefined;
  const problems: ImportProblem[] = [];
  const out = tickets.map((ticket) => {
    if (ticket.links === undefined) return ticket;
    const { links, ...rest } = ticket;
    const resolved: ImportedTicket = { ...rest };
    const related = [...(ticket.related ?? [])];
    for (const link of links) {
      if (link.id === ticket.id) continue;
      if (exists(link.id)) {
        const other = typeOf(link.id)!;
        let field = link.field !== 'cause' ? link.field : other === 'change' ? 'causedBy' : other === 'problem' ? 'problem' : 'related';
        const expected = field === 'related' ? undefined : EXPECTED_TYPE[field];
        if (expected !== undefined && other !== expected) {
          // Written as it is, the link would fail ticket-reference-type and the ticket would be left out: it is kept
          // as a related ticket instead, and said.
          problems.push({
            line: ticket.lines.last,
            kind: 'missing-field',
            skipped: false,
            ticket: ticket.id,
            message: `${ticket.id}: ${link.column} ${JSON.stringify(link.id)} (${MEANING[link.field]}) is ${articleFor(other)} ${other}, not ${articleFor(expected)} ${expected}, so it is kept as a related ticket`,
          });
          field = 'related';
        }
        if (field === 'related') {
          if (!related.includes(link.id)) related.push(link.id);
        } else resolved[field] = link.id;
        continue;
      }
      const isTicketId = ID_RE.test(link.id);
      const why = isTicketId ? 'is no ticket of the repository or of this import' : 'cannot be a ticket id';
      const kept = link.annotation === undefined ? '' : `; kept as the annotation ${link.annotation}`;
      const next = isTicketId ? " (import that ticket's export, then this one again)" : '';
      problems.push({
        line: ticket.lines.last,
        kind: 'missing-field',
        skipped: false,
        ticket: ticket.id,
        message: `${ticket.id}: ${link.column} ${JSON.stringify(link.id)} (${MEANING[link.field]}) ${why}, so it is not linked${kept}${next}`,
      });
    }
    if (related.length > 0) resolved.related = related;
    return resolved;
  });
  return { tickets: out, problems };
}
