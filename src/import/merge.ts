import { API_VERSION } from '../model/envelope.js';
import { mergeTimeline, type EventValue, type TimelineLoss } from './timeline-merge.js';
import type { ImportedTicket } from './types.js';

/**
 * From an imported ticket to its Ticket document, and how a newer import updates a ticket already in the repository.
 * Pure.
 *
 * Update in place: the fields an import writes are the source's to decide, so they are replaced — type, service,
 * title, labels and annotations it sets, and consumer and related when the import has them — unless the import is
 * behind the repository (it ends before the repository's timeline does). The timeline and the opening (opened,
 * priority) are merged by timeline-merge.ts: the import replaces the span it covers and keeps the events before and
 * after it, and an update that would drop an event of the repository is refused (unless `replaceTimelines`); the group
 * and assignee at opening go with the opening when the source reads them (`assignmentFields`). The fields of a change
 * or a problem that the source gives (a change's type, risk, plans and outcome, its window, a root cause, a workaround,
 * the links it resolves) are replaced; a workaround keeps the earlier instant it was documented. Everything else is
 * kept: an outage, a maintenance window, an offering, approvals, a review or a link added by hand, metadata.name, and
 * labels and annotations the import does not set (the import's own keys are replaced, and removed when the export
 * has the column and no value: `clearedAnnotations`). An import never removes a ticket.
 */

export type DocumentValue = Record<string, unknown>;

/** The Ticket document of an imported ticket, with its fields in the order docs/format.md lists them. */
export function ticketDocumentOf(ticket: ImportedTicket): DocumentValue {
  const metadata: DocumentValue = { id: ticket.id };
  if (ticket.labels && Object.keys(ticket.labels).length > 0) metadata.labels = sortedRecord(ticket.labels);
  if (ticket.annotations && Object.keys(ticket.annotations).length > 0) metadata.annotations = sortedRecord(ticket.annotations);
  const spec: DocumentValue = { type: ticket.type, service: ticket.service };
  if (ticket.consumer !== undefined) spec.consumer = ticket.consumer;
  spec.priority = ticket.priority;
  spec.title = ticket.title;
  spec.opened = ticket.opened;
  if (ticket.group !== undefined) spec.group = ticket.group;
  if (ticket.assignee !== undefined) spec.assignee = ticket.assignee;
  if (ticket.timeline.length > 0) {
    spec.timeline = ticket.timeline.map((e) => {
      const event: DocumentValue = { at: e.at };
      if (e.status !== undefined) event.status = e.status;
      if (e.priority !== undefined) event.priority = e.priority;
      if (e.group !== undefined) event.group = e.group;
      if (e.assignee !== undefined) event.assignee = e.assignee;
      if (e.actor !== undefined) event.actor = e.actor;
      if (e.note !== undefined) event.note = e.note;
      return event;
    });
  }
  if (ticket.maintenance !== undefined) spec.maintenance = { ...ticket.maintenance };
  if (ticket.related && ticket.related.length > 0) spec.related = [...ticket.related];
  if (ticket.change !== undefined) spec.change = changeValue(ticket.change);
  if (ticket.causedBy !== undefined) spec.causedBy = ticket.causedBy;
  if (ticket.problem !== undefined) spec.problem = ticket.problem;
  if (ticket.rootCause !== undefined) spec.rootCause = ticket.rootCause;
  if (ticket.workaround !== undefined) spec.workaround = { description: ticket.workaround.description, documented: ticket.workaround.documented };
  if (ticket.fixedBy !== undefined) spec.fixedBy = ticket.fixedBy;
  return { apiVersion: API_VERSION, kind: 'Ticket', metadata, spec };
}

/** The order of spec fields in a written document (docs/format.md, "Ticket fields"); unknown fields go last. */
const SPEC_ORDER = [
  'type',
  'service',
  'consumer',
  'priority',
  'title',
  'opened',
  'group',
  'assignee',
  'timeline',
  'outage',
  'maintenance',
  'offering',
  'related',
  'change',
  'causedBy',
  'problem',
  'rootCause',
  'workaround',
  'fixedBy',
];
/** The order of a change block's fields (src/model/change.ts). */
const CHANGE_ORDER = ['type', 'risk', 'services', 'template', 'implementation', 'backout', 'approvals', 'outcome', 'review'];
const METADATA_ORDER = ['id', 'name', 'labels', 'annotations'];

export interface MergeOptions {
  /** Take the imported timeline and opening as they are, even when that drops events (--replace-timelines). */
  replaceTimelines?: boolean;
}

/** The updated document, or why the ticket keeps the version it has: its timeline would lose events. */
export type MergeResult = { document: DocumentValue } | { loss: TimelineLoss };

/** The existing document updated with the imported ticket (see the module comment). */
export function mergeTicket(existing: DocumentValue, ticket: ImportedTicket, options: MergeOptions = {}): MergeResult {
  const fresh = ticketDocumentOf(ticket);
  const oldMeta = asRecord(existing.metadata);
  const newMeta = asRecord(fresh.metadata);
  const oldSpec = asRecord(existing.spec);
  const newSpec = asRecord(fresh.spec);
  const timeline = mergeTimeline(
    { opened: String(oldSpec.opened), priority: String(oldSpec.priority), ...assignmentsOf(oldSpec), timeline: eventsOf(oldSpec.timeline) },
    {
      opened: ticket.opened,
      priority: ticket.priority,
      ...assignmentsOf(newSpec),
      timeline: eventsOf(newSpec.timeline),
      ...(ticket.since === undefined ? {} : { since: ticket.since }),
    },
    { replace: options.replaceTimelines === true, speaks: ticket.assignmentFields ?? [] },
  );
  if ('loss' in timeline) return timeline;

  const metadata: DocumentValue = { ...oldMeta, id: ticket.id };
  const spec: DocumentValue = { ...oldSpec };
  // An import that ends before the repository's timeline is older than what the repository knows (or lost its last
  // rows): what it says of the ticket as it is now would turn the ticket back (timeline-merge.ts, `behind`).
  if (!timeline.merged.behind) {
    const labels = { ...asRecord(oldMeta.labels), ...asRecord(newMeta.labels) };
    const annotations = { ...asRecord(oldMeta.annotations), ...asRecord(newMeta.annotations) };
    for (const key of ticket.clearedAnnotations ?? []) delete annotations[key];
    if (Object.keys(labels).length > 0) metadata.labels = sortedRecord(labels as Record<string, string>);
    else delete metadata.labels;
    if (Object.keys(annotations).length > 0) metadata.annotations = sortedRecord(annotations as Record<string, string>);
    else delete metadata.annotations;
    for (const key of ['type', 'service', 'title'] as const) spec[key] = newSpec[key];
    if (newSpec.consumer !== undefined) spec.consumer = newSpec.consumer;
    if (newSpec.related !== undefined) spec.related = newSpec.related;
    // The change and problem fields the source gives are its own; what it does not give (approvals, a review, a
    // template, a workaround or a link added by hand) is kept.
    for (const key of ['maintenance', 'causedBy', 'problem', 'rootCause', 'fixedBy'] as const) if (newSpec[key] !== undefined) spec[key] = newSpec[key];
    if (newSpec.change !== undefined) spec.change = ordered({ ...asRecord(oldSpec.change), ...asRecord(newSpec.change) }, CHANGE_ORDER);
    if (newSpec.workaround !== undefined) spec.workaround = mergedWorkaround(asRecord(oldSpec.workaround), asRecord(newSpec.workaround));
    // Fields of one practice only (docs/format.md, `ticket-type-field`): a change of type drops those it no longer allows.
    if (ticket.type !== 'incident') for (const key of ['outage', 'causedBy', 'problem'] as const) delete spec[key];
    if (ticket.type !== 'change') for (const key of ['maintenance', 'change'] as const) delete spec[key];
    if (ticket.type !== 'request') delete spec.offering;
    if (ticket.type !== 'problem') for (const key of ['rootCause', 'workaround', 'fixedBy'] as const) delete spec[key];
  }
  spec.opened = timeline.merged.opened;
  spec.priority = timeline.merged.priority;
  for (const key of ['group', 'assignee'] as const) {
    if (timeline.merged[key] !== undefined) spec[key] = timeline.merged[key];
    else delete spec[key];
  }
  if (timeline.merged.timeline.length > 0) spec.timeline = timeline.merged.timeline;
  else delete spec.timeline;
  return { document: { ...existing, apiVersion: API_VERSION, kind: 'Ticket', metadata: ordered(metadata, METADATA_ORDER), spec: ordered(spec, SPEC_ORDER) } };
}

/** A change block in its fields' order, without the fields it does not have. */
function changeValue(change: ImportedTicket['change'] & object): DocumentValue {
  return ordered({ ...change }, CHANGE_ORDER);
}

/**
 * The imported workaround over the repository's: its description, and the earlier of the two instants it was
 * documented. An export gives at best an upper bound (the problem's last update, docs/import.md): a later export
 * must not make a known error younger than the repository knows it to be.
 */
function mergedWorkaround(old: DocumentValue, fresh: DocumentValue): DocumentValue {
  const before = typeof old.documented === 'string' ? Date.parse(old.documented) : Number.NaN;
  const after = typeof fresh.documented === 'string' ? Date.parse(fresh.documented) : Number.NaN;
  return { description: fresh.description, documented: before < after ? old.documented : fresh.documented };
}

/** A spec's group and assignee at opening, when it has them. */
function assignmentsOf(spec: DocumentValue): { group?: string; assignee?: string } {
  const out: { group?: string; assignee?: string } = {};
  if (typeof spec.group === 'string') out.group = spec.group;
  if (typeof spec.assignee === 'string') out.assignee = spec.assignee;
  return out;
}

function eventsOf(value: unknown): EventValue[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

/** Whether two documents hold the same data, whatever the order of their keys. */
export function sameDocument(a: unknown, b: unknown): boolean {
  // Documents the importer wrote come back with their keys in its order: the plain comparison settles most cases.
  return JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function asRecord(value: unknown): DocumentValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as DocumentValue) : {};
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function ordered(record: DocumentValue, order: readonly string[]): DocumentValue {
  const out: DocumentValue = {};
  for (const key of order) if (record[key] !== undefined) out[key] = record[key];
  for (const [key, value] of Object.entries(record)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}
