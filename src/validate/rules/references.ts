import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import type { SourceRef } from '../../model/repository.js';
import type { TicketSpec } from '../../model/ticket.js';
import { didYouMean, diagnosticAt, rejectedKey, relatedAt, type Rule, type RuleContext } from '../context.js';
import type { RejectedDocument } from '../schema.js';

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

/** Every id that a document names (offerings aside: they belong to a service), in document order. */
function forEachIdReference({ repository }: RuleContext, visit: VisitReference<ReferencedKind>): void {
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
  // Tickets are nearly all of a repository: plain loops, no callback per list item.
  for (const { source, doc } of repository.tickets) {
    const spec = doc.spec;
    visit('Service', spec.service, source, TICKET_SERVICE, 0, 0);
    if (spec.consumer !== undefined) visit('Consumer', spec.consumer, source, TICKET_CONSUMER, 0, 0);
    if (spec.group !== undefined) visit('Group', spec.group, source, SPEC_GROUP, 0, 0);
    const timeline = spec.timeline;
    if (timeline !== undefined) {
      for (let i = 0; i < timeline.length; i++) {
        const group = timeline[i]!.group;
        if (group !== undefined) visit('Group', group, source, EVENT_GROUP, i, 0);
      }
    }
    const related = spec.related;
    if (related !== undefined) for (let i = 0; i < related.length; i++) visit('Ticket', related[i]!, source, TICKET_RELATED, i, 0);
    if (spec.causedBy !== undefined) visit('Ticket', spec.causedBy, source, TICKET_CAUSED_BY, 0, 0);
    if (spec.problem !== undefined) visit('Ticket', spec.problem, source, TICKET_PROBLEM, 0, 0);
    if (spec.fixedBy !== undefined) visit('Ticket', spec.fixedBy, source, TICKET_FIXED_BY, 0, 0);
    const change = spec.change;
    if (change !== undefined) {
      forEachIn(change.services, (id, i) => visit('Service', id, source, CHANGE_SERVICES, i, 0));
      if (change.template !== undefined) visit('ChangeTemplate', change.template, source, CHANGE_TEMPLATE, 0, 0);
      forEachIn(change.approvals, (approval, i) => {
        if (approval.group !== undefined) visit('Group', approval.group, source, CHANGE_APPROVAL_GROUP, i, 0);
      });
      if (change.review?.problem !== undefined) visit('Ticket', change.review.problem, source, CHANGE_REVIEW_PROBLEM, 0, 0);
    }
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

/** Every status and priority that an SLA (its base terms and its versions), a ticket or an improvement uses, in document order. */
function forEachVocabularyReference({ repository }: RuleContext, visit: VisitReference<VocabularyKind>): void {
  for (const { source, doc } of repository.slas) {
    forEachIn(doc.spec.pauseOn, (id, i) => visit('status', id, source, SLA_PAUSE_ON, i, 0));
    forEachIn(doc.spec.targets, (t, i) => visit('priority', t.priority, source, SLA_TARGET_PRIORITY, i, 0));
    forEachIn(doc.spec.versions, (version, v) => {
      forEachIn(version.pauseOn, (id, i) => visit('status', id, source, VERSION_PAUSE_ON, v, i));
      forEachIn(version.targets, (t, i) => visit('priority', t.priority, source, VERSION_TARGET_PRIORITY, v, i));
    });
  }
  for (const { source, doc } of repository.tickets) {
    visit('priority', doc.spec.priority, source, TICKET_PRIORITY, 0, 0);
    const timeline = doc.spec.timeline;
    if (timeline === undefined) continue;
    for (let i = 0; i < timeline.length; i++) {
      const event = timeline[i]!;
      if (event.status !== undefined) visit('status', event.status, source, EVENT_STATUS, i, 0);
      if (event.priority !== undefined) visit('priority', event.priority, source, EVENT_PRIORITY, i, 0);
    }
  }
  for (const { source, doc } of repository.improvements) {
    if (doc.spec.priority !== undefined) visit('priority', doc.spec.priority, source, IMPROVEMENT_PRIORITY, 0, 0);
  }
}

function forEachIn<T>(list: readonly T[] | undefined, visit: (item: T, index: number) => void): void {
  if (list !== undefined) for (let i = 0; i < list.length; i++) visit(list[i]!, i);
}

function idsOf(context: RuleContext, kind: ReferencedKind): ReadonlyMap<string, unknown> {
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
    case 'Ticket':
      return context.tickets;
    case 'ChangeTemplate':
      return context.changeTemplates;
  }
}

function isDefined(context: RuleContext, kind: VocabularyKind, id: string): boolean {
  return kind === 'status' ? context.statuses.has(id) : context.priorities.has(id);
}

/** Every id that a document names must exist: a broken reference would silently drop data from every report. */
export const unknownReferences: Rule = {
  id: 'unknown-reference',
  description: 'A document refers to a service, SLA, calendar, consumer, group, ticket, change template or offering that does not exist.',
  check(context) {
    const diagnostics: Diagnostic[] = [];
    forEachIdReference(context, (kind, id, source, at, i, j) => {
      const ids = idsOf(context, kind);
      // A document that fails its schema exists: reference-to-invalid says so, once.
      if (ids.has(id) || context.rejected.has(rejectedKey(kind, id))) return;
      const hint = kind === 'Ticket' ? undefined : didYouMean(id, ids.keys());
      diagnostics.push(diagnosticAt(source, pathOf(at, i, j), 'unknown-reference', 'error', `${WORD[kind]} "${id}" does not exist`, hint ? { hint } : {}));
    });
    for (const { source, doc } of context.repository.tickets) {
      const spec = doc.spec;
      const service = context.services.get(spec.service);
      if (spec.offering === undefined || !service) continue;
      const offerings = (service.doc.spec.offerings ?? []).map((o) => o.id);
      if (offerings.includes(spec.offering)) continue;
      const hint = didYouMean(spec.offering, offerings);
      const message = `offering "${spec.offering}" of service "${spec.service}" does not exist`;
      diagnostics.push(diagnosticAt(source, ['spec', 'offering'], 'unknown-reference', 'error', message, hint ? { hint } : {}));
    }
    return diagnostics;
  },
};

/** Statuses and priorities are the organisation's vocabulary (itsm.yaml or the defaults); anything else is a typo. */
export const unknownStatuses: Rule = {
  id: 'unknown-status',
  description: 'A ticket event or an SLA (or one of its versions) names a status that itsm.yaml does not define.',
  check(context) {
    return unknownVocabulary(context, 'status', [...context.statuses.keys()]);
  },
};

export const unknownPriorities: Rule = {
  id: 'unknown-priority',
  description: 'A ticket, an SLA target (or a version\'s target) or an improvement names a priority that itsm.yaml does not define.',
  check(context) {
    return unknownVocabulary(context, 'priority', [...context.priorities]);
  },
};

function unknownVocabulary(context: RuleContext, kind: VocabularyKind, known: string[]): Diagnostic[] {
  // When itsm.yaml fails its schema its statuses and priorities are unknown: reference-to-invalid says so, once.
  if (context.rejectedConfig) return [];
  const diagnostics: Diagnostic[] = [];
  const plural = kind === 'status' ? 'statuses' : 'priorities';
  forEachVocabularyReference(context, (used, id, source, at, i, j) => {
    if (used !== kind || isDefined(context, used, id)) return;
    const hint = didYouMean(id, known) ?? `known ${plural}: ${known.join(', ')}`;
    diagnostics.push(diagnosticAt(source, pathOf(at, i, j), `unknown-${kind}`, 'error', `${kind} "${id}" is not defined`, { hint }));
  });
  return diagnostics;
}

/** Other references listed under the first, so that a document referred to a thousand times gives a short note. */
const MORE_REFERENCES_SHOWN = 3;

/**
 * A document that fails its schema still exists: a reference to it is not "unknown", and ten references to it are
 * not ten problems. One warning per such document, at its first reference, says that it is invalid and where; its
 * schema errors are the problems to fix. When itsm.yaml itself fails, so do the statuses and priorities it defines.
 */
export const referenceToInvalid: Rule = {
  id: 'reference-to-invalid',
  description: 'A reference to a document that exists but fails its schema (or a status or priority when itsm.yaml fails its schema), reported once per document.',
  check(context) {
    const groups = new Map<RejectedDocument, Array<{ source: SourceRef; path: (string | number)[]; label: string }>>();
    const add = (target: RejectedDocument, source: SourceRef, path: (string | number)[], label: string) => {
      const list = groups.get(target) ?? [];
      list.push({ source, path, label });
      groups.set(target, list);
    };
    // Nothing failed its schema in a valid repository: then there is nothing to look for.
    if (context.rejected.size > 0) {
      forEachIdReference(context, (kind, id, source, at, i, j) => {
        if (idsOf(context, kind).has(id)) return;
        const target = context.rejected.get(rejectedKey(kind, id));
        if (target) add(target, source, pathOf(at, i, j), `${WORD[kind]} "${id}"`);
      });
    }
    const rejectedConfig = context.rejectedConfig;
    if (rejectedConfig) {
      forEachVocabularyReference(context, (kind, id, source, at, i, j) => {
        if (!isDefined(context, kind, id)) add(rejectedConfig, source, pathOf(at, i, j), `${kind} "${id}"`);
      });
    }
    const diagnostics: Diagnostic[] = [];
    for (const [target, refs] of groups) {
      const [first, ...others] = refs;
      if (!first) continue;
      const isConfig = target.kind === 'Config';
      const n = refs.length;
      const message = isConfig
        ? `${first.label} cannot be checked: itsm.yaml fails its schema, so only the default statuses and priorities are known` +
          (n > 1 ? ` (${n} uses of others)` : '')
        : `${first.label} exists but fails its schema, so ${n > 1 ? `its ${n} references cannot be checked` : 'this reference cannot be checked'}`;
      const related: RelatedLocation[] = [
        isConfig
          ? relatedAt(target.source, ['kind'], 'the Config, which fails its schema')
          : relatedAt(target.source, ['metadata', 'id'], `${first.label} is here and fails its schema`),
        ...others.slice(0, MORE_REFERENCES_SHOWN).map((r) => relatedAt(r.source, r.path, `also uses ${r.label}`)),
      ];
      const hidden = others.length - MORE_REFERENCES_SHOWN;
      const hint = `fix its schema errors; reported once, at the first use${hidden > 0 ? ` (${hidden} more not listed)` : ''}`;
      diagnostics.push(diagnosticAt(first.source, first.path, 'reference-to-invalid', 'warning', message, { hint, related }));
    }
    return diagnostics;
  },
};

/** The ticket fields that name a ticket of one type, with the type they need. */
const TYPED_TICKET_REFERENCES = [
  { path: TICKET_CAUSED_BY, on: 'incident', type: 'change', of: (spec: TicketSpec) => spec.causedBy },
  { path: TICKET_PROBLEM, on: 'incident', type: 'problem', of: (spec: TicketSpec) => spec.problem },
  { path: TICKET_FIXED_BY, on: 'problem', type: 'change', of: (spec: TicketSpec) => spec.fixedBy },
  { path: CHANGE_REVIEW_PROBLEM, on: 'change', type: 'problem', of: (spec: TicketSpec) => spec.change?.review?.problem },
] as const;

/**
 * The links between practices name tickets of one type: an incident is caused by a change and explained by a problem,
 * a problem is fixed by a change, a failed change's review opens a problem. A link to a ticket of another type would
 * count that ticket in the wrong report (the change failure rate, the incidents per problem). A ticket that does not
 * exist is unknown-reference's, and a field on a ticket of the wrong type ticket-type-field's.
 */
export const ticketReferenceType: Rule = {
  id: 'ticket-reference-type',
  description: 'A ticket field that names a change or a problem names a ticket of another type.',
  check({ repository, tickets }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.tickets) {
      const spec = doc.spec;
      if (spec.causedBy === undefined && spec.problem === undefined && spec.fixedBy === undefined && spec.change?.review?.problem === undefined) continue;
      for (const { path, on, type, of } of TYPED_TICKET_REFERENCES) {
        if (spec.type !== on) continue;
        const id = of(spec);
        const target = id === undefined ? undefined : tickets.get(id);
        if (target === undefined || target.doc.spec.type === type) continue;
        const field = path[path.length - 1] as string;
        diagnostics.push(
          diagnosticAt(source, [...path], 'ticket-reference-type', 'error', `"${field}" must name a ${type} ticket, but ticket "${id}" is ${article(target.doc.spec.type)} ${target.doc.spec.type}`, {
            related: [relatedAt(target.source, ['spec', 'type'], `ticket ${id} is ${article(target.doc.spec.type)} ${target.doc.spec.type}`)],
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

export type { RuleContext };
