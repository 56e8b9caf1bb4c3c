import type { AuditEntry, AuditReport, InForce } from '../../governance/audit.js';
import { escapeText, heading, LINE_LENGTH, table, wrap } from '../markdown-blocks.js';
import { authorsOf, changeText, dayOf, filterText, NO_MEANINGFUL_CHANGE, rangeText, shortHash } from './shared.js';

/**
 * `itsm audit` (the default format): the change record as an auditor reads it. It says first what it covers (which
 * repository, which commit it was generated from, which range and filter), then one row per commit, then each commit
 * in full: author, date, pull request, and every change in the words of `itsm diff`. Nothing in it depends on when it
 * was generated, so the same commit always gives the same report (it can be regenerated and compared).
 */
export function formatAuditMarkdown(report: AuditReport): string {
  const blocks: string[] = [];
  const title = report.filter.for !== undefined ? `Change history of ${report.filter.for}` : `Change audit of ${report.repository.name}`;
  blocks.push(heading('#', title));
  blocks.push(wrap(escapeText(purpose())));
  blocks.push(scope(report));
  if (report.cut !== null) {
    blocks.push(
      wrap(
        escapeText(
          `History cut: this clone is shallow and holds no commit before ${shortHash(report.cut.commit)} (${report.cut.date}); changes made before it are not listed. Fetch the whole history (git fetch --unshallow) for a complete record.`,
        ),
      ),
    );
  }
  if (report.inForce.length > 0) {
    blocks.push(heading('##', 'In force'));
    blocks.push(report.inForce.map(inForceItem).join('\n'));
  }
  if (report.entries.length === 0) {
    blocks.push(wrap(escapeText('No commit in the range changed the definitions asked about.')));
    return `${blocks.join('\n\n')}\n`;
  }
  blocks.push(heading('##', 'Summary'));
  blocks.push(
    table(
      ['Date', 'Commit', 'Author', 'Pull request', 'Subject', 'Definitions changed'],
      ['left', 'left', 'left', 'right', 'left', 'right'],
      report.entries.map((e) => [dayOf(e.date), shortHash(e.hash), e.author.name, e.pullRequest === null ? '' : `#${e.pullRequest}`, e.subject, String(e.changes.length)]),
    ),
  );
  blocks.push(heading('##', 'Changes'));
  for (const entry of report.entries) blocks.push(...entryBlocks(entry));
  return `${blocks.join('\n\n')}\n`;
}

function purpose(): string {
  return (
    'The changes made to the definitions of this itsm repository (services, agreements, calendars, consumers, groups, ' +
    'pricing, usage and settings; tickets are not listed), one entry per commit of the branch history, newest first. ' +
    'A merged pull request is one entry: its merge commit, compared with the branch before the merge. For each entry: ' +
    'who made it, when, the pull request it was reviewed in, and what changed. Evidence for ISO/IEC 27001:2022 control ' +
    '8.32 (change management) and SOC 2 CC8.1 (changes are authorised, documented and approved).'
  );
}

function scope(report: AuditReport): string {
  const rows: string[][] = [
    ['Repository', `${report.repository.path === '' ? '.' : report.repository.path}${report.repository.origin === null ? '' : ` in ${report.repository.origin}`}`],
    ['Generated from', `${report.head.commit} (${report.head.name}, ${report.head.date})`],
    ['Range', rangeText(report)],
  ];
  const filter = filterText(report.filter);
  if (filter !== null) rows.push(['Filter', filter]);
  const reviewed = report.entries.filter((e) => e.pullRequest !== null).length;
  rows.push(['Commits listed', `${report.entries.length} (${reviewed} through a pull request)`]);
  const authors = authorsOf(report.entries);
  if (authors.length > 0) rows.push(['Authors', authors.join(', ')]);
  const invalid = report.entries.filter((e) => e.errors > 0).length;
  if (invalid > 0) rows.push(['Left errors', `${invalid} commit(s) left definitions that do not validate`]);
  return table(['Report', ''], ['left', 'left'], rows);
}

function inForceItem(f: InForce): string {
  const where = f.file === null ? 'removed; no longer defined' : `defined in ${f.file}`;
  const since = f.since === null ? 'not changed in the range' : `as last changed by ${shortHash(f.since.hash)} on ${dayOf(f.since.date)} by ${f.since.author.name}${f.since.pullRequest === null ? '' : ` in pull request #${f.since.pullRequest}`}`;
  let dated = '';
  if (f.dated !== null) {
    dated = f.dated.current === null ? `; its undated terms are in force on ${f.dated.asOf}` : `; its terms dated from ${f.dated.current} are in force on ${f.dated.asOf}`;
    if (f.dated.next !== null) dated += `, the next version from ${f.dated.next}`;
  }
  return item('- ', `${f.kind} ${f.id}: ${where}, ${since}${dated}.`);
}

function entryBlocks(entry: AuditEntry): string[] {
  const facts = [
    `Commit: ${entry.hash}`,
    `Author: ${entry.author.name} <${entry.author.email}>, ${entry.date}`,
  ];
  if (entry.committer.name !== entry.author.name || entry.committer.email !== entry.author.email) facts.push(`Committed by: ${entry.committer.name} <${entry.committer.email}>, ${entry.committed}`);
  facts.push(`Pull request: ${entry.pullRequest === null ? 'none named' : `#${entry.pullRequest}`}${entry.merge ? ' (merge commit: the changes of the whole merged branch)' : ''}`);
  const merged = entry.merged.map((m) => item('  - ', `${shortHash(m.hash)} ${m.author.name} <${m.author.email}>, ${m.date}: ${m.subject}`));
  if (entry.errors > 0) facts.push(`Validation: ${entry.errors} error(s) in the definitions at this commit`);
  const changes =
    entry.changes.length > 0
      ? entry.changes.map((c) => item('- ', `${c.id === c.file ? '' : `${c.file} `}(${c.kind}) ${changeText(c)}`))
      : entry.files.map((f) => item('- ', `${f}: ${NO_MEANINGFUL_CHANGE}`));
  const factLines = facts.map((f) => item('- ', f));
  if (merged.length > 0) factLines.push(item('- ', `Commits merged: ${merged.length}`), ...merged);
  return [heading('###', `${dayOf(entry.date)} ${shortHash(entry.hash)} ${entry.subject}`), factLines.join('\n'), changes.join('\n')];
}

/** A list item, escaped and wrapped at 80 columns with its continuation lines indented under the text. */
function item(marker: string, text: string): string {
  const indent = ' '.repeat(marker.length);
  const words = escapeText(text).split(' ');
  const lines: string[] = [];
  let line = marker;
  for (const word of words) {
    const start = line === marker || line === indent;
    if (!start && line.length + 1 + word.length > LINE_LENGTH) {
      lines.push(line);
      line = indent + word;
    } else line += start ? word : ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}
