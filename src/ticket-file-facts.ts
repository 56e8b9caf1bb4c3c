import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { openAtomicFile } from './fs/file-writer.js';
import type { RepositorySnapshot } from './load/file-stamps.js';
import { isMarkdownFile } from './load/front-matter.js';
import type { RawDocument } from './load/parse-yaml.js';
import { fileKey, pruneEntries } from './load/entry-files.js';
import { isArrayOf, type ResultsCache } from './load/results-cache.js';
import { shareArrays, unshareArrays, type SharedArrays } from './load/shared-arrays.js';
import type { RejectedDocument } from './validate/schema.js';
import { CONFIG_FILE } from './validate/schema.js';
import { isDiagnostic } from './diagnostics/is-diagnostic.js';

/**
 * What `validate` keeps of a file that holds tickets only, so that a later run in which the file did not change (and
 * neither did any definition) need not read it: what the loader said about it, how many tickets it holds, and the
 * facts the rules over tickets took from it (TicketRule.facts, in TICKET_RULES' order).
 */
export interface TicketFileRecord {
  file: string;
  tickets: number;
  /** Whether one of its tickets is a change record (rules about dates that pass then apply; RepositoryCheck.dependsOnDay). */
  changes: boolean;
  /** The loader's problems with the file (syntax, schema), positioned. */
  diagnostics: Diagnostic[];
  /** Its tickets that failed their schema. */
  rejected: RejectedDocument[];
  facts: unknown[];
}

/** A record as kept: of the file with this SHA-256, under the definitions with this key (definitionsKey). */
export interface KeptTicketFile extends TicketFileRecord {
  hash: string;
  definitions: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isRejected(v: unknown): v is RejectedDocument {
  return isObject(v) && v.kind === 'Ticket' && (v.id === undefined || typeof v.id === 'string') && isObject(v.source) && typeof v.source.file === 'string';
}

/**
 * Whether a file holds tickets only, from what the loader made of it: every document that passed is an itsm Ticket and
 * every one that failed says it is a Ticket. Such a file is told apart by its content alone, so an unchanged file stays
 * one. Markdown and itsm.yaml never are; nor is an empty file.
 */
export function isTicketFile(file: string, documents: readonly RawDocument[], rejected: readonly RejectedDocument[]): boolean {
  if (file === CONFIG_FILE || isMarkdownFile(file) || documents.length + rejected.length === 0) return false;
  return documents.every((d) => (d.value as { apiVersion?: unknown; kind?: unknown }).kind === 'Ticket' && (d.value as { apiVersion?: unknown }).apiVersion === 'itsm/v1') && rejected.every((r) => r.kind === 'Ticket');
}

/**
 * The key of what the facts of ticket files depend on besides the files themselves: every other file of the snapshot
 * (definitions, usage, calendars' holiday files, Markdown) by path and hash. Any change to a definition changes it, so
 * the facts of every ticket file are taken afresh then. (A holiday file that the walk does not list is never read, so
 * what the snapshot's probes find cannot change a fact.)
 */
export function definitionsKey(snapshot: RepositorySnapshot, ticketFiles: ReadonlySet<string>): string {
  const hash = createHash('sha256');
  for (const stamp of snapshot.files) if (!ticketFiles.has(stamp.file)) hash.update(stamp.file).update('\u0000').update(stamp.hash).update('\u0000');
  return hash.digest('hex');
}

/**
 * The kept records of ticket files, one gzip-compressed JSON file each under `ticket-files/` in the results cache's
 * folder, keyed by the path of the file. Like every entry of the results cache, a missing, damaged or foreign one is a
 * miss, and a failed write is ignored.
 */
export class TicketFactsCache {
  private readonly directory: string;
  private readonly fingerprint: string;
  private readonly factCount: number;

  /** `factCount`: how many rules over tickets there are (a record with another number of facts is foreign). */
  constructor(results: ResultsCache, factCount: number) {
    this.directory = join(results.directory, 'ticket-files');
    this.fingerprint = results.fingerprint;
    this.factCount = factCount;
  }

  /** The record kept for `file` when its content had the SHA-256 `hash`. */
  read(file: string, hash: string): KeptTicketFile | undefined {
    let value: unknown;
    try {
      value = JSON.parse(gunzipSync(readFileSync(this.pathOf(file))).toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isObject(value) || value.fingerprint !== this.fingerprint || !isObject(value.record)) return undefined;
    const r = value.record;
    if (value.arrays !== undefined) {
      if (!Array.isArray(value.arrays)) return undefined;
      r.facts = unshareArrays({ value: r.facts, arrays: value.arrays as SharedArrays['arrays'] });
    }
    const valid =
      r.file === file &&
      r.hash === hash &&
      typeof r.definitions === 'string' &&
      typeof r.tickets === 'number' &&
      typeof r.changes === 'boolean' &&
      isArrayOf(r.diagnostics, isDiagnostic) &&
      isArrayOf(r.rejected, isRejected) &&
      Array.isArray(r.facts) &&
      r.facts.length === this.factCount;
    return valid ? (r as unknown as KeptTicketFile) : undefined;
  }

  write(record: KeptTicketFile): void {
    try {
      mkdirSync(this.directory, { recursive: true });
      const file = openAtomicFile(this.pathOf(record.file));
      try {
        // gzip at its fastest: the facts are mostly ids, which compress well.
        // The lists that several rules keep (a file's ticket ids) are written once.
        const shared = shareArrays(record.facts);
        const kept = shared === undefined ? { fingerprint: this.fingerprint, record } : { fingerprint: this.fingerprint, record: { ...record, facts: shared.value }, arrays: shared.arrays };
        file.write(gzipSync(JSON.stringify(kept), { level: 1 }));
        file.commit();
      } catch {
        file.abort();
      }
    } catch {
      // The cache only ever saves time.
    }
  }

  /** Removes the records of files that are not `live` ticket files, so the folder does not grow without bound. */
  prune(live: Iterable<string>): void {
    pruneEntries(this.directory, new Set([...live].map((file) => `${fileKey(file)}.json.gz`)));
  }

  private pathOf(file: string): string {
    return join(this.directory, `${fileKey(file)}.json.gz`);
  }
}

/**
 * The records of the ticket files among those loaded (isTicketFile), in the loader's order, with the facts the rules
 * took from each (ValidationResult.ticketFacts). `loaded` is what the loader found, before any rule ran.
 */
export function ticketFileRecords(
  loaded: { files: readonly string[]; documents: readonly RawDocument[]; rejected: readonly RejectedDocument[]; diagnostics: readonly Diagnostic[] },
  ticketFacts: ReadonlyMap<string, unknown[]>,
): TicketFileRecord[] {
  const byFile = new Map<string, { documents: RawDocument[]; rejected: RejectedDocument[]; diagnostics: Diagnostic[] }>();
  const of = (file: string) => {
    let entry = byFile.get(file);
    if (entry === undefined) byFile.set(file, (entry = { documents: [], rejected: [], diagnostics: [] }));
    return entry;
  };
  for (const d of loaded.documents) of(d.file).documents.push(d);
  for (const r of loaded.rejected) of(r.source.file).rejected.push(r);
  for (const d of loaded.diagnostics) of(d.file).diagnostics.push(d);
  const records: TicketFileRecord[] = [];
  for (const file of loaded.files) {
    const found = byFile.get(file);
    const facts = ticketFacts.get(file);
    if (found === undefined || facts === undefined || !isTicketFile(file, found.documents, found.rejected)) continue;
    records.push({
      file,
      tickets: found.documents.length,
      changes: found.documents.some((d) => (d.value as { spec?: { change?: unknown } }).spec?.change !== undefined),
      diagnostics: found.diagnostics,
      rejected: found.rejected,
      facts,
    });
  }
  return records;
}
