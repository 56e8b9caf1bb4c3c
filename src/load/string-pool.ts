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

  /** Replaces, in place, every string value under `value` by the pool's copy; returns `value`. */
  shareWithin(value: unknown): unknown {
    if (typeof value === 'string') return this.share(value);
    this.visit(value);
    return value;
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

  private visit(node: unknown): void {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'string') node[i] = this.share(item);
        else if (item !== null && typeof item === 'object') this.visit(item);
      }
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // Assigning `__proto__` would set the prototype instead of the (own, data) property js-yaml defined.
      if (key === '__proto__') continue;
      const item = record[key];
      if (typeof item === 'string') record[key] = this.share(item);
      else if (item !== null && typeof item === 'object') this.visit(item);
    }
  }
}
