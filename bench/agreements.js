#!/usr/bin/env node
// What agreements per consumer, dated versions and assignment groups (issue #11) cost `sla report`. In one run, on
// one machine, alternates (interleaved, the order rotated each round, after one discarded warm-up run of each):
//   baseline  the build of the code before #11 on the plain repository (bench/generate.js N DIR)
//   plain     this build on the same plain repository
//   groups    this build on the --assignments repository (groups on every ticket, a group-scoped OLA, versions)
// each running `itsm sla report DIR --period 2026 --now 2027-01-01T00:00:00Z --format json --workers 1`, and prints
// median, min and max of user+sys CPU seconds, wall seconds and peak RSS (from /usr/bin/time), and the ratios to the
// baseline. Then checks that the plain repository's JSON report is the same under both builds once the fields #11
// added (slaVersion, selectedBy, calendar, calendarBy, assignmentGroup) are taken out.
//
//   node bench/agreements.js --base BASEDIR --plain DIR --groups DIR [--runs 5] [--also DIR ...]
//
// --also adds this build on another repository to the rotation (named after its folder), e.g. the --assignments
// repository without the OLA, to tell the cost of the group-scoped clocks from the rest.
//
// BASEDIR is a built checkout of the earlier code (e.g. `git worktree add ../bench-base 55f559b`, copy node_modules,
// `npm run build` there). --workers 1 keeps both builds on one thread, so that CPU time compares like with like.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node bench/agreements.js --base BASEDIR --plain DIR --groups DIR [--runs N] [--also DIR ...]';
/** The fields #11 added to the report's rows (ClockRow and SummaryRow). */
const ADDED_FIELDS = new Set(['slaVersion', 'selectedBy', 'calendar', 'calendarBy', 'assignmentGroup']);
const REPORT_ARGS = ['sla', 'report', '--period', '2026', '--now', '2027-01-01T00:00:00Z', '--format', 'json', '--workers', '1'];

function parseArgs(argv) {
  const options = { runs: 5, also: [] };
  for (let k = 0; k < argv.length; k++) {
    const name = argv[k];
    const value = argv[++k];
    if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    if (name === '--base') options.base = resolve(value);
    else if (name === '--plain') options.plain = resolve(value);
    else if (name === '--groups') options.groups = resolve(value);
    else if (name === '--runs') options.runs = Number(value);
    else if (name === '--also') options.also.push(resolve(value));
    else throw new Error(`unknown option "${name}"\n${USAGE}`);
  }
  if (!options.base || !options.plain || !options.groups) throw new Error(USAGE);
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs must be a whole number from 1');
  for (const dir of [options.plain, options.groups, ...options.also]) if (!existsSync(join(dir, 'itsm.yaml'))) throw new Error(`${dir} is not a repository`);
  if (!existsSync(join(options.base, 'dist', 'cli', 'main.js'))) throw new Error(`${options.base} has no build (run npm run build there)`);
  if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time) for CPU time and peak RSS');
  return options;
}

/** One run; stdout goes to `out` (a file, so that the report is not held in this process). */
function run(config, out) {
  const fd = openSync(out, 'w');
  const started = process.hrtime.bigint();
  let result;
  try {
    result = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %M', process.execPath, join(config.checkout, 'bin', 'itsm.js'), REPORT_ARGS[0], REPORT_ARGS[1], config.repo, ...REPORT_ARGS.slice(2)], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  } finally {
    closeSync(fd);
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const line = result.stderr.split('\n').find((l) => l.startsWith('TIME ')) ?? '';
  const [user, sys, kb] = line.slice(5).split(' ').map(Number);
  // sla report exits 1 when a target is missed only with --fail-under; anything but 0 is a failed run here.
  if (result.status !== 0 || !Number.isFinite(user)) throw new Error(`${config.name} failed (exit ${result.status}):\n${result.stderr}`);
  return { cpu: user + sys, wall, rssMb: kb / 1024 };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** The report without the fields #11 added; counts how many were taken out. */
function stripAdded(value, counter) {
  if (Array.isArray(value)) return value.map((v) => stripAdded(v, counter));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (ADDED_FIELDS.has(key)) counter.n++;
    else out[key] = stripAdded(v, counter);
  }
  return out;
}

function digest(file) {
  const counter = { n: 0 };
  const text = JSON.stringify(stripAdded(JSON.parse(readFileSync(file, 'utf8')), counter));
  return { hash: createHash('sha256').update(text).digest('hex').slice(0, 16), stripped: counter.n, bytes: readFileSync(file).length };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const configs = [
    { name: 'baseline', checkout: options.base, repo: options.plain },
    { name: 'plain', checkout: ROOT, repo: options.plain },
    { name: 'groups', checkout: ROOT, repo: options.groups },
    ...options.also.map((repo) => ({ name: basename(repo), checkout: ROOT, repo })),
  ];
  const scratch = mkdtempSync(join(tmpdir(), 'itsm-bench-agreements-'));
  try {
    const samples = new Map(configs.map((c) => [c.name, []]));
    for (const c of configs) {
      process.stderr.write(`warm-up ${c.name}\n`);
      run(c, join(scratch, `${c.name}.json`));
    }
    for (let round = 0; round < options.runs; round++) {
      for (let k = 0; k < configs.length; k++) {
        const c = configs[(round + k) % configs.length];
        const m = run(c, join(scratch, `${c.name}.json`));
        samples.get(c.name).push(m);
        process.stderr.write(`round ${round + 1}/${options.runs} ${c.name}: cpu ${m.cpu.toFixed(2)} s, wall ${m.wall.toFixed(2)} s, ${Math.round(m.rssMb)} MB\n`);
      }
    }

    const base = stats(samples.get('baseline').map((m) => m.cpu)).median;
    const baseRss = stats(samples.get('baseline').map((m) => m.rssMb)).median;
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    console.log(`Command: itsm ${REPORT_ARGS[0]} ${REPORT_ARGS[1]} DIR ${REPORT_ARGS.slice(2).join(' ')}; ${options.runs} interleaved runs each after a warm-up\n`);
    console.log('| run | CPU s median | CPU s min–max | wall s median | peak RSS MB median (min–max) | CPU × baseline | RSS × baseline |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const c of configs) {
      const cpu = stats(samples.get(c.name).map((m) => m.cpu));
      const wall = stats(samples.get(c.name).map((m) => m.wall));
      const rss = stats(samples.get(c.name).map((m) => m.rssMb));
      console.log(
        `| ${c.name} | ${cpu.median.toFixed(2)} | ${cpu.min.toFixed(2)}–${cpu.max.toFixed(2)} | ${wall.median.toFixed(2)} | ` +
          `${Math.round(rss.median)} (${Math.round(rss.min)}–${Math.round(rss.max)}) | ${(cpu.median / base).toFixed(2)} | ${(rss.median / baseRss).toFixed(2)} |`,
      );
    }
    const before = digest(join(scratch, 'baseline.json'));
    const after = digest(join(scratch, 'plain.json'));
    console.log(
      `\nPlain repository, JSON report without the fields #11 added: baseline ${before.hash} (${before.bytes} bytes, ${before.stripped} fields taken out), ` +
        `new ${after.hash} (${after.bytes} bytes, ${after.stripped} fields taken out): ${before.hash === after.hash ? 'identical' : 'DIFFERENT'}`,
    );
    if (before.hash !== after.hash) process.exitCode = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench/agreements: ${error.message}\n`);
  process.exitCode = 2;
}
