import type { Entity, Repository } from '../../model/repository.js';
import type { ChangeDetail, DefinitionChange, DefinitionKind } from '../changes.js';
import type { Currencies } from './pricing.js';

/** What every kind's describer is given besides the two documents. */
export interface ChangeContext {
  base: Repository;
  head: Repository;
  currency: Currencies;
}

/** How one kind of definition is described: a changed pair field by field, an added or removed one in a line. */
export interface KindDescriber<D> {
  kind: DefinitionKind;
  changed(before: D, after: D, context: ChangeContext): ChangeDetail[];
  /** One detail that starts with "added" and says what the new definition brings. */
  added(doc: D, context: ChangeContext): ChangeDetail[];
  /** Empty, or one detail starting with "removed" that says who still names it. */
  removed(doc: D, context: ChangeContext): ChangeDetail[];
}

/**
 * The definitions of one kind matched by id (identity is kind and id, not the file): a definition in another file is
 * "moved", not removed and added. An id defined twice in one revision (an error validation reports) is matched by
 * its first definition.
 */
export function entityChanges<D extends { metadata: { id: string } }>(
  describer: KindDescriber<D>,
  base: readonly Entity<D>[],
  head: readonly Entity<D>[],
  context: ChangeContext,
): DefinitionChange[] {
  const firstById = (entities: readonly Entity<D>[]) => {
    const map = new Map<string, Entity<D>>();
    for (const e of entities) if (!map.has(e.doc.metadata.id)) map.set(e.doc.metadata.id, e);
    return map;
  };
  const was = firstById(base);
  const now = firstById(head);
  const changes: DefinitionChange[] = [];
  for (const [id, after] of now) {
    const before = was.get(id);
    if (!before) {
      changes.push({ kind: describer.kind, id, action: 'added', ...at(after), details: describer.added(after.doc, context) });
      continue;
    }
    const details: ChangeDetail[] = [];
    if (before.source.file !== after.source.file) {
      details.push({ field: 'file', before: before.source.file, after: after.source.file, text: `moved from ${before.source.file}` });
    }
    details.push(...describer.changed(before.doc, after.doc, context));
    if (details.length > 0) changes.push({ kind: describer.kind, id, action: 'changed', ...at(after), details });
  }
  for (const [id, before] of was) {
    if (!now.has(id)) changes.push({ kind: describer.kind, id, action: 'removed', ...at(before), details: describer.removed(before.doc, context) });
  }
  return changes;
}

function at(entity: Entity<unknown>): { file: string; document: number; line?: number } {
  const { file, document, line } = entity.source;
  return line === undefined ? { file, document } : { file, document, line };
}
