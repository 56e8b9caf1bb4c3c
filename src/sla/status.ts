import type { Repository } from '../model/repository.js';
import { measureContext, measureTicket } from './measure.js';
import type { ClockRow, SlaFilters } from './report.js';
import { toClockRow } from './rows.js';

export interface SlaStatus {
  version: 1;
  organisation: string;
  timeZone: string;
  asOf: string;
  /** Running and breached clocks of open tickets, most urgent first. */
  clocks: OpenClock[];
  /** `running` counts running clocks, paused or not; `paused` those of them (and of the breached) paused now. */
  counts: { running: number; warning: number; breached: number; paused: number };
}

/** An open clock: a report's clock row and where it stands now. */
export interface OpenClock extends ClockRow {
  /** Business minutes left before the target (target − elapsed), negative when overdue. */
  leftMinutes: number;
  /** Whether the clock is paused now: the ticket is in a status its agreement pauses on (so `dueAt` is null). */
  paused: boolean;
  /** The ticket's status as of `asOf`. */
  currentStatus: string;
}

/**
 * The open tickets' clocks as of `asOf`, most urgent first: breached clocks (longest overdue first), then running
 * clocks by the business time they have left. What a service-desk lead looks at every morning.
 */
export function buildSlaStatus(repository: Repository, asOf: number, filters: SlaFilters = {}): SlaStatus {
  const context = measureContext(repository);
  const allowed = (list: readonly string[] | undefined, value: string | null | undefined) => list === undefined || (value != null && list.includes(value));
  const clocks: SlaStatus['clocks'] = [];
  for (const { doc } of repository.tickets) {
    if (!allowed(filters.service, doc.spec.service) || !allowed(filters.consumer, doc.spec.consumer) || !allowed(filters.type, doc.spec.type)) continue;
    for (const record of measureTicket(doc, context, asOf)) {
      if (record.stoppedAt !== null || record.state === 'cancelled') continue;
      if (!allowed(filters.sla, record.sla) || !allowed(filters.priority, record.priority) || !allowed(filters.group, record.assignmentGroup)) continue;
      const row = toClockRow(record, false);
      // The last stretch of the clock's cycle is the ticket's status at asOf (an open clock has not stopped).
      const now = record.cycle.spans[record.cycle.spans.length - 1];
      clocks.push({
        ...row,
        leftMinutes: Math.round((row.targetMinutes - row.elapsedMinutes) * 100) / 100,
        paused: now?.phase === 'paused',
        currentStatus: now?.status ?? context.initialStatus,
      });
    }
  }
  clocks.sort((a, b) => a.leftMinutes - b.leftMinutes || cmp(a.ticket, b.ticket) || cmp(b.metric, a.metric) || cmp(a.sla, b.sla));
  return {
    version: 1,
    organisation: repository.config.name,
    timeZone: repository.config.timeZone,
    asOf: new Date(asOf).toISOString(),
    clocks,
    counts: {
      running: clocks.filter((c) => c.state === 'running').length,
      warning: clocks.filter((c) => c.warning).length,
      breached: clocks.filter((c) => c.state === 'breached').length,
      paused: clocks.filter((c) => c.paused).length,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
