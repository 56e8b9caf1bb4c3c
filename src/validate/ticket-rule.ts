import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Entity } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import type { DefinitionsContext, FactsContext, Rule, RuleContext } from './context.js';
import type { RejectedDocument } from './schema.js';

export type { DefinitionsContext, FactsContext } from './context.js';

/** The tickets of one file, in document order, and those of its tickets that failed their schema. */
export interface TicketFile {
  file: string;
  tickets: readonly Entity<TicketDocument>[];
  rejected: readonly RejectedDocument[];
}

/**
 * A rule over tickets, in two steps: `facts` reads one file's tickets against the definitions and keeps what the rule
 * needs of them (its findings on one ticket, counts, ids and references: plain JSON data, so that the facts of an
 * unchanged file can be kept in the results cache and read back instead of the file); `check` gives the findings from
 * the facts of every ticket file, in the repository's order. A validation of the whole repository runs both steps, so
 * the findings are the same whichever way the facts came. `facts` must not depend on the day (`today` is for `check`).
 */
export interface TicketRule<F = unknown> {
  id: string;
  description: string;
  facts(context: FactsContext, file: TicketFile): F;
  /** `files` gives the tickets of the file whose facts are `facts[i]`, for a finding the facts cannot give (rare). */
  check(context: DefinitionsContext, facts: readonly F[], files: TicketFileAt): Diagnostic[];
}

/**
 * The tickets of the ticket file at index `i` of the facts. A run that keeps facts has not read every file: asked for
 * one it did not read, it throws TicketFileNotRead, and the caller reads the whole repository instead.
 */
export type TicketFileAt = (i: number) => TicketFile;

export class TicketFileNotRead extends Error {
  constructor(readonly index: number) {
    super(`the tickets of ticket file ${index} were not read`);
  }
}

/** For a check from facts alone (no ticket file read): every file asked for is one not read. */
export const NO_TICKET_FILES: TicketFileAt = (i) => {
  throw new TicketFileNotRead(i);
};

export type AnyRule = Rule | TicketRule;

export function isTicketRule(rule: AnyRule): rule is TicketRule {
  return 'facts' in rule;
}

/**
 * The definitions context of a repository's rule context: the same indexes, without its tickets and without the
 * tickets among the rejected documents.
 */
export function definitionsContext(context: RuleContext): DefinitionsContext {
  const { repository, rejected, ...rest } = context;
  const { tickets: _repositoryTickets, ...definitions } = repository;
  const rejectedDefinitions = new Map<string, RejectedDocument>();
  for (const [key, document] of rejected) if (document.kind !== 'Ticket') rejectedDefinitions.set(key, document);
  return { ...rest, repository: definitions, rejected: rejectedDefinitions };
}

/** The context of TicketRule.facts, which lacks the day. */
export function factsContext(context: DefinitionsContext): FactsContext {
  const { today: _today, ...rest } = context;
  return rest;
}

/**
 * The tickets of a repository grouped by file, each file where its first ticket (or failing ticket) appears; within a
 * file, the tickets in document order. validateDocuments puts the files in the loader's order.
 */
export function ticketFilesOf(tickets: readonly Entity<TicketDocument>[], rejected: readonly RejectedDocument[]): TicketFile[] {
  const byFile = new Map<string, { file: string; tickets: Entity<TicketDocument>[]; rejected: RejectedDocument[] }>();
  const fileOf = (file: string) => {
    let group = byFile.get(file);
    if (group === undefined) byFile.set(file, (group = { file, tickets: [], rejected: [] }));
    return group;
  };
  for (const ticket of tickets) fileOf(ticket.source.file).tickets.push(ticket);
  for (const document of rejected) if (document.kind === 'Ticket') fileOf(document.source.file).rejected.push(document);
  return [...byFile.values()];
}

/**
 * A rule whose findings on a ticket depend on that ticket and the definitions alone (not on the day): its facts about
 * a file are its findings there.
 */
export function perTicketRule(id: string, description: string, find: (context: FactsContext, file: TicketFile) => Diagnostic[]): TicketRule<Diagnostic[]> {
  return { id, description, facts: find, check: (_context, facts) => facts.flat() };
}
