import { UsageError } from '../../errors.js';
import { exportTicketRows, exportTickets, type ExportTicket, type TicketExportOptions, type TicketExportSummary } from '../../export/tickets.js';
import { localDateOf } from '../../time/index.js';
import { exportFormatter, type ExportFormat } from '../../report/export/index.js';
import { instantOf, resolvePeriod } from '../../sla/period.js';
import { filtersOf, type FilterOptions } from '../filters.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { emit, openOutput, outputTarget, type OutputTarget } from '../output.js';
import { onlyFor } from '../options.js';
import { nowOption } from '../options.js';
import { writeStderr } from '../terminal.js';
import type { CsvDelimiter } from '../../report/csv.js';

export interface ExportTicketsCliOptions extends CacheCliOptions, FilterOptions {
  now?: string;
  period?: string;
  from?: string;
  to?: string;
  clocksOnly?: boolean;
  format: ExportFormat | 'parquet';
  partition?: 'month';
  delimiter?: CsvDelimiter;
  out?: string;
  force?: boolean;
}

/** Characters gathered before a write: large enough that writes are few, small enough that memory stays flat. */
const CHUNK = 256 * 1024;

/**
 * `itsm export tickets [path]`: every ticket and its SLA clocks as flat rows (CSV or JSON Lines), written as they are
 * produced, so a year of a large organisation's tickets never sits in memory as one string. Exit 0 with the rows, 1
 * when the repository has errors (no figure is printed from data that fails validation), 2 for a usage error.
 */
export async function runExportTickets(path: string, options: ExportTicketsCliOptions, clock: () => number): Promise<number> {
  // Checked before the repository is read: a mistake in the options should not cost a load.
  onlyFor('--delimiter', options.delimiter !== undefined, options.format, ['csv']);
  onlyFor('--partition', options.partition !== undefined, options.format, ['parquet']);
  const format = options.format;
  // The Parquet writer (fifty modules) is loaded only for Parquet.
  const parquet = format === 'parquet' ? await import('../parquet-output.js') : undefined;
  if (parquet !== undefined) {
    if (options.partition !== undefined) parquet.checkPartitionFolder(options.out, options.force);
    else parquet.checkParquetTarget(options.out, options.force);
  }
  const out = format === 'parquet' ? undefined : outputTarget(options.out, options.force);
  const now = nowOption(options.now);

  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const current = clock();
  const zone = repository.config.timeZone;
  const asOf = now === undefined ? current : instantOf(now, zone);
  let window: { from: number; to: number } | undefined;
  // Without --period/--from/--to every ticket is exported (resolvePeriod alone would default to the current month).
  if (options.period !== undefined || options.from !== undefined || options.to !== undefined) {
    // A relative period (last-month) is read as of --now, or the current time.
    const period = resolvePeriod({ period: options.period, from: options.from, to: options.to }, zone, asOf);
    if ('error' in period) throw new UsageError(period.error);
    window = { from: period.from, to: period.to };
  }
  const exportOptions: TicketExportOptions = {
    asOf,
    filters: filtersOf(options, repository),
    ...(window ? { opened: window } : {}),
    ...(options.clocksOnly ? { clocksOnly: true } : {}),
  };

  if (format === 'parquet') {
    const { writeParquet, writeParquetPartitions } = parquet ?? (await import('../parquet-output.js'));
    // Parquet takes the tickets as they are measured (instants in milliseconds), laid out by column.
    const table = (await import('../../report/export/parquet.js')).ticketParquetTable(asOf);
    const metadata = [{ key: 'itsm.asOf', value: new Date(asOf).toISOString() }];
    const summary = drain(exportTickets(repository, exportOptions), (each) => {
      if (options.partition === undefined) writeParquet(options.out, options.force, table, each, metadata);
      else writeParquetPartitions(options.out!, 'month', openedMonth(zone), table, each, metadata);
    });
    notYetOpened(summary, asOf);
    return 0;
  }
  const rows = exportTicketRows(repository, exportOptions);
  const formatter = exportFormatter(format, options.delimiter !== undefined ? { delimiter: options.delimiter } : {});
  const sink = out === undefined ? stdoutSink() : fileSink(out);
  let summary: TicketExportSummary | undefined;
  try {
    let buffer = formatter.header();
    let step = rows.next();
    while (!step.done) {
      buffer += formatter.row(step.value);
      if (buffer.length >= CHUNK) {
        // The reader went away (`itsm export tickets | head`): stop producing, as a closed pipe is not an error.
        if (!(await sink.write(buffer))) return 0;
        buffer = '';
      }
      step = rows.next();
    }
    summary = step.value;
    if (buffer !== '') await sink.write(buffer);
    sink.commit();
  } catch (error) {
    sink.abort();
    throw error;
  }
  notYetOpened(summary, asOf);
  return 0;
}

function notYetOpened(summary: TicketExportSummary, asOf: number): void {
  if (summary.notYetOpened > 0) {
    writeStderr(`itsm: ${summary.notYetOpened} ticket(s) opened at or after ${new Date(asOf).toISOString()} left out (not yet opened as of --now)`);
  }
}

/** Hands the rows of a generator to `use` as a plain iterable, and returns the generator's summary once it is drained. */
function drain<T, R>(rows: Generator<T, R, undefined>, use: (rows: Iterable<T>) => void): R {
  let result: R | undefined;
  let done = false;
  use({
    *[Symbol.iterator]() {
      let step = rows.next();
      while (!step.done) {
        yield step.value;
        step = rows.next();
      }
      result = step.value;
      done = true;
    },
  });
  if (!done) throw new Error('the rows were not all written');
  return result as R;
}

/** The partition of a ticket's rows: the month it was opened, in the organisation's zone (as `--period` reads it). */
function openedMonth(zone: string): (ticket: ExportTicket) => string {
  return (ticket) => localDateOf(zone, ticket.state.opened).slice(0, 7);
}

interface Sink {
  /** Resolves false when nobody reads any more. */
  write(text: string): Promise<boolean>;
  /** Makes the output final (for a file: renames the temporary file over the target). */
  commit(): void;
  /** Undoes what was written, where that is possible (a file: the temporary file is removed, the target untouched). */
  abort(): void;
}

/** stdout, with backpressure: a slow reader pauses the export instead of growing Node's write buffer without bound. */
function stdoutSink(): Sink {
  const stdout = process.stdout;
  return {
    async write(text) {
      if (stdout.destroyed) return false;
      if (!stdout.write(text)) await settled(stdout);
      return !stdout.destroyed;
    },
    commit() {},
    abort() {},
  };
}

/** Waits until the stream drains, closes or fails (main.ts turns EPIPE into a quiet destroy). */
function settled(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** `--out FILE`, written as `emit` writes it (src/cli/output.ts), but in chunks, so that memory stays flat. */
function fileSink(target: OutputTarget): Sink {
  const file = openOutput(target);
  return {
    async write(text) {
      file.write(text);
      return true;
    },
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
}

export interface ExportMetricsCliOptions extends CacheCliOptions {
  now?: string;
  period?: string;
  out?: string;
  force?: boolean;
}

/**
 * `itsm export metrics [path]`: the current figures in the Prometheus text format, for node_exporter's textfile
 * collector. `--out` is written atomically (a hidden temporary file renamed over the target), so the collector never
 * reads half a file. Exit 0, 1 when the repository has errors, 2 for a usage error.
 */
export async function runExportMetrics(path: string, options: ExportMetricsCliOptions, clock: () => number): Promise<number> {
  outputTarget(options.out, options.force);
  const now = nowOption(options.now);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const zone = repository.config.timeZone;
  const asOf = now === undefined ? clock() : instantOf(now, zone);
  // The default period is the month of --now; a relative one (last-month) is read as of it too.
  const period = resolvePeriod({ period: options.period }, zone, asOf);
  if ('error' in period) throw new UsageError(period.error);
  const { measureMetrics, metricFamilies } = await import('../../export/metrics.js');
  const { formatPrometheus } = await import('../../report/metrics/prometheus.js');
  emit(formatPrometheus(metricFamilies(measureMetrics(repository, { period, asOf }))), options.out, options.force);
  return 0;
}
