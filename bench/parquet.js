#!/usr/bin/env node
// The Parquet export against the CSV export of the same repository: wall and user CPU time, peak memory and the size
// of the output, the median of N runs of each (alternated, so that the load of a shared machine falls on both alike).
//   node bench/parquet.js DIR [runs=3]
// Needs the build (npm run build). Writes into a temporary folder that it removes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, runsText = '3'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/parquet.js DIR [runs]');
  process.exit(2);
}
const runs = Number(runsText);
const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'bin', 'itsm.js');
const out = mkdtempSync(join(tmpdir(), 'itsm-bench-parquet-'));
const now = '2027-01-01T00:00:00Z';

const formats = { csv: 'tickets.csv', parquet: 'tickets.parquet' };
const figures = { csv: [], parquet: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const [format, file] of Object.entries(formats)) {
      const target = join(out, file);
      rmSync(target, { force: true });
      const args = [bin, 'export', 'tickets', dir, '--now', now, '--workers', '1', '--format', format, '--out', target];
      const r = spawnSync('/usr/bin/time', ['-f', '%e %U %M', process.execPath, ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${format}: exit ${r.status}\n${r.stderr}`);
      const [wall, user, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
      const bytes = statSync(target).size;
      figures[format].push({ wall, user, kb, bytes });
      console.error(`run ${i + 1} ${format}: ${wall} s wall, ${user} s user, ${Math.round(kb / 1024)} MB peak, ${bytes} bytes`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const spread = (list) => `${median(list)} (${Math.min(...list)}–${Math.max(...list)})`;
for (const [format, list] of Object.entries(figures)) {
  const of = (field) => list.map((f) => f[field]);
  console.log(
    `${format}: ${spread(of('wall'))} s wall, ${spread(of('user'))} s user, ` +
      `${spread(of('kb').map((kb) => Math.round(kb / 1024)))} MB peak, ${(median(of('bytes')) / 1e6).toFixed(1)} MB`,
  );
}
// Each Parquet run against the CSV run beside it: the machine's load falls on both alike.
const ratios = figures.parquet.map((p, i) => Math.round((p.user / figures.csv[i].user) * 100) / 100);
console.log(`parquet ÷ csv, user CPU per pair: ${spread(ratios)}`);
