import type { FileResult } from './file-result.js';

/**
 * Shares the strings of the documents loaded, and keeps none of the files' texts.
 *
 * js-yaml returns every scalar of 13 characters or more (instants, titles, notes) as a slice of the file's text, and
 * one slice keeps the whole text alive: at 1,000,000 tickets the 647 MB of YAML stayed in memory behind the
 * documents, and each repeated status, priority, service and actor was a string of its own. As each file lands, every
 * string of its documents is replaced by an equal string met recently (one comparison in a small table indexed by a
 * hash of its characters) or, when it is long, by V8's internalized copy of it, which holds no text. The values are
 * unchanged, so is every output; the heap after loading 100,000 tickets falls from 2.3 KB to 0.9 KB a ticket
 * (docs/performance.md).
 */
/** Slots of the table of recent strings (a power of two): 512 KB, for about 99 % hits on generated tickets. */
const RECENT_SLOTS = 1 << 16;

/** The slot of text[start, end) in the table of recent strings: a hash of its length and first 24 characters (which
 * tell instants, ids and most titles apart; a collision only costs a miss). */
function slotOf(text: string, start: number, end: number): number {
  let hash = end - start;
  const stop = Math.min(end, start + 24);
  for (let i = start; i < stop; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return (hash ^ (hash >>> 15)) & (RECENT_SLOTS - 1);
}

export class StringPool {
  /** An object without a prototype, in dictionary mode: adding a key makes no hidden class. */
  private readonly scratch: Record<string, true> = Object.create(null) as Record<string, true>;
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS).fill(undefined);
  /** The document values whose strings were shared as they were read (adopt), which shareDocuments leaves as they are. */
  private readonly adopted = new WeakSet<object>();

  /** `value` with every string under it replaced by the pool's copy: objects are changed in place, arrays copied. */
  shareWithin(value: unknown): unknown {
    return typeof value === 'string' ? this.share(value) : this.visit(value);
  }

  /** Shares the strings of a file's documents (its diagnostics and rejected stubs are few and left as they are). */
  shareDocuments(result: FileResult): FileResult {
    for (const doc of result.documents) {
      const value = doc.value;
      if (value === null || typeof value !== 'object' || !this.adopted.has(value)) doc.value = this.shareWithin(value);
    }
    return result;
  }

  /** Marks a document's value as one whose strings are the pool's already (a reader shared them as it read). */
  adopt(value: object): void {
    this.adopted.add(value);
  }

  /**
   * The pool's copy of `text`. Most strings repeat what a recent document said (a status, an actor, an instant of the
   * same hour), so a small table indexed by a hash of the characters answers most of them with one comparison; only a
   * miss asks V8 for its internalized copy (an object keyed by every string cost 0.85 µs a string, 15 % of a
   * `validate` of 100,000 tickets).
   */
  share(text: string): string {
    const slot = slotOf(text, 0, text.length);
    const recent = this.recent[slot];
    if (recent === text) return recent;
    return this.remember(slot, text);
  }

  /**
   * The pool's copy of text[start, end), found without slicing it when a recent string has those characters: a reader
   * that shares as it reads (plain-yaml.ts) makes no string at all for most scalars.
   */
  shareRange(text: string, start: number, end: number): string {
    const slot = slotOf(text, start, end);
    const recent = this.recent[slot];
    if (recent !== undefined && recent.length === end - start && text.startsWith(recent, start)) return recent;
    return this.remember(slot, text.slice(start, end));
  }

  private remember(slot: number, text: string): string {
    // Below 13 characters V8 copies what a parser slices (its SlicedString::kMinLength), so a short string holds no
    // text and is kept as it is: ids, which never repeat, cost no internalizing.
    const copy = text.length < 13 ? text : this.internalized(text);
    this.recent[slot] = copy;
    return copy;
  }

  /**
   * V8's own copy of `text`: the one it keeps for property names, which it holds once per distinct string (equal
   * strings internalize to the same copy), and which compares with the code's literals by identity. `text` itself,
   * once used as a key, would only point at it (a "thin" string that every comparison follows).
   */
  private internalized(text: string): string {
    const scratch = this.scratch;
    scratch[text] = true;
    const copy = Object.keys(scratch)[0]!;
    delete scratch[copy];
    return copy;
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
