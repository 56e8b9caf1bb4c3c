// Zod-free, like instant-text.ts: the SLA engine parses agreements' durations, and a warm `sla report` must not load
// the schemas to do it.

/**
 * Durations: `30m`, `4h`, `1h30m`, `2bd` (business days) or ISO 8601 (`PT4H`, `PT1H30M`).
 * A plain day (`1d`, `P1D`) is refused: in business time it is ambiguous (ServiceNow reads "1 day" as 24 business
 * hours, i.e. three working days of a 9–17 calendar). Write hours, or business days (`bd`).
 */
export type ParsedDuration = { kind: 'fixed'; minutes: number } | { kind: 'businessDays'; days: number };

const SHORT_DURATION_RE = /^(?:(\d+)h)?(?:(\d+)m)?$/;
const BUSINESS_DAYS_RE = /^(\d+)bd$/;
const ISO_DURATION_RE = /^PT(?:(\d+)H)?(?:(\d+)M)?$/;

export function parseDuration(value: string): ParsedDuration | undefined {
  const bd = BUSINESS_DAYS_RE.exec(value);
  if (bd) {
    const days = Number(bd[1]);
    return days > 0 ? { kind: 'businessDays', days } : undefined;
  }
  const m = SHORT_DURATION_RE.exec(value) ?? ISO_DURATION_RE.exec(value);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes > 0 ? { kind: 'fixed', minutes } : undefined;
}
