import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureFiles, writeKeptClocks, type FileMeasurement } from '../../src/kept-clocks-cache.js';
import { outagesAndMaintenanceOf } from '../../src/sla/availability.js';
import { takeSnapshot } from '../../src/load/repository-snapshot.js';
import { fileKey } from '../../src/load/entry-files.js';
import { ResultsCache } from '../../src/load/results-cache.js';
import type { Repository } from '../../src/model/repository.js';
import { openRepository } from '../../src/open-repository.js';
import { keptTickets, measuredTickets, type ReportedClock, type ReportedTicket } from '../../src/sla/kept-clocks.js';
import { measureContext } from '../../src/sla/measure.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// `sla report --cache` keeps the clocks of each ticket file in an entry of its own (kept-clocks-cache.ts): after one
// month's file changed, only that month is measured again, and only its entry is written; the others are read as
// they are (docs/performance.md). Whatever is read must equal what the engine measures.

const folders = scratchFolders('itsm-kept-files-');
const YEAR_END = Date.parse('2027-01-01T00:00:00Z');
const AUGUST = 'tickets/2026/2026-08.yaml';

function read(tickets: Iterable<ReportedTicket>): unknown[] {
  return [...tickets].map((t) => ({ service: t.service, consumer: t.consumer, type: t.type, opened: t.opened, clocks: [...t.clocks()].filter((c) => c.state !== 'cancelled').map(plain) }));
}

function plain(c: ReportedClock): Record<string, unknown> {
  const { cycle: _cycle, clockCalendar: _calendar, ...rest } = c as ReportedClock & { cycle?: unknown; clockCalendar?: unknown };
  return Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Measures the repository at `root` file by file as of `asOf`, records it, and checks it against the engine. */
function measureAndRecord(root: string, results: ResultsCache, asOf = YEAR_END): FileMeasurement {
  const { repository, files } = openRepository(root);
  const measurement = measureFiles(results, repository, files, new Map(), takeSnapshot(root, Date.now())!, asOf);
  expect(measurement).toBeDefined();
  const context = measureContext({ ...repository, tickets: measurement!.kept.remeasured });
  expect(read(keptTickets(measurement!.kept, context, asOf))).toEqual(read(measuredTickets(repository.tickets, measureContext(repository), asOf)));
  expect(measurement!.kept.outages).toEqual(outagesAndMaintenanceOf(repository));
  writeKeptClocks(results, 'digest', measurement!);
  return measurement!;
}

/** A copy of the example repository whose clocks one run kept (as of the year's end) in a results cache. */
function recorded(): { root: string; results: ResultsCache; files: number } {
  const root = folders.copyOf('examples/acme');
  const results = new ResultsCache(join(folders.empty(), 'cache'), 'test');
  const first = measureAndRecord(root, results);
  expect(first.measured.size).toBe(first.files.length);
  return { root, results, files: first.files.length };
}

function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(root, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(root, file), text.replace(from, to));
}

describe('each ticket file\'s clocks are kept apart, and read again while the file and the definitions are unchanged', () => {
  it('reads every file of an unchanged repository, equal to measuring it, as of the instant kept and a later one', () => {
    const { root, results } = recorded();
    // The one entry that earlier builds kept for every ticket is removed when the entries per file are written.
    results.writeBytes('sla-clocks', 'digest', {}, [new Uint8Array(8)]);
    expect(readdirSync(results.directory)).toContain('sla-clocks.bin');
    expect(measureAndRecord(root, results).measured.size).toBe(0);
    expect(readdirSync(results.directory)).not.toContain('sla-clocks.bin');
    expect(measureAndRecord(root, results, YEAR_END + 86_400_000).measured.size).toBe(0);
  });

  it('reads every file after an edit that changes no definition (a comment in itsm.yaml)', () => {
    const { root, results } = recorded();
    edit(root, 'itsm.yaml', 'apiVersion: itsm/v1', 'apiVersion: itsm/v1 # edited');
    expect(measureAndRecord(root, results).measured.size).toBe(0);
  });

  it('measures the edited file again, writes only its entry, and reads the others', () => {
    const { root, results } = recorded();
    const entries = join(results.directory, 'sla-clocks');
    const written = new Map(readdirSync(entries).map((name) => [name, statSync(join(entries, name)).mtimeMs]));
    edit(root, AUGUST, 'title: Add second SD-WAN circuit at the Newark plant', 'title: Add a second SD-WAN circuit at the Newark plant');
    expect([...measureAndRecord(root, results).measured]).toEqual([AUGUST]);
    const rewritten = readdirSync(entries).filter((name) => statSync(join(entries, name)).mtimeMs !== written.get(name));
    expect(rewritten).toEqual([`${fileKey(AUGUST)}.bin`]);
    // The entry written serves the next run.
    expect(measureAndRecord(root, results).measured.size).toBe(0);
  });

  it('measures every file again after a change to an agreement, a calendar, a service or the config', () => {
    const changes: [string, string, string][] = [
      ['slas/silver.yaml', 'response: { within: 1h, objective: 95 }', 'response: { within: 2h, objective: 95 }'],
      ['calendars/us-business-hours.yaml', '- { date: 2026-12-25, name: Christmas Day }', '- { date: 2026-12-28, name: Christmas Day }'],
      ['services/dns.yaml', '  owner: Network Operations\n', ''],
      ['itsm.yaml', '- { id: P1, name: Critical }', '- { id: P1, name: Urgent }'],
    ];
    for (const [file, from, to] of changes) {
      const { root, results, files } = recorded();
      edit(root, file, from, to);
      expect({ file, measured: measureAndRecord(root, results).measured.size }).toEqual({ file, measured: files });
    }
  });

  it('reads nothing of another build, nor a damaged entry, and drops the entry of a file that is gone', () => {
    const { root, results, files } = recorded();
    const path = join(results.directory, 'sla-clocks', `${fileKey(AUGUST)}.bin`);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect([...measureAndRecord(root, results).measured]).toEqual([AUGUST]);
    rmSync(join(root, AUGUST));
    expect(measureAndRecord(root, results).measured.size).toBe(0);
    expect(readdirSync(join(results.directory, 'sla-clocks'))).not.toContain(`${fileKey(AUGUST)}.bin`);
    expect(readdirSync(join(results.directory, 'sla-clocks'))).toHaveLength(files - 1);
    // Another build (its entries in the same folder) reads none of this one's, and this one none of its own.
    const other = new ResultsCache(results.directory.replace(/repository$/, ''), 'another build');
    expect(measureAndRecord(root, other).measured.size).toBe(files - 1);
    expect(measureAndRecord(root, results).measured.size).toBe(files - 1);
  });

  it('measures a file again whose settled tickets are not all before the measurement instant', () => {
    const { root, results, files } = recorded();
    // As of 1 September, August's tickets (and later ones) settled after it: those files are measured again.
    const september = Date.parse('2026-09-01T00:00:00Z');
    const { measured } = measureAndRecord(root, results, september);
    expect(measured.has(AUGUST)).toBe(true);
    expect(measured.has('tickets/2026/2026-07.yaml')).toBe(false);
    expect(measured.size).toBeLessThan(files);
  });
});

describe('a measurement that reads only the changed ticket files', () => {
  /** The repository as a run that kept the other files' facts has it: the definitions and the tickets of `read` only. */
  function partly(root: string, read: ReadonlySet<string>): { repository: Repository; whole: Repository; files: string[]; unread: Map<string, number> } {
    const opened = openRepository(root);
    const unread = new Map<string, number>();
    for (const t of opened.repository.tickets) if (!read.has(t.source.file)) unread.set(t.source.file, (unread.get(t.source.file) ?? 0) + 1);
    const repository = { ...opened.repository, tickets: opened.repository.tickets.filter((t) => read.has(t.source.file)) };
    return { repository, whole: opened.repository, files: opened.files, unread };
  }

  it('gives the clocks and the outages the engine measures over every ticket, after a figure in one file changed', () => {
    const { root, results } = recorded();
    // An incident of August resolved a day later: its clocks change, and so may the month's figures.
    edit(root, AUGUST, 'status: resolved, actor: a.haddad', 'status: on-hold, actor: a.haddad');
    const { repository, whole, files, unread } = partly(root, new Set([AUGUST]));
    const measured = measureFiles(results, repository, files, unread, takeSnapshot(root, Date.now())!, YEAR_END);
    expect(measured).toBeDefined();
    expect([...measured!.measured]).toEqual([AUGUST]);
    const context = measureContext(whole);
    const reading = measureContext({ ...repository, tickets: measured!.kept.remeasured });
    expect(read(keptTickets(measured!.kept, reading, YEAR_END))).toEqual(read(measuredTickets(whole.tickets, context, YEAR_END)));
    expect(measured!.kept.outages).toEqual(outagesAndMaintenanceOf(whole));
    expect(measured!.files.map(([file, , tickets]) => [file, tickets])).toEqual(
      [...new Set(whole.tickets.map((t) => t.source.file))].map((file) => [file, whole.tickets.filter((t) => t.source.file === file).length]),
    );
  });

  it('cannot stand for a file whose content is not as recorded, nor for a measurement before the settled instants, nor for other definitions', () => {
    const { root, results } = recorded();
    edit(root, AUGUST, 'title: Add second SD-WAN circuit at the Newark plant', 'title: Add a second SD-WAN circuit at the Newark plant');
    const { repository, files, unread } = partly(root, new Set([AUGUST]));
    const snapshot = takeSnapshot(root, Date.now())!;
    // September said to be unchanged, but its hash is not the one recorded.
    edit(root, 'tickets/2026/2026-09.yaml', 'priority: P3', 'priority: P2');
    expect(measureFiles(results, repository, files, unread, takeSnapshot(root, Date.now())!, YEAR_END)).toBeUndefined();
    expect(measureFiles(results, repository, files, unread, snapshot, Date.parse('2026-09-01T00:00:00Z'))).toBeUndefined();
    const renamed = { ...repository, config: { ...repository.config, name: 'ACME Corp.' } };
    expect(measureFiles(results, renamed, files, unread, snapshot, YEAR_END)).toBeUndefined();
    // A ticket file not listed among the repository's files: the tickets read are not laid out.
    expect(measureFiles(results, repository, files.filter((f) => f !== AUGUST), unread, snapshot, YEAR_END)).toBeUndefined();
    expect(measureFiles(results, repository, files, unread, snapshot, YEAR_END)).toBeDefined();
  });

  it('measures the repository as a whole when a file\'s tickets do not follow one another', () => {
    const { root, results } = recorded();
    const { repository, files } = openRepository(root);
    const [first, ...rest] = repository.tickets;
    const interleaved = { ...repository, tickets: [...rest, first!] };
    expect(measureFiles(results, interleaved, files, new Map(), takeSnapshot(root, Date.now())!, YEAR_END)).toBeUndefined();
  });
});
