import { UsageError } from '../../errors.js';
import { BUILTIN_24X7, BUILTIN_24X7_ID, type CalendarDocument } from '../../model/index.js';
import type { Entity } from '../../model/repository.js';
import { calendarDays, CALENDAR_FORMATS, formatCalendarIcs, formatCalendarJson, type CalendarFormat } from '../../report/calendar/index.js';
import { FIRST_DATE, LAST_DATE } from '../../time/range.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { emit, outputTarget } from '../output.js';

export interface CalendarExportCliOptions extends CacheCliOptions {
  format: string;
  from?: string;
  to?: string;
  out?: string;
  force?: boolean;
}

const FIRST_YEAR = Number(FIRST_DATE.slice(0, 4));
const LAST_YEAR = Number(LAST_DATE.slice(0, 4));

/**
 * `itsm calendar export <id> [path]`: a calendar's holidays and special days as iCalendar or JSON. Exit 0 when
 * written; 1 when the repository has errors or has no such calendar; 2 for a usage error.
 */
export async function runCalendarExport(id: string, path: string, options: CalendarExportCliOptions): Promise<number> {
  if (!(CALENDAR_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`--format: expected one of ${CALENDAR_FORMATS.join(', ')} but found "${options.format}"`);
  }
  const format = options.format as CalendarFormat;
  const years = yearRange(options.from, options.to);
  outputTarget(options.out, options.force);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const calendar: Entity<CalendarDocument> | undefined =
    repository.calendars.find((c) => c.doc.metadata.id === id) ??
    (id === BUILTIN_24X7_ID ? { source: { file: '(built-in)', document: 0 }, doc: BUILTIN_24X7 } : undefined);
  if (calendar === undefined) {
    const known = [...repository.calendars.map((c) => c.doc.metadata.id), BUILTIN_24X7_ID].join(', ');
    throw new UsageError(`no calendar "${id}" in the repository; its calendars: ${known}`);
  }
  const days = calendarDays(repository, calendar, years);
  emit(format === 'ics' ? formatCalendarIcs(days) : formatCalendarJson(days), options.out, options.force);
  return 0;
}

/** --from/--to: whole years (YYYY), both included; either alone extends to the other end of the default range. */
function yearRange(from: string | undefined, to: string | undefined): { first: number; last: number } | undefined {
  if (from === undefined && to === undefined) return undefined;
  const first = from === undefined ? undefined : year('--from', from);
  const last = to === undefined ? undefined : year('--to', to);
  if (first === undefined || last === undefined) {
    throw new UsageError(`${first === undefined ? '--from' : '--to'} is needed too: give the years to export as --from YYYY --to YYYY`);
  }
  if (first > last) throw new UsageError(`--from ${first} is after --to ${last}`);
  return { first, last };
}

function year(option: string, text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UsageError(`${option}: expected a year written YYYY (e.g. 2026) but found "${text}"`);
  const value = Number(text);
  if (value < FIRST_YEAR || value > LAST_YEAR) throw new UsageError(`${option}: ${text} is outside the years itsm computes (${FIRST_YEAR} to ${LAST_YEAR})`);
  return value;
}
