#!/usr/bin/env node
// The benchmark of `itsm diff` (issue #13): its two speed targets, measured against the commands they are phrased in.
//
//   npm run build && node bench/diff.js [--repo DIR] [--runs N] [--bin BIN]
//
// DIR (default /tmp/b11-plain, made by `node bench/generate.js 100000 /tmp/b11-plain`) is never written to: it is
// copied into a temporary git repository (one commit), where three cases are measured, each on one thread
// (--workers 1) so that CPU time compares like with like:
//   diff-none     `itsm diff` with the working tree equal to HEAD (no change at all)
//   diff-tickets  `itsm diff HEAD~1 HEAD` where HEAD appended a comment to one month's tickets file (no definition
//                 changed: every other file is parsed once and shared)
//   diff-sla      `itsm diff --period YEAR` with one agreement edited in the working tree (P2 resolution 8h → 4h)
// against one cold `itsm validate` and one cold `itsm sla report --period YEAR` of the same repository.
// Targets: diff-none and diff-tickets ≤ 1 × validate; diff-sla ≤ 2.5 × sla report (user CPU, medians of --runs).
//
// CPU and peak RSS come from GNU time (/usr/bin/time -f '%e %U %M'). Data (a Markdown table) to stdout, progress to
// stderr; exit 1 when a measured command fails.

import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const repo = resolve(option('--repo', '/tmp/b11-plain'));
const runs = Number(option('--runs', '3'));
const bin = resolve(option('--bin', join(here, '..', 'bin', 'itsm.js')));
if (!existsSync(join(repo, 'itsm.yaml'))) {
  process.stderr.write(`bench/diff.js: no itsm.yaml in ${repo}; generate it with node bench/generate.js 100000 ${repo}\n`);
  process.exit(2);
}

const loadAtStart = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown';
const work = mkdtempSync(join(tmpdir(), 'itsm-bench-diff-'));
const git = (...a) => execFileSync('git', a, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.org' } }).toString().trim();
try {
  process.stderr.write(`copying ${repo} into a git repository in ${work}\n`);
  cpSync(repo, work, { recursive: true });
  git('init', '--quiet');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'The repository');
  const ticketDir = join(work, 'tickets', readdirSync(join(work, 'tickets')).sort()[0]);
  const year = readdirSync(join(work, 'tickets')).sort()[0];
  const monthFile = join(ticketDir, readdirSync(ticketDir).sort()[0]);
  appendFileSync(monthFile, '# an edit that changes no ticket\n');
  git('commit', '--quiet', '--all', '-m', 'A comment in one tickets file');
  const gold = join(work, 'slas', 'gold.yaml');
  const goldText = readFileSync(gold, 'utf8');

  const cases = [
    { key: 'validate', args: ['validate', work, '--workers', '1'] },
    { key: 'sla report', args: ['sla', 'report', work, '--period', year, '--workers', '1'] },
    { key: 'diff-none', args: ['diff', work, '--workers', '1'] },
    { key: 'diff-tickets', args: ['diff', 'HEAD~1', 'HEAD', work, '--workers', '1'] },
    { key: 'diff-sla', args: ['diff', work, '--period', year, '--workers', '1'], before: () => writeFileSync(gold, goldText.replace(/(priority: P2, response: \{ within: 30m, objective: 95 \}, resolution: \{ within: )8h/, '$14h')), after: () => writeFileSync(gold, goldText) },
  ];
  const results = new Map();
  for (let round = 0; round < runs; round++) {
    for (const c of cases) {
      c.before?.();
      const run = spawnSync('/usr/bin/time', ['-f', '%e %U %M', process.execPath, bin, ...c.args], { cwd: work, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      c.after?.();
      const last = run.stderr.trim().split('\n').pop() ?? '';
      const [wall, user, rss] = last.split(' ').map(Number);
      if (run.status !== 0 || user === undefined || Number.isNaN(user)) {
        process.stderr.write(`${c.key} failed (exit ${run.status}): ${run.stderr.trim()}\n`);
        process.exitCode = 1;
        continue;
      }
      process.stderr.write(`round ${round + 1}: ${c.key} ${user.toFixed(2)} s user, ${wall.toFixed(2)} s wall, ${Math.round(rss / 1024)} MB\n`);
      results.set(c.key, [...(results.get(c.key) ?? []), { wall, user, rss }]);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const of = (key, field) => median((results.get(key) ?? []).map((r) => r[field]));
  const target = { 'diff-none': ['validate', 1], 'diff-tickets': ['validate', 1], 'diff-sla': ['sla report', 2.5] };
  const spread = (key) => {
    const users = (results.get(key) ?? []).map((r) => r.user);
    return users.length === 0 ? '' : `${Math.min(...users).toFixed(2)}–${Math.max(...users).toFixed(2)}`;
  };
  // The ratio of medians, and the spread of the ratio taken round by round (each round runs every command once, so a
  // busy minute weighs on both sides of a round's ratio).
  const ratios = (key, against) => {
    const a = results.get(key) ?? [];
    const b = results.get(against) ?? [];
    const r = a.slice(0, b.length).map((x, i) => x.user / b[i].user);
    return r.length === 0 ? '' : `${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}`;
  };
  console.log(`load average at the end: ${(existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8') : 'unknown').split(' ').slice(0, 3).join(' ')} (at the start: ${loadAtStart}); ${runs} rounds`);
  console.log('');
  console.log('| command | user CPU s (median) | min–max | wall s (median) | peak RSS MB | vs | ratio of medians | ratio per round, min–max | target |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
  for (const c of cases) {
    const [against, limit] = target[c.key] ?? [];
    const ratio = against ? of(c.key, 'user') / of(against, 'user') : undefined;
    console.log(`| ${c.key} | ${of(c.key, 'user').toFixed(2)} | ${spread(c.key)} | ${of(c.key, 'wall').toFixed(2)} | ${Math.round(of(c.key, 'rss') / 1024)} | ${against ?? ''} | ${ratio === undefined ? '' : ratio.toFixed(2)} | ${against ? ratios(c.key, against) : ''} | ${limit === undefined ? '' : `≤ ${limit}`} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
