import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { hybrid } from '../../src/report/parquet-chunk.js';
import { parquetBytes, type ParquetColumn, type ParquetKind, type ParquetValue } from '../../src/report/parquet.js';

// itsm's own encoding of a column chunk's values (src/report/parquet-chunk.ts), read back by another implementation:
// hyparquet, the reader of the library whose frame we write with. DuckDB reads the real exports in the e2e tests.

type Row = Record<string, ParquetValue>;

const column = (name: string, kind: ParquetKind, nullable: boolean): ParquetColumn<Row> => ({ name, kind, nullable, value: (row) => row[name] ?? null });

/** Reads a file back with hyparquet, instants and dates as the plain numbers we wrote. */
async function readBack(bytes: Uint8Array): Promise<Row[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return (await parquetReadObjects({
    file,
    parsers: { timestampFromMilliseconds: (ms: bigint) => Number(ms), dateFromDays: (days: number) => days },
  })) as Row[];
}

function metadataOf(bytes: Uint8Array) {
  return parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

describe('the RLE/bit-packing hybrid (parquet-format Encodings.md)', () => {
  it('packs 0…7 at bit width 3 as the specification shows: 10001000 11000110 11111010', () => {
    // One bit-packed run of one group of 8: header (1 << 1) | 1 = 3, then the 24 bits least significant first.
    expect([...hybrid(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7), 8, 3)]).toEqual([0x03, 0b10001000, 0b11000110, 0b11111010]);
  });

  it('writes a run of 8 or more equal values as one RLE run, and pads a short tail to a whole group', () => {
    // 10 ones at width 1: header 10 << 1 = 20, then the value in one byte.
    expect([...hybrid(new Uint8Array(10).fill(1), 10, 1)]).toEqual([20, 1]);
    // 300 twos at width 2: header 600 as a varint (0xD8 0x04), then the value.
    expect([...hybrid(new Int32Array(300).fill(2), 300, 2)]).toEqual([0xd8, 0x04, 2]);
    // 1,0,1 at width 1: one group, padded with five zeros: 0b00000101.
    expect([...hybrid(Uint8Array.of(1, 0, 1), 3, 1)]).toEqual([3, 0b101]);
  });

  it('mixes both: a bit-packed group, then a run, then a group', () => {
    // [1,0,1,0,1,0,1,0] → group 0b01010101; then nine 1s → RLE (18, 1); then [0,1] → group 0b10.
    const values = Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1);
    expect([...hybrid(values, values.length, 1)]).toEqual([3, 0b01010101, 18, 1, 3, 0b10]);
  });

  it('writes an index wider than a byte in two bytes in an RLE run', () => {
    // 8 × 456 at width 9: header 16, then 456 = 0x01C8 little-endian.
    expect([...hybrid(new Int32Array(8).fill(456), 8, 9)]).toEqual([16, 0xc8, 0x01]);
  });
});

describe('column chunks read back by hyparquet', () => {
  it('keeps every kind of value, nulls and all, across row groups', async () => {
    const columns = [
      column('id', { type: 'string' }, false),
      column('note', { type: 'string' }, true),
      column('at', { type: 'timestamp' }, true),
      column('day', { type: 'date' }, false),
      column('minutes', { type: 'double' }, true),
      column('count', { type: 'int32' }, false),
      column('flag', { type: 'boolean' }, true),
      column('cents', { type: 'decimal', precision: 18, scale: 0 }, false),
    ];
    const rows: Row[] = [
      { id: 'INC-1', note: 'café ☕ 𝄞', at: Date.UTC(2026, 2, 29, 1), day: 20541, minutes: 12.5, count: 3, flag: true, cents: 123n },
      { id: 'INC-2', note: null, at: null, day: 0, minutes: null, count: -1, flag: null, cents: -9_007_199_254_740_993n },
      { id: '', note: '', at: -1, day: -1, minutes: -0.25, count: 2_147_483_647, flag: false, cents: 0n },
      { id: 'INC-1', note: 'café ☕ 𝄞', at: 8_640_000_000_000_000, day: 20541, minutes: 12.5, count: 3, flag: true, cents: 123n },
    ];
    const bytes = parquetBytes(columns, rows, { rowGroupRows: 3 });
    // decimals of scale 0 come back as plain numbers: the last one only to the double nearest it.
    expect(await readBack(bytes)).toEqual(rows.map((r) => ({ ...r, cents: Number(r.cents) })));
    expect(metadataOf(bytes).row_groups.map((g) => g.num_rows)).toEqual([3n, 1n]);
  });

  it('reads back 200 random tables: dictionary and PLAIN, long runs, few and many distinct values', async () => {
    let seed = 20261206;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const kinds: ParquetKind[] = [{ type: 'string' }, { type: 'timestamp' }, { type: 'date' }, { type: 'double' }, { type: 'int32' }, { type: 'boolean' }];
    const valueOf = (kind: ParquetKind, distinct: number): ParquetValue => {
      const k = Math.floor(random() * distinct);
      switch (kind.type) {
        case 'string':
          return `v${k}${k % 7 === 0 ? 'é' : ''}`;
        case 'timestamp':
          return 1_767_225_600_000 + k * 60_000;
        case 'date':
          return 20_000 + k;
        case 'double':
          return k / 4;
        case 'int32':
          return k - 5;
        case 'boolean':
          return k % 2 === 0;
        default:
          throw new Error('no decimal here');
      }
    };
    for (let table = 0; table < 200; table++) {
      const columns = kinds.map((kind, i) => column(`c${i}`, kind, random() < 0.5));
      const length = Math.floor(random() * 120);
      const distinct = pick([1, 2, 9, 1000]);
      const rows: Row[] = [];
      for (let r = 0; r < length; r++) {
        // Repeat the previous row now and then, as a ticket's values repeat on its clock rows (long RLE runs).
        if (r > 0 && random() < 0.4) {
          rows.push({ ...rows[r - 1]! });
          continue;
        }
        rows.push(Object.fromEntries(columns.map((c) => [c.name, c.nullable && random() < 0.2 ? null : valueOf(c.kind, distinct)])));
      }
      const bytes = parquetBytes(columns, rows, { rowGroupRows: pick([1, 7, 64, 1000]) });
      expect(await readBack(bytes), `table ${table}`).toEqual(rows);
    }
  });

  it('an empty table is a valid file with no row group', async () => {
    const bytes = parquetBytes([column('id', { type: 'string' }, false)], []);
    expect(await readBack(bytes)).toEqual([]);
    expect(metadataOf(bytes).row_groups).toEqual([]);
  });

  it('chooses the dictionary only where it halves the bytes, and writes bounds for all but strings', () => {
    const rows: Row[] = Array.from({ length: 100 }, (_, i) => ({ status: i < 50 ? 'open' : 'closed', at: Date.UTC(2026, 0, 1) + i * 1000, n: i % 3 }));
    const bytes = parquetBytes([column('status', { type: 'string' }, false), column('at', { type: 'timestamp' }, false), column('n', { type: 'int32' }, true)], rows);
    const [status, at, n] = metadataOf(bytes).row_groups[0]!.columns.map((c) => c.meta_data!);
    // status: 2 distinct of 100 → dictionary 2 × (4 + 6) + 100 indexes at 1 bit (13 bytes), far under half of ~1,000.
    expect(status!.encodings).toContain('RLE_DICTIONARY');
    expect(status!.statistics).toEqual({ null_count: 0n });
    // at: 100 distinct instants → a dictionary cannot halve 800 bytes: PLAIN.
    expect(at!.encodings).not.toContain('RLE_DICTIONARY');
    expect(at!.statistics?.min_value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    expect(at!.statistics?.max_value).toEqual(new Date(Date.UTC(2026, 0, 1) + 99_000));
    // n: 0,1,2 → 3 × 4 bytes + 100 × 2 bits (25 bytes) = 37, under half of 400.
    expect(n!.encodings).toContain('RLE_DICTIONARY');
    expect([n!.statistics?.min_value, n!.statistics?.max_value, n!.statistics?.null_count]).toEqual([0, 2, 0n]);
  });

  it('refuses a null in a column that cannot be null', () => {
    expect(() => parquetBytes([column('id', { type: 'string' }, false)], [{ id: null }])).toThrow(/cannot be null/);
  });
});
