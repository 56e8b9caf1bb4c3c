import { countBySeverity, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import { displayPath, formatValuePath, sortDiagnostics, type DiagnosticFormatOptions } from './shared.js';

/**
 * The machine-readable format. Its shape is a contract with scripts and CI jobs, so it is versioned and every key
 * is always present (`null` when unknown, `[]` when empty); a new key may be added within a version, nothing is
 * renamed or removed without bumping `version`.
 */
export const DIAGNOSTICS_JSON_VERSION = 1;

export interface JsonLocation {
  /** The file as printed: relative to where the command ran (the display root joined with the repository path). */
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number | null;
  /** 1-based. */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** Dotted path to the value, e.g. `spec.timeline[2].at`; "" is the whole document. */
  path: string | null;
}

export interface JsonDiagnostic extends JsonLocation {
  severity: Diagnostic['severity'];
  rule: string;
  message: string;
  hint: string | null;
  related: (JsonLocation & { message: string })[];
}

export interface DiagnosticsJson {
  version: typeof DIAGNOSTICS_JSON_VERSION;
  summary: { errors: number; warnings: number; files: number };
  diagnostics: JsonDiagnostic[];
}

export function toDiagnosticsJson(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions = {}): DiagnosticsJson {
  const sorted = sortDiagnostics(diagnostics);
  return {
    version: DIAGNOSTICS_JSON_VERSION,
    // `files` counts the files that have at least one problem.
    summary: { ...countBySeverity(sorted), files: new Set(sorted.map((d) => d.file)).size },
    diagnostics: sorted.map((d) => {
      const { path, ...position } = location(d, options);
      // Key order is the documented order (JSON.stringify keeps insertion order).
      return {
        ...position,
        severity: d.severity,
        rule: d.rule,
        message: d.message,
        hint: d.hint ?? null,
        path,
        related: (d.related ?? []).map((r) => ({ ...location(r, options), message: r.message })),
      };
    }),
  };
}

export function formatJson(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions = {}): string {
  return `${JSON.stringify(toDiagnosticsJson(diagnostics, options), null, 2)}\n`;
}

function location(l: Location, options: DiagnosticFormatOptions): JsonLocation {
  return {
    file: displayPath(l.file, options.root),
    document: l.document ?? null,
    line: l.line ?? null,
    column: l.column ?? null,
    endLine: l.endLine ?? null,
    endColumn: l.endColumn ?? null,
    path: pathOf(l),
  };
}

function pathOf(l: Location): string | null {
  return l.path === undefined ? null : formatValuePath(l.path);
}
