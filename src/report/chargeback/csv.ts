import type { Chargeback } from '../../chargeback/types.js';
import { csvHeader, csvRecord, type CsvOptions } from '../csv.js';
import { lineJson, type ChargeLineJson } from './json.js';

/**
 * `--format csv`: one row per charge line with the inputs that produced it, the fields of the JSON `lines` in the
 * same order (`tickets` joined by spaces). Quoting, line ends and the formula-injection guard are those of the SLA
 * CSV (src/report/csv.ts: RFC 4180 quoting for the delimiter, LF, `'` before free text that a spreadsheet would run
 * as a formula). Money and quantities
 * are plain decimals ("39152.77"); an empty field is null.
 */
export const CHARGE_CSV_COLUMNS = [
  'kind',
  'consumer',
  'consumerName',
  'costCenter',
  'service',
  'serviceName',
  'serviceCategory',
  'model',
  'period',
  'start',
  'end',
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'amount',
  'unitDays',
  'monthDays',
  'tiered',
  'serviceQuantity',
  'serviceAmount',
  'offering',
  'offeringName',
  'tickets',
  'driver',
  'metric',
  'driverQuantity',
  'driverTotal',
  'share',
  'costBasis',
  'sla',
  'availability',
  'below',
  'creditPercent',
  'creditBasis',
] as const satisfies readonly (keyof ChargeLineJson)[];

/** Free text that people type (names, descriptions, units), which gets the formula-injection guard. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['consumerName', 'costCenter', 'serviceName', 'serviceCategory', 'description', 'unit', 'offeringName']);

const IS_TEXT = CHARGE_CSV_COLUMNS.map((c) => TEXT_COLUMNS.has(c));

/** With dated price versions, a last column names the version that priced each line (docs/chargeback.md). */
const VERSIONED_COLUMNS = [...CHARGE_CSV_COLUMNS, 'priceVersion'] as const satisfies readonly (keyof ChargeLineJson)[];

export function formatChargebackCsv(result: Chargeback, options: CsvOptions = {}): string {
  const columns = result.priceVersions ? VERSIONED_COLUMNS : CHARGE_CSV_COLUMNS;
  const isText = result.priceVersions ? [...IS_TEXT, false] : IS_TEXT;
  let out = csvHeader(columns, options.delimiter);
  for (const line of result.lines) {
    const json = lineJson(result, line);
    out += csvRecord(
      columns.map((column) => {
        const value = json[column];
        return Array.isArray(value) ? value.join(' ') : (value ?? null);
      }),
      isText,
      options.delimiter,
    );
  }
  return out;
}
