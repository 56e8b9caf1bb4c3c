import { z } from 'zod';
import { DATE_RE, INSTANT_RE, isInstant, isLocalDate } from './instant-text.js';

import { parseDuration, type ParsedDuration } from './duration-text.js';

export { isInstant, isLocalDate, parseDuration, type ParsedDuration };

/**
 * Building blocks shared by every kind. Each carries a message that says what was expected, because
 * these messages are what a user reads next to file:line:column.
 */

/** Identifiers are what references point at, so they are restricted to characters safe in paths and anchors. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/, {
    message: 'expected an id of letters, digits, ".", "_" or "-" (starting and ending with a letter or digit)',
  });

const INSTANT_MESSAGE =
  'expected an ISO 8601 instant with an offset or Z, e.g. "2026-10-05T14:02:00Z" or "2026-10-05T10:02:00-04:00"';

// The regex is checked first (and stops there) so that the generated JSON Schema carries it as a `pattern`;
// the refine then rejects what a pattern cannot (February 30th, hour 25). One issue, same message, either way.
/** An instant; naive local times are rejected because they are ambiguous around DST changes. */
export const Instant = z
  .string()
  .regex(INSTANT_RE, { message: INSTANT_MESSAGE, abort: true })
  .refine(isInstant, { message: INSTANT_MESSAGE })
  .meta({ description: 'An ISO 8601 instant with an offset or Z, e.g. "2026-10-05T14:02:00Z" or "2026-10-05T10:02:00-04:00".' });


const LOCAL_DATE_MESSAGE = 'expected a date written YYYY-MM-DD, e.g. "2026-12-25"';

/** A calendar date with no time zone, as holidays and subscription ranges are written. */
export const LocalDate = z
  .string()
  .regex(DATE_RE, { message: LOCAL_DATE_MESSAGE, abort: true })
  .refine(isLocalDate, { message: LOCAL_DATE_MESSAGE })
  .meta({ description: 'A calendar date written YYYY-MM-DD, e.g. "2026-12-25".' });

/** True for a duration that `Duration` accepts. */
export function isDuration(value: string): boolean {
  return parseDuration(value) !== undefined;
}

export const Duration = z.string().superRefine((value, ctx) => {
  if (isDuration(value)) return;
  const ambiguousDay = /^\d+d$|^P\d+D$|^P\d+DT/.test(value);
  ctx.addIssue({
    code: 'custom',
    message: ambiguousDay
      ? `"${value}" is ambiguous in business time; write hours ("8h") or business days ("1bd")`
      : `expected a positive duration such as "30m", "4h", "1h30m", "2bd" or "PT4H" but found "${value}"`,
  });
}).meta({
  description:
    'A duration: "30m", "4h", "1h30m", "2bd" (business days) or ISO 8601 "PT4H". Plain days ("1d") are refused as ambiguous in business time.',
});

/** Percentages are written as numbers from 0 to 100 (95 means 95%), as SLA documents state them. */
export const Percent = z
  .number({ message: 'expected a percentage from 0 to 100 (95 means 95%)' })
  .min(0, { message: 'expected a percentage from 0 to 100' })
  .max(100, { message: 'expected a percentage from 0 to 100' })
  .meta({ description: 'A percentage from 0 to 100 (95 means 95%).' });

/**
 * Amounts of money. Written as a YAML number (`12.5`) or a decimal string (`"12.50"`); never more than four
 * decimals so that conversion to exact minor units is lossless. Charges are computed in integers.
 */
const MONEY_RE = /^\d+(?:\.\d{1,4})?$/;

/** True for an amount that `Money` accepts: a number is judged by its shortest decimal text ("1e+21" is not). */
export function isMoney(value: number | string): boolean {
  return MONEY_RE.test(typeof value === 'number' ? String(value) : value);
}

export const Money = z.union([z.number(), z.string()]).superRefine((value, ctx) => {
  if (!isMoney(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a non-negative amount with at most 4 decimals, e.g. 12.50, but found ${JSON.stringify(value)}`,
    });
  }
}).meta({ description: 'An amount in the repository currency: a number or a decimal string with at most 4 decimals, e.g. 12.50.' });

/** Time of day "HH:MM"; "24:00" is allowed as the end of a working interval. */
export const TIME_OF_DAY_RE = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** A working interval "08:00-12:30"; the end is exclusive and "24:00" means midnight at the end of the day. */
export const TimeInterval = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, {
    message: 'expected a working interval "HH:MM-HH:MM" such as "08:00-17:30" (the end may be "24:00")',
  })
  .meta({ description: 'A working interval "HH:MM-HH:MM", e.g. "08:00-17:30"; the end is exclusive and may be "24:00".' });

export const Email = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'expected an e-mail address' });
export const Url = z.string().regex(/^(https?|mailto):\S+$/, { message: 'expected an http(s) or mailto URL' });
