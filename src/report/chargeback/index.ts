import type { Chargeback } from '../../chargeback/types.js';
import { formatChargebackCsv } from './csv.js';
import { formatChargebackFocus } from './focus.js';
import { chargebackJson, formatChargebackJson } from './json.js';
import { formatChargebackMarkdown } from './markdown.js';
import type { ChargebackFormatOptions } from './shared.js';
import { formatChargebackTable } from './table.js';

export type { ChargebackFormatOptions } from './shared.js';
export type { ChargebackJson, ChargeLineJson } from './json.js';
export { CHARGE_CSV_COLUMNS } from './csv.js';
export { FOCUS_COLUMNS, FOCUS_SERVICE_CATEGORIES, focusServiceCategory } from './focus.js';
export { chargebackJson, formatChargebackCsv, formatChargebackFocus, formatChargebackJson, formatChargebackMarkdown, formatChargebackTable };

/** The `--format` values of `itsm chargeback`. The first is the default. */
export const CHARGEBACK_FORMATS = ['table', 'json', 'csv', 'markdown', 'focus'] as const;
export type ChargebackFormat = (typeof CHARGEBACK_FORMATS)[number];

/** Formats in which `--by` arranges the output; csv and focus always have one row per charge line. */
export const GROUPED_FORMATS: readonly ChargebackFormat[] = ['table', 'json', 'markdown'];

const FORMATTERS: Record<ChargebackFormat, (result: Chargeback, options: ChargebackFormatOptions) => string> = {
  table: formatChargebackTable,
  json: formatChargebackJson,
  csv: formatChargebackCsv,
  markdown: formatChargebackMarkdown,
  focus: formatChargebackFocus,
};

/** Renders a chargeback. Pure: the caller decides colour and where the text goes. */
export function formatChargeback(format: ChargebackFormat, result: Chargeback, options: ChargebackFormatOptions = {}): string {
  return FORMATTERS[format](result, options);
}
