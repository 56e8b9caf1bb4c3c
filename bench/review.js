#!/usr/bin/env node
// What twelve months of `itsm review` cost against one cold `itsm sla report` of the same year. Targets of issue #15
// on the 100,000-ticket benchmark: the review takes at most 1.5x the CPU of the report (the tickets are read and
// measured once), and its peak memory stays under the report's peak plus 20 %.
//
//   npm run build && node bench/review.js [--repo DIR] [--runs N] [--month YYYY-MM] [--workers N]
//
// DIR (default /tmp/b11-plain, made by `node bench/generate.js 100000 /tmp/b11-plain`) is only read. Each round runs,
// in alternating order after one discarded warm-up run of each, and without any cache:
//   report    itsm sla report DIR --period <year of the month> (the table: what a service owner reads)
//   review    itsm review DIR --period <month> --months 12 --format markdown
//   html      itsm review DIR --period <month> --months 12 --format html
// GNU time (/usr/bin/time -f '%e %U %S %M') gives the child's wall time, CPU (user + system) and peak resident set.
// Prints the median and the min-max of each, and the ratios of the medians to the report's. Data to stdout, progress
// to stderr.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const repo = resolve(option('--repo', '/tmp/b11-plain'));
const runs = Number(option('--runs', '5'));
const month = option('--month', '2026-12');
const workers = option('--workers', '1');
if (!existsSync(join(repo, 'itsm.yaml'))) throw new Error(`${repo} is not a repository (node bench/generate.js 100000 ${repo})`);
if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time)');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number from 1');
if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('--month takes YYYY-MM');

const cli = join(ROOT, 'bin', 'itsm.js');
const commands = {
  report: ['sla', 'report', repo, '--period', month.slice(0, 4), '--workers', workers],
  review: ['review', repo, '--period', month, '--months', '12', '--format', 'markdown', '--workers', workers],
  html: ['review', repo, '--period', month, '--months', '12', '--format', 'html', '--workers', workers],
};

function measure(name) {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, cli, ...commands[name]], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  if (!time || result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr.slice(-600)}`);
  return { wall: Number(time[1]), cpu: Number(time[2]) + Number(time[3]), peakMb: Number(time[4]) / 1024, bytes: Buffer.byteLength(result.stdout) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;

const names = Object.keys(commands);
const samples = Object.fromEntries(names.map((n) => [n, []]));
process.stderr.write(`warm-up: ${names.join(', ')}\n`);
for (const name of names) measure(name);
for (let round = 0; round < runs; round++) {
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) {
    samples[name].push(measure(name));
    process.stderr.write(`round ${round + 1}/${runs}: ${name} done\n`);
  }
}

const summary = Object.fromEntries(
  names.map((name) => {
    const s = samples[name];
    return [name, { wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)), peakMb: median(s.map((x) => x.peakMb)), cpuSpread: spread(s.map((x) => x.cpu)), peakSpread: spread(s.map((x) => x.peakMb)), bytes: s[0].bytes }];
  }),
);
console.log(`repository ${repo}, month ${month}, ${runs} runs, --workers ${workers}`);
console.log('command   CPU s (median, min-max)      peak MB (median, min-max)     wall s   output bytes');
for (const name of names) {
  const s = summary[name];
  console.log(`${name.padEnd(9)} ${s.cpu.toFixed(2).padStart(6)} (${s.cpuSpread.padEnd(11)})         ${s.peakMb.toFixed(0).padStart(5)} (${s.peakSpread.padEnd(15)})   ${s.wall.toFixed(2).padStart(6)}   ${s.bytes}`);
}
for (const name of ['review', 'html']) {
  console.log(`${name} / report: CPU ${(summary[name].cpu / summary.report.cpu).toFixed(2)}x (target <= 1.5x), peak ${(summary[name].peakMb / summary.report.peakMb).toFixed(2)}x (target <= 1.2x)`);
}
