import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, type TicketExportRow } from '../../src/export/tickets.js';
import type { ClockRow, SlaReport } from '../../src/sla/report.js';
import { parseCsv } from '../export/csv-reader.js';
import { assertBuilt, E2E_TIMEOUT, REPO_ROOT, runCliAsync, type CliResult } from '../helpers/cli.js';
import { configYaml, createTempTree, type TempTree } from '../helpers/temp-repo.js';

// `itsm export tickets` end to end: the built CLI on examples/acme as of the end of 2026 in New York (the figures of the
// story tickets are worked out by hand in test/e2e/sla-report.test.ts and docs/sla.md), and on small temporary
// repositories for what acme does not have (a ticket without clocks, hostile titles, a ticket opened after --now).

const ACME = 'examples/acme';
const END_OF_2026 = '2027-01-01T05:00:00Z'; // local midnight in New York
const AS_OF = '2027-01-01T05:00:00.000Z';

const exportAcme = (...args: string[]) => runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, ...args]);

function jsonl(result: CliResult): TicketExportRow[] {
  expect(result.status).toBe(0);
  return result.stdout === '' ? [] : result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as TicketExportRow);
}

/** A row's values as the CSV writes them (null empty), except the title's injection guard, which acme never needs. */
const asCsvCells = (r: TicketExportRow) => EXPORT_COLUMNS.map((c) => (r[c] === null ? '' : String(r[c])));

let csv: CliResult;
let lines: CliResult;
let report: CliResult;
let validate: CliResult;
let rows: TicketExportRow[];

beforeAll(async () => {
  // Each run takes a second or two on acme: start them together.
  [csv, lines, report, validate] = await Promise.all([
    exportAcme(),
    exportAcme('--format', 'jsonl'),
    // A period that holds every acme ticket and every clock's stop, measured as of the same instant.
    runCliAsync(['sla', 'report', ACME, '--from', '2026-01-01', '--to', '2027-01-01', '--now', END_OF_2026, '--format', 'json']),
    runCliAsync(['validate', ACME]),
  ]);
  rows = jsonl(lines);
}, E2E_TIMEOUT);

describe('export tickets on examples/acme', () => {
  it('exits 0 with nothing on stderr; CSV is the default format, with its header row', () => {
    expect([csv.status, csv.stderr, lines.status, lines.stderr]).toEqual([0, '', 0, '']);
    expect(csv.stdout.split('\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(csv.stdout.endsWith('\n')).toBe(true);
    expect(csv.stdout).not.toContain('\r');
  });

  it('CSV and JSON Lines carry the same rows, in the same order', () => {
    const [header, ...records] = parseCsv(csv.stdout);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(records).toHaveLength(rows.length);
    expect(records).toEqual(rows.map(asCsvCells));
  });

  it('never loses a ticket: every ticket that validate counts has at least one row, in id order', () => {
    // validate prints its one-line summary to stderr (stdout is for data).
    const counted = /(\d+) tickets/.exec(validate.stderr);
    expect(counted).not.toBeNull();
    const ids = [...new Set(rows.map((r) => r.ticket))];
    expect(ids).toHaveLength(Number(counted![1]));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Every acme service has an agreement with targets for what its tickets use, so no ticket is without clocks.
    expect(rows.filter((r) => r.sla === null)).toEqual([]);
    expect(rows.every((r) => r.asOf === AS_OF)).toBe(true);
  });

  it('has the clocks of `sla report` over a period holding every clock, with the same figures, plus the cancelled ones', () => {
    expect(report.status).toBe(0);
    const clocks = (JSON.parse(report.stdout) as SlaReport).tickets;
    const key = (ticket: string, sla: string | null, metric: string | null) => `${ticket} ${sla} ${metric}`;
    const exported = new Map(rows.map((r) => [key(r.ticket, r.sla, r.metric), r]));
    // The report leaves out cancelled clocks (docs/sla.md); the export keeps them with state "cancelled".
    const cancelled = rows.filter((r) => r.state === 'cancelled');
    expect(rows.length - cancelled.length).toBe(clocks.length);
    expect(clocks.length).toBeGreaterThan(2000);
    for (const r of cancelled) expect(r.statusCategory, r.ticket).toBe('cancelled');
    const figures = (c: ClockRow) => [c.priority, c.state, c.warning, c.target, c.targetMinutes, c.elapsedMinutes, c.pausedMinutes, c.usedPercent, c.startedAt, c.stoppedAt, c.breachedAt, c.dueAt, c.cycles, c.anyCycleBreached];
    for (const c of clocks) {
      const r = exported.get(key(c.ticket, c.sla, c.metric));
      expect(r, key(c.ticket, c.sla, c.metric)).toBeDefined();
      expect(
        [r!.targetPriority, r!.state, r!.warning, r!.target, r!.targetMinutes, r!.elapsedMinutes, r!.pausedMinutes, r!.usedPercent, r!.startedAt, r!.stoppedAt, r!.breachedAt, r!.dueAt, r!.cycles, r!.anyCycleBreached],
        key(c.ticket, c.sla, c.metric),
      ).toEqual(figures(c));
    }
  });

  it('INC9000001 (bronze: a Friday evening, Columbus Day, a pause, a resumed reopening), pinned as CSV', () => {
    // Response 2h = 120 of 4h (met); resolution 120 + 120 + 300 + 90 = 630 of 3bd = 1800, 540 paused (met); reopened
    // once (Thu Oct 15 09:30 EDT), resolved again at 11:00 EDT (15:00Z), closed Oct 18.
    const ticket = 'INC9000001,incident,laptops,finance,Laptop does not wake from sleep,2026-10-09T21:00:00.000Z,closed,closed,P3,2026-10-15T15:00:00.000Z,2026-10-18T15:00:00.000Z,1';
    expect(csv.stdout.split('\n').filter((l) => l.startsWith('INC9000001,'))).toEqual([
      `${ticket},bronze,sla,response,P3,4h,240,85,met,false,120,0,50,2026-10-09T21:00:00.000Z,2026-10-13T13:00:00.000Z,,,1,false,${AS_OF},,,0,,service,us-business-hours,`,
      `${ticket},bronze,sla,resolution,P3,3bd,1800,85,met,false,630,540,35,2026-10-09T21:00:00.000Z,2026-10-15T15:00:00.000Z,,,1,false,${AS_OF},,,0,,service,us-business-hours,`,
    ]);
  });

  const story = (id: string) => rows.filter((r) => r.ticket === id);
  const clockFields = (r: TicketExportRow) => [r.sla, r.slaType, r.metric, r.targetPriority, r.target, r.state, r.elapsedMinutes, r.pausedMinutes, r.startedAt, r.stoppedAt, r.breachedAt, r.dueAt, r.cycles, r.anyCycleBreached];

  it('INC9000003 (silver, new-cycle): reopened twice, the resolution row is the third cycle', () => {
    expect(story('INC9000003').map((r) => [r.status, r.resolvedAt, r.closedAt, r.reopens])).toEqual([
      ['closed', '2026-11-16T15:00:00.000Z', '2026-11-19T15:00:00.000Z', 2],
      ['closed', '2026-11-16T15:00:00.000Z', '2026-11-19T15:00:00.000Z', 2],
    ]);
    expect(story('INC9000003').map(clockFields)).toEqual([
      ['silver', 'sla', 'response', 'P3', '4h', 'met', 90, 0, '2026-11-13T01:00:00.000Z', '2026-11-13T02:30:00.000Z', null, null, 1, false],
      // Cycle 3: Mon Nov 16 08:00–10:00 EST = 120 of 30h, started at the reopening.
      ['silver', 'sla', 'resolution', 'P3', '30h', 'met', 120, 0, '2026-11-16T13:00:00.000Z', '2026-11-16T15:00:00.000Z', null, null, 3, false],
    ]);
  });

  it('INC9000005: two agreements, the SLA first; gold (24x7) breached, the OLA (Berlin hours) met', () => {
    const opened = '2026-10-23T14:30:00.000Z';
    const responded = '2026-10-23T14:45:00.000Z';
    const resolved = '2026-10-26T09:00:00.000Z';
    expect(story('INC9000005').map(clockFields)).toEqual([
      ['gold', 'sla', 'response', 'P3', '2h', 'met', 15, 0, opened, responded, null, null, 1, false],
      // 24x7 in UTC: Oct 23 14:30Z → Oct 26 09:00Z = 3990 of 1440; the 1440th minute ran at Oct 24 14:30Z.
      ['gold', 'sla', 'resolution', 'P3', '24h', 'breached', 3990, 0, opened, resolved, '2026-10-24T14:30:00.000Z', null, 1, true],
      ['ola-sap-cc', 'ola', 'response', 'P3', '4h', 'met', 15, 0, opened, responded, null, null, 1, false],
      // Fri 16:30–17:00 CEST = 30, Mon 08:00–10:00 CET = 120 → 150 of 3bd = 1440.
      ['ola-sap-cc', 'ola', 'resolution', 'P3', '3bd', 'met', 150, 0, opened, resolved, null, null, 1, false],
    ]);
  });

  it('INC9000010 (still in progress, breached while running) and REQ9000002 (open, paused): no stop, no resolution', () => {
    expect(story('INC9000010').map((r) => [r.status, r.statusCategory, r.resolvedAt, r.closedAt, ...clockFields(r)])).toEqual([
      ['in-progress', 'active', null, null, 'gold', 'sla', 'response', 'P2', '30m', 'met', 12, 0, '2026-12-31T17:00:00.000Z', '2026-12-31T17:12:00.000Z', null, null, 1, false],
      // 17:00Z → 05:00Z = 720 of 8h = 480; the 480th minute ran at 01:00Z.
      ['in-progress', 'active', null, null, 'gold', 'sla', 'resolution', 'P2', '8h', 'breached', 720, 0, '2026-12-31T17:00:00.000Z', null, '2027-01-01T01:00:00.000Z', null, 1, true],
    ]);
    // Wed Dec 30 10:00–12:00 EST = 120 running; then awaiting-customer: Wed 12:00–18:00 = 360 + Thu Dec 31 08:00–18:00 =
    // 600 → 960 paused. Paused, so nobody knows when it falls due: no dueAt.
    expect(story('REQ9000002').map((r) => [r.status, r.statusCategory, ...clockFields(r)])).toEqual([
      ['awaiting-customer', 'waiting', 'bronze', 'sla', 'response', 'P3', '8h', 'met', 60, 0, '2026-12-30T15:00:00.000Z', '2026-12-30T16:00:00.000Z', null, null, 1, false],
      ['awaiting-customer', 'waiting', 'bronze', 'sla', 'resolution', 'P3', '5bd', 'running', 120, 960, '2026-12-30T15:00:00.000Z', null, null, null, 1, false],
    ]);
  });

  it('INC9000011 (cancelled after 20 minutes, before anyone responded): both clocks, marked cancelled', () => {
    expect(story('INC9000011').map((r) => [r.status, r.statusCategory, r.metric, r.state, r.elapsedMinutes, r.stoppedAt])).toEqual([
      ['cancelled', 'cancelled', 'response', 'cancelled', 20, '2026-10-06T14:20:00.000Z'],
      ['cancelled', 'cancelled', 'resolution', 'cancelled', 20, '2026-10-06T14:20:00.000Z'],
    ]);
  });
});

describe.concurrent('export tickets on examples/acme: filters', { timeout: E2E_TIMEOUT }, () => {
  it('--period 2026-10 keeps the tickets opened in October in New York, with all their rows', async () => {
    const october = jsonl(await exportAcme('--period', '2026-10', '--format', 'jsonl'));
    const from = Date.parse('2026-10-01T04:00:00Z');
    const to = Date.parse('2026-11-01T04:00:00Z');
    expect(october).toEqual(rows.filter((r) => Date.parse(r.opened) >= from && Date.parse(r.opened) < to));
    expect(october.length).toBeGreaterThan(100);
  });

  it('--from/--to take instants too, and --to is excluded', async () => {
    // INC9000005 was opened at exactly 2026-10-23T14:30Z.
    const before = jsonl(await exportAcme('--from', '2026-10-23T14:00:00Z', '--to', '2026-10-23T14:30:00Z', '--format', 'jsonl'));
    const after = jsonl(await exportAcme('--from', '2026-10-23T14:30:00Z', '--to', '2026-10-23T14:31:00Z', '--format', 'jsonl'));
    expect(before.map((r) => r.ticket)).not.toContain('INC9000005');
    expect([...new Set(after.map((r) => r.ticket))]).toEqual(['INC9000005']);
  });

  it('--sla, --priority, --service, --consumer and --type give the matching rows of the full export', async () => {
    const [ola, p1, erpRnd, requests] = await Promise.all([
      exportAcme('--sla', 'ola-sap-cc', '--format', 'jsonl'),
      exportAcme('--priority', 'P1', '--format', 'jsonl'),
      exportAcme('--service', 'erp', '--consumer', 'berlin-rnd,finance', '--format', 'jsonl'),
      exportAcme('--type', 'request', '--format', 'jsonl'),
    ]);
    expect(jsonl(ola)).toEqual(rows.filter((r) => r.sla === 'ola-sap-cc'));
    expect(jsonl(p1)).toEqual(rows.filter((r) => r.targetPriority === 'P1'));
    expect(jsonl(erpRnd)).toEqual(rows.filter((r) => r.service === 'erp' && (r.consumer === 'berlin-rnd' || r.consumer === 'finance')));
    expect(jsonl(requests)).toEqual(rows.filter((r) => r.type === 'request'));
    expect(jsonl(ola).length).toBeGreaterThan(0);
  });
});

describe.concurrent('export tickets: what it refuses', { timeout: E2E_TIMEOUT }, () => {
  it.each([
    [['--format', 'xml'], "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are csv, jsonl, parquet.\n(run \"itsm --help\" for usage)\n"],
    [['--service', 'nope'], 'itsm: --service: no service "nope" (known: backup, collaboration, crm, dns, email, erp, hosting, hr-system, identity, laptops, legacy-pbx, mobile-devices, …)\n'],
    [['--sla', 'platinum'], 'itsm: --sla: no sla "platinum" (known: bronze, gold-finance, gold, ola-network, ola-sap-cc, regional, silver, slo-infrastructure)\n'],
    [['--now', 'yesterday'], 'itsm: --now: expected an instant (2026-10-31T17:00:00Z) or a date (2026-11-01) but found "yesterday"\n'],
    [['--period', '2026-10', '--from', '2026-10-01'], 'itsm: use either --period or --from/--to, not both\n'],
    [['--period', '2026-13'], 'itsm: --period: expected a month (2026-10), a quarter (2026-Q4), a year (2026) or a relative period (this-month, last-month, this-quarter, last-quarter, this-year, last-year) but found "2026-13"\n'],
    [['--workers', '0'], "error: option '--workers <n>' argument '0' is invalid. expected a whole number of 1 or more but found \"0\"\n(run \"itsm --help\" for usage)\n"],
  ])('%j: exit 2, one line on stderr, nothing on stdout', async (args, stderr) => {
    expect(await exportAcme(...args)).toEqual({ status: 2, stdout: '', stderr });
  });

  it('a folder that does not exist: exit 2', async () => {
    const result = await runCliAsync(['export', 'tickets', 'no/such/folder']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^itsm: no such folder: .*no\/such\/folder\n$/);
  });
});

// A small repository in UTC on the built-in 24x7 calendar, so every figure is wall-clock minutes.
const SMALL: Record<string, string> = {
  'itsm.yaml': configYaml(),
  'slas/basic.yaml': [
    'apiVersion: itsm/v1',
    'kind: SLA',
    'metadata: { id: basic }',
    'spec:',
    '  type: sla',
    '  targets:',
    '    - { type: incident, priority: P2, response: { within: 30m, objective: 90 }, resolution: { within: 4h, objective: 90 } }',
    '    - { type: incident, priority: P3, response: { within: 1h, objective: 90 }, resolution: { within: 8h, objective: 90 } }',
    '',
  ].join('\n'),
  'services/app.yaml': service('app', '  sla: basic'),
  // No agreement: its tickets have no clocks.
  'services/coffee.yaml': service('coffee'),
  'tickets/2026-03.yaml': [
    ticket('INC1', 'app', 'P2', `'=HYPERLINK("http://evil.example","x")'`, '2026-03-02T09:00:00Z', [
      '    - { at: 2026-03-02T09:10:00Z, status: in-progress }',
      '    - { at: 2026-03-02T11:00:00Z, status: resolved }',
    ]),
    ticket('INC2', 'coffee', 'P3', '\'@coffee machine, "broken"\'', '2026-03-03T09:00:00Z'),
    // Opened after the --now of these tests.
    ticket('INC3', 'app', 'P2', 'Tomorrow', '2026-05-01T00:00:00Z'),
  ].join('---\n'),
};

function service(id: string, ...extra: string[]): string {
  return ['apiVersion: itsm/v1', 'kind: Service', `metadata: { id: ${id} }`, 'spec:', `  description: The ${id} service.`, '  category: Test', '  owner: Test team', '  lifecycle: live', ...extra, ''].join('\n');
}

function ticket(id: string, serviceId: string, priority: string, title: string, opened: string, timeline: string[] = []): string {
  return [
    'apiVersion: itsm/v1',
    'kind: Ticket',
    `metadata: { id: ${id} }`,
    'spec:',
    '  type: incident',
    `  service: ${serviceId}`,
    `  priority: ${priority}`,
    `  title: ${title}`,
    `  opened: ${opened}`,
    ...(timeline.length > 0 ? ['  timeline:', ...timeline] : []),
    '',
  ].join('\n');
}

describe('export tickets on a small repository: no clocks, hostile titles, the future', () => {
  let tree: TempTree;
  const small = (...args: string[]) => runCliAsync(['export', 'tickets', tree.root, '--now', '2026-04-01T00:00:00Z', ...args]);
  const NOT_YET = 'itsm: 1 ticket(s) opened at or after 2026-04-01T00:00:00.000Z left out (not yet opened as of --now)\n';

  beforeAll(() => {
    tree = createTempTree(SMALL, 'itsm-export-');
  });
  afterAll(() => tree.remove());

  it('pins the whole CSV: the guarded, quoted titles and the row of the ticket without clocks; a hint for the future ticket', async () => {
    const asOf = '2026-04-01T00:00:00.000Z';
    const inc1 = `INC1,incident,app,,"'=HYPERLINK(""http://evil.example"",""x"")",2026-03-02T09:00:00.000Z,resolved,resolved,P2,2026-03-02T11:00:00.000Z,,0`;
    expect(await small()).toEqual({
      status: 0,
      stderr: NOT_YET,
      stdout: [
        EXPORT_COLUMNS.join(','),
        // 09:00 → 09:10 = 10 of 30 (33.3%); 09:00 → 11:00 = 120 of 240 (50%).
        `${inc1},basic,sla,response,P2,30m,30,90,met,false,10,0,33.3,2026-03-02T09:00:00.000Z,2026-03-02T09:10:00.000Z,,,1,false,${asOf},,,0,,service,24x7,`,
        `${inc1},basic,sla,resolution,P2,4h,240,90,met,false,120,0,50,2026-03-02T09:00:00.000Z,2026-03-02T11:00:00.000Z,,,1,false,${asOf},,,0,,service,24x7,`,
        // No agreement on coffee: the ticket is kept, with its 18 clock fields (and the 4 that name the agreement) empty.
        `INC2,incident,coffee,,"'@coffee machine, ""broken""",2026-03-03T09:00:00.000Z,new,new,P3,,,0${','.repeat(19)}${asOf},,,0,,,,`,
        '',
      ].join('\n'),
    });
  });

  it('JSON Lines keeps the titles as typed and writes null for the missing clock', async () => {
    const result = await small('--format', 'jsonl');
    expect(result.stderr).toBe(NOT_YET);
    const parsed = jsonl(result);
    expect(parsed.map((r) => [r.ticket, r.title, r.sla, r.state])).toEqual([
      ['INC1', '=HYPERLINK("http://evil.example","x")', 'basic', 'met'],
      ['INC1', '=HYPERLINK("http://evil.example","x")', 'basic', 'met'],
      ['INC2', '@coffee machine, "broken"', null, null],
    ]);
  });

  it('--clocks-only and --sla leave out the ticket without clocks', async () => {
    const [clocksOnly, bySla] = await Promise.all([small('--clocks-only', '--format', 'jsonl'), small('--sla', 'basic', '--format', 'jsonl')]);
    expect(jsonl(clocksOnly).map((r) => `${r.ticket} ${r.metric}`)).toEqual(['INC1 response', 'INC1 resolution']);
    expect(jsonl(bySla)).toEqual(jsonl(clocksOnly));
  });

  it('a repository with errors: exit 1, its diagnostics on stderr, nothing on stdout', async () => {
    const broken = createTempTree({ ...SMALL, 'tickets/bad.yaml': ticket('INC9', 'nowhere', 'P2', 'Broken', '2026-03-04T09:00:00Z') }, 'itsm-export-bad-');
    try {
      const result = await runCliAsync(['export', 'tickets', broken.root, '--now', '2026-04-01T00:00:00Z']);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('service "nowhere" does not exist');
      expect(result.stderr).toMatch(/has 1 error\(s\); fix them/);
    } finally {
      broken.remove();
    }
  });
});

describe('export tickets --out', () => {
  const temp = mkdtempSync(join(tmpdir(), 'itsm-export-out-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it(
    'writes the file and nothing to stdout; refuses to replace it without --force; replaces it with --force; - is stdout',
    async () => {
      const file = join(temp, 'nested', 'tickets.csv');
      const first = await exportAcme('--out', file);
      expect(first).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(csv.stdout);

      const again = await exportAcme('--format', 'jsonl', '--out', file);
      expect(again).toEqual({ status: 2, stdout: '', stderr: `itsm: ${file} already exists; use --force to replace it\n` });
      expect(readFileSync(file, 'utf8')).toBe(csv.stdout);

      const forced = await exportAcme('--format', 'jsonl', '--out', file, '--force');
      expect(forced).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(lines.stdout);
      // Written through a temporary file renamed over the target: nothing else is left beside it.
      expect(readdirSync(join(temp, 'nested'))).toEqual(['tickets.csv']);

      expect(await exportAcme('--sla', 'ola-sap-cc', '--out', '-')).toMatchObject({ status: 0, stderr: '' });
    },
    E2E_TIMEOUT,
  );

  it(
    'a usage error writes no file',
    async () => {
      const file = join(temp, 'never.csv');
      expect((await exportAcme('--service', 'nope', '--out', file)).status).toBe(2);
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(temp).filter((n) => n.includes('never'))).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});

describe('export tickets into a pipe that closes early (`| head`)', () => {
  it(
    'stops quietly: exit 0, nothing on stderr',
    async () => {
      assertBuilt();
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'itsm.js'), 'export', 'tickets', ACME, '--now', END_OF_2026], {
        cwd: REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stderr: Buffer[] = [];
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      // Read the first chunk (the header and some rows of about a megabyte), then close the pipe as `head` does.
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
      child.stdout.destroy();
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(first.startsWith('ticket,type,')).toBe(true);
      expect({ status, stderr: Buffer.concat(stderr).toString('utf8') }).toEqual({ status: 0, stderr: '' });
    },
    E2E_TIMEOUT,
  );
});
