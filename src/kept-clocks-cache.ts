import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isJsonExact } from './json-exact.js';
import { isArrayOf, type ResultsCache } from './load/results-cache.js';
import type { Entity, HolidayFileContent, Repository } from './model/repository.js';
import type { TicketDocument } from './model/ticket.js';
import type { RepositorySnapshot } from './load/file-stamps.js';
import { mergeOutagesAndMaintenance, outagesAndMaintenanceOf, type OutagesAndMaintenance } from './sla/availability.js';
import { carriedBefore, keepCarriedClocks, KEPT_NUMBERS, type CarriedClocks, type KeptClocks } from './sla/kept-clocks.js';
import { measureContext } from './sla/measure.js';

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

/** `n` rounded up to a multiple of 8, where the entry's arrays begin. */
const aligned = (n: number): number => Math.ceil(n / 8) * 8;

/** A repository without its tickets and usage: the agreements, calendars, services, consumers, groups and config. */
type Definitions = Omit<Repository, 'tickets' | 'usage' | 'holidayFiles'> & { holidayFiles: [string, HolidayFileContent][] };

/** A ticket file as it was when the clocks were kept: its path, the SHA-256 of its bytes, and how many tickets it held. */
type KeptFile = [file: string, hash: string, tickets: number];

/** A ticket file's outages and maintenance windows by service (OutagesAndMaintenance's maps as entries). */
type FileOutages = [outages: [string, OutageList][], maintenance: [string, MaintenanceList][]];
type OutageList = OutagesAndMaintenance['outagesByService'] extends Map<string, infer V> ? V : never;
type MaintenanceList = OutagesAndMaintenance['maintenanceByService'] extends Map<string, infer V> ? V : never;

/** The ticket files of a measurement in the repository's order, and each one's outages and maintenance windows. */
export interface KeptLayout {
  files: KeptFile[];
  outages: OutagesAndMaintenance[];
}

interface Payload {
  definitions: Definitions;
  /** The files of the tickets, in the repository's order (each file's tickets follow one another). */
  files: KeptFile[];
  /** Each file's outages and maintenance windows, in the order of `files`: what a run that reads only some files needs of the others. */
  fileOutages: FileOutages[];
  remeasured: Entity<TicketDocument>[];
  strings: string[];
  shapes: string[];
  outages: [string, OutagesAndMaintenance['outagesByService'] extends Map<string, infer V> ? V : never][];
  maintenance: [string, OutagesAndMaintenance['maintenanceByService'] extends Map<string, infer V> ? V : never][];
}

/** What a warm `sla report` works on: the repository with only the tickets it measures again, and the kept clocks. */
interface KeptMeasurement {
  repository: Repository;
  kept: KeptClocks;
}

/**
 * Records the clocks `kept` measured on `repository` under `digest` (the repository's, from openAndRecord). Nothing is
 * recorded when the definitions or the tickets measured again would not read back as they are (a value JSON cannot
 * hold): a later run then loads the repository, as without the cache.
 */
export function writeKeptClocks(results: ResultsCache, digest: string, repository: Repository, kept: KeptClocks, snapshot?: RepositorySnapshot, given?: KeptLayout): void {
  const layout = given ?? (snapshot ? layoutOf(repository, snapshot) : { files: [], outages: [] });
  if (layout === undefined) return;
  const payload: Payload = {
    definitions: definitionsOf(repository),
    files: layout.files,
    fileOutages: layout.outages.map((o) => [[...o.outagesByService], [...o.maintenanceByService]]),
    remeasured: kept.remeasured,
    strings: kept.columns.strings,
    shapes: kept.columns.shapes,
    outages: [...kept.outages.outagesByService],
    maintenance: [...kept.outages.maintenanceByService],
  };
  if (!isJsonExact(payload)) return;
  const json = JSON.stringify(payload);
  const c = kept.columns;
  const arrays = [c.ticketTimes, c.numbers, c.ticketStrings, c.firstClock, c.clockShape, kept.order];
  const deflated = deflateRawSync(json, { level: 1 });
  const header: Header = {
    settledUntil: Number.isFinite(kept.settledUntil) ? kept.settledUntil : null,
    json: deflated.length,
    lengths: arrays.map((a) => a.length),
  };
  const padding = new Uint8Array(aligned(deflated.length) - deflated.length);
  results.writeBytes(ENTRY, digest, { ...header }, [deflated, padding, ...arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))]);
}

/** Whether clocks of this build are recorded under any digest (measureKeeping may then stand for unread files). */
export function keptClocksRecorded(results: ResultsCache): boolean {
  const entry = results.readBytes(ENTRY, undefined);
  return entry !== undefined && isHeader(entry.header);
}

/** The clocks recorded under `digest`, with the repository they need; undefined when missing, foreign or damaged. */
export function readKeptClocks(results: ResultsCache, digest: string): KeptMeasurement | undefined {
  return decoded(results, digest)?.measurement;
}

/**
 * What a run that loads the repository can carry over from the clocks recorded for an earlier state of it (under any
 * digest, by this build): the settled clocks of every ticket file whose content is as it was then (same path, same
 * hash, as many tickets), provided that every definition (agreements and their versions, calendars, services,
 * consumers, groups, config, holiday files: all a ticket's clocks depend on besides the ticket) is the same. After
 * one month's file was edited, only that month is measured again; after an agreement or a calendar was edited,
 * everything is.
 */
export function readCarriedClocks(results: ResultsCache, repository: Repository, snapshot: RepositorySnapshot): CarriedClocks | undefined {
  const previous = decoded(results, undefined);
  if (previous === undefined) return undefined;
  const { measurement, payload } = previous;
  const files = keptFiles(repository, snapshot);
  if (files === undefined || JSON.stringify(definitionsOf(repository)) !== JSON.stringify(payload.definitions)) return undefined;
  const before = recordedFiles(payload, measurement.kept);
  if (before === undefined) return undefined;
  const places = new Int32Array(repository.tickets.length).fill(-1);
  let t = 0;
  for (const [file, hash, tickets] of files) {
    const was = before.get(file);
    if (was !== undefined && was.hash === hash && was.tickets === tickets) {
      for (let k = 0; k < tickets; k++) places[t + k] = measurement.kept.order[was.first + k]!;
    }
    t += tickets;
  }
  return { columns: measurement.kept.columns, places };
}

/**
 * The ticket files an entry was recorded for, by path: the hash and ticket count recorded, the place of its first
 * ticket in `kept.order`, and its index in `payload.files`. Undefined when the counts do not add up to the order.
 */
function recordedFiles(payload: Payload, kept: KeptClocks): Map<string, { hash: string; tickets: number; first: number; index: number }> | undefined {
  const recorded = new Map<string, { hash: string; tickets: number; first: number; index: number }>();
  let first = 0;
  payload.files.forEach(([file, hash, tickets], index) => {
    recorded.set(file, { hash, tickets, first, index });
    first += tickets;
  });
  return first === kept.order.length ? recorded : undefined;
}

/** The ticket files of `repository` (keptFiles) and each one's outages and maintenance windows. */
function layoutOf(repository: Repository, snapshot: RepositorySnapshot): KeptLayout | undefined {
  const files = keptFiles(repository, snapshot);
  if (files === undefined) return undefined;
  const outages: OutagesAndMaintenance[] = [];
  let t = 0;
  for (const [, , count] of files) {
    outages.push(outagesAndMaintenanceOf({ tickets: repository.tickets.slice(t, t + count), config: repository.config }));
    t += count;
  }
  return { files, outages };
}

/**
 * Measures a repository of which only some ticket files were read (`repository.tickets` holds theirs; `kept` names
 * the others, with their ticket counts, whose facts stood for them in validation) from the clocks recorded for an
 * earlier state of it: each ticket of a file not read is carried over (settled before `asOf`) or, if it was measured
 * again at every run, is taken from the recorded tickets, and the file's outages come from the record. `files` is
 * every file of the repository in the loader's order. Undefined when the record cannot stand for every file not read
 * (none recorded, other definitions, a file's hash or count not as recorded, a ticket settled only after `asOf`):
 * then the caller reads every file.
 */
export function measureKeeping(
  results: ResultsCache,
  repository: Repository,
  files: readonly string[],
  kept: ReadonlyMap<string, number>,
  snapshot: RepositorySnapshot,
  asOf: number,
): { kept: KeptClocks; layout: KeptLayout } | undefined {
  const previous = decoded(results, undefined);
  if (previous === undefined) return undefined;
  const { measurement, payload } = previous;
  if (!Array.isArray(payload.fileOutages) || payload.fileOutages.length !== payload.files.length) return undefined;
  if (JSON.stringify(definitionsOf(repository)) !== JSON.stringify(payload.definitions)) return undefined;
  const recorded = recordedFiles(payload, measurement.kept);
  if (recorded === undefined) return undefined;
  const hashes = new Map(snapshot.files.map((f) => [f.file, f.hash]));
  const read = new Map<string, Entity<TicketDocument>[]>();
  for (const ticket of repository.tickets) {
    const list = read.get(ticket.source.file);
    if (list === undefined) read.set(ticket.source.file, [ticket]);
    else list.push(ticket);
  }
  const carried: CarriedClocks = { columns: measurement.kept.columns, places: new Int32Array(0) };
  const tickets: (Entity<TicketDocument> | undefined)[] = [];
  const places: number[] = [];
  const layout: KeptLayout = { files: [], outages: [] };
  for (const file of files) {
    const hash = hashes.get(file);
    const own = read.get(file);
    if (own !== undefined) {
      if (hash === undefined) return undefined;
      for (const ticket of own) {
        tickets.push(ticket);
        places.push(-1);
      }
      layout.files.push([file, hash, own.length]);
      layout.outages.push(outagesAndMaintenanceOf({ tickets: own, config: repository.config }));
      continue;
    }
    const count = kept.get(file);
    if (count === undefined) continue;
    const was = recorded.get(file);
    if (was === undefined || hash === undefined || was.hash !== hash || was.tickets !== count) return undefined;
    for (let k = 0; k < count; k++) {
      const place = measurement.kept.order[was.first + k]!;
      if (place < 0) {
        tickets.push(measurement.kept.remeasured[-1 - place]!);
        places.push(-1);
      } else {
        if (!carriedBefore(carried, place, asOf)) return undefined;
        tickets.push(undefined);
        places.push(place);
      }
    }
    const [outages, maintenance] = payload.fileOutages[was.index]!;
    layout.files.push([file, hash, count]);
    layout.outages.push({ outagesByService: new Map(outages), maintenanceByService: new Map(maintenance) });
  }
  // Every ticket read is in a listed file; anything else is a repository this cannot lay out.
  if (tickets.length - [...kept.values()].reduce((a, b) => a + b, 0) !== repository.tickets.length) return undefined;
  carried.places = Int32Array.from(places);
  // The context of the tickets measured: its columns hold their parsed instants.
  const context = measureContext({ ...repository, tickets: tickets.filter((t): t is Entity<TicketDocument> => t !== undefined) });
  return { kept: keepCarriedClocks(tickets, context, asOf, carried, mergeOutagesAndMaintenance(layout.outages)), layout };
}

/** The ticket files of `repository` in its order, with their hashes from `snapshot`; undefined when they do not follow one another. */
function keptFiles(repository: Repository, snapshot: RepositorySnapshot): KeptFile[] | undefined {
  const hashes = new Map(snapshot.files.map((f) => [f.file, f.hash]));
  const files: KeptFile[] = [];
  const seen = new Set<string>();
  for (const { source } of repository.tickets) {
    const last = files[files.length - 1];
    if (last !== undefined && last[0] === source.file) {
      last[2]++;
      continue;
    }
    const hash = hashes.get(source.file);
    if (hash === undefined || seen.has(source.file)) return undefined;
    seen.add(source.file);
    files.push([source.file, hash, 1]);
  }
  return files;
}

function definitionsOf(repository: Repository): Definitions {
  const { tickets: _tickets, usage: _usage, holidayFiles, ...rest } = repository;
  return { ...rest, holidayFiles: [...holidayFiles] };
}

/** The entry recorded under `digest` (any digest when undefined), decoded; undefined when missing, foreign or damaged. */
function decoded(results: ResultsCache, digest: string | undefined): { measurement: KeptMeasurement; payload: Payload } | undefined {
  const entry = results.readBytes(ENTRY, digest);
  if (entry === undefined || !isHeader(entry.header)) return undefined;
  try {
    return decode(entry.header, entry.bytes);
  } catch {
    return undefined;
  }
}

function decode(header: Header, body: Uint8Array): { measurement: KeptMeasurement; payload: Payload } | undefined {
  if (header.json > body.length) return undefined;
  const payload = JSON.parse(inflateRawSync(body.subarray(0, header.json)).toString('utf8')) as Payload;
  // The arrays begin at a multiple of 8 in the file (writeBytes), so they are views of the buffer it was read into
  // when that begins at one too (a large file's does); otherwise a copy at offset 0 of its own buffer.
  const start = aligned(header.json);
  if (start > body.length) return undefined;
  const inPlace = (body.byteOffset + start) % 8 === 0;
  const bytes = inPlace ? body.subarray(start) : new Uint8Array(body.subarray(start));
  const [times, numbers, ticketStrings, firstClock, clockShape, order] = header.lengths;
  if (header.lengths.length !== 6 || [times, numbers, ticketStrings, firstClock, clockShape, order].some((n) => n === undefined)) return undefined;
  const size = (times! + numbers!) * 8 + (ticketStrings! + firstClock! + clockShape! + order!) * 4;
  if (size !== bytes.byteLength) return undefined;
  let at = bytes.byteOffset;
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
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
    Array.isArray(payload.files) &&
    Array.isArray(payload.strings) &&
    Array.isArray(payload.shapes) &&
    orderArray.every((p) => (p >= 0 ? p < settled : -1 - p < payload.remeasured.length)) &&
    // Every index points into its table, so that a damaged entry is a miss and never a clock of undefined strings.
    columns.clockShape.every((s) => s < columns.shapes.length) &&
    columns.ticketStrings.every((s, i) => (s >= 0 ? s < columns.strings.length : s === -1 && i % 5 === 4)) &&
    columns.firstClock.every((c, i) => i === 0 || c >= columns.firstClock[i - 1]!);
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
  return { measurement: { repository, kept }, payload };
}
