import type { CalendarDocument } from '../../model/index.js';
import type { Entity, Repository } from '../../model/repository.js';
import { compileRepositoryCalendar, fileHolidaysOf } from '../../sla/calendars.js';
import { holidayFilePath } from '../../load/holiday-files.js';
import { localDateOfDayNumber, type LocalInterval } from '../../time/index.js';

/** One dated day of a calendar, as it is in force (the document's entry where it and its file list the same date). */
export interface CalendarDay {
  date: string;
  name: string;
  /** A holiday has no working time; a special day has its own hours ([] closes it like a holiday). */
  kind: 'holiday' | 'special-day';
  /** The working intervals of a special day ("HH:MM-HH:MM"). */
  hours?: string[];
  /** Where the day is written: the calendar document, or its iCalendar file (`holidaysFrom`). */
  source: 'calendar' | 'file';
}

/** A calendar's holidays and special days for whole years, ready for a format. */
export interface CalendarDays {
  id: string;
  name: string;
  timeZone: string;
  /** The iCalendar file the holidays came from (repository-relative), when the calendar has one. */
  holidaysFrom?: string;
  /** The years exported, inclusive; undefined when the calendar has no dated day at all and none were asked. */
  years?: { first: number; last: number };
  days: CalendarDay[];
}

/**
 * The holidays and special days of a calendar in the years asked for, or by default in the years its data covers:
 * from the first to the last year that its document's holidays and special days, and its iCalendar file's one-off
 * dates and first years of open-ended rules, name (an open-ended rule would otherwise run to 2199).
 */
export function calendarDays(repository: Repository, calendar: Entity<CalendarDocument>, years?: { first: number; last: number }): CalendarDays {
  const { spec, metadata } = calendar.doc;
  const compiled = compileRepositoryCalendar(repository, calendar);
  const inDocument = new Set((spec.holidays ?? []).map((h) => h.date));
  const range = years ?? coveredYears(repository, calendar);
  const inRange = (date: string) => range !== undefined && Number(date.slice(0, 4)) >= range.first && Number(date.slice(0, 4)) <= range.last;
  const days: CalendarDay[] = [];
  for (const [day, special] of compiled.specialDays) {
    const date = localDateOfDayNumber(day);
    if (inRange(date)) days.push({ date, name: special.name, kind: 'special-day', hours: special.intervals.map(formatInterval), source: 'calendar' });
  }
  for (const [day, name] of compiled.holidays) {
    const date = localDateOfDayNumber(day);
    // A special day on the same date is the rule in force (see ruleOfDay).
    if (inRange(date) && !compiled.specialDays.has(day)) days.push({ date, name, kind: 'holiday', source: inDocument.has(date) ? 'calendar' : 'file' });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const file = spec.holidaysFrom === undefined ? undefined : holidayFilePath(calendar.source.file, spec.holidaysFrom);
  return {
    id: metadata.id,
    name: metadata.name ?? metadata.id,
    timeZone: spec.timeZone,
    ...(file !== undefined ? { holidaysFrom: file } : {}),
    ...(range !== undefined ? { years: range } : {}),
    days,
  };
}

function coveredYears(repository: Repository, calendar: Entity<CalendarDocument>): { first: number; last: number } | undefined {
  const { spec } = calendar.doc;
  const years = [...(spec.holidays ?? []), ...(spec.specialDays ?? [])].map((d) => Number(d.date.slice(0, 4)));
  const path = spec.holidaysFrom === undefined ? undefined : holidayFilePath(calendar.source.file, spec.holidaysFrom);
  const fileYears = path === undefined ? undefined : repository.holidayFiles.get(path)?.years;
  if (fileYears) years.push(fileYears.first, fileYears.last);
  else if (fileHolidaysOf(repository, calendar).length > 0) years.push(...fileHolidaysOf(repository, calendar).map((h) => Number(h.date.slice(0, 4))));
  if (years.length === 0) return undefined;
  return { first: Math.min(...years), last: Math.max(...years) };
}

function formatInterval(interval: LocalInterval): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hhmm(interval.from)}-${hhmm(interval.to)}`;
}
