import type { AuditEntry, AuditPerson, AuditReport, InForce } from '../../governance/audit.js';
import { cell, escapeText, heading, LINE_LENGTH, table, wrap } from '../markdown-blocks.js';
import { safeText } from '../text-safe.js';
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
  const path = report.repository.path === '' ? '.' : report.repository.path;
  const rows: string[][] = [
    // The remote's address as code: a bare URL is what markdownlint's MD034 refuses, and the text is not escaped there.
    ['Repository', `${cell(path)}${report.repository.origin === null ? '' : `&nbsp;in&nbsp;${codeSpan(report.repository.origin)}`}`],
    ['Generated from', cell(`${report.head.commit} (${report.head.name}, ${report.head.date})`)],
    ['Range', cell(rangeText(report))],
  ];
  const filter = filterText(report.filter);
  if (filter !== null) rows.push(['Filter', cell(filter)]);
  const reviewed = report.entries.filter((e) => e.pullRequest !== null).length;
  rows.push(['Commits listed', cell(`${report.entries.length} (${reviewed} through a pull request)`)]);
  const authors = authorsOf(report.entries);
  if (authors.length > 0) rows.push(['Authors', cell(authors.join(', '))]);
  const invalid = report.entries.filter((e) => e.errors > 0).length;
  if (invalid > 0) rows.push(['Left errors', cell(`${invalid} commit(s) left definitions that do not validate`)]);
  return ['|Report||', '|---|---|', ...rows.map(([label, value]) => `|${cell(label!)}|${value!}|`)].join('\n');
}

/** Text as a code span (no escapes inside one): fenced with more backticks than it holds, control characters shown. */
function codeSpan(text: string): string {
  const safe = safeText(text.replace(/\s+/g, ' ').trim());
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${safe}${fence}` : `${fence} ${safe} ${fence}`;
}

/** "Name <email>" in Markdown: the address as an autolink (CommonMark's email form), or as code when it is not one. */
function person(p: AuditPerson): string {
  const email = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(p.email)
    ? `<${p.email}>`
    : codeSpan(p.email);
  return `${escapeText(p.name)} ${email}`;
}

function inForceItem(f: InForce): string {
  const where = f.file === null ? 'removed; no longer defined' : `defined in ${f.file}`;
  const since = f.since === null ? 'not changed in the range' : `as last changed by ${shortHash(f.since.hash)} on ${dayOf(f.since.date)} by ${f.since.author.name}${f.since.pullRequest === null ? '' : ` in pull request #${f.since.pullRequest}`}`;
  let dated = '';
  if (f.dated !== null) {
    dated = f.dated.current === null ? `; its undated terms are in force on ${f.dated.asOf}` : `; its terms dated from ${f.dated.current} are in force on ${f.dated.asOf}`;
    if (f.dated.next !== null) dated += `, the next version from ${f.dated.next}`;
  }
  return item('- ', escapeText(`${f.kind} ${f.id}: ${where}, ${since}${dated}.`));
}

function entryBlocks(entry: AuditEntry): string[] {
  const e = escapeText;
  const facts = [`Commit: ${e(entry.hash)}`, `Author: ${person(entry.author)}, ${e(entry.date)}`];
  if (entry.committer.name !== entry.author.name || entry.committer.email !== entry.author.email) facts.push(`Committed by: ${person(entry.committer)}, ${e(entry.committed)}`);
  facts.push(e(`Pull request: ${entry.pullRequest === null ? 'none named' : `#${entry.pullRequest}`}${entry.merge ? ' (merge commit: the changes of the whole merged branch)' : ''}`));
  if (entry.errors > 0) facts.push(e(`Validation: ${entry.errors} error(s) in the definitions at this commit`));
  const lines = facts.map((f) => item('- ', f));
  if (entry.merged.length > 0) {
    lines.push(item('- ', e(`Commits merged: ${entry.merged.length}`)));
    for (const m of entry.merged) lines.push(item('  - ', `${e(shortHash(m.hash))} ${person(m.author)}, ${e(`${m.date}: ${m.subject}`)}`));
  }
  const changes =
    entry.changes.length > 0
      ? entry.changes.map((c) => item('- ', e(`${c.id === c.file ? '' : `${c.file} `}(${c.kind}) ${changeText(c)}`)))
      : entry.files.map((f) => item('- ', e(`${f}: ${NO_MEANINGFUL_CHANGE}`)));
  return [heading('###', `${dayOf(entry.date)} ${shortHash(entry.hash)} ${entry.subject}`), lines.join('\n'), changes.join('\n')];
}

/** A list item of Markdown (already escaped), wrapped at 80 columns with its continuation lines under the text. */
function item(marker: string, markdown: string): string {
  const indent = ' '.repeat(marker.length);
  const words = markdown.split(' ');
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
