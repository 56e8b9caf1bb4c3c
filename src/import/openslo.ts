import { API_VERSION } from '../model/envelope.js';
import {
  ANNOTATION_PREFIX as P,
  OpenSloServiceDocument,
  OpenSloSloDocument,
  OPENSLO_API_VERSION,
  fractionToPercent,
  type OpenSloSloDocument as SloDoc,
} from '../model/openslo.js';
import type { ServiceDocument } from '../model/service.js';
import type { SlaDocument, SlaTarget, SlaVersion } from '../model/sla.js';

/**
 * OpenSLO `Service` and `SLO` documents read back into itsm services and agreements (docs/openslo.md). The itsm.dev/
 * annotations that `itsm export openslo` writes rebuild every term exactly; an SLO without them becomes an agreement
 * of type `slo` of its own when it can be read as an availability objective (a time-slice objective over a month,
 * quarter or year); anything else is a problem that names the document.
 */

/** One parsed YAML document and where it starts, for messages. */
export interface SourceDocument {
  file: string;
  line: number;
  value: unknown;
}

export interface OpenSloImport {
  services: ServiceDocument[];
  slas: SlaDocument[];
  /** What was read but is not written (consumer links, other kinds), one sentence each. */
  notes: string[];
}

/** A document that cannot be read: file and line, then what is wrong and what to do. */
export class OpenSloProblem extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

type TermsKey = 'calendar' | 'calendarSource' | 'pauseOn' | 'reopen' | 'warningThreshold' | 'availability' | 'credits';
type Terms = Partial<Pick<SlaDocument['spec'], TermsKey>> & { targets: SlaTarget[] };

interface AgreementDraft {
  id: string;
  name?: string;
  labels?: Record<string, string>;
  type: SlaDocument['spec']['type'];
  description?: string;
  parties?: string[];
  from?: string;
  group?: string;
  /** Terms by version ('' for the terms as first written), in the order first seen. */
  terms: Map<string, { note?: string; terms: Terms; where: SourceDocument }>;
}

export function importOpenSlo(sources: readonly SourceDocument[]): OpenSloImport {
  const notes: string[] = [];
  const services = new Map<string, ServiceDocument>();
  const agreements = new Map<string, AgreementDraft>();
  const links = new Map<string, { sla?: string; agreements: string[] }>();
  const sloSources: [SloDoc, SourceDocument][] = [];

  for (const source of sources) {
    const value = source.value;
    if (value === null || value === undefined) continue;
    const kind = (value as { kind?: unknown }).kind;
    const apiVersion = (value as { apiVersion?: unknown }).apiVersion;
    if (apiVersion !== OPENSLO_API_VERSION) {
      throw new OpenSloProblem(source.file, source.line, `expected apiVersion "${OPENSLO_API_VERSION}" but found ${JSON.stringify(apiVersion)}; only OpenSLO v1 documents can be imported`);
    }
    if (kind === 'Service') {
      const doc = parse(OpenSloServiceDocument, source);
      const service = serviceOf(doc);
      services.set(service.metadata.id, service);
    } else if (kind === 'SLO') {
      sloSources.push([parse(OpenSloSloDocument, source), source]);
    } else {
      notes.push(`${source.file}:${source.line}: ${String(kind)} "${String((value as { metadata?: { name?: unknown } }).metadata?.name)}" left out: itsm has no ${String(kind)}`);
    }
  }

  for (const [slo, source] of sloSources) {
    const a = slo.metadata.annotations ?? {};
    const service = a[`${P}service`] ?? slo.spec.service;
    const read = a[`${P}metric`] === undefined ? foreignSlo(slo, source) : itsmSlo(slo, source);
    const draft = agreements.get(read.agreement.id);
    if (draft === undefined) agreements.set(read.agreement.id, read.agreement);
    else merge(draft, read.agreement);
    if (!services.has(service)) services.set(service, defaultService(service));
    const link = a[`${P}link`] ?? 'agreement';
    const entry = links.get(service) ?? { agreements: [] };
    links.set(service, entry);
    if (link === 'sla') entry.sla = read.agreement.id;
    else if (link === 'customer') notes.push(`${read.agreement.id} measures some consumers' tickets on ${service} (their subscription names it): consumers are no OpenSLO object, so that link is not written`);
    else if (!entry.agreements.includes(read.agreement.id)) entry.agreements.push(read.agreement.id);
  }

  for (const [id, service] of services) {
    const link = links.get(id);
    if (link?.sla !== undefined) service.spec.sla = link.sla;
    if (link !== undefined && link.agreements.length > 0) service.spec.agreements = link.agreements;
  }
  return { services: [...services.values()], slas: [...agreements.values()].map(agreementOf), notes: [...new Set(notes)] };
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, source: SourceDocument): T {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  throw new OpenSloProblem(source.file, source.line, `${path === '' ? 'the document' : `"${path}"`} is not valid: ${issue.message}`);
}

function serviceOf(doc: OpenSloServiceDocument): ServiceDocument {
  const a = doc.metadata.annotations ?? {};
  const id = a[`${P}id`] ?? doc.metadata.name;
  const service = defaultService(id, doc.metadata.displayName);
  const s = service.spec;
  s.description = a[`${P}description`] ?? (doc.spec?.description || s.description);
  const category = a[`${P}category`];
  if (category !== undefined) s.category = category;
  if (a[`${P}lifecycle`] !== undefined) s.lifecycle = a[`${P}lifecycle`] as ServiceDocument['spec']['lifecycle'];
  if (a[`${P}service-type`] !== undefined) s.type = a[`${P}service-type`] as NonNullable<ServiceDocument['spec']['type']>;
  const owner = a[`${P}owner`];
  if (owner !== undefined) s.owner = owner;
  if (a[`${P}criticality`] !== undefined) s.criticality = a[`${P}criticality`] as NonNullable<ServiceDocument['spec']['criticality']>;
  return service;
}

/** A service an SLO names with no Service document of its own (OpenSLO allows that): live, in category "OpenSLO". */
function defaultService(id: string, name?: string): ServiceDocument {
  return {
    apiVersion: API_VERSION,
    kind: 'Service',
    metadata: { id, ...(name !== undefined ? { name } : {}) },
    spec: { description: `Imported from OpenSLO service "${id}".`, category: 'OpenSLO', lifecycle: 'live' },
  };
}

/** An SLO written by `itsm export openslo`: every term comes back from its annotations. */
function itsmSlo(slo: SloDoc, source: SourceDocument): { agreement: AgreementDraft } {
  const a = slo.metadata.annotations ?? {};
  const need = (key: string): string => {
    const value = a[`${P}${key}`];
    if (value === undefined) throw new OpenSloProblem(source.file, source.line, `SLO "${slo.metadata.name}" has ${P}metric but no ${P}${key} annotation; add it or remove the ${P} annotations`);
    return value;
  };
  const json = <T>(key: string): T | undefined => {
    const text = a[`${P}${key}`];
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new OpenSloProblem(source.file, source.line, `annotation ${P}${key} is not valid JSON: ${text}`);
    }
  };
  const objective = slo.spec.objectives[0]!;
  const percent = percentOf(objective, slo, source);
  const terms: Terms = { targets: [] };
  if (a[`${P}calendar`] !== undefined) terms.calendar = a[`${P}calendar`];
  if (a[`${P}calendar-source`] !== undefined) terms.calendarSource = a[`${P}calendar-source`] as 'agreement' | 'consumer';
  const pauseOn = json<string[]>('pause-on');
  if (pauseOn !== undefined) terms.pauseOn = pauseOn;
  if (a[`${P}reopen`] !== undefined) terms.reopen = a[`${P}reopen`] as 'resume' | 'new-cycle';
  if (a[`${P}warning-threshold`] !== undefined) terms.warningThreshold = Number(a[`${P}warning-threshold`]);
  const metric = need('metric');
  if (metric === 'availability') {
    const window = need('window') as 'month' | 'quarter' | 'year';
    terms.availability = { target: percent, window };
    if (a[`${P}degraded-weight`] !== undefined) terms.availability.degradedWeight = Number(a[`${P}degraded-weight`]);
    if (a[`${P}exclude-maintenance`] !== undefined) terms.availability.excludeMaintenance = a[`${P}exclude-maintenance`] === 'true';
    const credits = json<NonNullable<Terms['credits']>>('credits');
    if (credits !== undefined) terms.credits = credits;
  } else if (metric === 'response' || metric === 'resolution') {
    terms.targets.push({ type: need('type') as SlaTarget['type'], priority: need('priority'), [metric]: { within: need('within'), objective: percent } });
  } else {
    throw new OpenSloProblem(source.file, source.line, `annotation ${P}metric is "${metric}"; expected response, resolution or availability`);
  }
  const version = a[`${P}version`];
  const draft: AgreementDraft = {
    id: need('agreement'),
    type: (a[`${P}agreement-type`] ?? 'slo') as AgreementDraft['type'],
    terms: new Map([[version ?? '', { ...(a[`${P}version-note`] !== undefined ? { note: a[`${P}version-note`] } : {}), terms, where: source }]]),
  };
  if (a[`${P}agreement-name`] !== undefined) draft.name = a[`${P}agreement-name`];
  const labels = json<Record<string, string>>('labels');
  if (labels !== undefined) draft.labels = labels;
  if (a[`${P}description`] !== undefined) draft.description = a[`${P}description`];
  const parties = json<string[]>('parties');
  if (parties !== undefined) draft.parties = parties;
  if (a[`${P}from`] !== undefined) draft.from = a[`${P}from`];
  if (a[`${P}group`] !== undefined) draft.group = a[`${P}group`];
  return { agreement: draft };
}

/** An SLO from elsewhere: an agreement of type slo named after it, if its objective reads as availability. */
function foreignSlo(slo: SloDoc, source: SourceDocument): { agreement: AgreementDraft } {
  const window = slo.spec.timeWindow?.[0];
  const period = window === undefined || window.isRolling === true ? undefined : CALENDAR_WINDOWS[window.duration];
  if (slo.spec.budgetingMethod === 'Occurrences' || period === undefined || slo.spec.objectives.length !== 1) {
    throw new OpenSloProblem(
      source.file,
      source.line,
      `SLO "${slo.metadata.name}" cannot be read as an itsm objective: without ${P} annotations only one time-slice objective over a calendar month, quarter or year (1M, 1Q, 1Y) maps (to availability); ` +
        `a ticket target needs ${P}metric, ${P}type, ${P}priority and ${P}within`,
    );
  }
  const percent = percentOf(slo.spec.objectives[0]!, slo, source);
  return {
    agreement: {
      id: slo.metadata.name,
      ...(slo.metadata.displayName !== undefined ? { name: slo.metadata.displayName } : {}),
      type: 'slo',
      ...(slo.spec.description ? { description: slo.spec.description } : {}),
      terms: new Map([['', { terms: { targets: [], availability: { target: percent, window: period } }, where: source }]]),
    },
  };
}

function percentOf(objective: SloDoc['spec']['objectives'][number], slo: SloDoc, source: SourceDocument): number {
  if (objective.target !== undefined) return fractionToPercent(objective.target);
  if (objective.targetPercent !== undefined) return objective.targetPercent;
  throw new OpenSloProblem(source.file, source.line, `SLO "${slo.metadata.name}": its objective has neither target nor targetPercent`);
}

/** The same agreement seen again (under another service, or another target): its terms must agree, and add up. */
function merge(into: AgreementDraft, from: AgreementDraft): void {
  for (const [version, entry] of from.terms) {
    const existing = into.terms.get(version);
    if (existing === undefined) {
      into.terms.set(version, entry);
      continue;
    }
    const disagree = (['calendar', 'calendarSource', 'pauseOn', 'reopen', 'warningThreshold'] as const).find(
      (key) => JSON.stringify(existing.terms[key]) !== JSON.stringify(entry.terms[key]),
    );
    if (disagree !== undefined) conflict(into.id, `${disagree}`, existing.where, entry.where);
    if (entry.terms.availability !== undefined) {
      if (existing.terms.availability !== undefined && JSON.stringify(existing.terms.availability) !== JSON.stringify(entry.terms.availability)) conflict(into.id, 'availability', existing.where, entry.where);
      existing.terms.availability = entry.terms.availability;
      if (entry.terms.credits !== undefined) existing.terms.credits = entry.terms.credits;
    }
    for (const target of entry.terms.targets) {
      const same = existing.terms.targets.find((t) => t.type === target.type && t.priority === target.priority);
      if (same === undefined) {
        existing.terms.targets.push({ ...target });
        continue;
      }
      for (const metric of ['response', 'resolution'] as const) {
        const objective = target[metric];
        if (objective === undefined) continue;
        const before = same[metric];
        if (before !== undefined && (before.within !== objective.within || before.objective !== objective.objective)) {
          conflict(into.id, `${target.type} ${target.priority} ${metric}`, existing.where, entry.where);
        }
        same[metric] = objective;
      }
    }
  }
}

function conflict(agreement: string, what: string, first: SourceDocument, second: SourceDocument): never {
  throw new OpenSloProblem(second.file, second.line, `agreement "${agreement}": ${what} differs from the SLO at ${first.file}:${first.line}; one agreement has one set of terms per version`);
}

/** The agreement: its first terms, then each version as the difference from the terms before it (as itsm writes them). */
function agreementOf(draft: AgreementDraft): SlaDocument {
  const [base, ...later] = [...draft.terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const first = base![1].terms;
  const spec: SlaDocument['spec'] = {
    type: draft.type,
    ...(draft.description !== undefined ? { description: draft.description } : {}),
    ...(draft.parties !== undefined ? { parties: draft.parties } : {}),
    ...(draft.from !== undefined ? { from: draft.from } : {}),
    ...(draft.group !== undefined ? { group: draft.group } : {}),
    ...termsOnly(first),
    targets: first.targets,
  };
  let before = first;
  const versions: SlaVersion[] = [];
  for (const [from, { note, terms }] of later) {
    const version: SlaVersion = { from, ...(note !== undefined ? { note } : {}) };
    for (const key of ['calendar', 'calendarSource', 'pauseOn', 'reopen', 'warningThreshold', 'availability', 'credits'] as const) {
      if (JSON.stringify(terms[key]) !== JSON.stringify(before[key]) && terms[key] !== undefined) (version as Record<string, unknown>)[key] = terms[key];
    }
    const changed: SlaTarget[] = [];
    for (const target of terms.targets) {
      const earlier = before.targets.find((t) => t.type === target.type && t.priority === target.priority);
      const diff: SlaTarget = { type: target.type, priority: target.priority };
      for (const metric of ['response', 'resolution'] as const) {
        if (target[metric] !== undefined && JSON.stringify(target[metric]) !== JSON.stringify(earlier?.[metric])) diff[metric] = target[metric];
      }
      if (diff.response !== undefined || diff.resolution !== undefined) changed.push(diff);
    }
    if (changed.length > 0) version.targets = changed;
    versions.push(version);
    before = terms;
  }
  if (versions.length > 0) spec.versions = versions;
  return {
    apiVersion: API_VERSION,
    kind: 'SLA',
    metadata: { id: draft.id, ...(draft.name !== undefined ? { name: draft.name } : {}), ...(draft.labels !== undefined ? { labels: draft.labels } : {}) },
    spec,
  };
}

function termsOnly(terms: Terms): Partial<Pick<SlaDocument['spec'], TermsKey>> {
  const out: Partial<Pick<SlaDocument['spec'], TermsKey>> = {};
  for (const key of ['calendar', 'calendarSource', 'pauseOn', 'reopen', 'warningThreshold', 'availability', 'credits'] as const) {
    if (terms[key] !== undefined) (out as Record<string, unknown>)[key] = terms[key];
  }
  return out;
}

const CALENDAR_WINDOWS: Record<string, 'month' | 'quarter' | 'year'> = { '1M': 'month', '1Q': 'quarter', '1Y': 'year' };
