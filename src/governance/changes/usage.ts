import type { Entity } from '../../model/repository.js';
import type { UsageRecord } from '../../model/usage.js';
import type { ChangeDetail, DefinitionChange } from '../changes.js';
import { ARROW, byText, count, quantitySumText } from './words.js';

/**
 * Usage records have no id of their own (a Usage document's id is not kept by the loader, a CSV row has none), so a
 * usage file is the unit: its id is its path. Within a file, records are compared by what they charge: the quantity
 * of a metric of a service used by a consumer in a month.
 */
export function usageChanges(base: readonly Entity<UsageRecord>[], head: readonly Entity<UsageRecord>[]): DefinitionChange[] {
  const was = byFile(base);
  const now = byFile(head);
  const changes: DefinitionChange[] = [];
  for (const [file, records] of now) {
    const old = was.get(file);
    if (!old) changes.push({ kind: 'Usage', id: file, action: 'added', file, document: 0, details: [summary('added', records)] });
    else {
      const details = monthChanges(old, records);
      if (details.length > 0) changes.push({ kind: 'Usage', id: file, action: 'changed', file, document: 0, details });
    }
  }
  for (const [file, records] of was) {
    if (!now.has(file)) changes.push({ kind: 'Usage', id: file, action: 'removed', file, document: 0, details: [summary('removed', records)] });
  }
  return changes;
}

function byFile(entities: readonly Entity<UsageRecord>[]): Map<string, UsageRecord[]> {
  const map = new Map<string, UsageRecord[]>();
  for (const e of entities) {
    const list = map.get(e.source.file);
    if (list) list.push(e.doc);
    else map.set(e.source.file, [e.doc]);
  }
  return map;
}

function summary(action: 'added' | 'removed', records: readonly UsageRecord[]): ChangeDetail {
  const dates = records.map((r) => r.date).sort(byText);
  const range = dates.length === 0 ? '' : `, ${dates[0]} to ${dates[dates.length - 1]}`;
  const text = `${action} (${count(records.length, 'record')}${range})`;
  return { field: '', before: action === 'removed' ? String(records.length) : null, after: action === 'added' ? String(records.length) : null, text };
}

interface MonthGroup {
  label: string;
  quantities: number[];
  /** The records as "date quantity", sorted: two groups with equal keys hold the same records. */
  records: string[];
}

function groups(records: readonly UsageRecord[]): Map<string, MonthGroup> {
  const map = new Map<string, MonthGroup>();
  for (const r of records) {
    const month = r.date.slice(0, 7);
    const key = `${r.service}\u0000${r.metric}\u0000${r.consumer}\u0000${month}`;
    let group = map.get(key);
    if (!group) {
      group = { label: `${r.service} ${r.metric} of ${r.consumer} in ${month}`, quantities: [], records: [] };
      map.set(key, group);
    }
    group.quantities.push(r.quantity);
    group.records.push(`${r.date} ${r.quantity}`);
  }
  for (const group of map.values()) group.records.sort(byText);
  return map;
}

/** "storage gb-month of finance in 2026-10: 1,200 → 1,450"; the same total over different records says so. */
function monthChanges(before: readonly UsageRecord[], after: readonly UsageRecord[]): ChangeDetail[] {
  const was = groups(before);
  const now = groups(after);
  const details: ChangeDetail[] = [];
  for (const key of [...new Set([...was.keys(), ...now.keys()])].sort(byText)) {
    const b = was.get(key);
    const a = now.get(key);
    if (b && a && b.records.join('\n') === a.records.join('\n')) continue;
    const label = (a ?? b)!.label;
    const bq = b ? quantitySumText(b.quantities) : null;
    const aq = a ? quantitySumText(a.quantities) : null;
    const field = `usage.${key.replaceAll('\u0000', '.')}`;
    const text =
      bq === null ? `${label}: ${aq} added` : aq === null ? `${label}: ${bq} removed` : bq === aq ? `${label}: ${aq} unchanged, records changed` : `${label}: ${bq} ${ARROW} ${aq}`;
    details.push({ field, before: bq, after: aq, text });
  }
  return details;
}
