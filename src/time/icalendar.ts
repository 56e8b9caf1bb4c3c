import ICAL from 'ical.js';
import type { HolidayFileContent } from '../model/repository.js';
import { FIRST_DATE, LAST_DATE } from './range.js';
import { addLocalDays, dayNumberOf } from './zone.js';

/**
 * Holidays from an iCalendar file (RFC 5545), read with ical.js (Mozilla's parser, the one Thunderbird uses): every
 * all-day VEVENT (`DTSTART;VALUE=DATE`) is a holiday on each day it covers, named by its SUMMARY. Pure: text in,
 * holidays and problems (with 1-based lines and columns) out.
 *
 * - Recurrences are expanded the way RFC 5545 §3.8.5 defines them (ical.js does it): RRULE, RDATE and EXDATE, and a
 *   VEVENT with a RECURRENCE-ID replaces the occurrence of its UID on that date. Only dates the engine computes are
 *   kept (src/time/range.ts: 1970-01-01 to 2199-12-31); expansion stops there.
 * - A multi-day event covers DTSTART up to the day before DTEND (DTEND is exclusive, §3.6.1), or DURATION days; an
 *   all-day event with neither lasts one day.
 * - A timed event (DTSTART with a time) is not a holiday: it is left out with a warning, because a working day with a
 *   two-hour meeting is still a working day (part-day closures are special days in the calendar's YAML).
 * - Cancelled events (STATUS:CANCELLED) are left out, and so are the special days with working hours that
 *   `itsm calendar export` writes (marked X-ITSM-HOURS): they are not closed days. Of two events on the same date the
 *   first in the file names it.
 */

/** A problem in the file, at a 1-based line and column of the text. */
export interface IcsProblem {
  rule: 'icalendar-syntax' | 'icalendar-timed-event';
  severity: 'error' | 'warning';
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/**
 * What an iCalendar file says about holidays. `years` are the years the file writes out: every occurrence of its
 * one-off events and of rules that end (UNTIL or COUNT), and the first year of rules that do not; undefined when the
 * file has no holiday.
 */
export interface HolidayFile extends HolidayFileContent {
  problems: IcsProblem[];
}

/** More occurrences than this in one file is not a list of holidays (a daily rule without end would give 84,000). */
export const MAX_OCCURRENCES = 10_000;

const SYNTAX_HINT = 'the file must be iCalendar (RFC 5545): BEGIN:VCALENDAR, VEVENTs with DTSTART;VALUE=DATE:YYYYMMDD and SUMMARY, END:VCALENDAR';
const FIRST_YEAR = Number(FIRST_DATE.slice(0, 4));
const LAST_YEAR = Number(LAST_DATE.slice(0, 4));

/** One unfolded content line (RFC 5545 §3.1): its text, where it starts, and the column of its value. */
interface ContentLine {
  line: number;
  text: string;
  name: string;
  valueColumn: number;
}

/** The properties of one VEVENT of the top-level VCALENDAR, by name, with the line of its BEGIN. */
interface EventLines {
  line: number;
  properties: Map<string, ContentLine>;
  /** The VEVENT as ical.js read it (set once both are known). */
  component?: ICAL.Component;
}

export function readHolidayFile(text: string): HolidayFile {
  const lines = contentLines(text);
  const structure = readStructure(lines);
  if ('problem' in structure) return { holidays: [], problems: [structure.problem] };
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { holidays: [], problems: [lineProblem(lines, error)] };
  }
  const roots = (isComponentList(parsed) ? parsed : [parsed]).map((jcal) => new ICAL.Component(jcal as unknown[]));
  const events = roots.flatMap((root) => root.getAllSubcomponents('vevent'));
  const reader = new HolidayReader();
  const overrides: Array<{ event: ICAL.Event; lines: EventLines }> = [];
  events.forEach((component, i) => {
    const where = { ...(structure.events[i] ?? { line: 1, properties: new Map<string, ContentLine>() }), component };
    // A special day with working hours, as `itsm calendar export` writes it: part of a calendar's own specialDays.
    if (component.hasProperty('x-itsm-hours')) return;
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
      // A cancelled instance of a recurring event removes that occurrence, like an EXDATE.
      if (component.hasProperty('recurrence-id')) reader.cancel(component, where);
      return;
    }
    const event = new ICAL.Event(component);
    if (component.hasProperty('recurrence-id')) overrides.push({ event, lines: where });
    else reader.add(event, where);
  });
  for (const { event, lines: where } of overrides) reader.replace(event, where);
  return reader.result();
}

class HolidayReader {
  private readonly byDate = new Map<string, string>();
  /** Occurrences by UID, each with its dates, so that a RECURRENCE-ID can take one back. */
  private readonly occurrences = new Map<string, Map<string, string[]>>();
  private readonly problems: IcsProblem[] = [];
  private count = 0;
  private first = Infinity;
  private last = -Infinity;
  private tooMany = false;

  add(event: ICAL.Event, where: EventLines): void {
    const first = this.dateOf(() => event.startDate, where, 'DTSTART');
    if (first === undefined) return;
    if (!first.isDate) {
      const name = event.summary || '(no SUMMARY)';
      this.problems.push({
        rule: 'icalendar-timed-event',
        severity: 'warning',
        ...at(where.properties.get('DTSTART'), where.line),
        message: `event "${name}" has a time of day (DTSTART ${first.toString()}); only all-day events are holidays, so it is ignored`,
        hint: 'write a holiday as an all-day event, DTSTART;VALUE=DATE:YYYYMMDD; a part-day closure is a special day in the calendar itself',
      });
      return;
    }
    const length = this.lengthOf(event, where);
    if (length === undefined) return;
    const name = event.summary || 'Holiday';
    const uid = event.uid ?? '';
    if (!event.isRecurring()) {
      this.see(first.year);
      this.record(uid, toDate(first), length, name, true);
      return;
    }
    const rule = event.component.getFirstPropertyValue('rrule');
    const bounded = !(rule instanceof ICAL.Recur) || rule.isFinite();
    this.see(first.year);
    for (const rdate of where.properties.has('RDATE') ? event.component.getAllProperties('rdate') : []) {
      for (const value of rdate.getValues()) if (value instanceof ICAL.Time) this.see(value.year);
    }
    try {
      const expansion = event.iterator();
      for (let next = expansion.next(); next && next.year <= LAST_YEAR; next = expansion.next()) {
        if (++this.count > MAX_OCCURRENCES) {
          this.tooManyOccurrences(where);
          return;
        }
        if (bounded) this.see(next.year);
        if (next.year >= FIRST_YEAR) this.record(uid, toDate(next), length, name, true);
      }
    } catch (error) {
      const property = ['RRULE', 'RDATE', 'EXDATE'].map((p) => where.properties.get(p)).find((p) => p !== undefined);
      this.problems.push(valueProblem(property, where.line, error));
    }
  }

  /** A VEVENT with a RECURRENCE-ID: the occurrence of its UID on that date moves to (or is replaced by) this one. */
  replace(event: ICAL.Event, where: EventLines): void {
    this.cancelOccurrence(event.uid ?? '', event.component, where);
    const start = this.dateOf(() => event.startDate, where, 'DTSTART');
    if (start === undefined || !start.isDate) {
      if (start !== undefined) this.add(event, where);
      return;
    }
    const length = this.lengthOf(event, where);
    if (length === undefined) return;
    this.see(start.year);
    this.record('', toDate(start), length, event.summary || 'Holiday', false);
  }

  cancel(component: ICAL.Component, where: EventLines): void {
    this.cancelOccurrence(String(component.getFirstPropertyValue('uid') ?? ''), component, where);
  }

  result(): HolidayFile {
    const holidays = [...this.byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const file: HolidayFile = { holidays, problems: this.problems };
    if (holidays.length > 0 && this.first <= this.last) file.years = { first: this.first, last: this.last };
    return file;
  }

  private cancelOccurrence(uid: string, component: ICAL.Component, where: EventLines): void {
    const id = this.dateOf(() => component.getFirstPropertyValue('recurrence-id') as ICAL.Time, where, 'RECURRENCE-ID');
    if (id === undefined) return;
    for (const date of this.occurrences.get(uid)?.get(toDate(id)) ?? []) this.byDate.delete(date);
  }

  private record(uid: string, start: string, length: number, name: string, remember: boolean): void {
    const dates: string[] = [];
    for (let k = 0; k < length; k++) {
      const date = addLocalDays(start, k);
      if (date < FIRST_DATE || date > LAST_DATE) continue;
      if (!this.byDate.has(date)) {
        this.byDate.set(date, name);
        dates.push(date);
      }
    }
    if (remember) {
      let ofUid = this.occurrences.get(uid);
      if (!ofUid) this.occurrences.set(uid, (ofUid = new Map()));
      ofUid.set(start, dates);
    }
  }

  /** Days from DTSTART to DTEND (exclusive) or of DURATION; undefined (with a problem) when it is not at least one. */
  private lengthOf(event: ICAL.Event, where: EventLines): number | undefined {
    const endName = where.properties.has('DTEND') ? 'DTEND' : 'DURATION';
    const end = this.dateOf(() => event.endDate, where, endName);
    if (end === undefined) return undefined;
    const days = dayNumberOf(toDate(end)) - dayNumberOf(toDate(event.startDate));
    if (days >= 1) return days;
    this.problems.push({
      rule: 'icalendar-syntax',
      severity: 'error',
      ...at(where.properties.get(endName), where.line),
      message: `${endName} ${end.toString()} is not after DTSTART ${event.startDate.toString()}; an all-day event ends on the day after its last day`,
      hint: 'DTEND is exclusive (RFC 5545 §3.6.1): a one-day holiday on 2026-12-25 has DTEND;VALUE=DATE:20261226, or no DTEND',
    });
    return undefined;
  }

  /** A date property read through ical.js; undefined (with a problem at the property's line) when it is not valid. */
  private dateOf(read: () => ICAL.Time | null | undefined, where: EventLines, property: string): ICAL.Time | undefined {
    const line = where.properties.get(property);
    try {
      if (!writesRealDates(where.component, property)) {
        this.problems.push(valueProblem(line, where.line, new Error('not a real date (expected YYYYMMDD or YYYYMMDDTHHMMSS)')));
        return undefined;
      }
      const value = read();
      if (value instanceof ICAL.Time && isRealDate(value)) return value;
      if (value === null || value === undefined) {
        if (property !== 'DTSTART') return undefined;
        this.problems.push({
          rule: 'icalendar-syntax',
          severity: 'error',
          line: where.line,
          column: 1,
          message: 'VEVENT has no DTSTART',
          hint: 'give every holiday a date: DTSTART;VALUE=DATE:YYYYMMDD',
        });
        return undefined;
      }
      this.problems.push(valueProblem(line, where.line, new Error(`${property} is not a real date`)));
    } catch (error) {
      this.problems.push(valueProblem(line, where.line, error));
    }
    return undefined;
  }

  private see(year: number): void {
    if (year < FIRST_YEAR || year > LAST_YEAR) return;
    this.first = Math.min(this.first, year);
    this.last = Math.max(this.last, year);
  }

  private tooManyOccurrences(where: EventLines): void {
    if (this.tooMany) return;
    this.tooMany = true;
    this.problems.push({
      rule: 'icalendar-syntax',
      severity: 'error',
      ...at(where.properties.get('RRULE'), where.line),
      message: `the file's recurrences give more than ${MAX_OCCURRENCES} occurrences up to ${LAST_DATE}; a holiday file lists days off, not a working pattern`,
      hint: 'give the rule an end (UNTIL or COUNT), or write regular closed days as weekday hours of the calendar',
    });
  }
}

/** ical.js rolls 2025-02-31 over into March: the written value is checked before it is read. */
function writesRealDates(component: ICAL.Component | undefined, property: string): boolean {
  const found = component?.getFirstProperty(property.toLowerCase());
  if (found === undefined) return true;
  if (found === null) return true;
  return found.jCal.slice(3).every((value: unknown) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return typeof value !== 'string' || found.type === 'duration';
    try {
      dayNumberOf(value.slice(0, 10));
      return true;
    } catch {
      return false;
    }
  });
}

function isRealDate(time: ICAL.Time): boolean {
  const date = toDate(time);
  try {
    dayNumberOf(date);
    return true;
  } catch {
    return false;
  }
}

function toDate(time: ICAL.Time): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}`;
}

function isComponentList(value: unknown): value is unknown[][] {
  return Array.isArray(value) && Array.isArray(value[0]);
}

function at(property: ContentLine | undefined, fallbackLine: number): { line: number; column: number } {
  return property ? { line: property.line, column: property.valueColumn } : { line: fallbackLine, column: 1 };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function valueProblem(property: ContentLine | undefined, fallbackLine: number, error: unknown): IcsProblem {
  const what = property ? `${property.name} is not valid` : 'VEVENT is not valid';
  return { rule: 'icalendar-syntax', severity: 'error', ...at(property, fallbackLine), message: `${what}: ${messageOf(error)}`, hint: SYNTAX_HINT };
}

/**
 * ical.js's parse errors carry no position: the offending content line is found by parsing the lines one at a time
 * with the same parser, so the message is ical.js's own and the position ours.
 */
function lineProblem(lines: readonly ContentLine[], error: unknown): IcsProblem {
  for (const line of lines) {
    if (line.name === 'BEGIN' || line.name === 'END') continue;
    try {
      ICAL.parse.property(line.text);
    } catch (lineError) {
      return { rule: 'icalendar-syntax', severity: 'error', line: line.line, column: 1, message: `not iCalendar: ${messageOf(lineError)}`, hint: SYNTAX_HINT };
    }
  }
  return { rule: 'icalendar-syntax', severity: 'error', line: 1, column: 1, message: `not iCalendar: ${messageOf(error)}`, hint: SYNTAX_HINT };
}

/** Unfolds the text (a line starting with a space or a tab continues the previous one, RFC 5545 §3.1). */
function contentLines(text: string): ContentLine[] {
  const physical = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  const lines: ContentLine[] = [];
  let firstLength = 0;
  physical.forEach((raw, i) => {
    const last = lines.at(-1);
    if (last !== undefined && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      last.text += raw.slice(1);
      return;
    }
    if (last !== undefined) finish(last, firstLength);
    if (raw === '') return;
    firstLength = raw.length;
    lines.push({ line: i + 1, text: raw, name: '', valueColumn: 1 });
  });
  const last = lines.at(-1);
  if (last !== undefined) finish(last, firstLength);
  return lines;
}

function finish(line: ContentLine, firstLength: number): void {
  line.name = /^[A-Za-z0-9-]*/.exec(line.text)![0].toUpperCase();
  // The value starts after the first colon outside a quoted parameter value (§3.1: param-value may be quoted).
  let quoted = false;
  for (let i = 0; i < line.text.length; i++) {
    const ch = line.text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) {
      line.valueColumn = i + 2 <= firstLength + 1 ? i + 2 : 1;
      return;
    }
  }
}

/**
 * Checks that BEGIN and END pair up with the same names and that everything is inside a VCALENDAR (ical.js accepts
 * `END:VTODO` closing a VEVENT), and finds each top-level VEVENT's property lines for later messages.
 */
function readStructure(lines: readonly ContentLine[]): { events: EventLines[] } | { problem: IcsProblem } {
  const stack: Array<{ name: string; line: number }> = [];
  const events: EventLines[] = [];
  let current: EventLines | undefined;
  const problem = (line: number, message: string): { problem: IcsProblem } => ({
    problem: { rule: 'icalendar-syntax', severity: 'error', line, column: 1, message, hint: SYNTAX_HINT },
  });
  for (const line of lines) {
    const value = line.text.slice(line.text.indexOf(':') + 1).trim().toUpperCase();
    if (line.name === 'BEGIN') {
      if (stack.length === 0 && value !== 'VCALENDAR') return problem(line.line, `expected BEGIN:VCALENDAR but found "${line.text}"`);
      stack.push({ name: value, line: line.line });
      if (stack.length === 2 && value === 'VEVENT') {
        current = { line: line.line, properties: new Map() };
        events.push(current);
      }
    } else if (line.name === 'END') {
      const open = stack.pop();
      if (open === undefined) return problem(line.line, `"${line.text}" closes nothing`);
      if (open.name !== value) return problem(line.line, `"${line.text}" closes BEGIN:${open.name} of line ${open.line}`);
      if (stack.length === 1) current = undefined;
    } else if (stack.length === 0) {
      return problem(
        line.line,
        events.length === 0 && line === lines[0] ? `expected BEGIN:VCALENDAR but found "${line.text}"` : `"${line.text}" is outside BEGIN:VCALENDAR … END:VCALENDAR`,
      );
    } else if (current !== undefined && stack.length === 2 && !current.properties.has(line.name)) {
      current.properties.set(line.name, line);
    }
  }
  const open = stack.at(-1);
  if (open !== undefined) return problem(open.line, `BEGIN:${open.name} is never closed (no END:${open.name})`);
  if (lines.length === 0) return problem(1, 'the file is empty; expected BEGIN:VCALENDAR');
  return { events };
}
