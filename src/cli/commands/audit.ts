import { basename } from 'node:path';
import { UsageError } from '../../errors.js';
import { readBlobs } from '../../git/blobs.js';
import { commitsMergedBy, currentBranch, originUrl } from '../../git/log.js';
import { gitCheckoutOf, UNSHALLOW_HINT, type GitCheckout } from '../../git/repository.js';
import { resolveCommit } from '../../git/revision.js';
import { gitText } from '../../git/run.js';
import { listTree } from '../../git/tree.js';
import { filterEntries, inForceOf, type AuditFilter, type AuditReport } from '../../governance/audit.js';
import type { DefinitionKind } from '../../governance/changes.js';
import { findRepositoryRoot } from '../../load/find-repository.js';
import { processYamlFile } from '../../load/file-result.js';
import { decodeSource } from '../../load/decode.js';
import { AUDIT_FORMATS, formatAudit, type AuditFormat } from '../../report/audit/index.js';
import { KIND_FLAGS } from '../../report/audit/shared.js';
import type { CsvDelimiter } from '../../report/csv.js';
import { instantOf, parseTimeArgument, type TimeArgument } from '../../sla/period.js';
import { addLocalDays, localDateOf } from '../../time/index.js';
import { readAuditHistory } from '../audit-history.js';
import { nowOption, onlyFor } from '../options.js';
import { emit, outputTarget } from '../output.js';
import { writeStderr } from '../terminal.js';

/** A kind filter as commander hands it: the ids given (`--sla gold,silver`), or true for `--sla` alone (every one). */
export type KindOption = string[] | true;

export interface AuditCliOptions {
  format: string;
  since?: string;
  until?: string;
  for?: string;
  now?: string;
  config?: KindOption;
  service?: KindOption;
  sla?: KindOption;
  calendar?: KindOption;
  consumer?: KindOption;
  group?: KindOption;
  usage?: KindOption;
  template?: KindOption;
  article?: KindOption;
  improvement?: KindOption;
  delimiter?: CsvDelimiter;
  out?: string;
  force?: boolean;
}

const DATE_EXPECTED = 'a date (2026-11-01) or an instant (2026-11-01T09:00:00Z)';

/**
 * `itsm audit [path]`: who changed which definition, when, through which pull request, from the git history of the
 * branch checked out. Exit 0 with the report; 2 for a usage error (bad date, not a git repository, git missing).
 */
export async function runAudit(path: string, options: AuditCliOptions, now: () => number): Promise<number> {
  if (!(AUDIT_FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`--format: expected one of ${AUDIT_FORMATS.join(', ')} but found "${options.format}"`);
  const format = options.format as AuditFormat;
  onlyFor('--delimiter', options.delimiter !== undefined, format, ['csv']);
  const since = options.since === undefined ? undefined : timeArgument('--since', options.since);
  const until = options.until === undefined ? undefined : timeArgument('--until', options.until);
  const filter = filterOf(options);
  const nowArgument = nowOption(options.now);
  outputTarget(options.out, options.force);

  const root = findRepositoryRoot(path);
  const checkout = await gitCheckoutOf(root, { command: 'itsm audit', does: 'reads its git history', needs: 'reads the history with it' });
  const head = await resolveCommit(checkout, 'HEAD');
  const config = await configAt(checkout, head.commit);
  const timeZone = config.timeZone;
  // Both ends are included: a date as the end means the whole of that day in the repository's time zone.
  const from = since === undefined ? -Infinity : instantOf(since, timeZone);
  const to = until === undefined ? Infinity : 'date' in until ? instantOf({ date: addLocalDays(until.date, 1) }, timeZone) - 1 : until.instant;
  if (to < from) throw new UsageError(`--until ${options.until ?? ''} is before --since ${options.since ?? ''}`);

  const history = await readAuditHistory(checkout, root, head.commit, {
    inRange: (c) => {
      const at = Date.parse(c.authorDate);
      return at >= from && at <= to;
    },
    throughHead: filter.for !== undefined,
  });
  if (history.cut !== null) {
    writeStderr(`itsm: warning: the history stops at commit ${history.cut.commit.slice(0, 7)} (${history.cut.date}): changes before it are not listed; ${UNSHALLOW_HINT}`);
  }
  const entries = filterEntries(history.entries, filter);
  // Only for the merges listed: one git process each.
  for (const entry of entries) {
    if (entry.merge) entry.merged = (await commitsMergedBy(checkout, entry.hash)).map((c) => ({ hash: c.hash, author: c.author, date: c.authorDate, subject: c.subject }));
  }
  const inForce = filter.for === undefined || history.definitions === null ? [] : inForceOf(filter.for, history.definitions, entries, localDateOf(timeZone, nowArgument === undefined ? now() : instantOf(nowArgument, timeZone)));
  if (filter.for !== undefined && inForce.length === 0) {
    throw new UsageError(`--for ${filter.for}: no definition with that id in the history of ${root}${since || until ? ' in the range' : ''} (ids are metadata.id, e.g. a service's or an agreement's)`);
  }
  const report: AuditReport = {
    repository: { name: config.name ?? basename(root), path: checkout.prefix.replace(/\/$/, ''), origin: await originUrl(checkout) },
    head: { name: (await currentBranch(checkout)) ?? 'HEAD', commit: head.commit, date: await commitDate(checkout, head.commit) },
    range: {
      since: options.since ?? null,
      until: options.until ?? null,
      from: Number.isFinite(from) ? new Date(from).toISOString() : null,
      to: Number.isFinite(to) ? new Date(to).toISOString() : null,
      timeZone,
    },
    filter,
    cut: history.cut,
    entries,
    inForce,
  };
  emit(formatAudit(format, report, options.delimiter === undefined ? {} : { delimiter: options.delimiter }), options.out, options.force);
  return 0;
}

function timeArgument(flag: string, value: string): TimeArgument {
  const parsed = parseTimeArgument(flag, value, DATE_EXPECTED);
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed;
}

function filterOf(options: AuditCliOptions): AuditFilter {
  const kinds: AuditFilter['kinds'] = {};
  for (const [kind, flag] of Object.entries(KIND_FLAGS) as [DefinitionKind, (typeof KIND_FLAGS)[DefinitionKind]][]) {
    const given = options[flag];
    if (given !== undefined) kinds[kind] = given === true ? null : given;
  }
  const filter: AuditFilter = { kinds };
  if (options.for !== undefined) {
    if (options.for.trim() === '') throw new UsageError('--for: expected the id of a definition (a service, an agreement, …)');
    filter.for = options.for;
  }
  return filter;
}

/** The settings the report needs from the audited commit's itsm.yaml: its name, and the time zone dates are read in. */
async function configAt(checkout: GitCheckout, commit: string): Promise<{ name?: string; timeZone: string }> {
  const entry = (await listTree(checkout, commit)).find((e) => e.path === 'itsm.yaml' && e.type === 'blob');
  let text: string | undefined;
  if (entry) await readBlobs(checkout, [entry.oid], (_oid, bytes) => (text = decodeSource('itsm.yaml', bytes).text));
  const value = text === undefined ? undefined : (processYamlFile('itsm.yaml', text).documents.find((d) => (d.value as { kind?: unknown } | null)?.kind === 'Config')?.value as
    | { metadata?: { name?: string; id?: string }; spec?: { timeZone?: string } }
    | undefined);
  const config: { name?: string; timeZone: string } = { timeZone: value?.spec?.timeZone ?? 'UTC' };
  const name = value?.metadata?.name ?? value?.metadata?.id;
  if (name !== undefined) config.name = name;
  return config;
}

async function commitDate(checkout: GitCheckout, commit: string): Promise<string> {
  return (await gitText(['show', '-s', '--format=%cI', commit], { cwd: checkout.top })).trim();
}
