import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCache } from '../../src/load/cache.js';
import { openRepository, openRepositoryParallel } from '../../src/open-repository.js';
import { buildSlaReport } from '../../src/sla/report.js';
import { resolvePeriod } from '../../src/sla/period.js';

/** A generated repository of a few thousand tickets (the example organisation's definitions, seeded tickets). */
let root: string;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'itsm-cache-'));
  root = join(work, 'repo');
  execFileSync(process.execPath, ['bench/generate.js', '3000', root, '--seed', '7'], { stdio: 'ignore' });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function slaFigures(repository: ReturnType<typeof openRepository>['repository']) {
  const period = resolvePeriod({ period: '2026' }, repository.config.timeZone, Date.parse('2027-06-01T00:00:00Z'));
  if ('error' in period) throw new Error(period.error);
  return buildSlaReport(repository, { period, asOf: period.to });
}

describe('the file cache', () => {
  it('gives the same repository, diagnostics and SLA figures without a cache, cold and warm', () => {
    const plain = openRepository(root);
    const cacheDir = join(work, 'cache-same');
    const coldCache = new FileCache(cacheDir, 'test');
    const cold = openRepository(root, { cache: coldCache });
    const warmCache = new FileCache(cacheDir, 'test');
    const warm = openRepository(root, { cache: warmCache });
    expect(plain.repository.tickets.length).toBe(3000);
    expect(coldCache.hits).toBe(0);
    expect(warmCache.misses).toBe(0);
    expect(warmCache.hits).toBe(coldCache.misses);
    expect(cold.diagnostics).toEqual(plain.diagnostics);
    expect(warm.diagnostics).toEqual(plain.diagnostics);
    expect(warm.repository).toEqual(plain.repository);
    expect(slaFigures(warm.repository)).toEqual(slaFigures(plain.repository));
  });

  it('stays smaller than the YAML it covers (issue #12): each entry is compressed', () => {
    const cacheDir = join(work, 'cache-size');
    openRepository(root, { cache: new FileCache(cacheDir, 'test') });
    const bytesIn = (dir: string, keep: (name: string) => boolean): number => {
      let total = 0;
      for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile() && keep(entry.name)) total += statSync(join(entry.parentPath, entry.name)).size;
      }
      return total;
    };
    const yaml = bytesIn(root, (name) => name.endsWith('.yaml'));
    const cache = bytesIn(cacheDir, () => true);
    // Uncompressed JSON of the parsed documents is about 1.1 times the YAML; gzip makes it about a tenth of that.
    expect(cache).toBeLessThan(yaml / 4);
    expect(readdirSync(cacheDir).every((name) => name.endsWith('.json.gz'))).toBe(true);
  });

  it('never serves a stale entry: an edited file is read again, with its new values and its new problems', () => {
    const copy = join(work, 'stale');
    cpSync(root, copy, { recursive: true });
    const cacheDir = join(work, 'cache-stale');
    openRepository(copy, { cache: new FileCache(cacheDir, 'test') });

    const file = join(copy, 'tickets', '2026', '2026-03.yaml');
    const text = readFileSync(file, 'utf8');
    const firstTitle = /title: (.*)/.exec(text)![1]!;
    // Same length, so nothing but the content changes (no size or line-count shortcut could notice it).
    const edited = text.replace(`title: ${firstTitle}`, `title: ${'X'.repeat(firstTitle.length)}`);
    writeFileSync(file, edited);
    const cache = new FileCache(cacheDir, 'test');
    const after = openRepository(copy, { cache });
    expect(cache.misses).toBe(1);
    expect(after.repository.tickets.some((t) => t.doc.spec.title === 'X'.repeat(firstTitle.length))).toBe(true);
    expect(after.repository.tickets.some((t) => t.doc.spec.title === firstTitle && t.source.file === 'tickets/2026/2026-03.yaml')).toBe(false);

    writeFileSync(file, edited.replace(/priority: P\d/, 'priority: 3'));
    const broken = openRepository(copy, { cache: new FileCache(cacheDir, 'test') });
    expect(broken.diagnostics.filter((d) => d.file === 'tickets/2026/2026-03.yaml').map((d) => d.rule)).toEqual(['schema']);
  });

  it('ignores entries written by other code (another fingerprint) and corrupt entries', () => {
    const cacheDir = join(work, 'cache-fingerprint');
    openRepository(root, { cache: new FileCache(cacheDir, 'version-a') });
    const other = new FileCache(cacheDir, 'version-b');
    openRepository(root, { cache: other });
    expect(other.hits).toBe(0);

    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), '{ not json');
    const corrupt = new FileCache(cacheDir, 'version-b');
    const opened = openRepository(root, { cache: corrupt });
    expect(corrupt.hits).toBe(0);
    expect(opened.repository.tickets.length).toBe(3000);
  });

  it('keeps diagnostics with their positions in the cache', () => {
    const copy = join(work, 'positions');
    cpSync(root, copy, { recursive: true });
    const file = join(copy, 'tickets', '2026', '2026-05.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('type: incident', 'type: incidnet'));
    const cacheDir = join(work, 'cache-positions');
    const first = openRepository(copy, { cache: new FileCache(cacheDir, 'test') });
    const cache = new FileCache(cacheDir, 'test');
    const second = openRepository(copy, { cache });
    expect(cache.misses).toBe(0);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(second.diagnostics[0]).toMatchObject({ file: 'tickets/2026/2026-05.yaml', rule: 'schema' });
    expect(second.diagnostics[0]!.line).toBeGreaterThan(0);
  });

  it('gives the same results on worker threads as on one thread, cold and warm', async () => {
    const plain = openRepository(root);
    const threads = await openRepositoryParallel(root, { workers: 2, thresholdBytes: 0 });
    expect(threads.diagnostics).toEqual(plain.diagnostics);
    expect(threads.repository).toEqual(plain.repository);
    const cacheDir = join(work, 'cache-threads');
    await openRepositoryParallel(root, { workers: 2, thresholdBytes: 0, cache: new FileCache(cacheDir, 'test') });
    const warmCache = new FileCache(cacheDir, 'test');
    const warm = await openRepositoryParallel(root, { workers: 2, thresholdBytes: 0, cache: warmCache });
    expect(warmCache.misses).toBe(0);
    expect(warm.repository).toEqual(plain.repository);
    expect(slaFigures(threads.repository)).toEqual(slaFigures(plain.repository));
  });
});
