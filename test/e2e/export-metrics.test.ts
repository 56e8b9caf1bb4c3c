import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const NOW = '2026-11-20T12:00:00Z';
const PROMTOOL = process.env.ITSM_TEST_PROMTOOL ?? '/usr/bin/promtool';
const hasPromtool = existsSync(PROMTOOL);
if (!hasPromtool) console.warn(`SKIPPED promtool check metrics: ${PROMTOOL} is not installed (apt-get install prometheus; CI installs it).`);

describe('itsm export metrics', () => {
  const scratch = scratchFolders('itsm-metrics-');
  const result = runCli(['export', 'metrics', 'examples/acme', '--now', NOW]);

  it('writes the figures of acme in the Prometheus text format, which the parser reads', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const names = parsePrometheusTextFormat(result.stdout).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['itsm_sla_compliance_ratio', 'itsm_sla_open_clocks', 'itsm_error_budget_remaining_seconds', 'itsm_availability_ratio', 'itsm_open_tickets']));
  });

  it('agrees with sla report and sla status on the same figures', () => {
    const report = JSON.parse(runCli(['sla', 'report', 'examples/acme', '--period', '2026-11', '--now', NOW, '--format', 'json']).stdout) as { summary: Array<{ sla: string; type: string; priority: string; metric: string; met: number; breached: number; slaVersion: string | null }> };
    const row = report.summary.find((r) => r.sla === 'silver' && r.type === 'incident' && r.priority === 'P3' && r.metric === 'resolution' && r.slaVersion === null)!;
    // silver incident P3 resolution in 2026-11: 14 met, 1 breached → 14/15 = 0.9333…
    expect([row.met, row.breached]).toEqual([14, 1]);
    expect(result.stdout).toContain(`itsm_sla_compliance_ratio{metric="resolution",priority="P3",sla="silver",type="incident"} ${14 / 15}\n`);
    const status = JSON.parse(runCli(['sla', 'status', 'examples/acme', '--now', NOW, '--format', 'json']).stdout) as { counts: { running: number; breached: number } };
    const open = parsePrometheusTextFormat(result.stdout).find((f) => f.name === 'itsm_sla_open_clocks')!.metrics;
    const total = (state: string) => open.filter((m) => m.labels?.state === state).reduce((sum, m) => sum + Number(m.value), 0);
    expect([total('running'), total('breached')]).toEqual([status.counts.running, status.counts.breached]);
  });

  it.skipIf(!hasPromtool)(`passes promtool check metrics${hasPromtool ? '' : ' — SKIPPED: promtool is not installed (apt-get install prometheus)'}`, () => {
    const checked = spawnSync(PROMTOOL, ['check', 'metrics'], { input: result.stdout, encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('writes --out atomically, leaves no temporary file, and replaces it only with --force', () => {
    const dir = scratch.empty();
    const out = join(dir, 'itsm.prom');
    const first = runCli(['export', 'metrics', 'examples/acme', '--now', NOW, '--out', out]);
    expect([first.status, first.stdout, first.stderr]).toEqual([0, '', '']);
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
    expect(readdirSync(dir)).toEqual(['itsm.prom']);
    writeFileSync(out, 'old\n');
    const again = runCli(['export', 'metrics', 'examples/acme', '--now', NOW, '--out', out]);
    expect([again.status, again.stdout, again.stderr]).toEqual([2, '', `itsm: ${out} already exists; use --force to replace it\n`]);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(runCli(['export', 'metrics', 'examples/acme', '--now', NOW, '--out', out, '--force']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
  });

  it('measures compliance over --period, and refuses a period it cannot read', () => {
    const quarter = runCli(['export', 'metrics', 'examples/acme', '--now', NOW, '--period', '2026-Q4']);
    expect(quarter.status).toBe(0);
    expect(quarter.stdout).toContain('itsm_sla_period_start_timestamp_seconds{period="2026-Q4"}');
    const bad = runCli(['export', 'metrics', 'examples/acme', '--now', NOW, '--period', 'soon']);
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/^itsm: --period: expected .* but found "soon"\n$/);
  });
});
