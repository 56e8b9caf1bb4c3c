import type { Repository } from '../../model/repository.js';
import type { KeptClocks } from '../../sla/kept-clocks.js';
import { iso } from '../../sla/rows.js';
import { buildSlaReport } from '../../sla/report.js';
import { clockSections } from './clocks.js';
import { reviewContext, type MonthWindow, type ReviewOptions } from './context.js';
import { serviceCredits } from './credits.js';
import { measureImprovements } from './improvements.js';
import { changeSection, problemSection } from './practices.js';
import type { BreakdownClocks, BreakdownCounts } from './sections.js';
import { ticketSections } from './tickets.js';
import type { BreakdownRow, MonthRange, Review } from './types.js';

export interface BuildReviewOptions extends ReviewOptions {
  /** The clocks of an earlier measurement (kept-clocks.ts), as `sla report --cache` uses them. */
  kept?: KeptClocks;
}

/**
 * The monthly service review: every figure of the months up to the reviewed one. The tickets are read and their
 * clocks measured once, by one SLA report over all the months; the sections are tallied from its clocks and from one
 * pass over the tickets' timelines.
 */
export function buildReview(repository: Repository, options: BuildReviewOptions): Review {
  const context = reviewContext(repository, options);
  const { months, asOf, filters } = context;
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const report = buildSlaReport(repository, {
    period: { label: `${first.label}..${last.label}`, from: first.from, to: last.to },
    asOf,
    by: 'month',
    filters: {
      ...(filters.service ? { service: filters.service } : {}),
      ...(filters.consumer ? { consumer: filters.consumer } : {}),
      ...(filters.group ? { group: filters.group } : {}),
      ...(filters.priority ? { priority: filters.priority } : {}),
    },
    ...(options.kept ? { kept: options.kept } : {}),
  });
  const tickets = ticketSections(context);
  const clocks = clockSections(report, context);
  const review: Omit<Review, 'improvements'> = {
    version: 1,
    organisation: repository.config.name,
    timeZone: repository.config.timeZone,
    period: rangeOf(last),
    months: months.map(rangeOf),
    recordsFrom: context.recordsFrom,
    asOf: iso(asOf),
    scope: { services: listOrNull(filters.service), consumers: listOrNull(filters.consumer), groups: listOrNull(filters.group), priorities: listOrNull(filters.priority) },
    minimumSample: context.minimumSample,
    volume: tickets.volume,
    backlog: tickets.backlog,
    speed: { ...clocks.speed, reopen: tickets.reopen, firstContact: tickets.firstContact },
    serviceLevels: { targets: clocks.targets, availability: clocks.availability, credits: serviceCredits(context) },
    recurrence: tickets.recurrence,
    changes: changeSection(context),
    problems: problemSection(context),
    worst: clocks.worst,
    breakdown: {
      services: breakdownRows(tickets.counts.services, clocks.clocks.services, nameMap(repository.services), context.minimumSample),
      consumers: repository.consumers.length === 0 ? null : breakdownRows(tickets.counts.consumers, clocks.clocks.consumers, nameMap(repository.consumers), context.minimumSample),
      groups: repository.groups.length === 0 ? null : breakdownRows(tickets.counts.groups, clocks.clocks.groups, nameMap(repository.groups), context.minimumSample),
    },
  };
  return { ...review, improvements: measureImprovements(review, report, context) };
}

function rangeOf(month: MonthWindow): MonthRange {
  return { label: month.label, from: iso(month.from), to: iso(month.to) };
}

function listOrNull(list: readonly string[] | undefined): string[] | null {
  return list === undefined ? null : [...list];
}

function nameMap(entities: ReadonlyArray<{ doc: { metadata: { id: string; name?: string | undefined } } }>): Map<string, string | null> {
  return new Map(entities.map(({ doc }) => [doc.metadata.id, doc.metadata.name ?? null]));
}

/** One row per id that has a count or a clock in the reviewed month, by id. */
function breakdownRows(
  counts: BreakdownCounts['services'],
  clocks: BreakdownClocks['services'],
  names: ReadonlyMap<string, string | null>,
  minimumSample: number,
): BreakdownRow[] {
  const ids = [...new Set([...counts.keys(), ...clocks.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ids.map((id) => {
    const c = counts.get(id) ?? { opened: 0, resolved: 0, backlog: 0 };
    const k = clocks.get(id) ?? { measured: 0, breached: 0, compliancePercent: null, resolutionMedianMinutes: null, downtimeMinutes: null };
    return { id, name: names.get(id) ?? null, ...c, ...k, fewerThanMinimum: k.measured < minimumSample };
  });
}
