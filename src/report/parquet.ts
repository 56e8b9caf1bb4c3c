import type { FileMetaData, RowGroup, SchemaElement } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { writeColumnChunk, type ParquetField, type ParquetKind, type ParquetValue } from './parquet-chunk.js';

export type { ParquetField, ParquetKind, ParquetValue };

/**
 * Apache Parquet for every table `itsm` writes as Parquet (export tickets, sla report, chargeback). The file's frame
 * (page headers, the footer's Thrift, Snappy) is hyparquet-writer's (pure JavaScript); the values of the flat columns
 * are encoded by src/report/parquet-chunk.ts, which is cheaper than the library's general column writer. A table is
 * a list of typed columns, each reading its value off a row (or a ParquetTable that lays out the rows of an item, a
 * ticket and its clocks, column by column); the encoder gathers rows into row groups and hands out the file's bytes
 * as they are made, so that the CLI writes them where it likes and a table of any length never sits in memory whole.
 * No I/O here.
 *
 * Types follow the Parquet logical types (parquet-format LogicalTypes.md), with the legacy converted type beside
 * each for older readers:
 * - `string`: BYTE_ARRAY, STRING (UTF8);
 * - `timestamp`: INT64, TIMESTAMP(isAdjustedToUTC = true, MILLIS), epoch milliseconds: an instant, which DuckDB reads
 *   as TIMESTAMP WITH TIME ZONE, Spark as TimestampType and BigQuery as TIMESTAMP;
 * - `date`: INT32, DATE, days since 1970-01-01 (a local date, no zone);
 * - `double`: DOUBLE; `int32`: INT32; `boolean`: BOOLEAN;
 * - `decimal`: INT64, DECIMAL(precision, scale), the unscaled integer as a bigint, so that money is exact (never a
 *   float on the way).
 * A column that can be null is OPTIONAL, otherwise REQUIRED.
 */

/** A column that reads its value off a row. */
export interface ParquetColumn<Row> extends ParquetField {
  value: (row: Row) => ParquetValue;
}

/**
 * A table whose items are laid out column by column: `append` pushes the values of the rows of one item onto
 * `lists` (one list per field, in the order of `fields`) and returns how many rows it added. For a large export this
 * is what keeps the encoder cheap: no object per row, and each column's value read by its own code.
 */
export interface ParquetTable<Item> {
  fields: readonly ParquetField[];
  append: (item: Item, lists: ParquetValue[][]) => number;
}

/** The table of a list of columns: one row per item. */
export function rowTable<Row>(columns: readonly ParquetColumn<Row>[]): ParquetTable<Row> {
  return {
    fields: columns,
    append: (row, lists) => {
      for (let i = 0; i < columns.length; i++) lists[i]!.push(columns[i]!.value(row));
      return 1;
    },
  };
}

/** The Parquet schema of a table: the root, then one leaf per column. */
export function parquetSchema(columns: readonly ParquetField[]): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)];
}

function schemaElement(column: ParquetField): SchemaElement {
  const base = { name: column.name, repetition_type: column.nullable ? 'OPTIONAL' : 'REQUIRED' } as const;
  const kind = column.kind;
  switch (kind.type) {
    case 'string':
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'timestamp':
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } };
    case 'date':
      return { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'double':
      return { ...base, type: 'DOUBLE' };
    case 'int32':
      return { ...base, type: 'INT32' };
    case 'boolean':
      return { ...base, type: 'BOOLEAN' };
    case 'decimal':
      // INT64 holds 18 digits, which is 10^16 of a currency's major unit at two decimals: every amount itsm computes.
      return {
        ...base,
        type: 'INT64',
        converted_type: 'DECIMAL',
        precision: kind.precision,
        scale: kind.scale,
        logical_type: { type: 'DECIMAL', precision: kind.precision, scale: kind.scale },
      };
  }
}

/**
 * Rows per row group. The values of a group live until the group is written: with hyparquet-writer's column writer,
 * which copied them, a 100,000-ticket export peaked at about 700 MB at 32,768 rows and 530 MB at 8,192, for the same
 * CPU (docs/performance.md). The price is a file some 7 % larger (each dictionary shared by fewer rows).
 */
export const ROW_GROUP_ROWS = 8_192;

/** Key-value metadata stored in the file's footer (what wrote it, and as of when). */
export type ParquetMetadata = readonly { key: string; value: string }[];

/**
 * Writes one Parquet file of a table, item by item (a row, or a ParquetTable's item). `sink` receives the file's
 * bytes in order (a view that is only valid during the call: copy or write it before returning). Call `finish` once
 * after the last item. A row group is written once it holds `rowGroupRows` rows or more (an item's rows stay in one).
 *
 * Statistics (min, max, null count) are written for every column, but strings get the null count alone: readers prune
 * row groups on instants and numbers, while the bounds of a ticket's title or id say nothing useful and cost more
 * than any other part of the encoding (every string compared in UTF-8 order).
 */
export class ParquetEncoder<Item> {
  private readonly table: ParquetTable<Item>;
  private readonly data: ParquetValue[][];
  private readonly writer: ByteWriter & { flush: () => void };
  private readonly schema: SchemaElement[];
  private readonly metadata: ParquetMetadata;
  private readonly rowGroups: RowGroup[] = [];
  private readonly rowGroupRows: number;
  private pending = 0;
  rows = 0;

  constructor(
    table: ParquetTable<Item> | readonly ParquetColumn<Item>[],
    sink: (bytes: Uint8Array) => void,
    options: { metadata?: ParquetMetadata; rowGroupRows?: number } = {},
  ) {
    this.table = isTable(table) ? table : rowTable(table);
    this.data = this.table.fields.map(() => []);
    this.rowGroupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
    this.schema = parquetSchema(this.table.fields);
    this.metadata = options.metadata ?? [];
    this.writer = chunkWriter(sink);
    this.writer.appendUint32(PAR1);
  }

  add(item: Item): void {
    const added = this.table.append(item, this.data);
    this.pending += added;
    this.rows += added;
    if (this.pending >= this.rowGroupRows) this.flushGroup();
  }

  finish(): void {
    if (this.pending > 0) this.flushGroup();
    const footer: FileMetaData = {
      version: 2,
      created_by: 'itsm',
      schema: this.schema,
      num_rows: BigInt(this.rows),
      row_groups: this.rowGroups,
      // What a reader learns from the 4 bytes after the footer; writeMetadata writes it there, not in the footer.
      metadata_length: 0,
      ...(this.metadata.length > 0 ? { key_value_metadata: this.metadata.map((m) => ({ ...m })) } : {}),
    };
    writeMetadata(this.writer, footer);
    this.writer.appendUint32(PAR1);
    this.writer.flush();
  }

  private flushGroup(): void {
    const start = this.writer.offset;
    const columns = this.table.fields.map((field, i) => writeColumnChunk(this.writer, field, this.schema[i + 1]!, this.data[i]!));
    let uncompressed = 0n;
    for (const column of columns) uncompressed += column.meta_data?.total_uncompressed_size ?? 0n;
    this.rowGroups.push({
      columns,
      total_byte_size: uncompressed,
      num_rows: BigInt(this.pending),
      file_offset: BigInt(start),
      total_compressed_size: BigInt(this.writer.offset - start),
    });
    this.writer.flush();
    for (const list of this.data) list.length = 0;
    this.pending = 0;
  }
}

/** The magic number that opens and closes a Parquet file: "PAR1" read as a little-endian 32-bit integer. */
const PAR1 = 0x31524150;

function isTable<Item>(table: ParquetTable<Item> | readonly ParquetColumn<Item>[]): table is ParquetTable<Item> {
  return !Array.isArray(table);
}

/** A hyparquet Writer that hands its bytes to `sink` after each row group and at the end, then reuses its buffer. */
function chunkWriter(sink: (bytes: Uint8Array) => void): ByteWriter & { flush: () => void } {
  const writer = new ByteWriter(1 << 20);
  const flush = () => {
    if (writer.index > 0) sink(new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  return Object.assign(writer, { flush });
}

/** The whole file as one buffer, for library callers and tests. */
export function parquetBytes<Item>(
  table: ParquetTable<Item> | readonly ParquetColumn<Item>[],
  items: Iterable<Item>,
  options: { metadata?: ParquetMetadata; rowGroupRows?: number } = {},
): Uint8Array {
  const parts: Uint8Array[] = [];
  const encoder = new ParquetEncoder(table, (bytes) => parts.push(bytes.slice()), options);
  for (const item of items) encoder.add(item);
  encoder.finish();
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Epoch milliseconds of an ISO 8601 instant that itsm wrote (`2026-10-09T21:00:00.000Z`, Date#toISOString), or null.
 * That fixed shape is read digit by digit, which is several times faster than Date.parse on a quarter of a million
 * rows; anything else goes to Date.parse.
 */
export function instantMs(text: string | null): number | null {
  if (text === null) return null;
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return Date.parse(text);
  const d = (i: number) => text.charCodeAt(i) - 48;
  return Date.UTC(
    d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3),
    d(5) * 10 + d(6) - 1,
    d(8) * 10 + d(9),
    d(11) * 10 + d(12),
    d(14) * 10 + d(15),
    d(17) * 10 + d(18),
    d(20) * 100 + d(21) * 10 + d(22),
  );
}

/** Days since 1970-01-01 of a local date `YYYY-MM-DD` (Parquet DATE), or null. */
export function dateDays(text: string | null): number | null {
  return text === null ? null : Date.parse(`${text}T00:00:00Z`) / 86_400_000;
}

const KINDS = {
  string: { type: 'string' },
  timestamp: { type: 'timestamp' },
  date: { type: 'date' },
  double: { type: 'double' },
  int32: { type: 'int32' },
  boolean: { type: 'boolean' },
} as const satisfies Record<string, ParquetKind>;

/**
 * The column of a row's field `name`, typed `kind`: instants (ISO text) become timestamps and local dates become
 * dates on the way; every other value is written as it is.
 */
export function fieldColumn<Row extends object>(name: keyof Row & string, kind: keyof typeof KINDS, nullable: boolean): ParquetColumn<Row> {
  const value: (row: Row) => ParquetValue =
    kind === 'timestamp'
      ? cachedInstant((row) => row[name] as string | null)
      : kind === 'date'
        ? (row) => dateDays(row[name] as string | null)
        : (row) => row[name] as ParquetValue;
  return { name, kind: KINDS[kind], nullable, value };
}

/**
 * The unscaled integer of a plain decimal text ("-1234.5" at scale 2 is -123450n), exactly: the text is read digit
 * by digit, never through a float. A text with more decimals than `scale` is a bug of the caller (it would round).
 */
export function unscaled(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new RangeError(`not a plain decimal: "${text}"`);
  const fraction = match[3] ?? '';
  if (fraction.length > scale) throw new RangeError(`"${text}" has more than ${scale} decimals`);
  const digits = BigInt(match[2]! + fraction.padEnd(scale, '0'));
  return match[1] === '-' ? -digits : digits;
}

/** A DECIMAL(18, scale) column of a plain decimal text field (null stays null). */
export function decimalTextColumn<Row extends object>(name: string, scale: number, nullable: boolean, text: (row: Row) => string | null): ParquetColumn<Row> {
  return {
    name,
    kind: { type: 'decimal', precision: 18, scale },
    nullable,
    value: (row) => {
      const t = text(row);
      return t === null ? null : unscaled(t, scale);
    },
  };
}

/** A timestamp column's value, converted once for a run of rows with the same text (a ticket's rows, `asOf`). */
function cachedInstant<Row>(text: (row: Row) => string | null): (row: Row) => number | null {
  let lastText: string | null = null;
  let lastMs: number | null = null;
  return (row) => {
    const t = text(row);
    if (t !== lastText) {
      lastText = t;
      lastMs = instantMs(t);
    }
    return lastMs;
  };
}
