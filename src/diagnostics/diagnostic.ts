/**
 * One problem found in a repository. Every problem — a YAML syntax error, a schema error, a broken reference —
 * is a Diagnostic, so they all flow through the same formatters.
 */
export type Severity = 'error' | 'warning';

/** Where in the repository a problem is: a file, the document within it, and the path to a value in that document. */
export interface Location {
  /** Path of the file relative to the repository root, with forward slashes. */
  file: string;
  /** 0-based index of the YAML document within the file (files may hold many documents). */
  document?: number;
  /** Path to the value inside the document, e.g. ["spec", "timeline", 2, "at"]. */
  path?: (string | number)[];
  /** Point at the key of the last path segment rather than its value (for unknown or duplicate keys). */
  target?: 'key' | 'value';
  /** 1-based line and column; filled in by the position resolver from the source text. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface Diagnostic extends Location {
  /** Stable rule id, e.g. "schema", "duplicate-id", "unknown-reference". Documented in docs/rules.md. */
  rule: string;
  severity: Severity;
  /** What is wrong, naming the field and what was expected. */
  message: string;
  /** What to do about it, when that is not obvious from the message. */
  hint?: string;
  /** Other places that take part in the problem (the first of two duplicate ids, the members of a cycle). */
  related?: RelatedLocation[];
}

/** Orders diagnostics by file, position, then rule, so output is stable whatever order the rules ran in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    (a.document ?? 0) - (b.document ?? 0) ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
