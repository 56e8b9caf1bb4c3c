import { formatDecimal, minorDigitsOf, parseDecimal, sum } from '../../chargeback/money.js';
import { parseDuration } from '../../model/primitives.js';
import type { ChangeDetail } from '../changes.js';

/**
 * The words changes are written in: values as a reader writes them in the YAML, so that a line of `itsm diff` can be
 * checked against the file. Money is exact decimal text (never a float), durations keep their notation, dates are
 * YYYY-MM-DD as written.
 */

export const ARROW = '→';

/** An amount of money as exact text with at least the currency's minor digits: 6.5 → "6.50", 9400 → "9,400.00". */
export function moneyText(amount: number | string, currency: string): string {
  return formatDecimal(parseDecimal(amount), 4, minorDigitsOf(currency), true);
}

/** A quantity (units, usage) as exact text: 1200.5 → "1,200.5". */
export function quantityText(value: number | string): string {
  return formatDecimal(parseDecimal(value), 10, 0, true);
}

/** Exact sum of quantities, as text. */
export function quantitySumText(values: readonly number[]): string {
  return formatDecimal(sum(values.map((v) => parseDecimal(v))), 10, 0, true);
}

export { formatPercent as percentText } from '../../catalog/words.js';

/** Two durations are the same when they mean the same time ("8h", "PT8H" and "480m" are one duration). */
export function sameDuration(a: string, b: string): boolean {
  const x = parseDuration(a);
  const y = parseDuration(b);
  if (!x || !y) return a === b;
  if (x.kind === 'fixed' && y.kind === 'fixed') return x.minutes === y.minutes;
  if (x.kind === 'businessDays' && y.kind === 'businessDays') return x.days === y.days;
  return false;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** Deep equality of plain data (parsed YAML): key order does not matter, array order does. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keysX = Object.keys(x).filter((k) => x[k] !== undefined);
  const keysY = Object.keys(y).filter((k) => y[k] !== undefined);
  if (keysX.length !== keysY.length) return false;
  for (const k of keysX) if (!Object.hasOwn(y, k) || !sameData(x[k], y[k])) return false;
  return true;
}

/** Code-unit order, so that the output does not depend on the machine's locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A detail whose words are "<label> <before> → <after>", "<label> <after> added" or "<label> <before> removed". */
export function valueChange(field: string, label: string, before: string | null, after: string | null): ChangeDetail {
  const text =
    before === null ? `${label} ${after ?? ''} added` : after === null ? `${label} ${before} removed` : `${label} ${before} ${ARROW} ${after}`;
  return { field, before, after, text };
}

/**
 * One detail per item added to or removed from a list ("depends on crm added"), never the whole list replaced:
 * a reviewer reads what moved. Order: the head's order for added items, the base's for removed ones, added first.
 */
export function listChanges(field: string, label: string, before: readonly string[] | undefined, after: readonly string[] | undefined): ChangeDetail[] {
  const was = new Set(before ?? []);
  const now = new Set(after ?? []);
  const details: ChangeDetail[] = [];
  for (const item of now) if (!was.has(item)) details.push({ field: `${field}.${item}`, before: null, after: item, text: `${label} ${item} added` });
  for (const item of was) if (!now.has(item)) details.push({ field: `${field}.${item}`, before: item, after: null, text: `${label} ${item} removed` });
  return details;
}

/** A scalar field compared as text; absent is `fallback` (a default) or null when the field has none. */
export function scalarChange(field: string, label: string, before: string | undefined, after: string | undefined, fallback?: string): ChangeDetail[] {
  const b = before ?? fallback ?? null;
  const a = after ?? fallback ?? null;
  return b === a ? [] : [valueChange(field, label, b, a)];
}

/** A free-text field (a description): the words say it changed, not the whole text. */
export function textChange(field: string, label: string, before: string | undefined, after: string | undefined): ChangeDetail[] {
  if ((before ?? '') === (after ?? '')) return [];
  const text = before === undefined ? `${label} added` : after === undefined ? `${label} removed` : `${label} changed`;
  return [{ field, before: before ?? null, after: after ?? null, text }];
}

/** "1 service", "3 services". */
export { countOf as count } from '../../catalog/words.js';
