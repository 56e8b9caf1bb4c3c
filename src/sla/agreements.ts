import { BUILTIN_24X7_ID } from '../model/builtin-calendar.js';
import { parseDuration, type ParsedDuration } from '../model/duration-text.js';
import type { SlaDocument, SlaTarget, SlaVersion, TicketType } from '../model/index.js';
import type { Repository } from '../model/repository.js';
import { MS_PER_MINUTE, type BusinessCalendar } from '../time/index.js';
import { dayNumberOf } from '../time/zone.js';
import { calendarLookup, type ClockCalendar } from './calendars.js';
import type { ClockPolicy, Metric } from './clock.js';

/** A target ready for measurement: its duration and its objective. */
export interface CompiledTarget {
  metric: Metric;
  type: TicketType;
  priority: string;
  /** What the SLA says, e.g. "4h" or "3bd". */
  within: string;
  /** The duration in milliseconds on the terms' own calendar; a clock on another calendar sizes `bd` by that one. */
  targetMs: number;
  duration: ParsedDuration | undefined;
  /** Percent of clocks that must meet the target, e.g. 95. */
  objective: number;
  /**
   * The version that set this target as it is (its `from`), or null when it is as first written: a version that
   * leaves a target alone keeps its `since`, so the report keeps one row for it across versions.
   */
  since: string | null;
}

type SlaSpec = SlaDocument['spec'];

/** The terms of an agreement in force from one date: its base terms, or those of a dated version merged onto them. */
export interface CompiledTerms {
  /** The version's `from` (the agreement's own `from` for the base terms, null when it has none). */
  version: string | null;
  /** Local day number (repository time zone) from which the terms are in force; null for undated base terms. */
  fromDay: number | null;
  /** The calendar the agreement names; absent means 24x7 (or the group's calendar for a group-scoped agreement). */
  calendar: string | undefined;
  calendarSource: 'agreement' | 'consumer';
  /** The clock policy on the terms' own calendar. */
  policy: ClockPolicy;
  calendarId: string;
  warningFraction: number;
  targets: CompiledTarget[];
  availability: SlaSpec['availability'];
  credits: SlaSpec['credits'];
}

export interface CompiledAgreement {
  id: string;
  name: string;
  type: SlaSpec['type'];
  /** The assignment group the agreement is scoped to: its clocks run only while that group holds the ticket. */
  group: string | null;
  /** The base terms first, then each dated version in the order written (validation checks that order). */
  terms: CompiledTerms[];
  /** The base terms, for what is not measured per ticket (availability windows, the catalogue). */
  calendarId: string;
  policy: ClockPolicy;
  warningFraction: number;
  targets: CompiledTarget[];
  doc: SlaDocument;
}

export const DEFAULT_WARNING_THRESHOLD = 75;

/** Every agreement compiled once: its terms and each dated version, their calendars, pause statuses and targets. */
export function compileAgreements(repository: Repository, calendars: (id: string) => ClockCalendar = calendarLookup(repository)): Map<string, CompiledAgreement> {
  const agreements = new Map<string, CompiledAgreement>();
  for (const { doc } of repository.slas) {
    if (agreements.has(doc.metadata.id)) continue;
    const groupCalendar = doc.spec.group === undefined ? undefined : repository.groups.find((g) => g.doc.metadata.id === doc.spec.group)?.doc.spec.calendar;
    const base = compileTerms(doc.spec, doc.spec.from ?? null, groupCalendar, calendars, undefined);
    const terms = [base];
    for (const version of doc.spec.versions ?? []) {
      terms.push(compileTerms(mergeVersion(termsSpecOf(terms, doc.spec), version), version.from, groupCalendar, calendars, terms[terms.length - 1]));
    }
    agreements.set(doc.metadata.id, {
      id: doc.metadata.id,
      name: doc.metadata.name ?? doc.metadata.id,
      type: doc.spec.type,
      group: doc.spec.group ?? null,
      terms,
      calendarId: base.calendarId,
      policy: base.policy,
      warningFraction: base.warningFraction,
      targets: base.targets,
      doc,
    });
  }
  return agreements;
}

/** The terms in force on local day `day` (repository time zone); undefined before the agreement is in force. */
export function termsOn(agreement: CompiledAgreement, day: number): CompiledTerms | undefined {
  let found: CompiledTerms | undefined;
  for (const terms of agreement.terms) {
    if (terms.fromDay !== null && terms.fromDay > day) break;
    found = terms;
  }
  return found;
}

export function findTarget(terms: { targets: readonly CompiledTarget[] }, metric: Metric, type: TicketType, priority: string): CompiledTarget | undefined {
  return terms.targets.find((t) => t.metric === metric && t.type === type && t.priority === priority);
}

/**
 * A target's duration on `calendar` for a clock that starts at `startMs`: a business day (`bd`) is that calendar's
 * working day in the version of its hours in force that day (without `startMs`, its base hours).
 */
export function targetMsOn(target: CompiledTarget, calendar: ClockCalendar, startMs?: number): number {
  const d = target.duration;
  if (!d) return NaN;
  return d.kind === 'fixed' ? d.minutes * MS_PER_MINUTE : d.days * (startMs === undefined ? calendar.businessDayMs : calendar.businessDayMsOn(startMs));
}

/** The spec as it reads once the versions up to the last compiled one are applied (each is merged onto the one before). */
type TermsSpec = Pick<SlaSpec, 'calendar' | 'calendarSource' | 'pauseOn' | 'reopen' | 'warningThreshold' | 'availability' | 'credits' | 'targets'>;

const merged = new WeakMap<CompiledTerms, TermsSpec>();

function termsSpecOf(terms: CompiledTerms[], base: SlaSpec): TermsSpec {
  return merged.get(terms[terms.length - 1]!) ?? base;
}

/**
 * A version applied to the terms before it: every term it names replaces the earlier one; targets are merged by
 * ticket type, priority and metric, so a version that tightens P2 resolution leaves P2 response as it was.
 */
export function mergeVersion(before: TermsSpec, version: SlaVersion): TermsSpec {
  const targets: SlaTarget[] = before.targets.map((t) => ({ ...t }));
  for (const change of version.targets ?? []) {
    const existing = targets.find((t) => t.type === change.type && t.priority === change.priority);
    if (existing) {
      if (change.response) existing.response = change.response;
      if (change.resolution) existing.resolution = change.resolution;
    } else {
      targets.push({ ...change });
    }
  }
  const pick = <K extends keyof TermsSpec>(key: K): TermsSpec[K] => (version[key as keyof SlaVersion] !== undefined ? (version[key as keyof SlaVersion] as TermsSpec[K]) : before[key]);
  return {
    calendar: pick('calendar'),
    calendarSource: pick('calendarSource'),
    pauseOn: pick('pauseOn'),
    reopen: pick('reopen'),
    warningThreshold: pick('warningThreshold'),
    availability: pick('availability'),
    credits: pick('credits'),
    targets,
  };
}

function compileTerms(
  spec: TermsSpec,
  from: string | null,
  groupCalendar: string | undefined,
  calendars: (id: string) => ClockCalendar,
  before: CompiledTerms | undefined,
): CompiledTerms {
  const calendarId = spec.calendar ?? groupCalendar ?? BUILTIN_24X7_ID;
  const calendar = calendars(calendarId);
  const targets: CompiledTarget[] = [];
  for (const t of spec.targets) {
    for (const metric of ['response', 'resolution'] as const) {
      const objective = t[metric];
      if (!objective) continue;
      const earlier = before === undefined ? undefined : findTarget(before, metric, t.type, t.priority);
      const unchanged = earlier !== undefined && earlier.within === objective.within && earlier.objective === objective.objective;
      const target: CompiledTarget = {
        metric,
        type: t.type,
        priority: t.priority,
        within: objective.within,
        targetMs: NaN,
        duration: parseDuration(objective.within),
        objective: objective.objective,
        since: unchanged ? earlier.since : before === undefined ? null : from,
      };
      target.targetMs = targetMsOn(target, calendar);
      targets.push(target);
    }
  }
  const compiled: CompiledTerms = {
    version: from,
    fromDay: from === null ? null : dayNumberOf(from),
    calendar: spec.calendar,
    calendarSource: spec.calendarSource ?? 'agreement',
    policy: policyOn(calendar.calendar, spec),
    calendarId,
    warningFraction: (spec.warningThreshold ?? DEFAULT_WARNING_THRESHOLD) / 100,
    targets,
    availability: spec.availability,
    credits: spec.credits,
  };
  merged.set(compiled, spec);
  return compiled;
}

/** The clock policy of some terms on a calendar (the terms' own, or the consumer's). */
export function policyOn(calendar: BusinessCalendar, spec: Pick<TermsSpec, 'pauseOn' | 'reopen'>): ClockPolicy {
  return { calendar, pauseOn: new Set(spec.pauseOn ?? []), reopen: spec.reopen ?? 'resume' };
}
