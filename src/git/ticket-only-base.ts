import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import { CONFIG_FILE } from '../load/config-file.js';
import { decodeSource } from '../load/decode.js';
import { processYamlFile } from '../load/file-result.js';
import type { RawDocument } from '../load/parse-yaml.js';
import { resolvePositions } from '../load/positions.js';
import type { Entity, Repository } from '../model/repository.js';
import type { TicketDocument } from '../model/ticket.js';
import type { OpenedRepository } from '../open-repository.js';
import { validateDocuments } from '../validate/index.js';
import { readBlobs } from './blobs.js';
import type { GitCheckout } from './repository.js';
import type { Commit } from './revision.js';
import { gitText } from './run.js';
import { listTree } from './tree.js';
import { mayBeRead, workingTreeChanges } from './worktree.js';

/**
 * The base revision built from the loaded head instead of read whole, when the two differ only in files that hold
 * nothing but tickets, on both sides (a pull request that imports or edits tickets, the commonest kind). Every
 * definition is then head's very object, so the base is head with those files' tickets swapped for the base's: only
 * the changed files are read from git and parsed, nothing is written out, and the base's hundred thousand other tickets
 * are not validated a second time. Its problems are head's outside the changed files, and inside them the base's own,
 * from the per-file checks and the rules across documents run on the definitions and those files' tickets (a ticket id
 * that a changed file shares with an unchanged one is the one check this leaves out). Undefined, and the base is
 * loaded in full, whenever a changed file is anything else: a definition, itsm.yaml, a usage or iCalendar file, a file
 * head does not read, or one with errors on either side.
 */
export async function ticketOnlyBase(checkout: GitCheckout, base: Commit, head: Commit | null, opened: OpenedRepository): Promise<OpenedRepository | undefined> {
  const plan = await planTicketSwap(checkout, base, head);
  return plan === undefined ? undefined : swapTickets(plan, opened);
}

/** What the base holds in the files that differ, read before head is loaded (so that head need not be hashed). */
export interface TicketSwap {
  changed: ReadonlySet<string>;
  /** The base's texts of the changed files it has, and of itsm.yaml. */
  texts: ReadonlyMap<string, string>;
  /** The base's documents in the changed files: tickets only, each past its schema. */
  documents: RawDocument[];
  config: RawDocument[];
}

/**
 * The first half: the files that differ (from git) and the base's versions of them, parsed. Undefined when a changed
 * file is not a YAML file of tickets in the base (or is itsm.yaml), so that the base must be loaded in full.
 */
export async function planTicketSwap(checkout: GitCheckout, base: Commit, head: Commit | null): Promise<TicketSwap | undefined> {
  const changed = await changedFiles(checkout, base, head);
  const changedSet = new Set(changed);
  if (!changed.every((file) => /\.ya?ml$/i.test(file) && file !== CONFIG_FILE)) return undefined;

  // The base's versions of the changed files (a file head added is absent) and its itsm.yaml, which is head's.
  const oids = new Map<string, string>();
  for (const entry of await listTree(checkout, base.commit)) if (entry.type === 'blob' && entry.mode !== '120000' && (changedSet.has(entry.path) || entry.path === CONFIG_FILE)) oids.set(entry.path, entry.oid);
  if (!oids.has(CONFIG_FILE)) return undefined;
  const paths = [...oids.keys()];
  const texts = new Map<string, string>();
  let next = 0;
  let undecodable = false;
  await readBlobs(checkout, [...oids.values()], (_oid, bytes) => {
    const file = paths[next++]!;
    const decoded = decodeSource(file, bytes);
    if (decoded.diagnostic) undecodable = true;
    else texts.set(file, decoded.text);
  });
  if (undecodable) return undefined;

  const documents: RawDocument[] = [];
  for (const file of changed) {
    const text = texts.get(file);
    if (text === undefined) continue;
    const result = processYamlFile(file, text);
    if (result.diagnostics.length > 0 || result.rejected.length > 0) return undefined;
    if (!result.documents.every((d) => (d.value as { kind?: unknown }).kind === 'Ticket')) return undefined;
    for (const d of result.documents) documents.push(d);
  }
  const config = processYamlFile(CONFIG_FILE, texts.get(CONFIG_FILE)!);
  if (config.diagnostics.length > 0) return undefined;
  return { changed: changedSet, texts, documents, config: config.documents };
}

/**
 * The second half, once head is loaded: the base as head with the changed files' tickets swapped. Undefined when a
 * changed file holds a definition in head, is not read by head's loader (excluded), or has errors there.
 */
export function swapTickets(plan: TicketSwap, opened: OpenedRepository): OpenedRepository | undefined {
  const { changed, texts, documents } = plan;
  const headFiles = new Set(opened.files);
  const definitionFiles = definitionFilesOf(opened.repository);
  for (const file of changed) if (!headFiles.has(file) || definitionFiles.has(file)) return undefined;
  if (opened.diagnostics.some((d) => d.severity === 'error' && changed.has(d.file))) return undefined;

  const swapped: Entity<TicketDocument>[] = documents.map((d) => ({ source: { file: d.file, document: d.index }, doc: d.value as TicketDocument }));
  const files = opened.files.filter((f) => !changed.has(f) || texts.has(f));
  const tickets = inFileOrder(opened.files, changed, opened.repository.tickets, swapped) ?? [...opened.repository.tickets.filter((t) => !changed.has(t.source.file)), ...swapped];
  const own = validateDocuments([...plan.config, ...definitionDocuments(opened.repository), ...documents], [], [], opened.repository.holidayFiles);
  const inChanged = own.diagnostics.filter((d) => changed.has(d.file));
  const diagnostics = [...opened.diagnostics.filter((d) => !changed.has(d.file)), ...resolvePositions(inChanged, (file) => texts.get(file))].sort(compareDiagnostics);
  return { root: opened.root, files, repository: { ...opened.repository, tickets }, diagnostics };
}

/** The files the loader could read that differ between a commit and another commit or the working tree (null). */
async function changedFiles(checkout: GitCheckout, base: Commit, head: Commit | null): Promise<string[]> {
  if (head === null) return workingTreeChanges(checkout, base.commit);
  const scope = ['--', checkout.prefix === '' ? '.' : checkout.prefix];
  const text = await gitText(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', base.commit, head.commit, ...scope], { cwd: checkout.top });
  return text
    .split('\0')
    .filter((full) => full !== '' && full.startsWith(checkout.prefix))
    .map((full) => full.slice(checkout.prefix.length))
    .filter(mayBeRead)
    .sort();
}

/** The files that hold a definition (anything but a ticket), where a swap of tickets cannot be trusted. */
function definitionFilesOf(repository: Repository): Set<string> {
  const files = new Set<string>();
  if (repository.configSource) files.add(repository.configSource.file);
  for (const list of [repository.calendars, repository.services, repository.slas, repository.consumers, repository.groups, repository.usage]) {
    for (const e of list) files.add(e.source.file);
  }
  return files;
}

/** Head's definitions as the documents they were read from (they passed their schema then), usage records aside. */
function definitionDocuments(repository: Repository): RawDocument[] {
  const documents: RawDocument[] = [];
  for (const list of [repository.calendars, repository.services, repository.slas, repository.consumers, repository.groups]) {
    for (const e of list as ReadonlyArray<Entity<unknown>>) documents.push({ file: e.source.file, index: e.source.document, value: e.doc, checked: true });
  }
  return documents;
}

/**
 * The base's tickets in the order a full load of it gives (file by file, in the walk's order), head's where a file did
 * not change and the base's own where it did: the first definition of an id is then the one a full load sees, and the
 * two sides share their unchanged tickets before and after the changed files, which is what lets the comparison skip
 * them (ticket-list.ts). Undefined when head's tickets are not grouped by file in that order.
 */
function inFileOrder(
  files: readonly string[],
  changed: ReadonlySet<string>,
  head: readonly Entity<TicketDocument>[],
  swapped: readonly Entity<TicketDocument>[],
): Entity<TicketDocument>[] | undefined {
  const swappedByFile = new Map<string, Entity<TicketDocument>[]>();
  for (const t of swapped) {
    const list = swappedByFile.get(t.source.file);
    if (list) list.push(t);
    else swappedByFile.set(t.source.file, [t]);
  }
  const tickets: Entity<TicketDocument>[] = [];
  let next = 0;
  // Head's files in the walk's order; every changed file is one of them (swapTickets checks it).
  for (const file of files) {
    const isChanged = changed.has(file);
    if (isChanged) for (const t of swappedByFile.get(file) ?? []) tickets.push(t);
    while (next < head.length && head[next]!.source.file === file) {
      if (!isChanged) tickets.push(head[next]!);
      next++;
    }
  }
  return next === head.length ? tickets : undefined;
}
