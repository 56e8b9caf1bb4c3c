import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { WEEKDAYS, type WeeklyHours } from '../../model/calendar.js';
import type { SourceRef } from '../../model/repository.js';
import type { SlaSpec, SlaTarget, SlaVersion } from '../../model/sla.js';
import { diagnosticAt, relatedAt, type DefinitionsContext, type Rule } from '../context.js';

/** The dated versions of one document, whatever its kind, with the date the document itself starts (an SLA's `from`). */
interface Versioned {
  source: SourceRef;
  word: 'agreement' | 'calendar' | 'service';
  from: string | undefined;
  versions: ReadonlyArray<{ from: string }>;
}

function* versionedDocuments({ repository }: DefinitionsContext): Generator<Versioned> {
  for (const { source, doc } of repository.slas) {
    if (doc.spec.versions) yield { source, word: 'agreement', from: doc.spec.from, versions: doc.spec.versions };
  }
  for (const { source, doc } of repository.calendars) {
    if (doc.spec.versions) yield { source, word: 'calendar', from: undefined, versions: doc.spec.versions };
  }
  for (const { source, doc } of repository.services) {
    if (doc.spec.versions) yield { source, word: 'service', from: undefined, versions: doc.spec.versions };
  }
}

/**
 * The indexes of the versions that take effect after everything above them (and after the document's own `from`):
 * the others are what `version-order` reports. The latest date seen so far is the one to beat, as in a timeline, so
 * that one version written far too late does not make every version under it an error as well.
 */
function inOrder(versions: ReadonlyArray<{ from: string }>, base: string | undefined): boolean[] {
  let latest = base;
  return versions.map((v) => {
    if (latest !== undefined && v.from <= latest) return false;
    latest = v.from;
    return true;
  });
}

/**
 * A version takes effect on its `from` date and holds until the next one: that reads unambiguously only when the dates
 * rise down the list. Two versions on one day would make the terms of that day depend on which was written first, and
 * a version from before the agreement's own `from` would change terms that were never in force.
 */
export const versionOrder: Rule = {
  id: 'version-order',
  description: 'A dated version of an agreement, calendar or service does not start after the version above it, or starts on or before its agreement.',
  check(context) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, word, from: base, versions } of versionedDocuments(context)) {
      let latest: { from: string; index: number } | undefined;
      versions.forEach((version, i) => {
        const at = ['spec', 'versions', i, 'from'];
        if (base !== undefined && version.from <= base) {
          const when = version.from === base ? 'on the same day as' : 'before';
          diagnostics.push(
            diagnosticAt(source, at, 'version-order', 'error', `version from ${version.from} starts ${when} the ${word} itself (from ${base})`, {
              hint: `a version changes the terms of an ${word} already in force; write these terms in the ${word} itself, or move the ${word}'s "from" earlier`,
              related: [relatedAt(source, ['spec', 'from'], `the ${word} is in force from ${base}`)],
            }),
          );
          return;
        }
        if (latest !== undefined && version.from <= latest.from) {
          const message =
            version.from === latest.from
              ? `version from ${version.from} starts on the same day as the version above it, so the two overlap`
              : `version from ${version.from} is earlier than the version above it (from ${latest.from})`;
          const hint = version.from === latest.from ? 'merge the two versions into one' : 'list versions in the order they take effect, each from a later date';
          diagnostics.push(
            diagnosticAt(source, at, 'version-order', 'error', message, {
              hint,
              related: [relatedAt(source, ['spec', 'versions', latest.index, 'from'], `the version from ${latest.from}`)],
            }),
          );
          return;
        }
        latest = { from: version.from, index: i };
      });
    }
    return diagnostics;
  },
};

/** The agreement terms that a version may replace as a whole (targets are merged instead). */
const WHOLE_TERMS = ['calendar', 'calendarSource', 'pauseOn', 'reopen', 'warningThreshold', 'availability', 'credits'] as const;
type WholeTerm = (typeof WHOLE_TERMS)[number];
const METRICS = ['response', 'resolution'] as const;

/** The terms of an agreement in force after some of its versions: the whole terms, and each target's metrics by type and priority. */
interface AgreementTerms {
  whole: Partial<Record<WholeTerm, unknown>>;
  targets: Map<string, Pick<SlaTarget, 'response' | 'resolution'>>;
}

function targetKey(target: SlaTarget): string {
  return `${target.type}\u0000${target.priority}`;
}

function baseTerms(spec: SlaSpec): AgreementTerms {
  const terms: AgreementTerms = { whole: {}, targets: new Map() };
  for (const term of WHOLE_TERMS) if (spec[term] !== undefined) terms.whole[term] = spec[term];
  // The first of duplicate targets counts, as in duplicate-target.
  for (const target of spec.targets) if (!terms.targets.has(targetKey(target))) terms.targets.set(targetKey(target), { response: target.response, resolution: target.resolution });
  return terms;
}

/** Whether `version` names a term with a value other than the one in force; applies it to `terms` either way. */
function applyAgreementVersion(terms: AgreementTerms, version: SlaVersion): boolean {
  let changes = false;
  for (const term of WHOLE_TERMS) {
    const value = version[term];
    if (value === undefined) continue;
    if (!sameTerm(term, terms.whole[term], value)) changes = true;
    terms.whole[term] = value;
  }
  for (const target of version.targets ?? []) {
    const key = targetKey(target);
    const current = terms.targets.get(key) ?? {};
    const next = { ...current };
    for (const metric of METRICS) {
      const objective = target[metric];
      if (objective === undefined) continue;
      if (!isDeepStrictEqual(current[metric], objective)) changes = true;
      next[metric] = objective;
    }
    terms.targets.set(key, next);
  }
  return changes;
}

/** `pauseOn` is a set of statuses: the order they are written in means nothing. */
function sameTerm(term: WholeTerm, a: unknown, b: unknown): boolean {
  if (term === 'pauseOn' && Array.isArray(a) && Array.isArray(b)) return isDeepStrictEqual([...a].sort(), [...b].sort());
  return isDeepStrictEqual(a, b);
}

/** A week with every day written out: an absent day and `[]` both have no working time. */
function fullWeek(hours: WeeklyHours): string[][] {
  return WEEKDAYS.map((day) => hours[day] ?? []);
}

/**
 * A version that changes nothing is noise in the history that reviewers read, and usually a sign that the edit meant
 * to change something else (a target of another priority, the wrong metric). Each version is compared with the terms in
 * force just above it: the document's own terms and the versions above, applied in order. A version that
 * `version-order` reports is left out of the comparison, since what is in force before it is not clear.
 */
export const versionUnchanged: Rule = {
  id: 'version-unchanged',
  description: 'A dated version of an agreement, calendar or service changes nothing (warning).',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    const report = (source: SourceRef, i: number, from: string, what: string) =>
      diagnostics.push(
        diagnosticAt(source, ['spec', 'versions', i, 'from'], 'version-unchanged', 'warning', `version from ${from} changes nothing: ${what}`, {
          hint: 'write in the version only the terms that change, with their new values, or remove it',
        }),
      );
    for (const { source, doc } of repository.slas) {
      const versions = doc.spec.versions ?? [];
      if (versions.length === 0) continue;
      const ordered = inOrder(versions, doc.spec.from);
      const terms = baseTerms(doc.spec);
      versions.forEach((version, i) => {
        if (!ordered[i]) return;
        const names = WHOLE_TERMS.some((term) => version[term] !== undefined) || (version.targets ?? []).some((t) => t.response || t.resolution);
        if (!applyAgreementVersion(terms, version)) report(source, i, version.from, names ? 'every term it names is already in force' : 'it names no term, only its date');
      });
    }
    for (const { source, doc } of repository.calendars) {
      const versions = doc.spec.versions ?? [];
      const ordered = inOrder(versions, undefined);
      let hours = fullWeek(doc.spec.hours);
      versions.forEach((version, i) => {
        if (!ordered[i]) return;
        const next = fullWeek(version.hours);
        if (isDeepStrictEqual(hours, next)) report(source, i, version.from, 'its hours are the hours already in force');
        hours = next;
      });
    }
    for (const { source, doc } of repository.services) {
      const versions = doc.spec.versions ?? [];
      const ordered = inOrder(versions, undefined);
      let pricing: unknown = doc.spec.pricing;
      versions.forEach((version, i) => {
        if (!ordered[i]) return;
        if (isDeepStrictEqual(pricing, version.pricing)) report(source, i, version.from, 'its pricing is the pricing already in force');
        pricing = version.pricing;
      });
    }
    return diagnostics;
  },
};
