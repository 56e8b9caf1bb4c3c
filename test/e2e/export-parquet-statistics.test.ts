import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';
import { openDuckDb, sqlPath } from '../helpers/duckdb.js';

// Which columns of `export tickets --format parquet` carry statistics (min, max, null count) in the file's footer,
// read by DuckDB's parquet_metadata(). Readers skip row groups on the bounds of instants and numbers; the bounds of
// strings (a title, an id) were the dearest part of the encoding and are not written (docs/performance.md).

const { query, skipWhy } = await openDuckDb('the Parquet statistics tests');

const dir = mkdtempSync(join(tmpdir(), 'itsm-parquet-stats-'));
const file = join(dir, 'tickets.parquet');
let result: CliResult;

beforeAll(async () => {
  assertBuilt();
  result = await runCliAsync(['export', 'tickets', 'examples/acme', '--now', '2027-01-01T05:00:00Z', '--format', 'parquet', '--out', file]);
}, E2E_TIMEOUT);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(query === undefined)(`parquet statistics${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  it('instants, numbers and flags have bounds that match the data; strings have none', async () => {
    expect([result.status, result.stderr]).toEqual([0, '']);
    const meta = await query!(`SELECT path_in_schema AS col, stats_min_value AS min, stats_max_value AS max, stats_null_count AS nulls FROM parquet_metadata(${sqlPath(file)})`);
    const byColumn = new Map(meta.map((m) => [String(m.col), m]));
    for (const column of ['ticket', 'title', 'service', 'status', 'sla', 'calendar', 'clockGroup']) {
      expect([column, byColumn.get(column)?.min, byColumn.get(column)?.max]).toEqual([column, null, null]);
    }
    // One row group in a file this small: its bounds are the column's own.
    expect(meta.filter((m) => m.col === 'ticket')).toHaveLength(1);
    const [truth] = await query!(
      `SELECT strftime(min(opened), '%Y-%m-%d %H:%M:%S+00') AS opened_min, strftime(max(opened), '%Y-%m-%d %H:%M:%S+00') AS opened_max,
              min(reopens)::VARCHAR AS reopens_min, max(reopens)::VARCHAR AS reopens_max, count(*) - count(dueAt) AS due_nulls
       FROM ${sqlPath(file)}`,
    );
    // DuckDB shows an instant's bounds in UTC, as '2026-07-01 13:01:00+00'.
    expect([byColumn.get('opened')?.min, byColumn.get('opened')?.max]).toEqual([truth!.opened_min, truth!.opened_max]);
    expect([byColumn.get('reopens')?.min, byColumn.get('reopens')?.max]).toEqual([truth!.reopens_min, truth!.reopens_max]);
    expect(String(byColumn.get('dueAt')?.nulls)).toBe(String(truth!.due_nulls));
  });
});
