import type { StatusCategory } from '../model/config.js';
import type { Repository } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import { findTarget, type CompiledAgreement } from './agreements.js';
import {
  ALL_EVENTS,
  judge,
  priorityAt,
  resolutionCycles,
  responseCycles,
  statusSpans,
  ticketHistory,
  type ClockState,
  type Cycle,
  type Metric,
} from './clock.js';

/** One clock of one ticket under one agreement, as of the measurement instant. */
export interface ClockRecord {
  ticket: string;
  title: string;
  type: TicketDocument['spec']['type'];
  service: string;
  consumer: string | null;
  sla: string;
  metric: Metric;
  /** The priority that selected the target: the ticket's priority when the clock stopped, or now if it runs. */
  priority: string;
  state: ClockState;
  warning: boolean;
  within: string;
  targetMs: number;
  objective: number;
  elapsedMs: number;
  pausedMs: number;
  startedAt: number;
  stoppedAt: number | null;
  breachedAt: number | null;
  dueAt: number | null;
  /** Number of cycles (more than one only with `new-cycle` reopening); the record describes the last. */
  cycles: number;
  anyCycleBreached: boolean;
  /** The last cycle, for `sla explain`. */
  cycle: Cycle;
}

export interface MeasureContext {
  agreements: ReadonlyMap<string, CompiledAgreement>;
  /** Agreement ids that apply to each service: its SLA first, then its other agreements. */
  agreementsOfService: ReadonlyMap<string, readonly string[]>;
  categoryOf: (status: string) => StatusCategory | undefined;
  initialStatus: string;
}

export function measureContext(repository: Repository, agreements: ReadonlyMap<string, CompiledAgreement>): MeasureContext {
  const agreementsOfService = new Map<string, string[]>();
  for (const { doc } of repository.services) {
    if (agreementsOfService.has(doc.metadata.id)) continue;
    const ids = [...(doc.spec.sla !== undefined ? [doc.spec.sla] : []), ...(doc.spec.agreements ?? [])].filter((id, i, all) => all.indexOf(id) === i && agreements.has(id));
    agreementsOfService.set(doc.metadata.id, ids);
  }
  const categories = new Map(repository.config.statuses.map((s) => [s.id, s.category]));
  const initialStatus = repository.config.statuses.find((s) => s.category === 'new')?.id ?? 'new';
  return { agreements, agreementsOfService, categoryOf: (s) => categories.get(s), initialStatus };
}

/**
 * Every clock of a ticket as of `asOf`: one per agreement of its service and per metric that has a target for the
 * ticket's type and priority. Events after `asOf` are not yet known and are ignored.
 */
export function measureTicket(ticket: TicketDocument, context: MeasureContext, asOf: number): ClockRecord[] {
  const opened = Date.parse(ticket.spec.opened);
  if (opened >= asOf) return [];
  const records: ClockRecord[] = [];
  const history = ticketHistory(ticket, context.initialStatus);
  for (const slaId of context.agreementsOfService.get(ticket.spec.service) ?? []) {
    const agreement = context.agreements.get(slaId)!;
    const spans = statusSpans(history, asOf, context.categoryOf, agreement.policy.pauseOn);
    for (const metric of ['response', 'resolution'] as const) {
      const cycles = metric === 'response' ? responseCycles(spans, history, asOf, agreement.policy.calendar) : resolutionCycles(spans, history, agreement.policy);
      const last = cycles[cycles.length - 1];
      if (!last) continue;
      const priority = priorityAt(history, last.stoppedAt ?? asOf, last.stoppedBy ?? ALL_EVENTS);
      const target = findTarget(agreement, metric, ticket.spec.type, priority);
      if (!target) continue;
      // Each earlier `new-cycle` cycle is judged against the priority it had when it stopped, as Jira keeps the goal
      // of a completed cycle: a later escalation does not rewrite a cycle that was over. One without a target then
      // did not breach.
      const verdicts = cycles.map((c) => {
        const cycleTarget = c === last ? target : findTarget(agreement, metric, ticket.spec.type, priorityAt(history, c.stoppedAt ?? asOf, c.stoppedBy ?? ALL_EVENTS));
        return cycleTarget ? judge(c, cycleTarget.targetMs, agreement.warningFraction, agreement.policy.calendar, asOf) : null;
      });
      const verdict = verdicts[verdicts.length - 1]!;
      records.push({
        ticket: ticket.metadata.id,
        title: ticket.spec.title,
        type: ticket.spec.type,
        service: ticket.spec.service,
        consumer: ticket.spec.consumer ?? null,
        sla: slaId,
        metric,
        priority,
        state: verdict.state,
        warning: verdict.warning,
        within: target.within,
        targetMs: target.targetMs,
        objective: target.objective,
        elapsedMs: last.elapsedMs,
        pausedMs: last.pausedMs,
        startedAt: last.startedAt,
        stoppedAt: last.stoppedAt,
        breachedAt: verdict.breachedAt,
        dueAt: verdict.dueAt,
        cycles: cycles.length,
        anyCycleBreached: verdicts.some((v) => v?.state === 'breached'),
        cycle: last,
      });
    }
  }
  return records;
}
