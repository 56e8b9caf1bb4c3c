import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * A warm `validate --cache` or `sla report --cache` is answered from the results cache (docs/performance.md). Loading
 * zod, the parsers, the compiled validator and the loader took a quarter of such a run, so the modules these commands
 * import statically (followed through our own files, as start-up-imports.test.ts does for main.ts) must not pull them
 * in: the loader is imported (`await import()`) only when the repository is loaded.
 */
const HEAVY = ['zod', 'yaml', 'js-yaml'];
const LOADER = ['src/load/load-repository.ts', 'src/open-repository.ts', 'src/validate/index.ts', 'src/load/repository-snapshot.ts'];

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^'";]*?from\s+'([^']+)'/gms)) found.push(m[1]!);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]!);
  return found;
}

function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('a warm run', () => {
  for (const command of ['validate', 'sla']) {
    it(`of ${command} loads no schema, parser or loader before it knows the repository changed`, () => {
      const { files, packages } = closure(join(REPO_ROOT, 'src', 'cli', 'commands', `${command}.ts`));
      expect([...packages].filter((p) => HEAVY.some((h) => p === h || p.startsWith(`${h}/`)))).toEqual([]);
      expect(LOADER.filter((f) => files.has(join(REPO_ROOT, f)))).toEqual([]);
    });
  }
});
