import { statSync } from 'node:fs';
import { countBySeverity } from '../../diagnostics/diagnostic.js';
import { UsageError } from '../../errors.js';
import { openRevisions, WORKING_TREE, type OpenedRevision, type Revision } from '../../git/open-revisions.js';
import { revisionTexts } from '../../git/file-texts.js';
import { gitCheckoutOf, type GitCheckout } from '../../git/repository.js';
import { mergeBase, resolveCommit } from '../../git/revision.js';
import { describeChanges, type DefinitionChanges } from '../../governance/changes.js';
import { locateChanges } from '../../governance/changes/lines.js';
import { markUnreadable } from '../../governance/changes/unreadable.js';
import { gateFailures, type FailOn } from '../../governance/gate.js';
import { measureImpact } from '../../governance/impact.js';
import { impactMonth, impactPeriod } from '../../governance/period.js';
import type { DiffReport, RevisionInfo } from '../../governance/report.js';
import { listTicketChanges } from '../../governance/ticket-list.js';
import { findRepositoryRoot } from '../../load/find-repository.js';
import { formatDiff, type DiffFormat } from '../../report/diff/index.js';
import { safeText } from '../../report/text-safe.js';
import { instantOf } from '../../sla/period.js';
import { nowOption } from '../options.js';
import { emit } from '../output.js';
import { shouldColor, writeStderr } from '../terminal.js';

export interface DiffCliOptions {
  period?: string;
  now?: string;
  month?: string;
  format: DiffFormat;
  failOn?: FailOn[];
  tickets?: boolean;
  out?: string;
  force?: boolean;
  workers?: number;
}

/**
 * `itsm diff [base] [head] [path]`: what changed between two revisions of the repository, in words, and what it moves.
 * Exit 1 when a `--fail-on` condition is met, 2 for a usage or git error, 0 otherwise (a revision with errors included:
 * they are part of the report, and `--fail-on invalid` gates on them).
 */
export async function runDiff(args: readonly string[], options: DiffCliOptions, clock: () => number): Promise<number> {
  const { revisions, path } = splitArguments(args);
  const now = nowOption(options.now);
  const root = findRepositoryRoot(path);
  const checkout = await gitCheckoutOf(root, { command: 'itsm diff', does: 'compares git revisions', needs: 'reads the revisions with it' });
  const { base, head } = await resolveSides(checkout, revisions);
  const sides = await openRevisions(checkout, root, base, head, options.workers === undefined ? {} : { workers: options.workers });
  const headRepository = sides.head.opened.repository;
  const timeZone = headRepository.config.timeZone;
  const asOf = now === undefined ? clock() : instantOf(now, timeZone);
  const period = impactPeriod(options.period, timeZone, asOf);
  if ('error' in period) throw new UsageError(period.error);
  const month = impactMonth(options.month, timeZone, asOf);
  if (typeof month !== 'string') throw new UsageError(month.error);

  const described = markUnreadable(describeChanges(sides.base.opened.repository, headRepository), {
    base: { name: sides.base.revision.name, diagnostics: sides.base.opened.diagnostics },
    head: { name: sides.head.revision.name, diagnostics: sides.head.opened.diagnostics },
  });
  const changes = await locate(described, checkout, root, sides);
  const invalid = [sides.base, sides.head].filter((side) => countBySeverity(side.opened.diagnostics).errors > 0);
  const skipped = changes.definitions.length === 0 ? 'no-definition-change' : invalid.length > 0 ? 'invalid-revision' : null;
  const report: DiffReport = {
    base: infoOf(sides.base),
    head: infoOf(sides.head),
    changes,
    impact: skipped === null ? measureImpact(sides.base.opened.repository, headRepository, { period, now: asOf, month }) : null,
    impactSkipped: skipped,
  };
  if (options.tickets) report.tickets = listTicketChanges(sides.base.opened.repository, headRepository);

  emit(formatDiff(options.format, report, { color: options.format === 'text' && options.out === undefined && shouldColor(process.stdout), timeZone }), options.out, options.force);
  for (const side of invalid) {
    const { errors } = countBySeverity(side.opened.diagnostics);
    writeStderr(`itsm: ${sideLabel(side)} has ${errors} error(s), listed in the report; the changes are read as far as they could be${skipped === 'invalid-revision' ? ', and the impact is not measured' : ''}`);
  }
  const failures = options.failOn === undefined || options.failOn.length === 0 ? [] : gateFailures(options.failOn, report);
  for (const failure of failures) writeStderr(`itsm: --fail-on: ${safeText(failure)}`);
  return failures.length > 0 ? 1 : 0;
}

/**
 * The positional arguments: `[base] [head] [path]`. With three, they are exactly that. With fewer, the last one is
 * the path when it names a folder that exists (`itsm diff examples/acme`, `itsm diff main examples/acme`): write a
 * branch that has a folder's name as `refs/heads/NAME` (or give the path too) to have it read as a revision.
 */
export function splitArguments(args: readonly string[]): { revisions: string[]; path: string } {
  if (args.length > 3) throw new UsageError(`itsm diff takes at most a base, a head and a path, but got ${args.length} arguments`);
  if (args.length === 3) return { revisions: [args[0]!, args[1]!], path: args[2]! };
  const last = args[args.length - 1];
  if (last !== undefined && isFolder(last)) return { revisions: args.slice(0, -1), path: last };
  return { revisions: [...args], path: '.' };
}

/**
 * The two sides, as `git diff` reads its arguments: nothing is HEAD against the working tree; one revision is it
 * against the working tree; `A...B` is B against the merge base of A and B (an omitted side is HEAD); `A..B` and two
 * revisions are A against B.
 */
async function resolveSides(checkout: GitCheckout, revisions: readonly string[]): Promise<{ base: Revision; head: Revision }> {
  const [first, second] = revisions;
  if (first === undefined) return { base: await resolveCommit(checkout, 'HEAD'), head: WORKING_TREE };
  const range = /^(.*?)(\.\.\.?)(.*)$/.exec(first);
  if (range && second !== undefined) throw new UsageError(`give either a range (${first}) or two revisions, not both`);
  if (range) {
    const [, left, dots, right] = range as unknown as [string, string, string, string];
    const a = await resolveCommit(checkout, left === '' ? 'HEAD' : left);
    const b = await resolveCommit(checkout, right === '' ? 'HEAD' : right);
    if (dots === '..') return { base: a, head: b };
    return { base: { name: `merge base of ${a.name} and ${b.name}`, commit: await mergeBase(checkout, a, b) }, head: b };
  }
  const base = await resolveCommit(checkout, first);
  return { base, head: second === undefined ? WORKING_TREE : await resolveCommit(checkout, second) };
}

/** Each change with the line its document starts on, read from the revision it names (the base's for a removal). */
async function locate(changes: DefinitionChanges, checkout: GitCheckout, root: string, sides: { base: OpenedRevision; head: OpenedRevision }): Promise<DefinitionChanges> {
  const files = { base: new Set<string>(), head: new Set<string>() };
  for (const change of changes.definitions) if (change.document !== undefined) files[change.action === 'removed' ? 'base' : 'head'].add(change.file);
  const texts = {
    base: await revisionTexts(checkout, root, sides.base.revision, files.base),
    head: await revisionTexts(checkout, root, sides.head.revision, files.head),
  };
  return locateChanges(changes, (file, side) => texts[side].get(file));
}

function infoOf(side: OpenedRevision): RevisionInfo {
  return { name: side.revision.name, commit: side.revision.commit, diagnostics: side.opened.diagnostics };
}

function sideLabel(side: OpenedRevision): string {
  return side.revision.commit === null ? 'the working tree' : `${safeText(side.revision.name)} (${side.revision.commit.slice(0, 12)})`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

