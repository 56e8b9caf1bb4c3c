import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureKeeping, readCarriedClocks, writeKeptClocks } from '../../src/kept-clocks-cache.js';
import { outagesAndMaintenanceOf } from '../../src/sla/availability.js';
import { takeSnapshot } from '../../src/load/repository-snapshot.js';
import { ResultsCache } from '../../src/load/results-cache.js';
import type { Repository } from '../../src/model/repository.js';
import { openRepository } from '../../src/open-repository.js';
import { keepClocks, keptTickets, measuredTickets, type ReportedClock, type ReportedTicket } from '../../src/sla/kept-clocks.js';
import { measureContext } from '../../src/sla/measure.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// After one month's ticket file changed, `sla report --cache` loads the repository and keeps its clocks again; the
// settled clocks of the files that did not change are carried over from the entry of the previous run instead of
// measured (docs/performance.md). Whatever is carried must equal what the engine measures.

const folders = scratchFolders('itsm-carry-');
const YEAR_END = Date.parse('2027-01-01T00:00:00Z');
const AUGUST = 'tickets/2026/2026-08.yaml';

function read(tickets: Iterable<ReportedTicket>): unknown[] {
  return [...tickets].map((t) => ({ service: t.service, consumer: t.consumer, type: t.type, opened: t.opened, clocks: [...t.clocks()].filter((c) => c.state !== 'cancelled').map(plain) }));
}

function plain(c: ReportedClock): Record<string, unknown> {
  const { cycle: _cycle, clockCalendar: _calendar, ...rest } = c as ReportedClock & { cycle?: unknown; clockCalendar?: unknown };
  return Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A copy of the example repository whose clocks one run kept (as of the year's end) in a results cache. */
function recorded(): { root: string; results: ResultsCache } {
  const root = folders.copyOf('examples/acme');
  const results = new ResultsCache(join(folders.empty(), 'cache'), 'test');
  const { repository } = openRepository(root);
  writeKeptClocks(results, 'first', repository, keepClocks(repository.tickets, measureContext(repository), YEAR_END), takeSnapshot(root, Date.now())!);
  return { root, results };
}

function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(root, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(root, file), text.replace(from, to));
}

/** The clocks kept with what is carried equal the engine's, ticket for ticket; returns the files that were carried. */
function expectCarriedAsMeasured(root: string, results: ResultsCache, repository: Repository, asOf: number): Set<string> {
  const carried = readCarriedClocks(results, repository, takeSnapshot(root, Date.now())!);
  expect(carried).toBeDefined();
  const context = measureContext(repository);
  const kept = keepClocks(repository.tickets, context, asOf, carried);
  expect(read(keptTickets(kept, context, asOf))).toEqual(read(measuredTickets(repository.tickets, context, asOf)));
  const files = new Set<string>();
  repository.tickets.forEach((t, i) => {
    if (carried!.places[i]! >= 0) files.add(t.source.file);
  });
  return files;
}

describe('the settled clocks of unchanged ticket files are carried over to the next measurement', () => {
  it('carries every file of an unchanged repository, equal to measuring it', () => {
    const { root, results } = recorded();
    const { repository } = openRepository(root);
    const carried = expectCarriedAsMeasured(root, results, repository, YEAR_END);
    expect([...carried].sort()).toEqual([...new Set(repository.tickets.map((t) => t.source.file))].sort());
    // A later instant too: the settled clocks are those of any instant after their last.
    expectCarriedAsMeasured(root, results, repository, YEAR_END + 86_400_000);
  });

  it('carries every file after an edit that changes no definition (a comment in itsm.yaml)', () => {
    const { root, results } = recorded();
    edit(root, 'itsm.yaml', 'apiVersion: itsm/v1', 'apiVersion: itsm/v1 # edited');
    const { repository } = openRepository(root);
    expect(expectCarriedAsMeasured(root, results, repository, YEAR_END).size).toBe(new Set(repository.tickets.map((t) => t.source.file)).size);
  });

  it('measures the edited file again and carries the others', () => {
    const { root, results } = recorded();
    edit(root, AUGUST, 'title: Add second SD-WAN circuit at the Newark plant', 'title: Add a second SD-WAN circuit at the Newark plant');
    const { repository } = openRepository(root);
    const carried = expectCarriedAsMeasured(root, results, repository, YEAR_END);
    expect(carried.has(AUGUST)).toBe(false);
    expect(carried.has('tickets/2026/2026-09.yaml')).toBe(true);
  });

  it('carries nothing after a change to an agreement, a calendar, a service or the config', () => {
    const changes: [string, string, string][] = [
      ['slas/silver.yaml', 'response: { within: 1h, objective: 95 }', 'response: { within: 2h, objective: 95 }'],
      ['calendars/us-business-hours.yaml', '- { date: 2026-12-25, name: Christmas Day }', '- { date: 2026-12-28, name: Christmas Day }'],
      ['services/dns.yaml', '  owner: Network Operations\n', ''],
      ['itsm.yaml', '- { id: P1, name: Critical }', '- { id: P1, name: Urgent }'],
    ];
    for (const [file, from, to] of changes) {
      const { root, results } = recorded();
      edit(root, file, from, to);
      const { repository } = openRepository(root);
      expect({ file, carried: readCarriedClocks(results, repository, takeSnapshot(root, Date.now())!) }).toEqual({ file, carried: undefined });
    }
  });

  it('keeps the strings of edited tickets in the carried table only until more than half of it is unused', () => {
    const { repository } = openRepository(folders.copyOf('examples/acme'));
    const retitled = (suffix: string) => repository.tickets.map((t) => ({ ...t, doc: { ...t.doc, spec: { ...t.doc.spec, title: `${t.doc.spec.title}${suffix}` } } }));
    const used = (strings: readonly string[], codes: Int32Array) => new Set([...codes].filter((c) => c >= 0).map((c) => strings[c])).size;
    const first = keepClocks(repository.tickets, measureContext(repository), YEAR_END);
    expect(used(first.columns.strings, first.columns.ticketStrings)).toBe(first.columns.strings.length);
    // Every ticket measured again with a new title: the old titles stay in the table, the clocks read the new ones.
    const again = (before: typeof first, tickets: typeof repository.tickets) => {
      const context = measureContext({ ...repository, tickets });
      const kept = keepClocks(tickets, context, YEAR_END, { columns: before.columns, places: new Int32Array(tickets.length).fill(-1) });
      expect(read(keptTickets(kept, context, YEAR_END))).toEqual(read(measuredTickets(tickets, context, YEAR_END)));
      return kept;
    };
    // Over edits that retitle every ticket, the table never holds more unused strings than used ones; it keeps old
    // titles for a while (a third of it after the first edit: ids, old and new titles) and is then compacted.
    let kept = first;
    const unused: number[] = [];
    for (const edit of [2, 3, 4, 5]) {
      kept = again(kept, retitled(` (${edit})`));
      const inUse = used(kept.columns.strings, kept.columns.ticketStrings);
      expect(kept.columns.strings.length).toBeLessThanOrEqual(2 * inUse);
      unused.push(kept.columns.strings.length - inUse);
    }
    expect(unused[0]).toBeGreaterThan(0);
    expect(unused).toContain(0);
  });

  it('carries nothing from an entry of another build, nor from a damaged one', () => {
    const { root, results } = recorded();
    const { repository } = openRepository(root);
    const snapshot = takeSnapshot(root, Date.now())!;
    expect(readCarriedClocks(new ResultsCache(results.directory.replace(/repository$/, ''), 'another build'), repository, snapshot)).toBeUndefined();
    const path = join(results.directory, 'sla-clocks.bin');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect(readCarriedClocks(results, repository, snapshot)).toBeUndefined();
  });
});

describe('a measurement that reads only the changed ticket files (measureKeeping)', () => {
  /** The repository as a run that kept the other files' facts has it: the definitions and the tickets of `read` only. */
  function partly(root: string, read: ReadonlySet<string>): { repository: Repository; whole: Repository; files: string[]; kept: Map<string, number> } {
    const opened = openRepository(root);
    const kept = new Map<string, number>();
    for (const t of opened.repository.tickets) if (!read.has(t.source.file)) kept.set(t.source.file, (kept.get(t.source.file) ?? 0) + 1);
    const repository = { ...opened.repository, tickets: opened.repository.tickets.filter((t) => read.has(t.source.file)) };
    return { repository, whole: opened.repository, files: opened.files, kept };
  }

  it('gives the clocks and the outages the engine measures over every ticket, after a figure in one file changed', () => {
    const { root, results } = recorded();
    // An incident of August resolved a day later: its clocks change, and so may the month's figures.
    edit(root, AUGUST, 'status: resolved, actor: a.haddad', 'status: on-hold, actor: a.haddad');
    const { repository, whole, files, kept } = partly(root, new Set([AUGUST]));
    const measured = measureKeeping(results, repository, files, kept, takeSnapshot(root, Date.now())!, YEAR_END);
    expect(measured).toBeDefined();
    const context = measureContext(whole);
    const reading = measureContext({ ...repository, tickets: measured!.kept.remeasured });
    expect(read(keptTickets(measured!.kept, reading, YEAR_END))).toEqual(read(measuredTickets(whole.tickets, context, YEAR_END)));
    expect(measured!.kept.outages).toEqual(outagesAndMaintenanceOf(whole));
    expect(measured!.layout.files.map(([file, , tickets]) => [file, tickets])).toEqual(
      [...new Set(whole.tickets.map((t) => t.source.file))].map((file) => [file, whole.tickets.filter((t) => t.source.file === file).length]),
    );
  });

  it('cannot stand for a file whose content is not as recorded, nor for a measurement before the settled instants, nor for other definitions', () => {
    const { root, results } = recorded();
    edit(root, AUGUST, 'title: Add second SD-WAN circuit at the Newark plant', 'title: Add a second SD-WAN circuit at the Newark plant');
    const { repository, files, kept } = partly(root, new Set([AUGUST]));
    const snapshot = takeSnapshot(root, Date.now())!;
    // September said to be unchanged, but its hash is not the one recorded.
    edit(root, 'tickets/2026/2026-09.yaml', 'priority: P3', 'priority: P2');
    expect(measureKeeping(results, repository, files, kept, takeSnapshot(root, Date.now())!, YEAR_END)).toBeUndefined();
    expect(measureKeeping(results, repository, files, kept, snapshot, Date.parse('2026-09-01T00:00:00Z'))).toBeUndefined();
    const renamed = { ...repository, config: { ...repository.config, name: 'ACME Corp.' } };
    expect(measureKeeping(results, renamed, files, kept, snapshot, YEAR_END)).toBeUndefined();
    expect(measureKeeping(results, repository, files, kept, snapshot, YEAR_END)).toBeDefined();
  });
});
