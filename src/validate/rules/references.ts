import { append } from '../../diagnostics/append.js';
import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import type { Entity, SourceRef } from '../../model/repository.js';
import type { TicketDocument, TicketSpec } from '../../model/ticket.js';
import type { TicketType } from '../../model/ticket-type.js';
import { TICKET_TYPES } from '../../model/ticket-types.js';
import { didYouMean, diagnosticAt, rejectedKey, relatedAt } from '../context.js';
import type { DefinitionsContext, FactsContext, TicketFile, TicketRule } from '../ticket-rule.js';

/** The kinds of document that other documents name by id. */
type ReferencedKind = 'Service' | 'SLA' | 'Calendar' | 'Consumer' | 'Group' | 'Ticket' | 'ChangeTemplate';

const WORD: Readonly<Record<ReferencedKind, string>> = {
  Service: 'service',
  SLA: 'SLA',
  Calendar: 'calendar',
  Consumer: 'consumer',
  Group: 'group',
  Ticket: 'ticket',
  ChangeTemplate: 'change template',
};

/**
 * Where in its document a reference sits. `EACH` and `EACH_INNER` stand for the indexes of the list item (and of the
 * item of a list inside it) that the reference was found in: a year of tickets has millions of references and nearly
 * all of them are fine, so the path is built (by `pathOf`) only for one that is reported.
 */
type PathTemplate = readonly (string | number)[];
const EACH = -1;
const EACH_INNER = -2;

function pathOf(template: PathTemplate, i: number, j: number): (string | number)[] {
  return template.map((part) => (part === EACH ? i : part === EACH_INNER ? j : part));
}

/** Called with each place where a document names another by id; `i` and `j` fill the template's indexes. */
type VisitReference<K> = (kind: K, id: string, source: SourceRef, at: PathTemplate, i: number, j: number) => void;

const SERVICE_SLA = ['spec', 'sla'];
const SERVICE_AGREEMENTS = ['spec', 'agreements', EACH];
const SERVICE_HOURS = ['spec', 'supportHours'];
const SERVICE_DEPENDS_ON = ['spec', 'dependsOn', EACH];
const SERVICE_COST_SHARES = ['spec', 'costShares', EACH, 'service'];
const SPEC_CALENDAR = ['spec', 'calendar'];
const SPEC_GROUP = ['spec', 'group'];
const SPEC_PARENT = ['spec', 'parent'];
const SLA_VERSION_CALENDAR = ['spec', 'versions', EACH, 'calendar'];
const CONSUMER_AGREEMENTS = ['spec', 'agreements', EACH];
const SUBSCRIPTION_SERVICE = ['spec', 'subscriptions', EACH, 'service'];
const SUBSCRIPTION_AGREEMENTS = ['spec', 'subscriptions', EACH, 'agreements', EACH_INNER];
const USAGE_CONSUMER = ['consumer'];
const USAGE_SERVICE = ['service'];
const TICKET_SERVICE = ['spec', 'service'];
const TICKET_CONSUMER = ['spec', 'consumer'];
const EVENT_GROUP = ['spec', 'timeline', EACH, 'group'];
const TICKET_RELATED = ['spec', 'related', EACH];
const CHANGE_SERVICES = ['spec', 'change', 'services', EACH];
const CHANGE_TEMPLATE = ['spec', 'change', 'template'];
const CHANGE_APPROVAL_GROUP = ['spec', 'change', 'approvals', EACH, 'group'];
const CHANGE_REVIEW_PROBLEM = ['spec', 'change', 'review', 'problem'];
const TICKET_CAUSED_BY = ['spec', 'causedBy'];
const TICKET_PROBLEM = ['spec', 'problem'];
const TICKET_FIXED_BY = ['spec', 'fixedBy'];
const TEMPLATE_SERVICES = ['spec', 'services', EACH];
const POLICY_GROUP = ['spec', 'change', 'approvals', EACH, 'group'];
const FREEZE_SERVICES = ['spec', 'change', 'freezes', EACH, 'services', EACH_INNER];
const IMPROVEMENT_SERVICE = ['spec', 'service'];

type DefinitionKind = Exclude<ReferencedKind, 'Ticket'>;

/**
 * Every id that a definition names (offerings aside: they belong to a service), in document order. The tickets'
 * references come after these (forEachTicketIdReference), one ticket file at a time.
 */
function forEachDefinitionIdReference({ repository }: Pick<FactsContext, 'repository'>, visit: VisitReference<DefinitionKind>): void {
  const configSource = repository.configSource;
  if (configSource !== undefined) {
    const { approvals, freezes } = repository.config.change;
    for (let i = 0; i < approvals.length; i++) {
      const group = approvals[i]!.group;
      if (group !== undefined) visit('Group', group, configSource, POLICY_GROUP, i, 0);
    }
    for (let i = 0; i < freezes.length; i++) forEachIn(freezes[i]!.services, (id, j) => visit('Service', id, configSource, FREEZE_SERVICES, i, j));
  }
  for (const { source, doc } of repository.services) {
    const spec = doc.spec;
    if (spec.sla !== undefined) visit('SLA', spec.sla, source, SERVICE_SLA, 0, 0);
    forEachIn(spec.agreements, (id, i) => visit('SLA', id, source, SERVICE_AGREEMENTS, i, 0));
    if (spec.supportHours !== undefined) visit('Calendar', spec.supportHours, source, SERVICE_HOURS, 0, 0);
    forEachIn(spec.dependsOn, (id, i) => visit('Service', id, source, SERVICE_DEPENDS_ON, i, 0));
    forEachIn(spec.costShares, (share, i) => visit('Service', share.service, source, SERVICE_COST_SHARES, i, 0));
  }
  for (const { source, doc } of repository.slas) {
    if (doc.spec.calendar !== undefined) visit('Calendar', doc.spec.calendar, source, SPEC_CALENDAR, 0, 0);
    if (doc.spec.group !== undefined) visit('Group', doc.spec.group, source, SPEC_GROUP, 0, 0);
    forEachIn(doc.spec.versions, (version, i) => {
      if (version.calendar !== undefined) visit('Calendar', version.calendar, source, SLA_VERSION_CALENDAR, i, 0);
    });
  }
  for (const { source, doc } of repository.consumers) {
    if (doc.spec.calendar !== undefined) visit('Calendar', doc.spec.calendar, source, SPEC_CALENDAR, 0, 0);
    forEachIn(doc.spec.agreements, (id, i) => visit('SLA', id, source, CONSUMER_AGREEMENTS, i, 0));
    forEachIn(doc.spec.subscriptions, (sub, i) => {
      visit('Service', sub.service, source, SUBSCRIPTION_SERVICE, i, 0);
      forEachIn(sub.agreements, (id, j) => visit('SLA', id, source, SUBSCRIPTION_AGREEMENTS, i, j));
    });
  }
  for (const { source, doc } of repository.groups) {
    if (doc.spec.calendar !== undefined) visit('Calendar', doc.spec.calendar, source, SPEC_CALENDAR, 0, 0);
    if (doc.spec.parent !== undefined) visit('Group', doc.spec.parent, source, SPEC_PARENT, 0, 0);
  }
  for (const { source, doc } of repository.changeTemplates) {
    forEachIn(doc.spec.services, (id, i) => visit('Service', id, source, TEMPLATE_SERVICES, i, 0));
  }
  for (const { source, doc } of repository.improvements) {
    if (doc.spec.service !== undefined) visit('Service', doc.spec.service, source, IMPROVEMENT_SERVICE, 0, 0);
  }
  for (const { source, doc } of repository.usage) {
    visit('Consumer', doc.consumer, source, USAGE_CONSUMER, 0, 0);
    visit('Service', doc.service, source, USAGE_SERVICE, 0, 0);
  }
}

/** A place in a ticket where it names something: what kind of thing, and where the name sits. */
interface TicketSite<K> {
  kind: K;
  at: PathTemplate;
}

/**
 * The places in a ticket that name another document, numbered (a ticket file's facts keep a reference as a
 * TicketUse, which names its place by number); a ticket's references are visited in this order.
 */
const TICKET_ID_SITES: readonly TicketSite<ReferencedKind>[] = [
  { kind: 'Service', at: TICKET_SERVICE },
  { kind: 'Consumer', at: TICKET_CONSUMER },
  { kind: 'Group', at: SPEC_GROUP },
  { kind: 'Group', at: EVENT_GROUP },
  { kind: 'Ticket', at: TICKET_RELATED },
  { kind: 'Ticket', at: TICKET_CAUSED_BY },
  { kind: 'Ticket', at: TICKET_PROBLEM },
  { kind: 'Ticket', at: TICKET_FIXED_BY },
  { kind: 'Service', at: CHANGE_SERVICES },
  { kind: 'ChangeTemplate', at: CHANGE_TEMPLATE },
  { kind: 'Group', at: CHANGE_APPROVAL_GROUP },
  { kind: 'Ticket', at: CHANGE_REVIEW_PROBLEM },
];
const AT_SERVICE = 0;
const AT_CONSUMER = 1;
const AT_GROUP = 2;
const AT_EVENT_GROUP = 3;
const AT_RELATED = 4;
const AT_CAUSED_BY = 5;
const AT_PROBLEM = 6;
const AT_FIXED_BY = 7;
const AT_CHANGE_SERVICES = 8;
const AT_CHANGE_TEMPLATE = 9;
const AT_CHANGE_APPROVAL_GROUP = 10;
const AT_REVIEW_PROBLEM = 11;

/**
 * A reference of a ticket kept in a file's facts: the ticket's document index, the place (an index into the sites of
 * its walk), the list index that fills the place's template (no ticket place has an inner list) and the name.
 */
type TicketUse = [document: number, site: number, index: number, id: string];

/** Called with each place where a ticket names something; `i` fills the site's template. */
type VisitTicketReference = (site: number, id: string, ticket: Entity<TicketDocument>, i: number) => void;

/** Every id that the tickets of a file name (offerings aside), in document order. */
function forEachTicketIdReference(tickets: readonly Entity<TicketDocument>[], visit: VisitTicketReference): void {
  // Tickets are nearly all of a repository: plain loops, no callback per list item.
  for (const ticket of tickets) {
    const spec = ticket.doc.spec;
    visit(AT_SERVICE, spec.service, ticket, 0);
    if (spec.consumer !== undefined) visit(AT_CONSUMER, spec.consumer, ticket, 0);
    if (spec.group !== undefined) visit(AT_GROUP, spec.group, ticket, 0);
    const timeline = spec.timeline;
    if (timeline !== undefined) {
      for (let i = 0; i < timeline.length; i++) {
        const group = timeline[i]!.group;
        if (group !== undefined) visit(AT_EVENT_GROUP, group, ticket, i);
      }
    }
    const related = spec.related;
    if (related !== undefined) for (let i = 0; i < related.length; i++) visit(AT_RELATED, related[i]!, ticket, i);
    if (spec.causedBy !== undefined) visit(AT_CAUSED_BY, spec.causedBy, ticket, 0);
    if (spec.problem !== undefined) visit(AT_PROBLEM, spec.problem, ticket, 0);
    if (spec.fixedBy !== undefined) visit(AT_FIXED_BY, spec.fixedBy, ticket, 0);
    const change = spec.change;
    if (change !== undefined) {
      const services = change.services;
      if (services !== undefined) for (let i = 0; i < services.length; i++) visit(AT_CHANGE_SERVICES, services[i]!, ticket, i);
      if (change.template !== undefined) visit(AT_CHANGE_TEMPLATE, change.template, ticket, 0);
      const approvals = change.approvals;
      if (approvals !== undefined) {
        for (let i = 0; i < approvals.length; i++) {
          const group = approvals[i]!.group;
          if (group !== undefined) visit(AT_CHANGE_APPROVAL_GROUP, group, ticket, i);
        }
      }
      if (change.review?.problem !== undefined) visit(AT_REVIEW_PROBLEM, change.review.problem, ticket, 0);
    }
  }
}

/** forEachTicketIdReference restricted to the references to tickets, in the same order. */
function forEachTicketLink(tickets: readonly Entity<TicketDocument>[], visit: VisitTicketReference): void {
  for (const ticket of tickets) {
    const spec = ticket.doc.spec;
    const related = spec.related;
    if (related !== undefined) for (let i = 0; i < related.length; i++) visit(AT_RELATED, related[i]!, ticket, i);
    if (spec.causedBy !== undefined) visit(AT_CAUSED_BY, spec.causedBy, ticket, 0);
    if (spec.problem !== undefined) visit(AT_PROBLEM, spec.problem, ticket, 0);
    if (spec.fixedBy !== undefined) visit(AT_FIXED_BY, spec.fixedBy, ticket, 0);
    const problem = spec.change?.review?.problem;
    if (problem !== undefined) visit(AT_REVIEW_PROBLEM, problem, ticket, 0);
  }
}

const SLA_PAUSE_ON = ['spec', 'pauseOn', EACH];
const SLA_TARGET_PRIORITY = ['spec', 'targets', EACH, 'priority'];
const VERSION_PAUSE_ON = ['spec', 'versions', EACH, 'pauseOn', EACH_INNER];
const VERSION_TARGET_PRIORITY = ['spec', 'versions', EACH, 'targets', EACH_INNER, 'priority'];
const TICKET_PRIORITY = ['spec', 'priority'];
const IMPROVEMENT_PRIORITY = ['spec', 'priority'];
const EVENT_STATUS = ['spec', 'timeline', EACH, 'status'];
const EVENT_PRIORITY = ['spec', 'timeline', EACH, 'priority'];

type VocabularyKind = 'status' | 'priority';

/*
 * The statuses and priorities used are visited in this order: the SLAs' (their base terms and their versions), the
 * tickets' (one ticket file at a time), the improvements'.
 */

/** Every status and priority that an SLA (its base terms and its versions) uses, in document order. */
function forEachSlaVocabularyReference({ repository }: Pick<FactsContext, 'repository'>, visit: VisitReference<VocabularyKind>): void {
  for (const { source, doc } of repository.slas) {
    forEachIn(doc.spec.pauseOn, (id, i) => visit('status', id, source, SLA_PAUSE_ON, i, 0));
    forEachIn(doc.spec.targets, (t, i) => visit('priority', t.priority, source, SLA_TARGET_PRIORITY, i, 0));
    forEachIn(doc.spec.versions, (version, v) => {
      forEachIn(version.pauseOn, (id, i) => visit('status', id, source, VERSION_PAUSE_ON, v, i));
      forEachIn(version.targets, (t, i) => visit('priority', t.priority, source, VERSION_TARGET_PRIORITY, v, i));
    });
  }
}

/** The places in a ticket that name a status or a priority, numbered as TICKET_ID_SITES are. */
const TICKET_VOCABULARY_SITES: readonly TicketSite<VocabularyKind>[] = [
  { kind: 'priority', at: TICKET_PRIORITY },
  { kind: 'status', at: EVENT_STATUS },
  { kind: 'priority', at: EVENT_PRIORITY },
];
const AT_TICKET_PRIORITY = 0;
const AT_EVENT_STATUS = 1;
const AT_EVENT_PRIORITY = 2;

/** Every status and priority that the tickets of a file use, in document order. */
function forEachTicketVocabularyReference(tickets: readonly Entity<TicketDocument>[], visit: VisitTicketReference): void {
  for (const ticket of tickets) {
    const spec = ticket.doc.spec;
    visit(AT_TICKET_PRIORITY, spec.priority, ticket, 0);
    const timeline = spec.timeline;
    if (timeline === undefined) continue;
    for (let i = 0; i < timeline.length; i++) {
      const event = timeline[i]!;
      if (event.status !== undefined) visit(AT_EVENT_STATUS, event.status, ticket, i);
      if (event.priority !== undefined) visit(AT_EVENT_PRIORITY, event.priority, ticket, i);
    }
  }
}

/** Every priority that an improvement uses, in document order. */
function forEachImprovementVocabularyReference({ repository }: Pick<FactsContext, 'repository'>, visit: VisitReference<VocabularyKind>): void {
  for (const { source, doc } of repository.improvements) {
    if (doc.spec.priority !== undefined) visit('priority', doc.spec.priority, source, IMPROVEMENT_PRIORITY, 0, 0);
  }
}

function forEachIn<T>(list: readonly T[] | undefined, visit: (item: T, index: number) => void): void {
  if (list !== undefined) for (let i = 0; i < list.length; i++) visit(list[i]!, i);
}

/** The ids of the definitions of a kind (tickets are not definitions: their ids are in the facts of their files). */
function idsOf(context: FactsContext, kind: DefinitionKind): ReadonlyMap<string, unknown> {
  switch (kind) {
    case 'Service':
      return context.services;
    case 'SLA':
      return context.slas;
    case 'Calendar':
      return context.calendars;
    case 'Consumer':
      return context.consumers;
    case 'Group':
      return context.groups;
    case 'ChangeTemplate':
      return context.changeTemplates;
  }
}

function isDefined(context: FactsContext, kind: VocabularyKind, id: string): boolean {
  return kind === 'status' ? context.statuses.has(id) : context.priorities.has(id);
}

/**
 * The ids of a file's valid tickets, as a set made once for the rules that look links up within the file first
 * (unknown-reference and reference-to-invalid, which both read every file): made twice, it would cost a cold run as
 * much again as their walks.
 */
const validIdsOfFile = new WeakMap<readonly Entity<TicketDocument>[], ReadonlySet<string>>();

function validIdsOf(tickets: readonly Entity<TicketDocument>[]): ReadonlySet<string> {
  let ids = validIdsOfFile.get(tickets);
  if (ids === undefined) {
    const made = new Set<string>();
    for (const ticket of tickets) made.add(ticket.doc.metadata.id);
    validIdsOfFile.set(tickets, (ids = made));
  }
  return ids;
}

/** Where a ticket of a file's facts is: tickets come from YAML documents, so their file and index say it all. */
function ticketSource(file: string, document: number): SourceRef {
  return { file, document };
}

/** What unknown-reference keeps of a ticket file. */
export interface UnknownReferenceFacts {
  file: string;
  /** Its findings on the tickets' references to other kinds (whose ids the definitions hold) and on their offerings. */
  diagnostics: Diagnostic[];
  /** The ids of its tickets, valid or not: what a reference from any file may name. */
  ids: string[];
  /** The references of its tickets to tickets that it does not hold, to look up among the other files' ids. */
  links: TicketUse[];
}

/** Every id that a document names must exist: a broken reference would silently drop data from every report. */
export const unknownReferences: TicketRule<UnknownReferenceFacts> = {
  id: 'unknown-reference',
  description: 'A document refers to a service, SLA, calendar, consumer, group, ticket, change template or offering that does not exist.',
  facts(context, { file, tickets, rejected }) {
    const diagnostics: Diagnostic[] = [];
    const ids: string[] = [];
    for (const ticket of tickets) ids.push(ticket.doc.metadata.id);
    // A ticket that fails its schema exists: reference-to-invalid says so, once.
    for (const document of rejected) if (document.id !== undefined) ids.push(document.id);
    let valid: ReadonlySet<string> | undefined;
    let failing: ReadonlySet<string> | undefined;
    const links: TicketUse[] = [];
    forEachTicketIdReference(tickets, (site, id, ticket, i) => {
      const { kind, at } = TICKET_ID_SITES[site]!;
      if (kind === 'Ticket') {
        if ((valid ??= validIdsOf(tickets)).has(id)) return;
        // After the valid tickets' ids come those of the tickets that fail their schema.
        if (!(failing ??= new Set(ids.slice(tickets.length))).has(id)) links.push([ticket.source.document, site, i, id]);
        return;
      }
      const known = idsOf(context, kind);
      // A document that fails its schema exists: reference-to-invalid says so, once.
      if (known.has(id) || context.rejected.has(rejectedKey(kind, id))) return;
      diagnostics.push(unknownReference(ticket.source, pathOf(at, i, 0), kind, id, known));
    });
    for (const { source, doc } of tickets) {
      const spec = doc.spec;
      const service = context.services.get(spec.service);
      if (spec.offering === undefined || !service) continue;
      const offerings = (service.doc.spec.offerings ?? []).map((o) => o.id);
      if (offerings.includes(spec.offering)) continue;
      const hint = didYouMean(spec.offering, offerings);
      const message = `offering "${spec.offering}" of service "${spec.service}" does not exist`;
      diagnostics.push(diagnosticAt(source, ['spec', 'offering'], 'unknown-reference', 'error', message, hint ? { hint } : {}));
    }
    return { file, diagnostics, ids, links };
  },
  check(context, facts) {
    const diagnostics: Diagnostic[] = [];
    forEachDefinitionIdReference(context, (kind, id, source, at, i, j) => {
      const known = idsOf(context, kind);
      // A document that fails its schema exists: reference-to-invalid says so, once.
      if (known.has(id) || context.rejected.has(rejectedKey(kind, id))) return;
      diagnostics.push(unknownReference(source, pathOf(at, i, j), kind, id, known));
    });
    // The tickets named across files: nearly all exist, so the few names are looked up, not every id kept in a set.
    const missing = new Set<string>();
    for (const { links } of facts) for (const link of links) missing.add(link[3]);
    for (const { ids } of facts) {
      if (missing.size === 0) break;
      for (const id of ids) missing.delete(id);
    }
    for (const { file, diagnostics: found, links } of facts) {
      append(diagnostics, found);
      for (const [document, site, i, id] of links) {
        if (missing.has(id)) diagnostics.push(unknownReference(ticketSource(file, document), pathOf(TICKET_ID_SITES[site]!.at, i, 0), 'Ticket', id, undefined));
      }
    }
    return diagnostics;
  },
};

/** "<kind> does not exist", with the closest of `known` as a hint (tickets get none: their ids are not words). */
function unknownReference(source: SourceRef, path: (string | number)[], kind: ReferencedKind, id: string, known: ReadonlyMap<string, unknown> | undefined): Diagnostic {
  const hint = known === undefined ? undefined : didYouMean(id, known.keys());
  return diagnosticAt(source, path, 'unknown-reference', 'error', `${WORD[kind]} "${id}" does not exist`, hint ? { hint } : {});
}

/** Statuses and priorities are the organisation's vocabulary (itsm.yaml or the defaults); anything else is a typo. */
export const unknownStatuses: TicketRule<Diagnostic[]> = {
  id: 'unknown-status',
  description: 'A ticket event or an SLA (or one of its versions) names a status that itsm.yaml does not define.',
  facts(context, file) {
    return unknownVocabularyOfTickets(context, file, 'status');
  },
  check(context, facts) {
    return unknownVocabulary(context, facts, 'status');
  },
};

export const unknownPriorities: TicketRule<Diagnostic[]> = {
  id: 'unknown-priority',
  description: 'A ticket, an SLA target (or a version\'s target) or an improvement names a priority that itsm.yaml does not define.',
  facts(context, file) {
    return unknownVocabularyOfTickets(context, file, 'priority');
  },
  check(context, facts) {
    return unknownVocabulary(context, facts, 'priority');
  },
};

function knownVocabulary(context: FactsContext, kind: VocabularyKind): string[] {
  return kind === 'status' ? [...context.statuses.keys()] : [...context.priorities];
}

function unknownVocabularyDiagnostic(source: SourceRef, path: (string | number)[], kind: VocabularyKind, id: string, known: string[]): Diagnostic {
  const hint = didYouMean(id, known) ?? `known ${kind === 'status' ? 'statuses' : 'priorities'}: ${known.join(', ')}`;
  return diagnosticAt(source, path, `unknown-${kind}`, 'error', `${kind} "${id}" is not defined`, { hint });
}

/** The facts of unknown-status and unknown-priority: their findings on a file's tickets. */
function unknownVocabularyOfTickets(context: FactsContext, { tickets }: TicketFile, kind: VocabularyKind): Diagnostic[] {
  // When itsm.yaml fails its schema its statuses and priorities are unknown: reference-to-invalid says so, once.
  if (context.rejectedConfig) return [];
  const diagnostics: Diagnostic[] = [];
  const known = knownVocabulary(context, kind);
  forEachTicketVocabularyReference(tickets, (site, id, ticket, i) => {
    const { kind: used, at } = TICKET_VOCABULARY_SITES[site]!;
    if (used !== kind || isDefined(context, used, id)) return;
    diagnostics.push(unknownVocabularyDiagnostic(ticket.source, pathOf(at, i, 0), kind, id, known));
  });
  return diagnostics;
}

function unknownVocabulary(context: DefinitionsContext, facts: readonly Diagnostic[][], kind: VocabularyKind): Diagnostic[] {
  if (context.rejectedConfig) return [];
  const diagnostics: Diagnostic[] = [];
  const known = knownVocabulary(context, kind);
  const visit: VisitReference<VocabularyKind> = (used, id, source, at, i, j) => {
    if (used !== kind || isDefined(context, used, id)) return;
    diagnostics.push(unknownVocabularyDiagnostic(source, pathOf(at, i, j), kind, id, known));
  };
  forEachSlaVocabularyReference(context, visit);
  for (const found of facts) append(diagnostics, found);
  forEachImprovementVocabularyReference(context, visit);
  return diagnostics;
}

/** Other references listed under the first, so that a document referred to a thousand times gives a short note. */
const MORE_REFERENCES_SHOWN = 3;

/** What reference-to-invalid keeps of a ticket file. */
export interface ReferenceToInvalidFacts {
  file: string;
  /** The ids of its valid tickets: a reference to an id that a valid ticket has names that ticket, whatever else fails. */
  ids: string[];
  /** Its tickets that fail their schema, as [id, document]: what references from any file may name. */
  rejected: [id: string, document: number][];
  /**
   * In order, its tickets' references to documents of other kinds that fail their schema, and to tickets that it does
   * not hold (which only the other files' facts tell valid, failing or unknown).
   */
  uses: TicketUse[];
  /** When itsm.yaml fails its schema: its tickets' uses of statuses and priorities that the defaults lack, in order. */
  vocabulary: TicketUse[];
}

/**
 * A document that fails its schema still exists: a reference to it is not "unknown", and ten references to it are
 * not ten problems. One warning per such document, at its first reference, says that it is invalid and where; its
 * schema errors are the problems to fix. When itsm.yaml itself fails, so do the statuses and priorities it defines.
 */
export const referenceToInvalid: TicketRule<ReferenceToInvalidFacts> = {
  id: 'reference-to-invalid',
  description: 'A reference to a document that exists but fails its schema (or a status or priority when itsm.yaml fails its schema), reported once per document.',
  facts(context, { file, tickets, rejected }) {
    const ids: string[] = [];
    for (const ticket of tickets) ids.push(ticket.doc.metadata.id);
    const rejectedTickets: [string, number][] = [];
    for (const document of rejected) if (document.id !== undefined) rejectedTickets.push([document.id, document.source.document]);
    const uses: TicketUse[] = [];
    let valid: ReadonlySet<string> | undefined;
    const link: VisitTicketReference = (site, id, ticket, i) => {
      if (!(valid ??= validIdsOf(tickets)).has(id)) uses.push([ticket.source.document, site, i, id]);
    };
    // When no definition failed its schema, only a ticket (of any file) can have: then only links to tickets matter.
    if (context.rejected.size === 0) forEachTicketLink(tickets, link);
    else {
      forEachTicketIdReference(tickets, (site, id, ticket, i) => {
        const { kind } = TICKET_ID_SITES[site]!;
        if (kind === 'Ticket') link(site, id, ticket, i);
        else if (!idsOf(context, kind).has(id) && context.rejected.has(rejectedKey(kind, id))) uses.push([ticket.source.document, site, i, id]);
      });
    }
    const vocabulary: TicketUse[] = [];
    if (context.rejectedConfig) {
      forEachTicketVocabularyReference(tickets, (site, id, ticket, i) => {
        if (!isDefined(context, TICKET_VOCABULARY_SITES[site]!.kind, id)) vocabulary.push([ticket.source.document, site, i, id]);
      });
    }
    return { file, ids, rejected: rejectedTickets, uses, vocabulary };
  },
  check(context, facts) {
    // The first ticket under each id that fails its schema, in the repository's order: what a reference names.
    const rejectedTickets = new Map<string, SourceRef>();
    for (const { file, rejected } of facts) {
      for (const [id, document] of rejected) if (!rejectedTickets.has(id)) rejectedTickets.set(id, ticketSource(file, document));
    }
    const rejectedConfig = context.rejectedConfig;
    // Nothing failed its schema in a valid repository: then there is nothing to look for.
    if (context.rejected.size === 0 && rejectedTickets.size === 0 && !rejectedConfig) return [];
    interface Uses {
      target: SourceRef;
      isConfig: boolean;
      refs: Array<{ source: SourceRef; path: (string | number)[]; label: string }>;
    }
    // By the key of the document used (rejectedKey; the Config's cannot be one), in the order of their first use.
    const groups = new Map<string, Uses>();
    const add = (key: string, target: SourceRef, isConfig: boolean, source: SourceRef, path: (string | number)[], label: string) => {
      let group = groups.get(key);
      if (group === undefined) groups.set(key, (group = { target, isConfig, refs: [] }));
      group.refs.push({ source, path, label });
    };
    if (context.rejected.size > 0 || rejectedTickets.size > 0) {
      // Definitions name no ticket.
      if (context.rejected.size > 0) {
        forEachDefinitionIdReference(context, (kind, id, source, at, i, j) => {
          if (idsOf(context, kind).has(id)) return;
          const key = rejectedKey(kind, id);
          const target = context.rejected.get(key);
          if (target) add(key, target.source, false, source, pathOf(at, i, j), `${WORD[kind]} "${id}"`);
        });
      }
      const failing = failingTicketsNamed(facts, rejectedTickets);
      for (const { file, uses } of facts) {
        for (const [document, site, i, id] of uses) {
          const { kind, at } = TICKET_ID_SITES[site]!;
          let target: SourceRef | undefined;
          if (kind === 'Ticket') target = failing.has(id) ? rejectedTickets.get(id) : undefined;
          else if (!idsOf(context, kind).has(id)) target = context.rejected.get(rejectedKey(kind, id))?.source;
          if (target) add(rejectedKey(kind, id), target, false, ticketSource(file, document), pathOf(at, i, 0), `${WORD[kind]} "${id}"`);
        }
      }
    }
    if (rejectedConfig) {
      const key = 'Config';
      forEachSlaVocabularyReference(context, (kind, id, source, at, i, j) => {
        if (!isDefined(context, kind, id)) add(key, rejectedConfig.source, true, source, pathOf(at, i, j), `${kind} "${id}"`);
      });
      for (const { file, vocabulary } of facts) {
        for (const [document, site, i, id] of vocabulary) {
          const { kind, at } = TICKET_VOCABULARY_SITES[site]!;
          add(key, rejectedConfig.source, true, ticketSource(file, document), pathOf(at, i, 0), `${kind} "${id}"`);
        }
      }
      forEachImprovementVocabularyReference(context, (kind, id, source, at, i, j) => {
        if (!isDefined(context, kind, id)) add(key, rejectedConfig.source, true, source, pathOf(at, i, j), `${kind} "${id}"`);
      });
    }
    const diagnostics: Diagnostic[] = [];
    for (const { target, isConfig, refs } of groups.values()) {
      const [first, ...others] = refs;
      if (!first) continue;
      const n = refs.length;
      const message = isConfig
        ? `${first.label} cannot be checked: itsm.yaml fails its schema, so only the default statuses and priorities are known` +
          (n > 1 ? ` (${n} uses of others)` : '')
        : `${first.label} exists but fails its schema, so ${n > 1 ? `its ${n} references cannot be checked` : 'this reference cannot be checked'}`;
      const related: RelatedLocation[] = [
        isConfig
          ? relatedAt(target, ['kind'], 'the Config, which fails its schema')
          : relatedAt(target, ['metadata', 'id'], `${first.label} is here and fails its schema`),
        ...others.slice(0, MORE_REFERENCES_SHOWN).map((r) => relatedAt(r.source, r.path, `also uses ${r.label}`)),
      ];
      const hidden = others.length - MORE_REFERENCES_SHOWN;
      const hint = `fix its schema errors; reported once, at the first use${hidden > 0 ? ` (${hidden} more not listed)` : ''}`;
      diagnostics.push(diagnosticAt(first.source, first.path, 'reference-to-invalid', 'warning', message, { hint, related }));
    }
    return diagnostics;
  },
};

/** The ids of tickets that fail their schema, that the tickets name, and that no valid ticket has. */
function failingTicketsNamed(facts: readonly ReferenceToInvalidFacts[], rejectedTickets: ReadonlyMap<string, unknown>): Set<string> {
  const failing = new Set<string>();
  if (rejectedTickets.size === 0) return failing;
  for (const { uses } of facts) {
    for (const [, site, , id] of uses) if (TICKET_ID_SITES[site]!.kind === 'Ticket' && rejectedTickets.has(id)) failing.add(id);
  }
  for (const { ids } of facts) {
    if (failing.size === 0) break;
    for (const id of ids) failing.delete(id);
  }
  return failing;
}

/** The ticket fields that name a ticket of one type, with the type they need. */
const TYPED_TICKET_REFERENCES = [
  { path: TICKET_CAUSED_BY, on: 'incident', type: 'change', of: (spec: TicketSpec) => spec.causedBy },
  { path: TICKET_PROBLEM, on: 'incident', type: 'problem', of: (spec: TicketSpec) => spec.problem },
  { path: TICKET_FIXED_BY, on: 'problem', type: 'change', of: (spec: TicketSpec) => spec.fixedBy },
  { path: CHANGE_REVIEW_PROBLEM, on: 'change', type: 'problem', of: (spec: TicketSpec) => spec.change?.review?.problem },
] as const;

/** What ticket-reference-type keeps of a ticket file. */
export interface TicketReferenceTypeFacts {
  file: string;
  /** The ids of its valid tickets, in document order: what a link from any file may name. */
  ids: string[];
  /** Their types, as indexes into TICKET_TYPES (a digit each, where the names would double the facts). */
  types: number[];
  /** Their document indexes, unless they are 0, 1, 2... (a file of valid tickets only). */
  documents?: number[];
  /** Its tickets' links that must name a ticket of one type: [document, index into TYPED_TICKET_REFERENCES, id]. */
  links: [document: number, field: number, id: string][];
}

/**
 * The links between practices name tickets of one type: an incident is caused by a change and explained by a problem,
 * a problem is fixed by a change, a failed change's review opens a problem. A link to a ticket of another type would
 * count that ticket in the wrong report (the change failure rate, the incidents per problem). A ticket that does not
 * exist is unknown-reference's, and a field on a ticket of the wrong type ticket-type-field's.
 */
export const ticketReferenceType: TicketRule<TicketReferenceTypeFacts> = {
  id: 'ticket-reference-type',
  description: 'A ticket field that names a change or a problem names a ticket of another type.',
  facts(_context, { file, tickets }) {
    const ids: string[] = [];
    const types: number[] = [];
    const documents: number[] = [];
    let ordinal = true;
    const links: TicketReferenceTypeFacts['links'] = [];
    for (let t = 0; t < tickets.length; t++) {
      const { source, doc } = tickets[t]!;
      const spec = doc.spec;
      ids.push(doc.metadata.id);
      types.push(TICKET_TYPES.indexOf(spec.type));
      documents.push(source.document);
      if (source.document !== t) ordinal = false;
      if (spec.causedBy === undefined && spec.problem === undefined && spec.fixedBy === undefined && spec.change?.review?.problem === undefined) continue;
      for (let field = 0; field < TYPED_TICKET_REFERENCES.length; field++) {
        const { on, of } = TYPED_TICKET_REFERENCES[field]!;
        if (spec.type !== on) continue;
        const id = of(spec);
        if (id !== undefined) links.push([source.document, field, id]);
      }
    }
    return ordinal ? { file, ids, types, links } : { file, ids, types, documents, links };
  },
  check(_context, facts) {
    // The first valid ticket of each id that a link names, in the repository's order.
    const wanted = new Set<string>();
    for (const { links } of facts) for (const link of links) wanted.add(link[2]);
    if (wanted.size === 0) return [];
    const targets = new Map<string, { type: TicketType; source: SourceRef }>();
    for (const { file, ids, types, documents } of facts) {
      if (wanted.size === 0) break;
      for (let t = 0; t < ids.length; t++) {
        const type = TICKET_TYPES[types[t]!];
        if (type !== undefined && wanted.delete(ids[t]!)) targets.set(ids[t]!, { type, source: ticketSource(file, documents?.[t] ?? t) });
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const { file, links } of facts) {
      for (const [document, field, id] of links) {
        const { path, type } = TYPED_TICKET_REFERENCES[field]!;
        const target = targets.get(id);
        if (target === undefined || target.type === type) continue;
        const name = path[path.length - 1] as string;
        diagnostics.push(
          diagnosticAt(ticketSource(file, document), [...path], 'ticket-reference-type', 'error', `"${name}" must name a ${type} ticket, but ticket "${id}" is ${article(target.type)} ${target.type}`, {
            related: [relatedAt(target.source, ['spec', 'type'], `ticket ${id} is ${article(target.type)} ${target.type}`)],
          }),
        );
      }
    }
    return diagnostics;
  },
};

/** "a" or "an" before a ticket type ("an incident"). */
export function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

export type { RuleContext } from '../context.js';
