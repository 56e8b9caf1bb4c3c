import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepository, countsOf, dependsOnDay } from '../../src/check-repository.js';
import { FileCache } from '../../src/load/cache.js';
import { takeSnapshot, verifySnapshot } from '../../src/load/repository-snapshot.js';
import { ResultsCache } from '../../src/load/results-cache.js';
import { openRepository } from '../../src/open-repository.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const folders = scratchFolders('itsm-results-');

/** A copy of the example repository, and a cache folder outside it. */
function setUp(): { root: string; cacheDir: string } {
  return { root: folders.copyOf('examples/acme'), cacheDir: join(folders.empty(), 'cache') };
}

/** One run of validate's check with --cache (`workers: 1`: no threads in the tests). */
function check(root: string, cacheDir: string, fingerprint = 'code-a') {
  return checkRepository(root, { cache: new FileCache(cacheDir, fingerprint), results: new ResultsCache(cacheDir, fingerprint), workers: 1 });
}

/** What validate prints depends on this alone: the check of the repository loaded without any cache. */
function uncached(root: string) {
  const opened = openRepository(root);
  return { files: opened.files.length, counts: countsOf(opened.repository), diagnostics: opened.diagnostics, ...(dependsOnDay(opened.repository) ? { dependsOnDay: true } : {}) };
}

const TICKETS = 'tickets/2026/2026-08.yaml';
/** A service with a warning (no owner) and an error (an agreement that does not exist), made from the example's DNS. */
function addBrokenService(root: string): void {
  const dns = readFileSync(join(root, 'services', 'dns.yaml'), 'utf8');
  const broken = dns.replace('id: dns', 'id: orphan-dns').replace('  owner: Network Operations\n', '').replace('[slo-infrastructure]', '[no-such-agreement]');
  writeFileSync(join(root, 'services', 'orphan.yaml'), broken);
}

afterEach(() => {
  delete process.env.ITSM_TEST_FAIL;
});

describe('the results cache of validate (the repository entry)', () => {
  it('gives back the recorded check of an unchanged repository, equal to a check without any cache', async () => {
    const { root, cacheDir } = setUp();
    addBrokenService(root);
    const plain = uncached(root);
    expect(plain.diagnostics.map((d) => d.severity)).toContain('error');
    expect(plain.diagnostics.map((d) => d.severity)).toContain('warning');
    const cold = await check(root, cacheDir);
    const warm = await check(root, cacheDir);
    expect(cold.source).toBe('loaded');
    expect(warm.source).toBe('recorded');
    expect(cold).toEqual({ ...plain, source: 'loaded' });
    expect(warm).toEqual({ ...plain, source: 'recorded' });
    // A recorded check is read back as JSON: the same keys in the same order, so every format prints the same bytes.
    expect(JSON.stringify(warm.diagnostics)).toBe(JSON.stringify(plain.diagnostics));
  });

  it('loads again after one file is edited, even to the same size, and records the new check', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const file = join(root, TICKETS);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/priority: P\d/, 'priority: PX');
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    const after = await check(root, cacheDir);
    // The other ticket files are not read: their kept facts stand for them (ticket-file-facts.test.ts).
    expect(after.source).toBe('kept');
    expect(after.diagnostics.some((d) => d.file === TICKETS)).toBe(true);
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
    expect((await check(root, cacheDir)).source).toBe('recorded');
  });

  it('loads again after a file is added', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    addBrokenService(root);
    const after = await check(root, cacheDir);
    expect(after.source).toBe('loaded');
    expect(after.diagnostics.map((d) => d.rule)).toContain('unknown-reference');
  });

  it('loads again after a file is deleted', async () => {
    const { root, cacheDir } = setUp();
    const before = await check(root, cacheDir);
    rmSync(join(root, TICKETS));
    const after = await check(root, cacheDir);
    expect(after.source).toBe('kept');
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
    expect(after.files).toBe(before.files - 1);
    expect(after.counts.tickets).toBeLessThan(before.counts.tickets);
  });

  it('loads again after a file is renamed (same content, another path)', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    renameSync(join(root, TICKETS), join(root, 'tickets', '2026', 'august.yaml'));
    const after = await check(root, cacheDir);
    expect(after.source).toBe('kept');
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
  });

  it('loads again after the exclusions in itsm.yaml change', async () => {
    const { root, cacheDir } = setUp();
    const before = await check(root, cacheDir);
    appendFileSync(join(root, 'itsm.yaml'), `  exclude:\n    - ${TICKETS}\n`);
    const after = await check(root, cacheDir);
    expect(after.source).toBe('loaded');
    expect(after.files).toBe(before.files - 1);
    expect(after).toEqual({ ...uncached(root), source: 'loaded' });
  });

  it('loads again after a holiday (.ics) file changes', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const ics = join(root, 'holidays', 'uk-england.ics');
    // An event with a time is not a holiday: validate says so (icalendar-timed-event), so the change must show.
    writeFileSync(ics, readFileSync(ics, 'utf8').replace('DTSTART;VALUE=DATE:20260403', 'DTSTART:20260403T090000Z'));
    const after = await check(root, cacheDir);
    expect(after.source).toBe('loaded');
    expect(after.diagnostics.map((d) => d.file)).toContain('holidays/uk-england.ics');
    expect(after).toEqual({ ...uncached(root), source: 'loaded' });
  });

  it('loads again when a holiday file that a calendar names but the walk does not list appears', async () => {
    const { root, cacheDir } = setUp();
    const calendar = join(root, 'calendars', 'uk-business-hours.yaml');
    writeFileSync(calendar, readFileSync(calendar, 'utf8').replace('../holidays/uk-england.ics', '../.hidden/uk.ics'));
    const before = await check(root, cacheDir);
    expect(before.diagnostics.find((d) => d.rule === 'unknown-file')?.message).toBe('no file ".hidden/uk.ics" in the repository');
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, '.hidden', 'uk.ics'), readFileSync(join(root, 'holidays', 'uk-england.ics')));
    const after = await check(root, cacheDir);
    // Loaded but for the ticket files: a holiday file that is not read changes no ticket's facts.
    expect(after.source).toBe('kept');
    expect(after).toEqual({ ...uncached(root), source: 'kept' });
    expect(after.diagnostics.find((d) => d.rule === 'unknown-file')?.message).toMatch(/is not read: it is excluded in itsm.yaml, hidden/);
  });

  it('loads again when the code changes (another fingerprint)', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir, 'code-a');
    expect((await check(root, cacheDir, 'code-b')).source).toBe('loaded');
    expect((await check(root, cacheDir, 'code-b')).source).toBe('recorded');
  });

  it('hashes a file whose times changed but not its content (a git checkout), and still uses the recorded check', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const results = new ResultsCache(cacheDir, 'code-a');
    const before = results.readSnapshot()!.files.find((f) => f.file === TICKETS)!;
    // What a checkout that writes the same bytes leaves: other times, the same content.
    utimesSync(join(root, TICKETS), 1_600_000_000, 1_600_000_000);
    expect((await check(root, cacheDir)).source).toBe('recorded');
    // The new times are written down, so that the next run need not hash the file again.
    const after = results.readSnapshot()!.files.find((f) => f.file === TICKETS)!;
    expect(after.mtimeNs).not.toBe(before.mtimeNs);
    expect(after.hash).toBe(before.hash);
  });

  it('notices an edit that keeps the size and puts the modification time back (the change time still moves)', () => {
    const { root } = setUp();
    const file = join(root, TICKETS);
    // A whole second, which utimes can put back exactly.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const old = statSync(file, { bigint: true });
    // Stamped as if long after the files were written, so that no stamp is racy and the stat alone vouches for them.
    const snapshot = takeSnapshot(root, Date.now() + 3_600_000)!;
    expect(snapshot.files.every((f) => f.racy === undefined)).toBe(true);
    expect(verifySnapshot(root, snapshot, Date.now()).same).toBe(true);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('title: ', 'title:_'));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(old.mtimeNs);
    expect(statSync(file, { bigint: true }).size).toBe(old.size);
    expect(verifySnapshot(root, snapshot, Date.now()).same).toBe(false);
  });

  it('keeps the stamps that their stat still vouches for and hashes the edited file again', () => {
    const { root } = setUp();
    const later = Date.now() + 3_600_000;
    const first = takeSnapshot(root, later)!;
    const file = join(root, TICKETS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: ', 'title:_'));
    const second = takeSnapshot(root, later, first)!;
    const changed = second.files.filter((f, i) => f.hash !== first.files[i]!.hash).map((f) => f.file);
    expect(changed).toEqual([TICKETS]);
    expect(second.files.find((f) => f.file === TICKETS)!.hash).toBe(takeSnapshot(root, later)!.files.find((f) => f.file === TICKETS)!.hash);
    expect(verifySnapshot(root, second, Date.now()).same).toBe(true);
    expect(verifySnapshot(root, first, Date.now()).same).toBe(false);
  });

  it('ignores a corrupt or truncated entry (never an error) and writes a good one', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const folder = join(cacheDir, 'repository');
    const names = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort();
    expect(names).toEqual(['snapshot.json', 'validate.json']);
    for (const damage of [(text: string) => text.slice(0, text.length >> 1), () => '{ not json', () => '{"format":1,"fingerprint":"code-a","key":"x"}', () => '']) {
      for (const name of names) writeFileSync(join(folder, name), damage(readFileSync(join(folder, name), 'utf8')));
      // The ticket files' records (ticket-file-facts.test.ts) are intact: only the definitions are read.
      const again = await check(root, cacheDir);
      expect(again.source).toBe('kept');
      expect(again).toEqual({ ...uncached(root), source: 'kept' });
      expect((await check(root, cacheDir)).source).toBe('recorded');
    }
    // A result of the right key but the wrong shape is a miss too.
    const entry = JSON.parse(readFileSync(join(folder, 'validate.json'), 'utf8')) as { value: { diagnostics: unknown } };
    entry.value.diagnostics = [{ rule: 1 }];
    writeFileSync(join(folder, 'validate.json'), JSON.stringify(entry));
    expect((await check(root, cacheDir)).source).toBe('kept');
  });

  it('writes atomically: a write that fails half-way leaves the entry before it intact, and no temporary file', async () => {
    const { root, cacheDir } = setUp();
    await check(root, cacheDir);
    const folder = join(cacheDir, 'repository');
    const recorded = readFileSync(join(folder, 'validate.json'), 'utf8');
    // The next check loads (another fingerprint's entry is a miss) and its writes fail after half of the bytes.
    process.env.ITSM_TEST_FAIL = 'write:ENOSPC';
    const failed = await checkRepository(root, { results: new ResultsCache(cacheDir, 'code-b'), workers: 1 });
    delete process.env.ITSM_TEST_FAIL;
    expect(failed).toEqual({ ...uncached(root), source: 'loaded' });
    expect(readFileSync(join(folder, 'validate.json'), 'utf8')).toBe(recorded);
    expect(readdirSync(folder).sort()).toEqual(['snapshot.json', 'ticket-files', 'validate.json']);
    expect(readdirSync(join(folder, 'ticket-files')).every((name) => name.endsWith('.json.gz'))).toBe(true);
    expect((await check(root, cacheDir, 'code-a')).source).toBe('recorded');
  });

  it('works without a cache folder it can write (the check is never worse than without --cache)', async () => {
    const { root, cacheDir } = setUp();
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'repository'), 'a file where the folder should be');
    const first = await check(root, cacheDir);
    const second = await check(root, cacheDir);
    expect(first).toEqual({ ...uncached(root), source: 'loaded' });
    expect(second.source).toBe('loaded');
  });
});

describe('entries of a folder (one per file) in the results cache', () => {
  it('reads back what was written under its key alone, a result under any key, and prunes what is not live', () => {
    const results = new ResultsCache(join(folders.empty(), 'cache'), 'code-a');
    results.writeBytes('parts/a', 'key-a', { n: 1 }, [new Uint8Array([1, 2, 3])]);
    results.writeBytes('parts/b', 'key-b', { n: 2 }, [new Uint8Array([4])]);
    expect(results.readBytes('parts/a', 'key-a')?.header).toEqual({ n: 1 });
    expect([...results.readBytes('parts/a', 'key-a')!.bytes.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect(results.readBytes('parts/a', 'key-b')).toBeUndefined();
    results.writeResult('index', 'digest', { files: 2 });
    expect(results.readResult('index', undefined, (v): v is { files: number } => typeof v === 'object')).toEqual({ files: 2 });
    expect(results.readResult('index', 'another', (v): v is { files: number } => typeof v === 'object')).toBeUndefined();
    results.prune('parts', new Set(['b']));
    expect(readdirSync(join(results.directory, 'parts'))).toEqual(['b.bin']);
    expect(results.readBytes('parts/a', 'key-a')).toBeUndefined();
    // A folder that does not exist has nothing to prune.
    results.prune('none', new Set());
    results.writeBytes('old', 'key', {}, []);
    expect(readdirSync(results.directory)).toContain('old.bin');
    results.removeBytes('old');
    results.removeBytes('old');
    expect(readdirSync(results.directory)).not.toContain('old.bin');
  });
});
