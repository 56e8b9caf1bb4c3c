import { isDeepStrictEqual } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { ResultsCache } from './load/results-cache.js';
import type { Entity, HolidayFileContent, Repository } from './model/repository.js';
import type { TicketDocument } from './model/ticket.js';
import type { OutagesAndMaintenance } from './sla/availability.js';
import { KEPT_NUMBERS, type KeptClocks } from './sla/kept-clocks.js';

/** The name of `sla report`'s entry in the results cache. */
const ENTRY = 'sla-clocks';

/**
 * What the entry holds: the settled clocks' typed arrays in one deflated buffer, and the rest (the definitions a
 * report needs, the tickets it measures again, the string tables) as deflated JSON. Both are opaque to the schema
 * check, which therefore costs nothing; their content is checked when decoded, and anything amiss is a miss.
 */
const entrySchema = z.object({
  /** KeptClocks.settledUntil; null for none (no ticket settled). */
  settledUntil: z.number().nullable(),
  json: z.string(),
  binary: z.string(),
  /** The length of each typed array in `binary`, in the order of BINARY_ORDER. */
  lengths: z.array(z.number().int().nonnegative()),
});

type Entry = z.infer<typeof entrySchema>;

/** A repository without its tickets and usage: the agreements, calendars, services, consumers, groups and config. */
type Definitions = Omit<Repository, 'tickets' | 'usage' | 'holidayFiles'> & { holidayFiles: [string, HolidayFileContent][] };

interface Payload {
  definitions: Definitions;
  remeasured: Entity<TicketDocument>[];
  strings: string[];
  shapes: string[];
  outages: [string, OutagesAndMaintenance['outagesByService'] extends Map<string, infer V> ? V : never][];
  maintenance: [string, OutagesAndMaintenance['maintenanceByService'] extends Map<string, infer V> ? V : never][];
}

/** What a warm `sla report` works on: the repository with only the tickets it measures again, and the kept clocks. */
export interface KeptMeasurement {
  repository: Repository;
  kept: KeptClocks;
}

/**
 * Records the clocks `kept` measured on `repository` under `digest` (the repository's, from openAndRecord). Nothing is
 * recorded when the definitions or the tickets measured again would not read back as they are (a value JSON cannot
 * hold): a later run then loads the repository, as without the cache.
 */
export function writeKeptClocks(results: ResultsCache, digest: string, repository: Repository, kept: KeptClocks): void {
  const { tickets: _tickets, usage: _usage, holidayFiles, ...rest } = repository;
  const definitions: Definitions = { ...rest, holidayFiles: [...holidayFiles] };
  const payload: Payload = {
    definitions,
    remeasured: kept.remeasured,
    strings: kept.columns.strings,
    shapes: kept.columns.shapes,
    outages: [...kept.outages.outagesByService],
    maintenance: [...kept.outages.maintenanceByService],
  };
  const json = JSON.stringify(payload);
  if (!isDeepStrictEqual(JSON.parse(json), payload)) return;
  const c = kept.columns;
  const arrays = [c.ticketTimes, c.numbers, c.ticketStrings, c.firstClock, c.clockShape, kept.order];
  const bytes = Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  const entry: Entry = {
    settledUntil: Number.isFinite(kept.settledUntil) ? kept.settledUntil : null,
    json: deflateRawSync(json, { level: 1 }).toString('base64'),
    binary: deflateRawSync(bytes, { level: 1 }).toString('base64'),
    lengths: arrays.map((a) => a.length),
  };
  results.writeResult(ENTRY, digest, entry);
}

/** The clocks recorded under `digest`, with the repository they need; undefined when missing, foreign or damaged. */
export function readKeptClocks(results: ResultsCache, digest: string): KeptMeasurement | undefined {
  const entry = results.readResult(ENTRY, digest, entrySchema);
  if (entry === undefined) return undefined;
  try {
    return decode(entry);
  } catch {
    return undefined;
  }
}

function decode(entry: Entry): KeptMeasurement | undefined {
  const payload = JSON.parse(inflateRawSync(Buffer.from(entry.json, 'base64')).toString('utf8')) as Payload;
  // A copy at offset 0 of its own buffer, so that the Float64Arrays are aligned.
  const bytes = new Uint8Array(inflateRawSync(Buffer.from(entry.binary, 'base64'))).slice();
  const [times, numbers, ticketStrings, firstClock, clockShape, order] = entry.lengths;
  if (entry.lengths.length !== 6 || [times, numbers, ticketStrings, firstClock, clockShape, order].some((n) => n === undefined)) return undefined;
  const size = (times! + numbers!) * 8 + (ticketStrings! + firstClock! + clockShape! + order!) * 4;
  if (size !== bytes.byteLength) return undefined;
  let at = 0;
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, width: number): T => {
    const array = make(bytes.buffer, at, length);
    at += length * width;
    return array;
  };
  const columns = {
    ticketTimes: take((b, o, n) => new Float64Array(b, o, n), times!, 8),
    numbers: take((b, o, n) => new Float64Array(b, o, n), numbers!, 8),
    ticketStrings: take((b, o, n) => new Int32Array(b, o, n), ticketStrings!, 4),
    firstClock: take((b, o, n) => new Uint32Array(b, o, n), firstClock!, 4),
    clockShape: take((b, o, n) => new Uint32Array(b, o, n), clockShape!, 4),
    strings: payload.strings,
    shapes: payload.shapes,
  };
  const orderArray = take((b, o, n) => new Int32Array(b, o, n), order!, 4);
  const settled = columns.firstClock.length - 1;
  const clocks = columns.clockShape.length;
  const consistent =
    settled >= 0 &&
    columns.ticketTimes.length === 2 * settled &&
    columns.ticketStrings.length === 5 * settled &&
    columns.numbers.length === KEPT_NUMBERS * clocks &&
    columns.firstClock[settled] === clocks &&
    Array.isArray(payload.remeasured) &&
    orderArray.every((p) => (p >= 0 ? p < settled : -1 - p < payload.remeasured.length));
  if (!consistent) return undefined;
  const { holidayFiles, ...definitions } = payload.definitions;
  const repository: Repository = { ...definitions, holidayFiles: new Map(holidayFiles), tickets: payload.remeasured, usage: [] };
  const kept: KeptClocks = {
    columns,
    order: orderArray,
    remeasured: payload.remeasured,
    settledUntil: entry.settledUntil ?? Number.NEGATIVE_INFINITY,
    outages: { outagesByService: new Map(payload.outages), maintenanceByService: new Map(payload.maintenance) },
  };
  return { repository, kept };
}
