import { localDateOfDayNumber, localDayNumberOf, zoneOffsets } from '../time/zone.js';

/**
 * The local date (YYYY-MM-DD) of an instant in `zone`, for rules that look at the day of every ticket. The same as
 * localDateOf, but the zone is looked up once and each day's text is made once: a year of tickets has a few hundred
 * days, and 100,000 tickets would otherwise make 100,000 strings (a quarter of a second).
 */
export function localDayOf(zone: string): (ms: number) => string {
  const offsets = zoneOffsets(zone);
  const texts = new Map<number, string>();
  return (ms) => {
    const day = localDayNumberOf(offsets, ms);
    let text = texts.get(day);
    if (text === undefined) texts.set(day, (text = localDateOfDayNumber(day)));
    return text;
  };
}
