import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Entity, Repository, SourceRef } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { localDateOf, MS_PER_DAY } from '../../time/index.js';
import { dateOutOfRange, FIRST_INSTANT_TEXT, instantOutOfRange, isDateInRange, isInstantInRange, LAST_INSTANT_TEXT, RANGE_TEXT } from '../../time/range.js';
import { ticketColumns, type TicketColumns } from '../../load/ticket-columns.js';
import { diagnosticAt, type Rule } from '../context.js';
import type { TicketRule } from '../ticket-rule.js';

/** One date written in the repository, with where it is. */
interface DateField {
  source: SourceRef;
  path: (string | number)[];
  value: string;
  /** What to do about it beyond fixing a typo, when there is more to say. */
  hint?: string;
}

/**
 * Calls `visit` with each instant of each of `tickets` (whose columns are `columns`): opened, its timeline, its outage
 * and its maintenance window, with its text, its value and its ticket. The path is built only when asked for (a
 * problem to report): a year of tickets has hundreds of thousands of instants, and nearly all of them are fine; for
 * the same reason a visit that finds nothing wrong is a plain comparison of numbers, with nothing allocated.
 */
function forEachTicketInstant(
  tickets: readonly Entity<TicketDocument>[],
  columns: TicketColumns,
  isFine: (ms: number) => boolean,
  visit: (value: string, ms: number, ticket: Entity<TicketDocument>, path: () => (string | number)[]) => void,
): void {
  for (let t = 0; t < tickets.length; t++) {
    const ticket = tickets[t]!;
    const spec = ticket.doc.spec;
    const opened = columns.opened[t]!;
    if (!isFine(opened)) visit(spec.opened, opened, ticket, () => ['spec', 'opened']);
    const timeline = spec.timeline;
    if (timeline !== undefined) {
      const first = columns.eventStart[t]!;
      for (let i = 0; i < timeline.length; i++) {
        const at = columns.eventAt[first + i]!;
        if (!isFine(at)) visit(timeline[i]!.at, at, ticket, () => ['spec', 'timeline', i, 'at']);
      }
    }
    const { outage, maintenance } = spec;
    if (outage) {
      visitText(outage.start, ticket, ['spec', 'outage', 'start'], isFine, visit);
      if (outage.end !== undefined) visitText(outage.end, ticket, ['spec', 'outage', 'end'], isFine, visit);
    }
    if (maintenance) {
      visitText(maintenance.start, ticket, ['spec', 'maintenance', 'start'], isFine, visit);
      visitText(maintenance.end, ticket, ['spec', 'maintenance', 'end'], isFine, visit);
    }
  }
}

/** forEachTicketInstant's visit of an instant that the columns do not hold (outages and maintenance windows). */
function visitText(
  value: string,
  ticket: Entity<TicketDocument>,
  path: readonly (string | number)[],
  isFine: (ms: number) => boolean,
  visit: (value: string, ms: number, ticket: Entity<TicketDocument>, path: () => (string | number)[]) => void,
): void {
  const ms = Date.parse(value);
  if (!isFine(ms)) visit(value, ms, ticket, () => [...path]);
}

/** Every date of every kind: calendars (holidays, special days), subscriptions, usage records. */
function* dateFields(repository: Omit<Repository, 'tickets'>): Generator<DateField> {
  for (const { source, doc } of repository.calendars) {
    for (const [i, holiday] of (doc.spec.holidays ?? []).entries()) yield { source, path: ['spec', 'holidays', i, 'date'], value: holiday.date };
    for (const [i, day] of (doc.spec.specialDays ?? []).entries()) yield { source, path: ['spec', 'specialDays', i, 'date'], value: day.date };
  }
  for (const { source, doc } of repository.consumers) {
    for (const [i, sub] of (doc.spec.subscriptions ?? []).entries()) {
      yield { source, path: ['spec', 'subscriptions', i, 'from'], value: sub.from };
      if (sub.to !== undefined) {
        yield { source, path: ['spec', 'subscriptions', i, 'to'], value: sub.to, hint: 'leave out "to" for a subscription that does not end' };
      }
    }
  }
  for (const { source, doc } of repository.usage) yield { source, path: ['date'], value: doc.date };
}

/**
 * Instants and dates must lie in the time the engine computes (src/time/range.ts: 1970-01-01 to 2199-12-31). The
 * schema accepts any year of four digits, so without this a typo such as 0206 for 2026 passed validation and then
 * stopped every figure with an internal error.
 */
export const dateRange: TicketRule<Diagnostic[]> = {
  id: 'date-range',
  description: `An instant or a date outside the time itsm computes (${RANGE_TEXT}).`,
  // A ticket's instants are out of range or not whatever the other files hold: the facts of a file are its findings.
  facts(_context, { tickets }) {
    const diagnostics: Diagnostic[] = [];
    const columns = ticketColumns(tickets);
    forEachTicketInstant(tickets, columns, isInstantInRange, (value, ms, { source }, path) => {
      diagnostics.push(
        diagnosticAt(source, path(), 'date-range', 'error', `${value} ${instantOutOfRange(ms)}`, {
          hint: `itsm computes the instants from ${FIRST_INSTANT_TEXT} to ${LAST_INSTANT_TEXT}, in UTC; is the year a typo?`,
        }),
      );
    });
    return diagnostics;
  },
  check({ repository }, facts) {
    const diagnostics = facts.flat();
    for (const field of dateFields(repository)) {
      if (!isDateInRange(field.value)) {
        diagnostics.push(
          diagnosticAt(field.source, field.path, 'date-range', 'error', `${field.value} ${dateOutOfRange(field.value)}`, {
            hint: field.hint ?? `itsm computes ${RANGE_TEXT}; is the year a typo?`,
          }),
        );
      }
    }
    return diagnostics;
  },
};

/** How far from the bulk of the tickets an instant may lie before it looks like a typo: 10 years (of 365.25 days). */
export const PLAUSIBLE_YEARS = 10;
const MS_PER_YEAR = 365.25 * MS_PER_DAY;

/**
 * A ticket instant far from all the others is usually a typo that the range cannot catch (2062 for 2026). The bulk is
 * the middle half of the tickets' `opened` instants (the lower and upper quartile, rounded inwards, so that with three
 * tickets it is the median): robust to the outliers it looks for, and wide enough for a repository with decades of
 * history. Needs three tickets or more; with fewer there is no bulk to compare with.
 */
// Whether an instant is reported depends on the quartiles of every file, and for any instant of a file, files elsewhere
// can put the bulk more than PLAUSIBLE_YEARS from it: no facts smaller than the text and place of each instant give the
// findings. So the facts are what decides whether a file has any (its in-range `opened` instants, for the bulk, and
// the span of all its in-range instants), and check reads the tickets of a file only when its span reaches beyond the
// bulk's reach: a file with a typo in a year, which a run that kept the file's facts then reads again.
export const implausibleDate: TicketRule<InstantFacts> = {
  id: 'implausible-date',
  description: `A ticket instant more than ${PLAUSIBLE_YEARS} years before or after the middle half of the repository's tickets.`,
  facts(_context, { tickets }) {
    const columns = ticketColumns(tickets);
    const opened: number[] = [];
    for (const ms of columns.opened) if (isInstantInRange(ms)) opened.push(ms);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const widen = (ms: number) => {
      if (!isInstantInRange(ms)) return;
      if (ms < min) min = ms;
      if (ms > max) max = ms;
    };
    for (const ms of columns.opened) widen(ms);
    for (const ms of columns.eventAt) widen(ms);
    for (const { doc } of tickets) {
      const { outage, maintenance } = doc.spec;
      if (outage) {
        widen(Date.parse(outage.start));
        if (outage.end !== undefined) widen(Date.parse(outage.end));
      }
      if (maintenance) {
        widen(Date.parse(maintenance.start));
        widen(Date.parse(maintenance.end));
      }
    }
    return max < min ? { opened, span: null } : { opened, span: [min, max] };
  },
  check({ repository }, facts, files) {
    const opened = facts.flatMap((f) => f.opened);
    if (opened.length < 3) return [];
    opened.sort((a, b) => a - b);
    const low = opened[Math.ceil((opened.length - 1) / 4)]!;
    const high = opened[Math.floor((3 * (opened.length - 1)) / 4)]!;
    const reach = PLAUSIBLE_YEARS * MS_PER_YEAR;
    const tz = repository.config.timeZone;
    const bulk = `opened ${localDateOf(tz, low)} to ${localDateOf(tz, high)}`;
    const diagnostics: Diagnostic[] = [];
    // Out of range is date-range's to report; in reach is fine.
    const isFine = (ms: number) => !isInstantInRange(ms) || (ms >= low - reach && ms <= high + reach);
    facts.forEach(({ span }, f) => {
      if (span === null || (isFine(span[0]) && isFine(span[1]))) return;
      const { tickets } = files(f);
      const columns = ticketColumns(tickets);
      forEachTicketInstant(tickets, columns, isFine, (value, ms, { source }, path) => {
        const years = Math.floor((ms < low ? low - ms : ms - high) / MS_PER_YEAR);
        diagnostics.push(
          diagnosticAt(source, path(), 'implausible-date', 'warning', `${value} is ${years} years ${ms < low ? 'before' : 'after'} the middle half of the repository's tickets (${bulk})`, {
            hint: 'is the year a typo?',
          }),
        );
      });
    });
    return diagnostics;
  },
};

/** What implausible-date keeps of a ticket file: its in-range `opened` instants, and the earliest and latest of all its in-range instants. */
interface InstantFacts {
  opened: number[];
  span: [number, number] | null;
}
