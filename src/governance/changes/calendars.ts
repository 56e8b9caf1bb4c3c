import { WEEKDAYS, type CalendarDocument, type WeeklyHours } from '../../model/calendar.js';
import type { Repository } from '../../model/repository.js';
import { holidayFilePath } from '../../load/holiday-files.js';
import type { ChangeDetail } from '../changes.js';
import type { KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { removedDetails } from './refs.js';
import { emptyVersionWords, versionedChanges, withVersion, type Layer, type Versioned } from './versions.js';
import { byText, count, sameData, scalarChange, textChange, valueChange } from './words.js';

/**
 * Calendars: the weekly hours with their dated versions (docs/calendars.md), holidays and special days by date (those
 * of the iCalendar file a calendar takes holidays from included: what counts is the days the clocks skip).
 */

/** More dates than this added or removed at once (a recurrence rule of an iCalendar file) are said as a count. */
const MAX_LISTED_DATES = 10;

export const calendars: KindDescriber<CalendarDocument> = {
  kind: 'Calendar',
  changed(before, after, context) {
    const b = before.spec;
    const a = after.spec;
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...textChange('description', 'description', b.description, a.description),
      ...scalarChange('timeZone', 'time zone', b.timeZone, a.timeZone),
      ...versionedChanges(hoursOf(b), hoursOf(a), sameData).flatMap((c): ChangeDetail[] => {
        if (c.key === '') return [{ field: `versions.${c.version.from}`, before: null, after: null, text: emptyVersionWords(c.version), version: c.version }];
        const was = c.before ? intervalsWords(c.before) : null;
        const now = c.after ? intervalsWords(c.after) : null;
        const detail = valueChange(`hours.${c.key}`, `${c.key} hours`, was, now);
        return [{ ...detail, text: withVersion(detail.text, c.version), version: c.version }];
      }),
      ...scalarChange('holidaysFrom', 'holidays from', b.holidaysFrom, a.holidaysFrom),
      ...holidayChanges(holidaysOf(before, context.base), holidaysOf(after, context.head)),
      ...specialDayChanges(b.specialDays, a.specialDays),
    ];
  },
  added(doc, context) {
    const holidays = holidaysOf(doc, context.head).size;
    const parts = [doc.spec.timeZone, `${durationWords(weeklyMinutes(doc.spec.hours))} a week`, count(holidays, 'holiday')];
    if (doc.spec.versions?.length) parts.push(count(doc.spec.versions.length, 'version'));
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${parts.join(', ')})` }];
  },
  removed(doc, context) {
    return removedDetails(context.head, 'Calendar', doc.metadata.id);
  },
};

/** Every weekday is named in every layer: a version replaces the whole week, an absent day has no working time. */
function weekLayer(hours: WeeklyHours): Layer<string[]> {
  return new Map(WEEKDAYS.map((day) => [day, hours[day] ?? []]));
}

function hoursOf(spec: CalendarDocument['spec']): Versioned<string[]> {
  return { undated: weekLayer(spec.hours), versions: (spec.versions ?? []).map((v) => ({ from: v.from, layer: weekLayer(v.hours) })) };
}

function intervalsWords(intervals: readonly string[]): string {
  return intervals.length === 0 ? 'closed' : intervals.join(', ');
}

function weeklyMinutes(hours: WeeklyHours): number {
  let minutes = 0;
  for (const day of WEEKDAYS) {
    for (const interval of hours[day] ?? []) {
      const [start, end] = interval.split('-').map((t) => {
        const [h, m] = t.split(':').map(Number);
        return (h ?? 0) * 60 + (m ?? 0);
      });
      minutes += (end ?? 0) - (start ?? 0);
    }
  }
  return minutes;
}

function durationWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

interface HolidayEntry {
  name: string;
  /** The iCalendar file it comes from; undefined when written in the calendar. */
  file?: string;
}

/** The days off a calendar gives: its written holidays and those of its iCalendar file, by date. */
function holidaysOf(doc: CalendarDocument, repository: Repository): Map<string, HolidayEntry> {
  const days = new Map<string, HolidayEntry>();
  const source = repository.calendars.find((c) => c.doc === doc)?.source.file;
  const path = doc.spec.holidaysFrom !== undefined && source !== undefined ? holidayFilePath(source, doc.spec.holidaysFrom) : undefined;
  const fromFile = path === undefined ? undefined : repository.holidayFiles.get(path);
  for (const h of fromFile?.holidays ?? []) days.set(h.date, { name: h.name, file: path });
  for (const h of doc.spec.holidays ?? []) days.set(h.date, { name: h.name });
  return days;
}

function holidayChanges(before: Map<string, HolidayEntry>, after: Map<string, HolidayEntry>): ChangeDetail[] {
  const dates = [...new Set([...before.keys(), ...after.keys()])].sort(byText);
  const added = dates.filter((d) => !before.has(d));
  const removed = dates.filter((d) => !after.has(d));
  const details: ChangeDetail[] = [];
  const from = (e: HolidayEntry) => (e.file === undefined ? '' : ` (from ${e.file})`);
  const listed = (list: string[], action: 'added' | 'removed', side: Map<string, HolidayEntry>) => {
    if (list.length > MAX_LISTED_DATES) {
      const text = `${count(list.length, 'holiday')} ${action} (${list[0]} to ${list[list.length - 1]})`;
      details.push({ field: 'holidays', before: action === 'removed' ? String(list.length) : null, after: action === 'added' ? String(list.length) : null, text });
      return;
    }
    for (const date of list) {
      const entry = side.get(date)!;
      details.push({
        field: `holidays.${date}`,
        before: action === 'removed' ? entry.name : null,
        after: action === 'added' ? entry.name : null,
        text: `holiday ${date} ${action}${from(entry)}`,
      });
    }
  };
  listed(added, 'added', after);
  listed(removed, 'removed', before);
  for (const date of dates) {
    const b = before.get(date);
    const a = after.get(date);
    if (b && a && b.name !== a.name) details.push(valueChange(`holidays.${date}`, `holiday ${date} name`, b.name, a.name));
  }
  return details;
}

type SpecialDay = NonNullable<CalendarDocument['spec']['specialDays']>[number];

function specialDayChanges(before: SpecialDay[] | undefined, after: SpecialDay[] | undefined): ChangeDetail[] {
  const was = new Map((before ?? []).map((d) => [d.date, d]));
  const now = new Map((after ?? []).map((d) => [d.date, d]));
  const details: ChangeDetail[] = [];
  for (const date of [...new Set([...was.keys(), ...now.keys()])].sort(byText)) {
    const b = was.get(date);
    const a = now.get(date);
    const field = `specialDays.${date}`;
    if (!b) details.push({ field, before: null, after: intervalsWords(a!.hours), text: `special day ${date} added (${intervalsWords(a!.hours)})` });
    else if (!a) details.push({ field, before: intervalsWords(b.hours), after: null, text: `special day ${date} removed` });
    else {
      details.push(...scalarChange(`${field}.hours`, `special day ${date} hours`, intervalsWords(b.hours), intervalsWords(a.hours)));
      details.push(...scalarChange(`${field}.name`, `special day ${date} name`, b.name, a.name));
    }
  }
  return details;
}
