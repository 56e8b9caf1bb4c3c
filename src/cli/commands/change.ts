import { UsageError } from '../../errors.js';
import type { Repository } from '../../model/repository.js';
import { buildChangeCalendar, buildChangeImpact, buildChangeReport, impactSubject } from '../../practices/change/index.js';
import {
  formatCalendarIcs,
  formatCalendarMarkdown,
  formatCalendarTable,
  formatChangeJson,
  formatImpactMarkdown,
  formatImpactTable,
  formatReportMarkdown,
  formatReportText,
  type CALENDAR_FORMATS,
  type IMPACT_FORMATS,
  type REPORT_FORMATS,
} from '../../report/change/index.js';
import { instantOf, resolvePeriod, type Period } from '../../sla/period.js';
import { addLocalDays, localDateOf, startOfLocalDay } from '../../time/index.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { nowOption, onlyFor } from '../options.js';
import { emit, outputTarget } from '../output.js';
import { outputWidth, shouldColor } from '../terminal.js';

interface OutputOptions {
  out?: string;
  force?: boolean;
}

export interface ChangeImpactCliOptions extends CacheCliOptions, OutputOptions {
  now?: string;
  format: (typeof IMPACT_FORMATS)[number];
  width?: number;
}

/** `itsm change impact <change-id | service-id> [path]`: exit 0; 1 when the repository fails validation; 2 for an unknown id. */
export async function runChangeImpact(id: string, path: string, options: ChangeImpactCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['table']);
  const opened = await openAt(path, options, clock);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository, asOf } = opened;
  const subject = impactSubject(repository, id);
  if ('error' in subject) throw new UsageError(subject.error);
  const impact = buildChangeImpact(repository, subject, asOf);
  const text =
    options.format === 'json'
      ? formatChangeJson(impact)
      : options.format === 'markdown'
        ? formatImpactMarkdown(impact)
        : formatImpactTable(impact, humanOptions(options));
  emit(text, options.out, options.force);
  return 0;
}

export interface ChangeCalendarCliOptions extends CacheCliOptions, OutputOptions {
  period?: string;
  from?: string;
  to?: string;
  now?: string;
  format: (typeof CALENDAR_FORMATS)[number];
  width?: number;
}

/** The next 30 days, whole local days from today (the day `now` falls on) in the organisation's zone. */
export const DEFAULT_CALENDAR_DAYS = 30;

/** `itsm change calendar [path]`: the forward schedule of change. */
export async function runChangeCalendar(path: string, options: ChangeCalendarCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['table']);
  const opened = await openAt(path, options, clock);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository, asOf } = opened;
  const period = options.period === undefined && options.from === undefined && options.to === undefined ? nextDays(repository, asOf) : periodOf(repository, options, asOf);
  const calendar = buildChangeCalendar(repository, period);
  const text =
    options.format === 'json'
      ? formatChangeJson(calendar)
      : options.format === 'markdown'
        ? formatCalendarMarkdown(calendar)
        : options.format === 'ics'
          ? formatCalendarIcs(calendar)
          : formatCalendarTable(calendar, humanOptions(options));
  emit(text, options.out, options.force);
  return 0;
}

export interface ChangeReportCliOptions extends CacheCliOptions, OutputOptions {
  period?: string;
  from?: string;
  to?: string;
  now?: string;
  format: (typeof REPORT_FORMATS)[number];
  width?: number;
}

/** `itsm change report [path]`: the change figures of a period. */
export async function runChangeReport(path: string, options: ChangeReportCliOptions, clock: () => number): Promise<number> {
  onlyFor('--width', options.width !== undefined, options.format, ['text']);
  const opened = await openAt(path, options, clock);
  if ('exitCode' in opened) return opened.exitCode;
  const { repository, asOf } = opened;
  const report = buildChangeReport(repository, periodOf(repository, options, asOf), asOf);
  const text =
    options.format === 'json'
      ? formatChangeJson(report)
      : options.format === 'markdown'
        ? formatReportMarkdown(report)
        : formatReportText(report, humanOptions(options));
  emit(text, options.out, options.force);
  return 0;
}

function periodOf(repository: Repository, options: { period?: string; from?: string; to?: string }, asOf: number): Period {
  const period = resolvePeriod({ period: options.period, from: options.from, to: options.to }, repository.config.timeZone, asOf);
  if ('error' in period) throw new UsageError(period.error);
  return period;
}

function nextDays(repository: Repository, asOf: number): Period {
  const timeZone = repository.config.timeZone;
  const today = localDateOf(timeZone, asOf);
  const end = addLocalDays(today, DEFAULT_CALENDAR_DAYS);
  return { label: `${DEFAULT_CALENDAR_DAYS} days from ${today}`, from: startOfLocalDay(timeZone, today), to: startOfLocalDay(timeZone, end), fromDate: today, toDate: end };
}

function humanOptions(options: { out?: string; width?: number }): { color: boolean; width?: number } {
  const width = outputWidth(process.stdout, options);
  return { color: options.out === undefined && shouldColor(process.stdout), ...(width !== undefined ? { width } : {}) };
}

/**
 * What every change command starts with: `--now` and `--out` checked before the repository is read, the repository
 * opened for figures, and the instant it is looked at (`--now`, read in the organisation's zone, or the clock).
 */
async function openAt(path: string, options: CacheCliOptions & OutputOptions & { now?: string }, clock: () => number): Promise<{ repository: Repository; asOf: number } | { exitCode: number }> {
  const now = nowOption(options.now);
  outputTarget(options.out, options.force);
  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened;
  const { repository } = opened;
  return { repository, asOf: now !== undefined ? instantOf(now, repository.config.timeZone) : clock() };
}
