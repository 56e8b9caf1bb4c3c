import { isDeepStrictEqual } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isArrayOf, type ResultsCache } from './load/results-cache.js';
import type { Entity, HolidayFileContent, Repository } from './model/repository.js';
import type { TicketDocument } from './model/ticket.js';
import type { OutagesAndMaintenance } from './sla/availability.js';
import { KEPT_NUMBERS, type KeptClocks } from './sla/kept-clocks.js';

/** The name of `sla report`'s entry in the results cache. */
const ENTRY = 'sla-clocks';

/**
 * What the entry holds (one file, `sla-clocks.bin`, ResultsCache.writeBytes): a header, then the rest (the definitions
 * a report needs, the tickets it measures again, the string tables) as deflated JSON of `json` bytes, then the settled
 * clocks' typed arrays as they are in memory, in the order writeKeptClocks lists them, `lengths` giving the length of
 * each. The arrays are not compressed: reading 16 MB costs less than inflating them, and the entry stays a third of
 * the YAML it covers. Everything is checked when decoded, and anything amiss is a miss.
 */
interface Header {
  /** KeptClocks.settledUntil; null for none (no ticket settled). */
  settledUntil: number | null;
  json: number;
  lengths: number[];
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isHeader(e: Record<string, unknown>): e is Record<string, unknown> & Header {
  return (e.settledUntil === null || typeof e.settledUntil === 'number') && isCount(e.json) && isArrayOf(e.lengths, isCount);
}

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
  const deflated = deflateRawSync(json, { level: 1 });
  const header: Header = {
    settledUntil: Number.isFinite(kept.settledUntil) ? kept.settledUntil : null,
    json: deflated.length,
    lengths: arrays.map((a) => a.length),
  };
  results.writeBytes(ENTRY, digest, { ...header }, [deflated, ...arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))]);
}

/** The clocks recorded under `digest`, with the repository they need; undefined when missing, foreign or damaged. */
export function readKeptClocks(results: ResultsCache, digest: string): KeptMeasurement | undefined {
  const entry = results.readBytes(ENTRY, digest);
  if (entry === undefined || !isHeader(entry.header)) return undefined;
  try {
    return decode(entry.header, entry.bytes);
  } catch {
    return undefined;
  }
}

function decode(header: Header, body: Uint8Array): KeptMeasurement | undefined {
  if (header.json > body.length) return undefined;
  const payload = JSON.parse(inflateRawSync(body.subarray(0, header.json)).toString('utf8')) as Payload;
  // A copy at offset 0 of its own buffer, so that the Float64Arrays are aligned (a Buffer's slice would be a view).
  const bytes = new Uint8Array(body.length - header.json);
  bytes.set(body.subarray(header.json));
  const [times, numbers, ticketStrings, firstClock, clockShape, order] = header.lengths;
  if (header.lengths.length !== 6 || [times, numbers, ticketStrings, firstClock, clockShape, order].some((n) => n === undefined)) return undefined;
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
    settledUntil: header.settledUntil ?? Number.NEGATIVE_INFINITY,
    outages: { outagesByService: new Map(payload.outages), maintenanceByService: new Map(payload.maintenance) },
  };
  return { repository, kept };
}
