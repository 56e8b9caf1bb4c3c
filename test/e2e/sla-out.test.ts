import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

// `--out FILE`: the result goes to the file and nothing to stdout; an existing file is replaced only with --force.
// Runs on the one-breach fixture (test/fixtures/sla/one-breach), whose figures sla-gate.test.ts pins.

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'one-breach');
const REPORT = ['sla', 'report', FIXTURE, '--period', '2026-03', '--now', '2026-04-01T00:00:00Z'];
const STATUS = ['sla', 'status', FIXTURE, '--now', '2026-03-10T14:00:00Z'];

const temp = mkdtempSync(join(tmpdir(), 'itsm-sla-out-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('sla report --out', () => {
  it(
    'writes the file and nothing to stdout; refuses to replace it without --force; replaces it with --force',
    async () => {
      const file = join(temp, 'report.csv');
      const [expectedCsv, expectedJson] = await Promise.all([runCliAsync([...REPORT, '--format', 'csv']), runCliAsync([...REPORT, '--format', 'json'])]);
      expect(expectedCsv.status).toBe(0);
      expect(expectedJson.status).toBe(0);

      const first = await runCliAsync([...REPORT, '--format', 'csv', '--out', file]);
      expect(first).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(expectedCsv.stdout);

      const again = await runCliAsync([...REPORT, '--format', 'json', '--out', file]);
      expect(again).toEqual({ status: 2, stdout: '', stderr: `itsm: ${file} already exists; use --force to replace it\n` });
      expect(readFileSync(file, 'utf8')).toBe(expectedCsv.stdout);

      const forced = await runCliAsync([...REPORT, '--format', 'json', '--out', file, '--force']);
      expect(forced).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(expectedJson.stdout);
      // Written atomically: no temporary file is left next to it.
      expect(readdirSync(temp).filter((name) => name.startsWith('report.csv'))).toEqual(['report.csv']);
    },
    E2E_TIMEOUT,
  );

  it(
    'with --fail-under the file is still written, and the gate still fails',
    async () => {
      const file = join(temp, 'gate.md');
      const result = await runCliAsync([...REPORT, '--format', 'markdown', '--fail-under', '--out', file]);
      expect(result).toEqual({ status: 1, stdout: '', stderr: 'itsm: 1 target(s) below their objective\n' });
      expect(readFileSync(file, 'utf8').startsWith('## SLA report — Gate test (one breach), 2026-03\n\n')).toBe(true);
    },
    E2E_TIMEOUT,
  );

  it(
    'a usage error writes no file',
    async () => {
      const file = join(temp, 'never.json');
      const result = await runCliAsync(['sla', 'report', FIXTURE, '--period', '2026-13', '--now', '2026-04-01T00:00:00Z', '--out', file]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(existsSync(file)).toBe(false);
    },
    E2E_TIMEOUT,
  );
});

describe('sla status --out', () => {
  it(
    'writes the file; refuses to replace it without --force; replaces it with --force',
    async () => {
      const file = join(temp, 'status.json');
      const expected = await runCliAsync([...STATUS, '--format', 'json']);
      expect(expected.status).toBe(0);
      // As of Mar 10 14:00 only INC0000002's resolution runs: 12:00 → 14:00 = 120 of 240, 120 left.
      expect((JSON.parse(expected.stdout) as { clocks: Array<{ ticket: string; metric: string; leftMinutes: number }> }).clocks.map((c) => [c.ticket, c.metric, c.leftMinutes])).toEqual([
        ['INC0000002', 'resolution', 120],
      ]);

      expect(await runCliAsync([...STATUS, '--format', 'json', '--out', file])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(expected.stdout);

      expect(await runCliAsync([...STATUS, '--format', 'csv', '--out', file])).toEqual({
        status: 2,
        stdout: '',
        stderr: `itsm: ${file} already exists; use --force to replace it\n`,
      });
      expect(readFileSync(file, 'utf8')).toBe(expected.stdout);

      expect(await runCliAsync([...STATUS, '--format', 'csv', '--out', file, '--force'])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^ticket,title,.*,leftMinutes,slaVersion,selectedBy,calendar,calendarBy,assignmentGroup$/);
    },
    E2E_TIMEOUT,
  );
});
