import type { ColumnChunk, SchemaElement, Statistics } from 'hyparquet';
import type { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';

/**
 * The values of one column of one row group, encoded as a Parquet column chunk: a dictionary page where one pays,
 * then one data page (DATA_PAGE_V2), Snappy-compressed. hyparquet-writer still writes the file's frame (page headers, the footer in
 * Thrift, Snappy itself); only the flat columns' values are encoded here, because its general column writer (nested
 * columns, every encoding, page splitting) made a copy of every group, a bigint of every timestamp and a filtered
 * copy without the nulls, which cost the Parquet export more CPU than the CSV's text (docs/performance.md).
 *
 * The encodings follow parquet-format's Encodings.md:
 * - a column whose dictionary halves its bytes is dictionary-encoded: the distinct values PLAIN in the dictionary
 *   page, the data page their indexes in the RLE/bit-packing hybrid, after a byte giving the bit width
 *   (RLE_DICTIONARY). A ticket's own values repeat on each of its clock rows, which the hybrid's runs store once;
 * - any other column is PLAIN (a boolean one bit a value, least significant bit first), and Snappy finds its repeats;
 * - a nullable column's definition levels (1 for a value, 0 for a null) use the hybrid at bit width 1, uncompressed
 *   as DATA_PAGE_V2 keeps them; a column that cannot be null has none.
 * Statistics (min, max, null count) are written for every column but strings (their bounds are dear and prune
 * nothing: src/report/parquet.ts); strings get the null count alone.
 */

export type ParquetValue = string | number | bigint | boolean | null;

export type ParquetKind =
  | { type: 'string' }
  | { type: 'timestamp' }
  | { type: 'date' }
  | { type: 'double' }
  | { type: 'int32' }
  | { type: 'boolean' }
  | { type: 'decimal'; precision: number; scale: number };

/** A column of the file: its name and type. */
export interface ParquetField {
  name: string;
  kind: ParquetKind;
  nullable: boolean;
}

/** Above this many distinct values in a chunk the values go PLAIN: the hybrid packs indexes into 32-bit words here. */
const MAX_DICTIONARY = 1 << 20;

/** Writes the chunk of `values` (one per row of the group) at the writer's position, and returns its footer entry. */
export function writeColumnChunk(writer: ByteWriter, field: ParquetField, element: SchemaElement, values: readonly ParquetValue[]): ColumnChunk {
  const chunkStart = writer.offset;
  const rows = values.length;
  const levels = field.nullable ? new Uint8Array(rows) : undefined;
  let nulls = 0;
  for (let i = 0; i < rows; i++) {
    if (values[i] === null) nulls++;
    else if (levels) levels[i] = 1;
  }
  if (nulls > 0 && !levels) throw new RangeError(`parquet column ${field.name} cannot be null`);

  const statistics = field.kind.type === 'string' ? { null_count: BigInt(nulls) } : bounds(values, nulls, field.kind.type === 'double');
  const levelBytes = levels ? hybrid(levels, rows, 1) : undefined;
  const dictionary = field.kind.type === 'boolean' ? undefined : dictionaryOf(values, rows - nulls, plainWidth(field));

  let uncompressed = 0;
  let dictionaryOffset: bigint | undefined;
  if (dictionary) {
    dictionaryOffset = BigInt(writer.offset);
    const plain = plainValues(field, dictionary.values, dictionary.values.length);
    uncompressed += writePage(writer, plain, undefined, (compressed) => ({
      type: 'DICTIONARY_PAGE',
      uncompressed_page_size: plain.length,
      compressed_page_size: compressed,
      dictionary_page_header: { num_values: dictionary.values.length, encoding: 'PLAIN' },
    }));
  }

  const dataOffset = BigInt(writer.offset);
  const body = dictionary ? indexPage(dictionary.indexes, dictionary.values.length) : plainValues(field, values, rows - nulls);
  const encoding = dictionary ? 'RLE_DICTIONARY' : 'PLAIN';
  uncompressed += writePage(writer, body, levelBytes, (compressed) => ({
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: (levelBytes?.length ?? 0) + body.length,
    compressed_page_size: (levelBytes?.length ?? 0) + compressed,
    data_page_header_v2: {
      num_values: rows,
      num_nulls: nulls,
      num_rows: rows,
      encoding,
      definition_levels_byte_length: levelBytes?.length ?? 0,
      repetition_levels_byte_length: 0,
      is_compressed: true,
    },
  }));

  const type = element.type;
  if (type === undefined) throw new Error(`parquet column ${field.name} has no physical type`);
  return {
    file_offset: BigInt(chunkStart),
    meta_data: {
      type,
      encodings: dictionary ? ['PLAIN', 'RLE', 'RLE_DICTIONARY'] : ['PLAIN', 'RLE'],
      path_in_schema: [field.name],
      codec: 'SNAPPY',
      num_values: BigInt(rows),
      total_uncompressed_size: BigInt(uncompressed),
      total_compressed_size: BigInt(writer.offset - chunkStart),
      data_page_offset: dataOffset,
      ...(dictionaryOffset === undefined ? {} : { dictionary_page_offset: dictionaryOffset }),
      statistics,
    },
  };
}

type PageHeader = Parameters<typeof writePageHeader>[1];

/** Writes a page (its header, then the levels as they are, then the Snappy-compressed body); returns its uncompressed size. */
function writePage(writer: ByteWriter, body: Uint8Array, levels: Uint8Array | undefined, header: (compressed: number) => PageHeader): number {
  const compressed = snappyCompress(body);
  const start = writer.offset;
  writePageHeader(writer, header(compressed.length));
  const headerSize = writer.offset - start;
  if (levels) writer.appendBytes(levels);
  writer.appendBytes(compressed);
  return headerSize + (levels?.length ?? 0) + body.length;
}

/** The smallest and largest value (NaN left out, as the format asks), and the null count. */
function bounds(values: readonly ParquetValue[], nulls: number, float: boolean): Statistics {
  let min: ParquetValue = null;
  let max: ParquetValue = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null || v !== v) continue;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  }
  const statistics: Statistics = { null_count: BigInt(nulls) };
  if (min === null || max === null || typeof min === 'string' || typeof max === 'string') return statistics;
  // The format orders -0 before +0: a minimum of zero is written -0 and a maximum +0, so that either matches both.
  if (float && min === 0) min = -0;
  if (float && max === 0) max = 0;
  return { ...statistics, min_value: min, max_value: max };
}

interface Dictionary {
  values: ParquetValue[];
  indexes: Int32Array;
}

/**
 * The distinct non-null values in order of first sight and each non-null value's index among them, or undefined when
 * a dictionary would not pay: kept only when the dictionary and its bit-packed indexes take at most half the bytes
 * of the PLAIN values (the rule hyparquet-writer and parquet-mr apply in spirit). Instants, mostly distinct, stay
 * PLAIN, where Snappy stores a ticket's repeated values once anyway.
 */
function dictionaryOf(values: readonly ParquetValue[], present: number, width: number): Dictionary | undefined {
  const index = new Map<ParquetValue, number>();
  const distinct: ParquetValue[] = [];
  const indexes = new Int32Array(present);
  let plainBytes = 0;
  let dictionaryBytes = 0;
  let at = 0;
  // A ticket's values repeat on its clock rows, one after the other: the previous value's index needs no lookup.
  let previous: ParquetValue = null;
  let previousIndex = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) continue;
    const size = width > 0 ? width : 4 + (v as string).length;
    plainBytes += size;
    if (v === previous) {
      indexes[at++] = previousIndex;
      continue;
    }
    let k = index.get(v);
    if (k === undefined) {
      k = distinct.length;
      if (k === MAX_DICTIONARY) return undefined;
      index.set(v, k);
      distinct.push(v);
      dictionaryBytes += size;
      // A fixed-width column's PLAIN size is known from the start: once the dictionary cannot halve it, whatever
      // follows, stop filling a map of thousands of instants that will not be used.
      if (width > 0 && !halves(present * width, dictionaryBytes, present, distinct.length)) return undefined;
    }
    indexes[at++] = k;
    previous = v;
    previousIndex = k;
  }
  if (distinct.length === 0 || !halves(plainBytes, dictionaryBytes, present, distinct.length)) return undefined;
  return { values: distinct, indexes };
}

/** Whether the dictionary and its bit-packed indexes take at most half the bytes of the PLAIN values. */
function halves(plainBytes: number, dictionaryBytes: number, count: number, size: number): boolean {
  return 2 * (dictionaryBytes + Math.ceil((count * indexBitWidth(size)) / 8)) <= plainBytes;
}

function indexBitWidth(size: number): number {
  return Math.max(1, 32 - Math.clz32(size - 1));
}

/** The data page of a dictionary-encoded column: the bit width, then the indexes in the hybrid encoding. */
function indexPage(indexes: Int32Array, size: number): Uint8Array {
  const bitWidth = indexBitWidth(size);
  const packed = hybrid(indexes, indexes.length, bitWidth);
  const page = new Uint8Array(packed.length + 1);
  page[0] = bitWidth;
  page.set(packed, 1);
  return page;
}

/**
 * The RLE/bit-packing hybrid of `count` small non-negative integers (Encodings.md): a run of 8 or more equal values
 * is one RLE run (a header, then the value in whole bytes); the values between runs go in bit-packed groups of 8,
 * least significant bit first, the last group padded with zeros.
 */
export function hybrid(values: Int32Array | Uint8Array, count: number, bitWidth: number): Uint8Array {
  const out = new Bytes(16 + Math.ceil((count * bitWidth) / 8) + Math.ceil(count / 8) * 2);
  const valueBytes = (bitWidth + 7) >> 3;
  let groupsStart = 0;
  let groups = 0;
  let i = 0;
  while (i < count) {
    const v = values[i]!;
    let j = i + 1;
    while (j < count && values[j] === v) j++;
    if (j - i >= 8) {
      if (groups > 0) packGroups(out, values, count, groupsStart, groups, bitWidth);
      groups = 0;
      out.varint((j - i) * 2);
      for (let b = 0; b < valueBytes; b++) out.byte((v >>> (8 * b)) & 0xff);
      i = j;
    } else {
      if (groups === 0) groupsStart = i;
      groups++;
      i += 8;
    }
  }
  if (groups > 0) packGroups(out, values, count, groupsStart, groups, bitWidth);
  return out.bytes();
}

function packGroups(out: Bytes, values: Int32Array | Uint8Array, count: number, start: number, groups: number, bitWidth: number): void {
  out.varint(groups * 2 + 1);
  const end = start + groups * 8;
  // bitWidth ≤ 20 (the dictionary's cap) and fewer than 8 bits pending keep the accumulator within 32 bits.
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    acc |= (i < count ? values[i]! : 0) << bits;
    bits += bitWidth;
    while (bits >= 8) {
      out.byte(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out.byte(acc & 0xff);
}

/** The bytes of one PLAIN value of a fixed-width column, or 0 for strings (whose length varies). */
function plainWidth(field: ParquetField): number {
  const kind = field.kind.type;
  return kind === 'string' ? 0 : kind === 'date' || kind === 'int32' ? 4 : 8;
}

/** PLAIN encoding of `count` non-null values (nulls in `values` are skipped): the dictionary page, or a column without one. */
function plainValues(field: ParquetField, values: readonly ParquetValue[], count: number): Uint8Array {
  const kind = field.kind.type;
  if (kind === 'boolean') {
    const out = new Uint8Array(Math.ceil(count / 8));
    let at = 0;
    for (const v of values) {
      if (v === null) continue;
      if (v === true) out[at >> 3]! |= 1 << (at & 7);
      at++;
    }
    return out;
  }
  if (kind === 'string') {
    const out = new Bytes(count * 16 + 64);
    for (const v of values) if (v !== null) out.utf8(v as string);
    return out.bytes();
  }
  const width = plainWidth(field);
  const out = new Bytes(count * width);
  for (const v of values) {
    if (v === null) continue;
    if (kind === 'double') out.float64(v as number);
    else if (kind === 'decimal') out.int64(v as bigint);
    else if (width === 4) out.int32(v as number);
    else out.int64FromNumber(v as number);
  }
  return out.bytes();
}

const encoder = new TextEncoder();

/** A growing little-endian byte buffer. */
class Bytes {
  private buffer: Uint8Array;
  private view: DataView;
  private at = 0;

  constructor(size: number) {
    this.buffer = new Uint8Array(Math.max(16, size));
    this.view = new DataView(this.buffer.buffer);
  }

  private room(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.at + n));
    next.set(this.buffer.subarray(0, this.at));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.room(1);
    this.buffer[this.at++] = b;
  }

  varint(n: number): void {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    this.byte(n);
  }

  int32(n: number): void {
    this.room(4);
    this.view.setInt32(this.at, n, true);
    this.at += 4;
  }

  /** An integral number (an instant in milliseconds) as INT64, without a bigint: the low and high 32-bit words. */
  int64FromNumber(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`parquet INT64 value is not a safe integer: ${n}`);
    this.room(8);
    const high = Math.floor(n / 4294967296);
    this.view.setUint32(this.at, n - high * 4294967296, true);
    this.view.setInt32(this.at + 4, high, true);
    this.at += 8;
  }

  int64(n: bigint): void {
    this.room(8);
    this.view.setBigInt64(this.at, n, true);
    this.at += 8;
  }

  float64(n: number): void {
    this.room(8);
    this.view.setFloat64(this.at, n, true);
    this.at += 8;
  }

  /** A BYTE_ARRAY value: its length in 4 bytes, then its UTF-8. */
  utf8(text: string): void {
    this.room(4 + text.length * 3);
    const { written } = encoder.encodeInto(text, this.buffer.subarray(this.at + 4));
    this.view.setUint32(this.at, written, true);
    this.at += 4 + written;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.at);
  }
}
