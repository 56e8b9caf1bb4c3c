import type { CalendarDocument } from './calendar.js';

// Zod-free, like instant-text.ts and weekdays.ts: the SLA engine reads the built-in calendar, and a warm `sla report`
// (answered from the results cache) must not load the schemas to find it.

/** The id of the calendar that every repository has without a file: every hour of every day, in UTC. */
export const BUILTIN_24X7_ID = '24x7';

const ALL_DAY = ['00:00-24:00'];
export const BUILTIN_24X7: CalendarDocument = {
  apiVersion: 'itsm/v1',
  kind: 'Calendar',
  metadata: { id: BUILTIN_24X7_ID, name: '24x7' },
  spec: {
    description: 'Every hour of every day (built in).',
    timeZone: 'UTC',
    hours: {
      monday: ALL_DAY,
      tuesday: ALL_DAY,
      wednesday: ALL_DAY,
      thursday: ALL_DAY,
      friday: ALL_DAY,
      saturday: ALL_DAY,
      sunday: ALL_DAY,
    },
  },
};
