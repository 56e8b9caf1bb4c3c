#!/usr/bin/env node
// Incremental imports on real data (docs/import.md, "Timelines: what a re-import may change"): the UCI ServiceNow log
// cut into weekly exports of the updates made that week, imported one after the other as a weekly job would, must
// leave the repository that one import of the whole log makes — to the byte — without refusing any ticket.
//
//   npm run build && node bench/uci-import.js [ZIP] && node bench/uci-incremental.js [incident_event_log.zip | .csv]
//
// It takes the settings of bench/uci-import.js's repository A (bench/out/uci/repo: itsm.yaml, services, SLA, mapping),
// so run that first. Default input: ../shared/data/uci-incident-event-log/incident_event_log.zip. It prints a summary
// and writes bench/out/uci-incremental/results.json; the repositories are left in bench/out/uci-incremental/.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'itsm.js');
const settings = join(root, 'bench', 'out', 'uci', 'repo');
const outRoot = join(root, 'bench', 'out', 'uci-incremental');
const input = resolve(process.argv[2] ?? resolve(root, '..', 'shared', 'data', 'uci-incident-event-log', 'incident_event_log.zip'));

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench/uci-incremental.js runs the built CLI: run `npm run build` first.');
  process.exit(2);
}
if (!existsSync(join(settings, 'itsm.yaml'))) {
  console.error('bench/uci-incremental.js takes the repository settings of bench/uci-import.js: run it first.');
  process.exit(2);
}
if (!existsSync(input)) {
  console.error(`No input at ${input}.\nGive the path of incident_event_log.zip or incident_event_log.csv: node bench/uci-incremental.js PATH`);
  process.exit(2);
}

rmSync(outRoot, { recursive: true, force: true });
mkdirSync(join(outRoot, 'weeks'), { recursive: true });
let csv = input;
if (input.endsWith('.zip')) {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-uci-'));
  execFileSync('unzip', ['-q', '-o', input, '-d', dir]);
  csv = join(dir, 'incident_event_log.csv');
}

// The weeks, Monday to Sunday from 29 February 2016, by sys_updated_at (D/M/YYYY H:mm, read as the import reads it).
const { parseCsv } = await import(pathToFileURL(join(root, 'dist', 'import', 'csv-stream.js')).href);
const [header, ...records] = parseCsv(readFileSync(csv, 'utf8'));
const updated = header.fields.indexOf('sys_updated_at');
const quote = (field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
const line = (fields) => fields.map(quote).join(',');
const FIRST_MONDAY = Date.UTC(2016, 1, 29);
const weeks = new Map();
let undated = 0;
for (const { fields } of records) {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) /.exec(fields[updated] ?? '');
  if (!m) {
    undated++;
    continue;
  }
  const week = Math.floor((Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) - FIRST_MONDAY) / (7 * 86_400_000));
  if (!weeks.has(week)) weeks.set(week, []);
  weeks.get(week).push(line(fields));
}
const files = [...weeks.keys()]
  .sort((a, b) => a - b)
  .map((week) => {
    const file = join(outRoot, 'weeks', `week-${String(week).padStart(3, '0')}.csv`);
    writeFileSync(file, `${[line(header.fields), ...weeks.get(week)].join('\n')}\n`);
    return file;
  });

function repository(name) {
  const dir = join(outRoot, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of ['itsm.yaml', 'services', 'slas', '.itsm']) cpSync(join(settings, entry), join(dir, entry), { recursive: true });
  return dir;
}
function importInto(repo, file) {
  const result = spawnSync(process.execPath, [bin, 'import', 'servicenow', file, '--repo', repo, '--map', join(repo, '.itsm/servicenow.map.yaml'), '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) {
    console.error(`itsm import servicenow ${file} exited ${result.status}:\n${result.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
  return JSON.parse(result.stdout);
}
function ticketFiles(repo) {
  const out = new Map();
  const walk = (rel) => {
    for (const e of readdirSync(join(repo, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else out.set(`${rel}/${e.name}`, readFileSync(join(repo, rel, e.name), 'utf8'));
    }
  };
  walk('tickets');
  return out;
}

const started = process.hrtime.bigint();
const weekly = repository('weekly');
const totals = { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, written: 0, updated: 0, unchanged: 0, ticketsSkipped: 0, ticketsKept: 0 };
for (const file of files) {
  const summary = importInto(weekly, file);
  for (const key of Object.keys(totals)) totals[key] += summary[key];
}
const weeklySeconds = Number(process.hrtime.bigint() - started) / 1e9;
const complete = repository('complete');
const all = importInto(complete, csv);

const a = ticketFiles(weekly);
const b = ticketFiles(complete);
const differing = [...new Set([...a.keys(), ...b.keys()])].filter((file) => a.get(file) !== b.get(file)).sort();
const results = {
  weeks: files.length,
  undatedRows: undated,
  weekly: { ...totals, seconds: Math.round(weeklySeconds * 10) / 10 },
  complete: { rowsRead: all.rowsRead, rowsUsed: all.rowsUsed, written: all.written },
  ticketFiles: b.size,
  differingFiles: differing,
};
writeFileSync(join(outRoot, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const num = (n) => n.toLocaleString('en-US');
console.log(`${files.length} weekly exports (${num(undated)} rows with no sys_updated_at are in none), imported one after the other in ${results.weekly.seconds} s:`);
console.log(
  `  ${num(totals.rowsRead)} rows read, ${num(totals.rowsUsed)} used, ${num(totals.rowsSkipped)} skipped; tickets: ${num(totals.written)} new, ` +
    `${num(totals.updated)} updates in place, ${num(totals.ticketsKept)} kept (timeline-would-lose-events), ${num(totals.ticketsSkipped)} left out as invalid`,
);
console.log(`The whole log in one import: ${num(all.rowsRead)} rows read, ${num(all.rowsUsed)} used, ${num(all.written)} tickets.`);
console.log(
  differing.length === 0
    ? `The ${b.size} ticket files are the same, byte for byte.`
    : `${differing.length} of ${b.size} ticket files differ: ${differing.join(', ')} (diff -r ${join(outRoot, 'weekly')} ${join(outRoot, 'complete')})`,
);
process.exitCode = differing.length === 0 && totals.ticketsKept === 0 ? 0 : 1;
