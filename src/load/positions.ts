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
    const lineCounter = new LineCounter();
    let docs: Map<number, Document.Parsed>;
    try {
      docs = documentsAt(text, new Set(list.map((p) => p.document ?? 0)), lineCounter);
    } catch {
      continue;
    }
    for (const place of list) {
      const doc = docs.get(place.document ?? 0);
      const range = doc ? rangeOf(doc, place.path ?? [], 'target' in place && place.target === 'key') : undefined;
      const [start, end] = range ?? [0, 0];
      const from = lineCounter.linePos(start);
      const to = lineCounter.linePos(end);
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

/**
 * The documents of `text` whose 0-based index is in `wanted`, composed by `yaml` with their positions. Only those are
 * composed, and the text is not parsed past the last of them: a month of tickets is tens of megabytes, and composing
 * all of its documents to point at one field took gigabytes (1,000,000 tickets ran out of memory on one warning).
 * Offsets stay those of the whole text, so `lineCounter` gives lines and columns in the file.
 */
function documentsAt(text: string, wanted: ReadonlySet<number>, lineCounter: LineCounter): Map<number, Document.Parsed> {
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
  const found = new Map<number, Document.Parsed>();
  let k = 0;
  for (const doc of new Composer({ uniqueKeys: false, version: '1.2' }).compose(selected())) found.set(indices[k++]!, doc as Document.Parsed);
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
