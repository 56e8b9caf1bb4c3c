/** The days of the week in ISO 8601 order (Monday first), as calendars name them. Without zod: time/ reads it. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
