import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import { decodeSource } from '../load/decode.js';
import { parseYamlFile } from '../load/parse-yaml.js';
import { resolvePositions } from '../load/positions.js';
import { Id } from '../model/primitives.js';
import { TimeZone } from '../model/timezone.js';
import { issuesToDiagnostics } from '../validate/schema.js';
import { compileDateFormat } from './dates.js';
import type { ValueMapping } from './types.js';

/**
 * The mapping file (`--map FILE`): how a source's values become the repository's vocabulary. Every importer has
 * defaults; the file overrides them entry by entry (a state it names replaces the default for that state; the states
 * it does not name keep their default). Read with the same YAML reader as the repository, checked with zod, and every
 * problem is reported as `file:line:column`.
 *
 * A mapping file is not an itsm document: keep it outside the repository, or in a hidden folder such as
 * `.itsm/servicenow.map.yaml`, which `itsm validate` skips.
 */

const DateFormatText = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    try {
      compileDateFormat(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^date format "[^"]*":? ?/, ''), input: value });
    }
  });

/** Values of one source column mapped to repository ids, with a fallback for values not listed. */
export const ReferenceMapping = z.strictObject({
  column: z.string().min(1).optional(),
  values: z.record(z.string(), Id).optional(),
  fallback: Id.optional(),
});

/**
 * Which source column names the assignment group, and source value → group id. Unlike a service, a group need not
 * exist in the repository: the import writes a Group document for each one it brings in (docs/import.md,
 * "Assignment groups"). No fallback: a ticket may have no group, and a value not listed gets an id by the slug rule.
 */
export const GroupMapping = z.strictObject({
  column: z.string().min(1).optional(),
  values: z.record(z.string(), Id).optional(),
});

/**
 * The fields every importer's mapping file has. An importer that needs more (the CSV importer's columns) extends it:
 * `z.strictObject({ ...mappingFileShape, columns: … })`, and reads it with `readMappingFile(path, schema)`.
 */
export const mappingFileShape = {
  timeZone: TimeZone.optional(),
  dateFormats: z.array(DateFormatText).min(1).optional(),
  statuses: z.record(z.string(), Id).optional(),
  priorities: z.record(z.string(), Id).optional(),
  service: ReferenceMapping.optional(),
  consumer: ReferenceMapping.optional(),
  group: GroupMapping.optional(),
};

export const MappingFile = z.strictObject(mappingFileShape);
export type MappingFile = z.infer<typeof MappingFile>;

/** A mapping file that passed its schema, with a way to point at any of its values. */
export interface LoadedMappingFile<T = MappingFile> {
  /** The path as the user gave it. */
  file: string;
  value: T;
  /** `file:line:column` of the value at `path` (or of its nearest parent that exists). */
  locate(path: readonly (string | number)[]): string;
}

/**
 * Reads and checks a mapping file. Problems (a missing file, YAML syntax, the schema) are a UsageError listing each
 * as `file:line:column message`: a mapping file is part of how the command was called.
 */
export function readMappingFile<S extends z.ZodType = typeof MappingFile>(path: string, schema?: S): LoadedMappingFile<z.infer<S>> {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--map: ${path} is not a file`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--map: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const decoded = decodeSource(path, bytes);
  if (decoded.diagnostic) throw mappingError(path, [decoded.diagnostic]);
  const text = decoded.text;
  const parsed = parseYamlFile(path, text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw mappingError(path, resolvePositions(errors, () => text));
  const documents = parsed.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (documents.length !== 1) {
    throw new UsageError(`--map: ${path} must hold one YAML mapping (statuses, priorities, service, …); it holds ${documents.length} documents`);
  }
  const document = documents[0]!;
  const result = (schema ?? MappingFile).safeParse(document.value);
  if (!result.success) {
    const diagnostics = issuesToDiagnostics(result.error.issues, { file: path, document: document.index });
    throw mappingError(path, resolvePositions(diagnostics, () => text));
  }
  const locate = (at: readonly (string | number)[]): string => {
    const [d] = resolvePositions([{ file: path, document: document.index, path: [...at], rule: '', severity: 'error', message: '' }], () => text);
    return `${path}:${d?.line ?? 1}:${d?.column ?? 1}`;
  };
  return { file: path, value: result.data as z.infer<S>, locate };
}

function mappingError(path: string, diagnostics: readonly Diagnostic[]): UsageError {
  const lines = diagnostics.map((d) => `${path}:${d.line ?? 1}:${d.column ?? 1}: ${d.message}${d.hint ? ` (${d.hint.replace('docs/format.md', 'docs/import.md')})` : ''}`);
  return new UsageError(`the mapping file has ${lines.length === 1 ? 'a problem' : `${lines.length} problems`}:\n  ${lines.join('\n  ')}`);
}

/** What the mapped values may be: the repository's statuses, priorities, services and consumers. */
export interface Vocabulary {
  statuses: ReadonlySet<string>;
  priorities: ReadonlySet<string>;
  services: ReadonlySet<string>;
  consumers: ReadonlySet<string>;
  /** The repository's group ids (a source value that is one is used as it is); none when absent. */
  groups?: ReadonlySet<string>;
}

/** What the command line sets over the mapping file: `--time-zone` and `--default-service`. */
export interface MappingOverrides {
  timeZone?: string;
  /** The service of every ticket whose value maps to none; over the file's `service.fallback`. */
  serviceFallback?: string;
}

/**
 * The mapping an import runs with: the source's defaults, then the mapping file's entries, then `--time-zone` and
 * `--default-service`.
 *
 * A value the mapping file maps to a status, priority, service or consumer that the repository does not have is a
 * UsageError at its line: it is a typo, and finding it now is better than skipping every row it touches. A DEFAULT
 * that names a status or priority the repository does not have (a repository with its own statuses) is dropped
 * instead: rows in that state are then reported as unknown, with a hint to map it.
 */
export function buildValueMapping(
  defaults: ValueMapping,
  vocabulary: Vocabulary,
  options: { file?: LoadedMappingFile<MappingFile> } & MappingOverrides = {},
): ValueMapping {
  const file = options.file;
  const problems: string[] = [];
  const check = (set: ReadonlySet<string>, what: string, entries: Record<string, string> | undefined, path: string[]) => {
    for (const [from, to] of Object.entries(entries ?? {})) {
      if (!set.has(to)) problems.push(`${file!.locate([...path, from])}: ${what} "${to}" (for ${JSON.stringify(from)}) does not exist in the repository`);
    }
  };
  const checkOne = (set: ReadonlySet<string>, what: string, value: string | undefined, path: string[]) => {
    if (value !== undefined && !set.has(value)) problems.push(`${file!.locate(path)}: ${what} "${value}" does not exist in the repository`);
  };
  if (file) {
    const v = file.value;
    check(vocabulary.statuses, 'status', v.statuses, ['statuses']);
    check(vocabulary.priorities, 'priority', v.priorities, ['priorities']);
    check(vocabulary.services, 'service', v.service?.values, ['service', 'values']);
    checkOne(vocabulary.services, 'service', v.service?.fallback, ['service', 'fallback']);
    check(vocabulary.consumers, 'consumer', v.consumer?.values, ['consumer', 'values']);
    checkOne(vocabulary.consumers, 'consumer', v.consumer?.fallback, ['consumer', 'fallback']);
  }
  if (problems.length > 0) {
    throw new UsageError(`the mapping file names ${problems.length === 1 ? 'an id' : 'ids'} the repository does not have:\n  ${problems.join('\n  ')}`);
  }
  const keep = (set: ReadonlySet<string>, entries: Record<string, string>) => Object.fromEntries(Object.entries(entries).filter(([, to]) => set.has(to)));
  const v = file?.value;
  const mapping: ValueMapping = {
    statuses: { ...keep(vocabulary.statuses, defaults.statuses), ...v?.statuses },
    priorities: { ...keep(vocabulary.priorities, defaults.priorities), ...v?.priorities },
    service: mergeReference(defaults.service, v?.service, options.serviceFallback) as ValueMapping['service'],
    timeZone: options.timeZone ?? v?.timeZone ?? defaults.timeZone,
    dateFormats: v?.dateFormats ?? defaults.dateFormats,
  };
  const groupColumn = v?.group?.column ?? defaults.group?.column;
  if (groupColumn !== undefined) mapping.group = { column: groupColumn, values: { ...defaults.group?.values, ...v?.group?.values } };
  else if (v?.group?.values !== undefined) {
    throw new UsageError(`${file!.locate(['group'])}: "group" needs a "column" to read the assignment group from`);
  }
  const consumer = defaults.consumer || v?.consumer ? mergeReference(defaults.consumer, v?.consumer) : undefined;
  if (consumer) {
    if (consumer.column === undefined) {
      throw new UsageError(`${file!.locate(['consumer'])}: "consumer" needs a "column" to read the consumer from`);
    }
    mapping.consumer = consumer as NonNullable<ValueMapping['consumer']>;
  }
  return mapping;
}

type Reference = { column?: string; values?: Record<string, string>; fallback?: string };

function mergeReference(base: Reference | undefined, over: Reference | undefined, fallbackOverride?: string): Reference {
  const merged: Reference = { values: { ...base?.values, ...over?.values } };
  const column = over?.column ?? base?.column;
  if (column !== undefined) merged.column = column;
  const fallback = fallbackOverride ?? over?.fallback ?? base?.fallback;
  if (fallback !== undefined) merged.fallback = fallback;
  return merged;
}

/** How a source value became a repository id. */
export type ResolvedVia = 'mapped' | 'same' | 'fallback';

/**
 * The repository id for a source value (a category, a CI, an assignment group): the mapping's entry for it; else the
 * value itself when it already is an id of the repository, as written or in the form `Category 55` → `category-55`
 * (lower case, runs of other characters as one `-`); else the fallback. Undefined when none applies.
 */
export function resolveReference(
  value: string | undefined,
  reference: { values: Record<string, string>; fallback?: string },
  known: ReadonlySet<string>,
): { id: string; via: ResolvedVia } | undefined {
  const v = value?.trim();
  if (v !== undefined && v !== '') {
    const mapped = reference.values[v];
    if (mapped !== undefined) return { id: mapped, via: 'mapped' };
    if (known.has(v)) return { id: v, via: 'same' };
    const slug = slugOf(v);
    if (slug !== '' && known.has(slug)) return { id: slug, via: 'same' };
  }
  return reference.fallback === undefined ? undefined : { id: reference.fallback, via: 'fallback' };
}

/** `Category 55` → `category-55`; `Service Desk / EMEA` → `service-desk-emea`. */
export function slugOf(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
