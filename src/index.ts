/**
 * The programmatic API of itsm, for people who script it. Everything here is pure except `openRepository`, which
 * reads the folder it is given.
 */
export { openRepository, type OpenedRepository } from './open-repository.js';
export { loadFiles, type LoadedFiles } from './load/load-repository.js';
export { findRepositoryRoot } from './load/find-repository.js';
export { validateDocuments, RULES, type ValidationResult, type Surroundings } from './validate/index.js';
export type { Diagnostic, Severity, Location } from './diagnostics/diagnostic.js';
export { formatDiagnostics, DIAGNOSTIC_FORMATS, type DiagnosticFormat } from './report/diagnostics/index.js';
export * from './model/index.js';
export type { Repository, Entity, SourceRef, ResolvedConfig } from './model/repository.js';
export { buildSlaReport, reportClocks, type SlaReport, type SlaReportOptions, type SlaFilters, type GroupBy, type ClockRows } from './sla/report.js';
export { buildSlaStatus, type SlaStatus } from './sla/status.js';
export { explainTicket, type TicketStory } from './sla/explain.js';
export { resolvePeriod, type Period } from './sla/period.js';
export { formatSlaReport, formatSlaStatus, formatTicketStory, slaReportCsvChunks, slaReportJsonChunks } from './report/sla/index.js';
export { exportTicketRows, formatTicketExport, exportFormatter, EXPORT_COLUMNS, EXPORT_FORMATS, type ExportFormat, type TicketExportRow, type TicketExportOptions, type TicketExportSummary } from './report/export/index.js';
export { buildChargeback, type Chargeback, type ChargebackOptions, type ChargeLine, type ChargebackGroupBy } from './chargeback/index.js';
export { buildChangeImpact, buildChangeCalendar, buildChangeReport, impactSubject, type ChangeImpact, type ChangeCalendar, type ChangeReport } from './practices/change/index.js';
export { buildCatalog, formatCatalog, CATALOG_FORMATS, AUDIENCES, type Catalog, type CatalogOptions, type CatalogFormat, type Audience } from './report/catalog/index.js';
export * as businessTime from './time/index.js';
export { generateJsonSchemas } from './schemas/json-schema.js';
export { scaffoldRepository } from './init/scaffold.js';
export { describeChanges, type DefinitionChanges, type DefinitionChange, type ChangeDetail } from './governance/changes.js';
export { measureImpact, type Impact, type ImpactOptions } from './governance/impact.js';
export { gateFailures, FAIL_ON, type FailOn } from './governance/gate.js';
export type { DiffReport, RevisionInfo } from './governance/report.js';
