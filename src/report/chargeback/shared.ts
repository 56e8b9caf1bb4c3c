import { formatDecimal, formatMinor, mul, rational, type Rational } from '../../chargeback/money.js';
import { formatAvailability } from '../../chargeback/credits.js';
import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import type { SlaFormatOptions } from '../sla/shared.js';

/** What every chargeback formatter may be told; colour and width are used by `table`, the delimiter by `csv` and `focus`. */
export type ChargebackFormatOptions = Pick<SlaFormatOptions, 'color' | 'width' | 'delimiter'>;

/** Shown for a value that does not exist (no unit price on an allocated share), never as 0. */
export const NONE = '—';

/** Money for people: thousands separated, the currency's decimals: "39,152.77", "-27.63". */
export function money(result: Chargeback, minor: bigint): string {
  return formatMinor(minor, result.minorDigits, true);
}

/** Money for programs (JSON, CSV, FOCUS): no separators, the currency's decimals: "39152.77". */
export function plainMoney(result: Chargeback, minor: bigint): string {
  return formatMinor(minor, result.minorDigits);
}

/** A signed balance for people: "+1,200.00" over-recovered, "-988.57" under-recovered, "0.00". */
export function signedMoney(result: Chargeback, minor: bigint): string {
  return minor > 0n ? `+${money(result, minor)}` : money(result, minor);
}

/** A quantity for people: up to 4 decimals, thousands separated: "1,413", "70.8333". */
export function quantityText(value: Rational): string {
  return formatDecimal(value, 4, 0, true);
}

/** A quantity for programs: exact up to 6 decimals, else rounded to 6: "1413", "70.833333". */
export function plainQuantity(value: Rational | null): string | null {
  return value === null ? null : formatDecimal(value, 6);
}

/** A unit price: as many decimals as it has (up to 4), at least the currency's: "6.50", "0.045". */
export function priceText(result: Chargeback, value: Rational, grouping = true): string {
  return formatDecimal(value, 4, result.minorDigits, grouping);
}

/** A share of a cost in percent, 4 decimals: "1.2422%". */
export function shareText(share: Rational): string {
  return `${formatDecimal(mul(share, rational(100)), 4, 0, true)}%`;
}

/** The model column of the human formats: how the line was priced, in a few words. */
export function modelText(line: ChargeLine): string {
  if (line.kind === 'credit') return `credit ${line.creditPercent}%: ${formatAvailability(line.availability!)} < ${line.below}%`;
  // A line priced by a dated version says which; a line without says nothing, as before versions existed.
  return line.priceVersion === null ? pricedText(line) : `${pricedText(line)}, price from ${line.priceVersion}`;
}

function pricedText(line: ChargeLine): string {
  switch (line.model) {
    case 'per-unit':
    case 'usage':
      return line.tiered ? `${line.model}, tiered` : line.model;
    case 'per-request':
      return `per-request: ${line.offering}`;
    case 'allocation':
      return `allocation: ${line.driver === 'usage' ? line.metric : line.driver} ${shareText(line.share!)}`;
    default:
      return line.model;
  }
}

/** The quantity column of the human formats: "18 mailbox", "5% of 2,522.66". */
export function quantityCell(result: Chargeback, line: ChargeLine): string {
  if (line.kind === 'credit') return `${line.creditPercent}% of ${money(result, line.creditBasis!)}`;
  if (line.quantity === null) return NONE;
  // A prorated monthly price shows its days rather than a rounded fraction: "120 mailbox-days ÷ 30", "15/30 month".
  if (line.unitDays !== null && line.monthDays !== null && line.quantity.d !== 1n) {
    return line.model === 'fixed' ? `${line.unitDays}/${line.monthDays} month` : `${line.unitDays.toLocaleString('en-US')} ${line.unit}-days ÷ ${line.monthDays}`;
  }
  return `${quantityText(line.quantity)} ${line.unit ?? ''}`.trim();
}

/** The unit price column: the price as written, "tiered", or none. */
export function unitPriceCell(result: Chargeback, line: ChargeLine): string {
  if (line.tiered) return 'tiered';
  return line.unitPrice === null ? NONE : priceText(result, line.unitPrice);
}

/** "2026-11-01 to 2026-11-30 (30 days)": the inclusive last day, as people say it. */
export function periodText(result: Chargeback): string {
  const day = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  const days = (day(result.period.to) - day(result.period.from)) / 86_400_000;
  return `${result.period.from} to ${lastDay(result)} (${days} day${days === 1 ? '' : 's'})`;
}

/** Whether the period covers more than one month, so that lines need a month column. */
export function spansMonths(result: Chargeback): boolean {
  return result.period.from.slice(0, 7) !== lastDay(result).slice(0, 7);
}

/** The last day of the period (its `to` is excluded). */
function lastDay(result: Chargeback): string {
  const to = result.period.to;
  return new Date(Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - 86_400_000).toISOString().slice(0, 10);
}

/** Lines in runs of one key, keeping the order of first appearance. */
export function groupLines<K>(lines: readonly ChargeLine[], key: (line: ChargeLine) => K): Array<{ key: K; lines: ChargeLine[] }> {
  const groups = new Map<K, ChargeLine[]>();
  for (const line of lines) {
    const k = key(line);
    const list = groups.get(k);
    if (list) list.push(line);
    else groups.set(k, [line]);
  }
  return [...groups].map(([k, list]) => ({ key: k, lines: list }));
}

/** Σ amounts of the lines of a kind. */
export function totalOf(lines: readonly ChargeLine[], kind: ChargeLine['kind']): bigint {
  return lines.reduce((s, l) => (l.kind === kind ? s + l.amount : s), 0n);
}

/** Lines grouped by service in service order (for `--by service`). */
export function byService(result: Chargeback): Array<{ key: string; lines: ChargeLine[] }> {
  const sorted = [...result.lines].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  return groupLines(sorted, (l) => l.service);
}

/** "ACME Corporation, 2026-11". */
export function titleText(result: Chargeback): string {
  return `Chargeback — ${result.organisation.name}, ${result.period.label}`;
}
