import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { RawDocument } from '../load/parse-yaml.js';
import type { HolidayFileContent, Repository } from '../model/repository.js';
import { buildContext, type Surroundings } from './context.js';
import { definitionsContext, factsContext, isTicketRule, NO_TICKET_FILES, TicketFileNotRead, ticketFilesOf, type AnyRule, type DefinitionsContext, type TicketFile, type TicketFileAt, type TicketRule } from './ticket-rule.js';
import { ARTICLE_RULES } from './rules/articles.js';
import { calendarIntervals } from './rules/calendars.js';
import { configVocabulary } from './rules/config.js';
import { dateRange, implausibleDate } from './rules/dates.js';
import { consumerCalendarMissing } from './rules/consumer-calendars.js';
import { dependencyCycles } from './rules/dependency-cycles.js';
import { duplicateIds } from './rules/duplicate-ids.js';
import { ambiguousBusinessDays } from './rules/durations.js';
import { groupCycles, unknownAssignee } from './rules/groups.js';
import { IMPROVEMENT_RULES } from './rules/improvements.js';
import { pricing } from './rules/pricing.js';
import { CHARGEBACK_RULES } from './rules/chargeback.js';
import { referenceToInvalid, ticketReferenceType, unknownPriorities, unknownReferences, unknownStatuses } from './rules/references.js';
import { changeApproval, changeFreeze, changeReview, changeTemplate, changeWindowMissing } from './rules/changes.js';
import { changeConflict } from './rules/change-windows.js';
import { retiredServiceInUse, serviceWithoutOwner } from './rules/services.js';
import { backstageDependency, backstageLink } from './rules/backstage.js';
import { duplicateTargets, missingTargets } from './rules/slas.js';
import { subscriptionDates, ticketWithoutSubscription } from './rules/subscriptions.js';
import { intervalOrder, ticketTypeFields, timelineOrder } from './rules/tickets.js';
import { versionOrder, versionUnchanged } from './rules/versions.js';
import { checkSchemas, type RejectedDocument, type UsageCsvFile } from './schema.js';
import { append } from '../diagnostics/append.js';

/** The rules of the second phase, in the order they run. Each is documented in docs/rules.md. */
export const RULES: readonly AnyRule[] = [
  configVocabulary,
  duplicateIds,
  unknownReferences,
  unknownStatuses,
  unknownPriorities,
  referenceToInvalid,
  ticketReferenceType,
  dependencyCycles,
  groupCycles,
  calendarIntervals,
  ambiguousBusinessDays,
  duplicateTargets,
  versionOrder,
  timelineOrder,
  intervalOrder,
  ticketTypeFields,
  changeApproval,
  changeFreeze,
  changeConflict,
  changeReview,
  changeTemplate,
  dateRange,
  subscriptionDates,
  consumerCalendarMissing,
  pricing,
  ...CHARGEBACK_RULES,
  missingTargets,
  versionUnchanged,
  ticketWithoutSubscription,
  unknownAssignee,
  retiredServiceInUse,
  serviceWithoutOwner,
  implausibleDate,
  changeWindowMissing,
  ...ARTICLE_RULES,
  ...IMPROVEMENT_RULES,
  backstageLink,
  backstageDependency,
];

export interface ValidationResult {
  repository: Repository;
  diagnostics: Diagnostic[];
  /** The facts of each ticket file this run read (TICKET_RULES' facts, in that order), by file: what a cache keeps. */
  ticketFacts: Map<string, unknown[]>;
}

/** The rules over tickets, in RULES' order: a ticket file's facts are kept as one list, in this order. */
export const TICKET_RULES: readonly TicketRule[] = RULES.filter(isTicketRule);

/** How the rules over tickets are to see the tickets that are not among the documents given. */
export interface TicketFileOptions {
  /** Every file of the repository in the loader's order: the order the rules see ticket files in. */
  files?: readonly string[];
  /**
   * The facts of ticket files whose documents are not given (their tickets unchanged since the facts were kept), by
   * file, as ValidationResult.ticketFacts gave them.
   */
  kept?: ReadonlyMap<string, readonly unknown[]>;
}

/**
 * Validates parsed documents in two phases: the schema of each document, then the rules across documents, which only
 * see documents that passed the schema, and of those that failed only their kind and id (so that a reference to one
 * is reported once as a reference to an invalid document, not as one to nothing). `rejected` are the documents the
 * loader already found failing (LoadedFiles.rejected), `holidayFiles` the iCalendar files it read for calendars
 * (LoadedFiles.holidayFiles). `surroundings` are what the rules may know beyond the documents: the current time (for
 * dates that pass, such as an article's review date; without it those rules are skipped) and the Markdown files of the
 * repository (for the links of articles). Pure: no I/O; positions are resolved afterwards.
 */
export function validateDocuments(
  documents: readonly RawDocument[],
  usageCsv: readonly UsageCsvFile[] = [],
  rejected: readonly RejectedDocument[] = [],
  holidayFiles: ReadonlyMap<string, HolidayFileContent> = new Map(),
  surroundings: Surroundings = {},
  ticketFileOptions: TicketFileOptions = {},
): ValidationResult {
  const checked = checkSchemas(documents, usageCsv, rejected, holidayFiles);
  const { repository, diagnostics } = checked;
  const context = buildContext(repository, checked.rejected, surroundings);
  const definitions = definitionsContext(context);
  const forFacts = factsContext(definitions);
  const ticketFacts = new Map<string, unknown[]>();
  const read = new Map<string, TicketFile>();
  for (const file of ticketFilesOf(repository.tickets, checked.rejected)) {
    ticketFacts.set(file.file, TICKET_RULES.map((rule) => rule.facts(forFacts, file)));
    read.set(file.file, file);
  }
  const ordered = orderedFacts(ticketFacts, ticketFileOptions);
  const at: TicketFileAt = (i) => {
    const file = read.get(ordered[i]?.[0] ?? '');
    if (file === undefined) throw new TicketFileNotRead(i);
    return file;
  };
  append(
    diagnostics,
    checkRules(
      definitions,
      ordered.map(([, facts]) => facts),
      at,
    ),
  );
  return { repository, diagnostics: diagnostics.sort(compareDiagnostics), ticketFacts };
}

/**
 * Runs every rule on the definitions: the rules over tickets with `ticketFacts` too (each ticket file's facts, in the
 * repository's order). Unsorted.
 */
export function checkRules(definitions: DefinitionsContext, ticketFacts: readonly (readonly unknown[])[], files: TicketFileAt = NO_TICKET_FILES): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let r = 0;
  for (const rule of RULES) {
    if (!isTicketRule(rule)) {
      append(diagnostics, rule.check(definitions));
      continue;
    }
    const index = r++;
    append(diagnostics, rule.check(definitions, ticketFacts.map((facts) => facts[index]), files));
  }
  return diagnostics;
}

/** The facts of every ticket file, read and kept, by file, in the order of `files` (then any file it does not list). */
function orderedFacts(read: ReadonlyMap<string, readonly unknown[]>, { files = [], kept = new Map() }: TicketFileOptions): [string, readonly unknown[]][] {
  const all = new Map<string, readonly unknown[]>();
  for (const file of files) {
    const facts = read.get(file) ?? kept.get(file);
    if (facts !== undefined) all.set(file, facts);
  }
  for (const [file, facts] of read) if (!all.has(file)) all.set(file, facts);
  for (const [file, facts] of kept) if (!all.has(file)) all.set(file, facts);
  return [...all];
}

export { checkSchemas, CONFIG_FILE, type RejectedDocument } from './schema.js';
export type { Rule, RuleContext, Surroundings } from './context.js';
