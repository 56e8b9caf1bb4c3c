import type { FileResult } from './file-result.js';

/**
 * One copy of each distinct string of the documents loaded, and none of the files' texts.
 *
 * js-yaml returns every scalar of 13 characters or more (instants, titles, notes) as a slice of the file's text, and
 * one slice keeps the whole text alive: at 1,000,000 tickets the 647 MB of YAML stayed in memory behind the documents,
 * and each of the 3.4 million repeated statuses, priorities, services and actors of 100,000 tickets was a string of
 * its own. Using a string as a property key makes V8 keep one internalized copy of it and point the string at that
 * copy, which drops the slice's hold on the text; so the pool is an object keyed by the strings themselves, and every
 * string of a document is replaced by the first equal string the pool met. The values are unchanged, so is every
 * output; the heap after loading 100,000 tickets falls from 2.3 KB to about 1 KB per ticket (docs/performance.md).
 */
export class StringPool {
  private strings: Record<string, string> = Object.create(null) as Record<string, string>;

  /** `value` with every string under it replaced by the pool's copy: objects are changed in place, arrays copied. */
  shareWithin(value: unknown): unknown {
    return typeof value === 'string' ? this.share(value) : this.visit(value);
  }

  /** Shares the strings of a file's documents (its diagnostics and rejected stubs are few and left as they are). */
  shareDocuments(result: FileResult): FileResult {
    for (const doc of result.documents) doc.value = this.shareWithin(doc.value);
    return result;
  }

  private share(text: string): string {
    const known = this.strings[text];
    if (known !== undefined) return known;
    this.strings[text] = text;
    return text;
  }

  /** `node` with its strings shared; an array is returned as a copy of its own length (see below). */
  private visit(node: unknown): unknown {
    if (Array.isArray(node)) {
      // js-yaml grows each list by pushing, which leaves room for 17 items behind a timeline of four events; a copy is
      // exactly as long (at 1,000,000 tickets some 140 MB of empty room).
      const list: unknown[] = node.slice();
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        if (typeof item === 'string') list[i] = this.share(item);
        else if (item !== null && typeof item === 'object') list[i] = this.visit(item);
      }
      return list;
    }
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // Assigning `__proto__` would set the prototype instead of the (own, data) property js-yaml defined.
      if (key === '__proto__') continue;
      const item = record[key];
      if (typeof item === 'string') record[key] = this.share(item);
      else if (item !== null && typeof item === 'object') record[key] = this.visit(item);
    }
    return record;
  }
}
