import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Fills in line and column for diagnostics that know only their document and value path.
 *
 * Positions are recovered by re-parsing, with `yaml`, only the files that have such diagnostics: the fast loader
 * keeps no positions because on a year of tickets that would cost several times the parse itself. When the path
 * does not exist (a missing field), the nearest parent that exists is used, as Spectral does.
 */
export function resolvePositions(diagnostics: Diagnostic[], readText: (file: string) => string | undefined): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.line !== undefined) continue;
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  const located = new Map<Diagnostic, Diagnostic>();
  for (const [file, list] of byFile) {
    const text = readText(file);
    if (text === undefined) continue;
    const lineCounter = new LineCounter();
    let docs: Document.Parsed[];
    try {
      docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, version: '1.2' }) as Document.Parsed[];
      if (!Array.isArray(docs)) continue;
    } catch {
      continue;
    }
    for (const d of list) {
      const doc = docs[d.document ?? 0];
      const range = doc ? rangeOf(doc, d.path ?? [], d.target === 'key') : undefined;
      const [start, end] = range ?? [0, 0];
      const from = lineCounter.linePos(start);
      const to = lineCounter.linePos(end);
      located.set(d, { ...d, line: from.line, column: from.col, endLine: to.line, endColumn: to.col });
    }
  }
  const withRelated = diagnostics.map((d) => located.get(d) ?? d);
  return withRelated.map((d) => (d.related ? { ...d, related: resolveRelated(d.related, readText) } : d));
}

function resolveRelated(related: NonNullable<Diagnostic['related']>, readText: (file: string) => string | undefined) {
  const asDiagnostics: Diagnostic[] = related.map((r) => ({ ...r, rule: '', severity: 'error' }));
  return resolvePositions(asDiagnostics, readText).map(({ rule: _rule, severity: _severity, ...r }, i) => ({
    ...r,
    message: related[i]!.message,
  }));
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
