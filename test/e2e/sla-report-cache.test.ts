import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// `sla report --cache` keeps the clocks of settled tickets in the results cache (docs/performance.md, "The kept
// clocks of sla report"). Every run with the cache must print what a run without it prints, byte for byte.

const folders = scratchFolders('itsm-sla-cache-');
const YEAR = ['--period', '2026'];
const END = ['--now', '2027-01-01T00:00:00Z'];

/** The kept clocks' entry: the same file (inode and time) after a run means the run used it and did not record again. */
function entryOf(cache: string): string {
  const stats = statSync(join(cache, 'repository', 'sla-clocks.json'), { bigint: true });
  return `${stats.ino}:${stats.mtimeNs}`;
}

/** The entry's parts (ResultsCache.writeBytes): a magic line, the header's length, the JSON header, the bytes. */
const MAGIC = 'itsm results\n'.length;
function entryParts(path: string): { head: { key: string; header: { json: number } }; body: Buffer } {
  const file = readFileSync(path);
  const length = file.readUInt32LE(MAGIC);
  return { head: JSON.parse(file.toString('utf8', MAGIC + 4, MAGIC + 4 + length)) as { key: string; header: { json: number } }, body: file.subarray(MAGIC + 4 + length) };
}
function writeEntry(path: string, head: object, body: Buffer): void {
  const text = Buffer.from(JSON.stringify(head));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(text.length);
  writeFileSync(path, Buffer.concat([Buffer.from('itsm results\n'), length, text, body]));
}

/** A copy of the example repository and a cache in which one run recorded its clocks as of `now`. */
function recorded(now: readonly string[] = END): { root: string; cache: string } {
  const root = folders.copyOf('examples/acme');
  const cache = join(folders.empty(), 'cache');
  const first = runCli(['sla', 'report', root, ...YEAR, ...now, '--format', 'json', '--cache-location', cache]);
  expect(first).toEqual(runCli(['sla', 'report', root, ...YEAR, ...now, '--format', 'json']));
  return { root, cache };
}

/** Runs `args` without the cache and with it: both must give the same stdout, stderr and status. */
function expectSame(root: string, cache: string, args: readonly string[]): void {
  const cold = runCli(['sla', 'report', root, ...args]);
  const warm = runCli(['sla', 'report', root, ...args, '--cache-location', cache]);
  expect({ args, ...warm }).toEqual({ args, ...cold });
}

function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replaceAll(from, to));
}

describe('sla report --cache prints what a run without the cache prints', () => {
  it('in every format, with filters and --by, from the kept clocks (the entry is read, not written again)', () => {
    const { root, cache } = recorded();
    const entry = entryOf(cache);
    for (const args of [
      [...YEAR, ...END],
      [...YEAR, ...END, '--format', 'json'],
      [...YEAR, ...END, '--format', 'csv'],
      [...YEAR, ...END, '--format', 'markdown'],
      [...YEAR, ...END, '--by', 'service', '--format', 'json'],
      [...YEAR, ...END, '--by', 'month', '--all'],
      [...YEAR, ...END, '--by', 'group', '--format', 'csv', '--delimiter', ';'],
      [...YEAR, ...END, '--by', 'consumer', '--service', 'erp,email', '--priority', 'P1,P2'],
      [...YEAR, ...END, '--sla', 'gold', '--type', 'incident', '--format', 'json'],
      [...YEAR, ...END, '--group', 'network', '--format', 'json'],
      ['--period', '2026-11', ...END, '--by', 'priority', '--fail-under', '99'],
      ['--period', '2026-Q4', ...END, '--consumer', 'finance', '--format', 'markdown'],
    ]) {
      expectSame(root, cache, args);
    }
    expect(entryOf(cache)).toBe(entry);
  });

  it('re-measures the running clocks as of a later --now, and falls back to the load for an earlier one', () => {
    const { root, cache } = recorded(['--now', '2026-11-15T00:00:00Z']);
    const entry = entryOf(cache);
    expectSame(root, cache, [...YEAR, '--now', '2026-11-20T12:00:00Z', '--format', 'json']);
    expectSame(root, cache, [...YEAR, ...END, '--format', 'csv']);
    expectSame(root, cache, ['--period', '2026-11', '--format', 'json']);
    expect(entryOf(cache)).toBe(entry);
    // Before the last instant of the settled tickets: their clocks are not those kept; the repository is loaded.
    expectSame(root, cache, [...YEAR, '--now', '2026-09-01T00:00:00Z', '--format', 'json']);
    expect(entryOf(cache)).not.toBe(entry);
  });

  it.each([
    ['a ticket file', 'tickets/2026/2026-10.yaml', 'priority: P3', 'priority: P1'],
    ['an agreement', 'slas/gold.yaml', 'resolution: { within: 4h, objective: 95 }', 'resolution: { within: 1h, objective: 95 }'],
    ['a calendar', 'calendars/us-business-hours.yaml', '08:00-18:00', '07:00-17:00'],
    ['a consumer', 'consumers/london-sales.yaml', 'calendar: uk-business-hours', 'calendar: us-business-hours'],
    ['itsm.yaml', 'itsm.yaml', 'name: ACME Corporation', 'name: ACME Corp.'],
  ])('is measured again after an edit to %s', (_what, file, from, to) => {
    const { root, cache } = recorded();
    const entry = entryOf(cache);
    edit(root, file, from, to);
    const after = runCli(['sla', 'report', root, ...YEAR, ...END, '--format', 'json']);
    expect(after.status).toBe(0);
    expect(after.stdout).not.toBe(runCli(['sla', 'report', 'examples/acme', ...YEAR, ...END, '--format', 'json']).stdout);
    expect(runCli(['sla', 'report', root, ...YEAR, ...END, '--format', 'json', '--cache-location', cache])).toEqual(after);
    expect(entryOf(cache)).not.toBe(entry);
    const again = entryOf(cache);
    expectSame(root, cache, [...YEAR, ...END, '--by', 'service']);
    expect(entryOf(cache)).toBe(again);
  });

  it('records the facts of every ticket file on its first run, so that the run after an edit reads only the edited file', () => {
    const { root, cache } = recorded();
    // One record per ticket file (ticket-file-facts.ts): without them the next run would read all 8 of acme's files.
    const files = readdirSync(join(root, 'tickets', '2026')).filter((name) => name.endsWith('.yaml'));
    expect(files).toHaveLength(8);
    expect(readdirSync(join(cache, 'repository', 'ticket-files'))).toHaveLength(files.length);
  });

  it('after edits to ticket files one after the other (read alone, the others kept), and a file added and removed', () => {
    const { root, cache } = recorded();
    const args = [...YEAR, ...END, '--format', 'json'];
    edit(root, 'tickets/2026/2026-08.yaml', 'status: resolved, actor: a.haddad', 'status: on-hold, actor: a.haddad');
    expectSame(root, cache, args);
    edit(root, 'tickets/2026/2026-10.yaml', 'priority: P3', 'priority: P1');
    expectSame(root, cache, args);
    expectSame(root, cache, [...YEAR, ...END, '--by', 'service']);
    const september = readFileSync(join(root, 'tickets/2026/2026-09.yaml'), 'utf8');
    writeFileSync(join(root, 'tickets/2026/extra.yaml'), september.replaceAll(/id: (INC|CHG|REQ|PRB)/g, 'id: X$1'));
    expectSame(root, cache, args);
    rmSync(join(root, 'tickets/2026/2026-11.yaml'));
    expectSame(root, cache, args);
    // A later --now than the one recorded: running clocks are measured again, settled ones read from their entries.
    edit(root, 'tickets/2026/2026-12.yaml', 'priority: P2', 'priority: P3');
    expectSame(root, cache, [...YEAR, '--now', '2027-02-01T00:00:00Z', '--format', 'json']);
  });

  it('ignores a truncated or corrupt entry: the index, or the clocks of one ticket file', () => {
    const { root, cache } = recorded();
    const index = join(cache, 'repository', 'sla-clocks.json');
    const parts = join(cache, 'repository', 'sla-clocks');
    // One entry per ticket file, beside the index.
    expect(readdirSync(parts)).toHaveLength(8);
    const part = join(parts, readdirSync(parts).sort()[0]!);
    for (const path of [index, part]) {
      const bytes = readFileSync(path);
      for (const cut of [bytes.length - 8, bytes.length >> 1, 40, 4]) {
        writeFileSync(path, bytes.subarray(0, cut));
        expectSame(root, cache, [...YEAR, ...END, '--format', 'json']);
        writeFileSync(path, bytes);
      }
    }
    // A header with the right key, whose payload is not what was written: the JSON part, then the arrays.
    const { head, body } = entryParts(part);
    writeEntry(part, head, Buffer.concat([Buffer.from('not deflated'), body.subarray(12)]));
    expectSame(root, cache, [...YEAR, ...END, '--format', 'json']);
    writeEntry(part, head, Buffer.concat([body.subarray(0, head.header.json), Buffer.alloc(body.length - head.header.json, 0xff)]));
    expectSame(root, cache, [...YEAR, ...END, '--format', 'json']);
  });

  it('prints the warnings line of the recorded check', () => {
    const { root, cache } = recorded();
    edit(root, 'services/dns.yaml', '  owner: Network Operations\n', '');
    const cold = runCli(['sla', 'report', root, ...YEAR, ...END, '--cache-location', cache]);
    expect(cold.stderr).toBe('itsm: 1 warning(s) in the repository; run `itsm validate` to see them\n');
    const entry = entryOf(cache);
    expectSame(root, cache, [...YEAR, ...END]);
    expect(entryOf(cache)).toBe(entry);
  });

  it('never uses kept clocks for a repository with errors', () => {
    const { root, cache } = recorded();
    edit(root, 'services/hr-system.yaml', 'sla: silver', 'sla: no-such-agreement');
    const checked = runCli(['validate', root, '--cache-location', cache]);
    expect(checked.status).toBe(1);
    // An entry for the repository as it now is, as if one had been recorded: it must not be used.
    const key = (JSON.parse(readFileSync(join(cache, 'repository', 'validate.json'), 'utf8')) as { key: string }).key;
    const path = join(cache, 'repository', 'sla-clocks.json');
    writeFileSync(path, JSON.stringify({ ...(JSON.parse(readFileSync(path, 'utf8')) as object), key }));
    const cold = runCli(['sla', 'report', root, ...YEAR, ...END]);
    expect(cold.status).toBe(1);
    expect(cold.stderr).toMatch(/has 1 error\(s\)/);
    expectSame(root, cache, [...YEAR, ...END]);
  });
});
