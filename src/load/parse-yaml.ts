import jsYaml from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MarkdownBody } from './front-matter.js';
import { readPlainYaml, type SharedStrings } from './plain-yaml.js';

/** One YAML document of a file, as plain data. */
export interface RawDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  /** Set when the document is known to pass the schema of its kind (checked when its file was first read). */
  checked?: true;
  /** For the front matter of a Markdown file (a knowledge article): the Markdown after it. */
  markdown?: MarkdownBody;
}

export interface ParsedFile {
  documents: RawDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Anchors and aliases send a file down the careful path, because js-yaml expands aliases without a limit and an
 * "alias bomb" would then exhaust later passes. The pattern over-matches (a `*` in a note) which only costs speed.
 */
const MAY_HAVE_ALIASES = /(?:^|[\s[{,:-])[&*][^\s,[\]{}]/;

/** Nesting deeper than any itsm document needs is refused rather than risking the stack; the same limit as js-yaml's. */
export const MAX_DEPTH = 100;

/**
 * Parses every document of a YAML file.
 *
 * The fast path uses js-yaml, which is several times faster than `yaml` on large ticket files but keeps no source
 * positions; positions are recovered later, only for files that have a diagnostic (see positions.ts). Files that fail
 * to parse, or that use aliases, take the careful path through `yaml`, which reports every syntax error of every
 * document with its position, keeps the documents that did parse, and caps alias expansion.
 */
export function parseYamlFile(file: string, text: string, strings?: DocumentStrings): ParsedFile {
  const plain = readPlainly(text, strings);
  if (plain !== undefined) return { documents: toDocuments(file, plain), diagnostics: [] };
  if (!MAY_HAVE_ALIASES.test(text)) {
    try {
      const values: unknown[] = [];
      jsYaml.loadAll(text, (value) => values.push(value), JS_YAML_OPTIONS);
      return { documents: toDocuments(file, values), diagnostics: [] };
    } catch (error) {
      // Too deep: reported here, never handed to the recursive careful parser (see tooDeep below).
      if (error instanceof jsYaml.YAMLException && /maxDepth/.test(error.reason ?? error.message)) {
        return { documents: [], diagnostics: [tooDeepAt(file, error.mark?.line ?? 0, error.mark?.column ?? 0)] };
      }
      // Otherwise fall through: the careful parser reports this error, and any others, with positions.
    }
  }
  const deep = flowDepthExceeded(text, MAX_DEPTH);
  if (deep !== undefined) return { documents: [], diagnostics: [tooDeepAt(file, deep.line, deep.column)] };
  return parseYamlCarefully(file, text);
}

const JS_YAML_OPTIONS = { schema: jsYaml.CORE_SCHEMA, json: false, maxDepth: MAX_DEPTH } as jsYaml.LoadOptions;

/**
 * The plain subset's reader (plain-yaml.ts), with js-yaml for the documents outside it. Undefined when the file is
 * not one it reads, or when js-yaml fails on one of its documents: the paths below then read the whole file, so that
 * every error is reported as they report it, with positions in the file.
 */
function readPlainly(text: string, strings: DocumentStrings | undefined): unknown[] | undefined {
  let values: unknown[] | undefined;
  try {
    values = readPlainYaml(
      text,
      (documentText) => {
        if (MAY_HAVE_ALIASES.test(documentText)) throw new Error('aliases');
        const read: unknown[] = [];
        jsYaml.loadAll(documentText, (value) => read.push(value), JS_YAML_OPTIONS);
        return read;
      },
      strings,
    );
  } catch {
    return undefined;
  }
  if (strings) for (const value of values ?? []) if (value !== null && typeof value === 'object') strings.adopt(value);
  return values;
}

/** Where a reader shares the strings of what it reads, and marks the documents it shared (string-pool.ts's StringPool). */
export interface DocumentStrings extends SharedStrings {
  adopt(value: object): void;
}

export function parseYamlCarefully(file: string, source: string): ParsedFile {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: RawDocument[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  } catch (error) {
    return { documents, diagnostics: [yamlFailure(file, error)] };
  }
  const list = Array.isArray(parsed) ? parsed : [];
  const seen = new Set<string>();
  const report = (d: Diagnostic) => {
    // A broken deep structure makes the parser repeat one complaint many times; each problem is reported once.
    // Stack exhaustion surfaces at several depths; one report per document is enough.
    const key = d.message === TOO_DEEP ? `${d.document}:${TOO_DEEP}` : `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push(d);
  };
  list.forEach((doc, index) => {
    for (const problem of [...doc.errors, ...doc.warnings]) {
      const start = lineCounter.linePos(problem.pos[0]);
      const end = lineCounter.linePos(problem.pos[1]);
      const severity = doc.errors.includes(problem as never) ? 'error' : 'warning';
      report({
        rule: 'yaml-syntax',
        severity,
        file,
        document: index,
        line: start.line,
        column: start.col,
        endLine: end.line,
        endColumn: end.col,
        message: isStackOverflow(problem.message) ? TOO_DEEP : firstLine(problem.message),
      });
    }
    if (doc.errors.length > 0) return;
    try {
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value !== null && value !== undefined) documents.push({ file, index, value });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      let offset = doc.range[0];
      let text = `cannot read document: ${firstLine(message)}`;
      let hint: string | undefined;
      if (/excessive alias count/i.test(message)) {
        text = 'too many aliases: this document expands to a huge structure (an "alias bomb")';
        hint = 'write the values out instead of repeating anchors';
      } else if (isStackOverflow(message)) {
        text = TOO_DEEP;
      } else {
        const alias = /unresolved alias[^:]*:\s*(\S+)/i.exec(message)?.[1];
        if (alias !== undefined) {
          text = `alias "*${alias}" refers to no anchor "&${alias}" defined before it`;
          const at = source.indexOf(`*${alias}`, doc.range[0]);
          if (at >= 0 && at < doc.range[2]) offset = at;
        }
      }
      const start = lineCounter.linePos(offset);
      const d: Diagnostic = { rule: 'yaml-syntax', severity: 'error', file, document: index, line: start.line, column: start.col, message: text };
      if (hint) d.hint = hint;
      report(d);
    }
  });
  // Depth is checked after parsing so the error names the document, not a stack overflow.
  const shallow: RawDocument[] = [];
  for (const doc of documents) {
    if (depthExceeds(doc.value, MAX_DEPTH)) {
      diagnostics.push({
        rule: 'yaml-syntax',
        severity: 'error',
        file,
        document: doc.index,
        message: TOO_DEEP,
      });
    } else {
      shallow.push(doc);
    }
  }
  return { documents: shallow, diagnostics };
}

/** Empty documents (a trailing `---`, a file of comments) carry nothing and are skipped, keeping their index. */
function toDocuments(file: string, values: unknown[]): RawDocument[] {
  const documents: RawDocument[] = [];
  values.forEach((value, index) => {
    if (value !== null && value !== undefined) documents.push({ file, index, value });
  });
  return documents;
}

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

const TOO_DEEP = `document is nested more than ${MAX_DEPTH} levels deep`;

function tooDeepAt(file: string, line0: number, column0: number): Diagnostic {
  return { rule: 'yaml-syntax', severity: 'error', file, line: line0 + 1, column: column0 + 1, message: TOO_DEEP };
}

/**
 * Where flow collections (`[`, `{`) nest deeper than `limit`, if they do; quoted strings and comments are skipped.
 * Such input must not reach the recursive `yaml` parser: near the end of the stack V8 can fail fatally (compiling a
 * regular expression, for instance) instead of throwing a catchable RangeError.
 */
function flowDepthExceeded(text: string, limit: number): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
    } else if (ch === 91 || ch === 123) {
      if (++depth > limit) return { line, column: i - lineStart };
    } else if (ch === 93 || ch === 125) {
      if (depth > 0) depth--;
    } else if (ch === 34 || ch === 39) {
      // Skip a quoted scalar ("…" with \ escapes, '…' with '' escapes) on this line.
      for (i++; i < text.length && text.charCodeAt(i) !== ch && text.charCodeAt(i) !== 10; i++) if (ch === 34 && text.charCodeAt(i) === 92) i++;
      if (text.charCodeAt(i) === 10) i--;
    } else if (ch === 35 && (i === lineStart || text.charCodeAt(i - 1) === 32)) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    }
  }
  return undefined;
}

function isStackOverflow(message: string): boolean {
  return /maximum call stack/i.test(message);
}

function yamlFailure(file: string, error: unknown): Diagnostic {
  return {
    rule: 'yaml-syntax',
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message: isStackOverflow(String(error)) ? TOO_DEEP : `cannot parse YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`,
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
