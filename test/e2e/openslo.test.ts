import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

// `itsm export openslo` → `itsm import openslo` into a repository with acme's configuration, calendars and groups but
// no services or agreements → `itsm export openslo` again: every figure comes back.

const scratch = scratchFolders('itsm-openslo-');
const ACME = join(REPO_ROOT, 'examples', 'acme');

function emptyRepository(): string {
  const dir = scratch.empty();
  for (const part of ['itsm.yaml', 'calendars', 'holidays', 'groups']) cpSync(join(ACME, part), join(dir, part), { recursive: true });
  return dir;
}

type Doc = { kind: string; metadata: { annotations?: Record<string, string> } };
const documents = (text: string) => jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA }) as Doc[];

function summaryOf(repo: string): unknown[] {
  const run = runCli(['sla', 'report', repo, '--period', '2026-10', '--format', 'json']);
  expect(run.status).toBe(0);
  const rows = (JSON.parse(run.stdout) as { summary: Record<string, unknown>[] }).summary;
  return rows.map((r) => [r.sla, r.slaType, r.metric, r.type, r.priority, r.group, r.target, r.objectivePercent]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('itsm export openslo / import openslo round trip on examples/acme', () => {
  const first = runCli(['export', 'openslo', ACME]);
  const repo = emptyRepository();
  const file = join(scratch.empty(), 'acme.openslo.yaml');
  writeFileSync(file, first.stdout);
  const imported = runCli(['import', 'openslo', file, '--repo', repo]);

  it('exports and imports with exit 0, naming what it writes and the consumer links it cannot', () => {
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout.startsWith('---\napiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: backup\n')).toBe(true);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe('');
    expect(imported.stderr).toContain('itsm: created slas/gold.yaml\n');
    expect(imported.stderr).toContain("itsm: note: gold-finance measures some consumers' tickets on erp (their subscription names it)");
    expect(imported.stderr).toMatch(/itsm: 18 services and 8 agreements from 1 file; run `itsm validate`/);
    expect(runCli(['validate', repo]).status).toBe(0);
  });

  it('exports the imported repository as the first export, less the SLOs that reach a service through a consumer', () => {
    const second = runCli(['export', 'openslo', repo]);
    expect(second.status).toBe(0);
    // Consumers are no OpenSLO object: an agreement that a subscription names (gold-finance on erp, regional) is
    // imported, but the link from the consumer is not, so its per-service copies are not exported again.
    const expected = documents(first.stdout).filter((d) => d.metadata.annotations?.['itsm.dev/link'] !== 'customer');
    expect(documents(second.stdout)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(700);
  });

  it('gives the same objectives in `itsm sla report` as acme, for every agreement and target', () => {
    expect(summaryOf(repo)).toEqual(summaryOf(ACME));
  });

  it('writes every term of an agreement, its dated version as the difference', () => {
    const text = readFileSync(join(repo, 'slas', 'gold-finance.yaml'), 'utf8');
    const doc = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as { spec: Record<string, unknown> };
    const original = jsYaml.load(readFileSync(join(ACME, 'slas', 'gold-finance.yaml'), 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as { spec: Record<string, unknown> };
    expect(doc).toEqual(original);
    expect(doc.spec.versions).toEqual([
      { from: '2026-10-01', note: 'Renewal signed 2026-09-18 - P2 incident resolution 6h to 4h before the year-end close.', targets: [{ type: 'incident', priority: 'P2', resolution: { within: '4h', objective: 95 } }] },
    ]);
  });

  it('changes nothing when run again, and refuses to replace a file edited since, without --force', () => {
    const again = runCli(['import', 'openslo', file, '--repo', repo]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('itsm: unchanged slas/gold.yaml\n');
    const gold = join(repo, 'slas', 'gold.yaml');
    const before = readFileSync(gold, 'utf8');
    writeFileSync(gold, before.replace('warningThreshold: 80', 'warningThreshold: 85'));
    const refused = runCli(['import', 'openslo', file, '--repo', repo]);
    expect([refused.status, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toContain('itsm: slas/gold.yaml exists with other content; re-run with --force to replace it\nitsm: nothing was written\n');
    expect(refused.stderr).not.toContain('created');
    const dry = runCli(['import', 'openslo', file, '--repo', repo, '--force', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain('itsm: would replace slas/gold.yaml\n');
    expect(readFileSync(gold, 'utf8')).not.toBe(before);
    expect(runCli(['import', 'openslo', file, '--repo', repo, '--force']).status).toBe(0);
    expect(readFileSync(gold, 'utf8')).toBe(before);
  });
});

describe('itsm import openslo on bad input', () => {
  it('names the file, line and column of a YAML syntax error: exit 2, no stack', () => {
    const file = join(scratch.empty(), 'broken.yaml');
    writeFileSync(file, 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: [unclosed\n');
    const run = runCli(['import', 'openslo', file, '--repo', emptyRepository()]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^itsm: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: not valid YAML: .+\\n$`));
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+\)/);
  });

  it('names the file and the line of the document that is not a valid SLO: exit 1', () => {
    const file = join(scratch.empty(), 'slo.yaml');
    writeFileSync(file, 'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: web-latency\nspec:\n  service: web\n  budgetingMethod: Sometimes\n  objectives: [{ target: 0.99 }]\n');
    const run = runCli(['import', 'openslo', file, '--repo', emptyRepository()]);
    expect([run.status, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe(`itsm: ${file}:6: "spec.budgetingMethod" is not valid: Invalid option: expected one of "Occurrences"|"Timeslices"|"RatioTimeslices"\n`);
  });

  it('reads a time-slice SLO of another tool as the availability objective of an slo agreement', () => {
    const repo = scratch.empty();
    writeFileSync(join(repo, 'itsm.yaml'), 'apiVersion: itsm/v1\nkind: Config\nmetadata:\n  id: web-team\nspec:\n  currency: EUR\n  timeZone: Europe/Berlin\n');
    const file = join(scratch.empty(), 'web.yaml');
    writeFileSync(
      file,
      'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: web-availability\nspec:\n  service: web\n  indicatorRef: web-up\n  timeWindow: [{ duration: 1M, calendar: { startTime: "2026-01-01 00:00:00", timeZone: Europe/Berlin } }]\n  budgetingMethod: Timeslices\n  objectives: [{ target: 0.9995, timeSliceTarget: 1, timeSliceWindow: 1m }]\n',
    );
    const run = runCli(['import', 'openslo', file, '--repo', repo]);
    expect(run.status).toBe(0);
    expect(readFileSync(join(repo, 'slas', 'web-availability.yaml'), 'utf8')).toBe(
      '# Imported from OpenSLO by `itsm import openslo` (docs/openslo.md).\napiVersion: itsm/v1\nkind: SLA\nmetadata:\n  id: web-availability\nspec:\n  type: slo\n  availability:\n    target: 99.95\n    window: month\n  targets: []\n',
    );
    expect(readFileSync(join(repo, 'services', 'web.yaml'), 'utf8')).toContain('  agreements:\n    - web-availability\n');
    expect(runCli(['validate', repo]).status).toBe(0);
  });

  it('waits for no one: a repository another itsm command is writing into is refused, nothing written (exit 2)', () => {
    const repo = scratch.empty();
    writeFileSync(join(repo, 'itsm.yaml'), 'apiVersion: itsm/v1\nkind: Config\nmetadata:\n  id: web-team\nspec:\n  currency: EUR\n  timeZone: Europe/Berlin\n');
    const holder = { pid: 4242, hostname: 'build-agent-7', started: '2026-12-01T09:00:00.000Z', command: 'itsm import jira', token: 't' };
    writeFileSync(join(repo, '.itsm-lock'), JSON.stringify(holder));
    const file = join(scratch.empty(), 'web.yaml');
    writeFileSync(file, 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: web-availability\nspec:\n  service: web\n  indicatorRef: web-up\n  timeWindow: [{ duration: 1M, calendar: { startTime: "2026-01-01 00:00:00", timeZone: Europe/Berlin } }]\n  budgetingMethod: Timeslices\n  objectives: [{ target: 0.9995, timeSliceTarget: 1, timeSliceWindow: 1m }]\n');
    const run = runCli(['import', 'openslo', file, '--repo', repo]);
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(
      `itsm: ${repo} is locked by \`itsm import jira\` (pid 4242 on build-agent-7, since 2026-12-01T09:00:00.000Z), which is writing into it; ` +
        `nothing was written. Run again when it has finished; if that process no longer runs, delete ${join(repo, '.itsm-lock')}\n`,
    );
    expect(existsSync(join(repo, 'slas'))).toBe(false);
  });
});
