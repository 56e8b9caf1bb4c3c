import type { Repository } from '../../model/repository.js';
import type { ChangeDetail } from '../changes.js';
import { count } from './words.js';

/**
 * Who in a revision names a definition: what a reviewer needs to hear when it is removed (each of these is now a
 * broken reference) or retired.
 */

/** The services that depend on `service`, excluding retired ones (a retired service depending on another is no risk). */
export function dependentsOf(repository: Repository, service: string): string[] {
  return repository.services
    .filter((s) => s.doc.spec.lifecycle !== 'retired' && (s.doc.spec.dependsOn ?? []).includes(service))
    .map((s) => s.doc.metadata.id)
    .sort();
}

/** "3 services depend on it (crm, erp, hosting)". */
export function dependentsWords(dependents: readonly string[]): string {
  return `${count(dependents.length, 'service')} ${dependents.length === 1 ? 'depends' : 'depend'} on it (${dependents.join(', ')})`;
}

/** The definitions of `repository` that name the definition of `kind` and `id`, as "service crm", sorted. */
export function referrersOf(repository: Repository, kind: 'Service' | 'SLA' | 'Calendar' | 'Group', id: string): string[] {
  const found = new Set<string>();
  const add = (what: string, owner: string, names: boolean) => {
    if (names) found.add(`${what} ${owner}`);
  };
  for (const { doc } of repository.services) {
    const s = doc.spec;
    if (kind === 'Service') add('service', doc.metadata.id, (s.dependsOn ?? []).includes(id) || (s.costShares ?? []).some((c) => c.service === id));
    if (kind === 'SLA') add('service', doc.metadata.id, s.sla === id || (s.agreements ?? []).includes(id));
    if (kind === 'Calendar') add('service', doc.metadata.id, s.supportHours === id);
  }
  for (const { doc } of repository.consumers) {
    const s = doc.spec;
    const subs = s.subscriptions ?? [];
    if (kind === 'Service') add('consumer', doc.metadata.id, subs.some((x) => x.service === id));
    if (kind === 'SLA') add('consumer', doc.metadata.id, (s.agreements ?? []).includes(id) || subs.some((x) => (x.agreements ?? []).includes(id)));
    if (kind === 'Calendar') add('consumer', doc.metadata.id, s.calendar === id);
  }
  for (const { doc } of repository.slas) {
    const s = doc.spec;
    if (kind === 'Calendar') add('SLA', doc.metadata.id, s.calendar === id || (s.versions ?? []).some((v) => v.calendar === id));
    if (kind === 'Group') add('SLA', doc.metadata.id, s.group === id);
  }
  for (const { doc } of repository.groups) {
    if (kind === 'Calendar') add('group', doc.metadata.id, doc.spec.calendar === id);
    if (kind === 'Group') add('group', doc.metadata.id, doc.spec.parent === id);
  }
  return [...found].sort();
}

/** The detail of a removed definition that something in head still names; none when nothing does. */
export function removedDetails(head: Repository, kind: 'Service' | 'SLA' | 'Calendar' | 'Group', id: string): ChangeDetail[] {
  const referrers = referrersOf(head, kind, id);
  if (referrers.length === 0) return [];
  return [{ field: '', before: id, after: null, text: `removed; still named by ${count(referrers.length, 'definition')} (${referrers.join(', ')})` }];
}
