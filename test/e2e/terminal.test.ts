import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/terminal-text.js';
import { E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';
import { configYaml, createTempTree, type TempTree } from '../helpers/temp-repo.js';

// Issue #10, "trust first", the terminal: tables fit the width (--width, or the terminal's; the full layout when
// stdout is not a terminal, whatever COLUMNS says), rows with nothing measured are left out unless --all, CSV takes
// a --delimiter, and control characters from the data reach the terminal as escapes. Spawned processes write to
// pipes, never to a terminal: the terminal's own width is covered by test/cli/terminal.test.ts.

const NOW = '2026-12-31T17:00:00Z';
// Many runs at once on a busy machine: each gets the test's time limit rather than the helper's 30 s.
const run = (args: string[], env?: Record<string, string>) => runCliAsync(args, { timeout: E2E_TIMEOUT, ...(env ? { env } : {}) });
const status = (...args: string[]) => run(['sla', 'status', 'examples/acme', '--now', NOW, ...args]);
const report = (...args: string[]) => run(['sla', 'report', 'examples/acme', '--period', '2026-Q4', '--now', '2027-01-01T05:00:00Z', ...args]);
const explain = (...args: string[]) => run(['sla', 'explain', 'INC9000001', 'examples/acme', '--now', '2027-01-01', ...args]);
const chargeback = (...args: string[]) => run(['chargeback', 'examples/acme', '--period', '2026-11', ...args]);

function ok(result: CliResult): string {
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

function widest(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

function usageError(result: CliResult, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.status).toBe(2);
}

describe('--width: every line fits', { timeout: 4 * E2E_TIMEOUT }, () => {
  it.each([60, 80, 100, 120])('sla status, sla report, sla explain and chargeback at %i columns', async (width) => {
    for (const command of [status, report, explain, chargeback]) expect(widest(ok(await command('--width', String(width))))).toBeLessThanOrEqual(width);
  });

  it('sla status at 80: the title, the status, the state and "overdue" / "left"; a paused clock says paused', async () => {
    const lines = ok(await status('--width', '80')).split('\n');
    expect(lines[3]).toMatch(/^│ ticket +│ title +│ status +│ state +│ +time │$/);
    // INC0001629 (bronze 3bd = 30h on a 10-hour day) used 34h: 4h overdue. INC0001645 waits on the customer.
    expect(lines.find((l) => l.startsWith('│ INC0001629'))).toMatch(/│ breached │ +4h overdue │$/);
    expect(lines.find((l) => l.startsWith('│ INC0001645'))).toMatch(/│ paused +│ +16h 33m left │$/);
    // 12 running: INC0001636 (erp) is still at the service desk, so ola-sap-cc, scoped to the SAP CC, has no clock yet.
    // 10 paused: 5 generated and story tickets, and the 5 of changes-and-problems.yaml that wait (CHG9000010-12 and
    // PRB9000002 on hold, PRB9000003 awaiting the vendor).
    expect(lines.at(-2)).toBe('4 breached, 12 running (3 warning), 10 paused.');
  });
});

describe.concurrent('without a terminal the layout is the full one, whatever the environment', { timeout: E2E_TIMEOUT }, () => {
  it('COLUMNS=80 changes nothing when stdout is a pipe', async () => {
    const [plain, withColumns] = await Promise.all([status(), run(['sla', 'status', 'examples/acme', '--now', NOW], { COLUMNS: '80' })]);
    expect(ok(withColumns)).toBe(ok(plain));
    // The full layout has every column, 12 of them: wider than 80.
    expect(widest(ok(plain))).toBeGreaterThan(150);
    expect(ok(plain).split('\n')[3]).toMatch(/^│ ticket +│ priority +│ title +│ status +│ service +│ sla +│ metric +│ state +│ +elapsed │ +target │ +time │ due +│$/);
  });

  it('--out writes the full layout (a file is not a terminal) unless --width says otherwise', async () => {
    const tree = createTempTree({});
    try {
      const out = join(tree.root, 'status.txt');
      const written = await run(['sla', 'status', 'examples/acme', '--now', NOW, '--out', out]);
      expect(written).toEqual({ stdout: '', stderr: '', status: 0 });
      expect(readFileSync(out, 'utf8')).toBe(ok(await status()));
    } finally {
      tree.remove();
    }
  });
});

describe.concurrent('--width is checked', { timeout: E2E_TIMEOUT }, () => {
  it.each([['39'], ['80.5'], ['wide']])('--width %s is a usage error naming the option', async (value) => {
    usageError(await status('--width', value), /--width <columns>' argument .* is invalid\. expected a whole number of columns, 40 or more/);
  });

  it('--width with a format that is not for people is a usage error', async () => {
    usageError(await status('--width', '80', '--format', 'json'), /^itsm: --width applies to --format table\n$/);
    usageError(await explain('--width', '80', '--format', 'json'), /^itsm: --width applies to --format text\n$/);
    usageError(await chargeback('--width', '80', '--format', 'csv'), /^itsm: --width applies to --format table\n$/);
  });
});

describe.concurrent('sla report: targets with nothing measured are left out of the table unless --all', { timeout: E2E_TIMEOUT }, () => {
  it('says how many it left out, and --all lists them; JSON keeps every target', async () => {
    const [table, all, json] = await Promise.all([report(), report('--all'), report('--format', 'json')]);
    const rows = (text: string) => text.split('\n').filter((l) => /^│ (incident|request|problem|change) /.test(l));
    const summary = (JSON.parse(ok(json)) as { summary: Array<{ measured: number; running: number }> }).summary;
    const idle = summary.filter((s) => s.measured === 0 && s.running === 0).length;
    expect(idle).toBeGreaterThan(0);
    expect(rows(ok(all))).toHaveLength(summary.length);
    expect(rows(ok(table))).toHaveLength(summary.length - idle);
    const notes = ok(table).match(/^(\d+) targets? with nothing measured or running not shown \(--all lists them\)\.$/gm) ?? [];
    expect(notes.reduce((n, line) => n + Number(line.split(' ')[0]), 0)).toBe(idle);
    expect(ok(all)).not.toContain('not shown');
  });

  it('--all with another format is a usage error', async () => {
    usageError(await report('--all', '--format', 'csv'), /^itsm: --all applies to --format table; json, csv and markdown always list every target\n$/);
  });
});

describe('--delimiter', { timeout: 2 * E2E_TIMEOUT }, () => {
  it('; on every CSV output: sla report, sla status, chargeback csv and focus, export tickets', async () => {
    const [r, s, c, f, e] = await Promise.all([
      report('--format', 'csv', '--delimiter', ';'),
      status('--format', 'csv', '--delimiter', ';'),
      chargeback('--format', 'csv', '--delimiter', ';'),
      chargeback('--format', 'focus', '--delimiter', ';'),
      run(['export', 'tickets', 'examples/acme', '--now', '2030-01-01T00:00:00Z', '--delimiter', ';']),
    ]);
    expect(ok(r).split('\n')[0]).toMatch(/^ticket;title;type;service;consumer;sla;metric;priority;state;/);
    expect(ok(s).split('\n')[0]).toMatch(/;counted;leftMinutes;slaVersion;selectedBy;calendar;calendarBy;assignmentGroup$/);
    expect(ok(c).split('\n')[0]).toMatch(/^kind;consumer;consumerName;costCenter;service;/);
    expect(ok(f).split('\n')[0]).toMatch(/^BilledCost;BillingAccountId;/);
    expect(ok(e).split('\n')[0]).toMatch(/^ticket;type;service;consumer;title;opened;/);
    // A chargeback description holds a comma ("41,874 vCPU-hour"): bare with ";", and no field is split.
    expect(ok(c)).toContain(';41,874 vCPU-hour (vcpu-hours) × 0.045;');
  });

  it('tab is written "tab" or "\\t"; | too', async () => {
    const [tab, backslashT, pipe] = await Promise.all([status('--format', 'csv', '--delimiter', 'tab'), status('--format', 'csv', '--delimiter', '\\t'), status('--format', 'csv', '--delimiter', '|')]);
    expect(ok(tab).split('\n')[0]!.split('\t')[0]).toBe('ticket');
    expect(ok(backslashT)).toBe(ok(tab));
    expect(ok(pipe).split('\n')[0]).toMatch(/^ticket\|title\|/);
  });

  it('anything else is a usage error naming the option', async () => {
    usageError(await status('--format', 'csv', '--delimiter', ':'), /option '--delimiter <char>' argument ':' is invalid\. expected one of , ; \| tab but found ":"/);
    usageError(await status('--format', 'json', '--delimiter', ';'), /^itsm: --delimiter applies to --format csv\n$/);
    usageError(await chargeback('--delimiter', ';'), /^itsm: --delimiter applies to --format csv, focus\n$/);
    usageError(await run(['export', 'tickets', 'examples/acme', '--format', 'jsonl', '--delimiter', ';']), /^itsm: --delimiter applies to --format csv\n$/);
  });
});

describe.concurrent('control characters from the data are shown as escapes', { timeout: E2E_TIMEOUT }, () => {
  // A ticket whose title holds ESC [31m, BEL, CR and U+202E, and (in a second repository) a field name that does.
  const title = 'Red \\e[31mALERT\\a\\rX\\u202eevil';
  const shown = 'Red \\x1b[31mALERT\\x07\\rX\\u202eevil';
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  let valid: TempTree;
  let invalid: TempTree;
  const files = (extra: string) => ({
    'itsm.yaml': configYaml(),
    'services/app.yaml': 'apiVersion: itsm/v1\nkind: Service\nmetadata:\n  id: app\n  name: App\nspec:\n  description: The app.\n  category: Apps\n  owner: IT\n  lifecycle: live\n  sla: basic\n',
    'slas/basic.yaml':
      'apiVersion: itsm/v1\nkind: SLA\nmetadata:\n  id: basic\n  name: Basic\nspec:\n  type: sla\n  targets:\n    - type: incident\n      priority: P2\n      response: { within: 30m, objective: 90 }\n      resolution: { within: 4h, objective: 90 }\n',
    'tickets/2026-03.yaml': `apiVersion: itsm/v1\nkind: Ticket\nmetadata:\n  id: INC0000001\nspec:\n  type: incident\n  service: app\n  priority: P2\n  title: "${title}"\n${extra}  opened: 2026-03-02T09:00:00Z\n`,
  });
  beforeAll(() => {
    valid = createTempTree(files(''));
    invalid = createTempTree(files('  "bad\\e[31mfield": 1\n'));
  });
  afterAll(() => {
    valid.remove();
    invalid.remove();
  });

  it('validate: the unknown field name', async () => {
    const result = await run(['validate', invalid.root]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('unknown field "bad\\x1b[31mfield" in "spec"');
    expect(result.stdout + result.stderr).not.toMatch(RAW);
  });

  it('sla status and sla explain: the title', async () => {
    const [s, e] = await Promise.all([
      run(['sla', 'status', valid.root, '--now', '2026-03-02T09:05:00Z']),
      run(['sla', 'explain', 'INC0000001', valid.root, '--now', '2026-03-02T09:05:00Z']),
    ]);
    expect(ok(s)).toContain(shown);
    expect(ok(e).split('\n')[0]).toBe(`INC0000001 — ${shown}`);
    expect(ok(s) + ok(e)).not.toMatch(RAW);
  });

  it('the JSON keeps the title as it is (JSON escapes it itself)', async () => {
    const result = await run(['sla', 'status', valid.root, '--now', '2026-03-02T09:05:00Z', '--format', 'json']);
    expect((JSON.parse(ok(result)) as { clocks: Array<{ title: string }> }).clocks[0]!.title).toBe('Red \u001b[31mALERT\u0007\rX\u202eevil');
  });

  it('an error message quoting what the user typed', async () => {
    usageError(await run(['sla', 'explain', 'INC\u001b[2J', valid.root]), /^itsm: no ticket "INC\\x1b\[2J" in the repository\n$/);
  });
});
