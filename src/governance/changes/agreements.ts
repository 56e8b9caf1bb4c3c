import { BUILTIN_24X7_ID } from '../../model/calendar.js';
import type { Objective, SlaDocument, SlaTarget, SlaVersion } from '../../model/sla.js';
import { DEFAULT_WARNING_THRESHOLD } from '../../sla/agreements.js';
import type { ChangeDetail, VersionRef } from '../changes.js';
import type { KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { removedDetails } from './refs.js';
import { emptyVersionWords, versionedChanges, withVersion, type Layer, type Versioned } from './versions.js';
import { ARROW, count, listChanges, percentText, sameData, sameDuration, scalarChange, textChange, valueChange, yesNo } from './words.js';

/**
 * Agreements (SLAs, OLAs, SLOs): their terms and targets with the dated version each change is in (docs/sla.md,
 * "Agreements that change"), and the fields without versions (type, parties, `from`, group).
 */

type Spec = SlaDocument['spec'];
type Availability = NonNullable<Spec['availability']>;
type Credit = NonNullable<Spec['credits']>[number];
type Metric = 'response' | 'resolution';

/** One versioned term: a target's objective for one metric, or a whole term a version replaces. */
type Term = { target: Objective } | { term: unknown };

const TERM_NAMES = ['calendar', 'calendarSource', 'pauseOn', 'reopen', 'warningThreshold', 'availability', 'credits'] as const;
type TermName = (typeof TERM_NAMES)[number];

/** The terms a layer (the undated spec or a version) names, targets keyed "incident.P2.resolution". */
function layerOf(terms: Pick<SlaVersion, TermName> & { targets?: SlaTarget[] | undefined }): Layer<Term> {
  const layer = new Map<string, Term>();
  for (const name of TERM_NAMES) if (terms[name] !== undefined) layer.set(name, { term: terms[name] });
  for (const t of terms.targets ?? []) {
    for (const metric of ['response', 'resolution'] as const) {
      const objective = t[metric];
      if (objective) layer.set(`${t.type}.${t.priority}.${metric}`, { target: objective });
    }
  }
  return layer;
}

function termsOf(doc: SlaDocument): Versioned<Term> {
  return { undated: layerOf(doc.spec), versions: (doc.spec.versions ?? []).map((v) => ({ from: v.from, layer: layerOf(v) })) };
}

/** Terms in the order of the schema, then the targets in the order they are written. */
function termRank(key: string): number {
  const index = TERM_NAMES.indexOf(key as TermName);
  return index < 0 ? TERM_NAMES.length : index;
}

function sameTerm(a: Term, b: Term): boolean {
  if ('target' in a && 'target' in b) return a.target.objective === b.target.objective && sameDuration(a.target.within, b.target.within);
  return sameData(a, b);
}

export const agreements: KindDescriber<SlaDocument> = {
  kind: 'SLA',
  changed(before, after) {
    const b = before.spec;
    const a = after.spec;
    const calendarDefault = a.group !== undefined ? `the calendar of group ${a.group}` : BUILTIN_24X7_ID;
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...scalarChange('type', 'type', b.type, a.type),
      ...textChange('description', 'description', b.description, a.description),
      ...listChanges('parties', 'party', b.parties, a.parties),
      ...scalarChange('from', 'in force from', b.from, a.from),
      ...scalarChange('group', 'group', b.group, a.group),
      ...versionedChanges(termsOf(before), termsOf(after), sameTerm, termRank).flatMap((c) => {
        if (c.key === '') return [{ field: `versions.${c.version.from}`, before: null, after: null, text: emptyVersionWords(c.version), version: c.version }];
        return termChanges(c.key, c.before, c.after, c.version, calendarDefault);
      }),
    ];
  },
  added(doc) {
    const s = doc.spec;
    const parts = [s.type, count(s.targets.length, 'target'), `calendar ${s.calendar ?? (s.group ? `of group ${s.group}` : BUILTIN_24X7_ID)}`];
    if (s.group) parts.push(`group ${s.group}`);
    if (s.from) parts.push(`in force from ${s.from}`);
    if (s.versions?.length) parts.push(count(s.versions.length, 'version'));
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${parts.join(', ')})` }];
  },
  removed(doc, context) {
    return removedDetails(context.head, 'SLA', doc.metadata.id);
  },
};

function termChanges(key: string, before: Term | undefined, after: Term | undefined, version: VersionRef, calendarDefault: string): ChangeDetail[] {
  const was = before && 'term' in before ? before.term : undefined;
  const now = after && 'term' in after ? after.term : undefined;
  const dated = (details: ChangeDetail[]) => details.map((d) => ({ ...d, text: withVersion(d.text, version), version }));
  switch (key as TermName) {
    case 'calendar':
      return dated(scalarChange(key, 'calendar', was as string | undefined, now as string | undefined, calendarDefault));
    case 'calendarSource':
      return dated(scalarChange(key, 'calendar source', was as string | undefined, now as string | undefined, 'agreement'));
    case 'reopen':
      return dated(scalarChange(key, 'reopen', was as string | undefined, now as string | undefined, 'resume'));
    case 'warningThreshold':
      return dated(scalarChange(key, 'warning threshold', percentOrUndefined(was), percentOrUndefined(now), percentText(DEFAULT_WARNING_THRESHOLD)));
    case 'pauseOn':
      return dated(listChanges(key, 'pause on', was as string[] | undefined, now as string[] | undefined));
    case 'availability':
      return dated(availabilityChanges(was as Availability | undefined, now as Availability | undefined));
    case 'credits':
      return dated(creditChanges(was as Credit[] | undefined, now as Credit[] | undefined));
  }
  return [targetChange(key, before && 'target' in before ? before.target : undefined, after && 'target' in after ? after.target : undefined, version)];
}

function percentOrUndefined(value: unknown): string | undefined {
  return typeof value === 'number' ? percentText(value) : undefined;
}

function objectiveWords(o: Objective): string {
  return `${percentText(o.objective)} within ${o.within}`;
}

/** "incident P2 resolution 8h → 4h (objective 95% unchanged)": the part that moved, and what stayed, said once. */
function targetChange(key: string, before: Objective | undefined, after: Objective | undefined, version: VersionRef): ChangeDetail {
  const [type, priority, metric] = key.split('.') as [string, string, Metric];
  const label = `${type} ${priority} ${metric}`;
  const detail = (text: string, notes: string[] = []): ChangeDetail => ({
    field: key,
    before: before ? objectiveWords(before) : null,
    after: after ? objectiveWords(after) : null,
    text: withVersion(text, version, notes),
    version,
  });
  if (!before) return detail(`${label} ${objectiveWords(after!)} added`);
  if (!after) return detail(`${label} ${objectiveWords(before)} removed`);
  const withinMoved = !sameDuration(before.within, after.within);
  const objectiveMoved = before.objective !== after.objective;
  if (withinMoved && !objectiveMoved) return detail(`${label} ${before.within} ${ARROW} ${after.within}`, [`objective ${percentText(after.objective)} unchanged`]);
  if (objectiveMoved && !withinMoved) {
    return detail(`${label} objective ${percentText(before.objective)} ${ARROW} ${percentText(after.objective)}`, [`within ${after.within} unchanged`]);
  }
  return detail(`${label} ${objectiveWords(before)} ${ARROW} ${objectiveWords(after)}`);
}

function availabilityWords(a: Availability): string {
  return `${percentText(a.target)} per ${a.window}`;
}

function availabilityChanges(before: Availability | undefined, after: Availability | undefined): ChangeDetail[] {
  if (!before && !after) return [];
  if (!before || !after) return [valueChange('availability', 'availability', before ? availabilityWords(before) : null, after ? availabilityWords(after) : null)];
  return [
    ...scalarChange('availability.target', 'availability target', percentText(before.target), percentText(after.target)),
    ...scalarChange('availability.window', 'availability window', before.window, after.window),
    ...scalarChange('availability.degradedWeight', 'availability degraded weight', String(before.degradedWeight ?? 0.5), String(after.degradedWeight ?? 0.5)),
    ...scalarChange('availability.excludeMaintenance', 'availability excludes maintenance', yesNo(before.excludeMaintenance ?? true), yesNo(after.excludeMaintenance ?? true)),
  ];
}

/** Credits are tiers keyed by the availability they apply below. */
function creditChanges(before: Credit[] | undefined, after: Credit[] | undefined): ChangeDetail[] {
  const was = new Map((before ?? []).map((c) => [c.below, c.credit]));
  const now = new Map((after ?? []).map((c) => [c.below, c.credit]));
  const details: ChangeDetail[] = [];
  for (const below of [...new Set([...was.keys(), ...now.keys()])].sort((x, y) => y - x)) {
    const b = was.get(below);
    const a = now.get(below);
    if (b === a) continue;
    details.push(valueChange(`credits.${below}`, `credit below ${percentText(below)}:`, b === undefined ? null : percentText(b), a === undefined ? null : percentText(a)));
  }
  return details;
}
