import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/terminal-text.js';
import { runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const FIXTURE = 'test/fixtures/change/schedule';
const NOW = ['--now', '2026-12-03T09:00:00Z'];
const scratch = scratchFolders('itsm-change-');

describe('itsm change impact', () => {
  it('prints the impact of a change as JSON, exit 0, nothing on stderr', () => {
    const r = runCli(['change', 'impact', 'CHG001', FIXTURE, ...NOW, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const impact = JSON.parse(r.stdout);
    expect(impact.version).toBe(1);
    expect(impact.subject).toEqual({ kind: 'change', id: 'CHG001' });
    expect(impact.headcount).toBe(155);
    expect(impact.dependents.map((d: { path: string[] }) => d.path.join('>'))).toEqual(['api>db', 'web>api>db']);
    expect(impact.agreements.find((a: { service: string }) => a.service === 'web').budget.leftMinutes).toBe(178.05);
  });

  it('takes a service id', () => {
    const r = runCli(['change', 'impact', 'api', FIXTURE, ...NOW]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Impact of a change to api, as of 2026-12-03 10:00');
    expect(r.stdout).toContain('Freezes ahead');
  });

  it('refuses an unknown id with a did-you-mean hint: exit 2, stdout empty', () => {
    const r = runCli(['change', 'impact', 'CHG01', FIXTURE, ...NOW]);
    expect(r).toEqual({ stdout: '', stderr: 'itsm: no change or service "CHG01" in the repository; did you mean "CHG001"?\n', status: 2 });
  });

  it('reports a repository that fails validation as sla report does: its diagnostics, exit 1', () => {
    const r = runCli(['change', 'impact', 'app', 'test/fixtures/sla/invalid-repository', ...NOW]);
    const sla = runCli(['sla', 'report', 'test/fixtures/sla/invalid-repository', '--period', '2026-01']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(sla.stderr);
  });

  it('refuses --width with json (a usage error)', () => {
    const r = runCli(['change', 'impact', 'CHG001', FIXTURE, ...NOW, '--format', 'json', '--width', '80']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^itsm: --width/);
  });
});

describe('itsm change calendar', () => {
  it('defaults to the next 30 days from --now', () => {
    const r = runCli(['change', 'calendar', FIXTURE, ...NOW, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const calendar = JSON.parse(r.stdout);
    // 2026-12-03 00:00 in Berlin (2026-12-02T23:00Z) for 30 days: to 2027-01-02 00:00 local. CHG005 (12 January) is out.
    expect(calendar.period).toEqual({ label: '30 days from 2026-12-03', from: '2026-12-02T23:00:00.000Z', to: '2027-01-01T23:00:00.000Z' });
    expect(calendar.changes.map((c: { id: string }) => c.id)).toEqual(['CHG001', 'CHG002', 'CHG003', 'CHG004']);
    expect(calendar.freezes.map((f: { id: string }) => f.id)).toEqual(['year-end']);
  });

  it('writes iCalendar with -o atomically and never over a file without --force', () => {
    const out = join(scratch.empty(), 'changes.ics');
    const first = runCli(['change', 'calendar', FIXTURE, '--period', '2027-01', ...NOW, '-f', 'ics', '-o', out]);
    expect(first).toEqual({ stdout: '', stderr: '', status: 0 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('UID:CHG005@itsm-change');
    expect(text).toContain('UID:billing-run@itsm-freeze');
    writeFileSync(out, 'mine');
    const again = runCli(['change', 'calendar', FIXTURE, '--period', '2027-01', ...NOW, '-f', 'ics', '-o', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`itsm: ${out} already exists; use --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(runCli(['change', 'calendar', FIXTURE, '--period', '2027-01', ...NOW, '-f', 'ics', '-o', out, '--force']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(existsSync(out)).toBe(true);
  });

  it('refuses a bad period: exit 2', () => {
    const r = runCli(['change', 'calendar', FIXTURE, '--period', 'next-week', ...NOW]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^itsm: --period: expected/);
  });
});

describe('itsm change report', () => {
  it('prints the figures of December as JSON', () => {
    const r = runCli(['change', 'report', FIXTURE, '--period', '2026-12', '--now', '2027-01-05T00:00:00Z', '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    // Worked in test/change/core.test.ts: 3 of 4 successful, 2 of 4 caused incidents, 1 of 4 emergency, median 180.
    expect([report.successRate.percent, report.failureRate.percent, report.emergencyShare.percent, report.timeToRestoreMinutes]).toEqual([75, 50, 25, 180]);
  });
});

describe('a change that breaks a change rule', () => {
  // CHG007, a normal change on mail, approved, with its window on 22 December: inside the year-end freeze.
  const IN_FREEZE = `---
apiVersion: itsm/v1
kind: Ticket
metadata:
  id: CHG007
spec:
  type: change
  service: mail
  priority: P3
  title: Move the mail archive
  opened: 2026-12-01T09:00:00Z
  maintenance: { start: 2026-12-22T20:00:00Z, end: 2026-12-22T21:00:00Z }
  change:
    type: normal
    risk: low
    approvals:
      - { by: Lee Park, decision: approved, at: 2026-12-02T09:00:00Z }
`;
  const FINDING = 'itsm: 1 finding(s) about changes or articles (approvals, freezes, conflicts, reviews, links); run `itsm validate` to see them\n';

  it('fails validate, but the CAB still sees its impact, and the figures are still computed', () => {
    const root = scratch.copyOf(FIXTURE);
    const file = join(root, 'tickets', '2026', '2026-12.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + IN_FREEZE);
    const validate = runCli(['validate', root]);
    expect(validate.status).toBe(1);
    expect(validate.stdout).toContain('change-freeze');

    const impact = runCli(['change', 'impact', 'CHG007', root, ...NOW, '--format', 'json']);
    expect([impact.status, impact.stderr]).toEqual([0, FINDING]);
    expect((JSON.parse(impact.stdout) as { freezes: { id: string }[] }).freezes.map((f) => f.id)).toEqual(['year-end']);

    const report = runCli(['sla', 'report', root, '--period', '2026-12', '--now', '2027-01-05T00:00:00Z', '--format', 'json']);
    expect([report.status, report.stderr]).toEqual([0, FINDING]);
  });
});

describe('change report --width', () => {
  it('wraps its lines at spaces to the width asked for', () => {
    const r = runCli(['change', 'report', 'examples/acme', '--period', '2026-Q4', '--now', '2027-01-05T00:00:00Z', '--width', '40']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(Math.max(...r.stdout.split('\n').map((line) => displayWidth(line)))).toBeLessThanOrEqual(40);
    // The failed change's line goes on, indented, on the next line.
    expect(r.stdout).toContain('  CHG9000007: INC9000017; restored\n    2026-12-08 02:40 after 155 min\n');
  });

  it('is refused with --format json', () => {
    const r = runCli(['change', 'report', 'examples/acme', '--period', '2026-Q4', '--format', 'json', '--width', '40']);
    expect([r.status, r.stdout]).toEqual([2, '']);
  });
});

describe('change impact --width', () => {
  it('fits every line, headings and tables, to the width asked for', () => {
    for (const width of [60, 80]) {
      const r = runCli(['change', 'impact', 'CHG9000007', 'examples/acme', '--now', '2026-12-05', '--width', String(width)]);
      expect(r.status).toBe(0);
      const widest = Math.max(...r.stdout.split('\n').map((line) => displayWidth(line)));
      expect(widest).toBeLessThanOrEqual(width);
    }
  });
});
