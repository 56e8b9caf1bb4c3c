import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadFiles } from '../../src/load/load-repository.js';
import { MAX_DEPTH } from '../../src/load/parse-yaml.js';
import { openRepository } from '../../src/open-repository.js';
import { configYaml, createTempTree, type TempTree, type TreeEntry } from '../helpers/temp-repo.js';

/**
 * Input that a careless or hostile commit could put in a repository. Each must end in diagnostics (not hang), without
 * throwing, without a stack overflow and without touching anything outside the result.
 */

const trees: TempTree[] = [];
function repo(entries: Record<string, TreeEntry>): string {
  const tree = createTempTree({ 'itsm.yaml': configYaml(), ...entries }, 'itsm-hostile-');
  trees.push(tree);
  return tree.root;
}
afterAll(() => {
  for (const tree of trees) tree.remove();
});

/** The fields that say what and where, without the hint. */
const brief = (d: Diagnostic) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message });

const SERVICE = ['apiVersion: itsm/v1', 'kind: Service', 'metadata:', '  id: email', 'spec:', '  description: Mail.', '  category: Collaboration', '  owner: Messaging team', '  lifecycle: live'];

/** "Billion laughs": ten levels of nine aliases each would expand to 10^9 strings. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 10; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('hostile YAML', () => {
  it('an alias bomb (billion laughs) is one diagnostic, and the rest of the file still loads', () => {
    // Expanded, the bomb would not fit in memory: that it ends at all, in one diagnostic, is the check.
    const root = repo({ 'bomb.yaml': `${SERVICE.join('\n')}\n---\n${aliasBomb()}` });
    const opened = openRepository(root);
    expect(opened.diagnostics.map(brief)).toEqual([
      {
        file: 'bomb.yaml',
        // The "---" that starts the bomb's document.
        line: 10,
        column: 1,
        severity: 'error',
        rule: 'yaml-syntax',
        message: 'too many aliases: this document expands to a huge structure (an "alias bomb")',
      },
    ]);
    expect(opened.repository.services.map((s) => s.doc.metadata.id)).toEqual(['email']);
  });

  it('10,000 nested "[" end in a yaml-syntax diagnostic, not a crash', () => {
    const root = repo({ 'deep.yaml': `${'['.repeat(10_000)}${']'.repeat(10_000)}\n` });
    const opened = openRepository(root);
    expect(opened.diagnostics.length).toBeGreaterThan(0);
    expect(opened.diagnostics.every((d) => d.file === 'deep.yaml' && d.rule === 'yaml-syntax' && d.severity === 'error')).toBe(true);
  });

  // src/load/parse-yaml.ts: the `yaml` parser itself overflows the stack on this input and its RangeError message
  // becomes the diagnostic ("Maximum call stack size exceeded" at 1:788). Expected: the nesting limit's own message.
  it(`10,000 nested "[" are reported as nested more than ${MAX_DEPTH} levels [src bug: "Maximum call stack size exceeded"]`, () => {
    const root = repo({ 'deep.yaml': `${'['.repeat(10_000)}${']'.repeat(10_000)}\n` });
    const opened = openRepository(root);
    expect(opened.diagnostics.map((d) => d.message)).toEqual([`document is nested more than ${MAX_DEPTH} levels deep`]);
  });

  it(`a document nested deeper than ${MAX_DEPTH} levels is refused with that reason`, () => {
    const depth = MAX_DEPTH + 10;
    const root = repo({ 'deep.yaml': `${SERVICE.join('\n')}\n  labels: ${'['.repeat(depth)}${']'.repeat(depth)}\n` });
    expect(openRepository(root).diagnostics.map(brief)).toEqual([
      // Line 10 is `  labels: [[[…`; the document and spec mappings are two levels, so the 99th `[` (column 10 + 99)
      // opens level 101, where the parser stops.
      { file: 'deep.yaml', line: 10, column: 109, severity: 'error', rule: 'yaml-syntax', message: `document is nested more than ${MAX_DEPTH} levels deep` },
    ]);
  });

  // src/load/parse-yaml.ts turns every error of the `yaml` parser into a diagnostic: an unclosed 10,000-deep flow
  // sequence gives hundreds of copies of the same message at the same place. Expected: each problem once.
  it('an unclosed 10,000-deep flow sequence gives no duplicate diagnostics [src bug: ~800 identical ones]', () => {
    const root = repo({ 'deep.yaml': `x: ${'['.repeat(10_000)}\n` });
    const opened = openRepository(root);
    const keys = opened.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(opened.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('__proto__ keys are unknown fields and do not pollute Object.prototype (fast and careful parser)', () => {
    const proto = [...SERVICE.slice(0, 4), '__proto__:', '  polluted: yes', ...SERVICE.slice(4), '  __proto__: { polluted: yes }'];
    // The anchor sends the second file down the careful path (the `yaml` parser) instead of js-yaml.
    const careful = proto.map((line) => (line === '  id: email' ? '  id: &id mail' : line));
    const root = repo({ 'fast.yaml': `${proto.join('\n')}\n`, 'careful.yaml': `${careful.join('\n')}\n` });
    const opened = openRepository(root);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(opened.diagnostics.map(brief)).toEqual(
      ['careful.yaml', 'fast.yaml'].flatMap((file) => [
        { file, line: 5, column: 1, severity: 'error', rule: 'schema', message: 'unknown field "__proto__" in the document' },
        { file, line: 12, column: 3, severity: 'error', rule: 'schema', message: 'unknown field "__proto__" in "spec"' },
      ]),
    );
  });

  // A label map is a record of strings, so zod copies it key by key; assigning "__proto__" changes the copy's prototype
  // instead of adding a label, and the label disappears without a word. Expected: kept, or reported.
  it('a label named __proto__ is kept or reported [src bug: silently dropped]', () => {
    const root = repo({ 'labels.yaml': `${[...SERVICE.slice(0, 4), '  labels: { __proto__: x, team: mail }', ...SERVICE.slice(4)].join('\n')}\n` });
    const opened = openRepository(root);
    const labels = opened.repository.services[0]?.doc.metadata.labels ?? {};
    expect(Object.hasOwn(labels, '__proto__') || opened.diagnostics.length > 0).toBe(true);
  });

  it('an empty file and a file of only comments load with no documents and no diagnostics', () => {
    const root = repo({ 'empty.yaml': '', 'comments.yaml': '# nothing here yet\n# (a placeholder)\n', 'dashes.yaml': '---\n---\n' });
    const loaded = loadFiles(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.files).toEqual(['itsm.yaml', 'comments.yaml', 'dashes.yaml', 'empty.yaml']);
    expect(loaded.documents.map((d) => d.file)).toEqual(['itsm.yaml']);
  });

  // The same at 150,000 documents, past V8's argument limit that once broke the loader (`documents.push(...docs)` threw
  // RangeError), is in bench/scale.js: it takes seconds, so it is no unit test; test/load/large.slow.test.ts loads
  // more than 100,000 tickets from one file.
  it('a file of 10,000 small documents loads, each document judged on its own', () => {
    // The loader keeps the documents that pass their schema; these have no apiVersion, so each is one diagnostic.
    const root = repo({ 'many.yaml': '---\nx: 1\n'.repeat(10_000) });
    const loaded = loadFiles(root);
    expect(loaded.documents).toHaveLength(1); // itsm.yaml
    const problems = loaded.diagnostics.filter((d) => d.file === 'many.yaml');
    expect(problems).toHaveLength(10_000);
    expect(problems.every((d) => d.rule === 'schema' && d.message.startsWith('"apiVersion" is required'))).toBe(true);
  });
});

describe('files that are not UTF-8 YAML text', () => {
  it('a binary file named x.yaml (NUL bytes) is unreadable-file, and other files still load', () => {
    const root = repo({ 'x.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'services/email.yaml': `${SERVICE.join('\n')}\n` });
    const opened = openRepository(root);
    expect(opened.diagnostics.map(brief)).toEqual([
      { file: 'x.yaml', line: 1, column: 1, severity: 'error', rule: 'unreadable-file', message: 'file looks binary (it contains NUL bytes), not YAML text' },
    ]);
    expect(opened.diagnostics[0]?.hint).toBe('remove it or add its path to "exclude" in itsm.yaml');
    expect(opened.repository.services).toHaveLength(1);
  });

  it('a Latin-1 file is reported at the line and column of its first invalid byte', () => {
    const latin1 = Buffer.concat([Buffer.from(`${SERVICE.slice(0, 5).join('\n')}\n  description: Caf`), Buffer.from([0xe9]), Buffer.from(' mail.\n')]);
    const root = repo({ 'services/cafe.yaml': latin1 });
    const [d] = openRepository(root).diagnostics;
    expect(d && brief(d)).toEqual({
      file: 'services/cafe.yaml',
      line: 6,
      column: 19,
      severity: 'error',
      rule: 'unreadable-file',
      message: `file is not valid UTF-8 (invalid byte 0xe9 at byte ${latin1.indexOf(0xe9)})`,
    });
    expect(d?.hint).toBe('save it as UTF-8 (it may be Latin-1 or Windows-1252)');
  });

  it('UTF-16 files (either byte order mark) are refused', () => {
    const text = `${SERVICE.join('\n')}\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const root = repo({ 'le.yaml': le, 'be.yaml': be });
    expect(openRepository(root).diagnostics.map(brief)).toEqual(
      ['be.yaml', 'le.yaml'].map((file) => ({ file, line: 1, column: 1, severity: 'error', rule: 'unreadable-file', message: 'file is encoded as UTF-16' })),
    );
  });

  it('a UTF-8 byte order mark is accepted and does not shift columns', () => {
    const text = `\uFEFF${SERVICE.join('\n').replace('lifecycle: live', 'lifecycle: alive')}\n`;
    const root = repo({ 'bom.yaml': text });
    expect(openRepository(root).diagnostics.map(brief)).toEqual([
      {
        file: 'bom.yaml',
        line: 9,
        column: 14,
        severity: 'error',
        rule: 'schema',
        message: '"spec.lifecycle" is not valid; expected one of pipeline, live, retired but found "alive"',
      },
    ]);
  });

  it('CRLF line endings give the same positions as LF', () => {
    const root = repo({ 'crlf.yaml': `${SERVICE.join('\r\n').replace('lifecycle: live', 'lifecycle: alive')}\r\n` });
    const [d] = openRepository(root).diagnostics;
    expect([d?.line, d?.column]).toEqual([9, 14]);
  });
});

describe('repository folders', () => {
  it('an empty folder is missing-config, and nothing else', () => {
    const tree = createTempTree({}, 'itsm-empty-');
    trees.push(tree);
    const opened = openRepository(tree.root);
    expect(opened.diagnostics.map(brief)).toEqual([
      {
        file: 'itsm.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'missing-config',
        message: `no itsm.yaml in ${tree.root}: this folder is not an itsm repository`,
      },
    ]);
    expect(opened.files).toEqual([]);
  });

  it('a folder that links to its parent is a warning, and the walk ends', () => {
    const root = repo({ 'services/email.yaml': `${SERVICE.join('\n')}\n`, 'services/loop': { symlink: '..' }, 'self': { symlink: '.' } });
    const opened = openRepository(root);
    expect(opened.diagnostics.map(brief)).toEqual([
      {
        file: 'self',
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'unreadable-file',
        message: 'symbolic link loop: this folder links back to a folder that contains it; not followed',
      },
      {
        file: 'services/loop',
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'unreadable-file',
        message: 'symbolic link loop: this folder links back to a folder that contains it; not followed',
      },
    ]);
    expect(opened.files).toEqual(['itsm.yaml', 'services/email.yaml']);
  });

  it('a broken symbolic link is a warning', () => {
    const root = repo({ 'services/gone.yaml': { symlink: '../nowhere.yaml' } });
    expect(openRepository(root).diagnostics.map(brief)).toEqual([
      { file: 'services/gone.yaml', line: 1, column: 1, severity: 'warning', rule: 'unreadable-file', message: 'broken symbolic link; skipped' },
    ]);
  });
});
