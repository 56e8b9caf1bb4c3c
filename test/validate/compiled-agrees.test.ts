import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { passesCompiledSchema, zodSchemaDiagnostics } from '../../src/validate/schema.js';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * The compiled validator (src/validate/compiled/documents.ts) lets a document skip zod when it accepts it, so it must
 * never accept a document zod refuses; and it should refuse only what zod refuses, or valid documents pay twice.
 * Both are checked here on every YAML document of the repository's fixtures and examples, and on documents made by
 * mutating the valid ones at random.
 */

/** zod's answer, with no fast path: what `itsm validate` reports when the compiled validator says no. */
function zodAccepts(value: unknown): boolean {
  return zodSchemaDiagnostics({ file: 'doc.yaml', index: 0, value }).length === 0;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

interface Sample {
  where: string;
  value: unknown;
}

/** Every document of every YAML file that js-yaml reads as the loader does (files with syntax errors are skipped). */
function corpus(): Sample[] {
  const samples: Sample[] = [];
  for (const file of [...yamlFiles(join(REPO_ROOT, 'test', 'fixtures')), ...yamlFiles(join(REPO_ROOT, 'examples'))]) {
    const values: unknown[] = [];
    try {
      jsYaml.loadAll(readFileSync(file, 'utf8'), (value) => values.push(value), { schema: jsYaml.CORE_SCHEMA });
    } catch {
      continue;
    }
    values.forEach((value, index) => {
      if (value !== null && value !== undefined) samples.push({ where: `${relative(REPO_ROOT, file)} #${index}`, value });
    });
  }
  return samples;
}

const CORPUS = corpus();
const VALID = CORPUS.filter((s) => zodAccepts(s.value));

describe('the compiled validator and zod accept the same documents', () => {
  it('on every document of test/fixtures/ and examples/', () => {
    const disagree = CORPUS.filter((s) => passesCompiledSchema(s.value) !== zodAccepts(s.value)).map((s) => s.where);
    expect(disagree).toEqual([]);
    // The corpus is worth something: documents of every kind, valid and not.
    const kinds = new Set(VALID.map((s) => (s.value as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['Article', 'Calendar', 'ChangeTemplate', 'Config', 'Consumer', 'Group', 'Improvement', 'SLA', 'Service', 'Ticket', 'Usage']);
    expect(CORPUS.length - VALID.length).toBeGreaterThan(10);
  });

  it('on valid documents mutated at random (wrong types, impossible dates, unknown and missing keys, …)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 3 }), (sample, mutations) => {
        const value = structuredClone(sample.value);
        let document = value;
        for (const m of mutations) document = applyMutation(document, m);
        const fast = passesCompiledSchema(document);
        const zod = zodAccepts(document);
        expect({ fast, zod }, `${sample.where} mutated ${describeMutations(mutations)}`).toEqual({ fast: zod, zod });
      }),
      { numRuns: 400 },
    );
  });

  it('on each tricky value in each place a valid document has', () => {
    // Deterministic and exhaustive over the value pool: each place (kind and path, with list items as item 0) that some
    // valid document has, replaced by every tricky value in turn.
    const places = new Map<string, { value: unknown; path: Path }>();
    // The smallest document that has a place stands for it: each trial copies and checks the whole document.
    const bySize = [...VALID].sort((a, b) => JSON.stringify(a.value).length - JSON.stringify(b.value).length);
    for (const s of bySize) {
      const kind = (s.value as { kind: string }).kind;
      for (const path of pathsOf(s.value)) {
        const place = `${kind} ${path.join('.')}`;
        if (path.every((key) => typeof key === 'string' || key === 0) && !places.has(place)) places.set(place, { value: s.value, path });
      }
    }
    expect(places.size).toBeGreaterThan(200);
    const disagree: string[] = [];
    for (const [place, { value, path }] of places) {
      // A list or mapping is replaced by a value of each JSON type; its own items and fields are places of their own.
      const scalar = typeof parentOf(value, path)?.[path[path.length - 1]!] !== 'object';
      for (const tricky of scalar ? TRICKY_VALUES : [null, 'x', 1, [], {}]) {
        const document = setAt(structuredClone(value), path, tricky);
        if (passesCompiledSchema(document) !== zodAccepts(document)) disagree.push(`${place} = ${show(tricky)}`);
      }
    }
    expect(disagree).toEqual([]);
  });
});

/**
 * Values chosen at the edges of what zod accepts: real and impossible dates and instants, zero and ambiguous
 * durations, money with too many decimals or in exponent notation, unknown time zones, non-finite and unsafe
 * numbers, empty and astral strings, and each JSON type.
 */
const TRICKY_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -0,
  1,
  -1,
  1.5,
  100,
  100.5,
  12.3456,
  12.34567,
  1e21,
  1e-7,
  2 ** 53,
  2 ** 53 - 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '',
  ' ',
  'x',
  '😀',
  '\u{d800}',
  'P1',
  'a'.repeat(128),
  'a'.repeat(129),
  '-a',
  'a.b_c-d',
  '12.50',
  '12.34567',
  '1e3',
  '-1',
  '0',
  '2026-02-28',
  '2026-02-29',
  '2024-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-1-01',
  '2026-10-05T14:02:00Z',
  '2026-10-05T14:02Z',
  '2026-10-05T14:02:00.123456789+05:30',
  '2026-10-05T14:02:00.1234567890Z',
  '2026-10-05T24:00:00Z',
  '2026-10-05T23:60:00Z',
  '2026-10-05T23:59:60Z',
  '2026-10-05T10:00:00+24:00',
  '2026-10-05T10:00:00+23:60',
  '2026-02-30T10:00:00Z',
  '2026-10-05T10:00:00',
  '2026-10-05 10:00:00Z',
  '30m',
  '0m',
  '0h0m',
  '4h',
  '1h30m',
  '90m',
  '2bd',
  '0bd',
  '1d',
  'P1D',
  'PT4H',
  'PT0M',
  'PT1H30M',
  'PT',
  'h',
  'UTC',
  'Europe/Berlin',
  'America/Argentina/Buenos_Aires',
  'Etc/GMT+5',
  'Mars/Olympus_Mons',
  'Europe/berlin',
  'utc',
  '+02:00',
  'EUR',
  'eur',
  '08:00-17:30',
  '00:00-24:00',
  '08:00-24:30',
  '25:00-26:00',
  'a@b.cd',
  'a@b',
  'https://x.y',
  'ftp://x.y',
  'incident',
  'sla',
  'month',
  'itsm/v1',
  'Ticket',
  [],
  ['P1'],
  [{}],
  {},
  { note: 'x' },
  { at: '2026-10-05T14:02:00Z' },
];

type Path = Array<string | number>;

/** The path of every value in a document, the document itself excepted. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function parentOf(document: unknown, path: Path): Record<string | number, unknown> | undefined {
  let node = document;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : undefined;
}

/** Sets a key as the YAML parsers do: an own property, even when it is named `__proto__`. */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setAt(document: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = parentOf(document, path);
  if (parent !== undefined) define(parent, path[path.length - 1]!, value);
  return document;
}

type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add-key'; at: number; key: string; value: unknown }
  | { op: 'empty'; at: number }
  | { op: 'edit-string'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fc.constantFrom(...TRICKY_VALUES) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      at: fc.nat(),
      value: fc.oneof(fc.string({ maxLength: 12 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add-key' as const),
      at: fc.nat(),
      key: fc.constantFrom('__proto__', 'extra', 'note', 'status', 'Status', 'to', 'end', 'rate', 'constructor', 'toString'),
      value: fc.constantFrom(...TRICKY_VALUES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('empty' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit-string' as const), at: fc.nat(), text: fc.string({ maxLength: 3 }) }) },
);

/** Applies one mutation at the `at`-th value of the document (modulo their number). */
function applyMutation(document: unknown, m: Mutation): unknown {
  const paths = pathsOf(document);
  if (paths.length === 0) return document;
  const path = paths[m.at % paths.length]!;
  const parent = parentOf(document, path);
  if (parent === undefined) return document;
  const key = path[path.length - 1]!;
  const current = parent[key];
  switch (m.op) {
    case 'replace':
      return setAt(document, path, m.value);
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return document;
    case 'add-key': {
      const target = typeof current === 'object' && current !== null && !Array.isArray(current) ? current : parent;
      if (!Array.isArray(target)) define(target, m.key, m.value);
      return document;
    }
    case 'empty':
      return setAt(document, path, Array.isArray(current) ? [] : typeof current === 'string' ? '' : {});
    case 'edit-string':
      // Typos inside a value: an appended or replaced tail ("2026-10-05T14:02:00Z" → "2026-10-05T14:02:0x").
      return typeof current === 'string' ? setAt(document, path, current.slice(0, Math.max(0, current.length - m.text.length)) + m.text) : document;
  }
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function describeMutations(mutations: readonly Mutation[]): string {
  return mutations.map((m) => JSON.stringify(m, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))).join(', ');
}
