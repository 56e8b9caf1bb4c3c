import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { untilDone } from '../fs/in-flight.js';
import { toIoError } from '../fs/io-error.js';
import { ParquetEncoder, type ParquetColumn, type ParquetMetadata, type ParquetTable } from '../report/parquet.js';
import { openOutput, outputTarget } from './output.js';

/**
 * Where `--format parquet` writes. Parquet is binary: on stdout it is written only when stdout is not a terminal (a
 * pipe or a redirection), and `--out FILE` goes through the same atomic, no-overwrite-without---force writer as every
 * other output (src/cli/output.ts).
 */
export function checkParquetTarget(out: string | undefined, force: boolean | undefined): void {
  const target = outputTarget(out, force);
  if (target === undefined && process.stdout.isTTY) {
    throw new UsageError('--format parquet writes binary data; give --out FILE, or redirect stdout to a file');
  }
}

/** Writes one Parquet file of `rows` (or a table's items) to `--out` or stdout (checked with checkParquetTarget first). Returns the row count. */
export function writeParquet<Row>(
  out: string | undefined,
  force: boolean | undefined,
  columns: ParquetTable<Row> | readonly ParquetColumn<Row>[],
  rows: Iterable<Row>,
  metadata: ParquetMetadata,
): number {
  const target = outputTarget(out, force);
  if (target === undefined) {
    const encoder = new ParquetEncoder(columns, (bytes) => writeAll(1, bytes, '<stdout>'), { metadata });
    for (const row of rows) encoder.add(row);
    encoder.finish();
    return encoder.rows;
  }
  const file = openOutput(target);
  try {
    const encoder = new ParquetEncoder(columns, (bytes) => file.write(bytes), { metadata });
    for (const row of rows) encoder.add(row);
    encoder.finish();
    file.commit();
    return encoder.rows;
  } catch (error) {
    file.abort();
    throw error;
  }
}

/** What a partitioned dataset holds: `month=2026-10/part-0.parquet` and nothing else. */
const PARTITION = /^[A-Za-z_]+=[^/]+$/;
const PART = /^part-\d+\.parquet$/;

/**
 * `--partition`: checks `--out FOLDER` before the work. A folder that exists is replaced only with --force, and only
 * when it holds nothing but a dataset itsm wrote (`key=value/part-N.parquet`), so that `--force` with a mistyped
 * path never deletes a folder of the user's own files.
 */
export function checkPartitionFolder(out: string | undefined, force: boolean | undefined): string {
  if (out === undefined || out === '-') throw new UsageError('--partition writes a folder of files; give it with --out FOLDER');
  let stat;
  try {
    stat = lstatSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw toIoError(error, 'write', out);
  }
  if (!stat.isDirectory()) throw new UsageError(`--out ${out}: --partition writes a folder, and ${out} is not one; choose a new path`);
  if (!force) throw new UsageError(`${out} already exists; use --force to replace it`);
  if (!isDataset(out)) {
    throw new UsageError(`${out} holds files that are not a partitioned Parquet dataset written by itsm; it is not replaced even with --force, choose a new path`);
  }
  return out;
}

function isDataset(folder: string): boolean {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory() || !PARTITION.test(entry.name)) return false;
    for (const file of readdirSync(join(folder, entry.name), { withFileTypes: true })) {
      if (!file.isFile() || !PART.test(file.name)) return false;
    }
  }
  return true;
}

/**
 * Writes `rows` as a Hive-style partitioned dataset: one folder `<key>=<value>` per partition, each with one
 * `part-0.parquet`. Everything is written into a temporary folder beside `folder` and renamed into place at the end
 * (an existing dataset is moved aside first, then removed), so that a reader sees the old dataset or the new one,
 * never half of one; an interruption removes the temporary folder. Returns the row count per partition value.
 */
export function writeParquetPartitions<Row>(
  folder: string,
  key: string,
  partitionOf: (row: Row) => string,
  columns: ParquetTable<Row> | readonly ParquetColumn<Row>[],
  rows: Iterable<Row>,
  metadata: ParquetMetadata,
): Map<string, number> {
  const parent = dirname(folder);
  const temp = join(parent, `.${basename(folder)}.${process.pid}.tmp`);
  const old = join(parent, `.${basename(folder)}.${process.pid}.old`);
  const removeTemp = () => rmSync(temp, { recursive: true, force: true });
  const finished = untilDone(removeTemp);
  const open = new Map<string, { fd: number; encoder: ParquetEncoder<Row> }>();
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(temp);
    for (const row of rows) {
      const value = partitionOf(row);
      let part = open.get(value);
      if (part === undefined) {
        const dir = join(temp, `${key}=${value}`);
        mkdirSync(dir);
        const path = join(dir, 'part-0.parquet');
        const fd = openSync(path, 'wx');
        part = { fd, encoder: new ParquetEncoder(columns, (bytes) => writeAll(fd, bytes, path), { metadata }) };
        open.set(value, part);
      }
      part.encoder.add(row);
    }
    const counts = new Map<string, number>();
    for (const [value, part] of [...open].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      part.encoder.finish();
      fsyncSync(part.fd);
      closeSync(part.fd);
      counts.set(value, part.encoder.rows);
    }
    open.clear();
    if (existsSync(folder)) {
      renameSync(folder, old);
      try {
        renameSync(temp, folder);
      } catch (error) {
        renameSync(old, folder);
        throw error;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, folder);
    }
    finished();
    return counts;
  } catch (error) {
    for (const part of open.values()) closeSync(part.fd);
    removeTemp();
    finished();
    throw error instanceof UsageError ? error : toIoError(error, 'write', folder);
  }
}

function writeAll(fd: number, bytes: Uint8Array, path: string): void {
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  } catch (error) {
    throw toIoError(error, 'write', path);
  }
}
