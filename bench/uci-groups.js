#!/usr/bin/env node
// Assignment groups and assignees in real data (docs/import.md, "Assignment groups"): imports the UCI "Incident
// management process enriched event log" (Amaral, Fantinato and Peres, UCI Machine Learning Repository, dataset 498,
// CC BY 4.0) into a temporary repository made by `itsm init` (every incident under its one service), then reads the
// tickets written and reports the incidents, the reassignments (group changes) in total and per incident, the distinct
// groups and assignees, and the groups that held the most incidents.
//
//   npm run build && node bench/uci-groups.js [incident_event_log.zip | incident_event_log.csv]
//
// Default input: ../shared/data/uci-incident-event-log/incident_event_log.zip (unzipped with the system `unzip`).
// The figures go to stdout as Markdown; the temporary folders are removed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'itsm.js');
const defaultInput = resolve(root, '..', 'shared', 'data', 'uci-incident-event-log', 'incident_event_log.zip');

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench/uci-groups.js runs the built CLI: run `npm run build` first.');
  process.exit(2);
}
const input = resolve(process.argv[2] ?? defaultInput);
if (!existsSync(input)) {
  console.error(`No input at ${input}.\nGive the path of incident_event_log.zip or incident_event_log.csv: node bench/uci-groups.js PATH`);
  process.exit(2);
}

function run(command, args, expect = [0]) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  if (!expect.includes(result.status)) {
    console.error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
  return result;
}

/**
 * The example OLA of docs/import.md: each of the given groups promises the same targets (24x7, since the log's groups
 * have no calendars), scoped to the group, so that its clocks run only while the group holds the incident. Written
 * into the imported repository and attached to its one service; then the figures per group from `sla report`.
 */
const OLA_TARGETS = [
  ['P1', '1h', '4h'],
  ['P2', '2h', '8h'],
  ['P3', '4h', '24h'],
  ['P4', '8h', '72h'],
];

function olaFigures(repo, groupIds) {
  const ids = groupIds.map((g) => `ola-${g}`);
  groupIds.forEach((group, k) => {
    const targets = OLA_TARGETS.map(([p, response, resolution]) => `    - { type: incident, priority: ${p}, response: { within: ${response}, objective: 90 }, resolution: { within: ${resolution}, objective: 90 } }`);
    writeFileSync(
      join(repo, 'slas', `${ids[k]}.yaml`),
      ['apiVersion: itsm/v1', 'kind: SLA', 'metadata:', `  id: ${ids[k]}`, 'spec:', '  type: ola', `  group: ${group}`, '  targets:', ...targets, ''].join('\n'),
    );
  });
  const servicePath = join(repo, 'services', 'service-desk.yaml');
  const service = readFileSync(servicePath, 'utf8');
  if (!/^  sla: standard$/m.test(service)) throw new Error('the service written by itsm init has no "sla: standard" line to add the OLAs after');
  writeFileSync(servicePath, service.replace(/^  sla: standard$/m, `  sla: standard\n  agreements: [${ids.join(', ')}]`));
  const report = JSON.parse(
    run('node', [bin, 'sla', 'report', repo, '--from', '2016-01-01', '--to', '2018-01-01', '--now', '2018-01-01T00:00:00Z', '--sla', ids.join(','), '--format', 'json', '--workers', '1'], [0, 1]).stdout,
  );
  const lines = [
    'The example OLA (response within 1h / 2h / 4h / 8h and resolution within 4h / 8h / 24h / 72h for P1 / P2 / P3 / P4,',
    '24x7, objective 90 %), given to each of the five busiest groups and scoped to it:',
    '',
    '| group | response clocks | met | compliance | resolution clocks | met | compliance | median time held (h) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  groupIds.forEach((group, k) => {
    const of = (metric) => report.summary.filter((r) => r.sla === ids[k] && r.metric === metric).reduce((t, r) => ({ met: t.met + r.met, measured: t.measured + r.measured }), { met: 0, measured: 0 });
    const held = report.tickets.filter((t) => t.sla === ids[k] && t.metric === 'resolution').map((t) => t.elapsedMinutes).sort((a, b) => a - b);
    const median = held.length === 0 ? null : held[Math.floor((held.length - 1) / 2)];
    const pct = (f) => (f.measured === 0 ? '—' : `${((f.met / f.measured) * 100).toFixed(1)} %`);
    const response = of('response');
    const resolution = of('resolution');
    lines.push(`| \`${group}\` | ${n(response.measured)} | ${n(response.met)} | ${pct(response)} | ${n(resolution.measured)} | ${n(resolution.met)} | ${pct(resolution)} | ${median === null ? '—' : (median / 60).toFixed(1)} |`);
  });
  return lines;
}

function n(v) {
  return v.toLocaleString('en-US');
}

const work = mkdtempSync(join(tmpdir(), 'itsm-uci-groups-'));
try {
  let csv = input;
  if (input.endsWith('.zip')) {
    run('unzip', ['-q', '-o', input, '-d', work]);
    csv = join(work, 'incident_event_log.csv');
  }
  const repo = join(work, 'repo');
  run('node', [bin, 'init', repo, '--time-zone', 'UTC']);
  const imported = run('node', [bin, 'import', 'servicenow', csv, '--repo', repo, '--default-service', 'service-desk', '--format', 'json']);
  const summary = JSON.parse(imported.stdout);

  // Every ticket the import wrote: its group at opening and each reassignment after it.
  const perIncident = [];
  const assignees = new Set();
  let tickets = 0;
  let withGroup = 0;
  let reassignedBack = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.yaml')) {
        for (const doc of yaml.loadAll(readFileSync(path, 'utf8'))) {
          if (doc?.kind !== 'Ticket' || doc.metadata.labels?.['itsm/source'] !== 'servicenow') continue;
          tickets++;
          const spec = doc.spec;
          const held = [];
          if (spec.group !== undefined) held.push(spec.group);
          if (spec.assignee !== undefined) assignees.add(spec.assignee);
          let changes = 0;
          for (const event of spec.timeline ?? []) {
            if (event.assignee !== undefined) assignees.add(event.assignee);
            if (event.group === undefined) continue;
            // A first group after an opening without one is an assignment, not a reassignment.
            if (held.length > 0) changes++;
            if (held.includes(event.group)) reassignedBack++;
            held.push(event.group);
          }
          if (held.length > 0) withGroup++;
          perIncident.push(changes);
        }
      }
    }
  };
  walk(join(repo, 'tickets'));
  perIncident.sort((a, b) => a - b);
  const quantile = (q) => perIncident[Math.min(perIncident.length - 1, Math.ceil(q * perIncident.length) - 1)];
  const total = perIncident.reduce((sum, n) => sum + n, 0);
  const groups = summary.groups ?? [];

  const out = [];
  out.push(`# Assignment groups in the UCI log`, '');
  out.push(`Input: ${input}`, '');
  out.push(`| figure | value |`, `| --- | ---: |`);
  out.push(`| rows read / used | ${n(summary.rowsRead)} / ${n(summary.rowsUsed)} |`);
  out.push(`| incidents imported | ${n(tickets)} |`);
  out.push(`| incidents with a group | ${n(withGroup)} |`);
  out.push(`| reassignments (group changes) | ${n(total)} |`);
  out.push(`| incidents reassigned at least once | ${n(perIncident.filter((c) => c > 0).length)} |`);
  out.push(`| reassignments back to a group that held the incident before | ${n(reassignedBack)} |`);
  out.push(`| reassignments per incident: median / p90 / max | ${quantile(0.5)} / ${quantile(0.9)} / ${perIncident.at(-1)} |`);
  out.push(`| mean | ${(total / tickets).toFixed(2)} |`);
  out.push(`| distinct groups | ${n(groups.length)} |`);
  out.push(`| distinct assignees | ${n(assignees.size)} |`);
  out.push(`| Group documents written | ${n(groups.filter((g) => g.document === 'create').length)} |`, '');
  out.push(`Top groups by incidents held (at opening or after a reassignment):`, '');
  out.push(`| group | source name | incidents |`, `| --- | --- | ---: |`);
  for (const g of groups.slice(0, 10)) out.push(`| \`${g.id}\` | ${g.values.join(', ')} | ${n(g.tickets)} |`);
  out.push('', ...olaFigures(repo, groups.slice(0, 5).map((g) => g.id)));
  console.log(out.join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
