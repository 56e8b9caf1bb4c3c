import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { DefinitionChanges } from '../../src/governance/changes.js';
import { markUnreadable } from '../../src/governance/changes/unreadable.js';

const error = (file: string, document?: number): Diagnostic => ({ file, ...(document === undefined ? {} : { document }), path: [], rule: 'schema', severity: 'error', message: 'bad' });

describe('markUnreadable', () => {
  const changes: DefinitionChanges = {
    definitions: [
      { kind: 'Service', id: 'dns', action: 'removed', file: 'services/all.yaml', document: 1, details: [{ field: '', before: 'dns', after: null, text: 'removed; still named by 1 definition (service email)' }] },
      { kind: 'Service', id: 'vpn', action: 'removed', file: 'services/all.yaml', document: 2, details: [] },
      { kind: 'SLA', id: 'gold', action: 'added', file: 'slas/gold.yaml', document: 0, details: [{ field: '', before: null, after: 'gold', text: 'added (sla, 1 target)' }] },
      { kind: 'SLA', id: 'silver', action: 'changed', file: 'slas/silver.yaml', document: 0, details: [{ field: 'type', before: 'sla', after: 'ola', text: 'type sla → ola' }] },
    ],
    tickets: { added: 0, changed: 0, removed: 0 },
  };

  it('says that a definition "removed" or "added" only because its document has errors could not be read', () => {
    // dns's document (1) has an error in head, vpn's (2) has not; gold's file cannot be parsed in base (no document).
    const marked = markUnreadable(changes, { base: { name: 'main', diagnostics: [error('slas/gold.yaml'), error('slas/silver.yaml', 0)] }, head: { name: 'HEAD', diagnostics: [error('services/all.yaml', 1), error('slas/silver.yaml', 0)] } });
    expect(marked.definitions.map((c) => c.details.map((d) => d.text))).toEqual([
      ['removed; not readable in HEAD: services/all.yaml has errors (see the problems)'],
      [],
      ['added; not readable in main: slas/gold.yaml has errors (see the problems)'],
      ['type sla → ola'],
    ]);
    expect(marked.definitions.map((c) => c.action)).toEqual(['removed', 'removed', 'added', 'changed']);
  });

  it('leaves the changes as they are when no side has errors there (warnings do not count)', () => {
    const warning: Diagnostic = { ...error('services/all.yaml', 1), severity: 'warning' };
    expect(markUnreadable(changes, { base: { name: 'main', diagnostics: [] }, head: { name: 'HEAD', diagnostics: [warning] } })).toBe(changes);
  });
});
