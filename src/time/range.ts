/**
 * The time `itsm` computes: instants from 1970-01-01T00:00:00Z up to (not including) 2200-01-01T00:00:00Z, and the
 * local dates 1970-01-01 to 2199-12-31. Validation refuses data outside it (rule `date-range`) and the command line
 * refuses options outside it, so that the engine never meets a time it cannot compute. docs/format.md explains the
 * choice; in short:
 *
 * - 1970: local time comes from the runtime's IANA time zone database, which is only authoritative from 1970 on. Since
 *   2022 it merges zones that agree after 1970, so earlier offsets can be another country's: Europe/Stockholm reads
 *   +03:00 in July 1945 (Berlin's double summer time; Sweden kept +01:00), Europe/Amsterdam +01:00 in January 1930
 *   (Amsterdam was +00:19:32). Figures before 1970 could be wrong without anyone noticing.
 * - 2199: the engine computes instants beyond the data (due dates up to five years of business time later, the end of
 *   the last report window, a day's reach of ±18 hours), and every one of them must stay within the years 1000–9999
 *   that ISO 8601 writes with four digits and that src/time/zone.ts accepts. Two centuries of margin cost nothing;
 *   a date past 2199 in service management data is a typo.
 */

/** The first date `itsm` computes, and the first day of the first instant. */
export const FIRST_DATE = '1970-01-01';
/** The last date `itsm` computes. */
export const LAST_DATE = '2199-12-31';
/** The day after the last date: an exclusive end (`--to`) may be this date. */
export const END_DATE = '2200-01-01';
/** The first instant `itsm` computes, in epoch milliseconds (1970-01-01T00:00:00Z). */
export const FIRST_INSTANT = Date.UTC(1970, 0, 1);
/** The end of the instants `itsm` computes, excluded (2200-01-01T00:00:00Z). */
export const END_INSTANT = Date.UTC(2200, 0, 1);

export const FIRST_INSTANT_TEXT = '1970-01-01T00:00:00Z';
export const END_INSTANT_TEXT = '2200-01-01T00:00:00Z';
export const LAST_INSTANT_TEXT = '2199-12-31T23:59:59.999Z';

/** The range in words, for messages: "1970-01-01 to 2199-12-31". */
export const RANGE_TEXT = `${FIRST_DATE} to ${LAST_DATE}`;

/**
 * Whether an instant (epoch milliseconds) is one that data may hold: FIRST_INSTANT ≤ ms < END_INSTANT. With
 * `endIncluded`, END_INSTANT itself is accepted too, as the exclusive end of a period or the instant a report is
 * measured at.
 */
export function isInstantInRange(ms: number, endIncluded = false): boolean {
  return Number.isFinite(ms) && ms >= FIRST_INSTANT && (endIncluded ? ms <= END_INSTANT : ms < END_INSTANT);
}

/**
 * Whether a date written YYYY-MM-DD (already known to be a real date) is one that data may hold: FIRST_DATE to
 * LAST_DATE. With `endIncluded`, END_DATE is accepted too (an exclusive end). Dates compare as text because they are
 * zero-padded.
 */
export function isDateInRange(date: string, endIncluded = false): boolean {
  return date >= FIRST_DATE && (endIncluded ? date <= END_DATE : date <= LAST_DATE);
}

/** Why an instant is out of range, in words: "is before 1970-01-01T00:00:00Z, the first instant itsm computes". */
export function instantOutOfRange(ms: number, endIncluded = false): string {
  return ms < FIRST_INSTANT
    ? `is before ${FIRST_INSTANT_TEXT}, the first instant itsm computes`
    : endIncluded
      ? `is after ${END_INSTANT_TEXT}, the end of the instants itsm computes`
      : `is after ${LAST_INSTANT_TEXT}, the last instant itsm computes`;
}

/** Why a date is out of range, in words: "is after 2199-12-31, the last date itsm computes". */
export function dateOutOfRange(date: string, endIncluded = false): string {
  return date < FIRST_DATE
    ? `is before ${FIRST_DATE}, the first date itsm computes`
    : endIncluded
      ? `is after ${END_DATE}, the end of the dates itsm computes`
      : `is after ${LAST_DATE}, the last date itsm computes`;
}
