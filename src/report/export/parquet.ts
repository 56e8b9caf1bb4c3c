import { EXPORT_COLUMNS, type ExportTicket, type TicketState } from '../../export/tickets.js';
import type { ClockRecord } from '../../sla/measure.js';
import { minutes, usedPercent } from '../../sla/rows.js';
import { dateDays, type ParquetField, type ParquetKind, type ParquetTable, type ParquetValue } from '../parquet.js';

/**
 * `export tickets --format parquet`: the 38 columns of the CSV, in the same order and with the same names, typed
 * (docs/export.md, Parquet). Instants are TIMESTAMP (UTC, milliseconds), minutes and percentages DOUBLE (the very
 * numbers the CSV and JSON write, already rounded to two decimals), counts INT32, flags BOOLEAN, the agreement's
 * version a DATE, everything else UTF-8 strings. The ticket's own columns are never null; the clock's are null on the
 * row of a ticket without clocks.
 *
 * The columns are filled ticket by ticket, straight from the ticket's state and its clock records (exportTickets):
 * no text row is built and no ISO instant parsed back, which is what makes the Parquet export as cheap as the CSV.
 */
type Column = (typeof EXPORT_COLUMNS)[number];

/** A column whose value is the ticket's, the same on each of its rows (and on the row of a ticket without clocks). */
interface TicketColumn {
  of: 'ticket';
  kind: Exclude<ParquetKind['type'], 'decimal'>;
  nullable: boolean;
  value: (state: TicketState, asOf: number) => ParquetValue;
}

/** A column whose value is the clock's: null on the row of a ticket without clocks. */
interface ClockColumn {
  of: 'clock';
  kind: Exclude<ParquetKind['type'], 'decimal'>;
  value: (record: ClockRecord, slaType: string | null) => ParquetValue;
}

const ticket = (kind: TicketColumn['kind'], nullable: boolean, value: TicketColumn['value']): TicketColumn => ({ of: 'ticket', kind, nullable, value });
const clock = (kind: ClockColumn['kind'], value: ClockColumn['value']): ClockColumn => ({ of: 'clock', kind, value });

// Each column reads its field with its own function, so that every read stays monomorphic in V8. `minutes` and
// `usedPercent` round exactly as the CSV's row builder does (src/export/tickets.ts), so both hold the same numbers.
const COLUMNS: Record<Column, TicketColumn | ClockColumn> = {
  ticket: ticket('string', false, (t) => t.ticket),
  type: ticket('string', false, (t) => t.type),
  service: ticket('string', false, (t) => t.service),
  consumer: ticket('string', true, (t) => t.consumer),
  title: ticket('string', false, (t) => t.title),
  opened: ticket('timestamp', false, (t) => t.opened),
  status: ticket('string', false, (t) => t.status),
  statusCategory: ticket('string', true, (t) => t.statusCategory),
  priority: ticket('string', false, (t) => t.priority),
  resolvedAt: ticket('timestamp', true, (t) => t.resolvedAt),
  closedAt: ticket('timestamp', true, (t) => t.closedAt),
  reopens: ticket('int32', false, (t) => t.reopens),
  sla: clock('string', (r) => r.sla),
  slaType: clock('string', (_, slaType) => slaType),
  metric: clock('string', (r) => r.metric),
  targetPriority: clock('string', (r) => r.priority),
  target: clock('string', (r) => r.within),
  targetMinutes: clock('double', (r) => minutes(r.targetMs)),
  objectivePercent: clock('double', (r) => r.objective),
  state: clock('string', (r) => r.state),
  warning: clock('boolean', (r) => r.warning),
  elapsedMinutes: clock('double', (r) => minutes(r.elapsedMs)),
  pausedMinutes: clock('double', (r) => minutes(r.pausedMs)),
  usedPercent: clock('double', (r) => usedPercent(r.elapsedMs, r.targetMs)),
  startedAt: clock('timestamp', (r) => r.startedAt),
  stoppedAt: clock('timestamp', (r) => r.stoppedAt),
  breachedAt: clock('timestamp', (r) => r.breachedAt),
  dueAt: clock('timestamp', (r) => r.dueAt),
  cycles: clock('int32', (r) => r.cycles),
  anyCycleBreached: clock('boolean', (r) => r.anyCycleBreached),
  asOf: ticket('timestamp', false, (_, asOf) => asOf),
  group: ticket('string', true, (t) => t.group),
  assignee: ticket('string', true, (t) => t.assignee),
  reassignments: ticket('int32', false, (t) => t.reassignments),
  slaVersion: clock('date', dayOfVersion()),
  selectedBy: clock('string', (r) => r.selectedBy),
  calendar: clock('string', (r) => r.calendar),
  clockGroup: clock('string', (r) => r.assignmentGroup),
};

/** The columns of the file, in the CSV's order. */
export const TICKET_PARQUET_FIELDS: readonly ParquetField[] = EXPORT_COLUMNS.map((name) => {
  const column = COLUMNS[name];
  return { name, kind: { type: column.kind }, nullable: column.of === 'clock' ? true : column.nullable };
});

/** The export's table: each ticket of exportTickets adds one row per clock, or one row without a clock. */
export function ticketParquetTable(asOf: number): ParquetTable<ExportTicket> {
  const columns = EXPORT_COLUMNS.map((name) => COLUMNS[name]);
  return {
    fields: TICKET_PARQUET_FIELDS,
    append({ state, clocks, slaTypes }, lists) {
      const rows = Math.max(1, clocks.length);
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const list = lists[c]!;
        if (column.of === 'ticket') {
          const value = column.value(state, asOf);
          for (let i = 0; i < rows; i++) list.push(value);
        } else if (clocks.length === 0) {
          list.push(null);
        } else {
          for (let i = 0; i < clocks.length; i++) list.push(column.value(clocks[i]!, slaTypes[i]!));
        }
      }
      return rows;
    },
  };
}

/** The version's date (`YYYY-MM-DD`) as days since 1970-01-01, converted once per distinct version. */
function dayOfVersion(): (record: ClockRecord) => number | null {
  let lastText: string | null = null;
  let lastDays: number | null = null;
  return (record) => {
    if (record.slaVersion !== lastText) {
      lastText = record.slaVersion;
      lastDays = dateDays(lastText);
    }
    return lastDays;
  };
}
