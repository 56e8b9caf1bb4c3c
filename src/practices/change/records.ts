import type { Interval } from '../../time/interval.js';
import type { ChangeOutcome, ChangeRisk, ChangeType } from '../../model/change.js';
import type { StatusCategory } from '../../model/config.js';
import type { Repository } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { lastStatusOf } from '../../model/last-status.js';

/** A change ticket as the change commands read it. */
export interface ChangeRecord {
  id: string;
  title: string;
  /** Null on a change ticket that has no `change:` block (validation reports it; the commands still list it). */
  type: ChangeType | null;
  risk: ChangeRisk | null;
  /** The affected services: the ticket's `service`, then `change.services`, each once. */
  services: string[];
  /** The planned window (the ticket's `maintenance`), or null when none is planned. */
  window: Interval | null;
  outcome: ChangeOutcome | null;
  opened: number;
  /** When the ticket was last revised, as far as it records: its last timeline event, or its opening. */
  revised: number;
  /** The status the timeline leaves the ticket in. */
  status: string;
  /** A withdrawn change (its status is of category `cancelled`): never scheduled, never counted. */
  cancelled: boolean;
}


/** The affected services of a change ticket: `spec.service` plus `spec.change.services` (docs/change.md). */
export function affectedServices(ticket: TicketDocument): string[] {
  return [...new Set([ticket.spec.service, ...(ticket.spec.change?.services ?? [])])];
}

/** The status a ticket's timeline leaves it in (its first status when the timeline sets none). */
export function currentStatus(ticket: TicketDocument, initialStatus: string): string {
  return lastStatusOf(ticket.spec.timeline) ?? initialStatus;
}

/** What a status means to the clocks, from the repository's (defaulted) status list. */
export function statusCategories(repository: Pick<Repository, 'config'>): { categoryOf: (status: string) => StatusCategory | undefined; initialStatus: string } {
  const categories = new Map(repository.config.statuses.map((s) => [s.id, s.category] as const));
  return {
    categoryOf: (status) => categories.get(status),
    initialStatus: repository.config.statuses.find((s) => s.category === 'new')?.id ?? 'new',
  };
}

/** Every change ticket of the repository, in the order the repository holds them. */
export function changeRecords(repository: Pick<Repository, 'tickets' | 'config'>): ChangeRecord[] {
  const { categoryOf, initialStatus } = statusCategories(repository);
  const records: ChangeRecord[] = [];
  for (const { doc } of repository.tickets) {
    if (doc.spec.type !== 'change') continue;
    const status = currentStatus(doc, initialStatus);
    const maintenance = doc.spec.maintenance;
    records.push({
      id: doc.metadata.id,
      title: doc.spec.title,
      type: doc.spec.change?.type ?? null,
      risk: doc.spec.change?.risk ?? null,
      services: affectedServices(doc),
      window: maintenance ? { start: Date.parse(maintenance.start), end: Date.parse(maintenance.end) } : null,
      outcome: doc.spec.change?.outcome ?? null,
      opened: Date.parse(doc.spec.opened),
      revised: Math.max(Date.parse(doc.spec.opened), ...(doc.spec.timeline ?? []).map((e) => Date.parse(e.at))),
      status,
      cancelled: categoryOf(status) === 'cancelled',
    });
  }
  return records;
}

/** Changes with a window, earliest start first, then by id: the order of a schedule. */
export function bySchedule(a: ChangeRecord, b: ChangeRecord): number {
  const d = (a.window?.start ?? a.opened) - (b.window?.start ?? b.opened);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
