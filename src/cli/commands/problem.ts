import { UsageError } from '../../errors.js';
import { buildProblemReport } from '../../practices/problem/report.js';
import { statusContext } from '../../practices/problem/state.js';
import { DEFAULT_MIN, DEFAULT_WINDOW, suggestProblems } from '../../practices/problem/suggest.js';
import { parseWindow } from '../../practices/problem/window.js';
import { formatProblemReport, formatProblemSuggestions, type ProblemFormat } from '../../report/problem/index.js';
import { instantOf, parseTimeArgument } from '../../sla/period.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { nowOption, onlyFor } from '../options.js';
import { emit } from '../output.js';
import { outputWidth, shouldColor } from '../terminal.js';

interface ProblemCliOptions extends CacheCliOptions {
  format: ProblemFormat;
  width?: number;
  out?: string;
  force?: boolean;
}

export interface ProblemReportCliOptions extends ProblemCliOptions {
  now?: string;
}

/**
 * `itsm problem report [path]`: open problems by age, known errors, incidents and downtime per problem, problems
 * without an owner, as of --now (default the current time). Exit 1 when the repository has errors, as `sla report`.
 */
export async function runProblemReport(path: string, options: ProblemReportCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['text']);
  const now = nowOption(options.now);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const asOf = now !== undefined ? instantOf(now, repository.config.timeZone) : clock();
  const report = buildProblemReport(repository, asOf);
  emit(formatProblemReport(options.format, report, humanOptions(options, repository.config.timeZone)), options.out, options.force);
  return 0;
}

export interface ProblemSuggestCliOptions extends ProblemCliOptions {
  min?: number;
  window?: string;
  since?: string;
  now?: string;
}

/** `itsm problem suggest [path]`: recurring incidents that no problem explains yet (docs/problem.md has the rule). */
export async function runProblemSuggest(path: string, options: ProblemSuggestCliOptions): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['text']);
  const min = options.min ?? DEFAULT_MIN;
  if (min < 2) throw new UsageError(`--min: a recurrence takes at least 2 incidents, but found ${min}`);
  const windowText = options.window ?? DEFAULT_WINDOW;
  const windowMs = parseWindow(windowText);
  if (windowMs === undefined) throw new UsageError(`--window: expected a whole number of weeks, days, hours or minutes (30d, 2w, 36h, 90m) but found "${windowText}"`);
  const since = options.since === undefined ? undefined : parseTimeArgument('--since', options.since, 'an instant (2026-10-01T00:00:00Z) or a date (2026-10-01)');
  if (since !== undefined && 'error' in since) throw new UsageError(since.error);
  const now = nowOption(options.now);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository } = opened;
  const { categoryOf } = statusContext(repository.config.statuses);
  const result = suggestProblems(
    repository.tickets.map((t) => t.doc),
    categoryOf,
    {
      min,
      windowMs,
      ...(since !== undefined ? { since: instantOf(since, repository.config.timeZone) } : {}),
      ...(now !== undefined ? { asOf: instantOf(now, repository.config.timeZone) } : {}),
    },
  );
  emit(formatProblemSuggestions(options.format, result, humanOptions(options, repository.config.timeZone)), options.out, options.force);
  return 0;
}

function humanOptions(options: ProblemCliOptions, timeZone: string): { color: boolean; timeZone: string; width?: number } {
  const width = outputWidth(process.stdout, options);
  return { color: options.format === 'text' && options.out === undefined && shouldColor(process.stdout), timeZone, ...(width !== undefined ? { width } : {}) };
}
