import { buildChargeback } from '../../chargeback/build.js';
import { MAX_PERIOD_DAYS, periodDays } from '../../chargeback/days.js';
import type { ChargebackGroupBy } from '../../chargeback/types.js';
import { UsageError } from '../../errors.js';
import { isLocalDate } from '../../model/primitives.js';
import { formatChargeback, GROUPED_FORMATS, type ChargebackFormat } from '../../report/chargeback/index.js';
import { instantOf, parseTimeArgument, resolvePeriod } from '../../sla/period.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { nowOption } from '../options.js';
import { emit } from '../output.js';
import { outputWidth, shouldColor } from '../terminal.js';
import { onlyFor } from '../options.js';
import type { CsvDelimiter } from '../../report/csv.js';

export interface ChargebackCliOptions extends CacheCliOptions {
  period?: string;
  from?: string;
  to?: string;
  now?: string;
  consumer?: string[];
  service?: string[];
  by?: ChargebackGroupBy;
  format: ChargebackFormat | 'parquet';
  width?: number;
  delimiter?: CsvDelimiter;
  out?: string;
  force?: boolean;
}

/**
 * `itsm chargeback [path]`: the statements of a period. Exit 0 with the figures, 1 when the repository has errors
 * (no figure is printed from data that fails validation), 2 for a usage error.
 */
export async function runChargeback(path: string, options: ChargebackCliOptions, clock: () => number): Promise<number> {
  // Checked before the repository is read: a mistake in the options should not cost a load.
  const format = options.format;
  if (options.by !== undefined && (format === 'parquet' || !GROUPED_FORMATS.includes(format))) {
    throw new UsageError(`--by applies to --format ${GROUPED_FORMATS.join(', ')}; ${options.format} always has one row per charge line`);
  }
  onlyFor('--width', options.width !== undefined, options.format, ['table']);
  onlyFor('--delimiter', options.delimiter !== undefined, options.format, ['csv', 'focus']);
  // The Parquet writer (fifty modules) is loaded only for Parquet.
  if (format === 'parquet') (await import('../parquet-output.js')).checkParquetTarget(options.out, options.force);
  checkDateOption('--from', options.from, '2026-11-01');
  checkDateOption('--to', options.to, '2026-12-01');
  const now = nowOption(options.now);

  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const zone = repository.config.timeZone;
  const period = resolvePeriod({ period: options.period, from: options.from, to: options.to }, zone, now === undefined ? clock() : instantOf(now, zone));
  if ('error' in period) throw new UsageError(period.error);
  // resolvePeriod gives local dates for months, quarters, years and date bounds (instants were refused above).
  const from = period.fromDate!;
  const to = period.toDate!;
  const days = periodDays(from, to);
  if (days > MAX_PERIOD_DAYS) {
    throw new UsageError(
      `--from/--to: the period is ${days.toLocaleString('en-US')} days long; chargeback covers at most ${MAX_PERIOD_DAYS.toLocaleString('en-US')} days (10 years) at a time, so split it`,
    );
  }
  const consumers = checkIds('consumer', options.consumer, repository.consumers.map((c) => c.doc.metadata.id));
  const services = checkIds('service', options.service, repository.services.map((s) => s.doc.metadata.id));
  const result = buildChargeback(repository, {
    period: { label: period.label, from, to },
    ...(consumers ? { consumers } : {}),
    ...(services ? { services } : {}),
    ...(options.by ? { by: options.by } : {}),
  });
  if (format === 'parquet') {
    const metadata = [
      { key: 'itsm.currency', value: result.currency },
      { key: 'itsm.period', value: result.period.label },
    ];
    const [{ writeParquet }, { chargeParquetColumns, chargeParquetRows }] = await Promise.all([import('../parquet-output.js'), import('../../report/chargeback/parquet.js')]);
    writeParquet(options.out, options.force, chargeParquetColumns(result.minorDigits, result.priceVersions), chargeParquetRows(result), metadata);
    return 0;
  }
  const width = outputWidth(process.stdout, options);
  emit(
    formatChargeback(format, result, {
      color: format === 'table' && options.out === undefined && shouldColor(process.stdout),
      ...(width !== undefined ? { width } : {}),
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    }),
    options.out,
    options.force,
  );
  return 0;
}

/** `--from`/`--to` of a chargeback: a date (charges are computed in whole days) within the time itsm computes. */
function checkDateOption(flag: string, value: string | undefined, example: string): void {
  if (value === undefined) return;
  if (!isLocalDate(value)) throw new UsageError(`${flag}: expected a date (${example}) but found "${value}"; charges are computed in whole days`);
  const parsed = parseTimeArgument(flag, value, `a date (${example})`);
  if ('error' in parsed) throw new UsageError(parsed.error);
}

/** An id that does not exist is a usage error rather than an empty statement that looks like good news. */
function checkIds(flag: string, values: string[] | undefined, known: Iterable<string>): string[] | undefined {
  if (values === undefined) return undefined;
  const set = new Set(known);
  for (const v of values) {
    if (!set.has(v)) throw new UsageError(`--${flag}: no ${flag} "${v}" (known: ${[...set].sort().slice(0, 12).join(', ')}${set.size > 12 ? ', …' : ''})`);
  }
  return values;
}
