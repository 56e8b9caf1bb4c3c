import { InvalidArgumentError } from 'commander';
import { UsageError } from '../errors.js';
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
