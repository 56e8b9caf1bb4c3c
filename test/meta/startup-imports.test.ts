import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * `itsm --version` must start within 2× `node -e 0` (issue #12; docs/performance.md), so the modules every command
 * loads at start-up (the static imports of src/cli/main.ts, followed through our own files) must not pull in the
 * schemas or the parsers: zod alone adds more than `node -e 0` costs. Commands load what they need when they run.
 */
const HEAVY = ['zod', 'yaml', 'js-yaml', 'ical.js', 'date-fns', '@date-fns/tz'];

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  // `import … from '…'` and `export … from '…'`, but not `import type` / `export type` (erased) nor `import('…')`.
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^'";]*?from\s+'([^']+)'/gms)) found.push(m[1]!);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]!);
  return found;
}

function closure(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:') && !packages.has(spec)) packages.set(spec, file);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('start-up', () => {
  it('loads no schema, parser or date library before a command runs', () => {
    const { files, packages } = closure(join(REPO_ROOT, 'src', 'cli', 'main.ts'));
    expect(files.size).toBeGreaterThan(3);
    const heavy = [...packages].filter(([name]) => HEAVY.some((h) => name === h || name.startsWith(`${h}/`)));
    expect(heavy.map(([name, by]) => `${name} (imported by ${by.slice(REPO_ROOT.length + 1)})`)).toEqual([]);
  });
});

describe('the commands that can write Parquet', () => {
  // Each of them loaded hyparquet-writer and hyparquet (51 modules, about 50 ms) on every run until #12; a report,
  // chargeback or export in any other format never needs them.
  it.each(['sla.ts', 'chargeback.ts', 'export.ts'])('%s imports the Parquet writer only when it writes Parquet', (command) => {
    const { packages } = closure(join(REPO_ROOT, 'src', 'cli', 'commands', command));
    expect([...packages.keys()].filter((name) => name.startsWith('hyparquet'))).toEqual([]);
  });
});
