import { join, resolve } from 'node:path';
import { FileCache } from '../load/cache.js';
import { ResultsCache } from '../load/results-cache.js';
import type { CacheCliOptions } from './cache-option.js';

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
