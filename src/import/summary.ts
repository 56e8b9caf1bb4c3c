import type { ImportProblem, ImportSummary, ProblemKind } from './types.js';

/**
 * The end of an import, for people (text) and for scripts (JSON). Pure formatters: the CLI decides where they go.
 * The summary goes to stdout; the list of problems is a diagnostic listing and goes to stderr.
 */

export interface SummaryContext {
  source: string;
  /** The input file as the user gave it. */
  file: string;
  /** The repository folder as the user gave it. */
  repository: string;
  dryRun: boolean;
}

/** Rows a skipping problem accounts for (docs: `ImportProblem.rows`). */
export function rowsOf(problem: ImportProblem): number {
  return problem.skipped ? (problem.rows ?? 1) : 0;
}

const KIND_ORDER: readonly ProblemKind[] = ['out-of-order', 'unknown-state', 'unknown-priority', 'unparseable-date', 'missing-field', 'duplicate-row', 'invalid-ticket'];

/** Skipped rows per kind of problem, with the first lines; kinds in a fixed order. */
export function skippedByKind(problems: readonly ImportProblem[]): Array<{ kind: ProblemKind; rows: number; lines: number[] }> {
  const byKind = new Map<ProblemKind, { rows: number; lines: number[] }>();
  for (const p of problems) {
    if (!p.skipped) continue;
    const entry = byKind.get(p.kind) ?? { rows: 0, lines: [] };
    entry.rows += rowsOf(p);
    entry.lines.push(p.line);
    byKind.set(p.kind, entry);
  }
  const kinds = [...byKind.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return kinds.map((kind) => {
    const entry = byKind.get(kind)!;
    return { kind, rows: entry.rows, lines: [...entry.lines].sort((a, b) => a - b) };
  });
}

function rank(kind: ProblemKind): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/** The summary as text, for stdout. */
export function formatSummaryText(summary: ImportSummary, context: SummaryContext): string {
  const out: string[] = [];
  const would = context.dryRun;
  out.push(
    `${would ? 'Dry run of importing' : 'Imported'} ${context.file} (${context.source}) into ${context.repository}: ` +
      `${plural(summary.rowsRead, 'row')} read, ${n(summary.rowsUsed)} used, ${n(summary.rowsSkipped)} skipped`,
  );
  out.push(
    `Tickets: ${n(summary.written)} new, ${n(summary.updated)} updated, ${n(summary.unchanged)} unchanged` +
      (summary.ticketsSkipped > 0 ? `, ${n(summary.ticketsSkipped)} left out as invalid` : ''),
  );
  const count = (action: string) => summary.files.filter((f) => f.action === action).length;
  out.push(
    `Files: ${n(count('create'))} ${would ? 'to create' : 'created'}, ${n(count('update'))} ${would ? 'to update' : 'updated'}, ${n(count('unchanged'))} unchanged`,
  );
  for (const f of summary.files) {
    if (f.action === 'unchanged') continue;
    const verb = f.action === 'create' ? (would ? 'would create' : 'created') : would ? 'would update' : 'updated';
    const detail = f.action === 'create' ? plural(f.tickets, 'ticket') : `${n(f.new ?? 0)} new, ${n(f.updated ?? 0)} updated`;
    const blocked = f.blocked === 'edited' ? ' — edited by hand since the last import: needs --force' : f.blocked === 'foreign' ? ' — not written by itsm import: needs --force' : '';
    out.push(`  ${verb} ${f.file} (${detail})${blocked}`);
  }
  const kinds = skippedByKind(summary.problems);
  if (kinds.length > 0) {
    out.push(`Skipped rows by reason:`);
    const width = Math.max(...kinds.map((k) => k.kind.length));
    const countWidth = Math.max(...kinds.map((k) => n(k.rows).length));
    for (const k of kinds) out.push(`  ${k.kind.padEnd(width)}  ${n(k.rows).padStart(countWidth)}  ${linesText(k.lines)}`);
  }
  const corrected = summary.problems.filter((p) => !p.skipped);
  if (corrected.length > 0) out.push(`Used with a correction: ${plural(corrected.length, 'value')} (${linesText(corrected.map((p) => p.line).sort((a, b) => a - b))})`);
  return `${out.join('\n')}\n`;
}

function linesText(lines: readonly number[], max = 8): string {
  const shown = lines.slice(0, max).map(n).join(', ');
  const more = lines.length > max ? `, … (${n(lines.length - max)} more)` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${more}`;
}

/** The first `limit` problems, one line each (`file:line  kind  message`), for stderr. */
export function formatProblems(problems: readonly ImportProblem[], file: string, limit = 20): string {
  if (problems.length === 0) return '';
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const lines = sorted.slice(0, limit).map((p) => `${file}:${p.line}  ${p.kind}  ${p.message}${p.skipped ? '' : ' (row used)'}`);
  if (problems.length > limit) lines.push(`… and ${n(problems.length - limit)} more problem(s); --format json lists them all`);
  return `${lines.join('\n')}\n`;
}

/** The summary as JSON: a stable, versioned shape. */
export function formatSummaryJson(summary: ImportSummary, context: SummaryContext): string {
  const problems = [...summary.problems].sort((a, b) => a.line - b.line);
  return `${JSON.stringify(
    {
      version: 1,
      source: context.source,
      file: context.file,
      repository: context.repository,
      dryRun: context.dryRun,
      ...summary,
      skippedByKind: Object.fromEntries(skippedByKind(summary.problems).map((k) => [k.kind, k.rows])),
      problems,
    },
    null,
    2,
  )}\n`;
}
