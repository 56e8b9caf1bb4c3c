import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../../errors.js';
import {
  buildCatalog,
  formatCatalog,
  isCatalogFormat,
  matchesIgnoringSource,
  shortDiff,
  SOURCE_PLACEHOLDER,
  AUDIENCES,
  type Audience,
  type CatalogFormat,
  type CatalogSource,
} from '../../report/catalog/index.js';
import type { CacheCliOptions } from '../cache-option.js';
import { openValidRepositoryParallel } from '../load.js';
import { emit } from '../output.js';
import { writeStderr } from '../terminal.js';

export interface CatalogExportCliOptions extends CacheCliOptions {
  format: string;
  audience: string;
  includeRetired?: boolean;
  out?: string;
  force?: boolean;
  check?: string;
}

/**
 * `itsm catalog export [path]`. Exit 0 when written (or, with --check, when the file is current); 1 when the
 * repository has errors or --check finds the file out of date; 2 for a usage error.
 */
export async function runCatalogExport(path: string, options: CatalogExportCliOptions): Promise<number> {
  if (!isCatalogFormat(options.format)) throw new UsageError(`--format: expected one of markdown, html, json, backstage but found "${options.format}"`);
  if (!(AUDIENCES as readonly string[]).includes(options.audience)) throw new UsageError(`--audience: expected customer or internal but found "${options.audience}"`);
  if (options.check !== undefined && options.out !== undefined) throw new UsageError('--check and --out cannot be combined: --check only reads the file');
  const format: CatalogFormat = options.format;
  const audience = options.audience as Audience;

  const opened = await openValidRepositoryParallel(path, options);
  if ('exitCode' in opened) return opened.exitCode;
  const target = options.check ?? options.out;
  const source = gitSource(opened.root, target === undefined || target === '-' ? undefined : target);
  const includeRetired = options.includeRetired === true;
  const render = (s: CatalogSource | null) => formatCatalog(format, buildCatalog(opened.repository, { audience, includeRetired, source: s }));

  if (options.check !== undefined) return check(options.check, render, source, commandLine(path, options));

  const text = render(source);
  // Regenerating a file that is already current is not a replacement: it needs no --force and writes nothing.
  if (options.out !== undefined && options.out !== '-' && existsSync(options.out) && readText(options.out) === text) return 0;
  emit(text, options.out, options.force);
  return 0;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** --check FILE: exit 0 when FILE is what export would write (whatever commit it names), else 1 with a short diff. */
function check(file: string, render: (source: CatalogSource | null) => string, source: CatalogSource | null, regenerate: string): number {
  // A checkout with `core.autocrlf` turns the committed LF into CRLF: that is not a difference in the catalog.
  const actual = readText(file)?.replace(/\r\n/g, '\n');
  if (actual === undefined) {
    writeStderr(`itsm: ${file} does not exist or cannot be read; create it with: ${regenerate}`);
    return 1;
  }
  if (matchesIgnoringSource(render, actual)) {
    writeStderr(`itsm: ${file} is up to date`);
    return 0;
  }
  const expected = render(source === null ? null : SOURCE_PLACEHOLDER);
  writeStderr(`itsm: ${file} is out of date with the repository; regenerate it with: ${regenerate}`);
  process.stderr.write(shortDiff(expected, actual, source, { actualLabel: file, expectedLabel: 'itsm catalog export' }));
  return 1;
}

/** The command that regenerates the checked file, for the hint. */
function commandLine(path: string, options: CatalogExportCliOptions): string {
  const parts = ['itsm catalog export', quote(path)];
  if (options.format !== 'markdown') parts.push('--format', options.format);
  if (options.audience !== 'customer') parts.push('--audience', options.audience);
  if (options.includeRetired === true) parts.push('--include-retired');
  parts.push('--out', quote(options.check ?? ''), '--force');
  return parts.join(' ');
}

function quote(arg: string): string {
  return /^[\w./:@%+=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The commit that last changed the repository's data, and its date: `git log -1` limited to the files the loader
 * reads (YAML and usage CSV, any case), so that committing a generated catalog, a README or the catalog file being
 * checked does not move it. Absent (null) when the folder is not in a git work tree, git is not installed, or no
 * commit touched the data yet. Uncommitted changes are not reflected.
 */
function gitSource(path: string, outputFile: string | undefined): CatalogSource | null {
  const pathspecs = [':(glob,icase)**/*.yaml', ':(glob,icase)**/*.yml', ':(glob,icase)**/*.usage.csv'];
  if (outputFile !== undefined) {
    const inside = relative(resolve(path), resolve(outputFile));
    if (inside !== '' && !inside.startsWith('..') && !inside.startsWith(sep)) pathspecs.push(`:(exclude,literal)${inside.split(sep).join('/')}`);
  }
  const result = spawnSync('git', ['-C', path, 'log', '-1', '--format=%H%x00%cI', '--', ...pathspecs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  });
  if (result.error !== undefined || result.status !== 0) return null;
  const [commit, date] = result.stdout.trim().split('\0');
  if (commit === undefined || date === undefined || !/^[0-9a-f]{40,64}$/.test(commit)) return null;
  return { commit, date };
}
