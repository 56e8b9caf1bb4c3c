import type { Repository } from '../../model/repository.js';
import { buildChangeReport } from '../change/report.js';
import { affectedServices } from '../change/records.js';
import { OPEN_STATES, problemFacts, statusContext } from '../problem/state.js';
import type { ReviewContext } from './context.js';
import type { ChangeMonth, ChangeSection, ProblemMonth, ProblemSection } from './types.js';

/**
 * Change success and failure per month, exactly as `itsm change report --period <month>` counts them (one change
 * report per month, its fields mapped, nothing recounted); null when the repository has no change record. With a
 * service filter, a change counts when it affects one of the services (its `service` or `change.services`).
 */
export function changeSection(context: ReviewContext): ChangeSection | null {
  const { repository } = context;
  if (!repository.tickets.some(({ doc }) => doc.spec.type === 'change')) return null;
  const view = changesAffecting(repository, context.filters.service);
  return { months: context.months.map((month) => changeMonth(buildChangeReport(view, month, context.asOf), month.label)) };
}

/**
 * The repository as the change report should see it: the changes (only those that affect one of `services` when
 * given) and the tickets that name a cause (an incident of another service may still have been caused by one of those
 * changes). Nothing else is read by the change report; chosen once, so that the monthly reports do not each go through
 * every ticket (twelve passes over 100,000 tickets cost a third of a second).
 */
function changesAffecting(repository: Repository, services: readonly string[] | undefined): Pick<Repository, 'tickets' | 'config'> {
  const tickets = repository.tickets.filter(({ doc }) =>
    doc.spec.type === 'change' ? services === undefined || affectedServices(doc).some((s) => services.includes(s)) : doc.spec.causedBy !== undefined,
  );
  return { config: repository.config, tickets };
}

function changeMonth(report: ReturnType<typeof buildChangeReport>, month: string): ChangeMonth {
  return {
    month,
    // Implemented by the review's instant: the changes that the failure rate is taken over.
    completed: report.implemented,
    successful: report.successRate.count,
    failed: report.byOutcome.failed + report.byOutcome['backed-out'] + report.byOutcome.partial,
    causedIncidents: report.failureRate.count,
    emergency: report.emergencyShare.count,
    successRatePercent: report.successRate.percent,
    failureRatePercent: report.failureRate.percent,
  };
}

/**
 * Problems opened, resolved and made known errors per month, and those open (and known errors) at the review's
 * instant, with the states of `itsm problem report` (problem/state.ts). A problem withdrawn by the review's instant
 * (cancelled) counts nowhere, as there. Null when the repository holds no problem ticket. Only the service filter
 * applies: problems are a service's, not a consumer's or a group's queue.
 */
export function problemSection(context: ReviewContext): ProblemSection | null {
  const { repository, asOf, months, monthOf, filters } = context;
  if (!repository.tickets.some(({ doc }) => doc.spec.type === 'problem')) return null;
  const status = statusContext(repository.config.statuses);
  const rows: ProblemMonth[] = months.map((m) => ({ month: m.label, opened: 0, resolved: 0, knownErrorsAdded: 0 }));
  let openAtEnd = 0;
  let knownErrorsAtEnd = 0;
  for (const { doc } of repository.tickets) {
    if (doc.spec.type !== 'problem') continue;
    if (filters.service !== undefined && !filters.service.includes(doc.spec.service)) continue;
    const facts = problemFacts(doc, status, asOf);
    if (facts === null) continue;
    const opened = monthOf(facts.opened);
    if (opened >= 0) rows[opened]!.opened++;
    const resolved = firstResolution(doc.spec.timeline ?? [], status.categoryOf, asOf);
    const resolvedMonth = resolved === null ? -1 : monthOf(resolved);
    if (resolvedMonth >= 0) rows[resolvedMonth]!.resolved++;
    const documented = doc.spec.workaround?.documented;
    const documentedAt = documented === undefined ? NaN : Date.parse(documented);
    const documentedMonth = documentedAt <= asOf ? monthOf(documentedAt) : -1;
    if (documentedMonth >= 0) rows[documentedMonth]!.knownErrorsAdded++;
    if (OPEN_STATES.has(facts.state)) openAtEnd++;
    if (facts.state === 'known-error') knownErrorsAtEnd++;
  }
  return { months: rows, openAtEnd, knownErrorsAtEnd };
}

/** The first move to a status of category resolved or closed, at or before `asOf`; null when there is none. */
function firstResolution(
  timeline: ReadonlyArray<{ at: string; status?: string | undefined }>,
  categoryOf: (status: string) => string | undefined,
  asOf: number,
): number | null {
  for (const event of timeline) {
    if (event.status === undefined) continue;
    const at = Date.parse(event.at);
    if (at > asOf) return null;
    const category = categoryOf(event.status);
    if (category === 'resolved' || category === 'closed') return at;
  }
  return null;
}
