import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { safeLines, safeText } from '../text-safe.js';
import { displayPath, sortDiagnostics, type DiagnosticFormatOptions } from './shared.js';

/**
 * GitHub Actions workflow commands: one `::error …::message` or `::warning …::message` line per problem, which the
 * runner turns into annotations on the pull request's diff. Printed to stdout by a step, e.g.
 * `itsm validate --format github`.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function formatGithub(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions = {}): string {
  return sortDiagnostics(diagnostics)
    .map((d) => formatCommand(d, options))
    .join('');
}

function formatCommand(d: Diagnostic, options: DiagnosticFormatOptions): string {
  const properties: [string, string | number | undefined][] = [
    ['file', safeText(displayPath(d.file, options.root))],
    ['line', d.line],
    ['col', d.line === undefined ? undefined : d.column],
    ['endLine', d.line === undefined ? undefined : d.endLine],
    ['endColumn', d.line === undefined ? undefined : d.endColumn],
    ['title', `itsm(${d.rule})`],
  ];
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  // An annotation shows one message; the hint and related locations go on its following lines. The runner prints the
  // command in the job's log, which renders ANSI escapes, so data is made safe as in `stylish` (src/report/text-safe.ts).
  const lines = [safeLines(d.message)];
  if (d.hint !== undefined && d.hint !== '') lines.push(`hint: ${safeText(d.hint)}`);
  for (const r of d.related ?? []) {
    const where = [safeText(displayPath(r.file, options.root)), r.line, r.line === undefined ? undefined : r.column]
      .filter((part) => part !== undefined)
      .join(':');
    lines.push(`↳ ${where} ${safeText(r.message)}`);
  }
  return `::${d.severity} ${props}::${escapeData(lines.join('\n'))}\n`;
}

// The escaping of @actions/core's command.ts (escapeData / escapeProperty): the runner decodes exactly these.
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
