import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Repository, SourceRef } from '../../model/repository.js';
import type { TicketDocument } from '../../model/ticket.js';
import { localDateOf, MS_PER_DAY } from '../../time/index.js';
import { dateOutOfRange, FIRST_INSTANT_TEXT, instantOutOfRange, isDateInRange, isInstantInRange, LAST_INSTANT_TEXT, RANGE_TEXT } from '../../time/range.js';
import { diagnosticAt, type Rule } from '../context.js';

/** One instant or date written in the repository, with where it is. */
interface TimeField {
  source: SourceRef;
  path: (string | number)[];
  value: string;
  kind: 'instant' | 'date';
  /** What to do about it beyond fixing a typo, when there is more to say. */
  hint?: string;
}

/** The instants of a ticket: opened, its timeline, its outage and its maintenance window. */
function ticketInstants(doc: TicketDocument): Array<{ path: (string | number)[]; value: string }> {
  const { spec } = doc;
  const fields: Array<{ path: (string | number)[]; value: string }> = [{ path: ['spec', 'opened'], value: spec.opened }];
  spec.timeline?.forEach((event, i) => fields.push({ path: ['spec', 'timeline', i, 'at'], value: event.at }));
  if (spec.outage) {
    fields.push({ path: ['spec', 'outage', 'start'], value: spec.outage.start });
    if (spec.outage.end !== undefined) fields.push({ path: ['spec', 'outage', 'end'], value: spec.outage.end });
  }
  if (spec.maintenance) {
    fields.push({ path: ['spec', 'maintenance', 'start'], value: spec.maintenance.start });
    fields.push({ path: ['spec', 'maintenance', 'end'], value: spec.maintenance.end });
  }
  return fields;
}

/** Every instant and date of every kind: tickets, calendars (holidays, special days), subscriptions, usage records. */
function* timeFields(repository: Repository): Generator<TimeField> {
  for (const { source, doc } of repository.tickets) {
    for (const field of ticketInstants(doc)) yield { source, ...field, kind: 'instant' };
  }
  for (const { source, doc } of repository.calendars) {
    for (const [i, holiday] of (doc.spec.holidays ?? []).entries()) yield { source, path: ['spec', 'holidays', i, 'date'], value: holiday.date, kind: 'date' };
    for (const [i, day] of (doc.spec.specialDays ?? []).entries()) yield { source, path: ['spec', 'specialDays', i, 'date'], value: day.date, kind: 'date' };
  }
  for (const { source, doc } of repository.consumers) {
    for (const [i, sub] of (doc.spec.subscriptions ?? []).entries()) {
      yield { source, path: ['spec', 'subscriptions', i, 'from'], value: sub.from, kind: 'date' };
      if (sub.to !== undefined) {
        yield { source, path: ['spec', 'subscriptions', i, 'to'], value: sub.to, kind: 'date', hint: 'leave out "to" for a subscription that does not end' };
      }
    }
  }
  for (const { source, doc } of repository.usage) yield { source, path: ['date'], value: doc.date, kind: 'date' };
}

/**
 * Instants and dates must lie in the time the engine computes (src/time/range.ts: 1970-01-01 to 2199-12-31). The
 * schema accepts any year of four digits, so without this a typo such as 0206 for 2026 passed validation and then
 * stopped every figure with an internal error.
 */
export const dateRange: Rule = {
  id: 'date-range',
  description: `An instant or a date outside the time itsm computes (${RANGE_TEXT}).`,
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const field of timeFields(repository)) {
      if (field.kind === 'instant') {
        const ms = Date.parse(field.value);
        if (isInstantInRange(ms)) continue;
        diagnostics.push(
          diagnosticAt(field.source, field.path, 'date-range', 'error', `${field.value} ${instantOutOfRange(ms)}`, {
            hint: `itsm computes the instants from ${FIRST_INSTANT_TEXT} to ${LAST_INSTANT_TEXT}, in UTC; is the year a typo?`,
          }),
        );
      } else if (!isDateInRange(field.value)) {
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
export const implausibleDate: Rule = {
  id: 'implausible-date',
  description: `A ticket instant more than ${PLAUSIBLE_YEARS} years before or after the middle half of the repository's tickets.`,
  check({ repository }) {
    const opened = repository.tickets.map((t) => Date.parse(t.doc.spec.opened)).filter((ms) => isInstantInRange(ms));
    if (opened.length < 3) return [];
    opened.sort((a, b) => a - b);
    const low = opened[Math.ceil((opened.length - 1) / 4)]!;
    const high = opened[Math.floor((3 * (opened.length - 1)) / 4)]!;
    const reach = PLAUSIBLE_YEARS * MS_PER_YEAR;
    const tz = repository.config.timeZone;
    const bulk = `opened ${localDateOf(tz, low)} to ${localDateOf(tz, high)}`;
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.tickets) {
      for (const field of ticketInstants(doc)) {
        const ms = Date.parse(field.value);
        if (!isInstantInRange(ms) || (ms >= low - reach && ms <= high + reach)) continue;
        const years = Math.floor((ms < low ? low - ms : ms - high) / MS_PER_YEAR);
        diagnostics.push(
          diagnosticAt(source, field.path, 'implausible-date', 'warning', `${field.value} is ${years} years ${ms < low ? 'before' : 'after'} the middle half of the repository's tickets (${bulk})`, {
            hint: 'is the year a typo?',
          }),
        );
      }
    }
    return diagnostics;
  },
};
