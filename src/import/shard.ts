import { localDateOf } from '../time/index.js';
import { withHeader } from './fingerprint.js';

/**
 * Where imported tickets go and how their files read. Tickets are sharded by the month they were opened in, in the
 * organisation's time zone (`tickets/2016/2016-03.yaml`), the layout docs/format.md proposes, so that a month's file
 * stays a few megabytes and a re-import touches only the months that changed. Within a file the documents are
 * sorted by id and written in the block style of examples/acme, with flow mappings for timeline events: one event
 * per line, so that a diff of a re-import shows the events that changed. Pure and deterministic: the same
 * documents always give the same bytes.
 */

/** `tickets/YYYY/YYYY-MM.yaml` for the month in which `opened` falls in `zone`. */
export function shardPathOf(opened: string, zone: string): string {
  const date = localDateOf(zone, Date.parse(opened));
  return `tickets/${date.slice(0, 4)}/${date.slice(0, 7)}.yaml`;
}

/** Orders documents within a file: other kinds first in their own order, then tickets by id. */
export function sortDocuments(documents: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const tickets: Array<{ id: string; doc: Record<string, unknown> }> = [];
  const others: Record<string, unknown>[] = [];
  for (const doc of documents) {
    if (doc.kind === 'Ticket') tickets.push({ id: idOf(doc), doc });
    else others.push(doc);
  }
  tickets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...others, ...tickets.map((t) => t.doc)];
}

export function idOf(doc: Record<string, unknown>): string {
  const id = (doc.metadata as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : '';
}

/** The whole file: header with the hash of the rest, then each document after `---`. */
export function renderShard(documents: readonly Record<string, unknown>[]): string {
  return withHeader(renderDocuments(documents));
}

export function renderDocuments(documents: readonly Record<string, unknown>[]): string {
  return documents.map((doc) => `---\n${renderBlock(doc, 0)}`).join('');
}

/** Longest line a flow mapping may make before it is written as a block instead. */
const FLOW_WIDTH = 160;

/** A mapping in block style, each line ending in `\n`. */
function renderBlock(value: Record<string, unknown>, indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const k = scalar(key);
    if (isPlainObject(v)) {
      // Small mappings of scalars inside spec (an outage, a maintenance window) read best on one line, as in
      // examples/acme; labels and annotations stay one per line.
      const flow = indent >= 2 && key !== 'labels' && key !== 'annotations' ? flowMapping(v) : undefined;
      if (Object.keys(v).length === 0) out += `${pad}${k}: {}\n`;
      else if (flow !== undefined && pad.length + k.length + 2 + flow.length <= FLOW_WIDTH) out += `${pad}${k}: ${flow}\n`;
      else out += `${pad}${k}:\n${renderBlock(v, indent + 2)}`;
    } else if (Array.isArray(v)) {
      if (v.length === 0) out += `${pad}${k}: []\n`;
      else if (v.every(isScalar)) {
        const flow = `${pad}${k}: [${v.map((x) => scalar(x)).join(', ')}]`;
        out += flow.length <= FLOW_WIDTH ? `${flow}\n` : `${pad}${k}:\n${v.map((x) => `${pad}  - ${scalar(x)}\n`).join('')}`;
      } else {
        out += `${pad}${k}:\n${renderSequence(v, indent + 2)}`;
      }
    } else {
      out += `${pad}${k}: ${scalar(v)}\n`;
    }
  }
  return out;
}

function renderSequence(items: readonly unknown[], indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const item of items) {
    if (isPlainObject(item)) {
      const flow = flowMapping(item);
      if (flow !== undefined && pad.length + 2 + flow.length <= FLOW_WIDTH) {
        out += `${pad}- ${flow}\n`;
      } else {
        // The first line goes after "- ", the others under it.
        const block = renderBlock(item, indent + 2);
        out += `${pad}- ${block.slice(indent + 2)}`;
      }
    } else if (Array.isArray(item)) {
      // An empty list written as a bare `-` would read back as null.
      out += item.length === 0 ? `${pad}- []\n` : `${pad}-\n${renderSequence(item, indent + 2)}`;
    } else {
      out += `${pad}- ${scalar(item)}\n`;
    }
  }
  return out;
}

/** `{ at: …, status: … }` when every value is a scalar; undefined otherwise. */
function flowMapping(value: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (!isScalar(v)) return undefined;
    parts.push(`${scalar(key)}: ${scalar(v)}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Characters that may appear in a plain (unquoted) scalar, in block and in flow context alike. */
const PLAIN_RE = /^[A-Za-z0-9_./()+][A-Za-z0-9 _./@()+':-]*$/;
/** Strings that YAML 1.2's core schema would read as something other than a string. */
const NOT_A_STRING_RE = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * A scalar as YAML text: plain when that reads back as the same string under the core schema (which is how the
 * loader reads it), double-quoted otherwise. A JSON string literal is a valid YAML double-quoted scalar.
 */
export function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (
    PLAIN_RE.test(s) &&
    !NOT_A_STRING_RE.test(s) &&
    !s.endsWith(' ') &&
    !s.endsWith(':') &&
    !s.includes(': ') &&
    !s.startsWith("'")
  ) {
    return s;
  }
  // A JSON string is a YAML double-quoted scalar, except that YAML forbids some characters JSON leaves as they are
  // (DEL, C1 controls, a byte order mark, noncharacters, lone surrogates): escape those as \uXXXX.
  return JSON.stringify(s).replace(/[\u007f-\u0084\u0086-\u009f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
