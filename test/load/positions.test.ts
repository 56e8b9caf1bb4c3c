import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { resolvePositions } from '../../src/load/positions.js';

const TICKET = [
  'apiVersion: itsm/v1', //        1
  'kind: Ticket', //               2
  'metadata:', //                  3
  '  id: INC1', //                 4
  'spec:', //                      5
  '  title:', //                   6  (a key with no value)
  '  opened: 2026-03-02T09:30Z', //  7
  '  timeline:', //                8
  '    - { at: 2026-03-02T09:45:00Z, status: in-progress }', // 9
  '    - at: 2026-03-02T10:00:00Z', //  10
  '      status: resolved', //     11
  '---', //                        12
  'apiVersion: itsm/v1', //        13
  'kind: Ticket', //               14
].join('\n');

const texts: Record<string, string> = { 'tickets.yaml': `${TICKET}\n` };
const readText = (file: string) => texts[file];

/** Resolves one diagnostic at `path` in tickets.yaml and returns where it landed. */
function locate(path: (string | number)[], extra: Partial<Diagnostic> = {}) {
  const [d] = resolvePositions([{ rule: 'r', severity: 'error', message: 'm', file: 'tickets.yaml', document: 0, path, ...extra }], readText);
  return { line: d?.line, column: d?.column, endLine: d?.endLine, endColumn: d?.endColumn };
}

describe('resolvePositions', () => {
  it('points at the value at the path', () => {
    expect(locate(['spec', 'opened'])).toEqual({ line: 7, column: 11, endLine: 7, endColumn: 28 });
    expect(locate(['spec', 'timeline', 0, 'status'])).toEqual({ line: 9, column: 43, endLine: 9, endColumn: 54 });
    expect(locate(['spec', 'timeline', 1, 'status'])).toEqual({ line: 11, column: 15, endLine: 11, endColumn: 23 });
  });

  it('points at the key when asked (unknown and duplicate keys)', () => {
    expect(locate(['spec', 'opened'], { target: 'key' })).toEqual({ line: 7, column: 3, endLine: 7, endColumn: 9 });
  });

  it('points just after the colon of a key with no value (where the value belongs)', () => {
    expect(locate(['spec', 'title'])).toEqual({ line: 6, column: 9, endLine: 6, endColumn: 9 });
  });

  it('falls back to the nearest parent that exists when the path does not', () => {
    // A missing field of spec: the mapping that should hold it.
    expect(locate(['spec', 'service'])).toMatchObject({ line: 6, column: 3 });
    // An index past the end of the timeline: the timeline.
    expect(locate(['spec', 'timeline', 5, 'at'])).toMatchObject({ line: 9, column: 5 });
    // A path below a scalar: the scalar.
    expect(locate(['spec', 'opened', 'date'])).toMatchObject({ line: 7, column: 11 });
    // A string segment into a sequence: the sequence.
    expect(locate(['spec', 'timeline', 'first'])).toMatchObject({ line: 9, column: 5 });
    // Nothing of the path exists: the document.
    expect(locate(['nothing', 'here'])).toMatchObject({ line: 1, column: 1 });
  });

  it('the empty path is the whole document', () => {
    expect(locate([])).toMatchObject({ line: 1, column: 1 });
  });

  it('finds the document by its index in the file', () => {
    const [d] = resolvePositions([{ rule: 'r', severity: 'error', message: 'm', file: 'tickets.yaml', document: 1, path: ['kind'] }], readText);
    expect([d?.line, d?.column]).toEqual([14, 7]);
  });

  it('leaves alone a diagnostic that already has a line, and one whose file cannot be read', () => {
    const known: Diagnostic = { rule: 'r', severity: 'error', message: 'm', file: 'tickets.yaml', line: 3, column: 4, path: ['spec'] };
    const unreadable: Diagnostic = { rule: 'r', severity: 'error', message: 'm', file: 'gone.yaml', document: 0, path: ['spec'] };
    expect(resolvePositions([known, unreadable], readText)).toEqual([known, unreadable]);
  });

  it('resolves related locations too, keeping their messages', () => {
    const [d] = resolvePositions(
      [
        {
          rule: 'r',
          severity: 'error',
          message: 'm',
          file: 'tickets.yaml',
          document: 0,
          path: ['spec', 'timeline', 1, 'at'],
          related: [{ file: 'tickets.yaml', document: 0, path: ['spec', 'timeline', 0, 'at'], message: 'previous event' }],
        },
      ],
      readText,
    );
    expect(d?.related).toEqual([
      { file: 'tickets.yaml', document: 0, path: ['spec', 'timeline', 0, 'at'], line: 9, column: 13, endLine: 9, endColumn: 33, message: 'previous event' },
    ]);
  });

  it('keeps the order of the diagnostics it is given', () => {
    const at = (path: (string | number)[]): Diagnostic => ({ rule: 'r', severity: 'error', message: path.join('.'), file: 'tickets.yaml', document: 0, path });
    const resolved = resolvePositions([at(['spec', 'timeline']), at(['kind']), at(['spec', 'opened'])], readText);
    expect(resolved.map((d) => [d.message, d.line])).toEqual([
      ['spec.timeline', 9],
      ['kind', 2],
      ['spec.opened', 7],
    ]);
  });
});
