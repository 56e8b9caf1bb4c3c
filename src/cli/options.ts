import { InvalidArgumentError } from 'commander';

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
