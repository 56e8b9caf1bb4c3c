import { localDateOfDayNumber, localDayNumberOf, zoneOffsets } from '../time/zone.js';

/**
 * The local date (YYYY-MM-DD) of an instant in `zone`, for rules that look at the day of every ticket. The same as
 * localDateOf with the zone looked up once (localDateOfDayNumber makes each day's text once).
 */
export function localDayOf(zone: string): (ms: number) => string {
  const offsets = zoneOffsets(zone);
  return (ms) => localDateOfDayNumber(localDayNumberOf(offsets, ms));
}
