import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { conflictOf, fileIdentity, openAtomicFile, type Expectation, type FileIdentity } from '../fs/file-writer.js';
import { compileExcludes } from '../load/glob.js';
import { finishLoad, planLoad, readYamlFile } from '../load/load-repository.js';
import type { RawDocument } from '../load/parse-yaml.js';
import type { Repository } from '../model/repository.js';
import { CONFIG_FILE, validateDocuments } from '../validate/index.js';
import type { UsageCsvFile } from '../validate/schema.js';
import { ownershipOf, type FileOwnership } from './fingerprint.js';
import { mergeTicket, sameDocument, ticketDocumentOf, type DocumentValue } from './merge.js';
import { idOf, renderDocuments, renderShard, shardPathOf, sortDocuments } from './shard.js';
import type { EventValue, TimelineLoss } from './timeline-merge.js';
import { groupDocumentOf, groupFileOf } from './groups.js';
import type { GroupSummary, ImportedTicket, ImportProblem, ImportSummary, SeenGroup } from './types.js';

/**
 * The repository writer every importer shares: imported tickets in, Ticket documents out, sharded by month of opening.
 *
 * - Deterministic and idempotent: the files are a function of the tickets (sorted by id, rendered by shard.ts), so
 *   importing the same export twice changes nothing, not even a byte.
 * - A ticket already in the repository is updated in place, in the file that holds it (merge.ts says which fields);
 *   a new ticket goes to the file of the month it was opened. Nothing is ever deleted: a ticket that is not in the
 *   export stays as it is, and one whose update would drop events of its timeline keeps its version
 *   (`timeline-would-lose-events`, timeline-merge.ts) unless `replaceTimelines`.
 * - A file is rewritten only when it was written by the importer and not edited since (fingerprint.ts); otherwise
 *   only with `force`. Either all the files that must change may be written, or nothing is.
 * - Before anything is written, the repository as it would be is checked by the real validation
 *   (`validateDocuments`). A ticket with an error is left out (an update keeps the version already there) and
 *   reported with the input lines it came from, so that `itsm validate` passes after the import.
 * - Each file is written atomically: to a temporary file beside it, then renamed over it (src/fs/file-writer.ts).
 * - A file is written only if nobody wrote it since the snapshot read it: a file to create must still not exist, a
 *   file to update must be the one read (FileChangedError otherwise). The caller holds the repository lock
 *   (src/fs/repository-lock.ts), so this catches only writers that do not take it: an editor, a `git checkout`, an
 *   older itsm. All files are checked before the first is written, and each again just before it is put in place.
 */

/** The repository as the importer found it. */
export interface RepositorySnapshot {
  root: string;
  repository: Repository;
  /** Every document that passed its schema, in the order the loader read them. */
  documents: RawDocument[];
  usageCsv: UsageCsvFile[];
  /** Every file the loader read, repository-relative. */
  files: ReadonlySet<string>;
  /** Errors in the repository before the import (with positions when the loader had them). */
  errors: Diagnostic[];
  /** Each YAML file's identity, taken just before it was read: a write to it since then changes it. */
  identities: ReadonlyMap<string, FileIdentity>;
}

/** Reads the repository at `root` (which must hold itsm.yaml) and checks it. I/O. */
export function readSnapshot(root: string): RepositorySnapshot {
  const identities = new Map<string, FileIdentity>();
  const remember = (file: string) => {
    const identity = fileIdentity(join(root, file));
    if (identity) identities.set(file, identity);
  };
  remember(CONFIG_FILE);
  const load = planLoad(root);
  const loaded = finishLoad(
    load,
    load.yamlFiles.map((file) => {
      remember(file);
      return readYamlFile(root, file);
    }),
  );
  const { repository, diagnostics } = validateDocuments(loaded.documents, loaded.usageCsv, loaded.rejected);
  const errors = [...loaded.diagnostics, ...diagnostics].filter((d) => d.severity === 'error').sort(compareDiagnostics);
  return { root, repository, documents: loaded.documents, usageCsv: loaded.usageCsv, files: new Set(loaded.files), errors, identities };
}

export interface PlannedFile {
  file: string;
  action: 'create' | 'update' | 'unchanged';
  /** Imported tickets that are in this file after the import. */
  tickets: number;
  new: number;
  updated: number;
  /** How the file stood before the import (undefined for a new file). */
  ownership?: FileOwnership;
  /** Set when the file would change but may not be written without force. */
  blocked?: 'edited' | 'foreign';
  /** The new content, for files to create or update. */
  content?: string;
}

export interface ImportPlan {
  files: PlannedFile[];
  new: number;
  updated: number;
  unchanged: number;
  /**
   * Tickets left out because the repository would not be valid with them, and tickets kept as they are because
   * their update would drop timeline events: one problem each (with `rows`).
   */
  problems: ImportProblem[];
  /** Tickets left out as invalid, by id. */
  skipped: ReadonlySet<string>;
  /** Tickets already in the repository kept as they are because their update would drop timeline events, by id. */
  kept: ReadonlySet<string>;
  /** Rows of the tickets that are in the repository after the import (new, updated or unchanged). */
  rowsUsed: number;
  /** Files that must change but were edited by hand or not written by the importer (empty with force). */
  blocked: PlannedFile[];
  /** The assignment groups of the tickets in the repository after the import, with the Group documents to create. */
  groups: PlannedGroup[];
}

/** An assignment group of the imported tickets, and its Group document: created by the import, or already there. */
export interface PlannedGroup extends GroupSummary {
  /** The Group document's text, for a group the import creates. */
  content?: string;
}

/** An import that would leave errors on documents it did not write: a bug, or a clash it cannot attribute. */
export class ImportWouldInvalidateError extends Error {
  override readonly name = 'ImportWouldInvalidateError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the import would make the repository invalid: ${diagnostics[0]?.file ?? ''} ${diagnostics[0]?.message ?? ''}`);
  }
}

export interface PlanOptions {
  force?: boolean;
  /** Let the imported timelines replace the repository's even when that drops events (--replace-timelines). */
  replaceTimelines?: boolean;
  /** Reads a repository file's text (to check its header); undefined when it does not exist. */
  readText?: (file: string) => string | undefined;
  /**
   * The assignment groups the source named (AdapterItem `groups`) and the source's name (the label of the Group
   * documents written): each group an imported ticket holds that the repository does not define gets a Group document.
   */
  groups?: { seen: readonly SeenGroup[]; source: string };
}

/** Rounds of "validate, leave out the invalid tickets, validate again" before giving up (each round removes some). */
const MAX_ROUNDS = 5;

/**
 * What the import would change, with every ticket checked by the real validation. Pure apart from `readText`.
 * `tickets` must have distinct ids, and the snapshot must have no errors (`snapshot.errors` empty): an error the
 * import cannot attribute to one of its tickets is an ImportWouldInvalidateError.
 */
export function planImport(snapshot: RepositorySnapshot, tickets: readonly ImportedTicket[], options: PlanOptions = {}): ImportPlan {
  const readText = options.readText ?? ((file: string) => readTextFile(snapshot.root, file));
  const sorted = [...tickets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const skipped = new Map<string, ImportProblem>();
  const replaceTimelines = options.replaceTimelines === true;
  for (let round = 0; ; round++) {
    const draft = draftFiles(snapshot, sorted, skipped, { readText, replaceTimelines });
    const groups = planGroups(snapshot, draft, skipped, options.groups, readText);
    // Nothing changes: the repository is the snapshot, which was validated when it was read.
    if (![...draft.touched.values()].some((t) => t.changed)) return finishPlan(draft, skipped, options.force === true, groups);
    const documents = [...documentsAfter(snapshot, draft.touched), ...groupDocuments(groups)];
    const { diagnostics } = validateDocuments(documents, snapshot.usageCsv);
    const foreign: Diagnostic[] = [];
    let found = 0;
    for (const d of diagnostics) {
      if (d.severity !== 'error') continue;
      const owner = draft.touched.get(d.file)?.importedAt.get(d.document ?? -1);
      const ticket = owner === undefined ? undefined : draft.byId.get(owner);
      if (ticket === undefined) {
        foreign.push(d);
        continue;
      }
      if (skipped.has(ticket.id)) continue;
      found++;
      const where = d.path && d.path.length > 0 ? ` at ${formatDocPath(d.path)}` : '';
      skipped.set(ticket.id, {
        line: ticket.lines.first,
        kind: 'invalid-ticket',
        skipped: true,
        ticket: ticket.id,
        message: `${ticket.id} would not be valid (${d.rule}${where}: ${d.message}); not imported`,
        rows: ticket.lines.count,
      });
    }
    if (found === 0 || round >= MAX_ROUNDS) {
      if (foreign.length > 0 || found > 0) throw new ImportWouldInvalidateError(found > 0 ? diagnostics.filter((d) => d.severity === 'error') : foreign);
      return finishPlan(draft, skipped, options.force === true, groups);
    }
  }
}

/**
 * The groups the tickets in the repository after the import hold (at opening or after a reassignment), most tickets
 * first, then by id; a Group document to create for each one the repository does not define, at `groups/<id>.yaml`
 * — unless that file exists (it holds other documents): it is never overwritten, and the group is `blocked`.
 */
function planGroups(
  snapshot: RepositorySnapshot,
  draft: Draft,
  skipped: ReadonlyMap<string, ImportProblem>,
  groups: PlanOptions['groups'],
  readText: (file: string) => string | undefined,
): PlannedGroup[] {
  const holders = new Map<string, number>();
  for (const ticket of draft.byId.values()) {
    if (skipped.has(ticket.id) || draft.kept.has(ticket.id)) continue;
    const held = new Set<string>();
    if (ticket.group !== undefined) held.add(ticket.group);
    for (const event of ticket.timeline) if (event.group !== undefined) held.add(event.group);
    for (const id of held) holders.set(id, (holders.get(id) ?? 0) + 1);
  }
  if (holders.size === 0) return [];
  const defined = new Set(snapshot.repository.groups.map((g) => g.doc.metadata.id));
  const values = new Map((groups?.seen ?? []).map((g) => [g.id, g.values]));
  const planned = [...holders].map(([id, tickets]): PlannedGroup => {
    const seen: SeenGroup = { id, values: values.get(id) ?? [] };
    const file = defined.has(id) ? (snapshot.repository.groups.find((g) => g.doc.metadata.id === id)?.source.file ?? groupFileOf(id)) : groupFileOf(id);
    if (defined.has(id)) return { ...seen, tickets, document: 'exists', file };
    if (snapshot.files.has(file) || readText(file) !== undefined) return { ...seen, tickets, document: 'blocked', file };
    return { ...seen, tickets, document: 'create', file, content: groupFileText(groupDocumentOf(seen, groups?.source ?? 'import')) };
  });
  return planned.sort((a, b) => b.tickets - a.tickets || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const GROUP_FILE_HEADER =
  '# Written by `itsm import` for an assignment group of the imported tickets. It is yours: add the team\'s calendar,\n' +
  '# manager and members (docs/format.md); the importer never rewrites it. See docs/import.md, "Assignment groups".\n';

function groupFileText(document: DocumentValue): string {
  return `${GROUP_FILE_HEADER}${renderDocuments([document])}`;
}

/** The Group documents the import creates, as the loader would read them. */
function groupDocuments(groups: readonly PlannedGroup[]): RawDocument[] {
  return groups.flatMap((g) =>
    g.document === 'create' ? [{ file: g.file, index: 0, value: groupDocumentOf({ id: g.id, values: g.values }, 'import') }] : [],
  );
}

interface TouchedFile {
  file: string;
  exists: boolean;
  ownership?: FileOwnership;
  /** The documents of the file after the import, sorted. */
  documents: DocumentValue[];
  /** Document index → id of the imported ticket there (new or updated only: unchanged ones are not re-checked). */
  importedAt: Map<number, string>;
  tickets: number;
  new: number;
  updated: number;
  changed: boolean;
}

interface Draft {
  touched: Map<string, TouchedFile>;
  byId: Map<string, ImportedTicket>;
  /** Tickets whose update would drop timeline events, with the problem that says so. */
  kept: Map<string, ImportProblem>;
  new: number;
  updated: number;
  unchanged: number;
  rowsUsed: number;
}

function draftFiles(
  snapshot: RepositorySnapshot,
  tickets: readonly ImportedTicket[],
  skipped: ReadonlyMap<string, ImportProblem>,
  options: { readText: (file: string) => string | undefined; replaceTimelines: boolean },
): Draft {
  const { readText } = options;
  const zone = snapshot.repository.config.timeZone;
  const isExcluded = compileExcludes(snapshot.repository.config.exclude);
  const byFile = documentsByFile(snapshot.documents);
  const homes = new Map<string, { file: string; index: number }>();
  for (const { source, doc } of snapshot.repository.tickets) homes.set(doc.metadata.id, { file: source.file, index: source.document });

  const draft: Draft = { touched: new Map(), byId: new Map(), kept: new Map(), new: 0, updated: 0, unchanged: 0, rowsUsed: 0 };
  const changes = new Map<string, Array<{ id: string; doc: DocumentValue; replaces?: number; status: 'new' | 'updated' | 'unchanged' }>>();
  for (const ticket of tickets) {
    draft.byId.set(ticket.id, ticket);
    if (skipped.has(ticket.id)) continue;
    const home = homes.get(ticket.id);
    let entry: { id: string; doc: DocumentValue; replaces?: number; status: 'new' | 'updated' | 'unchanged'; file: string };
    if (home) {
      const existing = byFile.get(home.file)?.get(home.index);
      const before = (existing?.value ?? {}) as DocumentValue;
      const merged = mergeTicket(before, ticket, { replaceTimelines: options.replaceTimelines });
      if ('loss' in merged) {
        draft.kept.set(ticket.id, timelineLossProblem(ticket, merged.loss));
        continue;
      }
      const doc = merged.document;
      entry = { id: ticket.id, doc, replaces: home.index, status: sameDocument(before, doc) ? 'unchanged' : 'updated', file: home.file };
    } else {
      entry = { id: ticket.id, doc: ticketDocumentOf(ticket), status: 'new', file: shardPathOf(ticket.opened, zone) };
    }
    draft[entry.status]++;
    draft.rowsUsed += ticket.lines.count;
    const list = changes.get(entry.file) ?? [];
    list.push(entry);
    changes.set(entry.file, list);
  }

  for (const [file, entries] of changes) {
    const existingDocs = byFile.get(file) ?? new Map<number, RawDocument>();
    const replaced = new Map<number, DocumentValue>();
    const added: DocumentValue[] = [];
    let newCount = 0;
    let updatedCount = 0;
    for (const e of entries) {
      if (e.status === 'new') newCount++;
      if (e.status === 'updated') updatedCount++;
      if (e.replaces !== undefined) replaced.set(e.replaces, e.doc);
      else added.push(e.doc);
    }
    const changed = newCount + updatedCount > 0;
    const text = changed ? readText(file) : undefined;
    const exists = text !== undefined || snapshot.files.has(file);
    if (changed && (exists ? !snapshot.files.has(file) : isExcluded(file))) {
      // A shard path that the loader does not read (spec.exclude): tickets written there would be invisible.
      throw new ImportPathError(file);
    }
    const documents = sortDocuments([
      ...[...existingDocs.entries()].sort(([a], [b]) => a - b).map(([index, raw]) => replaced.get(index) ?? (raw.value as DocumentValue)),
      ...added,
    ]);
    const importedIds = new Set(entries.filter((e) => e.status !== 'unchanged').map((e) => e.id));
    const importedAt = new Map<number, string>();
    documents.forEach((doc, i) => {
      const id = idOf(doc);
      if (doc.kind === 'Ticket' && importedIds.has(id)) importedAt.set(i, id);
    });
    const touched: TouchedFile = { file, exists, documents, importedAt, tickets: entries.length, new: newCount, updated: updatedCount, changed };
    if (text !== undefined) touched.ownership = ownershipOf(text);
    draft.touched.set(file, touched);
  }
  return draft;
}

/** The repository's documents with the touched files replaced, in the order the loader would read them. */
function documentsAfter(snapshot: RepositorySnapshot, touched: ReadonlyMap<string, TouchedFile>): RawDocument[] {
  const byFile = new Map<string, RawDocument[]>();
  for (const raw of snapshot.documents) {
    const t = touched.get(raw.file);
    if (t !== undefined && t.changed) continue;
    let list = byFile.get(raw.file);
    if (!list) byFile.set(raw.file, (list = []));
    list.push(raw);
  }
  for (const t of touched.values()) {
    if (t.changed) byFile.set(t.file, t.documents.map((value, index) => ({ file: t.file, index, value })));
  }
  return [...byFile.keys()].sort(compareReadOrder).flatMap((file) => byFile.get(file)!);
}

function finishPlan(draft: Draft, skipped: ReadonlyMap<string, ImportProblem>, force: boolean, groups: PlannedGroup[]): ImportPlan {
  const files: PlannedFile[] = [];
  const blocked: PlannedFile[] = [];
  for (const t of [...draft.touched.values()].sort((a, b) => compareReadOrder(a.file, b.file))) {
    const planned: PlannedFile = { file: t.file, action: 'unchanged', tickets: t.tickets, new: t.new, updated: t.updated };
    if (t.ownership !== undefined) planned.ownership = t.ownership;
    if (t.changed) {
      planned.content = renderShard(t.documents);
      planned.action = t.exists ? 'update' : 'create';
      if (t.exists && t.ownership !== 'pristine' && !force) {
        planned.blocked = t.ownership === 'edited' ? 'edited' : 'foreign';
        blocked.push(planned);
      }
    }
    files.push(planned);
  }
  return {
    files,
    new: draft.new,
    updated: draft.updated,
    unchanged: draft.unchanged,
    problems: [...skipped.values(), ...draft.kept.values()],
    skipped: new Set(skipped.keys()),
    kept: new Set(draft.kept.keys()),
    rowsUsed: draft.rowsUsed,
    blocked,
    groups,
  };
}

/** How many dropped events a `timeline-would-lose-events` message names. */
const DROPPED_SHOWN = 3;

/** The problem of a ticket kept as it is because its update would drop events of its timeline (with `rows`). */
function timelineLossProblem(ticket: ImportedTicket, loss: TimelineLoss): ImportProblem {
  const shown = loss.dropped.slice(0, DROPPED_SHOWN).map(eventText);
  const more = loss.dropped.length > DROPPED_SHOWN ? `, … (${loss.dropped.length - DROPPED_SHOWN} more)` : '';
  const dropped = `${shown.join(', ')}${more}`;
  let message: string;
  if ('opening' in loss) {
    message =
      `${ticket.id}: the export opens it at ${loss.opening.export} and the repository at ${loss.opening.repository}, and the import would drop ` +
      `${loss.dropped.length} of the ${loss.existing} events of its timeline (${dropped}); the ticket is kept as it is. ` +
      `If the export reads the dates right (a corrected date format or time zone), re-run with --replace-timelines`;
  } else {
    const { from, to } = loss.window;
    const span = from === to ? `at ${from}` : `from ${from} to ${to}`;
    message =
      `${ticket.id}: the import would drop ${loss.dropped.length} of the ${loss.existing} timeline events the repository has ${span} ` +
      `(${dropped}); the ticket is kept as it is. Are rows of it missing from the export (a quote that swallowed lines)? ` +
      `If the export is complete, re-run with --replace-timelines`;
  }
  return { line: ticket.lines.first, kind: 'timeline-would-lose-events', skipped: true, ticket: ticket.id, message, rows: ticket.lines.count };
}

/** An event as a message names it: `2016-02-29T08:38:00Z awaiting-customer priority P2`. */
function eventText(event: EventValue): string {
  const parts = [String(event.at)];
  if (event.status !== undefined) parts.push(String(event.status));
  if (event.priority !== undefined) parts.push(`priority ${String(event.priority)}`);
  return parts.join(' ');
}

/** A shard path that exists but is excluded from the repository. */
export class ImportPathError extends Error {
  override readonly name = 'ImportPathError';
  constructor(readonly file: string) {
    super(`${file} exists but is not read as part of the repository (see spec.exclude in ${CONFIG_FILE}); the importer cannot write its tickets there`);
  }
}

export interface ApplyHooks {
  /** Called when a file's new content is in its temporary file, before it is put in place (for the tests). */
  afterTempWritten?: (file: string) => Promise<void>;
}

/**
 * Writes the files of a plan that change; nothing when any file is blocked. Returns the files written. A file that
 * cannot be written (an IoError), or that someone else wrote since `snapshot` read it (a FileChangedError), stops the
 * write with an ImportWriteError that says which files were written before it: none when the conflict was found by
 * the check before the first write. Each file written is complete and valid, and the file that failed is left as it
 * was, so running the import again finishes the job. I/O.
 */
export async function applyPlan(snapshot: RepositorySnapshot, plan: ImportPlan, hooks: ApplyHooks = {}): Promise<string[]> {
  if (plan.blocked.length > 0) throw new Error('applyPlan: the plan has blocked files'); // the caller checks first
  const writes = plan.files.flatMap((f) => {
    if (f.action === 'unchanged' || f.content === undefined) return [];
    const identity = snapshot.identities.get(f.file);
    let expect: Expectation | undefined;
    if (f.action === 'create') expect = { absent: true };
    else if (identity !== undefined) expect = { identity };
    return [{ file: f.file, path: join(snapshot.root, f.file), content: f.content, expect }];
  });
  // Group documents are only ever created, never overwritten.
  for (const g of plan.groups) {
    if (g.document === 'create' && g.content !== undefined) writes.push({ file: g.file, path: join(snapshot.root, g.file), content: g.content, expect: { absent: true } });
  }
  for (const w of writes) {
    const conflict = w.expect === undefined ? undefined : conflictOf(w.path, w.expect);
    if (conflict) throw new ImportWriteError(w.file, conflict, []);
  }
  const written: string[] = [];
  for (const w of writes) {
    try {
      const file = openAtomicFile(w.path, w.expect);
      try {
        file.write(w.content);
        await hooks.afterTempWritten?.(w.file);
        file.commit();
      } finally {
        file.abort();
      }
    } catch (error) {
      throw new ImportWriteError(w.file, error, written);
    }
    written.push(w.file);
  }
  return written;
}

/** Writing a file of the plan failed (`failure`: an IoError, a FileChangedError); `written` were written before it. */
export class ImportWriteError extends Error {
  override readonly name = 'ImportWriteError';
  constructor(
    readonly file: string,
    readonly failure: unknown,
    readonly written: readonly string[],
  ) {
    super(`${file}: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

/** The plan's groups in the form of the import summary (undefined when the tickets hold none). */
export function summaryGroups(plan: ImportPlan): GroupSummary[] | undefined {
  if (plan.groups.length === 0) return undefined;
  return plan.groups.map(({ content: _content, ...group }) => group);
}

/** The plan's files in the form of the import summary. */
export function summaryFiles(plan: ImportPlan): ImportSummary['files'] {
  return plan.files.map((f) => {
    const entry: ImportSummary['files'][number] = { file: f.file, action: f.action, tickets: f.tickets, new: f.new, updated: f.updated };
    if (f.blocked) entry.blocked = f.blocked;
    return entry;
  });
}

function readTextFile(root: string, file: string): string | undefined {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

function documentsByFile(documents: readonly RawDocument[]): Map<string, Map<number, RawDocument>> {
  const byFile = new Map<string, Map<number, RawDocument>>();
  for (const raw of documents) {
    let docs = byFile.get(raw.file);
    if (!docs) {
      docs = new Map();
      byFile.set(raw.file, docs);
    }
    docs.set(raw.index, raw);
  }
  return byFile;
}

/** The loader's order: itsm.yaml first, then folder by folder with names sorted by their characters (walk.ts). */
export function compareReadOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === CONFIG_FILE) return -1;
  if (b === CONFIG_FILE) return 1;
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i]! < sb[i]! ? -1 : 1;
  }
  return sa.length - sb.length;
}

function formatDocPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
