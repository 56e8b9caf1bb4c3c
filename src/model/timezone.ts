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

export const TimeZone = z.string().refine(isTimeZone, {
  message: 'expected an IANA time zone such as "America/New_York", "Europe/Berlin" or "UTC"',
});
