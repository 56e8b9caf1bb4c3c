import { ticketColumns } from '../../load/ticket-columns.js';
import { categoryOf as incidentCategoryOf, type IncidentCategory } from '../problem/category.js';
import type { TicketDocument } from '../../model/ticket.js';
import { BacklogTally } from './backlog.js';
import { inServiceAndConsumer, type ReviewContext } from './context.js';
import { RecurrenceTally } from './recurrence.js';
import type { BreakdownCounts, Counts, TicketSections } from './sections.js';
import { percentOf } from './stats.js';
import { monthCuts, TicketFactsWalker } from './ticket-facts.js';
import type { RateMonth } from './types.js';
import { VolumeTally } from './volume.js';

/**
 * Volume, backlog, reopen and first-contact rates, recurrence and the breakdown's counts, in one pass over the tickets
 * (docs/review.md gives every definition). Each ticket's timeline is walked once (ticket-facts.ts), on the instants the
 * loader already parsed (ticket-columns.ts); the tallies keep counts in typed arrays, so the pass allocates per ticket
 * only what a ticket adds to a row that did not exist yet.
 */
export function ticketSections(context: ReviewContext): TicketSections {
  const { repository, months, asOf, filters } = context;
  const tickets = repository.tickets;
  const columns = ticketColumns(tickets);
  const count = months.length;
  const last = count - 1;
  // Ages are taken at each month's end, or at the review's instant when the month has not ended.
  const ends = Float64Array.from(months, (month) => Math.min(month.to, asOf));
  const initialStatus = repository.config.statuses.find((s) => s.category === 'new')?.id ?? 'new';
  const walker = new TicketFactsWalker(monthCuts(months, asOf), asOf, initialStatus, context.categoryOf);
  const volume = new VolumeTally(months, context.previous, context.yearAgo);
  const backlog = new BacklogTally(months, ends);
  const recurrence = new RecurrenceTally(count);
  const resolved = new Int32Array(count);
  const reopened = new Int32Array(count);
  const firstContactResolved = new Int32Array(count);
  const firstContact = new Int32Array(count);
  const counts: BreakdownCounts = { services: new Map(), consumers: new Map(), groups: new Map() };
  const groupFilter = filters.group === undefined ? undefined : new Set(filters.group);
  const priorityFilter = filters.priority === undefined ? undefined : new Set(filters.priority);
  const categoryOf = categoryReader();

  for (let i = 0; i < columns.opened.length; i++) {
    const doc = tickets[i]!.doc;
    const spec = doc.spec;
    const opened = columns.opened[i]!;
    // A ticket opened after the review's instant is not known to it.
    if (opened > asOf || !inServiceAndConsumer(doc, filters)) continue;
    const facts = walker.read(spec, opened, columns.eventAt, columns.eventStart[i]!);
    if (groupFilter !== undefined && (facts.group === null || !groupFilter.has(facts.group))) continue;
    if (priorityFilter !== undefined && !priorityFilter.has(facts.priority)) continue;

    const openedMonth = context.monthOf(opened);
    volume.addOpened(opened, openedMonth, spec.type, facts.priority);
    const isResolved = !facts.cancelled && !Number.isNaN(facts.firstResolved);
    const resolvedMonth = isResolved ? context.monthOf(facts.firstResolved) : -1;
    if (isResolved) volume.addResolved(facts.firstResolved, resolvedMonth, spec.type, facts.priority);
    if (resolvedMonth >= 0) {
      resolved[resolvedMonth]!++;
      if (facts.reopened) reopened[resolvedMonth]!++;
      if (spec.type === 'incident' || spec.type === 'request') {
        firstContactResolved[resolvedMonth]!++;
        if (!facts.reopened && !facts.handedOff) firstContact[resolvedMonth]!++;
      }
    }
    for (let m = 0; m < count; m++) if (facts.openAtEnd[m] === 1) backlog.addOpen(m, opened);
    const openAtEnd = facts.openAtEnd[last] === 1;
    if (openAtEnd && backlog.isOldest(opened, doc.metadata.id)) {
      backlog.addOldest({
        ticket: doc.metadata.id,
        title: spec.title,
        type: spec.type,
        service: spec.service,
        priority: facts.priority,
        status: facts.statusAtLastEnd,
        group: facts.groupAtLastEnd,
        opened,
      });
    }
    if (spec.type === 'incident' && openedMonth >= 0 && !facts.cancelled) recurrence.add(openedMonth, spec.service, categoryOf(doc));

    const openedHere = openedMonth === last ? 1 : 0;
    const resolvedHere = resolvedMonth === last ? 1 : 0;
    const backlogHere = openAtEnd ? 1 : 0;
    if (openedHere + resolvedHere + backlogHere > 0) {
      addCounts(counts.services, spec.service, openedHere, resolvedHere, backlogHere);
      if (spec.consumer !== undefined) addCounts(counts.consumers, spec.consumer, openedHere, resolvedHere, backlogHere);
      if (facts.groupAtLastEnd !== null) addCounts(counts.groups, facts.groupAtLastEnd, openedHere, resolvedHere, backlogHere);
    }
  }

  const rates = (counted: Int32Array, of: Int32Array): RateMonth[] =>
    months.map((month, m) => ({
      month: month.label,
      resolved: of[m]!,
      count: counted[m]!,
      ratePercent: percentOf(counted[m]!, of[m]!),
      fewerThanMinimum: of[m]! < context.minimumSample,
    }));
  return {
    volume: volume.section(repository.config.priorities.map((p) => p.id)),
    backlog: backlog.section(),
    reopen: rates(reopened, resolved),
    firstContact: rates(firstContact, firstContactResolved),
    recurrence: recurrence.section(),
    counts,
  };
}

/**
 * The category of an incident (category.ts), its title's normalised once per title: incidents that recur share their
 * title more often than not, and normalising is the costliest step of the pass.
 */
function categoryReader(): (doc: TicketDocument) => IncidentCategory {
  const byTitle = new Map<string, IncidentCategory>();
  return (doc) => {
    // With a category label, the label decides (and costs nothing); without one, the title alone does.
    if (doc.metadata.labels?.['category'] !== undefined) return incidentCategoryOf(doc);
    let category = byTitle.get(doc.spec.title);
    if (category === undefined) {
      category = incidentCategoryOf(doc);
      byTitle.set(doc.spec.title, category);
    }
    return category;
  };
}

function addCounts(map: Map<string, Counts>, id: string, opened: number, resolved: number, backlog: number): void {
  const counts = map.get(id);
  if (counts === undefined) map.set(id, { opened, resolved, backlog });
  else {
    counts.opened += opened;
    counts.resolved += resolved;
    counts.backlog += backlog;
  }
}
