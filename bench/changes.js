#!/usr/bin/env node
// What the change rules (issue #14: change-approval, change-freeze, change-conflict, change-review, change-template,
// change-window-missing and the references of the change fields) cost `itsm validate`. Target of the issue: 10,000
// changes over a year on the 100,000-ticket benchmark add at most 20 % to `itsm validate`.
//
//   npm run build && node bench/changes.js [--repo DIR] [--runs N] [--changes N]
//
// DIR (default /tmp/b11-plain, made by `node bench/generate.js 100000 /tmp/b11-plain`) is never written to: it is
// copied twice into a temporary folder:
//   base     the copy as it is
//   changes  the copy plus N change tickets (default 10,000) over 2026 in tickets/changes/2026.yaml, each with a
//            `change` block (70 % normal with one or two CAB approvals, 25 % standard on a template, 5 % emergency
//            with a review), on one to three of the repository's services (which depend on each other through
//            dependsOn), windows of 20 to 45 minutes about every 53 minutes; a CAB group and a ChangeTemplate; and in
//            itsm.yaml an approval policy and two freezes (the changes that fall in one are emergencies).
//   windows  the same as changes, but the tickets without their `change` block: change tickets as they were written
//            before #14 (a window alone), which no change rule looks at. changes − windows is what the change records
//            cost (reading the block, its schema, the rules); windows − base what 10,000 more tickets cost.
// Each round runs `itsm validate --workers 1` on each, in alternating order after one discarded warm-up run of each,
// and GNU time (/usr/bin/time -f '%U %S') gives the CPU of the child. Prints median and min–max of user CPU seconds,
// the diagnostics of the change rules found in the changes copy, and the ratio of the medians. Data to stdout,
// progress to stderr.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const count = Number(option('--changes', '10000'));
if (!existsSync(join(repo, 'itsm.yaml'))) throw new Error(`${repo} is not a repository (node bench/generate.js 100000 ${repo})`);
if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time)');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(count) || count < 1) throw new Error('--runs and --changes take whole numbers from 1');

/** A small deterministic generator (mulberry32), so that the same options give the same changes. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const MINUTE = 60_000;
const FREEZES = [
  { id: 'mid-year-close', from: '2026-06-29', to: '2026-07-02', services: ['erp', 'crm'] },
  { id: 'year-end', from: '2026-12-21', to: '2026-12-31' },
];
const CAB = ['alice', 'bob', 'carol', 'dmitri', 'erin'];

function inFreeze(ms, services) {
  const day = iso(ms).slice(0, 10);
  return FREEZES.some((f) => day >= f.from && day <= f.to && (f.services === undefined || services.some((s) => f.services.includes(s))));
}

function changeTickets(services, withBlocks) {
  const next = random(14);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const yearStart = Date.UTC(2026, 0, 1);
  const step = (365 * 24 * 60 * MINUTE) / count;
  const docs = [];
  for (let i = 0; i < count; i++) {
    const id = `CHGB${String(i + 1).padStart(6, '0')}`;
    const start = yearStart + Math.floor((i * step) / MINUTE) * MINUTE;
    const end = start + (20 + Math.floor(next() * 26)) * MINUTE;
    const affected = [pick(services)];
    for (let k = Math.floor(next() * 3); k > 0; k--) {
      const s = pick(services);
      if (!affected.includes(s)) affected.push(s);
    }
    const roll = next();
    const type = inFreeze(start, affected) || inFreeze(end, affected) ? 'emergency' : roll < 0.7 ? 'normal' : roll < 0.95 ? 'standard' : 'emergency';
    const lines = [
      'apiVersion: itsm/v1',
      'kind: Ticket',
      'metadata:',
      `  id: ${id}`,
      'spec:',
      '  type: change',
      `  service: ${affected[0]}`,
      '  priority: P3',
      `  title: Bench change ${i + 1}`,
      `  opened: ${iso(start - 7 * 24 * 60 * MINUTE)}`,
      '  timeline:',
      `    - { at: ${iso(end + 10 * MINUTE)}, status: closed }`,
      `  maintenance: { start: ${iso(start)}, end: ${iso(end)} }`,
      '  change:',
      `    type: ${type}`,
      `    risk: ${type === 'standard' ? 'low' : pick(['low', 'moderate', 'high'])}`,
    ];
    const blockStart = lines.indexOf('  change:');
    if (type === 'standard') lines.push('    template: bench-patch');
    else if (affected.length > 1) lines.push(`    services: [${affected.slice(1).join(', ')}]`);
    if (type === 'normal') {
      lines.push('    approvals:');
      const first = pick(CAB);
      lines.push(`      - { by: ${first}, decision: approved, at: ${iso(start - 3 * 24 * 60 * MINUTE)}, group: cab }`);
      const second = CAB[(CAB.indexOf(first) + 1) % CAB.length];
      lines.push(`      - { by: ${second}, decision: approved, at: ${iso(start - 2 * 24 * 60 * MINUTE)}, group: cab }`);
    }
    lines.push('    outcome: successful');
    if (type === 'emergency') lines.push(`    review: { at: ${iso(end + 24 * 60 * MINUTE)}, summary: Reviewed at the CAB. }`);
    docs.push((withBlocks ? lines : lines.slice(0, blockStart)).join('\n'));
  }
  return `${docs.join('\n---\n')}\n`;
}

function addChanges(dir, services, withBlocks) {
  const config = readFileSync(join(dir, 'itsm.yaml'), 'utf8');
  const freezes = FREEZES.map((f) => `      - { id: ${f.id}, from: ${f.from}, to: ${f.to}${f.services ? `, services: [${f.services.join(', ')}]` : ''} }`);
  writeFileSync(
    join(dir, 'itsm.yaml'),
    `${config.trimEnd()}\n  change:\n    freezes:\n${freezes.join('\n')}\n    approvals:\n      - { type: normal, approvals: 1 }\n      - { type: normal, risk: high, approvals: 2, group: cab }\n`,
  );
  mkdirSync(join(dir, 'groups'), { recursive: true });
  writeFileSync(
    join(dir, 'groups', 'cab.yaml'),
    `apiVersion: itsm/v1\nkind: Group\nmetadata:\n  id: cab\n  name: Change advisory board\nspec:\n  members:\n${CAB.map((n) => `    - { name: ${n} }`).join('\n')}\n`,
  );
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'templates', 'bench-patch.yaml'),
    `apiVersion: itsm/v1\nkind: ChangeTemplate\nmetadata:\n  id: bench-patch\nspec:\n  services: [${services.join(', ')}]\n  risk: low\n  implementation: Patch.\n  backout: Roll back.\n  maxDuration: 1h\n`,
  );
  mkdirSync(join(dir, 'tickets', 'changes'), { recursive: true });
  writeFileSync(join(dir, 'tickets', 'changes', '2026.yaml'), changeTickets(services, withBlocks));
}

function validate(dir) {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S', process.execPath, join(ROOT, 'bin', 'itsm.js'), 'validate', dir, '--workers', '1', '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const time = /TIME ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (!time || (result.status !== 0 && result.status !== 1)) throw new Error(`validate ${dir} failed (${result.status}): ${result.stderr.slice(-400)}`);
  return { user: Number(time[1]), json: result.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The change rules alone, in this process, on the changes copy loaded once: CPU milliseconds of each rule's check on a
 * fresh context (the first rule of each round also finds the change records, which the others share).
 */
async function ruleTimes(dir) {
  const { loadFiles } = await import(join(ROOT, 'dist', 'load', 'load-repository.js'));
  const { checkSchemas } = await import(join(ROOT, 'dist', 'validate', 'schema.js'));
  const { buildContext } = await import(join(ROOT, 'dist', 'validate', 'context.js'));
  const { RULES } = await import(join(ROOT, 'dist', 'validate', 'index.js'));
  const loaded = loadFiles(dir);
  const checked = checkSchemas(loaded.documents, loaded.usageCsv, loaded.rejected, loaded.holidayFiles);
  const ids = new Set(['unknown-reference', 'ticket-reference-type', 'change-approval', 'change-freeze', 'change-conflict', 'change-review', 'change-template', 'change-window-missing']);
  const rules = RULES.filter((r) => ids.has(r.id));
  const samples = new Map(rules.map((r) => [r.id, []]));
  for (let round = 0; round < 5; round++) {
    const context = buildContext(checked.repository, checked.rejected);
    for (const rule of rules) {
      const before = process.cpuUsage();
      rule.check(context);
      const used = process.cpuUsage(before);
      samples.get(rule.id).push((used.user + used.system) / 1000);
    }
  }
  const lines = rules.map((r) => `| ${r.id} | ${median(samples.get(r.id)).toFixed(1)} |`);
  return `| rule (in process, 5 rounds) | CPU ms, median |\n| --- | ---: |\n${lines.join('\n')}\n`;
}

const percent = (a, b) => `${((median(a) / median(b) - 1) * 100).toFixed(1)} %`;

const work = mkdtempSync(join(tmpdir(), 'itsm-bench-changes-'));
try {
  const dirs = { base: join(work, 'base'), windows: join(work, 'windows'), changes: join(work, 'changes') };
  process.stderr.write(`copying ${repo} three times into ${work}\n`);
  for (const dir of Object.values(dirs)) cpSync(repo, dir, { recursive: true });
  const services = readdirSync(join(repo, 'services')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  addChanges(dirs.windows, services, false);
  addChanges(dirs.changes, services, true);
  const names = Object.keys(dirs);
  const times = { base: [], windows: [], changes: [] };
  let found;
  for (let round = 0; round <= runs; round++) {
    // The order rotates each round, so that no variant always runs after the same one.
    const order = names.map((_, k) => names[(k + round) % names.length]);
    for (const name of order) {
      const { user, json } = validate(dirs[name]);
      if (round > 0) times[name].push(user);
      if (name === 'changes') found = json;
      process.stderr.write(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${name} ${user.toFixed(2)} s user\n`);
    }
  }
  const byRule = {};
  for (const d of JSON.parse(found).diagnostics) if (d.rule.startsWith('change-') || d.rule === 'ticket-reference-type') byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
  const row = (name) => `| ${name} | ${runs} | ${median(times[name]).toFixed(2)} (${Math.min(...times[name]).toFixed(2)}–${Math.max(...times[name]).toFixed(2)}) |`;
  process.stdout.write(
    `| itsm validate --workers 1 | runs | user CPU s, median (min–max) |\n| --- | --- | --- |\n${row('base')}\n${row('windows')}\n${row('changes')}\n\n` +
      `${count} changes add ${percent(times.changes, times.base)} to base; their change blocks add ${percent(times.changes, times.windows)} to windows (ratios of the medians).\n` +
      `Change-rule diagnostics in the changes copy: ${JSON.stringify(byRule)}\n`,
  );
  process.stdout.write(`\n${await ruleTimes(dirs.changes)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
