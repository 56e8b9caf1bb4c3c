import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * No test may pass or fail by the machine's speed: a busy two-core CI machine runs the same code several times slower.
 * So no test measures elapsed time, and none sets a time limit below vitest.config.ts's 60 s (a larger one, for a
 * *.slow.test.ts, is fine). Speed is measured in bench/ (docs/performance.md).
 */

const MIN_TIMEOUT_MS = 60_000;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** What in a test file's source makes its outcome depend on speed, as `line: text` entries. */
function speedDependence(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((text, i) => {
    const line = `${i + 1}: ${text.trim()}`;
    if (/performance\.now\(|process\.hrtime|Date\.now\(\)\s*-|-\s*started\b/.test(text)) found.push(`${line} (measures elapsed time)`);
    for (const m of text.matchAll(/\b(?:timeout|testTimeout|hookTimeout)\s*:\s*([\d_]+)(?![\d_]|\s*[*/])/g)) {
      if (Number(m[1]!.replace(/_/g, '')) < MIN_TIMEOUT_MS) found.push(`${line} (a time limit under ${MIN_TIMEOUT_MS / 1000} s)`);
    }
  });
  return found;
}

describe('tests that do not depend on the speed of the machine', () => {
  it('finds what it looks for (a check of the scan)', () => {
    expect(speedDependence("describe('x', { timeout: 10_000 }, () => {\n  const started = Date.now();\n  expect(Date.now() - started).toBeLessThan(5_000);")).toEqual([
      "1: describe('x', { timeout: 10_000 }, () => { (a time limit under 60 s)",
      '3: expect(Date.now() - started).toBeLessThan(5_000); (measures elapsed time)',
    ]);
    expect(speedDependence('const t0 = performance.now();\nit("slow", { timeout: 300_000 }, () => {});')).toEqual(['1: const t0 = performance.now(); (measures elapsed time)']);
    // A multiple of a named limit is not a literal limit: `4 * E2E_TIMEOUT` is four minutes, not 4 ms.
    expect(speedDependence("describe('x', { timeout: 4 * E2E_TIMEOUT }, () => {});")).toEqual([]);
  });

  const files = testFiles(join(REPO_ROOT, 'test')).filter((f) => !f.endsWith('speed-independent.test.ts'));
  it.each(files.map((f) => [relative(REPO_ROOT, f), f] as const))('%s', (_name, file) => {
    expect(speedDependence(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
