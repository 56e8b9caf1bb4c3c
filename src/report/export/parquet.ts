import { EXPORT_COLUMNS, type TicketExportRow } from '../../export/tickets.js';
import { fieldColumn, type ParquetColumn } from '../parquet.js';

/**
 * `export tickets --format parquet`: the 38 columns of the CSV, in the same order and with the same names, typed
 * (docs/export.md, Parquet). Instants are TIMESTAMP (UTC, milliseconds), minutes and percentages DOUBLE (the very
 * numbers the CSV and JSON write, already rounded to two decimals), counts INT32, flags BOOLEAN, the agreement's
 * version a DATE, everything else UTF-8 strings. The ticket's own columns are never null; the clock's are null on the
 * row of a ticket without clocks.
 */
type Kind = Parameters<typeof fieldColumn>[1];

const TYPES: Record<(typeof EXPORT_COLUMNS)[number], [Kind, boolean]> = {
  ticket: ['string', false],
  type: ['string', false],
  service: ['string', false],
  consumer: ['string', true],
  title: ['string', false],
  opened: ['timestamp', false],
  status: ['string', false],
  statusCategory: ['string', true],
  priority: ['string', false],
  resolvedAt: ['timestamp', true],
  closedAt: ['timestamp', true],
  reopens: ['int32', false],
  sla: ['string', true],
  slaType: ['string', true],
  metric: ['string', true],
  targetPriority: ['string', true],
  target: ['string', true],
  targetMinutes: ['double', true],
  objectivePercent: ['double', true],
  state: ['string', true],
  warning: ['boolean', true],
  elapsedMinutes: ['double', true],
  pausedMinutes: ['double', true],
  usedPercent: ['double', true],
  startedAt: ['timestamp', true],
  stoppedAt: ['timestamp', true],
  breachedAt: ['timestamp', true],
  dueAt: ['timestamp', true],
  cycles: ['int32', true],
  anyCycleBreached: ['boolean', true],
  asOf: ['timestamp', false],
  group: ['string', true],
  assignee: ['string', true],
  reassignments: ['int32', false],
  slaVersion: ['date', true],
  selectedBy: ['string', true],
  calendar: ['string', true],
  clockGroup: ['string', true],
};

export const TICKET_PARQUET_COLUMNS: readonly ParquetColumn<TicketExportRow>[] = EXPORT_COLUMNS.map((name) => {
  const [kind, nullable] = TYPES[name];
  return fieldColumn<TicketExportRow>(name, kind, nullable);
});
