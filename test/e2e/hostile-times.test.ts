import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiagnosticsJson } from '../../src/report/diagnostics/json.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync, type CliResult } from '../helpers/cli.js';
import { configYaml, createTempTree } from '../helpers/temp-repo.js';

/**
 * Hostile instants, dates and periods, in the options and in the data: none may reach "internal error". An option is
 * refused with exit 2 and one line naming it; a data field is a diagnostic at its own line, and the commands that
 * compute figures refuse the repository with exit 1. Before the time range (src/time/range.ts), a ticket opened
 * 0206-10-05T17:39:00Z validated and then stopped `sla report`, `sla status` and `export tickets` with
 * "internal error: from -55637159400000 is not an epoch-millisecond instant between the years 1000 and 9999".
 */

const BOUNDS = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'range-bounds');

/** Exit 2, nothing on stdout, one line on stderr that names the option, and no internal error. */
function expectRefused(result: CliResult, flag: string): void {
  expect(result.stderr).not.toContain('internal error');
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
  expect(result.stderr.split('\n')).toHaveLength(2); // one line and the final newline
  expect(result.stderr.startsWith(`itsm: ${flag}`)).toBe(true);
}

const BAD_INSTANTS = [
  '0206-10-05T17:39:00Z',
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:30:00+01:00',
  '2200-01-01T00:00:00.001Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-10-05T24:00:00Z',
  '2026-10-05T10:00:00+24:00',
  '2026-10-05T10:00:00',
  'NaN',
  '1e20',
  '',
];
const BAD_DATES = ['0000-01-01', '1969-12-31', '2200-01-02', '9999-12-31', '10000-01-01', '2026-02-30', '2026-1-1', '-002026-01-01'];
const BAD_PERIODS = ['0000', '1969', '2200', '9999', '1969-12', '2200-01', '1969-Q4', '2200-Q1', '2026-00', '2026-Q0', '2026-Q5', 'last-week', 'LAST_MONTH', '', ' '];

/**
 * Runs the CLI with at most four processes at a time: a batch of a hundred runs started at once on a small machine
 * would make each wait for the others until its time limit.
 */
async function runAll(runs: readonly (readonly string[])[]): Promise<CliResult[]> {
  const results: CliResult[] = new Array<CliResult>(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const i = next++;
      results[i] = await runCliAsync(runs[i]!);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

/** Each value with one of the commands, in turn: every command meets values of every sort without running them all. */
function rotate<T>(values: readonly T[], commands: readonly (readonly string[])[]): Array<{ value: T; command: readonly string[] }> {
  return values.map((value, i) => ({ value, command: commands[i % commands.length]! }));
}

describe('options: out-of-range and malformed instants, dates and periods', () => {
  it('--now of sla report, sla status, sla explain, export tickets and chargeback', { timeout: E2E_TIMEOUT * 3 }, async () => {
    const commands = [
      ['sla', 'report', BOUNDS, '--period', '2026-01'],
      ['sla', 'status', BOUNDS],
      ['sla', 'explain', 'INC-FIRST', BOUNDS],
      ['export', 'tickets', BOUNDS],
      ['chargeback', BOUNDS, '--period', '2026-01'],
    ];
    const runs = rotate(BAD_INSTANTS, commands).map(({ value, command }) => [...command, `--now=${value}`]);
    for (const result of await runAll(runs)) expectRefused(result, '--now');
  });

  it('--period of sla report, export tickets and chargeback', { timeout: E2E_TIMEOUT * 3 }, async () => {
    const runs = rotate(BAD_PERIODS, [['sla', 'report'], ['export', 'tickets'], ['chargeback']]).map(({ value, command }) => [...command, BOUNDS, `--period=${value}`]);
    for (const result of await runAll(runs)) expectRefused(result, '--period');
  });

  it('--from and --to of sla report, export tickets and chargeback', { timeout: E2E_TIMEOUT * 4 }, async () => {
    const values = [...BAD_DATES, ...BAD_INSTANTS];
    const commands = [['sla', 'report'], ['export', 'tickets'], ['chargeback']];
    const runs = [
      ...rotate(values, commands).map(({ value, command }) => ({ args: [...command, BOUNDS, `--from=${value}`, '--to=2026-01-01'], flag: '--from' })),
      ...rotate(values, commands.slice(1).concat(commands.slice(0, 1))).map(({ value, command }) => ({ args: [...command, BOUNDS, '--from=2026-01-01', `--to=${value}`], flag: '--to' })),
    ];
    const results = await runAll(runs.map((run) => run.args));
    results.forEach((result, i) => expectRefused(result, runs[i]!.flag));
  });

  it('the ends of the range themselves are accepted as the end of a period and as --now', { timeout: E2E_TIMEOUT }, async () => {
    const results = await runAll([
      ['sla', 'report', BOUNDS, '--from', '1970-01-01T00:00:00Z', '--to', '2200-01-01T00:00:00Z', '--now', '2200-01-01T00:00:00Z', '--format', 'json'],
      ['export', 'tickets', BOUNDS, '--from', '1970-01-01', '--to', '2200-01-01', '--now', '1970-01-01T00:00:00Z'],
      ['chargeback', BOUNDS, '--from', '2190-01-01', '--to', '2200-01-01', '--format', 'json'],
    ]);
    expect(results.map((r) => [r.status, r.stderr])).toEqual([
      [0, ''],
      // As of the first instant, no ticket is opened yet (a ticket opened at --now is not yet open).
      [0, 'itsm: 4 ticket(s) opened at or after 1970-01-01T00:00:00.000Z left out (not yet opened as of --now)\n'],
      [0, ''],
    ]);
  });
});

/**
 * A repository with one hostile value per field that holds an instant or a date. Each value is written on its own
 * line, remembered, and must come back as exactly one diagnostic at that line (`date-range` when the value is an
 * instant or date out of range, `schema` when it is not one at all).
 */
function hostileRepository(): { root: string; lines: Map<string, number[]>; remove: () => void } {
  const lines = new Map<string, number[]>();
  const files: Record<string, string> = {};
  const write = (file: string, text: string[]) => {
    files[file] = `${text.join('\n')}\n`;
  };
  const mark = (file: string, text: string[]) => {
    const list = lines.get(file) ?? [];
    list.push(text.length + 1);
    lines.set(file, list);
  };

  const service = ['apiVersion: itsm/v1', 'kind: Service', 'metadata:', '  id: app', 'spec:', '  description: App.', '  category: Apps', '  owner: Team', '  lifecycle: live', '  pricing: { model: fixed, amount: 10 }'];
  write('services/app.yaml', service);

  const calendar = ['apiVersion: itsm/v1', 'kind: Calendar', 'metadata:', '  id: hours', 'spec:', '  timeZone: Pacific/Kiritimati', '  hours:', '    monday: ["09:00-17:00"]', '  holidays:'];
  for (const date of ['0000-01-01', '1969-12-31', '2200-01-01', '9999-12-31']) {
    mark('calendars/hours.yaml', calendar);
    calendar.push(`    - { date: ${date}, name: Holiday }`);
  }
  calendar.push('  specialDays:');
  mark('calendars/hours.yaml', calendar);
  calendar.push('    - { date: 0001-01-01, name: Special, hours: [] }');
  write('calendars/hours.yaml', calendar);

  const consumer = ['apiVersion: itsm/v1', 'kind: Consumer', 'metadata:', '  id: finance', 'spec:', '  costCenter: CC-1', '  headcount: 1', '  subscriptions:'];
  for (const [from, to] of [
    ['0206-01-01', '2026-12-31'],
    ['2026-01-01', '9999-12-31'],
  ]) {
    mark('consumers/finance.yaml', consumer);
    consumer.push(`    - { service: app, from: ${from}, to: ${to} }`);
  }
  write('consumers/finance.yaml', consumer);

  const usage = ['date,consumer,service,metric,quantity'];
  for (const date of ['1900-01-01', '2300-06-30']) {
    mark('usage/bad.usage.csv', usage);
    usage.push(`${date},finance,app,gb,1`);
  }
  write('usage/bad.usage.csv', usage);

  const tickets: string[] = [];
  const ticket = (id: string, field: 'opened' | 'at' | 'outage' | 'maintenance', value: string) => {
    tickets.push('---', 'apiVersion: itsm/v1', 'kind: Ticket', 'metadata:', `  id: ${id}`, 'spec:', `  type: ${field === 'maintenance' ? 'change' : 'incident'}`, '  service: app', '  priority: P3', '  title: Hostile');
    if (field === 'opened') mark('tickets/hostile.yaml', tickets);
    tickets.push(`  opened: ${field === 'opened' ? value : '2026-10-05T10:00:00Z'}`);
    if (field === 'at') {
      tickets.push('  timeline:');
      mark('tickets/hostile.yaml', tickets);
      tickets.push(`    - { at: ${value}, status: in-progress }`);
    } else if (field === 'outage') {
      mark('tickets/hostile.yaml', tickets);
      tickets.push(`  outage: { start: 2026-10-05T10:00:00Z, end: ${value}, impact: down }`);
    } else if (field === 'maintenance') {
      mark('tickets/hostile.yaml', tickets);
      tickets.push(`  maintenance: { start: 2026-10-05T10:00:00Z, end: ${value} }`);
    }
  };
  const values = ['0206-10-05T17:39:00Z', '0000-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', '2200-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', '2026-10-05T24:00:00Z', '2026-10-05', '"20261005"'];
  values.forEach((value, i) => ticket(`OPENED-${i}`, 'opened', value));
  ['2200-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59', '2026-13-01T00:00:00Z'].forEach((value, i) => ticket(`AT-${i}`, 'at', value));
  ticket('OUTAGE', 'outage', '2200-06-01T00:00:00Z');
  ticket('MAINTENANCE', 'maintenance', '9999-01-01T00:00:00Z');
  write('tickets/hostile.yaml', tickets);

  const tree = createTempTree({ 'itsm.yaml': configYaml(), ...files }, 'itsm-hostile-');
  return { root: tree.root, lines, remove: tree.remove };
}

describe('data: out-of-range and malformed instants and dates in every field that holds one', () => {
  const repo = hostileRepository();
  afterAll(() => repo.remove());

  it('validate: one diagnostic at the line of each value, date-range or schema, exit 1', { timeout: E2E_TIMEOUT }, async () => {
    const result = await runCliAsync(['validate', '--format', 'json'], { cwd: repo.root });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const { diagnostics } = JSON.parse(result.stdout) as DiagnosticsJson;
    expect(diagnostics.every((d) => d.rule === 'date-range' || d.rule === 'schema')).toBe(true);
    expect(diagnostics.filter((d) => d.rule === 'date-range').length).toBeGreaterThan(0);
    const got = new Map<string, number[]>();
    for (const d of diagnostics) got.set(d.file!, [...(got.get(d.file!) ?? []), d.line!]);
    expect(Object.fromEntries([...got].map(([file, list]) => [file, list.sort((a, b) => a - b)]))).toEqual(Object.fromEntries(repo.lines));
  });

  // The hostile repository has schema errors too; the date-range fixtures have only values that pass the schema and
  // lie outside the range, which is what used to reach the engine.
  const OPENED_0206 = join(REPO_ROOT, 'test', 'fixtures', 'validate', 'date-range-ticket-opened');
  const EVERY_KIND = join(REPO_ROOT, 'test', 'fixtures', 'validate', 'date-range-every-kind');

  it('every command that computes figures refuses the repository with exit 1, never an internal error', { timeout: E2E_TIMEOUT * 4 }, async () => {
    const runs: string[][] = [];
    for (const [root, ticket] of [
      [repo.root, 'OPENED-0'],
      [OPENED_0206, 'INC0000001'],
      [EVERY_KIND, 'INC0000001'],
    ] as const) {
      runs.push(
        ['sla', 'report', root, '--period', '2026-10'],
        ['sla', 'status', root, '--now', '2026-10-06T00:00:00Z'],
        ['sla', 'explain', ticket, root, '--now', '2026-10-06T00:00:00Z'],
        ['export', 'tickets', root],
        ['chargeback', root, '--period', '2026-10'],
        ['catalog', 'export', root],
      );
    }
    for (const result of await runAll(runs)) {
      expect(result.stderr).not.toContain('internal error');
      expect(result.stdout).toBe('');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/has \d+ error\(s\); fix them/);
    }
  });

  it('the ticket opened 0206-10-05T17:39:00Z: sla report names the file, line and rule', { timeout: E2E_TIMEOUT }, async () => {
    const result = await runCliAsync(['sla', 'report', '.', '--period', '2026-10'], { cwd: OPENED_0206 });
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        'tickets/2026/2026-10.yaml',
        '  12:11  error  0206-10-05T17:39:00Z is before 1970-01-01T00:00:00Z, the first instant itsm computes  date-range',
        '                hint: itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        'itsm: . has 1 error(s); fix them (see `itsm validate .`) before computing figures',
        '',
      ].join('\n'),
    });
  });
});
