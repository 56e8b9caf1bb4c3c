import type { Metadata } from '../../model/envelope.js';
import type { ChangeDetail } from '../changes.js';
import { byText, scalarChange, valueChange } from './words.js';

/** The envelope's metadata every kind shares: the name, labels and annotations (the id is the identity). */
export function metadataChanges(before: Metadata, after: Metadata): ChangeDetail[] {
  return [
    ...scalarChange('name', 'name', before.name, after.name),
    ...recordChanges('labels', 'label', before.labels, after.labels),
    ...recordChanges('annotations', 'annotation', before.annotations, after.annotations),
  ];
}

function recordChanges(field: string, label: string, before: Record<string, string> | undefined, after: Record<string, string> | undefined): ChangeDetail[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(byText);
  const details: ChangeDetail[] = [];
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (b !== a) details.push(valueChange(`${field}.${key}`, `${label} ${key}`, b, a));
  }
  return details;
}
