import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isJsonExact } from './json-exact.js';
import { fileKey } from './load/entry-files.js';
import { isArrayOf, type ResultsCache } from './load/results-cache.js';
import type { Entity, HolidayFileContent, Repository } from './model/repository.js';
import type { TicketDocument } from './model/ticket.js';
import type { RepositorySnapshot } from './load/file-stamps.js';
import type { OutagesAndMaintenance } from './sla/availability.js';
import { keepPart, keptClocksOf, KEPT_NUMBERS, type KeptClocks, type KeptColumns, type KeptPart } from './sla/kept-clocks.js';
import { measureContext, type MeasureContext } from './sla/measure.js';

/**
 * `sla report`'s entries in the results cache:
 *
 * - `sla-clocks.json`, under the digest of the repository's snapshot: the definitions a report needs (everything but
 *   the tickets) and the ticket files of the measurement in the repository's order, each with its hash and ticket count;
 * - `sla-clocks/<file key>.bin`, one per ticket file, under the file's hash and the hash of the definitions: that
 *   file's kept clocks (KeptPart). A header, then the tickets measured again, the string tables and the outages as
 *   deflated JSON of `json` bytes, then the settled clocks' typed arrays as they are in memory, in the order writePart
 *   lists them, `lengths` giving the length of each. The arrays are not compressed: reading them costs less than
 *   inflating them, and the entries stay a third of the YAML they cover.
 *
 * A run after an edit to one ticket file measures that file and writes its entry and the index; every other file's
 * entry is read as it is. Everything is checked when decoded, and anything amiss is a miss.
 */
const INDEX = 'sla-clocks';
const PARTS = 'sla-clocks';

/** A repository without its tickets and usage: the agreements, calendars, services, consumers, groups and config. */
type Definitions = Omit<Repository, 'tickets' | 'usage' | 'holidayFiles'> & { holidayFiles: [string, HolidayFileContent][] };

/** A ticket file as it was when its clocks were kept: its path, the SHA-256 of its bytes, and how many tickets it held. */
type KeptFile = [file: string, hash: string, tickets: number];

interface Index {
  definitions: Definitions;
  files: KeptFile[];
}

interface PartHeader {
  file: string;
  tickets: number;
  /** KeptPart.settledUntil; null for none (no ticket settled). */
  settledUntil: number | null;
  json: number;
  lengths: number[];
}

type OutageList = OutagesAndMaintenance['outagesByService'] extends Map<string, infer V> ? V : never;
type MaintenanceList = OutagesAndMaintenance['maintenanceByService'] extends Map<string, infer V> ? V : never;

interface PartPayload {
  remeasured: Entity<TicketDocument>[];
  strings: string[];
  shapes: string[];
  outages: [string, OutageList][];
  maintenance: [string, MaintenanceList][];
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKeptFile = (v: unknown): v is KeptFile => Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && typeof v[1] === 'string' && isCount(v[2]);
const isIndex = (v: unknown): v is Index => isObject(v) && isObject(v.definitions) && isArrayOf(v.files, isKeptFile);

function isPartHeader(e: Record<string, unknown>): e is Record<string, unknown> & PartHeader {
  return typeof e.file === 'string' && isCount(e.tickets) && (e.settledUntil === null || typeof e.settledUntil === 'number') && isCount(e.json) && isArrayOf(e.lengths, isCount);
}

/** `n` rounded up to a multiple of 8, where an entry's arrays begin. */
const aligned = (n: number): number => Math.ceil(n / 8) * 8;

/** What a warm `sla report` works on: the repository with only the tickets it measures again, and the kept clocks. */
interface KeptMeasurement {
  repository: Repository;
  kept: KeptClocks;
}

/**
 * A repository's kept clocks, one part per ticket file of `files`, the files whose parts were measured by this run,
 * and the definitions they were measured under.
 */
export interface FileMeasurement {
  kept: KeptClocks;
  files: KeptFile[];
  measured: ReadonlySet<string>;
  definitions: DefinitionsOf;
}

/** The definitions of a repository as the index holds them, and the key of every part measured under them. */
interface DefinitionsOf {
  definitions: Definitions;
  key: string;
}

function definitionsOf(repository: Repository): DefinitionsOf | undefined {
  const { tickets: _tickets, usage: _usage, holidayFiles, ...rest } = repository;
  const definitions: Definitions = { ...rest, holidayFiles: [...holidayFiles] };
  // Definitions that would not read back as they are (a value JSON cannot hold) are never recorded.
  if (!isJsonExact(definitions)) return undefined;
  return { definitions, key: keyOfDefinitions(definitions) };
}

/** The key every part measured under `definitions` is stored under: the SHA-256 of their JSON. */
function keyOfDefinitions(definitions: Definitions): string {
  return createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
}

/** Whether clocks of this build are recorded at all (under any digest): a run may then leave unchanged ticket files unread. */
export function keptClocksRecorded(results: ResultsCache): boolean {
  return results.readResult(INDEX, undefined, isIndex) !== undefined;
}

/**
 * Measures the tickets of `repository` one ticket file at a time, as of `asOf`, for a run that records its clocks:
 * the part of a file whose entry serves (same hash, same definitions, as many tickets, every settled ticket before
 * `asOf`) is read, every other file's tickets are measured. `files` is every file of the repository in the loader's
 * order; `unread` names the ticket files whose tickets are not in `repository` (their kept facts stood for them in
 * validation), with their ticket counts: each of those must have an entry that serves. Undefined when one does not,
 * or when the tickets of a file do not follow one another: the caller then measures the repository as a whole.
 */
export function measureFiles(
  results: ResultsCache,
  repository: Repository,
  files: readonly string[],
  unread: ReadonlyMap<string, number>,
  snapshot: RepositorySnapshot,
  asOf: number,
): FileMeasurement | undefined {
  const definitions = definitionsOf(repository);
  if (definitions === undefined) return undefined;
  const read = ticketsByFile(repository.tickets);
  if (read === undefined) return undefined;
  const hashes = new Map(snapshot.files.map((f) => [f.file, f.hash]));
  let context: MeasureContext | undefined;
  const parts: KeptPart[] = [];
  const kept: KeptFile[] = [];
  const measured = new Set<string>();
  let listed = 0;
  for (const file of files) {
    const own = read.get(file);
    const count = own?.length ?? unread.get(file);
    if (count === undefined) continue;
    const hash = hashes.get(file);
    if (hash === undefined) return undefined;
    const recorded = readPart(results, file, hash, definitions.key);
    if (recorded !== undefined && recorded.tickets === count && recorded.part.settledUntil < asOf) {
      parts.push(recorded.part);
    } else if (own !== undefined) {
      context ??= measureContext(repository);
      parts.push(keepPart(own, context, asOf));
      measured.add(file);
    } else {
      return undefined;
    }
    kept.push([file, hash, count]);
    listed += own?.length ?? 0;
  }
  // Every ticket read is in a listed file; anything else is a repository this cannot lay out.
  if (listed !== repository.tickets.length) return undefined;
  return { kept: keptClocksOf(parts), files: kept, measured, definitions };
}

/** The tickets of each file, in order; undefined when a file's tickets do not follow one another. */
function ticketsByFile(tickets: readonly Entity<TicketDocument>[]): Map<string, Entity<TicketDocument>[]> | undefined {
  const byFile = new Map<string, Entity<TicketDocument>[]>();
  let current: Entity<TicketDocument>[] | undefined;
  let currentFile: string | undefined;
  for (const ticket of tickets) {
    const file = ticket.source.file;
    if (file !== currentFile) {
      if (byFile.has(file)) return undefined;
      current = [];
      currentFile = file;
      byFile.set(file, current);
    }
    current!.push(ticket);
  }
  return byFile;
}

/**
 * Records `measurement` (measureFiles) under `digest` (the repository's, from openAndRecord): the entry of each file
 * it measured, and the index. Entries of files that are not ticket files of the measurement are removed.
 */
export function writeKeptClocks(results: ResultsCache, digest: string, measurement: FileMeasurement): void {
  const { definitions } = measurement;
  measurement.kept.parts.forEach((part, i) => {
    const [file, hash] = measurement.files[i]!;
    if (measurement.measured.has(file)) writePart(results, file, hash, definitions.key, part);
  });
  const index: Index = { definitions: definitions.definitions, files: measurement.files };
  results.writeResult(INDEX, digest, index);
  results.prune(PARTS, new Set(measurement.files.map(([file]) => fileKey(file))));
  // The one entry of every ticket's clocks that builds before the entries per file wrote (17 MB at 100,000 tickets).
  results.removeBytes(INDEX);
}

/** The clocks recorded under `digest`, with the repository they need; undefined when missing, foreign or damaged. */
export function readKeptClocks(results: ResultsCache, digest: string): KeptMeasurement | undefined {
  const index = results.readResult(INDEX, digest, isIndex);
  if (index === undefined) return undefined;
  // Every part is stored under the hash of the definitions it was measured with, as written: an index whose
  // definitions are not those finds no part.
  const key = keyOfDefinitions(index.definitions);
  const parts: KeptPart[] = [];
  for (const [file, hash, tickets] of index.files) {
    const recorded = readPart(results, file, hash, key);
    if (recorded === undefined || recorded.tickets !== tickets) return undefined;
    parts.push(recorded.part);
  }
  const kept = keptClocksOf(parts);
  const { holidayFiles, ...definitions } = index.definitions;
  return { repository: { ...definitions, holidayFiles: new Map(holidayFiles), tickets: kept.remeasured, usage: [] }, kept };
}

function partName(file: string): string {
  return `${PARTS}/${fileKey(file)}`;
}

function writePart(results: ResultsCache, file: string, hash: string, definitions: string, part: KeptPart): void {
  const payload: PartPayload = {
    remeasured: part.remeasured,
    strings: part.columns.strings,
    shapes: part.columns.shapes,
    outages: [...part.outages.outagesByService],
    maintenance: [...part.outages.maintenanceByService],
  };
  // Tickets measured again that would not read back as they are (a value JSON cannot hold) are never recorded.
  if (!isJsonExact(payload)) return;
  const deflated = deflateRawSync(JSON.stringify(payload), { level: 1 });
  const c = part.columns;
  const arrays = [c.ticketTimes, c.numbers, c.ticketStrings, c.firstClock, c.clockShape, part.order];
  const header: PartHeader = {
    file,
    tickets: part.order.length,
    settledUntil: Number.isFinite(part.settledUntil) ? part.settledUntil : null,
    json: deflated.length,
    lengths: arrays.map((a) => a.length),
  };
  const padding = new Uint8Array(aligned(deflated.length) - deflated.length);
  results.writeBytes(partName(file), `${hash} ${definitions}`, { ...header }, [deflated, padding, ...arrays.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))]);
}

/** The part kept for `file` with content `hash` under the definitions `definitions`; undefined when missing, foreign or damaged. */
function readPart(results: ResultsCache, file: string, hash: string, definitions: string): { part: KeptPart; tickets: number } | undefined {
  const entry = results.readBytes(partName(file), `${hash} ${definitions}`);
  if (entry === undefined || !isPartHeader(entry.header) || entry.header.file !== file) return undefined;
  try {
    const part = decodePart(entry.header, entry.bytes);
    return part && { part, tickets: entry.header.tickets };
  } catch {
    return undefined;
  }
}

function decodePart(header: PartHeader, body: Uint8Array): KeptPart | undefined {
  if (header.json > body.length) return undefined;
  const payload = JSON.parse(inflateRawSync(body.subarray(0, header.json)).toString('utf8')) as PartPayload;
  // The arrays begin at a multiple of 8 in the file (writeBytes), so they are views of the buffer it was read into
  // when that begins at one too (a large file's does); otherwise a copy at offset 0 of its own buffer.
  const start = aligned(header.json);
  if (start > body.length) return undefined;
  const inPlace = (body.byteOffset + start) % 8 === 0;
  const bytes = inPlace ? body.subarray(start) : new Uint8Array(body.subarray(start));
  const [times, numbers, ticketStrings, firstClock, clockShape, order] = header.lengths;
  if (header.lengths.length !== 6 || [times, numbers, ticketStrings, firstClock, clockShape, order].some((n) => n === undefined)) return undefined;
  const size = (times! + numbers!) * 8 + (ticketStrings! + firstClock! + clockShape! + order!) * 4;
  if (size !== bytes.byteLength || order !== header.tickets) return undefined;
  let at = bytes.byteOffset;
  const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    const array = make(bytes.buffer, at, length);
    at += length * width;
    return array;
  };
  const columns: KeptColumns = {
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
    isArrayOf(payload.strings, (s): s is string => typeof s === 'string') &&
    isArrayOf(payload.shapes, (s): s is string => typeof s === 'string') &&
    Array.isArray(payload.outages) &&
    Array.isArray(payload.maintenance) &&
    indexesInRange(columns, orderArray, payload.remeasured.length);
  if (!consistent) return undefined;
  return {
    columns,
    order: orderArray,
    remeasured: payload.remeasured,
    settledUntil: header.settledUntil ?? Number.NEGATIVE_INFINITY,
    outages: { outagesByService: new Map(payload.outages), maintenanceByService: new Map(payload.maintenance) },
  };
}

/**
 * Whether every index of a decoded part points into its table (so that a damaged entry is a miss, never a clock of
 * undefined strings) and the clocks' first indexes never decrease. Loops, not `every`: a year holds 250,000 clocks.
 */
function indexesInRange(columns: KeptColumns, order: Int32Array, remeasured: number): boolean {
  const settled = columns.firstClock.length - 1;
  for (let i = 0; i < order.length; i++) {
    const p = order[i]!;
    if (p >= 0 ? p >= settled : -1 - p >= remeasured) return false;
  }
  const shapes = columns.shapes.length;
  const { clockShape, ticketStrings, firstClock } = columns;
  for (let i = 0; i < clockShape.length; i++) if (clockShape[i]! >= shapes) return false;
  const strings = columns.strings.length;
  for (let i = 0; i < ticketStrings.length; i++) {
    const s = ticketStrings[i]!;
    if (s >= 0 ? s >= strings : s !== -1 || i % 5 !== 4) return false;
  }
  for (let i = 1; i < firstClock.length; i++) if (firstClock[i]! < firstClock[i - 1]!) return false;
  return true;
}
