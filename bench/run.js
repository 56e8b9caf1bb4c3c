#!/usr/bin/env node
// One run of each, for a quick look and for the reference points no target is measured against: `node bench/run.js
// [--tickets 10000,100000]`. Generates seeded repositories with bench/generate.js, then times, in the same run: the
// js-yaml parse floor (bench/floor.js), a plain 24x7 resolution-time script (the least any SLA tool must do), ajv over
// the JSON Schemas (what a team would run instead for CI validation), `itsm validate`, `itsm sla report` (whole year)
// and the --cache runs. Wall time and peak RSS come from /usr/bin/time when present, else from process timing.
// Results go to stdout as a Markdown table. The figures of record (5+ runs, each paired with the floor, medians and
// spreads) come from bench/perf.js, which `npm run bench` runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sizes = (args[args.indexOf('--tickets') + 1] && args.includes('--tickets') ? args[args.indexOf('--tickets') + 1] : '10000,100000')
  .split(',')
  .map(Number);
const outRoot = join(root, 'bench', 'out');
const hasTime = existsSync('/usr/bin/time');

function measure(label, command, commandArgs) {
  const argv = hasTime ? ['-f', '%e %M', command, ...commandArgs] : commandArgs;
  const started = process.hrtime.bigint();
  const result = spawnSync(hasTime ? '/usr/bin/time' : command, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  let seconds = wall;
  let peakMb = null;
  if (hasTime) {
    const last = result.stderr.trim().split('\n').pop() ?? '';
    const [s, kb] = last.split(' ').map(Number);
    if (Number.isFinite(s)) seconds = s;
    if (Number.isFinite(kb)) peakMb = Math.round(kb / 1024);
  }
  if (result.status !== 0 && result.status !== 1) {
    process.stderr.write(`${label} failed (exit ${result.status}):\n${result.stderr}\n`);
  }
  return { label, seconds, peakMb, status: result.status };
}

const ajvScript = `
import jsYaml from 'js-yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// What a team would run instead for CI validation: ajv (the library behind ajv-cli) over our JSON Schemas.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(process.argv[2], 'utf8')));
let n = 0, bad = 0;
const walk = (d) => { for (const e of readdirSync(d)) { const p = join(d, e); if (e.startsWith('.')) continue; if (statSync(p).isDirectory()) walk(p); else if (/\\.ya?ml$/.test(e)) jsYaml.loadAll(readFileSync(p, 'utf8'), (doc) => { n++; if (!validate(doc)) bad++; }, { schema: jsYaml.CORE_SCHEMA }); } };
walk(process.argv[1]);
console.log(n, bad);
`;

const plainScript = `
import jsYaml from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The least an SLA tool must do: parse tickets and compute 24x7 resolution times, no calendar, no pauses.
const dir = join(process.argv[1], 'tickets', '2026');
let total = 0, count = 0;
for (const f of readdirSync(dir)) jsYaml.loadAll(readFileSync(join(dir, f), 'utf8'), (t) => {
  const resolved = (t.spec.timeline ?? []).find((e) => e.status === 'resolved');
  if (resolved) { total += Date.parse(resolved.at) - Date.parse(t.spec.opened); count++; }
}, { schema: jsYaml.CORE_SCHEMA });
console.log(count, total);
`;

mkdirSync(outRoot, { recursive: true });
const rows = [];
for (const n of sizes) {
  const dir = join(outRoot, `acme-${n}`);
  if (!existsSync(join(dir, 'itsm.yaml'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [join(root, 'bench', 'generate.js'), String(n), dir], { stdio: 'inherit' });
  }
  const itsm = join(root, 'bin', 'itsm.js');
  const floor = measure('js-yaml parse (floor)', process.execPath, [join(root, 'bench', 'floor.js'), dir]);
  const plain = measure('plain 24x7 script', process.execPath, ['--input-type=module', '-e', plainScript, dir]);
  const ajv = measure('ajv over schemas/itsm.schema.json', process.execPath, ['--input-type=module', '-e', ajvScript, dir, join(root, 'schemas', 'itsm.schema.json')]);
  const validate = measure('itsm validate', process.execPath, [itsm, 'validate', dir, '--format', 'json']);
  const reportArgs = [itsm, 'sla', 'report', dir, '--period', '2026', '--now', '2027-01-01T00:00:00Z'];
  const report = measure('itsm sla report --period 2026', process.execPath, reportArgs);
  const reportJson = measure('itsm sla report --period 2026 --format json', process.execPath, [...reportArgs, '--format', 'json']);
  const cacheDir = join(dir, '.itsm-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  const validateCold = measure('itsm validate --cache (cold: writes the cache)', process.execPath, [itsm, 'validate', dir, '--format', 'json', '--cache']);
  const validateWarm = measure('itsm validate --cache (warm)', process.execPath, [itsm, 'validate', dir, '--format', 'json', '--cache']);
  const reportWarm = measure('itsm sla report --period 2026 --cache (warm)', process.execPath, [...reportArgs, '--cache']);
  for (const m of [floor, plain, ajv, validate, report, reportJson, validateCold, validateWarm, reportWarm]) rows.push({ n, ...m, ratio: m.seconds / floor.seconds });
}
const startNode = measure('node -e 0', process.execPath, ['-e', '0']);
const startItsm = measure('itsm --version', process.execPath, [join(root, 'bin', 'itsm.js'), '--version']);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log('| tickets | command | seconds | × js-yaml floor | peak MB |');
console.log('| ---: | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.n.toLocaleString('en-US')} | ${r.label} | ${r.seconds.toFixed(2)} | ${r.ratio.toFixed(2)} | ${r.peakMb ?? '—'} |`);
console.log(`\nStart-up: \`node -e 0\` ${startNode.seconds.toFixed(2)} s, \`itsm --version\` ${startItsm.seconds.toFixed(2)} s (${(startItsm.seconds / startNode.seconds).toFixed(2)}×).`);
