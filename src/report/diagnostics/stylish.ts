import { Chalk, type ChalkInstance } from 'chalk';
import { countBySeverity, type Diagnostic, type Severity } from '../../diagnostics/diagnostic.js';
import { safeText } from '../text-safe.js';
import { displayPath, pluralize, sortDiagnostics, type DiagnosticFormatOptions } from './shared.js';

/**
 * The human format, modelled on ESLint's `stylish`: a heading per file, then one aligned row per problem
 * (`line:col  severity  message  rule`), with the hint and related locations on indented lines under the message,
 * and a one-line summary. Returns "" when there is nothing to report; the CLI prints its own success line.
 * Messages quote the data (a field name, an id, a file name), so every piece of text goes through `safeText`: a
 * control character in the repository is shown as an escape, never obeyed by the terminal.
 */
export function formatStylish(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions = {}): string {
  if (diagnostics.length === 0) return '';
  // A private instance, so colour is an argument of this call and not chalk's global, environment-sniffed level.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const sections: string[] = [];
  for (const group of groupByFile(sortDiagnostics(diagnostics))) {
    sections.push(formatFile(group, options, chalk));
  }
  const { errors, warnings } = countBySeverity(diagnostics);
  const summary = `✖ ${pluralize(errors + warnings, 'problem')} (${pluralize(errors, 'error')}, ${pluralize(warnings, 'warning')})`;
  const paint = errors > 0 ? chalk.red.bold : chalk.yellow.bold;
  return `${sections.join('\n\n')}\n\n${paint(summary)}\n`;
}

function groupByFile(sorted: readonly Diagnostic[]): Diagnostic[][] {
  const groups: Diagnostic[][] = [];
  for (const d of sorted) {
    const last = groups.at(-1);
    if (last !== undefined && last[0]?.file === d.file) last.push(d);
    else groups.push([d]);
  }
  return groups;
}

interface Row {
  line: string;
  column: string;
  severity: Severity;
  message: string[];
  rule: string;
  diagnostic: Diagnostic;
}

function formatFile(group: readonly Diagnostic[], options: DiagnosticFormatOptions, chalk: ChalkInstance): string {
  const rows: Row[] = group.map((d) => ({
    // Without a line there is no position worth printing (a file that cannot be read, a missing document).
    line: d.line === undefined ? '-' : String(d.line),
    column: d.line === undefined || d.column === undefined ? '' : `:${d.column}`,
    severity: d.severity,
    message: d.message.split(/\r?\n/).map(safeText),
    rule: safeText(d.rule),
    diagnostic: d,
  }));
  // A loop, not Math.max(...rows): spreading a file's 150,000 diagnostics as arguments overflows the call stack.
  const widest = (width: (row: Row) => number) => rows.reduce((max, row) => Math.max(max, width(row)), 0);
  const lineWidth = widest((r) => r.line.length);
  const columnWidth = widest((r) => r.column.length);
  const severityWidth = widest((r) => r.severity.length);
  const messageWidth = widest((r) => r.message[0]!.length);
  // Hints, related locations and further message lines start under the message column.
  const indent = ' '.repeat(2 + lineWidth + columnWidth + 2 + severityWidth + 2);

  const heading = safeText(displayPath(group[0]!.file, options.root));
  const lines = [chalk.underline(heading)];
  for (const row of rows) {
    const position = chalk.dim(row.line.padStart(lineWidth) + row.column) + pad(row.column.length, columnWidth);
    const severity = (row.severity === 'error' ? chalk.red : chalk.yellow)(row.severity) + pad(row.severity.length, severityWidth);
    const first = row.message[0]!;
    lines.push(`  ${position}  ${severity}  ${first}${pad(first.length, messageWidth)}  ${chalk.dim(row.rule)}`);
    for (const more of row.message.slice(1)) lines.push(`${indent}${more}`);
    const d = row.diagnostic;
    if (d.hint !== undefined && d.hint !== '') lines.push(`${indent}${chalk.cyan('hint:')} ${safeText(d.hint)}`);
    for (const related of d.related ?? []) {
      const where = safeText(displayPath(related.file, options.root)) + locationSuffix(related.line, related.column);
      lines.push(`${indent}${chalk.dim(`↳ ${where}`)} ${safeText(related.message)}`);
    }
  }
  return lines.join('\n');
}

function pad(length: number, width: number): string {
  return ' '.repeat(Math.max(0, width - length));
}

function locationSuffix(line: number | undefined, column: number | undefined): string {
  if (line === undefined) return '';
  return column === undefined ? `:${line}` : `:${line}:${column}`;
}
