import { InvalidArgumentError, Option } from 'commander';

/** The options themselves; what they open is in caches.ts, which commands load when they run (not at start-up). */
export interface CacheCliOptions {
  cache?: boolean;
  cacheLocation?: string;
  workers?: number;
}

export function cacheOptions(): Option[] {
  return [
    new Option('--cache', 'reuse the results of unchanged files from a previous run (like eslint --cache)'),
    new Option('--cache-location <dir>', 'where the cache lives (default: .itsm-cache in the repository)'),
    new Option('--workers <n>', 'threads to parse large repositories on (default: the CPUs not busy with other work, none when the documents would fill half the heap; 1 = no threads)').argParser(positiveInteger),
  ];
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a whole number of 1 or more but found "${value}"`);
  return Number(value);
}
