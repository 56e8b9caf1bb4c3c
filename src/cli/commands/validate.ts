import { relative } from 'node:path';
import { nowOption } from '../options.js';
import { countBySeverity } from '../../diagnostics/diagnostic.js';
import { findRepositoryOfPaths } from '../../load/find-repository.js';
import { checkRepository } from '../../check-repository.js';
import { formatDiagnostics, type DiagnosticFormat } from '../../report/diagnostics/index.js';
import type { CacheCliOptions } from '../cache-option.js';
import { cacheFor, resultsCacheFor } from '../caches.js';
import { displayRoot, shouldColor, writeStderr, writeStdout } from '../terminal.js';
import { VERSION } from '../version.js';

export interface ValidateOptions extends CacheCliOptions {
  format: DiagnosticFormat;
  maxWarnings?: number;
  quiet?: boolean;
  now?: string;
}

const FILE_RULE_DESCRIPTIONS: Record<string, string> = {
  schema: 'A document does not match the schema of its kind.',
  'yaml-syntax': 'A file is not valid YAML.',
  'unreadable-file': 'A file cannot be read as UTF-8 YAML text.',
  'missing-config': 'The repository has no Config: itsm.yaml is missing or holds no Config document.',
  'config-location': 'A Config document is outside itsm.yaml, or there is more than one.',
  'article-location': 'An Article outside the front matter of a Markdown file, or another kind in one.',
  'usage-csv': 'A usage CSV file has the wrong header or row shape.',
};

/** Every rule's description, for SARIF: the rules are loaded for it only then (a warm run loads no rule otherwise). */
async function ruleDescriptions(): Promise<Record<string, string>> {
  const { RULES } = await import('../../validate/index.js');
  return { ...FILE_RULE_DESCRIPTIONS, ...Object.fromEntries(RULES.map((r) => [r.id, r.description])) };
}

/**
 * `itsm validate [paths...]`: checks the repository that the paths are in (the nearest folder at or above them with
 * itsm.yaml). Given files, it reports only their problems — the rules across documents still read the whole
 * repository — and exits on those alone: a pre-commit hook judges the files being committed.
 * Exit 0 when valid, 1 on errors or too many warnings.
 */
export async function runValidate(paths: readonly string[], options: ValidateOptions): Promise<number> {
  const { root, files } = findRepositoryOfPaths(paths);
  const load = cacheFor(root, options);
  const results = resultsCacheFor(load);
  // An unchanged repository is not loaded at all with --cache: its recorded check is printed (check-repository.ts).
  // The current time is read here, at the edge: the rules about dates that pass (article-review-due, change-approval)
  // need today. Read before the repository, so that a mistake in --now costs no load.
  const argument = nowOption(options.now);
  const now = argument === undefined ? Date.now() : 'instant' in argument ? argument.instant : { date: argument.date };
  const opened = await checkRepository(root, results ? { ...load, results, now } : { ...load, now });
  const given = files === undefined ? undefined : new Set(files);
  const reported = given === undefined ? opened.diagnostics : opened.diagnostics.filter((d) => given.has(d.file));
  const shown = options.quiet ? reported.filter((d) => d.severity === 'error') : reported;
  const rootForDisplay = displayRoot(relative(process.cwd(), root));
  writeStdout(
    formatDiagnostics(options.format, shown, {
      color: options.format === 'stylish' && shouldColor(process.stdout),
      root: rootForDisplay,
      version: VERSION,
      ...(options.format === 'sarif' ? { ruleDescriptions: await ruleDescriptions() } : {}),
    }),
  );
  const { errors, warnings } = countBySeverity(reported);
  const r = opened.counts;
  if (errors === 0 && options.format === 'stylish') {
    const counts = [
      `${r.services} services`,
      `${r.slas} SLAs`,
      `${r.calendars} calendars`,
      `${r.consumers} consumers`,
      // Groups are new with #11; a repository without any keeps the summary it always had.
      ...(r.groups > 0 ? [`${r.groups} groups`] : []),
      `${r.tickets} tickets`,
      `${r.usage} usage records`,
      // Likewise for the kinds of #14: listed only when the repository has some.
      ...(r.changeTemplates > 0 ? [`${r.changeTemplates} change templates`] : []),
      ...(r.articles > 0 ? [`${r.articles} articles`] : []),
      // And for the improvement register of #15.
      ...(r.improvements > 0 ? [`${r.improvements} improvements`] : []),
      // And for the Backstage entities of #16 kept beside the itsm documents.
      ...(r.backstage > 0 ? [`${r.backstage} Backstage entities`] : []),
    ].join(', ');
    const all = opened.files === 1 ? '1 file' : `${opened.files} files`;
    const scope = given === undefined ? `${all} valid (${counts})` : `${givenFiles(given.size)}, valid (of the repository's ${all}: ${counts})`;
    writeStderr(`✔ ${rootForDisplay}: ${scope}${warnings > 0 ? `, ${warnings} warning(s)` : ''}${elsewhere(opened.diagnostics.length - reported.length, rootForDisplay)}`);
  } else if (given !== undefined && options.format === 'stylish') {
    writeStderr(`reported ${givenFiles(given.size)}, of the repository's ${opened.files === 1 ? '1 file' : `${opened.files} files`}${elsewhere(opened.diagnostics.length - reported.length, rootForDisplay)}`);
  }
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    writeStderr(`itsm: too many warnings (${warnings}); the maximum allowed is ${options.maxWarnings}`);
    return 1;
  }
  return 0;
}

function givenFiles(n: number): string {
  return n === 1 ? '1 file given' : `${n} files given`;
}

/** The problems of the files not given are not reported, but not hidden either: their number, and how to see them. */
function elsewhere(problems: number, root: string): string {
  if (problems === 0) return '';
  return `; ${problems === 1 ? '1 problem' : `${problems} problems`} in other files, not reported (\`itsm validate ${root}\` shows them)`;
}
