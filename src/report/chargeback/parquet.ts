import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import { decimalTextColumn, fieldColumn, type ParquetColumn } from '../parquet.js';
import { CHARGE_CSV_COLUMNS } from './csv.js';
import { lineJson, type ChargeLineJson } from './json.js';

/**
 * `chargeback --format parquet`: one row per charge line, the columns of `--format csv` in the same order, typed
 * (docs/export.md, Parquet). Money is DECIMAL(18, the currency's minor digits) taken from the exact minor units
 * (cents), never through a float, so that `SUM(amount)` in DuckDB or Spark is the statement's total to the cent.
 * Quantities are DECIMAL(18, 6), unit prices DECIMAL(18, 4), shares DECIMAL(18, 10) and availability DECIMAL(18, 3):
 * the decimals the JSON writes. The charge period's bounds and the price version are DATEs (local dates); the
 * tickets of a per-request line are one string, separated by spaces, as in the CSV.
 */
export interface ChargeParquetRow {
  line: ChargeLine;
  json: ChargeLineJson;
}

type Column = ParquetColumn<ChargeParquetRow>;

const json = (name: keyof ChargeLineJson & string, kind: Parameters<typeof fieldColumn>[1], nullable: boolean): Column => {
  const inner = fieldColumn<ChargeLineJson>(name, kind, nullable);
  return { ...inner, value: (row) => inner.value(row.json) };
};

const money = (name: 'serviceAmount' | 'costBasis' | 'creditBasis' | 'amount', minorDigits: number): Column => ({
  name,
  kind: { type: 'decimal', precision: 18, scale: minorDigits },
  nullable: name !== 'amount',
  value: (row) => row.line[name],
});

const decimal = (name: keyof ChargeLineJson & string, scale: number): Column => decimalTextColumn<ChargeParquetRow>(name, scale, true, (row) => row.json[name] as string | null);

/** The columns for a statement in a currency of `minorDigits` decimals, with `priceVersion` when the repository dates its prices. */
export function chargeParquetColumns(minorDigits: number, priceVersions: boolean): Column[] {
  const byName: Record<(typeof CHARGE_CSV_COLUMNS)[number], Column> = {
    kind: json('kind', 'string', false),
    consumer: json('consumer', 'string', true),
    consumerName: json('consumerName', 'string', true),
    costCenter: json('costCenter', 'string', true),
    service: json('service', 'string', false),
    serviceName: json('serviceName', 'string', false),
    serviceCategory: json('serviceCategory', 'string', false),
    model: json('model', 'string', false),
    period: json('period', 'string', false),
    start: json('start', 'date', false),
    end: json('end', 'date', false),
    description: json('description', 'string', false),
    quantity: decimal('quantity', 6),
    unit: json('unit', 'string', true),
    unitPrice: decimal('unitPrice', 4),
    amount: money('amount', minorDigits),
    unitDays: json('unitDays', 'int32', true),
    monthDays: json('monthDays', 'int32', true),
    tiered: json('tiered', 'boolean', false),
    serviceQuantity: decimal('serviceQuantity', 6),
    serviceAmount: money('serviceAmount', minorDigits),
    offering: json('offering', 'string', true),
    offeringName: json('offeringName', 'string', true),
    tickets: { name: 'tickets', kind: { type: 'string' }, nullable: false, value: (row) => row.json.tickets.join(' ') },
    driver: json('driver', 'string', true),
    metric: json('metric', 'string', true),
    driverQuantity: decimal('driverQuantity', 6),
    driverTotal: decimal('driverTotal', 6),
    share: decimal('share', 10),
    costBasis: money('costBasis', minorDigits),
    sla: json('sla', 'string', true),
    availability: decimal('availability', 3),
    below: json('below', 'double', true),
    creditPercent: json('creditPercent', 'double', true),
    creditBasis: money('creditBasis', minorDigits),
  };
  const columns = CHARGE_CSV_COLUMNS.map((name) => byName[name]);
  return priceVersions ? [...columns, json('priceVersion', 'date', true)] : columns;
}

/** The rows of a statement, for chargeParquetColumns. */
export function chargeParquetRows(result: Chargeback): ChargeParquetRow[] {
  return result.lines.map((line) => ({ line, json: lineJson(result, line) }));
}
