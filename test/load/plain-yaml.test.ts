import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlFile } from '../../src/load/parse-yaml.js';
import { readPlainYaml } from '../../src/load/plain-yaml.js';
import { StringPool } from '../../src/load/string-pool.js';
import { renderDocuments } from '../../src/import/shard.js';

/**
 * The plain subset's reader must give exactly what js-yaml gives (the loader's reader until now, with the core
 * schema), or step aside. Each check below holds it to that; none trusts the reader's own idea of its subset.
 */
const OPTIONS = { schema: jsYaml.CORE_SCHEMA, json: false, maxDepth: 100 } as jsYaml.LoadOptions;

function byJsYaml(text: string): unknown[] {
  const values: unknown[] = [];
  jsYaml.loadAll(text, (v) => values.push(v), OPTIONS);
  return values;
}

/** The reader as the loader uses it: documents outside the subset go to js-yaml. */
function plain(text: string): { values: unknown[] | undefined; handedOver: number } {
  let handedOver = 0;
  const values = readPlainYaml(text, (documentText) => {
    handedOver++;
    return byJsYaml(documentText);
  });
  return { values, handedOver };
}

/** The property: whenever the reader gives values, js-yaml reads the whole text without error and gives the same. */
function agrees(text: string): boolean {
  let read: unknown[] | undefined;
  try {
    read = plain(text).values;
  } catch {
    return true; // js-yaml refused a document handed to it: the loader then reads the whole file the old way.
  }
  if (read === undefined) return true;
  let whole: unknown[];
  try {
    whole = byJsYaml(text);
  } catch {
    return false;
  }
  return isDeepStrictEqual(read, whole);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('the plain YAML reader', () => {
  it('reads every YAML file of the examples and the test fixtures as js-yaml does, or steps aside', () => {
    const files = [...yamlFiles('examples'), ...yamlFiles('test/fixtures')];
    let readPlainly = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(agrees(text), file).toBe(true);
      const result = (() => {
        try {
          return plain(text);
        } catch {
          return undefined;
        }
      })();
      if (result?.values !== undefined && result.handedOver === 0) readPlainly++;
    }
    // Not a test that passes by stepping aside: acme's ticket files, and most fixtures' ones, are read by it alone.
    expect(files.length).toBeGreaterThan(400);
    expect(readPlainly).toBeGreaterThan(100);
  });

  it('gives the same values when it shares strings as it reads', () => {
    const pool = new StringPool();
    for (const file of [...yamlFiles('examples/acme/tickets'), ...yamlFiles('test/fixtures/sla')]) {
      const text = readFileSync(file, 'utf8');
      let shared: unknown[] | undefined;
      try {
        shared = readPlainYaml(text, byJsYaml, pool);
      } catch {
        continue;
      }
      expect(shared, file).toEqual(plain(text).values);
    }
  });

  it("reads acme's ticket files itself, but for the documents with a block scalar (`>-`), which it hands to js-yaml", () => {
    let handed = 0;
    for (const file of yamlFiles('examples/acme/tickets')) {
      const values = readPlainYaml(readFileSync(file, 'utf8'), (documentText) => {
        handed++;
        expect(documentText).toMatch(/: [|>]-?\n/);
        return byJsYaml(documentText);
      });
      expect(values, file).toBeDefined();
    }
    // The three documents of changes-and-problems.yaml whose plans and reviews are folded text.
    expect(handed).toBe(3);
  });

  it.each<[string, string, unknown[]]>([
    // Each expected value is what YAML 1.2's core schema says the text means, written out by hand.
    ['scalars of the core schema', '---\na: 12\nb: -3\nc: 1.5\nd: true\ne: False\nf: ~\ng: null\nh: x\ni: 0x1A\nj: .inf\n', [{ a: 12, b: -3, c: 1.5, d: true, e: false, f: null, g: null, h: 'x', i: 26, j: Infinity }]],
    // 1234e-5 = 1234 / 100,000 = 0.01234; 123e-5 = 0.00123: a `-` after `e` is still a float's, not a date's.
    ['text that starts like a date is a string; a float near it is not', '---\na: 2026-13\nb: 1234e-5\nc: 123e-5\n', [{ a: '2026-13', b: 0.01234, c: 0.00123 }]],
    ['instants, dates and times stay strings', '---\nopened: 2026-01-02T12:35:00Z\nday: 2026-10-05\nat: 08:00\n', [{ opened: '2026-01-02T12:35:00Z', day: '2026-10-05', at: '08:00' }]],
    ['a comment ends a plain scalar only after a space', '---\ntitle: Fix issue #42 # the ticket\nurl: http://x/a#b\n', [{ title: 'Fix issue', url: 'http://x/a#b' }]],
    ['a colon not followed by a space is part of the scalar', '---\nnote: ratio 3:1 at 10:00\n', [{ note: 'ratio 3:1 at 10:00' }]],
    ['quoted scalars with escapes', '---\na: "say \\"hi\\"\\n\\u00e9\\\\"\nb: \'it\'\'s\'\nc: ""\n', [{ a: 'say "hi"\né\\', b: "it's", c: '' }]],
    ['a quoted number stays a string', '---\nyear: "2026"\n', [{ year: '2026' }]],
    ['flow collections on one line', '---\n- { at: 2026-01-02T12:35:00Z, status: in-progress, note: "a, b" }\n- [a, 1, [b], {}]\n- []\n- { a: x, }\n', [[{ at: '2026-01-02T12:35:00Z', status: 'in-progress', note: 'a, b' }, ['a', 1, ['b'], {}], [], { a: 'x' }]]],
    ['a sequence at its key\'s own indent, and one below it', '---\na:\n- 1\n- 2\nb:\n  - x\n  -\n    y: 3\nc:\n', [{ a: [1, 2], b: ['x', { y: 3 }], c: null }]],
    ['compact mappings in a sequence', '---\nitems:\n  - id: a\n    n: 1\n  - id: b\n', [{ items: [{ id: 'a', n: 1 }, { id: 'b' }] }]],
    ['comments and blank lines anywhere', '# head\n\n--- # first\n# inside\na:\n\n    # deeper comment\n  b: 1 # trailing\n---\nc: [1] # after flow\n', [{ a: { b: 1 } }, { c: [1] }]],
    ['plain scalars keep brackets and commas in block context', '---\ntitle: Upgrade [urgent], {now}\n', [{ title: 'Upgrade [urgent], {now}' }]],
    ['a file without `---`', 'a: 1\nb: [x]\n', [{ a: 1, b: ['x'] }]],
    ['a document before the first `---`', '# c\na: 1\n---\nb: 2\n', [{ a: 1 }, { b: 2 }]],
    ['a plain scalar may start with `-` before a non-space', '---\na: -x\nb: [-1, -y]\n', [{ a: '-x', b: [-1, '-y'] }]],
    ['trailing spaces are not part of a scalar', '---\na: x   \nb: { c: y   }\n', [{ a: 'x', b: { c: 'y' } }]],
  ])('%s', (_name, text, expected) => {
    const result = plain(text);
    expect(result.values).toEqual(expected);
    expect(result.handedOver).toBe(0);
    expect(byJsYaml(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['a multi-line plain scalar', '---\na: one\n  two\n'],
    ['a block scalar', '---\na: |\n  text\n'],
    ['an anchor and an alias', '---\na: &x 1\nb: *x\n'],
    ['a tag', '---\na: !!str 1\n'],
    ['a key that reads as a number', '---\n1: a\n'],
    ['a key that reads as a boolean', '---\ntrue: a\n'],
    ['a key with a space', '---\nmy key: a\n'],
    ['a quoted key', '---\n"a": 1\n'],
    ['a flow collection over two lines', '---\na: { b: 1,\n  c: 2 }\n'],
    ['YAML escapes beyond JSON\'s', '---\na: "\\x41"\n'],
    ['__proto__ as a key', '---\n__proto__: 1\n'],
    ['an empty document', '---\n# nothing\n---\na: 1\n'],
    ['content after the marker', '--- a\n'],
    ['a document indented', '---\n  a: 1\n  b: 2\n'],
    ['an empty entry of a nested sequence (which js-yaml reads its own way)', '---\n-\n  -\n- x\n'],
  ])('hands %s to js-yaml, document by document', (_name, text) => {
    const result = plain(text);
    expect(result.handedOver).toBeGreaterThan(0);
    expect(result.values).toEqual(byJsYaml(text));
  });

  it.each<[string, string]>([
    ['a tab', '---\na: x\tb\n'],
    ['a carriage return', '---\r\na: 1\r\n'],
    ['a byte order mark', '\ufeff---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an end marker', '---\na: 1\n...\n---\nb: 2\n'],
    ['a NUL, even in a comment (js-yaml refuses it anywhere)', '---\na: x # \u0000\n'],
  ])('does not read a file with %s at all', (_name, text) => {
    expect(plain(text).values).toBeUndefined();
  });

  it('reads in quoted scalars what js-yaml lets through there (it checks them as JSON does): a lone surrogate, U+FFFE', () => {
    const text = '---\na: \'x\udc00\'\nb: "y\ufffe\u007f"\n';
    expect(plain(text)).toEqual({ values: [{ a: 'x\udc00', b: 'y\ufffe\u007f' }], handedOver: 0 });
    expect(byJsYaml(text)).toEqual([{ a: 'x\udc00', b: 'y\ufffe\u007f' }]);
  });

  it('reads emoji (surrogate pairs) and NEL, which YAML allows, and a control character in a comment, which js-yaml does not check', () => {
    const text = '---\nnote: done 👍\nnel: a\u0085b\nflow: [\'👍\', "👍"] # \u0001\n';
    expect(plain(text)).toEqual({ values: [{ note: 'done 👍', nel: 'a\u0085b', flow: ['👍', '👍'] }], handedOver: 0 });
    expect(byJsYaml(text)).toEqual([{ note: 'done 👍', nel: 'a\u0085b', flow: ['👍', '👍'] }]);
  });

  it.each<[string, string, RegExp]>([
    ['a duplicate key', '---\na: 1\na: 2\n', /duplicated mapping key/],
    ['a value that would be a key', '---\na: 1\n---\nb: c: d\n', /bad indentation|incomplete explicit mapping pair/],
    ['a document less indented than its first line', '---\n  a: 1\nb: 2\n', /end of the stream or a document separator/],
    ['a control character in a plain scalar', '---\na: x\u0001\n', /non-printable/],
    ['a control character in a flow scalar', '---\na: [x\u007f]\n', /non-printable/],
    ['a lone high surrogate', '---\na: x\ud800\n', /non-printable/],
    ['a control character in a single-quoted scalar', "---\na: 'x\u0001'\n", /valid JSON character/],
    ['a control character in a double-quoted scalar', '---\na: "x\u001f"\n', /valid JSON character/],
  ])('hands %s to js-yaml, which refuses it', (_name, text, error) => {
    expect(() => plain(text)).toThrow(error);
  });

  it('refuses a duplicate key: the loader reports it with its position', () => {
    expect(parseYamlFile('t.yaml', '---\na: 1\nb: 2\na: 3\n').diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['yaml-syntax', 4, 1]]);
  });

  it('leaves a syntax error in a document to the loader, which reports it at its line in the file', () => {
    const parsed = parseYamlFile('t.yaml', '---\na: 1\n---\nb: [1, 2\n---\nc: 3\n');
    expect(parsed.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [2, { c: 3 }],
    ]);
    // `yaml` finds the flow sequence unterminated at the next `---`, on line 5.
    expect(parsed.diagnostics.map((d) => [d.document, d.rule, d.line])).toEqual([[1, 'yaml-syntax', 5]]);
  });

  /** Strings that stress the subset's edges: indicators, comments, colons, quotes, escapes, numbers, words of the core schema. */
  const tricky = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.stringMatching(/^[a-z0-9 :#,'"\\{}[\]&*!|>%@`~.+-]{0,10}$/),
    fc.constantFrom('null', 'Null', '~', 'true', 'FALSE', '0x1F', '0o17', '1_000', '-1', '+2', '.5', '1e3', '.NaN', '-.inf', '012', '2026-01-02T12:35:00Z', 'a: b', 'a #b', ' lead', 'trail ', '- x', '__proto__', 'é', '👍', 'a\u0001', '\u007fx', 'x\u0085', '\ud800', 'a\udc00b', '\ufffe'),
  );
  const scalar = fc.oneof(tricky, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
  const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/), tricky);
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).map;
  const documents = fc.array(value, { minLength: 1, maxLength: 4 });

  it('agrees with js-yaml on documents the importer writes (property)', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const text = renderDocuments(docs.filter((d) => Object.keys(d).length > 0));
        return text === '' || agrees(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with js-yaml on documents other writers write (property)', () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: -1, max: 3 }), (docs, flowLevel) => {
        const byDump = docs.map((d) => `---\n${jsYaml.dump(d, { flowLevel, schema: jsYaml.CORE_SCHEMA })}`).join('');
        const byYaml = docs.map((d) => `---\n${stringify(d)}`).join('');
        return agrees(byDump) && agrees(byYaml);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with js-yaml on ticket files whose lines were re-indented, repeated, dropped or swapped (property)', () => {
    const lines = readFileSync('examples/acme/tickets/2026/' + readdirSync('examples/acme/tickets/2026')[0], 'utf8').split('\n').slice(0, 80);
    const edit = fc.record({ line: fc.nat(), kind: fc.constantFrom('indent', 'outdent', 'repeat', 'drop', 'swap'), by: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        const text = [...lines];
        for (const e of edits) {
          const at = e.line % text.length;
          if (e.kind === 'indent') text[at] = ' '.repeat(e.by) + text[at];
          else if (e.kind === 'outdent') text[at] = text[at]!.replace(new RegExp(`^ {1,${e.by}}`), '');
          else if (e.kind === 'repeat') text.splice(at, 0, text[at]!);
          else if (e.kind === 'drop') text.splice(at, 1);
          else if (at + 1 < text.length) [text[at], text[at + 1]] = [text[at + 1]!, text[at]!];
        }
        return agrees(text.join('\n'));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with js-yaml on damaged ticket files: whatever it reads, js-yaml reads the same (property)', () => {
    const ticket = readFileSync('examples/acme/tickets/2026/' + readdirSync('examples/acme/tickets/2026')[0], 'utf8').slice(0, 3000);
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.stringMatching(/^[a-z0-9 \n:#,'"\\{}[\]&*!|>%@`~.+\u0001\u007f\u0085\ud83d\ude00\ufffe-]{0,3}$/),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = ticket;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        return agrees(text);
      }),
      { numRuns: 3000 },
    );
  });
});
