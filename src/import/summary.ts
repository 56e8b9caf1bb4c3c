import type { ImportProblem, ImportSummary, ProblemKind, UnmappedValue } from './types.js';

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

const KIND_ORDER: readonly ProblemKind[] = [
  'out-of-order',
  'unknown-state',
  'unknown-priority',
  'unparseable-date',
  'missing-field',
  'duplicate-row',
  'invalid-ticket',
  'timeline-would-lose-events',
];

/** The lines of one problem: one line, or a range when its row spans several (`last` is then set). */
export interface LineSpan {
  line: number;
  last?: number;
}

/** Skipped rows per kind of problem, with their lines; kinds in a fixed order. */
export function skippedByKind(problems: readonly ImportProblem[]): Array<{ kind: ProblemKind; rows: number; lines: LineSpan[] }> {
  const byKind = new Map<ProblemKind, { rows: number; lines: LineSpan[] }>();
  for (const p of problems) {
    if (!p.skipped) continue;
    const entry = byKind.get(p.kind) ?? { rows: 0, lines: [] };
    entry.rows += rowsOf(p);
    entry.lines.push(p.lastLine === undefined ? { line: p.line } : { line: p.line, last: p.lastLine });
    byKind.set(p.kind, entry);
  }
  const kinds = [...byKind.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return kinds.map((kind) => {
    const entry = byKind.get(kind)!;
    return { kind, rows: entry.rows, lines: [...entry.lines].sort((a, b) => a.line - b.line) };
  });
}

/** A source value that maps to nothing, with what it cost: the tickets it occurs in, and the rows skipped for it. */
export interface UnmappedCount extends UnmappedValue {
  tickets: number;
  rows: number;
}

const FIELD_ORDER: ReadonlyArray<UnmappedValue['field']> = ['service', 'type', 'status', 'priority', 'group'];

/**
 * The values that map to nothing, each once with its counts: by field (service, type, status, priority) and column,
 * then by tickets, rows skipped and value — the first ones are those whose mapping recovers the most tickets.
 */
export function unmappedValues(problems: readonly ImportProblem[]): UnmappedCount[] {
  const byValue = new Map<string, { value: UnmappedValue; tickets: Set<string>; anonymous: number; rows: number }>();
  for (const p of problems) {
    if (!p.unmapped) continue;
    const key = JSON.stringify([p.unmapped.field, p.unmapped.column, p.unmapped.value]);
    let entry = byValue.get(key);
    if (!entry) byValue.set(key, (entry = { value: p.unmapped, tickets: new Set(), anonymous: 0, rows: 0 }));
    if (p.ticket === undefined) entry.anonymous++;
    else entry.tickets.add(p.ticket);
    entry.rows += rowsOf(p);
  }
  const out = [...byValue.values()].map((e): UnmappedCount => ({ ...e.value, tickets: e.tickets.size + e.anonymous, rows: e.rows }));
  return out.sort(
    (a, b) =>
      FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
      compareText(a.column, b.column) ||
      b.tickets - a.tickets ||
      b.rows - a.rows ||
      compareText(a.value, b.value),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  const lines = summary.lines;
  // Only when the lines say more than the rows: a row over several lines, blank lines, a header over several lines.
  if (lines && (lines.rows !== summary.rowsRead || lines.blank > 0 || lines.header !== 1)) {
    out.push(
      `Lines: ${n(lines.total)} in the file = ${n(lines.header)} in the header + ${n(lines.rows)} in the ${plural(summary.rowsRead, 'row')}` +
        (lines.blank > 0 ? ` + ${n(lines.blank)} blank` : ''),
    );
  }
  out.push(
    `Tickets: ${n(summary.written)} new, ${n(summary.updated)} updated, ${n(summary.unchanged)} unchanged` +
      (summary.ticketsSkipped > 0 ? `, ${n(summary.ticketsSkipped)} left out as invalid` : '') +
      (summary.ticketsKept > 0 ? `, ${n(summary.ticketsKept)} kept as ${summary.ticketsKept === 1 ? 'it was' : 'they were'} (the import would drop timeline events)` : ''),
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
  out.push(...groupsText(summary, would));
  const kinds = skippedByKind(summary.problems);
  if (kinds.length > 0) {
    out.push(`Skipped rows by reason:`);
    const width = Math.max(...kinds.map((k) => k.kind.length));
    const countWidth = Math.max(...kinds.map((k) => n(k.rows).length));
    for (const k of kinds) out.push(`  ${k.kind.padEnd(width)}  ${n(k.rows).padStart(countWidth)}  ${linesText(k.lines)}`);
  }
  out.push(...unmappedText(unmappedValues(summary.problems)));
  const corrected = summary.problems.filter((p) => !p.skipped);
  if (corrected.length > 0) out.push(`Used with a correction: ${plural(corrected.length, 'value')} (${linesText(corrected.map((p) => ({ line: p.line })).sort((a, b) => a.line - b.line))})`);
  return `${out.join('\n')}\n`;
}

function linesText(lines: readonly LineSpan[], max = 8): string {
  const shown = lines
    .slice(0, max)
    .map((s) => (s.last === undefined ? n(s.line) : `${n(s.line)}–${n(s.last)}`))
    .join(', ');
  const more = lines.length > max ? `, … (${n(lines.length - max)} more)` : '';
  return `${lines.length === 1 && lines[0]!.last === undefined ? 'line' : 'lines'} ${shown}${more}`;
}

/** How many groups the text summary lists; `--format json` has them all. */
export const GROUPS_SHOWN = 10;

/** `Groups: 8 (7 created, 1 already in the repository)`, then a line per group, most tickets first. */
function groupsText(summary: ImportSummary, would: boolean): string[] {
  const groups = summary.groups ?? [];
  if (groups.length === 0) return [];
  const count = (document: string) => groups.filter((g) => g.document === document).length;
  const parts = [
    count('create') > 0 ? `${n(count('create'))} ${would ? 'to create' : 'created'}` : '',
    count('exists') > 0 ? `${n(count('exists'))} already in the repository` : '',
    count('blocked') > 0 ? `${n(count('blocked'))} not written (their file exists)` : '',
  ].filter((p) => p !== '');
  const out = [`Groups: ${n(groups.length)} (${parts.join(', ')})`];
  const shown = groups.slice(0, GROUPS_SHOWN);
  const idWidth = Math.max(...shown.map((g) => g.id.length));
  const nameWidth = Math.max(...shown.map((g) => names(g.values).length));
  const ticketWidth = Math.max(...shown.map((g) => n(g.tickets).length));
  const ticketWord = (count: number) => (count !== 1 ? 'tickets' : shown.some((g) => g.tickets !== 1) ? 'ticket ' : 'ticket');
  for (const g of shown) {
    const what =
      g.document === 'create'
        ? `${would ? 'would create' : 'created'} ${g.file}`
        : g.document === 'exists'
          ? `in ${g.file}`
          : `${g.file} exists and does not define it: not written, define the group yourself`;
    out.push(`  ${g.id.padEnd(idWidth)}  ${names(g.values).padEnd(nameWidth)}  ${n(g.tickets).padStart(ticketWidth)} ${ticketWord(g.tickets)}  ${what}`);
  }
  if (groups.length > shown.length) out.push(`  … and ${plural(groups.length - shown.length, 'more group')} (--format json lists them all)`);
  return out;
}

/** A group's source names as the summary shows them: `"Group 70"`, or `-` when the repository's id was used as is. */
function names(values: readonly string[]): string {
  return values.length === 0 ? '-' : values.map((v) => JSON.stringify(v)).join(', ');
}

/** How many values of each column the text summary lists; `--format json` has them all. */
export const UNMAPPED_SHOWN = 10;

/** The unmapped values, a block per column: `category → service: 53 values, …`, then the values, most tickets first. */
function unmappedText(values: readonly UnmappedCount[]): string[] {
  if (values.length === 0) return [];
  const out = ['Values that map to nothing (most tickets first):'];
  const groups = new Map<string, UnmappedCount[]>();
  for (const v of values) {
    const key = JSON.stringify([v.field, v.column]);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  for (const group of groups.values()) {
    const { field, column } = group[0]!;
    const tickets = group.reduce((sum, v) => sum + v.tickets, 0);
    const rows = group.reduce((sum, v) => sum + v.rows, 0);
    out.push(`  ${column} → ${field}: ${plural(group.length, 'value')}, ${plural(tickets, 'ticket')}, ${plural(rows, 'row')} skipped`);
    const shown = group.slice(0, UNMAPPED_SHOWN);
    const valueWidth = Math.max(...shown.map((v) => JSON.stringify(v.value).length));
    const ticketWidth = Math.max(...shown.map((v) => n(v.tickets).length));
    const rowWidth = Math.max(...shown.map((v) => n(v.rows).length));
    const ticketWord = (count: number) => (count !== 1 ? 'tickets' : shown.some((v) => v.tickets !== 1) ? 'ticket ' : 'ticket');
    for (const v of shown) {
      const tickets = `${n(v.tickets).padStart(ticketWidth)} ${ticketWord(v.tickets)}`;
      out.push(`    ${JSON.stringify(v.value).padEnd(valueWidth)}  ${tickets}  ${n(v.rows).padStart(rowWidth)} ${v.rows === 1 ? 'row' : 'rows'}`);
    }
    if (group.length > shown.length) out.push(`    … and ${plural(group.length - shown.length, 'more value')} (--format json lists them all)`);
  }
  return out;
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
      unmapped: unmappedValues(summary.problems),
      problems,
    },
    null,
    2,
  )}\n`;
}

/** What the sentence about an import that used no row needs to know besides the summary. */
export interface NothingUsedContext {
  /** The input file as the user gave it. */
  file: string;
  /** The repository folder as shown. */
  repository: string;
  /** The repository's service ids, to suggest one for --default-service. */
  services: readonly string[];
  dryRun: boolean;
}

const DOCS = 'docs/import.md#when-nothing-is-imported';

/**
 * One sentence for an import that read rows and used none: the cause that skipped the most rows (a field whose values
 * map to nothing, else a kind of problem), and what to do about it.
 */
export function nothingUsedReason(summary: ImportSummary, context: NothingUsedContext): string {
  const causes = new Map<string, number>();
  for (const p of summary.problems) {
    if (!p.skipped) continue;
    const key = p.unmapped ? `unmapped:${p.unmapped.field}` : p.kind;
    causes.set(key, (causes.get(key) ?? 0) + rowsOf(p));
  }
  const top = [...causes].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
  const head = `nothing ${context.dryRun ? 'would be' : 'was'} imported from ${context.file}: `;
  const repo = context.repository;
  if (top?.startsWith('unmapped:')) {
    const field = top.slice('unmapped:'.length) as UnmappedValue['field'];
    const values = unmappedValues(summary.problems).filter((v) => v.field === field);
    const column = values[0]!.column;
    const these =
      values.length === 1
        ? `the one value of column "${column}", ${JSON.stringify(values[0]!.value)},`
        : `the ${n(values.length)} values of column "${column}" (listed in the summary)`;
    const verb = values.length === 1 ? 'maps' : 'map';
    switch (field) {
      case 'service': {
        const services = context.services;
        const suggestion = services.length === 1 ? services[0]! : `<id> (${services.slice(0, 5).join(', ')}${services.length > 5 ? ', …' : ''})`;
        const todo =
          services.length === 0
            ? `${repo} has no service yet: add one under services/ (docs/format.md), then re-run with --default-service <its id> to import every ticket under it, or map the values to services under service.values in a --map file (${DOCS})`
            : `re-run with --default-service ${suggestion} to import every ticket under one service now and map the values to their services later (a re-import moves the tickets), or map them under service.values in a --map file (${DOCS})`;
        return `${head}${these} ${verb} to no service of ${repo} and there is no fallback service; ${todo}`;
      }
      case 'status':
        return `${head}${these} ${verb} to no status of ${repo}; map ${values.length === 1 ? 'it' : 'them'} to statuses under "statuses" in a --map file (${DOCS})`;
      case 'priority':
        return `${head}${these} ${verb} to no priority of ${repo}; map ${values.length === 1 ? 'it' : 'them'} to priorities under "priorities" in a --map file (${DOCS})`;
      case 'type':
        return `${head}${these} ${verb} to no ticket type; map ${values.length === 1 ? 'it' : 'them'} under "types" in the --map file, or give defaults.type (docs/import-jira-csv.md)`;
      case 'group':
        // A group value without an id never skips a row; listed for completeness of the switch.
        return `${head}${these} ${verb} to no group id; map ${values.length === 1 ? 'it' : 'them'} under group.values in a --map file (docs/import.md#assignment-groups)`;
    }
  }
  switch (top) {
    case 'unparseable-date':
      return `${head}no row has a date that can be read (see the problems); name the export's date format under "dateFormats" in a --map file (docs/import.md#dates-and-time-zones)`;
    case 'missing-field':
      return `${head}no row is a well-formed record with the values a ticket needs (see the problems: a wrong delimiter, a quote never closed, an empty column); fix the export or the mapping's columns, then import again`;
    case 'invalid-ticket':
      return `${head}no ticket would be valid in ${repo} (see the problems, which name the rule); fix the mapping or the repository, then import again`;
    case 'out-of-order':
      return `${head}every update is out of order (see the problems); check the date formats and --time-zone, then import again`;
    case 'timeline-would-lose-events':
      return (
        `${head}its tickets are in ${repo} with timeline events that it would drop (see the problems), so they keep the version there; ` +
        `if ${context.file} is complete, re-run with --replace-timelines to let its timelines replace them (docs/import.md#timelines-what-a-re-import-may-change)`
      );
    default:
      return `${head}every row was skipped (see the problems and "Skipped rows by reason"); fix what they name, then import again`;
  }
}
