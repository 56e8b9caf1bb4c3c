import { isDeepStrictEqual } from 'node:util';
import type { ConsumerDocument } from '../../model/consumer.js';
import type { Repository } from '../../model/repository.js';
import type { ServiceDocument } from '../../model/service.js';
import type { SlaDocument } from '../../model/sla.js';
import { firstById, type DefinitionDifferences } from './definitions.js';

/**
 * The services whose tickets the change may measure differently: undefined for all of them (the organisation's
 * zone, statuses or priorities changed), empty when no clock can move. Both sides are then measured on the tickets of these services
 * only (`SlaFilters.service`), so a diff where one agreement changed measures only the tickets that agreement can
 * measure. Conservative: a ticket is in scope when anything its clocks are computed from changed —
 * - its service's `sla` or `agreements`, or its consumer's `agreements`, `subscriptions` or `calendar`;
 * - an agreement either side could choose for it (its service's, its consumer's default, any subscription's), when
 *   that agreement changed, runs on a calendar that changed, is scoped to a group that changed (or whose calendar
 *   did), or takes consumers' calendars while a consumer or calendar changed.
 */
export function measuredServices(base: Repository, head: Repository, differences: DefinitionDifferences): string[] | undefined {
  if (differences.clockSettings) return undefined;
  const sides = [base, head].map((r) => ({
    services: firstById(r.services),
    consumers: firstById(r.consumers),
    slas: firstById(r.slas),
    groupCalendars: new Map(r.groups.map(({ doc }) => [doc.metadata.id, doc.spec.calendar])),
  }));
  const agreements = new Set<string>();
  for (const side of sides) {
    for (const [id, doc] of side.slas) {
      if (differences.slas.has(id) || agreementDependsOnChange(doc, differences, side.groupCalendars)) agreements.add(id);
    }
  }
  const services = changedOn(differences.services, sides.map((s) => s.services), (doc) => [doc.spec.sla, doc.spec.agreements]);
  const consumers = changedOn(differences.consumers, sides.map((s) => s.consumers), (doc) => [doc.spec.agreements, doc.spec.subscriptions, doc.spec.calendar]);

  const inScope = new Map<string, boolean>();
  const scoped = new Set<string>();
  for (const { doc } of head.tickets) {
    const service = doc.spec.service;
    if (scoped.has(service)) continue;
    const consumer = doc.spec.consumer;
    const pair = `${service}\u0000${consumer ?? ''}`;
    let affected = inScope.get(pair);
    if (affected === undefined) {
      affected =
        services.has(service) ||
        (consumer !== undefined && consumers.has(consumer)) ||
        sides.some((side) => candidateAgreements(side.services.get(service), consumer === undefined ? undefined : side.consumers.get(consumer), service).some((id) => agreements.has(id)));
      inScope.set(pair, affected);
    }
    if (affected) scoped.add(service);
  }
  return [...scoped].sort();
}

/** Whether an agreement's clocks are computed from a calendar, group or consumer that changed. */
function agreementDependsOnChange(doc: SlaDocument, differences: DefinitionDifferences, groupCalendars: ReadonlyMap<string, string | undefined>): boolean {
  const terms = [doc.spec, ...(doc.spec.versions ?? [])];
  if (terms.some((t) => t.calendar !== undefined && differences.calendars.has(t.calendar))) return true;
  const group = doc.spec.group;
  if (group !== undefined) {
    if (differences.groups.has(group)) return true;
    const calendar = groupCalendars.get(group);
    if (calendar !== undefined && differences.calendars.has(calendar)) return true;
  }
  return terms.some((t) => t.calendarSource === 'consumer') && (differences.consumers.size > 0 || differences.calendars.size > 0);
}

/** The ids among `changed` whose fields that measuring reads differ (or that exist on one side only). */
function changedOn<D>(changed: ReadonlySet<string>, sides: ReadonlyArray<ReadonlyMap<string, D>>, fields: (doc: D) => unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const id of changed) {
    const [before, after] = sides.map((side) => side.get(id));
    if (before === undefined || after === undefined || !isDeepStrictEqual(fields(before), fields(after))) ids.add(id);
  }
  return ids;
}

/** Every agreement that could be chosen for a ticket of `service` and `consumer` on any date (src/sla/selection.ts). */
function candidateAgreements(service: ServiceDocument | undefined, consumer: ConsumerDocument | undefined, serviceId: string): string[] {
  const ids: string[] = [];
  if (service?.spec.sla !== undefined) ids.push(service.spec.sla);
  ids.push(...(service?.spec.agreements ?? []), ...(consumer?.spec.agreements ?? []));
  for (const subscription of consumer?.spec.subscriptions ?? []) if (subscription.service === serviceId) ids.push(...(subscription.agreements ?? []));
  return ids;
}
