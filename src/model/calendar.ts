import { z } from 'zod';
import { envelope } from './envelope.js';
import { LocalDate, TimeInterval } from './primitives.js';
import { TimeZone } from './timezone.js';

export { WEEKDAYS, type Weekday } from './weekdays.js';

/** The working intervals of one day; an empty list (or an absent day) means no working time that day. */
export const DayHours = z.array(TimeInterval);

export const WeeklyHours = z.strictObject({
  monday: DayHours.optional(),
  tuesday: DayHours.optional(),
  wednesday: DayHours.optional(),
  thursday: DayHours.optional(),
  friday: DayHours.optional(),
  saturday: DayHours.optional(),
  sunday: DayHours.optional(),
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** A day with no working time at all. */
export const Holiday = z.strictObject({
  date: LocalDate,
  name: z.string().min(1),
});
export type Holiday = z.infer<typeof Holiday>;

/** A day whose hours replace the weekday's (a half day before a holiday, a weekend cut-over); [] closes it. */
export const SpecialDay = z.strictObject({
  date: LocalDate,
  name: z.string().min(1),
  hours: DayHours,
});
export type SpecialDay = z.infer<typeof SpecialDay>;

/** From the local date `from` (in the calendar's own time zone) the working week is `hours`. */
export const CalendarVersion = z.strictObject({
  from: LocalDate.meta({ description: 'First local day (the calendar’s time zone) on which these hours apply.' }),
  note: z.string().min(1).optional().meta({ description: 'Why the hours changed.' }),
  hours: WeeklyHours.meta({ description: 'The working week from this day on; it replaces the whole week.' }),
});
export type CalendarVersion = z.infer<typeof CalendarVersion>;

export const CalendarSpec = z.strictObject({
  description: z.string().optional(),
  timeZone: TimeZone,
  hours: WeeklyHours.meta({ description: 'Working intervals per weekday, e.g. monday: ["08:00-12:00", "13:00-17:00"]; an absent day or [] has no working time.' }),
  holidays: z.array(Holiday).optional().meta({ description: 'Days with no working time at all.' }),
  specialDays: z.array(SpecialDay).optional().meta({ description: 'Days whose hours replace the weekday’s (a half day before a holiday, a weekend cut-over); hours: [] closes the day.' }),
  /** An iCalendar (.ics) file of the repository whose all-day events are holidays, relative to this file's folder. */
  holidaysFrom: z.string().min(1).optional().meta({
    description: 'Path of an iCalendar (.ics) file in the repository, relative to this file, whose all-day events (with their recurrences and exceptions) are holidays.',
  }),
  /** Dated versions of the weekly hours, in order of `from`. Holidays and special days carry their own dates. */
  versions: z.array(CalendarVersion).optional().meta({ description: 'Dated versions of the weekly hours, in order of from.' }),
});
export type CalendarSpec = z.infer<typeof CalendarSpec>;

export const CalendarDocument = envelope('Calendar', CalendarSpec);
export type CalendarDocument = z.infer<typeof CalendarDocument>;

export { BUILTIN_24X7, BUILTIN_24X7_ID } from './builtin-calendar.js';
