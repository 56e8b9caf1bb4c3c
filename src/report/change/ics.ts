import ICAL from 'ical.js';
import type { ChangeCalendar } from '../../practices/change/index.js';
import { addLocalDays } from '../../time/index.js';
import { foldIcsLines } from '../ics-fold.js';

/**
 * The change schedule as iCalendar (RFC 5545) for Outlook and the CAB's shared calendar:
 *
 * - one VEVENT per change, UID `<change-id>@itsm-change`, so that importing the file again updates the events instead
 *   of duplicating them; DTSTART and DTEND in UTC (RFC 5545 §3.3.5 form 2), SUMMARY "<id>: <title>", DESCRIPTION
 *   with type, risk and services, CATEGORIES the change type and "Change";
 * - one all-day VEVENT per freeze (DTSTART;VALUE=DATE, DTEND the day after its last day, §3.6.1), UID
 *   `<freeze-id>@itsm-freeze`, TRANSP:TRANSPARENT so that it does not show the CAB as busy, CATEGORIES "Change freeze";
 * - a cancelled change whose window is in the schedule is an event with STATUS:CANCELLED, so that a calendar that
 *   imported it takes it out;
 * - DTSTAMP is a change's last revision (its ticket's last timeline event, or its opening), a freeze's the schedule's
 *   start: never the clock, so the same repository gives the same bytes.
 * ical.js writes the text: CRLF line ends, TEXT values escaped (§3.3.11); ics-fold.ts folds its lines at 75 octets (§3.1).
 */
export function formatCalendarIcs(calendar: ChangeCalendar): string {
  const stamp = ICAL.Time.fromJSDate(new Date(calendar.period.from), true);
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('prodid', '-//itsm//change calendar//EN');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('calscale', 'GREGORIAN');
  root.addPropertyWithValue('x-wr-calname', `Change schedule ${calendar.period.label}`);
  const events = [...calendar.changes.map((c) => ({ c, cancelled: false })), ...calendar.cancelled.map((c) => ({ c, cancelled: true }))];
  for (const { c, cancelled } of events) {
    if (c.start === null || c.end === null) continue;
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', `${c.id}@itsm-change`);
    // Without METHOD, DTSTAMP is when the event was last revised (RFC 5545 §3.8.7.2): the ticket's last event.
    event.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(c.revised), true));
    event.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(c.start), true));
    event.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(c.end), true));
    event.addPropertyWithValue('summary', `${c.id}: ${c.title}`);
    event.addPropertyWithValue('description', `Type: ${c.type ?? 'unspecified'}\nRisk: ${c.risk ?? 'unspecified'}\nServices: ${c.services.join(', ')}\nStatus: ${c.status}`);
    const categories = event.addPropertyWithValue('categories', 'Change');
    if (c.type !== null) categories.setValues(['Change', c.type]);
    // A calendar that imported the change before it was withdrawn takes it out (§3.8.1.11).
    if (cancelled) event.addPropertyWithValue('status', 'CANCELLED');
    root.addSubcomponent(event);
  }
  for (const f of calendar.freezes) {
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', `${f.id}@itsm-freeze`);
    event.addPropertyWithValue('dtstamp', stamp);
    event.addPropertyWithValue('dtstart', ICAL.Time.fromDateString(f.from));
    event.addPropertyWithValue('dtend', ICAL.Time.fromDateString(addLocalDays(f.to, 1)));
    event.addPropertyWithValue('summary', `Change freeze: ${f.name}`);
    event.addPropertyWithValue('description', `Services: ${f.services === null ? 'all services' : f.services.join(', ')}`);
    event.addPropertyWithValue('categories', 'Change freeze');
    event.addPropertyWithValue('transp', 'TRANSPARENT');
    root.addSubcomponent(event);
  }
  return `${foldIcsLines(root.toString())}\r\n`;
}
