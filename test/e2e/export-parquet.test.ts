import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketExportRow } from '../../src/export/tickets.js';
import type { SlaReport } from '../../src/sla/report.js';
import { assertBuilt, E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';
import { openDuckDb, sqlPath } from '../helpers/duckdb.js';

// Parquet read back by a real engine: DuckDB (@duckdb/node-api, a development dependency whose binaries come from
// the npm registry as optional-dependency packages). On examples/acme as of the end of 2026 in New York, the
// same instant as test/e2e/export-tickets.test.ts.

const { query: duckQuery, skipWhy } = await openDuckDb('the Parquet read-back tests');

const ACME = 'examples/acme';
const END_OF_2026 = '2027-01-01T05:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'itsm-parquet-'));
const at = (name: string) => join(dir, name);
const query = (sql: string) => duckQuery!(sql);

const results: Record<string, CliResult> = {};
let jsonl: TicketExportRow[] = [];
let report: SlaReport;
let chargeJson: { totals: { charged: string; credits: string; total: string; unallocated: string }; lines: unknown[] };

beforeAll(async () => {
  assertBuilt();
  const [tickets, partitioned, lines, sla, slaParquet, charge, chargeParquet] = await Promise.all([
    runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, '--format', 'parquet', '--out', at('tickets.parquet')]),
    runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, '--format', 'parquet', '--partition', 'month', '--out', at('dataset')]),
    runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, '--format', 'jsonl']),
    runCliAsync(['sla', 'report', ACME, '--from', '2026-01-01', '--to', '2027-01-01', '--now', END_OF_2026, '--format', 'json']),
    runCliAsync(['sla', 'report', ACME, '--from', '2026-01-01', '--to', '2027-01-01', '--now', END_OF_2026, '--format', 'parquet', '--out', at('summary.parquet')]),
    runCliAsync(['chargeback', ACME, '--period', '2026-Q4', '--format', 'json']),
    runCliAsync(['chargeback', ACME, '--period', '2026-Q4', '--format', 'parquet', '--out', at('charges.parquet')]),
  ]);
  Object.assign(results, { tickets, partitioned, lines, sla, slaParquet, charge, chargeParquet });
  jsonl = lines!.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as TicketExportRow);
  report = JSON.parse(sla!.stdout) as SlaReport;
  chargeJson = JSON.parse(charge!.stdout) as typeof chargeJson;
}, E2E_TIMEOUT * 2);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the commands', () => {
  it('exit 0 with nothing on stderr and write the files', () => {
    for (const [name, r] of Object.entries(results)) expect([name, r.status, r.stderr]).toEqual([name, 0, '']);
    expect(readFileSync(at('tickets.parquet')).subarray(0, 4).toString()).toBe('PAR1');
    expect(readdirSync(at('dataset')).sort()).toEqual(['month=2026-07', 'month=2026-08', 'month=2026-09', 'month=2026-10', 'month=2026-11', 'month=2026-12']);
    expect(readdirSync(at('dataset/month=2026-10'))).toEqual(['part-0.parquet']);
    // No temporary folder is left beside it.
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe.skipIf(duckQuery === undefined)(`read back with DuckDB${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  it('export tickets: the columns are typed (DESCRIBE), REQUIRED where never null', async () => {
    const described = await query(`DESCRIBE SELECT * FROM ${sqlPath(at('tickets.parquet'))}`);
    const types = Object.fromEntries(described.map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({
      ticket: 'VARCHAR',
      opened: 'TIMESTAMP WITH TIME ZONE',
      resolvedAt: 'TIMESTAMP WITH TIME ZONE',
      reopens: 'INTEGER',
      targetMinutes: 'DOUBLE',
      elapsedMinutes: 'DOUBLE',
      warning: 'BOOLEAN',
      stoppedAt: 'TIMESTAMP WITH TIME ZONE',
      asOf: 'TIMESTAMP WITH TIME ZONE',
      slaVersion: 'DATE',
    });
    expect(described).toHaveLength(38);
    const schema = await query(`SELECT name, repetition_type, logical_type FROM parquet_schema(${sqlPath(at('tickets.parquet'))}) WHERE name IN ('ticket', 'consumer', 'opened')`);
    expect(Object.fromEntries(schema.map((r) => [r.name, r.repetition_type]))).toEqual({ ticket: 'REQUIRED', consumer: 'OPTIONAL', opened: 'REQUIRED' });
    expect(String(schema.find((r) => r.name === 'opened')!.logical_type)).toMatch(/isAdjustedToUTC=1.*MILLIS|MILLIS.*isAdjustedToUTC=1/);
  });

  it('export tickets: the same rows as JSON Lines, in the same order', async () => {
    const rows = await query(
      `SELECT ticket, sla, metric, state, elapsedMinutes, epoch_ms(opened) AS opened, epoch_ms(stoppedAt) AS stoppedAt, reopens, slaVersion::VARCHAR AS slaVersion FROM ${sqlPath(at('tickets.parquet'))}`,
    );
    expect(rows).toHaveLength(jsonl.length);
    const ms = (t: string | null) => (t === null ? null : String(Date.parse(t)));
    expect(rows).toEqual(
      jsonl.map((r) => ({
        ticket: r.ticket,
        sla: r.sla,
        metric: r.metric,
        state: r.state,
        elapsedMinutes: r.elapsedMinutes,
        opened: ms(r.opened),
        stoppedAt: ms(r.stoppedAt),
        reopens: r.reopens,
        slaVersion: r.slaVersion,
      })),
    );
  });

  it('a SQL query over the clocks reproduces sla report: met, breached and compliance of every target', async () => {
    // A clock counts in the period in which it stopped (met or breached), or in which it breached while still running;
    // cancelled and running clocks are not counted (docs/sla.md). Compliance = met ÷ (met + breached), in percent to
    // three decimals, rounded as the report rounds (round(x × 100000) ÷ 1000, in doubles).
    const rows = await query(`
      SELECT sla, metric, type, targetPriority AS priority,
             count(*) FILTER (state = 'met') AS met,
             count(*) FILTER (state = 'breached') AS breached,
             round(count(*) FILTER (state = 'met')::DOUBLE / count(*) * 100000) / 1000 AS compliance
      FROM ${sqlPath(at('tickets.parquet'))}
      WHERE state IN ('met', 'breached')
        AND coalesce(stoppedAt, breachedAt) >= TIMESTAMPTZ '2026-01-01 05:00:00+00'
        AND coalesce(stoppedAt, breachedAt) <  TIMESTAMPTZ '2027-01-01 05:00:00+00'
      GROUP BY ALL`);
    // The report splits a target that a dated version changed into a row per value of the target (its slaVersion,
    // which is not the clock's); those rows are added up here, and their compliance is worked out from the sums.
    const key = (r: object) => {
      const k = r as Record<string, unknown>;
      return [k.sla, k.metric, k.type, k.priority].join('|');
    };
    const fromReport = new Map<string, { sla: string; metric: string; type: string; priority: string; met: number; breached: number; compliance: number | null }>();
    for (const s of report.summary) {
      if (s.met + s.breached === 0) continue;
      const seen = fromReport.get(key(s));
      if (seen === undefined) fromReport.set(key(s), { sla: s.sla, metric: s.metric, type: s.type, priority: s.priority, met: s.met, breached: s.breached, compliance: s.compliancePercent });
      else {
        seen.met += s.met;
        seen.breached += s.breached;
        seen.compliance = Math.round((seen.met / (seen.met + seen.breached)) * 100_000) / 1000;
      }
    }
    expect(fromReport.size).toBeGreaterThan(20);
    const byKey = (list: object[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(byKey(rows)).toEqual(byKey([...fromReport.values()].map((r) => ({ ...r, met: String(r.met), breached: String(r.breached) }))));
  });

  it('sla report --format parquet: the summary rows, typed', async () => {
    const rows = await query(`SELECT sla, metric, type, priority, met, breached, compliancePercent, ok FROM ${sqlPath(at('summary.parquet'))}`);
    expect(rows).toEqual(report.summary.map((s) => ({ sla: s.sla, metric: s.metric, type: s.type, priority: s.priority, met: s.met, breached: s.breached, compliancePercent: s.compliancePercent, ok: s.ok })));
    const types = Object.fromEntries((await query(`DESCRIBE SELECT * FROM ${sqlPath(at('summary.parquet'))}`)).map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ periodFrom: 'TIMESTAMP WITH TIME ZONE', met: 'INTEGER', compliancePercent: 'DOUBLE', ok: 'BOOLEAN' });
  });

  it('chargeback --format parquet: money is DECIMAL, and its sum is the statement total to the cent', async () => {
    const types = Object.fromEntries((await query(`DESCRIBE SELECT * FROM ${sqlPath(at('charges.parquet'))}`)).map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ amount: 'DECIMAL(18,2)', costBasis: 'DECIMAL(18,2)', quantity: 'DECIMAL(18,6)', unitPrice: 'DECIMAL(18,4)', start: 'DATE' });
    // The total is charges + credits (unallocated cost is nobody's to pay): DECIMAL arithmetic, compared as text.
    const [sums] = await query(`
      SELECT count(*) AS lines,
             sum(amount) FILTER (kind = 'charge')::VARCHAR AS charged,
             sum(amount) FILTER (kind = 'credit')::VARCHAR AS credits,
             sum(amount) FILTER (kind IN ('charge', 'credit'))::VARCHAR AS total,
             sum(amount) FILTER (kind = 'unallocated')::VARCHAR AS unallocated
      FROM ${sqlPath(at('charges.parquet'))}`);
    expect(sums).toEqual({ lines: String(chargeJson.lines.length), ...chargeJson.totals });
  });

  it('--partition month: a Hive-partitioned dataset, every row once, in the month it was opened', async () => {
    const glob = sqlPath(join(at('dataset'), '*', '*.parquet'));
    const [whole] = await query(`SELECT count(*) AS n FROM ${glob}`);
    expect(whole!.n).toBe(String(jsonl.length));
    const months = await query(`SELECT month, count(*) AS n FROM read_parquet(${glob}, hive_partitioning = true) GROUP BY month ORDER BY month`);
    // The month of opening in New York: 2026-07-01T03:00Z is still June 30th there.
    const expected = new Map<string, number>();
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit' });
    for (const r of jsonl) {
      const month = local.format(new Date(r.opened)).slice(0, 7);
      expected.set(month, (expected.get(month) ?? 0) + 1);
    }
    expect(months).toEqual([...expected].sort().map(([month, n]) => ({ month, n: String(n) })));
  });
});

describe('--partition and --out', () => {
  const exportTo = (out: string, ...extra: string[]) => runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, '--format', 'parquet', '--partition', 'month', '--out', out, ...extra]);

  it('an existing folder is replaced only with --force, and only when it is a dataset itsm wrote', async () => {
    const mine = at('mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    const [refused, forced] = await Promise.all([exportTo(at('dataset')), exportTo(mine, '--force')]);
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([2, '', `itsm: ${at('dataset')} already exists; use --force to replace it\n`]);
    expect([forced.status, forced.stdout, forced.stderr]).toEqual([
      2,
      '',
      `itsm: ${mine} holds files that are not a partitioned Parquet dataset written by itsm; it is not replaced even with --force, choose a new path\n`,
    ]);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');

    const again = at('again');
    mkdirSync(join(again, 'month=1999-01'), { recursive: true });
    writeFileSync(join(again, 'month=1999-01', 'part-0.parquet'), 'old');
    const replaced = await exportTo(again, '--force');
    expect([replaced.status, replaced.stderr]).toEqual([0, '']);
    expect(existsSync(join(again, 'month=1999-01'))).toBe(false);
    expect(readdirSync(again)).toContain('month=2026-12');
  }, E2E_TIMEOUT);

  it('usage errors: --partition without --out, or with another format', async () => {
    const [noOut, csv] = await Promise.all([
      runCliAsync(['export', 'tickets', ACME, '--format', 'parquet', '--partition', 'month']),
      runCliAsync(['export', 'tickets', ACME, '--partition', 'month', '--out', at('x')]),
    ]);
    expect([noOut.status, noOut.stdout, noOut.stderr]).toEqual([2, '', 'itsm: --partition writes a folder of files; give it with --out FOLDER\n']);
    expect([csv.status, csv.stdout, csv.stderr]).toEqual([2, '', 'itsm: --partition applies to --format parquet\n']);
  }, E2E_TIMEOUT);
});
