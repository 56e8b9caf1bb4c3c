import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RawDocument } from '../load/parse-yaml.js';
import type { UsageCsvRow } from '../load/usage-csv.js';
import {
  API_VERSION,
  DEFAULT_PRIORITIES,
  DEFAULT_STATUSES,
  isKind,
  KIND_SCHEMAS,
  KINDS,
  type Kind,
  UsageRecord,
  type ConfigDocument,
} from '../model/index.js';
import type { HolidayFileContent, Repository, SourceRef } from '../model/repository.js';
import { describeIssue } from './zod-issues.js';
import * as compiled from './compiled/documents.js';
import { append } from '../diagnostics/append.js';
import { CONFIG_FILE } from '../load/config-file.js';
import { BackstageComponentSpec, BackstageEntity, isBackstageApiVersion } from '../model/backstage.js';
import { Lifecycle, type ServiceDocument, type WrittenServiceDocument } from '../model/service.js';
import type { Entity } from '../model/repository.js';
import { completeServices, linkComponents } from './backstage.js';

export { CONFIG_FILE };

export interface UsageCsvFile {
  file: string;
  rows: UsageCsvRow[];
}

/**
 * A document that failed the schema of its kind, remembered by its kind and id: it exists, so a reference to it is
 * not a reference to nothing (see the reference-to-invalid rule). The id is known when `metadata.id` is a string.
 */
export interface RejectedDocument {
  kind: Kind;
  id?: string;
  source: SourceRef;
  /**
   * A Service's description and lifecycle when it leaves them out: reported with its other problems unless a Backstage
   * Component may give them (which only the whole repository tells), not only once those are fixed.
   */
  lacks?: ('description' | 'lifecycle')[];
}

/** What a document that failed its schema still tells: its kind and id, when they can be read. */
export function rejectedDocument(raw: RawDocument): RejectedDocument | undefined {
  const value = raw.value as { apiVersion?: unknown; kind?: unknown; metadata?: { id?: unknown } } | null;
  if (typeof value !== 'object' || value === null || !isKind(value.kind) || isBackstageApiVersion(value.apiVersion)) return undefined;
  const id = typeof value.metadata === 'object' && value.metadata !== null ? value.metadata.id : undefined;
  const rejected: RejectedDocument = { kind: value.kind, source: { file: raw.file, document: raw.index } };
  if (typeof id === 'string' && id !== '') rejected.id = id;
  const spec = (value as { spec?: unknown }).spec;
  if (value.kind === 'Service' && typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
    const lacks = (['description', 'lifecycle'] as const).filter((field) => (spec as Record<string, unknown>)[field] === undefined);
    if (lacks.length > 0) rejected.lacks = lacks;
  }
  // A Config is found by its place, not its id; any other document can only be referred to by its id.
  return rejected.id !== undefined || rejected.kind === 'Config' ? rejected : undefined;
}

/**
 * The first phase of validation: every document is checked against the schema of its kind, and only documents that
 * pass become part of the Repository, so that the rules of the second phase can trust their shape. Those that fail
 * are returned as `rejected` (joined by `rejected` from the loader, which checked its documents as it read them).
 * `holidayFiles` are the iCalendar files the loader read for calendars' `holidaysFrom` (LoadedFiles.holidayFiles).
 */
export function checkSchemas(
  documents: readonly RawDocument[],
  usageCsv: readonly UsageCsvFile[] = [],
  rejected: readonly RejectedDocument[] = [],
  holidayFiles: ReadonlyMap<string, HolidayFileContent> = new Map(),
): {
  repository: Repository;
  diagnostics: Diagnostic[];
  rejected: RejectedDocument[];
} {
  const diagnostics: Diagnostic[] = [];
  const allRejected = [...rejected];
  const repository: Repository = {
    config: resolveConfig(undefined),
    calendars: [],
    services: [],
    slas: [],
    consumers: [],
    groups: [],
    tickets: [],
    usage: [],
    changeTemplates: [],
    articles: [],
    improvements: [],
    backstage: [],
    holidayFiles,
  };
  let configSeen = false;
  const writtenServices: Entity<WrittenServiceDocument>[] = [];

  for (const raw of documents) {
    const at = { file: raw.file, document: raw.index };
    if (!raw.checked) {
      const problems = documentSchemaDiagnostics(raw);
      if (problems.length > 0) {
        append(diagnostics, problems);
        const stub = rejectedDocument(raw);
        if (stub) allRejected.push(stub);
        continue;
      }
    }
    const apiVersion = (raw.value as { apiVersion: unknown }).apiVersion;
    if (apiVersion !== API_VERSION && isBackstageApiVersion(apiVersion)) {
      repository.backstage.push({ source: at, doc: raw.value as BackstageEntity });
      continue;
    }
    // The schemas have no transforms or defaults, so a document that passed is its own parsed value; keeping the
    // input (rather than zod's copy) halves the memory a year of tickets takes.
    const kind = (raw.value as { kind: Kind }).kind;
    if (raw.markdown !== undefined && kind !== 'Article') {
      diagnostics.push({
        ...at,
        path: ['kind'],
        rule: 'article-location',
        severity: 'error',
        message: `the front matter of a Markdown file is an Article, not a ${kind}`,
        hint: 'keep other kinds in .yaml files',
      });
      continue;
    }
    const result = { data: raw.value };
    const source = { file: raw.file, document: raw.index };
    switch (kind) {
      case 'Config': {
        const doc = result.data as ConfigDocument;
        if (raw.file !== CONFIG_FILE) {
          diagnostics.push({
            ...at,
            path: ['kind'],
            rule: 'config-location',
            severity: 'error',
            message: `a Config document belongs in ${CONFIG_FILE} at the repository root, not in ${raw.file}`,
          });
        } else if (configSeen) {
          diagnostics.push({
            ...at,
            path: ['kind'],
            rule: 'config-location',
            severity: 'error',
            message: `${CONFIG_FILE} holds more than one Config document; keep exactly one`,
          });
        } else {
          configSeen = true;
          repository.config = resolveConfig(doc);
          repository.configSource = source;
        }
        break;
      }
      case 'Calendar':
        repository.calendars.push({ source, doc: result.data as Repository['calendars'][number]['doc'] });
        break;
      case 'Service':
        writtenServices.push({ source, doc: result.data as WrittenServiceDocument });
        break;
      case 'SLA':
        repository.slas.push({ source, doc: result.data as Repository['slas'][number]['doc'] });
        break;
      case 'Consumer':
        repository.consumers.push({ source, doc: result.data as Repository['consumers'][number]['doc'] });
        break;
      case 'Group':
        repository.groups.push({ source, doc: result.data as Repository['groups'][number]['doc'] });
        break;
      case 'Ticket':
        repository.tickets.push({ source, doc: result.data as Repository['tickets'][number]['doc'] });
        break;
      case 'ChangeTemplate':
        repository.changeTemplates.push({ source, doc: result.data as Repository['changeTemplates'][number]['doc'] });
        break;
      case 'Improvement':
        repository.improvements.push({ source, doc: result.data as Repository['improvements'][number]['doc'] });
        break;
      case 'Article':
        if (raw.markdown === undefined) {
          diagnostics.push({
            ...at,
            path: ['kind'],
            rule: 'article-location',
            severity: 'error',
            message: `an Article is the front matter of a Markdown file, not a document of ${raw.file}`,
            hint: 'move it to a .md file: the front matter between two lines "---", the article\'s Markdown after it',
          });
          break;
        }
        repository.articles.push({ source, doc: result.data as Repository['articles'][number]['doc'], body: raw.markdown.body, bodyLine: raw.markdown.line });
        break;
      case 'Usage': {
        const usage = result.data as { spec: { records: UsageRecord[] } };
        usage.spec.records.forEach((rec, i) => {
          repository.usage.push({ source: { ...source, path: ['spec', 'records', i] }, doc: rec });
        });
        break;
      }
    }
  }

  // A Service may leave its description and lifecycle to the Backstage Component that describes it (backstage.ts).
  for (const completed of completeServices(writtenServices, repository.backstage)) {
    const { source } = completed.service;
    if (completed.missing.length === 0) {
      repository.services.push({ source, doc: completed.doc as ServiceDocument });
      continue;
    }
    for (const field of completed.missing) diagnostics.push(missingServiceField(source, field, completed.from));
    allRejected.push({ kind: 'Service', id: completed.doc.metadata.id, source });
  }
  const lacking = allRejected.filter((r): r is RejectedDocument & { id: string; lacks: ('description' | 'lifecycle')[] } => r.lacks !== undefined && r.id !== undefined);
  if (lacking.length > 0) {
    const links = linkComponents(new Set(lacking.map((r) => r.id)), repository.backstage);
    for (const { id, source, lacks } of lacking) {
      if (links.byService.has(id)) continue;
      for (const field of lacks) diagnostics.push(missingServiceField(source, field, undefined));
    }
  }

  for (const csv of usageCsv) {
    for (const row of csv.rows) {
      const quantity = row.values.quantity.trim();
      const candidate = { ...row.values, quantity: /^\d+(\.\d+)?$/.test(quantity) ? Number(quantity) : quantity };
      const parsed = UsageRecord.safeParse(candidate, { reportInput: true });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = row.columns[String(issue.path[0]) as keyof typeof row.columns] ?? 1;
          diagnostics.push({
            rule: 'schema',
            severity: 'error',
            file: csv.file,
            line: row.line,
            column,
            message: describeIssue(issue).message,
          });
        }
        continue;
      }
      repository.usage.push({ source: { file: csv.file, document: 0, line: row.line, columns: row.columns }, doc: parsed.data });
    }
  }
  return { repository, diagnostics, rejected: allRejected };
}

export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], at: { file: string; document: number }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const where = path.length === 0 ? 'the document' : `"${path.join('.')}"`;
        diagnostics.push({
          ...at,
          path: [...path, key],
          target: 'key',
          rule: 'schema',
          severity: 'error',
          message: `unknown field "${key}" in ${where.replace(/\.(\d+)/g, '[$1]')}`,
          hint: 'check the spelling against docs/format.md; fields are case-sensitive',
        });
      }
      continue;
    }
    diagnostics.push({ ...at, path, rule: 'schema', severity: 'error', message: describeIssue(issue).message });
  }
  return diagnostics;
}

/**
 * The schema of each kind compiled ahead of time (`npm run schemas`, scripts/generate-validator.js): it only says
 * whether a document is valid, builds nothing when it is, and is at least as strict as zod (each zod refinement has
 * a custom format calling the same function, see src/validate/fast-formats.ts), so a document it accepts is one zod
 * accepts. test/validate/compiled-agrees.test.ts checks both give the same answer.
 */
const COMPILED: Record<Kind, (value: unknown) => boolean> = compiled;

/**
 * The fast path of the schema check: true when the document is certainly valid. False says nothing about why, and
 * may even be wrong in zod's favour (that would only be slower): zod then judges the document and gives the messages.
 */
export function passesCompiledSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  // The compiled schema takes `__proto__` for a label like any other key; it is refused by name below.
  return isKind(record.kind) && !hasReservedKey(record.metadata) && COMPILED[record.kind](value);
}

/**
 * The schema check of one document: its shape, apiVersion, kind, and the schema of its kind. Empty when the document
 * is valid. Depends on nothing but the document, so its result can be cached by the file's content.
 */
export function documentSchemaDiagnostics(raw: RawDocument): Diagnostic[] {
  const value = raw.value as { apiVersion?: unknown } | null;
  // itsm's own apiVersion first: a year of tickets pays one comparison per document, not a regular expression.
  if (typeof value === 'object' && value !== null && value.apiVersion !== API_VERSION && isBackstageApiVersion(value.apiVersion)) {
    return backstageSchemaDiagnostics(value as Record<string, unknown>, { file: raw.file, document: raw.index });
  }
  return passesCompiledSchema(raw.value) ? [] : zodSchemaDiagnostics(raw);
}

/**
 * The schema check of an itsm document by zod alone: the source of truth and of the messages, for documents the fast
 * path refuses. Backstage entities are checked by documentSchemaDiagnostics before either.
 */
export function zodSchemaDiagnostics(raw: RawDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = { file: raw.file, document: raw.index };
  const value = raw.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diagnostics.push({
      ...at,
      path: [],
      rule: 'schema',
      severity: 'error',
      message: `expected a mapping with apiVersion, kind, metadata and spec but found ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`,
    });
    return diagnostics;
  }
  const record = value as Record<string, unknown>;
  if (record.apiVersion !== API_VERSION) {
    diagnostics.push({
      ...at,
      path: ['apiVersion'],
      rule: 'schema',
      severity: 'error',
      message:
        record.apiVersion === undefined
          ? `"apiVersion" is required; expected "${API_VERSION}"`
          : `"apiVersion" is not valid; expected "${API_VERSION}" but found ${JSON.stringify(record.apiVersion)}`,
      hint: 'every document starts with `apiVersion: itsm/v1` and a `kind`; exclude files that are not itsm documents in itsm.yaml',
    });
    return diagnostics;
  }
  if (!isKind(record.kind)) {
    diagnostics.push({
      ...at,
      path: ['kind'],
      rule: 'schema',
      severity: 'error',
      message:
        record.kind === undefined
          ? `"kind" is required; expected one of ${KINDS.join(', ')}`
          : `"kind" is not valid; expected one of ${KINDS.join(', ')} but found ${JSON.stringify(record.kind)}`,
    });
    return diagnostics;
  }
  const reserved = reservedKeys(record.metadata);
  if (reserved.length > 0) {
    for (const path of reserved) {
      diagnostics.push({ ...at, path, target: 'key', rule: 'schema', severity: 'error', message: `"${path.join('.')}": the key "__proto__" is not allowed` });
    }
    return diagnostics;
  }
  const result = KIND_SCHEMAS[record.kind].safeParse(value, { reportInput: true });
  if (!result.success) append(diagnostics, issuesToDiagnostics(result.error.issues, at));
  return diagnostics;
}

/**
 * A Backstage entity kept beside the itsm documents (src/model/backstage.ts): its envelope, and for a Component the
 * fields itsm reads. The rest is Backstage's to check.
 */
function backstageSchemaDiagnostics(record: Record<string, unknown>, at: { file: string; document: number }): Diagnostic[] {
  const hint = 'a Backstage entity (apiVersion backstage.io/…): see https://backstage.io/docs/features/software-catalog/descriptor-format';
  const envelope = BackstageEntity.safeParse(record, { reportInput: true });
  if (!envelope.success) return issuesToDiagnostics(envelope.error.issues, at).map((d) => ({ ...d, hint }));
  if (envelope.data.kind !== 'Component') return [];
  const spec = BackstageComponentSpec.safeParse(envelope.data.spec ?? {}, { reportInput: true });
  if (spec.success) return [];
  const issues = spec.error.issues.map((issue) => ({ ...issue, path: ['spec', ...issue.path] }));
  return issuesToDiagnostics(issues, at).map((d) => ({ ...d, hint }));
}

function resolveConfig(doc: ConfigDocument | undefined): Repository['config'] {
  return {
    id: doc?.metadata.id ?? 'itsm',
    name: doc?.metadata.name ?? doc?.metadata.id ?? 'itsm',
    currency: doc?.spec.currency ?? 'XXX',
    timeZone: doc?.spec.timeZone ?? 'UTC',
    exclude: doc?.spec.exclude ?? [],
    priorities: doc?.spec.priorities ?? DEFAULT_PRIORITIES,
    statuses: doc?.spec.statuses ?? DEFAULT_STATUSES,
    change: { freezes: doc?.spec.change?.freezes ?? [], approvals: doc?.spec.change?.approvals ?? [] },
  };
}

/**
 * Labels and annotations accept any key, and a `__proto__` key would silently vanish when copied into a plain
 * object (it sets the prototype instead), so it is refused by name.
 */
function reservedKeys(metadata: unknown): string[][] {
  if (typeof metadata !== 'object' || metadata === null) return [];
  const { labels, annotations } = metadata as { labels?: unknown; annotations?: unknown };
  const found: string[][] = [];
  if (holdsProtoKey(labels)) found.push(['metadata', 'labels', '__proto__']);
  if (holdsProtoKey(annotations)) found.push(['metadata', 'annotations', '__proto__']);
  return found;
}

/** `reservedKeys(metadata).length > 0`, without building the list: the fast path allocates nothing. */
function hasReservedKey(metadata: unknown): boolean {
  if (typeof metadata !== 'object' || metadata === null) return false;
  const { labels, annotations } = metadata as { labels?: unknown; annotations?: unknown };
  return holdsProtoKey(labels) || holdsProtoKey(annotations);
}

function holdsProtoKey(map: unknown): boolean {
  return typeof map === 'object' && map !== null && Object.hasOwn(map, '__proto__');
}

/** A Service's description or lifecycle that neither it nor a Backstage Component gives. */
function missingServiceField(source: SourceRef, field: 'description' | 'lifecycle', from: Entity<BackstageEntity> | undefined): Diagnostic {
  return {
    file: source.file,
    document: source.document,
    path: ['spec', field],
    rule: 'schema',
    severity: 'error',
    message: `"spec.${field}" is required (${field === 'lifecycle' ? `one of ${Lifecycle.options.join(', ')}` : 'a string'})`,
    hint:
      from === undefined
        ? 'write it, or let the Backstage Component of the service give it (docs/catalog.md#backstage-components-beside-the-services)'
        : `write it: the Backstage Component "${from.doc.metadata.name}" (${from.source.file}) does not give it`,
  };
}
