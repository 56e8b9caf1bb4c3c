import type { SlaReport, SummaryRow } from '../../sla/report.js';
import { fieldColumn, type ParquetColumn } from '../parquet.js';

/**
 * `sla report --format parquet`: the report's summary, one row per target (agreement, metric, ticket type,
 * priority, `--by` group, version), the rows of the JSON `summary` with the period and the measurement instant on every
 * row, so that the summaries of many periods or repositories can be appended into one table (docs/export.md,
 * Parquet). The clocks themselves are `export tickets --format parquet`.
 */
export interface SummaryParquetRow extends SummaryRow {
  period: string;
  periodFrom: string;
  periodTo: string;
  asOf: string;
}

type Kind = Parameters<typeof fieldColumn>[1];

const TYPES: [keyof SummaryParquetRow & string, Kind, boolean][] = [
  ['period', 'string', false],
  ['periodFrom', 'timestamp', false],
  ['periodTo', 'timestamp', false],
  ['asOf', 'timestamp', false],
  ['sla', 'string', false],
  ['slaName', 'string', false],
  ['slaType', 'string', false],
  ['metric', 'string', false],
  ['type', 'string', false],
  ['priority', 'string', false],
  ['group', 'string', true],
  ['target', 'string', false],
  ['targetMinutes', 'double', false],
  ['objectivePercent', 'double', false],
  ['measured', 'int32', false],
  ['met', 'int32', false],
  ['breached', 'int32', false],
  ['running', 'int32', false],
  ['warning', 'int32', false],
  ['compliancePercent', 'double', true],
  ['ok', 'boolean', false],
  ['slaVersion', 'date', true],
];

export const SUMMARY_PARQUET_COLUMNS: readonly ParquetColumn<SummaryParquetRow>[] = TYPES.map(([name, kind, nullable]) => fieldColumn<SummaryParquetRow>(name, kind, nullable));

export function summaryParquetRows(report: SlaReport): SummaryParquetRow[] {
  return report.summary.map((s) => ({ period: report.period.label, periodFrom: report.period.from, periodTo: report.period.to, asOf: report.asOf, ...s }));
}
