import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, Parser, type CST, type Node, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Fills in line and column for diagnostics that know only their document and value path.
 *
 * Positions are recovered by re-parsing, with `yaml`, only the files that have such diagnostics: the fast loader
 * keeps no positions because on a year of tickets that would cost several times the parse itself. When the path
 * does not exist (a missing field), the nearest parent that exists is used, as Spectral does.
 */
export function resolvePositions(diagnostics: Diagnostic[], readText: (file: string) => string | undefined): Diagnostic[] {
  // Every place to locate, the diagnostics' own and those of their related locations, so that each file is read once.
  const places: Place[] = [];
  for (const d of diagnostics) {
    if (d.line === undefined) places.push(d);
    for (const r of d.related ?? []) if (r.line === undefined) places.push(r);
  }
  const located = new Map<Place, Position>();
  const byFile = new Map<string, Place[]>();
  for (const place of places) {
    const list = byFile.get(place.file) ?? [];
    list.push(place);
    byFile.set(place.file, list);
  }
  for (const [file, list] of byFile) {
    const text = readText(file);
    if (text === undefined) continue;
    let docs: Map<number, LocatedDocument>;
    try {
      docs = documentsAt(text, new Set(list.map((p) => p.document ?? 0)));
    } catch {
      continue;
    }
    for (const place of list) {
      const found = docs.get(place.document ?? 0);
      const range = found ? rangeOf(found.doc, place.path ?? [], 'target' in place && place.target === 'key') : undefined;
      // Nothing to point at (no such document, or an empty one): the start of the file.
      const from = found && range ? positionIn(found, range[0]) : FILE_START;
      const to = found && range ? positionIn(found, range[1]) : FILE_START;
      located.set(place, { line: from.line, column: from.col, endLine: to.line, endColumn: to.col });
    }
  }
  return diagnostics.map((d) => {
    const at = located.get(d);
    const related = d.related?.map((r) => {
      const position = located.get(r);
      return position ? { ...r, line: position.line, column: position.column, endLine: position.endLine, endColumn: position.endColumn } : r;
    });
    if (!at && !related) return d;
    return { ...d, ...(at ?? {}), ...(related ? { related } : {}) };
  });
}

type Place = Diagnostic | NonNullable<Diagnostic['related']>[number];
type Position = { line: number; column: number; endLine: number; endColumn: number };

/** A document composed by `yaml`, and where its text starts in the file (its offsets count from there). */
interface LocatedDocument {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines of the file before the document's text. */
  linesBefore: number;
}

const FILE_START = { line: 1, col: 1 };

function positionIn(located: LocatedDocument, offset: number): { line: number; col: number } {
  const at = located.lineCounter.linePos(offset);
  return { line: at.line + located.linesBefore, col: at.col };
}

/**
 * The documents of `text` whose 0-based index is in `wanted`, composed by `yaml` with their positions. Only those are
 * composed: a month of tickets is tens of megabytes, and composing all of its documents to point at one field took
 * gigabytes (1,000,000 tickets ran out of memory on one warning). When the documents' boundaries can be read off the
 * lines (see documentStarts), each wanted document's own text is parsed alone; otherwise `yaml` reads the file up to the
 * last wanted document (at 1,000,000 tickets, one warning half-way through a month was 450,000 lines of it).
 */
function documentsAt(text: string, wanted: ReadonlySet<number>): Map<number, LocatedDocument> {
  const starts = documentStarts(text);
  if (starts === undefined) return documentsInStream(text, wanted);
  const found = new Map<number, LocatedDocument>();
  const sorted = [...wanted].sort((a, b) => a - b);
  // Lines are counted once, from one wanted document to the next.
  let lines = 0;
  let counted = 0;
  for (const index of sorted) {
    const start = starts[index];
    if (start === undefined) continue;
    for (let nl = text.indexOf('\n', counted); nl !== -1 && nl < start; nl = text.indexOf('\n', nl + 1)) lines++;
    counted = start;
    const lineCounter = new LineCounter();
    const own = text.slice(start, starts[index + 1] ?? text.length);
    const tokens = new Parser(lineCounter.addNewLine).parse(own);
    for (const doc of new Composer({ uniqueKeys: false, version: '1.2' }).compose(tokens)) {
      found.set(index, { doc: doc as Document.Parsed, lineCounter, linesBefore: lines });
      break;
    }
  }
  return found;
}

/** A line that is a document marker: `---` or `...` at its start, followed by a space, a tab or the end of the line. */
const MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/gm;

/**
 * The offset in `text` where each document starts, by index, when the lines alone say so: every document but a first
 * bare one starts with a `---` line, and YAML 1.2 forbids such a line inside any content (a block scalar, a quoted or
 * plain scalar, a flow collection: `yaml`'s lexer ends the document there too). Undefined, and the careful reading
 * instead, for files with a `...` document end or a `%` directive, whose counting depends on more than the lines.
 */
export function documentStarts(text: string): number[] | undefined {
  if (/^%/m.test(text)) return undefined;
  const starts: number[] = [];
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match !== null; match = MARKER.exec(text)) {
    if (match[0].startsWith('.')) return undefined;
    starts.push(match.index);
  }
  // Content before the first `---` (anything but blank lines and comments) is a document of its own.
  const before = text.slice(0, starts[0] ?? text.length);
  if (/^[ \t]*[^ \t\r\n#]/m.test(before)) starts.unshift(0);
  return starts;
}

/** `yaml` reading `text` as one stream up to the last wanted document, composing only the wanted ones. */
function documentsInStream(text: string, wanted: ReadonlySet<number>): Map<number, LocatedDocument> {
  const lineCounter = new LineCounter();
  let last = 0;
  // Not Math.max(...wanted): a file whose every document has a problem would pass more arguments than a call takes.
  for (const index of wanted) if (index > last) last = index;
  const indices: number[] = [];
  function* selected(): Generator<CST.Token> {
    let index = -1;
    let keep = false;
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
      if (token.type === 'document') {
        index++;
        if (index > last) return;
        keep = wanted.has(index);
        if (keep) indices.push(index);
      }
      if (keep || token.type === 'directive') yield token;
    }
  }
  const found = new Map<number, LocatedDocument>();
  let k = 0;
  for (const doc of new Composer({ uniqueKeys: false, version: '1.2' }).compose(selected())) {
    found.set(indices[k++]!, { doc: doc as Document.Parsed, lineCounter, linesBefore: 0 });
  }
  return found;
}

/** The source range of the value at `path`, or of the key naming it when `atKey`; else the nearest existing parent. */
function rangeOf(doc: Document.Parsed, path: readonly (string | number)[], atKey: boolean): [number, number] | undefined {
  let node: unknown = doc.contents;
  let best: [number, number] | undefined = rangeOfNode(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      const keyRange = rangeOfNode(pair.key);
      if (isLast && atKey && keyRange) return keyRange;
      node = pair.value;
      // A key with no value (`title:`) has no value node: point at its key.
      best = rangeOfNode(node) ?? keyRange ?? best;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return best;
      node = item;
      best = rangeOfNode(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function rangeOfNode(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}
