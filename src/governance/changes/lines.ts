import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { resolvePositions } from '../../load/positions.js';
import type { DefinitionChanges } from '../changes.js';

/** The positions are resolved as a diagnostic's are; this one is never reported, so it names no rule of docs/rules.md. */
const POSITION_ONLY = 'position-only';

/**
 * Fills in the 1-based line of each changed definition's document from the file's text, the way diagnostics get
 * theirs (the loader keeps no positions). `readText` gives a repository-relative file's text in the revision the change
 * names (the head's, or the base's for a removed definition); undefined leaves the line out. Usage files are described
 * as a whole, so they get no line.
 */
export function locateChanges(changes: DefinitionChanges, readText: (file: string, side: 'base' | 'head') => string | undefined): DefinitionChanges {
  const sides = { base: [] as Diagnostic[], head: [] as Diagnostic[] };
  const places = new Map<number, Diagnostic>();
  changes.definitions.forEach((change, i) => {
    if (change.line !== undefined || change.document === undefined || change.kind === 'Usage') return;
    const place: Diagnostic = { file: change.file, document: change.document, path: [], rule: POSITION_ONLY, severity: 'warning', message: '' };
    sides[change.action === 'removed' ? 'base' : 'head'].push(place);
    places.set(i, place);
  });
  const located = new Map<Diagnostic, number>();
  for (const side of ['base', 'head'] as const) {
    const resolved = resolvePositions(sides[side], (file) => readText(file, side));
    sides[side].forEach((place, i) => {
      const line = resolved[i]?.line;
      if (line !== undefined) located.set(place, line);
    });
  }
  return {
    ...changes,
    definitions: changes.definitions.map((change, i) => {
      const place = places.get(i);
      const line = place === undefined ? undefined : located.get(place);
      return line === undefined ? change : { ...change, line };
    }),
  };
}
