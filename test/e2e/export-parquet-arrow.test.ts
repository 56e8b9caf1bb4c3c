import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketExportRow } from '../../src/export/tickets.js';
import { assertBuilt, E2E_TIMEOUT, runCliAsync, type CliResult } from '../helpers/cli.js';

// A second engine reads what itsm writes: Apache Arrow's Rust Parquet reader (the `parquet` crate that DataFusion and
// Polars build on), compiled to WebAssembly as parquet-wasm, into an apache-arrow Table. DuckDB reads the same files in
// export-parquet.test.ts. Each value is compared with the same command's JSON output, which its own tests check.

const ACME = 'examples/acme';
const END_OF_2026 = '2027-01-01T05:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'itsm-parquet-arrow-'));
const at = (name: string) => join(dir, name);

const results: Record<string, CliResult> = {};

beforeAll(async () => {
  assertBuilt();
  const [tickets, lines, charges, chargeJson] = await Promise.all([
    runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, '--format', 'parquet', '--out', at('tickets.parquet')]),
    runCliAsync(['export', 'tickets', ACME, '--now', END_OF_2026, '--format', 'jsonl']),
    runCliAsync(['chargeback', ACME, '--period', '2026-Q4', '--format', 'parquet', '--out', at('charges.parquet')]),
    runCliAsync(['chargeback', ACME, '--period', '2026-Q4', '--format', 'json']),
  ]);
  Object.assign(results, { tickets, lines, charges, chargeJson });
}, E2E_TIMEOUT);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function arrowTable(file: string): Table {
  return tableFromIPC(readParquet(new Uint8Array(readFileSync(file))).intoIPCStream());
}

describe('Parquet read by Apache Arrow (parquet-wasm)', () => {
  it('export tickets: the types Arrow sees, and every value of every row equal to the JSON Lines export', () => {
    for (const r of [results.tickets!, results.lines!]) expect([r.status, r.stderr]).toEqual([0, '']);
    const table = arrowTable(at('tickets.parquet'));
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect([types.opened, types.stoppedAt, types.slaVersion, types.elapsedMinutes, types.reopens, types.warning, types.ticket]).toEqual([
      'Timestamp<MILLISECOND, UTC>',
      'Timestamp<MILLISECOND, UTC>',
      'Date32<DAY>',
      'Float64',
      'Int32',
      'Bool',
      'Utf8',
    ]);
    const jsonl = results.lines!.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as TicketExportRow);
    expect(table.numRows).toBe(jsonl.length);
    // Arrow gives instants and dates as epoch milliseconds: written back as the JSON's ISO text to compare.
    const asJson = (value: unknown, type: string): unknown => {
      if (value === null) return null;
      if (type.startsWith('Timestamp')) return new Date(value as number).toISOString();
      if (type.startsWith('Date32')) return new Date(value as number).toISOString().slice(0, 10);
      return value;
    };
    const rows = table.toArray().map((row: { toJSON: () => Record<string, unknown> }) => {
      const o = row.toJSON();
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, asJson(v, types[k]!)]));
    });
    expect(rows).toEqual(jsonl);
  });

  it('chargeback: decimals keep their scale and every amount equals the JSON, to the cent', () => {
    for (const r of [results.charges!, results.chargeJson!]) expect([r.status, r.stderr]).toEqual([0, '']);
    const table = arrowTable(at('charges.parquet'));
    const amount = table.schema.fields.find((f) => f.name === 'amount')!;
    expect(String(amount.type)).toBe('Decimal[18e+2]');
    const lines = (JSON.parse(results.chargeJson!.stdout) as { lines: { amount: string | null }[] }).lines;
    expect(table.numRows).toBe(lines.length);
    // The unscaled integer (62177 at scale 2) written as the JSON's decimal text ("621.77"), by string, never a float.
    const decimalText = (unscaled: string): string => {
      const negative = unscaled.startsWith('-');
      const digits = (negative ? unscaled.slice(1) : unscaled).padStart(3, '0');
      return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
    };
    const column = table.getChild('amount')!;
    const fromArrow = Array.from({ length: table.numRows }, (_, i) => {
      const v: unknown = column.get(i);
      return v === null ? null : decimalText(String(v));
    });
    expect(fromArrow).toEqual(lines.map((l) => l.amount));
    expect(fromArrow.filter((a) => a !== null && a.startsWith('-')).length).toBeGreaterThan(0); // credits are negative
  });
});
