import type { Diagnostic, RelatedLocation } from '../../diagnostics/diagnostic.js';
import type { SourceRef } from '../../model/repository.js';
import { didYouMean, diagnosticAt, rejectedKey, relatedAt, type Rule, type RuleContext } from '../context.js';
import type { RejectedDocument } from '../schema.js';

/** The kinds of document that other documents name by id. */
type ReferencedKind = 'Service' | 'SLA' | 'Calendar' | 'Consumer' | 'Group' | 'Ticket';

const WORD: Readonly<Record<ReferencedKind, string>> = {
  Service: 'service',
  SLA: 'SLA',
  Calendar: 'calendar',
  Consumer: 'consumer',
  Group: 'group',
  Ticket: 'ticket',
};

/** One place where a document names another by id. */
interface Reference {
  source: SourceRef;
  path: (string | number)[];
  kind: ReferencedKind;
  id: string;
}

/** One place where a document uses a status or a priority, which itsm.yaml defines (or the defaults). */
interface VocabularyReference {
  source: SourceRef;
  path: (string | number)[];
  kind: 'status' | 'priority';
  id: string;
}

/** Every id that a document names (offerings aside: they belong to a service), in document order. */
function* idReferences({ repository }: RuleContext): Generator<Reference> {
  for (const { source, doc } of repository.services) {
    const spec = doc.spec;
    if (spec.sla !== undefined) yield { source, path: ['spec', 'sla'], kind: 'SLA', id: spec.sla };
    for (const [i, id] of (spec.agreements ?? []).entries()) yield { source, path: ['spec', 'agreements', i], kind: 'SLA', id };
    if (spec.supportHours !== undefined) yield { source, path: ['spec', 'supportHours'], kind: 'Calendar', id: spec.supportHours };
    for (const [i, id] of (spec.dependsOn ?? []).entries()) yield { source, path: ['spec', 'dependsOn', i], kind: 'Service', id };
    for (const [i, share] of (spec.costShares ?? []).entries()) yield { source, path: ['spec', 'costShares', i, 'service'], kind: 'Service', id: share.service };
  }
  for (const { source, doc } of repository.slas) {
    if (doc.spec.calendar !== undefined) yield { source, path: ['spec', 'calendar'], kind: 'Calendar', id: doc.spec.calendar };
    if (doc.spec.group !== undefined) yield { source, path: ['spec', 'group'], kind: 'Group', id: doc.spec.group };
    for (const [i, version] of (doc.spec.versions ?? []).entries()) {
      if (version.calendar !== undefined) yield { source, path: ['spec', 'versions', i, 'calendar'], kind: 'Calendar', id: version.calendar };
    }
  }
  for (const { source, doc } of repository.consumers) {
    if (doc.spec.calendar !== undefined) yield { source, path: ['spec', 'calendar'], kind: 'Calendar', id: doc.spec.calendar };
    for (const [i, id] of (doc.spec.agreements ?? []).entries()) yield { source, path: ['spec', 'agreements', i], kind: 'SLA', id };
    for (const [i, sub] of (doc.spec.subscriptions ?? []).entries()) {
      yield { source, path: ['spec', 'subscriptions', i, 'service'], kind: 'Service', id: sub.service };
      for (const [j, id] of (sub.agreements ?? []).entries()) yield { source, path: ['spec', 'subscriptions', i, 'agreements', j], kind: 'SLA', id };
    }
  }
  for (const { source, doc } of repository.groups) {
    if (doc.spec.calendar !== undefined) yield { source, path: ['spec', 'calendar'], kind: 'Calendar', id: doc.spec.calendar };
    if (doc.spec.parent !== undefined) yield { source, path: ['spec', 'parent'], kind: 'Group', id: doc.spec.parent };
  }
  for (const { source, doc } of repository.usage) {
    yield { source, path: ['consumer'], kind: 'Consumer', id: doc.consumer };
    yield { source, path: ['service'], kind: 'Service', id: doc.service };
  }
  for (const { source, doc } of repository.tickets) {
    const spec = doc.spec;
    yield { source, path: ['spec', 'service'], kind: 'Service', id: spec.service };
    if (spec.consumer !== undefined) yield { source, path: ['spec', 'consumer'], kind: 'Consumer', id: spec.consumer };
    if (spec.group !== undefined) yield { source, path: ['spec', 'group'], kind: 'Group', id: spec.group };
    const timeline = spec.timeline ?? [];
    for (let i = 0; i < timeline.length; i++) {
      const group = timeline[i]!.group;
      if (group !== undefined) yield { source, path: ['spec', 'timeline', i, 'group'], kind: 'Group', id: group };
    }
    for (const [i, id] of (spec.related ?? []).entries()) yield { source, path: ['spec', 'related', i], kind: 'Ticket', id };
  }
}

/** Every status and priority that an SLA (its base terms and its versions) or a ticket uses, in document order. */
function* vocabularyReferences({ repository }: RuleContext): Generator<VocabularyReference> {
  for (const { source, doc } of repository.slas) {
    for (const [i, id] of (doc.spec.pauseOn ?? []).entries()) yield { source, path: ['spec', 'pauseOn', i], kind: 'status', id };
    for (const [i, t] of doc.spec.targets.entries()) yield { source, path: ['spec', 'targets', i, 'priority'], kind: 'priority', id: t.priority };
    for (const [v, version] of (doc.spec.versions ?? []).entries()) {
      for (const [i, id] of (version.pauseOn ?? []).entries()) yield { source, path: ['spec', 'versions', v, 'pauseOn', i], kind: 'status', id };
      for (const [i, t] of (version.targets ?? []).entries()) yield { source, path: ['spec', 'versions', v, 'targets', i, 'priority'], kind: 'priority', id: t.priority };
    }
  }
  for (const { source, doc } of repository.tickets) {
    yield { source, path: ['spec', 'priority'], kind: 'priority', id: doc.spec.priority };
    for (const [i, event] of (doc.spec.timeline ?? []).entries()) {
      if (event.status !== undefined) yield { source, path: ['spec', 'timeline', i, 'status'], kind: 'status', id: event.status };
      if (event.priority !== undefined) yield { source, path: ['spec', 'timeline', i, 'priority'], kind: 'priority', id: event.priority };
    }
  }
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
  }
}

function isDefined(context: RuleContext, ref: VocabularyReference): boolean {
  return ref.kind === 'status' ? context.statuses.has(ref.id) : context.priorities.has(ref.id);
}

/** The document that failed its schema and that `ref` names, when that is why the id is not found. */
function rejectedTarget(context: RuleContext, ref: Reference): RejectedDocument | undefined {
  return idsOf(context, ref.kind).has(ref.id) ? undefined : context.rejected.get(rejectedKey(ref.kind, ref.id));
}

/** Every id that a document names must exist: a broken reference would silently drop data from every report. */
export const unknownReferences: Rule = {
  id: 'unknown-reference',
  description: 'A document refers to a service, SLA, calendar, consumer, group, ticket or offering that does not exist.',
  check(context) {
    const diagnostics: Diagnostic[] = [];
    for (const ref of idReferences(context)) {
      const ids = idsOf(context, ref.kind);
      // A document that fails its schema exists: reference-to-invalid says so, once.
      if (ids.has(ref.id) || context.rejected.has(rejectedKey(ref.kind, ref.id))) continue;
      const hint = ref.kind === 'Ticket' ? undefined : didYouMean(ref.id, ids.keys());
      diagnostics.push(diagnosticAt(ref.source, ref.path, 'unknown-reference', 'error', `${WORD[ref.kind]} "${ref.id}" does not exist`, hint ? { hint } : {}));
    }
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
  description: 'A ticket or an SLA target (or a version\'s target) names a priority that itsm.yaml does not define.',
  check(context) {
    return unknownVocabulary(context, 'priority', [...context.priorities]);
  },
};

function unknownVocabulary(context: RuleContext, kind: VocabularyReference['kind'], known: string[]): Diagnostic[] {
  // When itsm.yaml fails its schema its statuses and priorities are unknown: reference-to-invalid says so, once.
  if (context.rejectedConfig) return [];
  const diagnostics: Diagnostic[] = [];
  const plural = kind === 'status' ? 'statuses' : 'priorities';
  for (const ref of vocabularyReferences(context)) {
    if (ref.kind !== kind || isDefined(context, ref)) continue;
    const hint = didYouMean(ref.id, known) ?? `known ${plural}: ${known.join(', ')}`;
    diagnostics.push(diagnosticAt(ref.source, ref.path, `unknown-${kind}`, 'error', `${kind} "${ref.id}" is not defined`, { hint }));
  }
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
    for (const ref of idReferences(context)) {
      const target = rejectedTarget(context, ref);
      if (target) add(target, ref.source, ref.path, `${WORD[ref.kind]} "${ref.id}"`);
    }
    if (context.rejectedConfig) {
      for (const ref of vocabularyReferences(context)) {
        if (!isDefined(context, ref)) add(context.rejectedConfig, ref.source, ref.path, `${ref.kind} "${ref.id}"`);
      }
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

export type { RuleContext };
