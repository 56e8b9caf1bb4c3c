#!/usr/bin/env node
// The walk on hostile trees: `npm run build && node bench/walk.js [--depth 1500]`. Times `itsm validate` on a
// repository whose one data file is nested --depth folders deep, then on the same tree with an exclude pattern
// (`*a*a*a…*b`) that a backtracking matcher would take hours on, and on a tree of links to links (2^20 paths).
// Timing lives here, never in the tests: test/load/walk.test.ts counts system calls instead. Markdown to stdout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'itsm.js');
const args = process.argv.slice(2);
const depth = args.includes('--depth') ? Number(args[args.indexOf('--depth') + 1]) : 1500;

const config = (exclude) =>
  ['apiVersion: itsm/v1', 'kind: Config', 'metadata:', '  id: bench', 'spec:', '  currency: USD', '  timeZone: UTC', ...exclude, ''].join('\n');

function repository(build) {
  const root = mkdtempSync(join(tmpdir(), 'itsm-walk-bench-'));
  build(root);
  return root;
}

function time(label, root) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'validate', root], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome = result.status === 0 ? 'valid' : `exit ${result.status}`;
  return `| ${label} | ${seconds.toFixed(2)} s | ${outcome} |`;
}

const rows = [];
const deepTree = (exclude) => (root) => {
  writeFileSync(join(root, 'itsm.yaml'), config(exclude));
  const folder = join(root, ...Array.from({ length: depth }, () => 'd'));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${'a'.repeat(200)}.yaml`), '');
};
const deep = repository(deepTree([]));
rows.push(time(`${depth} nested folders`, deep));
rmSync(deep, { recursive: true, force: true });

const pathological = repository(deepTree(['  exclude:', `    - "${'*a'.repeat(40)}*b"`, '    - "**/x/**/y/**/z"']));
rows.push(time(`${depth} nested folders, exclude *a*a…*b (40 stars) and **/x/**/y/**/z`, pathological));
rmSync(pathological, { recursive: true, force: true });

const links = repository((root) => {
  writeFileSync(join(root, 'itsm.yaml'), config([]));
  mkdirSync(join(root, 'levels', '20'), { recursive: true });
  writeFileSync(join(root, 'levels', '20', 'leaf.yaml'), '');
  for (let i = 0; i < 20; i++) {
    mkdirSync(join(root, 'levels', String(i)), { recursive: true });
    symlinkSync(`../${i + 1}`, join(root, 'levels', String(i), 'x'));
    symlinkSync(`../${i + 1}`, join(root, 'levels', String(i), 'y'));
  }
});
rows.push(time('links to links: 20 levels of 2 (2^20 paths, 21 folders)', links));
rmSync(links, { recursive: true, force: true });

process.stdout.write(['| tree | itsm validate | result |', '| --- | --- | --- |', ...rows, ''].join('\n'));
