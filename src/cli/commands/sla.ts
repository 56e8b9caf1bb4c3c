import { setFlagsFromString } from 'node:v8';
import { UsageError } from '../../errors.js';
import { formatSlaReport, formatSlaStatus, formatTicketStory, slaReportCsvChunks, slaReportJsonChunks, type SlaReportFormat, type SlaStatusFormat, type ExplainFormat } from '../../report/sla/index.js';
import { explainTicket } from '../../sla/explain.js';
import { instantOf, resolvePeriod } from '../../sla/period.js';
import { buildSlaReport, type GroupBy } from '../../sla/report.js';
import { buildSlaStatus } from '../../sla/status.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openMeasuredRepository, openValidRepositoryParallel } from '../load.js';
import type { Repository } from '../../model/repository.js';
import type { Period } from '../../sla/period.js';
import { nowOption } from '../options.js';
import { emit } from '../output.js';
import { onlyFor } from '../options.js';
import { outputWidth, shouldColor, writeStderr } from '../terminal.js';
import { safeText } from '../../report/text-safe.js';
import type { CsvDelimiter } from '../../report/csv.js';
import { filtersOf, type FilterOptions as SharedFilterOptions } from '../filters.js';

export interface FilterOptions extends CacheCliOptions, SharedFilterOptions {}

export interface SlaReportCliOptions extends FilterOptions {
  period?: string;
  from?: string;
  to?: string;
  now?: string;
  by?: GroupBy;
  failUnder?: number | true;
  format: SlaReportFormat | 'parquet';
  all?: boolean;
  width?: number;
  delimiter?: CsvDelimiter;
  out?: string;
  force?: boolean;
}

/** `itsm sla report [path]`: exit 1 when --fail-under is given and a target or availability misses. */
export async function runSlaReport(path: string, options: SlaReportCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['table']);
  onlyFor('--all', options.all === true, options.format, ['table'], 'json, csv and markdown always list every target');
  onlyFor('--delimiter', options.delimiter !== undefined, options.format, ['csv']);
  // The Parquet writer (fifty modules) is loaded only for Parquet.
  if (options.format === 'parquet') (await import('../parquet-output.js')).checkParquetTarget(options.out, options.force);
  const now = nowOption(options.now);
  const current = clock();
  const timesOf = (repository: Repository): { period: Period; asOf: number } => {
    const asOfNow = now === undefined ? undefined : instantOf(now, repository.config.timeZone);
    // A relative period (last-month) and the default one (the current month) are read as of --now when it is given.
    const period = resolvePeriod({ period: options.period, from: options.from, to: options.to }, repository.config.timeZone, asOfNow ?? current);
    if ('error' in period) throw new UsageError(period.error);
    return { period, asOf: asOfNow ?? Math.min(period.to, current) };
  };
  // With the cache, the clocks of a year's settled tickets are kept from one run to the next (docs/performance.md).
  const opened = await openMeasuredRepository(path, options, (repository) => timesOf(repository).asOf);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository, kept } = opened;
  const { period, asOf } = timesOf(repository);
  const failUnder = typeof options.failUnder === 'number' ? options.failUnder : undefined;
  // The engine's objects live for one ticket. Once loading is over, V8 is told not to move where it allocates them on
  // what it sees of their survival: at 1,000,000 tickets it came to allocate them in the old generation, which then
  // held 2.5 GB of them between collections (docs/performance.md, "What sla report holds while it measures").
  setFlagsFromString('--no-allocation-site-pretenuring');
  const report = buildSlaReport(repository, {
    period,
    asOf,
    filters: filtersOf(options, repository),
    ...(options.by ? { by: options.by } : {}),
    ...(failUnder !== undefined ? { failUnder } : {}),
    ...(kept ? { kept } : {}),
  });
  const format = options.format;
  if (format === 'parquet') {
    const [{ writeParquet }, { SUMMARY_PARQUET_COLUMNS, summaryParquetRows }] = await Promise.all([import('../parquet-output.js'), import('../../report/sla/parquet.js')]);
    writeParquet(options.out, options.force, SUMMARY_PARQUET_COLUMNS, summaryParquetRows(report), [{ key: 'itsm.period', value: report.period.label }]);
  } else {
    const width = outputWidth(process.stdout, options);
    const human = { color: options.format === 'table' && options.out === undefined && shouldColor(process.stdout), timeZone: repository.config.timeZone, ...(width !== undefined ? { width } : {}) };
    // The JSON and CSV of a year of clocks are hundreds of MB: written in pieces, each row built as it is written.
    const output =
      format === 'json'
        ? slaReportJsonChunks(report)
        : format === 'csv'
          ? slaReportCsvChunks(report, delimiterOf(options))
          : formatSlaReport(format, report, { ...human, allTargets: options.all === true, ...delimiterOf(options) });
    emit(output, options.out, options.force);
  }
  if (options.failUnder !== undefined && !report.ok) {
    const targets = report.summary.filter((s) => !s.ok).length;
    const windows = report.availability.filter((a) => !a.ok).length;
    const parts: string[] = [];
    if (targets > 0) parts.push(`${targets} target(s) below ${failUnder !== undefined ? `${failUnder}%` : 'their objective'}`);
    if (windows > 0) parts.push(`${windows} availability window(s) below their availability target`);
    writeStderr(`itsm: ${parts.join('; ')}`);
    return 1;
  }
  return 0;
}

export interface SlaStatusCliOptions extends FilterOptions {
  now?: string;
  format: SlaStatusFormat;
  width?: number;
  delimiter?: CsvDelimiter;
  out?: string;
  force?: boolean;
}

export async function runSlaStatus(path: string, options: SlaStatusCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['table']);
  onlyFor('--delimiter', options.delimiter !== undefined, options.format, ['csv']);
  const now = nowOption(options.now);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const asOf = now !== undefined ? instantOf(now, repository.config.timeZone) : clock();
  const status = buildSlaStatus(repository, asOf, filtersOf(options, repository));
  const width = outputWidth(process.stdout, options);
  emit(
    formatSlaStatus(options.format, status, {
      color: options.format === 'table' && options.out === undefined && shouldColor(process.stdout),
      timeZone: repository.config.timeZone,
      ...(width !== undefined ? { width } : {}),
      ...delimiterOf(options),
    }),
    options.out,
    options.force,
  );
  return 0;
}

export interface SlaExplainCliOptions {
  now?: string;
  format: ExplainFormat;
  width?: number;
}

export async function runSlaExplain(ticket: string, path: string, options: SlaExplainCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['text']);
  const now = nowOption(options.now);
  const opened = await openValidRepositoryParallel(path);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const asOf = now !== undefined ? instantOf(now, repository.config.timeZone) : clock();
  const story = explainTicket(repository, ticket, asOf);
  if (!story) throw new UsageError(`no ticket "${ticket}" in the repository`);
  if (story.clocks.length === 0) writeStderr(`itsm: ${safeText(ticket)} has no SLA clocks (its service has no agreement with a target for its type and priority)`);
  const width = outputWidth(process.stdout, options);
  emit(
    formatTicketStory(options.format, story, { color: options.format === 'text' && shouldColor(process.stdout), timeZone: repository.config.timeZone, ...(width !== undefined ? { width } : {}) }),
    undefined,
    false,
  );
  return 0;
}

function delimiterOf(options: { delimiter?: CsvDelimiter }): { delimiter?: CsvDelimiter } {
  return options.delimiter !== undefined ? { delimiter: options.delimiter } : {};
}
