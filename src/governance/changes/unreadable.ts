import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DefinitionChange, DefinitionChanges } from '../changes.js';

/**
 * A definition whose document has errors in one revision (a YAML syntax error, a value the schema refuses) is not in
 * that revision's repository, so describeChanges sees it removed, or added when the base could not read it. Said as
 * it is: the change keeps its action (the JSON stays what it was), and its words say the document could not be read,
 * instead of naming references that are not broken (their errors are not there; the problems list says why).
 */
export function markUnreadable(changes: DefinitionChanges, sides: { base: Side; head: Side }): DefinitionChanges {
  let marked = false;
  const definitions = changes.definitions.map((change) => {
    const side = change.action === 'removed' ? sides.head : change.action === 'added' ? sides.base : undefined;
    if (side === undefined || !side.diagnostics.some((d) => d.severity === 'error' && inDocument(d, change))) return change;
    marked = true;
    const text = `${change.action}; not readable in ${side.name}: ${change.file} has errors (see the problems)`;
    return { ...change, details: [{ field: '', before: null, after: null, text }] };
  });
  return marked ? { ...changes, definitions } : changes;
}

export interface Side {
  /** The revision as the report names it. */
  name: string;
  diagnostics: readonly Diagnostic[];
}

/** The diagnostic is about the change's document (or about its whole file, as a YAML syntax error may be). */
function inDocument(d: Diagnostic, change: DefinitionChange): boolean {
  return d.file === change.file && (d.document === undefined || change.document === undefined || d.document === change.document);
}
