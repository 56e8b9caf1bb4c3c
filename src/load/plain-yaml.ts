import jsYaml from 'js-yaml';

/**
 * A reader for the plain subset of YAML that ticket files are written in, three to four times faster than js-yaml.
 *
 * Ticket files are most of a repository's bytes and nearly all of them have one shape: `---` between documents,
 * block mappings and sequences indented with spaces, one-line flow mappings and sequences (`- { at: …, status: … }`),
 * plain, single-quoted and JSON-style double-quoted scalars on one line. That is what the importer writes
 * (src/import/shard.ts) and what people write by hand. A general parser pays, on every character, for everything
 * else YAML allows; this one reads only the subset, and anything outside it is not guessed at:
 *
 * - a document it cannot read exactly is handed, as its own text, to js-yaml (`readDocument`), so one odd ticket
 *   costs one document's slower parse, not the file's;
 * - a file whose split into documents could be uncertain (a directive, a `...` end marker, a `---x` line, a tab, a
 *   carriage return, a byte order mark, a NUL) is not read here at all.
 *
 * The values are those js-yaml gives with the core schema: plain scalars go through js-yaml's own resolvers (null,
 * bool, int, float, in its order), and test/load/plain-yaml.test.ts checks that both readers agree on every document
 * this one accepts, over the fixtures, the examples and generated documents.
 */
export function readPlainYaml(text: string, readDocument: (documentText: string) => unknown[], strings?: SharedStrings): unknown[] | undefined {
  const starts = documentStarts(text);
  if (starts === undefined) return undefined;
  const values: unknown[] = [];
  const reader = new PlainReader(text, strings);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const value = reader.document(start, end);
    if (value !== OUTSIDE) values.push(value);
    else for (const handed of readDocument(text.slice(start, end))) values.push(strings ? strings.shareWithin(handed) : handed);
  }
  return values;
}

/**
 * Where the strings of the values go (string-pool.ts's StringPool): one copy of each, holding none of the file's
 * text. Sharing as it reads, the reader makes no string at all for a scalar a recent one equals.
 */
export interface SharedStrings {
  share(text: string): string;
  shareRange(text: string, start: number, end: number): string;
  shareWithin(value: unknown): unknown;
}

/** What the reader returns for a document outside its subset (never a value YAML can give). */
const OUTSIDE: unique symbol = Symbol('outside the plain subset');

/** Thrown inside the reader to leave a document; a constant, so leaving costs no stack trace. */
const LEAVE = { leave: true } as const;

/** Slots of the reader's key cache (a power of two). */
const KEY_SLOTS = 256;

/** Deeper than any itsm document; deeper ones are left to js-yaml and its depth limit. */
const MAX_DEPTH = 32;

/**
 * Whether text[i] (whose code `c` is below 0x20 or from 0x7F on) is a character js-yaml refuses in a scalar (its
 * PATTERN_NON_PRINTABLE): a control character other than tab and line ends, a surrogate that is not half of a pair,
 * or U+FFFE and U+FFFF. The reader checks every character of the plain scalars it reads, as js-yaml checks what it
 * captures (comments are not checked by either; quoted scalars, see checkQuoted); a document with one is handed to
 * js-yaml, which refuses it.
 */
function isForbiddenAt(text: string, i: number, c: number): boolean {
  if (c < 0x20) return c !== 9 && c !== 10 && c !== 13;
  if (c <= 0x9f) return c !== 0x85;
  if (c < 0xd800) return false;
  if (c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c <= 0xdfff) {
    const previous = text.charCodeAt(i - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return c === 0xfffe || c === 0xffff;
}

/**
 * Leaves the document if text[start, end), the inside of a quoted scalar, has a control character: js-yaml checks
 * quoted scalars as JSON does (any character from U+0020 on, and tab), not as it checks plain ones.
 */
function checkQuoted(text: string, start: number, end: number): void {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) < 0x20) throw LEAVE;
}

/**
 * Where each document starts: the first line, if content comes before any `---`, then each `---` line. Undefined
 * when the text is not one this reader splits: no line may start with a `%` directive or a `...` end marker, since
 * documents then do not simply run from `---` to `---`.
 */
function documentStarts(text: string): number[] | undefined {
  if (text.length === 0 || text.charCodeAt(0) === 0xfeff) return undefined;
  if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) return undefined;
  // js-yaml refuses a NUL anywhere, comments included.
  if (text.indexOf('\0') >= 0) return undefined;
  const starts: number[] = [];
  let line = 0;
  while (line < text.length) {
    const first = text.charCodeAt(line);
    if (first === 37 || (first === 46 && text.startsWith('...', line))) return undefined;
    const marker = isMarker(text, line);
    if (!marker && first === 45 && text.startsWith('---', line)) return undefined; // js-yaml's own reading of `---x`
    if (marker) starts.push(line);
    else if (starts.length === 0 && !isBlankOrComment(text, line)) starts.push(0);
    const next = text.indexOf('\n', line);
    line = next < 0 ? text.length : next + 1;
  }
  // Only comments: one empty document, as js-yaml reads it.
  return starts.length === 0 ? [0] : starts;
}

function isMarker(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45 || text.charCodeAt(at + 1) !== 45 || text.charCodeAt(at + 2) !== 45) return false;
  const after = text.charCodeAt(at + 3);
  return after !== after /* NaN: the end */ || after === 10 || after === 32;
}

function isBlankOrComment(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return c !== c || c === 10 || c === 35;
}

/**
 * js-yaml's implicit types of the core schema (null, bool, int, float), in the order it tries them: its own
 * `compiledImplicit`, which @types/js-yaml does not declare.
 */
const IMPLICIT = (jsYaml.CORE_SCHEMA as unknown as { compiledImplicit: readonly jsYaml.Type[] }).compiledImplicit;

/**
 * A plain scalar's value. Every implicit type starts with one of `~ n N t T f F - + . 0-9` (or is empty, which is
 * null and never reaches here), so any other first character is a string without asking the resolvers; so is text
 * that starts like a date, four digits and `-` (an int or a float has a `-` only first or after its `e`), which is
 * what most plain scalars of a ticket file are.
 */
function resolvePlain(text: string): unknown {
  if (isString(text, 0)) return text;
  for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** Whether the plain scalar at text[at] is a string whatever follows (see resolvePlain). */
function isString(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c >= 48 && c <= 57) return text.charCodeAt(at + 4) === 45 && isDigit(text.charCodeAt(at + 1)) && isDigit(text.charCodeAt(at + 2)) && isDigit(text.charCodeAt(at + 3));
  return !(c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 45 || c === 43 || c === 46);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters a key may have here: letters, digits and `_ - . /`, which never make a key anything but a string… */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 47;
}

/** …once it is known not to resolve to null, a boolean or a number, nor to be `__proto__` (which js-yaml defines specially). */
function isPlainKey(key: string): boolean {
  return resolvePlain(key) === key && key !== '__proto__';
}

/** Characters that may not start a plain scalar here: YAML's indicators (the callers allow `-` before a non-space; `?` and `:` are left to js-yaml). */
function startsPlain(c: number): boolean {
  switch (c) {
    case 45: case 63: case 58: case 44: case 91: case 93: case 123: case 125: case 35: case 38: case 42: case 33:
    case 124: case 62: case 39: case 34: case 37: case 64: case 96: case 32: case 10:
      return false;
    default:
      return c === c;
  }
}

/**
 * Reads one document at a time. Block structure is followed line by line: `line` is the offset of the current
 * line, `lineEnd` of its `\n` (or of the document's end), `indent` its count of leading spaces; blank and
 * comment-only lines are skipped by `skipToContent`.
 */
class PlainReader {
  private line = 0;
  private lineEnd = 0;
  private indent = 0;
  private end = 0;
  private depth = 0;
  /** Where the last flow collection or quoted scalar ended (just after its closing character). */
  private position = 0;
  /**
   * The keys met lately, one per slot of a small hash of their length and first two characters: the same few keys
   * repeat in every document, and a key found here costs neither a new string nor another check.
   */
  private readonly keys: Array<string | undefined> = new Array<string | undefined>(KEY_SLOTS);

  /** The items of the sequences being read, innermost last: each sequence is sliced off it at its end, exactly as long as it is. */
  private readonly items: unknown[] = [];

  constructor(
    private readonly text: string,
    private readonly strings: SharedStrings | undefined,
  ) {}

  /** The plain scalar text[start, end) (not empty, without trailing spaces). */
  private plain(start: number, end: number): unknown {
    const text = this.text;
    if (isString(text, start)) return this.strings ? this.strings.shareRange(text, start, end) : text.slice(start, end);
    const value = resolvePlain(text.slice(start, end));
    return typeof value === 'string' && this.strings ? this.strings.share(value) : value;
  }

  /** A quoted scalar's value: text[start, end) when it had no escape, else `value`. */
  private quoted(start: number, end: number, value: string | undefined): string {
    if (value !== undefined) return this.strings ? this.strings.share(value) : value;
    return this.strings ? this.strings.shareRange(this.text, start, end) : this.text.slice(start, end);
  }

  /** The key at text[start, end), which must be a plain key. */
  private keyOf(start: number, end: number): string {
    const text = this.text;
    const slot = ((end - start) * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(start + 1)) & (KEY_SLOTS - 1);
    const known = this.keys[slot];
    if (known !== undefined && known.length === end - start && text.startsWith(known, start)) return known;
    const key = text.slice(start, end);
    if (!isPlainKey(key)) throw LEAVE;
    this.keys[slot] = key;
    return key;
  }

  /** The document in text[start, end), from its `---` line if it has one. */
  document(start: number, end: number): unknown {
    this.end = end;
    this.depth = 0;
    this.items.length = 0;
    try {
      this.setLine(start);
      if (isMarker(this.text, start)) {
        // Nothing may follow the marker but a comment.
        this.expectLineEnd(start + 3);
        this.nextLine();
      }
      this.skipToContent();
      if (this.line >= this.end || this.indent !== 0) return OUTSIDE;
      const value = this.block(0);
      if (this.line < this.end) return OUTSIDE;
      return value;
    } catch (error) {
      if (error === LEAVE) return OUTSIDE;
      throw error;
    }
  }

  private setLine(at: number): void {
    this.line = at;
    const newline = this.text.indexOf('\n', at);
    this.lineEnd = newline < 0 || newline > this.end ? this.end : newline;
    let i = at;
    while (i < this.lineEnd && this.text.charCodeAt(i) === 32) i++;
    this.indent = i - at;
  }

  private nextLine(): void {
    if (this.lineEnd >= this.end) this.line = this.end;
    else this.setLine(this.lineEnd + 1);
  }

  private skipToContent(): void {
    while (this.line < this.end) {
      const first = this.line + this.indent;
      if (first < this.lineEnd && this.text.charCodeAt(first) !== 35) return;
      this.nextLine();
    }
  }

  /** After a value on this line: only spaces, then an optional comment (after a space). */
  private expectLineEnd(from: number): void {
    let i = from;
    while (i < this.lineEnd && this.text.charCodeAt(i) === 32) i++;
    if (i < this.lineEnd && (this.text.charCodeAt(i) !== 35 || i === from)) throw LEAVE;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw LEAVE;
  }

  /** The block node whose first line is the current line, at `indent`. */
  private block(indent: number): unknown {
    const first = this.line + indent;
    return this.isSequenceEntry(first) ? this.sequence(indent) : this.mapping(indent, first);
  }

  private isSequenceEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== 45) return false;
    return at + 1 >= this.lineEnd || this.text.charCodeAt(at + 1) === 32;
  }

  /**
   * A block mapping whose keys are at column `indent`. Its first key may sit after a sequence's `- ` (`firstKey`),
   * in which case the current line's own indent is the sequence's.
   */
  private mapping(indent: number, firstKey: number): Record<string, unknown> {
    this.enter();
    const result: Record<string, unknown> = {};
    let keyAt = firstKey;
    for (;;) {
      const text = this.text;
      let i = keyAt;
      while (i < this.lineEnd && isKeyChar(text.charCodeAt(i))) i++;
      if (i === keyAt || text.charCodeAt(i) !== 58) throw LEAVE;
      const afterColon = i + 1;
      if (afterColon < this.lineEnd && text.charCodeAt(afterColon) !== 32) throw LEAVE;
      const key = this.keyOf(keyAt, i);
      if (Object.prototype.hasOwnProperty.call(result, key)) throw LEAVE;
      result[key] = this.valueAfterIndicator(indent, afterColon, true);
      if (this.line >= this.end || this.indent < indent) break;
      if (this.indent > indent) throw LEAVE;
      keyAt = this.line + indent;
      if (this.isSequenceEntry(keyAt)) throw LEAVE;
    }
    this.depth--;
    return result;
  }

  private sequence(indent: number): unknown[] {
    this.enter();
    const items = this.items;
    const first = items.length;
    for (;;) {
      const dash = this.line + indent;
      items.push(this.entry(indent, dash + 1));
      if (this.line >= this.end || this.indent < indent) break;
      if (this.indent > indent) throw LEAVE;
      if (!this.isSequenceEntry(this.line + indent)) break;
    }
    this.depth--;
    return this.sliceItems(first);
  }

  private sliceItems(first: number): unknown[] {
    const result = this.items.slice(first);
    this.items.length = first;
    return result;
  }

  /** A sequence entry's value, from just after its `-`: a compact mapping (`- key: value`), or any other value. */
  private entry(indent: number, afterDash: number): unknown {
    const text = this.text;
    let i = afterDash;
    while (i < this.lineEnd && text.charCodeAt(i) === 32) i++;
    if (i < this.lineEnd && text.charCodeAt(i) !== 35) {
      let k = i;
      while (k < this.lineEnd && isKeyChar(text.charCodeAt(k))) k++;
      if (k > i && text.charCodeAt(k) === 58 && (k + 1 >= this.lineEnd || text.charCodeAt(k + 1) === 32)) {
        return this.mapping(i - this.line, i);
      }
      if (this.isSequenceEntry(i)) throw LEAVE;
    }
    return this.valueAfterIndicator(indent, afterDash, false);
  }

  /**
   * The value after a key's `:` or an entry's `-` at `from`, on this line or in the lines below, leaving the
   * current line at the first content line after it. A mapping's value may be a sequence at the key's own indent.
   */
  private valueAfterIndicator(indent: number, from: number, ofMapping: boolean): unknown {
    const text = this.text;
    let i = from;
    while (i < this.lineEnd && text.charCodeAt(i) === 32) i++;
    if (i >= this.lineEnd || text.charCodeAt(i) === 35) {
      if (i < this.lineEnd && i === from) throw LEAVE;
      this.nextLine();
      this.skipToContent();
      if (this.line < this.end && this.indent > indent) return this.block(this.indent);
      if (ofMapping && this.line < this.end && this.indent === indent && this.isSequenceEntry(this.line + indent)) return this.sequence(indent);
      // js-yaml reads an empty entry of a nested sequence followed by a shallower entry as if both were in the
      // nested one, where YAML puts the second in the outer; an empty entry is left to js-yaml, whatever it means.
      if (!ofMapping) throw LEAVE;
      return null;
    }
    const value = this.inline(i);
    this.nextLine();
    this.skipToContent();
    return value;
  }

  /** A value that starts at `at` and ends on this line, in block context. */
  private inline(at: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 123 || c === 91) {
      const value = c === 123 ? this.flowMapping(at) : this.flowSequence(at);
      this.expectLineEnd(this.position);
      return value;
    }
    if (c === 34 || c === 39) {
      const value = c === 34 ? this.doubleQuoted(at) : this.singleQuoted(at);
      this.expectLineEnd(this.position);
      return value;
    }
    if (!startsPlain(c) && !(c === 45 && at + 1 < this.lineEnd && text.charCodeAt(at + 1) !== 32)) throw LEAVE;
    // A plain scalar runs to the end of the line or to a comment; `: ` inside it would make it a key.
    let end = this.lineEnd;
    for (let i = at; i < this.lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 35 && text.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
      if (ch === 58 && (i + 1 >= this.lineEnd || text.charCodeAt(i + 1) === 32)) throw LEAVE;
      if ((ch < 0x20 || ch >= 0x7f) && isForbiddenAt(text, i, ch)) throw LEAVE;
    }
    while (text.charCodeAt(end - 1) === 32) end--;
    return this.plain(at, end);
  }

  private flowMapping(open: number): Record<string, unknown> {
    this.enter();
    const text = this.text;
    const result: Record<string, unknown> = {};
    let i = this.skipSpaces(open + 1);
    while (text.charCodeAt(i) !== 125) {
      let k = i;
      while (k < this.lineEnd && isKeyChar(text.charCodeAt(k))) k++;
      if (k === i || text.charCodeAt(k) !== 58 || text.charCodeAt(k + 1) !== 32) throw LEAVE;
      const key = this.keyOf(i, k);
      if (Object.prototype.hasOwnProperty.call(result, key)) throw LEAVE;
      result[key] = this.flowValue(this.skipSpaces(k + 2));
      i = this.afterFlowItem(125);
    }
    this.position = i + 1;
    this.depth--;
    return result;
  }

  private flowSequence(open: number): unknown[] {
    this.enter();
    const text = this.text;
    const items = this.items;
    const first = items.length;
    let i = this.skipSpaces(open + 1);
    while (text.charCodeAt(i) !== 93) {
      items.push(this.flowValue(i));
      i = this.afterFlowItem(93);
    }
    this.position = i + 1;
    this.depth--;
    return this.sliceItems(first);
  }

  /** After a flow item (ending at `position`): spaces, then `,` and the next item's start, or the closing bracket. */
  private afterFlowItem(close: number): number {
    const i = this.skipSpaces(this.position);
    const c = this.text.charCodeAt(i);
    if (c === 44) {
      const next = this.skipSpaces(i + 1);
      if (this.text.charCodeAt(next) === 44) throw LEAVE;
      return next;
    }
    if (c !== close) throw LEAVE;
    return i;
  }

  private skipSpaces(from: number): number {
    let i = from;
    while (i < this.lineEnd && this.text.charCodeAt(i) === 32) i++;
    if (i >= this.lineEnd) throw LEAVE; // A flow collection that goes on to the next line.
    return i;
  }

  /** A value inside a flow collection; sets `position` to just after it. */
  private flowValue(at: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 123) return this.flowMapping(at);
    if (c === 91) return this.flowSequence(at);
    if (c === 34) return this.doubleQuoted(at);
    if (c === 39) return this.singleQuoted(at);
    if (!startsPlain(c) && !(c === 45 && !isFlowEnd(text.charCodeAt(at + 1)))) throw LEAVE;
    let i = at;
    for (; i < this.lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 44 || ch === 93 || ch === 125) break;
      if ((ch < 0x20 || ch >= 0x7f) && isForbiddenAt(text, i, ch)) throw LEAVE;
      if (ch === 91 || ch === 123) throw LEAVE;
      if (ch === 35 && text.charCodeAt(i - 1) === 32) throw LEAVE;
      if (ch === 58) {
        const next = text.charCodeAt(i + 1);
        if (next === 32 || next === 44 || next === 93 || next === 125 || next === 91 || next === 123 || i + 1 >= this.lineEnd) throw LEAVE;
      }
    }
    if (i >= this.lineEnd) throw LEAVE;
    this.position = i;
    let end = i;
    while (text.charCodeAt(end - 1) === 32) end--;
    return this.plain(at, end);
  }

  /** `'…'` on one line, `''` standing for `'`. */
  private singleQuoted(open: number): string {
    const text = this.text;
    let value: string | undefined;
    let from = open + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close < 0 || close >= this.lineEnd) throw LEAVE;
      checkQuoted(text, from, close);
      if (text.charCodeAt(close + 1) !== 39) {
        this.position = close + 1;
        return this.quoted(open + 1, close, value === undefined ? undefined : value + text.slice(from, close));
      }
      value = (value ?? '') + text.slice(from, close) + "'";
      from = close + 2;
    }
  }

  /** `"…"` on one line with JSON's escapes (which YAML shares); YAML's other escapes are left to js-yaml. */
  private doubleQuoted(open: number): string {
    const text = this.text;
    let value = '';
    let from = open + 1;
    for (let i = from; ; i++) {
      if (i >= this.lineEnd) throw LEAVE;
      const c = text.charCodeAt(i);
      if (c < 0x20) throw LEAVE; // as checkQuoted
      if (c === 34) {
        this.position = i + 1;
        return this.quoted(open + 1, i, from === open + 1 ? undefined : value + text.slice(from, i));
      }
      if (c !== 92) continue;
      value += text.slice(from, i);
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex) || i + 6 > this.lineEnd) throw LEAVE;
        value += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        const simple = SIMPLE_ESCAPES[e];
        if (simple === undefined || i + 1 >= this.lineEnd) throw LEAVE;
        value += simple;
        i += 1;
      }
      from = i + 1;
    }
  }
}

/** A space, a flow indicator or the end of the line: what may not follow a `-` that starts a plain scalar in flow context. */
function isFlowEnd(c: number): boolean {
  return c !== c || c === 32 || c === 10 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** JSON's one-character escapes, by the code of the character after `\`. */
const SIMPLE_ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };
