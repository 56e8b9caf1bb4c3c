import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { FileCache } from '../load/cache.js';
import { ResultsCache } from '../load/results-cache.js';

export interface CacheCliOptions {
  cache?: boolean;
  cacheLocation?: string;
  workers?: number;
}

export function cacheOptions(): Option[] {
  return [
    new Option('--cache', 'reuse the results of unchanged files from a previous run (like eslint --cache)'),
    new Option('--cache-location <dir>', 'where the cache lives (default: .itsm-cache in the repository)'),
    new Option('--workers <n>', 'threads to parse large repositories on (default: the CPUs not busy with other work; 1 = no threads)').argParser(positiveInteger),
  ];
}

/** Load options from the command line: the cache when --cache (or --cache-location) is given, and --workers. */
export function cacheFor(path: string, options: CacheCliOptions): { cache?: FileCache; workers?: number } {
  const result: { cache?: FileCache; workers?: number } = {};
  if (options.workers !== undefined) result.workers = options.workers;
  if (options.cache || options.cacheLocation !== undefined) {
    result.cache = new FileCache(options.cacheLocation !== undefined ? resolve(options.cacheLocation) : join(resolve(path), '.itsm-cache'));
  }
  return result;
}

/** The results cache beside the per-file cache, for the commands that keep whole-repository results (validate). */
export function resultsCacheFor(loadOptions: { cache?: FileCache }): ResultsCache | undefined {
  return loadOptions.cache ? new ResultsCache(loadOptions.cache.directory) : undefined;
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a whole number of 1 or more but found "${value}"`);
  return Number(value);
}
