import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { RawDocument } from '../load/parse-yaml.js';
import type { Repository } from '../model/repository.js';
import { buildContext, type Rule } from './context.js';
import { calendarIntervals } from './rules/calendars.js';
import { configVocabulary } from './rules/config.js';
import { dateRange, implausibleDate } from './rules/dates.js';
import { dependencyCycles } from './rules/dependency-cycles.js';
import { duplicateIds } from './rules/duplicate-ids.js';
import { ambiguousBusinessDays } from './rules/durations.js';
import { pricing } from './rules/pricing.js';
import { CHARGEBACK_RULES } from './rules/chargeback.js';
import { unknownPriorities, unknownReferences, unknownStatuses } from './rules/references.js';
import { retiredServiceInUse, serviceWithoutOwner } from './rules/services.js';
import { duplicateTargets, missingTargets } from './rules/slas.js';
import { subscriptionDates } from './rules/subscriptions.js';
import { intervalOrder, ticketTypeFields, timelineOrder } from './rules/tickets.js';
import { checkSchemas, type UsageCsvFile } from './schema.js';
import { append } from '../diagnostics/append.js';

/** The rules of the second phase, in the order they run. Each is documented in docs/rules.md. */
export const RULES: readonly Rule[] = [
  configVocabulary,
  duplicateIds,
  unknownReferences,
  unknownStatuses,
  unknownPriorities,
  dependencyCycles,
  calendarIntervals,
  ambiguousBusinessDays,
  duplicateTargets,
  timelineOrder,
  intervalOrder,
  ticketTypeFields,
  dateRange,
  subscriptionDates,
  pricing,
  ...CHARGEBACK_RULES,
  missingTargets,
  retiredServiceInUse,
  serviceWithoutOwner,
  implausibleDate,
];

export interface ValidationResult {
  repository: Repository;
  diagnostics: Diagnostic[];
}

/**
 * Validates parsed documents in two phases: the schema of each document, then the rules across documents, which only
 * see documents that passed the schema. Pure: no I/O; positions are resolved afterwards from the source text.
 */
export function validateDocuments(documents: readonly RawDocument[], usageCsv: readonly UsageCsvFile[] = []): ValidationResult {
  const { repository, diagnostics } = checkSchemas(documents, usageCsv);
  const context = buildContext(repository);
  for (const rule of RULES) append(diagnostics, rule.check(context));
  return { repository, diagnostics: diagnostics.sort(compareDiagnostics) };
}

export { checkSchemas, CONFIG_FILE } from './schema.js';
export type { Rule, RuleContext } from './context.js';
