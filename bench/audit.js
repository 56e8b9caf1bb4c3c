#!/usr/bin/env node
// The benchmark of `itsm audit` (issue #13: "over a history of 500 commits of definitions takes under 5 s").
//
//   npm run build && node bench/audit.js [--commits N] [--base DIR] [--dir DIR] [--runs N] [--bin BIN]
//
// Builds a git repository in DIR (default /tmp/itsm-audit-bench-<N>-<name of BASE>; reused when it exists): BASE
// (default examples/acme, 1,200 tickets; /tmp/b11-plain gives 100,000) committed once, then N commits that each
// change a definition (a consumer's headcount, a price, an objective, a holiday, a description, in turn), every
// tenth of them on a branch merged with "Merge pull request #K from bench/…", the others with a squash subject
// "(#K)"; after every fifth, a commit that only edits a tickets file (which the audit must not list). Then it runs
// `itsm audit` (Markdown, JSON, --for, --since) --runs times each (default 3) and prints the median wall and user CPU
// seconds as a Markdown table. Progress goes to stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const commits = Number(option('--commits', '500'));
const base = resolve(option('--base', join(HERE, '..', 'examples', 'acme')));
let dir = resolve(option('--dir', `/tmp/itsm-audit-bench-${commits}-${basename(base)}`));
const runs = Number(option('--runs', '3'));
const bin = resolve(option('--bin', join(HERE, '..', 'bin', 'itsm.js')));
if (!Number.isInteger(commits) || commits < 1 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: node bench/audit.js [--commits N] [--base DIR] [--dir DIR] [--runs N] [--bin BIN]\n');
  process.exit(2);
}

const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};
const PEOPLE = [
  ['Ada Lovelace', 'ada@example.org'],
  ['Grace Hopper', 'grace@example.org'],
  ['Alan Turing', 'alan@example.org'],
];
let tick = 0;
function git(...command) {
  return execFileSync('git', command, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
function as(k) {
  const [name, email] = PEOPLE[k % PEOPLE.length];
  tick++;
  const date = new Date(Date.UTC(2024, 0, 1) + tick * 3_600_000).toISOString();
  return { ...env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
}
function commit(k, subject) {
  execFileSync('git', ['add', '--all'], { cwd: dir, env, stdio: 'ignore' });
  execFileSync('git', ['commit', '--quiet', '--no-verify', '-m', subject], { cwd: dir, env: as(k), stdio: 'ignore' });
}
function edit(file, change) {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** The k-th change of a definition: each kind in turn, each a change the audit must put in words. */
function changeDefinition(k) {
  switch (k % 5) {
    case 0:
      return edit('consumers/finance.yaml', (t) => t.replace(/headcount: \d+/, `headcount: ${100 + (k % 40)}`));
    case 1:
      return edit('services/email.yaml', (t) => t.replace(/rate: [\d.]+/, `rate: ${(6 + (k % 50) / 100).toFixed(2)}`));
    case 2:
      return edit('slas/silver.yaml', (t) => t.replace(/resolution: \{ within: 12h, objective: \d+ \}/, `resolution: { within: 12h, objective: ${80 + (k % 19)} }`));
    case 3:
      return edit('calendars/us-business-hours.yaml', (t) => t.replace('  holidays:\n', `  holidays:\n    - { date: ${new Date(Date.UTC(2030, 0, 1) + k * 86_400_000).toISOString().slice(0, 10)}, name: Bench day ${k} }\n`));
    default:
      return edit('services/email.yaml', (t) => t.replace(/^(  description: ).*$/m, `$1Mail and calendars, revision ${k}.`));
  }
}

function firstTicketsFile(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const found = firstTicketsFile(path);
      if (found) return found;
    } else if (entry.name.endsWith('.yaml') && /^kind: Ticket$/m.test(readFileSync(path, 'utf8').slice(0, 4096))) return path;
  }
  return undefined;
}

function build() {
  process.stderr.write(`building ${dir}: ${basename(base)} and ${commits} commits of definitions…\n`);
  mkdirSync(dir, { recursive: true });
  cpSync(base, dir, { recursive: true });
  git('init', '--quiet', '--initial-branch=main');
  commit(0, 'Initial repository');
  // Bench edits need the acme definitions; a base without them (b11-plain) gets acme's definitions on top.
  if (!existsSync(join(dir, 'consumers', 'finance.yaml')) || !existsSync(join(dir, 'calendars', 'us-business-hours.yaml'))) {
    for (const folder of ['calendars', 'consumers', 'services', 'slas', 'groups']) cpSync(join(HERE, '..', 'examples', 'acme', folder), join(dir, folder), { recursive: true, force: true });
    commit(1, 'Definitions of the benchmark');
  }
  const tickets = firstTicketsFile(join(dir, 'tickets'));
  for (let k = 1; k <= commits; k++) {
    if (k % 10 === 0) {
      git('checkout', '--quiet', '-b', `bench/${k}`);
      changeDefinition(k);
      commit(k, `Change ${k}`);
      git('checkout', '--quiet', 'main');
      execFileSync('git', ['merge', '--quiet', '--no-ff', '-m', `Merge pull request #${k} from bench/${k}`, `bench/${k}`], { cwd: dir, env: as(k + 1), stdio: 'ignore' });
    } else {
      changeDefinition(k);
      commit(k, `Change ${k} (#${k})`);
    }
    if (k % 5 === 0 && tickets) {
      appendFileSync(tickets, `# import ${k}\n`);
      commit(k, `Tickets imported (${k})`);
    }
    if (k % 50 === 0) process.stderr.write(`  ${k} commits\n`);
  }
}

function measure(label, command) {
  const times = [];
  let status = 0;
  for (let r = 0; r < runs; r++) {
    const started = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, bin, ...command], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const [user, , rss] = (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (result.status !== 0) status = result.status ?? 1;
    times.push({ wall, user, rss, bytes: result.stdout.length });
  }
  const median = (key) => times.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`| ${label} | ${median('wall').toFixed(2)} | ${median('user').toFixed(2)} | ${Math.round(median('rss') / 1024)} | ${status === 0 ? 'ok' : `exit ${status}`} |`);
}

if (!existsSync(join(dir, '.git'))) {
  // Built aside and renamed when complete, so that an interrupted build is never taken for a finished one.
  const final = dir;
  dir = `${final}.partial-${process.pid}`;
  build();
  renameSync(dir, final);
  dir = final;
}
const listed = git('rev-list', '--count', '--first-parent', 'HEAD');
process.stderr.write(`${dir}: ${listed} first-parent commits; measuring ${runs} run(s) each…\n`);
console.log(`\`itsm audit\` on ${dir} (${listed} first-parent commits; base ${basename(base)}), median of ${runs} run(s)\n`);
console.log('| command | wall s | user CPU s | peak RSS MB | status |');
console.log('| --- | ---: | ---: | ---: | --- |');
measure('audit (markdown)', ['audit', dir]);
measure('audit --format json', ['audit', dir, '--format', 'json']);
measure('audit --for silver', ['audit', dir, '--for', 'silver']);
const dates = git('log', '--first-parent', '--format=%aI').split('\n');
measure('audit --since (newest tenth)', ['audit', dir, '--since', dates[Math.floor(dates.length / 10)]]);
