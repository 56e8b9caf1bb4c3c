import { z } from 'zod';
import { Id } from '../model/primitives.js';
import { TicketType } from '../model/ticket-type.js';
import { mappingFileShape } from './mapping-file.js';

/**
 * The mapping file of `itsm import csv FILE --map MAPPING.yaml`: the fields every importer's mapping file has
 * (mapping-file.ts: timeZone, dateFormats, statuses, priorities, service, consumer), plus which columns hold the
 * ticket's fields, what the type column's values mean, the values to use when a column is absent or a cell empty,
 * and the field separator. `itsm import jira --map` takes the same file without `columns` and `delimiter`.
 * Documented with examples in docs/import-jira-csv.md; the types are z.infer of the schemas.
 */

const ColumnName = z.string().trim().min(1, { message: 'expected a column name as the header writes it' });

export const CsvColumns = z.strictObject({
  /** The ticket number, used as the ticket's id. */
  id: ColumnName,
  title: ColumnName,
  /** When the ticket was opened. Optional in the one-row-per-update layout: then its earliest update. */
  opened: ColumnName.optional(),
  type: ColumnName.optional(),
  status: ColumnName.optional(),
  priority: ColumnName.optional(),
  resolved: ColumnName.optional(),
  closed: ColumnName.optional(),
  /** Since when the ticket has its current status (Jira Cloud's "Status Category Changed"). */
  statusSince: ColumnName.optional(),
  /** One-row-per-update layout: when the update of this row was made. Naming it selects that layout. */
  updated: ColumnName.optional(),
  /** One-row-per-update layout: who made the update. */
  actor: ColumnName.optional(),
  /** The person the ticket is assigned to (in the one-row-per-update layout, at that update). */
  assignee: ColumnName.optional(),
});
export type CsvColumns = z.infer<typeof CsvColumns>;

/** What both the CSV and the Jira importers add to the common mapping file. */
const ticketFields = {
  /** Source type → incident, request, problem or change. */
  types: z.record(z.string(), TicketType).optional(),
  /** Used when a column is absent, a cell empty, or its value not in the table. */
  defaults: z
    .strictObject({
      type: TicketType.optional(),
      priority: Id.optional(),
    })
    .optional(),
};

/** The mapping of `itsm import csv`. */
export const CsvMappingFile = z
  .strictObject({
    ...mappingFileShape,
    ...ticketFields,
    columns: CsvColumns,
    /** The field separator: "," (default), ";" (spreadsheets in much of Europe), a tab or "|". */
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
  })
  .superRefine((mapping, ctx) => {
    const { columns } = mapping;
    if (columns.opened === undefined && columns.updated === undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'name the "opened" column (or, for one row per update, the "updated" column)' });
    }
    if (columns.priority === undefined && mapping.defaults?.priority === undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'name the "priority" column, or give defaults.priority for every ticket' });
    }
    if (mapping.service?.column === undefined && mapping.service?.fallback === undefined) {
      ctx.addIssue({ code: 'custom', path: mapping.service ? ['service'] : [], message: 'name the service column (service.column), or give service.fallback for every ticket' });
    }
    if (mapping.consumer !== undefined && mapping.consumer.column === undefined) {
      ctx.addIssue({ code: 'custom', path: ['consumer'], message: 'name the consumer column (consumer.column)' });
    }
    if (mapping.group !== undefined && mapping.group.column === undefined) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'name the assignment group column (group.column)' });
    }
    if (columns.actor !== undefined && columns.updated === undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'actor'], message: '"actor" needs the one-row-per-update layout: name the "updated" column too' });
    }
  });
export type CsvMappingFile = z.infer<typeof CsvMappingFile>;

/** The overrides of `itsm import jira --map`: Jira's columns are known; `service.column` names a Jira field. */
export const JiraMappingFile = z.strictObject({ ...mappingFileShape, ...ticketFields });
export type JiraMappingFile = z.infer<typeof JiraMappingFile>;
