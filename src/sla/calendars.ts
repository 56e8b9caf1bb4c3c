import { holidayFilePath } from '../load/holiday-files.js';
import { BUILTIN_24X7, BUILTIN_24X7_ID } from '../model/builtin-calendar.js';
import type { CalendarDocument, Holiday } from '../model/index.js';
import type { Entity, Repository } from '../model/repository.js';
import { businessDayMinutesAt, compileCalendar, uniformDayLength, MS_PER_MINUTE, type BusinessCalendar } from '../time/index.js';

/** A calendar ready for the clocks, with the length of its working day for targets written in business days. */
export interface ClockCalendar {
  id: string;
  calendar: BusinessCalendar;
  doc: CalendarDocument;
  /**
   * The length of one business day (`1bd`) in milliseconds under the base hours (`spec.hours`): its working day, or 24
   * hours on a calendar without one. With dated versions, use `businessDayMsOn`.
   */
  businessDayMs: number;
  /**
   * The length of one business day on the local date of `ms` (epoch milliseconds): the working day of the version of
   * the hours in force that day. A `bd` target is sized with it at the instant the clock starts (the ticket's opening),
   * so a clock keeps its target when the hours change while it runs.
   */
  businessDayMsOn(ms: number): number;
}

const FULL_DAY_MS = 24 * 60 * MS_PER_MINUTE;

/**
 * The holidays a calendar takes from its iCalendar file (`holidaysFrom`), as the loader read it; [] without one or
 * when the file could not be read (the loader reported why).
 */
export function fileHolidaysOf(repository: Repository, calendar: Entity<CalendarDocument>): readonly Holiday[] {
  const reference = calendar.doc.spec.holidaysFrom;
  if (reference === undefined) return [];
  const path = holidayFilePath(calendar.source.file, reference);
  return (path === undefined ? undefined : repository.holidayFiles.get(path))?.holidays ?? [];
}

/**
 * A calendar document of the repository compiled with everything it names outside itself: the one way every part of
 * itsm (clocks, exports) turns a calendar into business time. The document's own holidays win over its file's on a
 * date both list.
 */
export function compileRepositoryCalendar(repository: Repository, calendar: Entity<CalendarDocument>): BusinessCalendar {
  return compileCalendar(calendar.doc.spec, { holidays: fileHolidaysOf(repository, calendar) });
}

/**
 * The repository's calendars by id, each compiled once on first use; an unknown id gives the built-in 24x7 (validation
 * reports the reference). A business day (`bd`) is the length of the calendar's working day (validation guarantees
 * that every working weekday has the same length, in each version of the hours); on the 24x7 calendar it is 24 hours.
 */
export function calendarLookup(repository: Repository): (id: string) => ClockCalendar {
  const entities = new Map<string, Entity<CalendarDocument>>([[BUILTIN_24X7_ID, { source: { file: '(built-in)', document: 0 }, doc: BUILTIN_24X7 }]]);
  for (const entity of repository.calendars) if (!entities.has(entity.doc.metadata.id)) entities.set(entity.doc.metadata.id, entity);
  const compiled = new Map<string, ClockCalendar>();
  return (id) => {
    const entity = entities.get(id) ?? entities.get(BUILTIN_24X7_ID)!;
    const { doc } = entity;
    let entry = compiled.get(doc.metadata.id);
    if (!entry) {
      const calendar = compileRepositoryCalendar(repository, entity);
      const businessDayMs = (uniformDayLength(doc.spec) ?? 24 * 60) * MS_PER_MINUTE;
      entry = {
        id: doc.metadata.id,
        calendar,
        doc,
        businessDayMs,
        businessDayMsOn:
          calendar.weeks.length === 1
            ? () => businessDayMs
            : (ms) => {
                const minutes = businessDayMinutesAt(calendar, ms);
                return minutes === null ? FULL_DAY_MS : minutes * MS_PER_MINUTE;
              },
      };
      compiled.set(doc.metadata.id, entry);
    }
    return entry;
  };
}
