#!/usr/bin/env node
// Where a run's CPU goes besides our own code: how much of it is the main thread and how much V8's helper threads
// (TurboFan compiling, garbage-collection marking and scavenging), and what TurboFan compiled, how often and for how
// long. A short command pays for compiling its hot functions on every run; a function deoptimised and compiled again
// pays twice. docs/performance.md ("Compiling less") reads these figures.
//
//   node bench/jit.js [--runs 3] [--top 20] [--bin bin/itsm.js] -- ITSM ARGS...
//   node bench/jit.js -- sla report /tmp/b11-plain --period 2026 --workers 1
//
// Two kinds of run, each --runs times, of `node BIN ITSM ARGS` (stdout discarded):
// - plain, with a preloaded module that reads each thread's CPU from /proc/self/task at exit (Linux only): the main
//   thread's user+system seconds and the helpers' (V8's platform workers; worker threads of --workers count as helpers);
// - traced, with --trace-opt --trace-deopt: TurboFan's compilations (its own "took" figures, whose middle one is the
//   work on a helper thread) and the deoptimisations, per function. Tracing slows the run, so these milliseconds are
//   larger than an untraced run's; compare them with each other, not with the CPU seconds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const split = args.indexOf('--');
const own = split < 0 ? args : args.slice(0, split);
const command = split < 0 ? [] : args.slice(split + 1);
const option = (name, fallback) => (own.includes(name) ? own[own.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '3'));
const top = Number(option('--top', '20'));
const bin = option('--bin', join(ROOT, 'bin', 'itsm.js'));
if (command.length === 0 || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(top) || top < 1) {
  process.stderr.write('usage: node bench/jit.js [--runs N] [--top N] [--bin BIN] -- ITSM ARGS...\n');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'itsm-jit-'));
const preload = join(scratch, 'threads.cjs');
writeFileSync(
  preload,
  `const fs = require('node:fs');
process.on('exit', () => {
  let main = 0, helpers = 0;
  for (const task of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync('/proc/self/task/' + task + '/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    if (Number(task) === process.pid) main += seconds; else helpers += seconds;
  }
  fs.writeSync(2, '\\n@threads ' + main + ' ' + helpers + '\\n');
});
`,
);

const run = (nodeArgs) => spawnSync(process.execPath, [...nodeArgs, bin, ...command], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs, digits = 2) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

try {
  const main = [];
  const helpers = [];
  for (let i = 0; i < runs; i++) {
    const result = run(['-r', preload]);
    const line = result.stderr.split('\n').find((l) => l.startsWith('@threads '));
    if (line === undefined) throw new Error(`no thread figures (exit ${result.status}): ${result.stderr.slice(0, 400)}`);
    const [m, h] = line.slice('@threads '.length).split(' ').map(Number);
    main.push(m);
    helpers.push(h);
  }
  console.log(`node ${[bin, ...command].join(' ')}`);
  console.log(`CPU s, ${runs} run(s), median (min–max): main thread ${spread(main)}, helper threads ${spread(helpers)}, all ${spread(main.map((m, i) => m + helpers[i]))}`);

  const compiles = new Map();
  const traces = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = run(['--trace-opt', '--trace-deopt']);
    let count = 0;
    let ms = 0;
    let deopts = 0;
    const seen = new Set();
    let again = 0;
    for (const line of stdout.split('\n')) {
      const done = /^\[completed compiling 0x[0-9a-f]+ <JSFunction (\S*) \(sfi = (0x[0-9a-f]+)\)>.*took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
      if (done) {
        const [, name, sfi, , work] = done;
        count++;
        ms += Number(work);
        if (seen.has(sfi)) again += Number(work);
        seen.add(sfi);
        if (i === 0) {
          const entry = compiles.get(sfi) ?? { name: name || '(anonymous)', times: 0, ms: 0 };
          entry.times++;
          entry.ms += Number(work);
          compiles.set(sfi, entry);
        }
      } else if (line.startsWith('[bailout (kind: deopt')) {
        deopts++;
      }
    }
    traces.push({ count, ms, deopts, again, functions: seen.size });
  }
  console.log(
    `TurboFan, traced, ${runs} run(s), median (min–max): ${spread(traces.map((t) => t.count), 0)} compilations of ${spread(traces.map((t) => t.functions), 0)} functions, ` +
      `${spread(traces.map((t) => t.ms), 0)} ms of compiling, of which ${spread(traces.map((t) => t.again), 0)} ms compiling a function again; ${spread(traces.map((t) => t.deopts), 0)} deoptimisations`,
  );
  console.log(`\nThe functions TurboFan spent longest on (first traced run)\n| ms | times | function |\n| ---: | ---: | --- |`);
  for (const { name, times, ms } of [...compiles.values()].sort((a, b) => b.ms - a.ms).slice(0, top)) console.log(`| ${ms.toFixed(1)} | ${times} | ${name} |`);
} catch (error) {
  process.stderr.write(`bench/jit.js: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
