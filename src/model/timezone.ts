import { z } from 'zod';

const ZONE_NAME_RE = /^(?:UTC|[A-Za-z][A-Za-z_-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*)+)$/;
const known = new Map<string, boolean>();

/** True for an IANA time zone name that this runtime's time zone database knows (offsets like "+02:00" are refused). */
export function isTimeZone(name: string): boolean {
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  let ok = ZONE_NAME_RE.test(name);
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
    } catch {
      ok = false;
    }
  }
  known.set(name, ok);
  return ok;
}

const TIME_ZONE_MESSAGE = 'expected an IANA time zone such as "America/New_York", "Europe/Berlin" or "UTC"';
// The regex first (stopping there) so the generated JSON Schema has a `pattern`; the refine asks the time zone database.
export const TimeZone = z
  .string()
  .regex(ZONE_NAME_RE, { message: TIME_ZONE_MESSAGE, abort: true })
  .refine(isTimeZone, { message: TIME_ZONE_MESSAGE })
  .meta({ description: 'An IANA time zone name such as "America/New_York", "Europe/Berlin" or "UTC".' });
