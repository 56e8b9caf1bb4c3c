import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { Parser } from 'yaml';
import { documentStarts, resolvePositions } from '../../src/load/positions.js';

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

describe('resolvePositions in a file of many documents', () => {
  // Six documents, with comments and a document end marker between them; the sixth is not even YAML (an unclosed
  // flow sequence), and is never composed: only the documents asked about are, and nothing after the last of them.
  const MANY = [
    '# tickets of March', //            1
    'metadata: { id: A }', //           2   document 0
    '---', //                           3
    'metadata: { id: B }', //           4   document 1
    '---', //                           5
    '# the third', //                   6
    'metadata:', //                     7   document 2
    '  id: C', //                       8
    '...', //                           9
    '---', //                           10
    'metadata: { id: D }', //           11  document 3
    '---', //                           12
    'spec:', //                         13  document 4
    '  related: [A, C]', //             14
    '---', //                           15
    'spec: [unclosed', //               16  document 5
  ].join('\n');
  const files: Record<string, string> = { 'many.yaml': `${MANY}\n` };

  it('locates diagnostics and their related places in the documents they name, reading the file once', () => {
    const read: string[] = [];
    const readMany = (file: string) => {
      read.push(file);
      return files[file];
    };
    const [first, second] = resolvePositions(
      [
        { rule: 'r', severity: 'error', message: 'm', file: 'many.yaml', document: 2, path: ['metadata', 'id'] },
        {
          rule: 'r',
          severity: 'warning',
          message: 'm',
          file: 'many.yaml',
          document: 0,
          path: ['metadata', 'id'],
          related: [{ file: 'many.yaml', document: 4, path: ['spec', 'related', 1], message: 'also here' }],
        },
      ],
      readMany,
    );
    // Document 2: "  id: C" on line 8, the value C at column 7 (1-based), ending at column 8.
    expect([first?.line, first?.column, first?.endLine, first?.endColumn]).toEqual([8, 7, 8, 8]);
    // Document 0: "metadata: { id: A }" on line 2; A is the 17th character.
    expect([second?.line, second?.column]).toEqual([2, 17]);
    // Document 4: "  related: [A, C]" on line 14: two spaces, "related" (3-9), ":" 10, " " 11, "[" 12, "A" 13, "," 14,
    // " " 15, C at 16.
    expect(second?.related?.[0]).toEqual({ file: 'many.yaml', document: 4, path: ['spec', 'related', 1], message: 'also here', line: 14, column: 16, endLine: 14, endColumn: 17 });
    expect(read).toEqual(['many.yaml']);
  });
});

describe('resolvePositions on a file where every document has a problem', () => {
  it('locates each of 150,000 documents (more than a function call takes as arguments)', () => {
    const count = 150_000;
    const text = Array.from({ length: count }, (_, i) => `id: D${i}\n`).join('---\n');
    const diagnostics = Array.from({ length: count }, (_, i): Diagnostic => ({ rule: 'r', severity: 'error', message: 'm', file: 'big.yaml', document: i, path: ['id'] }));
    const located = resolvePositions(diagnostics, () => text);
    // Document i starts on line 2i + 1 ("id: Di", then "---"); the value is at column 5.
    expect([located[0]?.line, located[0]?.column]).toEqual([1, 5]);
    expect([located[count - 1]?.line, located[count - 1]?.column]).toEqual([2 * (count - 1) + 1, 5]);
    expect(located.every((d) => d.line !== undefined)).toBe(true);
  }, 180_000);
});

describe('resolvePositions where marker lines give each document its own text', () => {
  // No `...` and no directive: each wanted document is parsed alone, from its `---` line. The content holds lines that
  // look like markers but are not (indented in a block scalar, a `----` line, `---` inside a value) and a quoted
  // scalar over two lines, so that a wrong boundary would put the answers on other lines.
  const TRICKY = [
    '# tickets of March, with a bare first document', // 1
    'metadata: { id: A }', //                           2   document 0
    'spec:', //                                         3
    '  note: |', //                                     4
    '    ---', //                                       5   (text of the note)
    '    ----', //                                      6
    '---', //                                           7
    'metadata: { id: "B ---" }', //                     8   document 1
    'spec:', //                                         9
    '  title: "two', //                                 10
    '    lines"', //                                    11
    '--- # a comment on the marker line', //            12
    'metadata:', //                                     13  document 2
    '  id: C', //                                       14
    '----', //                                          15  (a plain scalar continued? no: a key follows)
    '---', //                                           16
    '---', //                                           17  document 4 (document 3 is empty)
    'spec:', //                                         18
    '  related: [A, C]', //                             19
  ].join('\n');
  const files: Record<string, string> = { 'tricky.yaml': `${TRICKY}\n` };
  const at = (document: number, path: (string | number)[]) => {
    const [d] = resolvePositions([{ rule: 'r', severity: 'error', message: 'm', file: 'tricky.yaml', document, path }], (f) => files[f]);
    return [d?.line, d?.column];
  };

  it('counts the documents as yaml does', () => {
    const documents = [...new Parser().parse(files['tricky.yaml']!)].filter((t) => t.type === 'document');
    expect(documentStarts(files['tricky.yaml']!)).toHaveLength(documents.length);
    // A `...` line or a directive make the count depend on more than the lines: those files are read as one stream.
    expect(documentStarts('a: 1\n...\nb: 2\n')).toBeUndefined();
    expect(documentStarts('%YAML 1.2\n---\na: 1\n')).toBeUndefined();
    // Comments alone before the first `---` are no document; content is.
    expect(documentStarts('# c\n\n---\na: 1\n')).toEqual([5]);
    expect(documentStarts('a: 1\n---\nb: 2\n')).toEqual([0, 5]);
  });

  it('gives the same lines and columns as reading the file as one stream', () => {
    // "metadata: { id: A }": A is the 17th character of line 2.
    expect(at(0, ['metadata', 'id'])).toEqual([2, 17]);
    // The note's block scalar starts after "  note: " on line 4, column 9.
    expect(at(0, ['spec', 'note'])).toEqual([4, 9]);
    // "metadata: { id: "B ---" }": the quoted value starts at column 17 of line 8.
    expect(at(1, ['metadata', 'id'])).toEqual([8, 17]);
    // The two-line title starts at column 10 of line 10.
    expect(at(1, ['spec', 'title'])).toEqual([10, 10]);
    // "  id: C" on line 14, C at column 7.
    expect(at(2, ['metadata', 'id'])).toEqual([14, 7]);
    // "  related: [A, C]" on line 19, C at column 16.
    expect(at(4, ['spec', 'related', 1])).toEqual([19, 16]);
  });
});
