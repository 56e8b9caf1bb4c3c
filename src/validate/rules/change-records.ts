import type { Entity } from '../../model/repository.js';
import type { StatusCategory, StatusDefinition } from '../../model/config.js';
import type { ChangeDetails } from '../../model/change.js';
import type { TicketDocument } from '../../model/ticket.js';
import { lastStatusOf } from '../../model/last-status.js';
import type { FactsContext, TicketFile } from '../ticket-rule.js';

/**
 * What the change rules read of a change ticket, found once: the change rules look only at tickets of `type: change`
 * that have a `change` block (change tickets written before change enablement, with a window alone, are left as they
 * were), and skip cancelled ones (a withdrawn change is neither approved nor carried out).
 */
export interface ChangeRecord {
  entity: Entity<TicketDocument>;
  id: string;
  change: ChangeDetails;
  /** The ticket's `service` and then `change.services`, without repeats. */
  services: string[];
  /** The planned window in epoch milliseconds, when the ticket has one that ends after it starts. */
  window?: { start: number; end: number };
  /** The category of the ticket's status now: its last status event's, `new` when it has none. */
  category: StatusCategory | undefined;
  /** Written by an importer (label `itsm/source`): its source system ran its process (IMPORT_SOURCE_LABEL). */
  imported: boolean;
}

/**
 * The label every importer puts on the tickets it writes. An imported change is a record of a process that its source
 * (ServiceNow, Jira) ran: its approvals, reviews and models stay there, and its list export does not carry them, so
 * the rules about the change process (approval, review, template, freeze, a missing window) check only the changes
 * kept in git. Its window is real, so it still counts in conflicts with a change kept in git.
 */
export const IMPORT_SOURCE_LABEL = 'itsm/source';

// The six change rules read the same records of a file: found once per file (validateDocuments gives every rule the
// same TicketFile), and again only for other statuses.
const found = new WeakMap<TicketFile, { statuses: FactsContext['statuses']; records: ChangeRecord[] }>();

/** The change records of a ticket file kept in git (not imported), whose process the change rules check. */
export function changeRecordsKeptInGit(context: FactsContext, file: TicketFile): ChangeRecord[] {
  return changeRecords(context, file).filter((r) => !r.imported);
}

/** The change records of a ticket file, in document order. */
export function changeRecords(context: FactsContext, file: TicketFile): ChangeRecord[] {
  const cached = found.get(file);
  if (cached !== undefined && cached.statuses === context.statuses) return cached.records;
  const records = findChangeRecords(file.tickets, context.statuses);
  found.set(file, { statuses: context.statuses, records });
  return records;
}

function findChangeRecords(tickets: readonly Entity<TicketDocument>[], statuses: ReadonlyMap<string, StatusDefinition>): ChangeRecord[] {
  const records: ChangeRecord[] = [];
  for (const entity of tickets) {
    const spec = entity.doc.spec;
    const change = spec.change;
    if (change === undefined || spec.type !== 'change') continue;
    const category = categoryOf(spec.timeline, statuses);
    if (category === 'cancelled') continue;
    const services = [spec.service];
    for (const id of change.services ?? []) if (!services.includes(id)) services.push(id);
    const imported = entity.doc.metadata.labels?.[IMPORT_SOURCE_LABEL] !== undefined;
    const record: ChangeRecord = { entity, id: entity.doc.metadata.id, change, services, category, imported };
    const maintenance = spec.maintenance;
    if (maintenance !== undefined) {
      const start = Date.parse(maintenance.start);
      const end = Date.parse(maintenance.end);
      // A window that ends before it starts is interval-order's: the change rules cannot place it.
      if (end > start) record.window = { start, end };
    }
    records.push(record);
  }
  return records;
}

function categoryOf(timeline: TicketDocument['spec']['timeline'], statuses: ReadonlyMap<string, StatusDefinition>): StatusCategory | undefined {
  const status = lastStatusOf(timeline);
  return status === undefined ? 'new' : statuses.get(status)?.category;
}

/** A change is done once its outcome is recorded or its status is resolved or closed. */
export function isDone(record: ChangeRecord): boolean {
  return record.change.outcome !== undefined || record.category === 'resolved' || record.category === 'closed';
}

/** "2h", "1h30m", "45m": a length of wall-clock time, for messages. */
export function formatLength(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h${m}m`;
}
