import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/load/load-repository.js';
import { loadFilesParallel } from '../../src/load/parallel.js';
import { parseYamlFile } from '../../src/load/parse-yaml.js';
import { StringPool } from '../../src/load/string-pool.js';
import { configYaml, createTempTree } from '../helpers/temp-repo.js';

describe('StringPool', () => {
  it('leaves every value as it was, nested in objects and arrays', () => {
    const value = {
      metadata: { id: 'INC0000001' },
      spec: { title: 'Printer on the third floor is jammed', opened: '2026-03-01T08:00:00Z', priority: 'P3', count: 3, flag: true, none: null },
      timeline: [{ at: '2026-03-01T09:00:00Z', status: 'in-progress' }, 'a plain string in a list', ['nested', 2]],
    };
    const copy = structuredClone(value);
    const pool = new StringPool();
    expect(pool.shareWithin(value)).toBe(value);
    expect(value).toEqual(copy);
    expect(pool.shareWithin('a document that is one long string')).toBe('a document that is one long string');
  });

  it('leaves each list no longer than it is', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // 200,000 lists of one event each, grown by push as js-yaml grows them: V8 leaves room for 17 items behind each,
    // 128 bytes of empty room a list (25 MB in all); a copy of its own length has none.
    const value = {
      lists: Array.from({ length: 200_000 }, () => {
        const list: unknown[] = [];
        list.push({ n: 1 });
        return list;
      }),
    };
    gc();
    const before = process.memoryUsage().heapUsed;
    new StringPool().shareWithin(value);
    gc();
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(15 * 1024 ** 2);
    expect(value.lists).toHaveLength(200_000);
    expect(value.lists[0]).toEqual([{ n: 1 }]);
  });

  it('gives for a range of a text what it gives for the same characters as a string', () => {
    const pool = new StringPool();
    const text = 'title: The mail server rejects messages\nnote: The mail server rejects messages\n';
    const first = pool.shareRange(text, 7, 39);
    expect(first).toBe('The mail server rejects messages');
    expect(pool.shareRange(text, 46, 78)).toBe(first);
    expect(pool.share('The mail server rejects messages')).toBe(first);
    // A range that differs after the characters the slot is chosen by is not taken for the recent string.
    expect(pool.shareRange('x The mail server rejects messagez', 2, 34)).toBe('The mail server rejects messagez');
  });

  it('does not walk again a document whose strings were shared as it was read', () => {
    const text = '---\nspec:\n  timeline:\n    - { at: 2026-03-01T09:00:00Z, status: in-progress }\n';
    const timelineOf = (shareAsRead: boolean) => {
      const pool = new StringPool();
      const parsed = parseYamlFile('t.yaml', text, shareAsRead ? pool : undefined);
      const before = (parsed.documents[0]!.value as { spec: { timeline: unknown[] } }).spec.timeline;
      pool.shareDocuments({ documents: parsed.documents, diagnostics: [], rejected: [] });
      const after = (parsed.documents[0]!.value as { spec: { timeline: unknown[] } }).spec.timeline;
      expect(after).toEqual([{ at: '2026-03-01T09:00:00Z', status: 'in-progress' }]);
      return { before, after };
    };
    // Walking a document copies its lists (to their length); a document the reader shared keeps its own.
    const read = timelineOf(true);
    expect(read.after).toBe(read.before);
    const walked = timelineOf(false);
    expect(walked.after).not.toBe(walked.before);
  });

  it('keeps a key named __proto__ as the own property js-yaml made, without touching the prototype', () => {
    const value = JSON.parse('{"__proto__": "an own property", "other": "text of some length"}') as Record<string, unknown>;
    new StringPool().shareWithin(value);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('an own property');
    expect(value.other).toBe('text of some length');
  });
});

describe('the loader and the files it read', () => {
  // A file of one small ticket followed by 40 MB of comment. js-yaml returns the title (13 characters or more) as a
  // slice of the file's text, so before the pool that one title kept all 40 MB alive for as long as the document.
  const MB = 1024 ** 2;
  const comment = `# ${'x'.repeat(78)}\n`.repeat((40 * MB) / 80);
  const ticket = [
    'apiVersion: itsm/v1',
    'kind: Ticket',
    'metadata:',
    '  id: INC0000001',
    'spec:',
    '  type: incident',
    '  service: email',
    '  priority: P3',
    '  title: The mail server rejects messages from the branch office',
    '  opened: 2026-03-01T08:00:00Z',
    '',
  ].join('\n');
  const tree = createTempTree({ 'itsm.yaml': configYaml(), 'tickets/2026-03.yaml': ticket + comment });
  afterAll(() => tree.remove());

  it('keeps the documents, not the text they were parsed from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const loaded = loadFiles(tree.root);
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(loaded.documents.map((d) => (d.value as { spec?: { title?: string } }).spec?.title)).toContain(
      'The mail server rejects messages from the branch office',
    );
    // The documents are a few kilobytes; the text, 40 MB. Anything near the text's size means it is still held.
    expect(growth).toBeLessThan(10 * MB);
  });

  // The parallel loader shares strings only from SHARE_STRINGS_FROM_BYTES of YAML on: below it the CPU is worth more.
  const growthOf = async (shareStringsFromBytes: number) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const loaded = await loadFilesParallel(tree.root, { workers: 1, shareStringsFromBytes });
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(loaded.documents).toHaveLength(2);
    return growth;
  };

  it('the parallel loader lets the text go when the repository holds at least the threshold of YAML', async () => {
    // The repository holds about 40 MB of YAML: a threshold of 1 MB shares; one of 1 GB keeps the 40 MB text.
    expect(await growthOf(1024 ** 2)).toBeLessThan(10 * MB);
    expect(await growthOf(1024 ** 3)).toBeGreaterThan(30 * MB);
  });
});
