import { countBySeverity } from '../../diagnostics/diagnostic.js';
import type { DefinitionChanges } from '../../governance/changes.js';
import type { Impact } from '../../governance/impact.js';
import type { DiffReport, ImpactSkipped, RevisionInfo } from '../../governance/report.js';
import type { TicketList } from '../../governance/ticket-list.js';
import { toDiagnosticsJson, type JsonDiagnostic } from '../diagnostics/index.js';

/**
 * The machine-readable `itsm diff`, documented field by field in docs/governance.md. Versioned like the other JSON
 * formats: every key is always present (`null` when absent), keys may be added within a version, none renamed or
 * removed without bumping `version`.
 */
export const DIFF_JSON_VERSION = 1;

export interface DiffJson {
  version: typeof DIFF_JSON_VERSION;
  base: JsonRevision;
  head: JsonRevision;
  changes: DefinitionChanges;
  impact: Impact | null;
  impactSkipped: ImpactSkipped | null;
  /** The changed tickets one by one with `--tickets`, else null. */
  tickets: TicketList | null;
}

export interface JsonRevision {
  name: string;
  commit: string | null;
  errors: number;
  warnings: number;
  diagnostics: JsonDiagnostic[];
}

export function toDiffJson(report: DiffReport): DiffJson {
  return {
    version: DIFF_JSON_VERSION,
    base: revision(report.base),
    head: revision(report.head),
    changes: report.changes,
    impact: report.impact,
    impactSkipped: report.impactSkipped,
    tickets: report.tickets ?? null,
  };
}

export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify(toDiffJson(report), null, 2)}\n`;
}

function revision(info: RevisionInfo): JsonRevision {
  return { name: info.name, commit: info.commit, ...countBySeverity(info.diagnostics), diagnostics: toDiagnosticsJson(info.diagnostics).diagnostics };
}
