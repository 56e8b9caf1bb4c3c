#!/usr/bin/env node
// The checks at scale that the unit tests keep small, because their time depends on the machine: each checks its
// result (exit 1 when it is wrong) and prints how long it took (never a failure: a busy machine is slower).
//
//   npm run build && node bench/scale.js [--documents 150000]
//
// - One YAML file of 150,000 small documents loads, each document judged on its own (test/load/hostile.test.ts has
//   10,000). 150,000 is past V8's argument limit, which once made the loader throw RangeError (`push(...docs)`).
// - Business time: a cold year of a 9–17 calendar, then a thousand three-week tickets; and the two searches that
//   must give up (a calendar with no working time, and one whose only working hour is used up: five years scanned).
//   test/time/business-time.test.ts checks the results of the same calls, without timing them.
// Results: a Markdown table on stdout.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => pathToFileURL(join(root, 'dist', path)).href;
let loadFiles;
let time;
try {
  ({ loadFiles } = await import(dist('load/load-repository.js')));
  time = await import(dist('time/index.js'));
} catch (error) {
  console.error(`bench/scale.js runs on the build: run \`npm run build\` first (${error.message})`);
  process.exit(2);
}

const args = process.argv.slice(2);
const documents = args.includes('--documents') ? Number(args[args.indexOf('--documents') + 1]) : 150_000;
const rows = [];
let failed = false;

/** Runs `fn`, records its wall time, and checks its result with `check` (a message when wrong, else null). */
function measure(label, fn, check) {
  const started = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const problem = check(result);
  if (problem !== null) {
    failed = true;
    console.error(`${label}: ${problem}`);
  }
  rows.push({ label, ms, ok: problem === null });
  return result;
}

// One file of many small documents.
const repo = mkdtempSync(join(tmpdir(), 'itsm-scale-'));
try {
  writeFileSync(join(repo, 'itsm.yaml'), 'apiVersion: itsm/v1\nkind: Config\nmetadata:\n  id: scale\nspec:\n  currency: USD\n  timeZone: UTC\n');
  writeFileSync(join(repo, 'many.yaml'), '---\nx: 1\n'.repeat(documents));
  measure(
    `load one file of ${documents.toLocaleString('en-US')} small documents`,
    () => loadFiles(repo),
    (loaded) => {
      // Each document lacks apiVersion: one schema diagnostic each, and only itsm.yaml is kept.
      const problems = loaded.diagnostics.filter((d) => d.file === 'many.yaml');
      if (loaded.documents.length !== 1) return `expected 1 document (itsm.yaml) but found ${loaded.documents.length}`;
      if (problems.length !== documents) return `expected ${documents} diagnostics but found ${problems.length}`;
      if (!problems.every((d) => d.rule === 'schema')) return 'expected only schema diagnostics';
      return null;
    },
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}

// Business time.
const H = 3_600_000;
const weekdays = (hours) => Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, hours]));
const office = time.compileCalendar({ timeZone: 'America/New_York', hours: weekdays(['09:00-17:00']) });
const from = Date.parse('2026-01-01T00:00:00-05:00');
const to = Date.parse('2027-01-01T00:00:00-05:00');
// 2026 has 261 weekdays: 261 × 8h.
measure('business time of a year of 9–17, cold', () => time.businessTimeBetween(office, from, to), (ms) => (ms === 261 * 8 * H ? null : `expected ${261 * 8 * H} but found ${ms}`));
measure(
  'business time of 1,000 three-week tickets, warm',
  () => {
    let total = 0;
    for (let i = 0; i < 1000; i++) total += time.businessTimeBetween(office, from + i * H, from + i * H + 21 * 24 * H);
    return total;
  },
  (total) => (total > 0 ? null : 'expected some business time'),
);
const never = time.compileCalendar({ timeZone: 'America/New_York', hours: { monday: [], saturday: [] } });
measure('add business time on a calendar with no working time (gives up)', () => time.addBusinessTime(never, from, H), (r) => (r === null ? null : `expected null but found ${r}`));
const once = time.compileCalendar({ timeZone: 'Europe/Berlin', hours: {}, specialDays: [{ date: '2026-01-05', name: 'Stocktake', hours: ['09:00-10:00'] }] });
measure('add 2h where only 1h ever works (scans five years, gives up)', () => time.addBusinessTime(once, Date.parse('2026-01-01T00:00:00+01:00'), 2 * H), (r) =>
  r === null ? null : `expected null but found ${r}`,
);

console.log('| check | milliseconds | result |');
console.log('| --- | ---: | --- |');
for (const row of rows) console.log(`| ${row.label} | ${row.ms.toFixed(1)} | ${row.ok ? 'right' : 'WRONG'} |`);
process.exitCode = failed ? 1 : 0;
