import { UsageError } from '../../errors.js';
import { buildReview } from '../../practices/review/build.js';
import { locateImprovements } from '../../practices/review/improvements.js';
import { DEFAULT_MONTHS, type ReviewFilters } from '../../practices/review/context.js';
import { formatReview, type ReviewFormat } from '../../report/review/index.js';
import { instantOf, resolvePeriod } from '../../sla/period.js';
import type { CacheCliOptions } from '../cache-option.js';
import { filtersOf, type FilterOptions } from '../filters.js';
import { openValidRepositoryParallel } from '../load.js';
import { nowOption } from '../options.js';
import { emit } from '../output.js';
import { readSourceText } from '../../load/load-repository.js';

/** The most months a review covers: ten years of trends is already more than one page can show. */
export const MAX_MONTHS = 120;

export interface ReviewCliOptions extends CacheCliOptions, Pick<FilterOptions, 'service' | 'consumer' | 'group' | 'priority'> {
  period?: string;
  months?: number;
  now?: string;
  format: ReviewFormat;
  out?: string;
  force?: boolean;
}

/** `itsm review [path]`: the monthly service review pack (docs/review.md). Exit 1 when the repository has errors. */
export async function runReview(path: string, options: ReviewCliOptions, clock: () => number): Promise<number> {
  const months = options.months ?? DEFAULT_MONTHS;
  if (months < 1 || months > MAX_MONTHS) throw new UsageError(`--months: expected a whole number from 1 to ${MAX_MONTHS} but found ${months}`);
  const now = nowOption(options.now);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository, root } = opened;
  const timeZone = repository.config.timeZone;
  const current = now === undefined ? clock() : instantOf(now, timeZone);
  const period = resolvePeriod({ period: options.period ?? 'last-month' }, timeZone, current);
  if ('error' in period) throw new UsageError(period.error);
  if (!/^\d{4}-\d{2}$/.test(period.label)) throw new UsageError(`--period: a review is of one month (2026-11, last-month or this-month) but found "${options.period}"`);
  if (period.from >= current) throw new UsageError(`--period: ${period.label} has not begun yet (the review is as of ${new Date(current).toISOString()})`);
  const sla = filtersOf(options, repository);
  const filters: ReviewFilters = {
    ...(sla.service ? { service: sla.service } : {}),
    ...(sla.consumer ? { consumer: sla.consumer } : {}),
    ...(sla.group ? { group: sla.group } : {}),
    ...(sla.priority ? { priority: sla.priority } : {}),
  };
  const built = buildReview(repository, { month: period.label, months, now: current, filters });
  // The register's rows point at their documents' lines, found in the files' text as diagnostics' are.
  const review = { ...built, improvements: locateImprovements(built.improvements, repository.improvements, (file) => readSourceText(root, file)) };
  emit(formatReview(options.format, review), options.out, options.force);
  return 0;
}
