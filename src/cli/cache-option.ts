import { join, resolve } from 'node:path';
import { Option } from 'commander';
import { FileCache } from '../load/cache.js';

export interface CacheCliOptions {
  cache?: boolean;
  cacheLocation?: string;
}

export function cacheOptions(): Option[] {
  return [
    new Option('--cache', 'reuse the results of unchanged files from a previous run (like eslint --cache)'),
    new Option('--cache-location <dir>', 'where the cache lives (default: .itsm-cache in the repository)'),
  ];
}

/** The cache to use, when --cache (or --cache-location) is given. */
export function cacheFor(path: string, options: CacheCliOptions): { cache?: FileCache } {
  if (!options.cache && options.cacheLocation === undefined) return {};
  return { cache: new FileCache(options.cacheLocation !== undefined ? resolve(options.cacheLocation) : join(resolve(path), '.itsm-cache')) };
}
