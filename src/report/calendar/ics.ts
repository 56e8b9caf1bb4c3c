import ICAL from 'ical.js';
import { addLocalDays } from '../../time/index.js';
import type { CalendarDays } from './days.js';
import { foldIcsLines } from '../ics-fold.js';

/** The property that marks a special day with working hours, so that reading the file back leaves it out of holidays. */
export const HOURS_PROPERTY = 'X-ITSM-HOURS';

/**
 * The calendar's holidays and special days as iCalendar (RFC 5545) that Outlook and Google Calendar import: one all-day
 * VEVENT per date (DTSTART;VALUE=DATE and DTEND the next day), TRANSP:TRANSPARENT like a public-holiday calendar.
 *
 * - Dates are written out, never as recurrence rules: the file says exactly which days the calendar closes, after
 *   merging its document and its own iCalendar file, whatever produced them.
 * - A special day with hours is an all-day event too, with its hours in DESCRIPTION and in `X-ITSM-HOURS` (a
 *   non-standard property, RFC 5545 §3.8.8.2): itsm reads such an event back as no holiday, so a calendar that takes
 *   its holidays from this file keeps the half day in its own `specialDays`. A special day with no hours is a holiday.
 * - Deterministic: UID `<calendar-id>-<date>@itsm` and DTSTAMP the event's own date at 00:00 UTC, so exporting an
 *   unchanged calendar gives the same bytes and re-importing updates events instead of duplicating them.
 * - ical.js writes the text: CRLF line ends and lines folded at 75 characters, folded again at 75 octets by ics-fold.ts (§3.1).
 */
export function formatCalendarIcs(days: CalendarDays): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//itsm//calendar export//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('x-wr-calname', days.name);
  for (const day of days.days) {
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', `${days.id}-${day.date}@itsm`);
    event.addPropertyWithValue('dtstamp', ICAL.Time.fromDateTimeString(`${day.date}T00:00:00Z`));
    event.addPropertyWithValue('dtstart', ICAL.Time.fromDateString(day.date));
    event.addPropertyWithValue('dtend', ICAL.Time.fromDateString(addLocalDays(day.date, 1)));
    event.addPropertyWithValue('summary', day.name);
    const hours = day.kind === 'special-day' ? (day.hours ?? []) : [];
    if (hours.length > 0) {
      event.addPropertyWithValue('description', `Special day: working hours ${hours.join(', ')} (${days.timeZone}).`);
      event.addPropertyWithValue(HOURS_PROPERTY.toLowerCase(), hours.join(','));
      event.addPropertyWithValue('categories', 'Special day');
    } else {
      event.addPropertyWithValue('categories', 'Holiday');
    }
    event.addPropertyWithValue('transp', 'TRANSPARENT');
    calendar.addSubcomponent(event);
  }
  return `${foldIcsLines(calendar.toString())}\r\n`;
}
