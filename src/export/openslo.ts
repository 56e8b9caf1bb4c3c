import { stringify } from 'yaml';
import { mergeVersion } from '../sla/agreements.js';
import { customerAgreementsOf } from '../sla/report.js';
import type { Repository } from '../model/repository.js';
import type { SlaDocument, SlaTarget } from '../model/sla.js';
import type { ServiceDocument } from '../model/service.js';
import {
  ANNOTATION_PREFIX as P,
  OPENSLO_API_VERSION,
  type OpenSloDocument,
  type OpenSloServiceDocument,
  type OpenSloSloDocument,
  percentToFraction,
  type TimeWindow,
} from '../model/openslo.js';

/**
 * itsm agreements as OpenSLO v1 documents (docs/openslo.md): a `Service` per service, and an `SLO` per target metric
 * and availability objective of every agreement that measures the service's tickets. OpenSLO ties each SLO to one
 * service while an itsm agreement covers many, so an agreement's objectives are written once per service it covers.
 * Each dated version of an agreement is written as a full set of its terms (OpenSLO has no versions).
 */
export interface OpenSloExport {
  documents: OpenSloDocument[];
  /** What could not be written (a 100% objective: OpenSLO targets are below 1), one sentence each. */
  warnings: string[];
}

/** The documents as one multi-document YAML stream, in the order given (every document starts with `---`). */
export function openSloYaml(documents: readonly OpenSloDocument[]): string {
  return documents.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
}

/** How a service reaches an agreement: its `sla`, its `agreements`, or a consumer's subscription (customer). */
export type AgreementLink = 'sla' | 'agreement' | 'customer';

type SlaSpec = SlaDocument['spec'];
type Terms = Pick<SlaSpec, 'calendar' | 'calendarSource' | 'pauseOn' | 'reopen' | 'warningThreshold' | 'availability' | 'credits' | 'targets'>;

export function exportOpenSlo(repository: Pick<Repository, 'services' | 'slas' | 'consumers' | 'config'>): OpenSloExport {
  const documents: OpenSloDocument[] = [];
  const warnings: string[] = [];
  const agreements = new Map(repository.slas.map(({ doc }) => [doc.metadata.id, doc] as const));
  const timeZone = openSloTimeZone(repository.config.timeZone);
  const services = [...repository.services].sort((a, b) => cmp(a.doc.metadata.id, b.doc.metadata.id));
  for (const { doc: service } of services) {
    documents.push(serviceDocument(service));
    for (const [id, link] of linksOf(repository, service)) {
      const agreement = agreements.get(id);
      if (agreement === undefined) continue;
      documents.push(...agreementSlos(service.metadata.id, link, agreement, timeZone, warnings));
    }
  }
  return { documents, warnings: [...new Set(warnings)] };
}

/** The agreements that measure a service's tickets, in the order `sla report` lists them, each with how it is reached. */
function linksOf(repository: Pick<Repository, 'consumers'>, service: ServiceDocument): [string, AgreementLink][] {
  const links: [string, AgreementLink][] = [];
  const seen = new Set<string>();
  const add = (id: string, link: AgreementLink) => {
    if (seen.has(id)) return;
    seen.add(id);
    links.push([id, link]);
  };
  if (service.spec.sla !== undefined) add(service.spec.sla, 'sla');
  for (const id of customerAgreementsOf(repository, service.metadata.id, undefined)) add(id, 'customer');
  for (const id of service.spec.agreements ?? []) add(id, 'agreement');
  return links;
}

function serviceDocument(service: ServiceDocument): OpenSloServiceDocument {
  const s = service.spec;
  const annotations: Record<string, string> = { [`${P}id`]: service.metadata.id, [`${P}category`]: s.category, [`${P}lifecycle`]: s.lifecycle };
  if (s.type !== undefined) annotations[`${P}service-type`] = s.type;
  if (s.owner !== undefined) annotations[`${P}owner`] = s.owner;
  if (s.criticality !== undefined) annotations[`${P}criticality`] = s.criticality;
  // OpenSLO caps a description at 1050 characters; the whole text travels in the annotation when it is longer.
  if (s.description.length > MAX_DESCRIPTION) annotations[`${P}description`] = s.description;
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'Service',
    metadata: { name: openSloName(service.metadata.id), ...(service.metadata.name ? { displayName: service.metadata.name } : {}), annotations },
    spec: { description: clip(s.description) },
  };
}

/** The terms of the agreement as first written, then those of each dated version merged onto the ones before. */
function termsOf(agreement: SlaDocument): { version: { from: string; note?: string } | null; terms: Terms }[] {
  const list: { version: { from: string; note?: string } | null; terms: Terms }[] = [{ version: null, terms: agreement.spec }];
  let before: Terms = agreement.spec;
  for (const v of agreement.spec.versions ?? []) {
    before = mergeVersion(before, v);
    list.push({ version: { from: v.from, ...(v.note !== undefined ? { note: v.note } : {}) }, terms: before });
  }
  return list;
}

function agreementSlos(service: string, link: AgreementLink, agreement: SlaDocument, timeZone: string, warnings: string[]): OpenSloSloDocument[] {
  const slos: OpenSloSloDocument[] = [];
  for (const { version, terms } of termsOf(agreement)) {
    const common = agreementAnnotations(service, link, agreement, version, terms);
    const start = version?.from ?? agreement.spec.from ?? EPOCH_DAY;
    const suffix = version === null ? '' : `-from-${version.from}`;
    const label = `${agreement.metadata.name ?? agreement.metadata.id}${version === null ? '' : ` from ${version.from}`}`;
    for (const target of terms.targets) {
      for (const metric of ['response', 'resolution'] as const) {
        const objective = target[metric];
        if (objective === undefined) continue;
        const where = `${agreement.metadata.id}${version === null ? '' : ` (version from ${version.from})`} ${target.type} ${target.priority} ${metric}`;
        if (objective.objective >= 100) {
          warnings.push(`${where}: a 100% objective has no error budget and cannot be written in OpenSLO (targets are below 1); left out`);
          continue;
        }
        slos.push(targetSlo(service, agreement, target, metric, objective, { common, start, suffix, label, timeZone }));
      }
    }
    const availability = terms.availability;
    if (availability === undefined) continue;
    if (availability.target >= 100) {
      warnings.push(`${agreement.metadata.id}${version === null ? '' : ` (version from ${version.from})`} availability: a 100% objective cannot be written in OpenSLO (targets are below 1); left out`);
      continue;
    }
    const annotations: Record<string, string> = { ...common, [`${P}metric`]: 'availability', [`${P}window`]: availability.window };
    if (availability.degradedWeight !== undefined) annotations[`${P}degraded-weight`] = String(availability.degradedWeight);
    if (availability.excludeMaintenance !== undefined) annotations[`${P}exclude-maintenance`] = String(availability.excludeMaintenance);
    if (terms.credits !== undefined) annotations[`${P}credits`] = JSON.stringify(terms.credits);
    const name = openSloName(`${service}-${agreement.metadata.id}-availability${suffix}`);
    slos.push({
      apiVersion: OPENSLO_API_VERSION,
      kind: 'SLO',
      metadata: { name, displayName: `${label}: availability`, annotations },
      spec: {
        description: clip(`${availability.target}% availability of agreed service time per ${availability.window}`),
        service: openSloName(service),
        indicator: {
          metadata: { name: `${name}-sli` },
          spec: {
            // Good minutes over agreed minutes of service time, on the agreement's calendar (itsm.dev/calendar).
            ratioMetric: {
              counter: false,
              good: { metricSource: { type: METRIC_SOURCE_TYPE, spec: { measure: 'available-minutes', service } } },
              total: { metricSource: { type: METRIC_SOURCE_TYPE, spec: { measure: 'agreed-minutes', service } } },
            },
          },
        },
        timeWindow: [calendarWindow(WINDOW_DURATION[availability.window], start, timeZone)],
        budgetingMethod: 'Timeslices',
        // A minute is a slice; it is good when the service is up for all of it (a degraded minute counts by weight).
        objectives: [{ displayName: `${availability.target}%`, target: percentToFraction(availability.target), timeSliceTarget: 1, timeSliceWindow: '1m' }],
      },
    });
  }
  return slos;
}

interface SloContext {
  common: Record<string, string>;
  start: string;
  suffix: string;
  label: string;
  timeZone: string;
}

function targetSlo(
  service: string,
  agreement: SlaDocument,
  target: SlaTarget,
  metric: 'response' | 'resolution',
  objective: { within: string; objective: number },
  { common, start, suffix, label, timeZone }: SloContext,
): OpenSloSloDocument {
  const name = openSloName(`${service}-${agreement.metadata.id}-${target.type}-${target.priority}-${metric}${suffix}`);
  const threshold = thresholdOf(objective.within);
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: 'SLO',
    metadata: {
      name,
      displayName: `${label}: ${target.type} ${target.priority} ${metric}`,
      annotations: {
        ...common,
        [`${P}type`]: target.type,
        [`${P}priority`]: target.priority,
        [`${P}metric`]: metric,
        [`${P}within`]: objective.within,
      },
    },
    spec: {
      description: clip(`${objective.objective}% of ${target.type} ${target.priority} tickets ${metric === 'response' ? 'responded to' : 'resolved'} within ${objective.within} of business time`),
      service: openSloName(service),
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          // One event per ticket clock: its business time until the clock stopped (paused statuses not counted).
          thresholdMetric: {
            metricSource: { type: METRIC_SOURCE_TYPE, spec: { clock: metric, ticketType: target.type, priority: target.priority, service, unit: threshold.unit } },
          },
        },
      },
      timeWindow: [calendarWindow('1M', start, timeZone)],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: `${objective.objective}% within ${objective.within}`, op: 'lte', value: threshold.value, target: percentToFraction(objective.objective) }],
    },
  };
}

/** The terms every SLO of one agreement (and version) carries, so that each document alone rebuilds them. */
function agreementAnnotations(service: string, link: AgreementLink, agreement: SlaDocument, version: { from: string; note?: string } | null, terms: Terms): Record<string, string> {
  const spec = agreement.spec;
  const a: Record<string, string> = {
    [`${P}service`]: service,
    [`${P}agreement`]: agreement.metadata.id,
    [`${P}agreement-type`]: spec.type,
    [`${P}link`]: link,
  };
  if (agreement.metadata.name !== undefined) a[`${P}agreement-name`] = agreement.metadata.name;
  if (agreement.metadata.labels !== undefined) a[`${P}labels`] = JSON.stringify(agreement.metadata.labels);
  if (spec.description !== undefined) a[`${P}description`] = spec.description;
  if (spec.parties !== undefined) a[`${P}parties`] = JSON.stringify(spec.parties);
  if (spec.from !== undefined) a[`${P}from`] = spec.from;
  if (spec.group !== undefined) a[`${P}group`] = spec.group;
  if (version !== null) {
    a[`${P}version`] = version.from;
    if (version.note !== undefined) a[`${P}version-note`] = version.note;
  }
  if (terms.calendar !== undefined) a[`${P}calendar`] = terms.calendar;
  if (terms.calendarSource !== undefined) a[`${P}calendar-source`] = terms.calendarSource;
  if (terms.pauseOn !== undefined) a[`${P}pause-on`] = JSON.stringify(terms.pauseOn);
  if (terms.reopen !== undefined) a[`${P}reopen`] = terms.reopen;
  if (terms.warningThreshold !== undefined) a[`${P}warning-threshold`] = String(terms.warningThreshold);
  return a;
}

/** The clock's limit as the threshold of the indicator: minutes, or business days, whose length is the calendar's. */
export function thresholdOf(within: string): { value: number; unit: 'business-minutes' | 'business-days' } {
  const days = /^(\d+)bd$/.exec(within);
  if (days) return { value: Number(days[1]), unit: 'business-days' };
  const short = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(within) ?? /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(within);
  return { value: Number(short?.[1] ?? 0) * 60 + Number(short?.[2] ?? 0), unit: 'business-minutes' };
}

function calendarWindow(duration: string, day: string, timeZone: string): TimeWindow {
  return { duration, isRolling: false, calendar: { startTime: `${day} 00:00:00`, timeZone } };
}

/**
 * An itsm id as an OpenSLO name: the schema allows lowercase letters, digits, ".", "-", "/" and "|" (RFC 1123 in
 * spirit), so letters are lowercased and "_" becomes "-". The exact id travels in itsm.dev/id or itsm.dev/agreement.
 */
export function openSloName(id: string): string {
  return id.toLowerCase().replace(/_/g, '-');
}

/** OpenSLO's time zone must read Area/Location; UTC is written as its IANA alias Etc/UTC. */
function openSloTimeZone(zone: string): string {
  return /[A-Z][a-zA-Z_]+\/[A-Z][a-zA-Z_]+/.test(zone) ? zone : `Etc/${zone}`;
}

function clip(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** OpenSLO's limit on `description`. */
const MAX_DESCRIPTION = 1050;
/** The metric source type of every indicator: the figures come from itsm's own clocks (`itsm sla report`). */
export const METRIC_SOURCE_TYPE = 'itsm';
/** A calendar-aligned window needs a start; terms with no `from` start at the epoch's first day. */
const EPOCH_DAY = '1970-01-01';
const WINDOW_DURATION = { month: '1M', quarter: '1Q', year: '1Y' } as const;
