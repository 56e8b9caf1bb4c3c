import type { Diagnostic, Location } from '../../diagnostics/diagnostic.js';
import { displayPath, formatValuePath, sortDiagnostics, type DiagnosticFormatOptions } from './shared.js';

/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards import:
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * Only what the standard requires and what code scanning displays is written; output is stable for the same input.
 */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
export const ITSM_INFORMATION_URI = 'https://itsm.dev';

export function formatSarif(diagnostics: readonly Diagnostic[], options: DiagnosticFormatOptions = {}): string {
  const sorted = sortDiagnostics(diagnostics);
  // Rules in id order; results point at them by index as well as by id (SARIF §3.27.6).
  const ruleIds = [...new Set(sorted.map((d) => d.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'itsm',
            informationUri: ITSM_INFORMATION_URI,
            ...(options.version === undefined ? {} : { version: options.version }),
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: options.ruleDescriptions?.[id] ?? id },
            })),
          },
        },
        // Our columns count UTF-16 code units, as JavaScript strings (and the `yaml` parser's positions) do.
        columnKind: 'utf16CodeUnits',
        results: sorted.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIndex.get(d.rule)!,
          level: d.severity,
          message: { text: d.hint === undefined || d.hint === '' ? d.message : `${d.message}\n${d.hint}` },
          locations: [location(d, options)],
          ...(d.related === undefined || d.related.length === 0
            ? {}
            : {
                relatedLocations: d.related.map((r, id) => ({
                  id,
                  ...location(r, options),
                  message: { text: r.message },
                })),
              }),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(l: Location, options: DiagnosticFormatOptions) {
  const region =
    l.line === undefined
      ? undefined
      : {
          startLine: l.line,
          ...(l.column === undefined ? {} : { startColumn: l.column }),
          ...(l.endLine === undefined ? {} : { endLine: l.endLine }),
          ...(l.endColumn === undefined ? {} : { endColumn: l.endColumn }),
        };
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(displayPath(l.file, options.root)) },
      // A problem with no known line (an unreadable file) is about the whole file: SARIF omits the region then.
      ...(region === undefined ? {} : { region }),
    },
    ...(l.path === undefined || l.path.length === 0
      ? {}
      : { logicalLocations: [{ fullyQualifiedName: formatValuePath(l.path), kind: 'member' }] }),
  };
}

/** A relative URI reference (RFC 3986) for a slash-separated path: each segment percent-encoded. */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
