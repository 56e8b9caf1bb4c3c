import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import type { DiagnosticFormatOptions, DiagnosticFormatter } from './shared.js';
import { formatStylish } from './stylish.js';

export type { DiagnosticFormatOptions, DiagnosticFormatter } from './shared.js';
export { displayPath, formatValuePath } from './shared.js';
export { DIAGNOSTICS_JSON_VERSION, toDiagnosticsJson, type DiagnosticsJson, type JsonDiagnostic } from './json.js';
export { formatGithub, formatJson, formatSarif, formatStylish };

/** The `--format` values of commands that report diagnostics. The first is the default. */
export const DIAGNOSTIC_FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

const FORMATTERS: Record<DiagnosticFormat, DiagnosticFormatter> = {
  stylish: formatStylish,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
};

export function isDiagnosticFormat(value: string): value is DiagnosticFormat {
  return (DIAGNOSTIC_FORMATS as readonly string[]).includes(value);
}

/**
 * Renders diagnostics in one of the formats. Pure: the caller decides colour and where the text goes.
 * Every format sorts with `compareDiagnostics`, so the output does not depend on the order rules ran in.
 */
export function formatDiagnostics(
  format: DiagnosticFormat,
  diagnostics: readonly Diagnostic[],
  options: DiagnosticFormatOptions = {},
): string {
  return FORMATTERS[format](diagnostics, options);
}
