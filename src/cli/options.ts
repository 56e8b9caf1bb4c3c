import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { CSV_DELIMITERS, type CsvDelimiter } from '../report/csv.js';
import { parseTimeArgument, type TimeArgument } from '../sla/period.js';

/** Parses a non-negative integer option, refusing "3.5" or "-1" rather than silently truncating. */
export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number of 0 or more but found "${value}"`);
  return Number(value);
}

export function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')} but found "${value}"`);
    }
    return value as T;
  };
}

/** The narrowest `--width`: below it a table's fixed columns (ticket, state, time left) no longer fit. */
export const MIN_WIDTH = 40;

/** Parses `--width`: a whole number of columns, at least MIN_WIDTH. */
export function columnsWidth(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < MIN_WIDTH) throw new InvalidArgumentError(`expected a whole number of columns, ${MIN_WIDTH} or more, but found "${value}"`);
  return Number(value);
}

/** `--width`, for the commands with a human format that fits the terminal (src/cli/terminal.ts `outputWidth`). */
export function widthOption(): Option {
  return new Option('--width <columns>', "fit the table or text to this many columns (default: the terminal's width; the full layout when stdout is not a terminal)").argParser(columnsWidth);
}

/** An option that only some formats read is a usage error with another one, rather than silently ignored. */
export function onlyFor(flag: string, given: boolean, format: string, formats: readonly string[], why?: string): void {
  if (!given || formats.includes(format)) return;
  throw new UsageError(`${flag} applies to --format ${formats.join(', ')}${why === undefined ? '' : `; ${why}`}`);
}

/**
 * Parses `--delimiter`: `,` `;` `|` or `tab` (also written `\t`, or a tab character). Anything else is refused,
 * since a letter or a quote as delimiter would make a file no spreadsheet reads back.
 */
export function csvDelimiter(value: string): CsvDelimiter {
  const name = value === '\\t' || value === '\t' ? 'tab' : value;
  if (!Object.hasOwn(CSV_DELIMITERS, name)) throw new InvalidArgumentError(`expected one of , ; | tab but found "${value}"`);
  return CSV_DELIMITERS[name as keyof typeof CSV_DELIMITERS];
}

/** `--delimiter`, for the commands that write CSV. */
export function delimiterOption(): Option {
  return new Option('--delimiter <char>', 'CSV field separator: , (default), ; (Excel in German, French, Dutch… locales), tab or |').argParser(csvDelimiter);
}

const NOW_EXPECTED = 'an instant (2026-10-31T17:00:00Z) or a date (2026-11-01)';

/**
 * `--now`: an instant, or a date meaning local midnight at its start in the organisation's zone, within the time itsm
 * computes. Checked before the repository is read: a mistake in the options should not cost a load.
 */
export function nowOption(value: string | undefined): TimeArgument | undefined {
  if (value === undefined) return undefined;
  const parsed = parseTimeArgument('--now', value, NOW_EXPECTED);
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed;
}
