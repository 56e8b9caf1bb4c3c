import type { StatusCategory } from '../../model/config.js';
import type { TicketDocument } from '../../model/ticket.js';
import { categoryOf } from './category.js';
import { lastStatusOf } from '../../model/last-status.js';

/** The defaults of `itsm problem suggest`: three incidents within 30 days. */
export const DEFAULT_MIN = 3;
export const DEFAULT_WINDOW = '30d';

export interface SuggestOptions {
  /** How many incidents make a recurrence (at least 2). */
  min: number;
  /** The window, in milliseconds: incidents opened at most this far apart (inclusive) recur together. */
  windowMs: number;
  /** Only incidents opened at or after this instant. */
  since?: number;
  /** As of this instant: incidents opened after it are left out, and a status set after it does not count. */
  asOf?: number;
}

/** Recurring incidents that no problem explains yet: a candidate for problem management. */
export interface ProblemCandidate {
  service: string;
  category: string;
  /** Where the category came from: the ticket's `category` label, or its normalised title. */
  categoryFrom: 'label' | 'title';
  count: number;
  /** When the first and the last of the tickets were opened (ISO 8601 UTC). */
  first: string;
  last: string;
  /** The incidents, in the order they were opened. */
  tickets: string[];
}

/** The result of `itsm problem suggest`, which is also its JSON (docs/problem.md). */
export interface ProblemSuggestions {
  version: 1;
  min: number;
  windowMs: number;
  since: string | null;
  /** Incidents looked at: not linked to a problem, not cancelled, opened at or after `since`. */
  incidents: number;
  /** Most incidents first, then by service, category and first opening. */
  candidates: ProblemCandidate[];
}

interface Entry {
  at: number;
  order: number;
  id: string;
}

/**
 * The incidents without a problem (`spec.problem` absent, not cancelled) on the same service with the same category
 * (category.ts) that recur at least `min` times within the window. In each (service, category) group, sorted by
 * opening (then repository order), a window is every run of incidents whose first and last are at most `windowMs`
 * apart; a window with `min` incidents or more qualifies. Qualifying windows that share an incident are one candidate,
 * so a recurrence that goes on for months is one candidate, and two bursts a quarter apart are two. Near-linear: one
 * sort per group and one pass with two pointers.
 */
export function suggestProblems(tickets: readonly TicketDocument[], categoryOfStatus: (status: string) => StatusCategory | undefined, options: SuggestOptions): ProblemSuggestions {
  const groups = new Map<string, { service: string; category: string; from: 'label' | 'title'; entries: Entry[] }>();
  let looked = 0;
  for (let order = 0; order < tickets.length; order++) {
    const ticket = tickets[order]!;
    if (ticket.spec.type !== 'incident' || ticket.spec.problem !== undefined) continue;
    const at = Date.parse(ticket.spec.opened);
    if (options.since !== undefined && at < options.since) continue;
    if (options.asOf !== undefined && at > options.asOf) continue;
    if (cancelled(ticket, categoryOfStatus, options.asOf)) continue;
    looked++;
    const { category, from } = categoryOf(ticket);
    const key = `${ticket.spec.service}\u0000${from}\u0000${category}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { service: ticket.spec.service, category, from, entries: [] }));
    group.entries.push({ at, order, id: ticket.metadata.id });
  }

  const candidates: ProblemCandidate[] = [];
  for (const group of groups.values()) {
    if (group.entries.length < options.min) continue;
    const entries = group.entries.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const [from, to] of recurrences(entries.map((e) => e.at), options.min, options.windowMs)) {
      const run = entries.slice(from, to + 1);
      candidates.push({
        service: group.service,
        category: group.category,
        categoryFrom: group.from,
        count: run.length,
        first: new Date(run[0]!.at).toISOString(),
        last: new Date(run[run.length - 1]!.at).toISOString(),
        tickets: run.map((e) => e.id),
      });
    }
  }
  candidates.sort((a, b) => b.count - a.count || cmp(a.service, b.service) || cmp(a.category, b.category) || cmp(a.first, b.first));
  return {
    version: 1,
    min: options.min,
    windowMs: options.windowMs,
    since: options.since === undefined ? null : new Date(options.since).toISOString(),
    incidents: looked,
    candidates,
  };
}

/**
 * The runs [from, to] (indexes, inclusive) of sorted instants that qualifying windows cover, qualifying windows that
 * share an instant joined. For each start i, j is the last index with times[j] - times[i] <= windowMs (j only moves
 * forward); the window qualifies when it holds `min` or more.
 */
export function recurrences(times: readonly number[], min: number, windowMs: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    if (j < i) j = i;
    while (j + 1 < times.length && times[j + 1]! - times[i]! <= windowMs) j++;
    if (j - i + 1 < min) continue;
    const last = runs[runs.length - 1];
    if (last && i <= last[1]) last[1] = j;
    else runs.push([i, j]);
  }
  return runs;
}

/** Withdrawn incidents are not recurrences: the last status the timeline gives is in the cancelled category. */
function cancelled(ticket: TicketDocument, categoryOfStatus: (status: string) => StatusCategory | undefined, asOf: number | undefined): boolean {
  const status = lastStatusOf(ticket.spec.timeline, asOf);
  return status !== undefined && categoryOfStatus(status) === 'cancelled';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
