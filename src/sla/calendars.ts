import { BUILTIN_24X7, BUILTIN_24X7_ID, type CalendarDocument } from '../model/index.js';
import type { Repository } from '../model/repository.js';
import { compileCalendar, uniformDayLength, MS_PER_MINUTE, type BusinessCalendar } from '../time/index.js';

/** A calendar ready for the clocks, with the length of its working day for targets written in business days. */
export interface ClockCalendar {
  id: string;
  calendar: BusinessCalendar;
  doc: CalendarDocument;
  /** The length of one business day (`1bd`) in milliseconds: its working day, or 24 hours on a calendar without one. */
  businessDayMs: number;
}

/**
 * The repository's calendars by id, each compiled once on first use; an unknown id gives the built-in 24x7 (validation
 * reports the reference). A business day (`bd`) is the length of the calendar's working day (validation guarantees
 * that every working weekday has the same length); on the 24x7 calendar it is 24 hours.
 */
export function calendarLookup(repository: Repository): (id: string) => ClockCalendar {
  const docs = new Map<string, CalendarDocument>([[BUILTIN_24X7_ID, BUILTIN_24X7]]);
  for (const { doc } of repository.calendars) if (!docs.has(doc.metadata.id)) docs.set(doc.metadata.id, doc);
  const compiled = new Map<string, ClockCalendar>();
  return (id) => {
    const doc = docs.get(id) ?? BUILTIN_24X7;
    let entry = compiled.get(doc.metadata.id);
    if (!entry) {
      entry = {
        id: doc.metadata.id,
        calendar: compileCalendar(doc.spec),
        doc,
        businessDayMs: (uniformDayLength(doc.spec) ?? 24 * 60) * MS_PER_MINUTE,
      };
      compiled.set(doc.metadata.id, entry);
    }
    return entry;
  };
}
