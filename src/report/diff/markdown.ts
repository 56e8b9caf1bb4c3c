import { countBySeverity } from '../../diagnostics/diagnostic.js';
import type { DiffReport } from '../../governance/report.js';
import { escapeText, table } from '../markdown-blocks.js';
import { CLOCK_WORDS, changeLines, changePlace, complianceObjective, complianceSla, complianceTarget, diagnosticLine, impactSummary, money, percent, points, revisionLabel, skippedText, ticketCountsText, type DiffFormatOptions } from './shared.js';

/**
 * `itsm diff` as a pull-request comment (GitHub-flavoured Markdown): a heading and a summary a reviewer reads in five
 * seconds (what changed, what it moves, warnings about rewritten history and invalid revisions), then each detail
 * folded in a `<details>` block. Blank lines around the tables inside `<details>` are what lets GitHub render them.
 */
export function formatDiffMarkdown(report: DiffReport, options: DiffFormatOptions = {}): string {
  void options;
  const out: string[] = [`### itsm diff: ${code(revisionLabel(report.base))} → ${code(revisionLabel(report.head))}`, ''];
  const { definitions } = report.changes;
  const impact = report.impact;
  const changed = definitions.length === 0 ? 'No definition changed' : `**${definitions.length} definition${definitions.length === 1 ? '' : 's'} changed**`;
  const rest = [`tickets: ${ticketCountsText(report)}`, impact === null ? `impact ${skippedText(report) ?? 'not measured'}` : `impact over ${impact.period.label}: ${impactSummary(impact)}`];
  out.push([changed, ...rest.map(escapeText)].join(' · '), '');
  if (impact !== null && impact.past.length > 0) {
    const clocks = impact.past.reduce((sum, p) => sum + p.clocks, 0);
    out.push(`> **Warning:** this change rewrites history: ${clocks} clock(s) of months already reported (${escapeText([...new Set(impact.past.map((p) => p.month))].join(', '))}) would be measured differently.`, '');
  }
  for (const side of [report.base, report.head]) {
    const { errors } = countBySeverity(side.diagnostics);
    if (errors > 0) out.push(`> **Error:** ${code(revisionLabel(side))} has ${errors} error(s); see below.`, '');
  }
  const fold = (title: string, body: string) => out.push('<details>', `<summary>${escapeText(title)}</summary>`, '', body, '', '</details>', '');
  if (definitions.length > 0) {
    // A list, not a table: a change's words are long, and a list item wraps where a table cell would not.
    fold(`Changes (${definitions.length})`, definitions.flatMap((d) => changeLines(d).map((line) => `- ${code(changePlace(d))} ${escapeText(line)}`)).join('\n'));
  }
  if (report.tickets) {
    const rows = (['added', 'changed', 'removed'] as const).flatMap((action) => report.tickets![action].map((t) => [t.id, action, t.file]));
    if (rows.length > 0) fold(`Tickets (${rows.length})`, table(['Ticket', 'Change', 'File'], ['left', 'left', 'left'], rows));
  }
  if (impact !== null) {
    const currency = impact.chargeback.currency;
    if (impact.compliance.length > 0) {
      fold(
        `Compliance ${impact.period.label} (${impact.compliance.length})`,
        table(
          ['SLA', 'Target', 'Objective', 'Before', 'After', 'Change'],
          ['left', 'left', 'right', 'right', 'right', 'right'],
          impact.compliance.map((t) => [complianceSla(t), complianceTarget(t), complianceObjective(t), percent(t.base.compliancePercent), percent(t.head.compliancePercent), points(t.deltaPoints)]),
        ),
      );
    }
    if (impact.clocks.length > 0) {
      fold(
        `Running clocks as of ${impact.asOf} (${impact.clocks.length})`,
        table(['Ticket', 'SLA', 'Metric', 'Change', 'Due before', 'Due after'], ['left', 'left', 'left', 'left', 'left', 'left'], impact.clocks.map((k) => [k.ticket, k.sla, k.metric, CLOCK_WORDS[k.kind], k.base.dueAt ?? 'n/a', k.head.dueAt ?? 'n/a'])),
      );
    }
    if (impact.availability.length > 0) {
      fold(
        `Availability (${impact.availability.length})`,
        table(
          ['Service', 'SLA', 'Window', 'Before', 'After', 'Credit before', 'Credit after'],
          ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
          impact.availability.map((a) => [a.service, a.sla, a.window, percent(a.base.availabilityPercent), percent(a.head.availabilityPercent), money(a.base.creditMinor, currency), money(a.head.creditMinor, currency)]),
        ),
      );
    }
    if (impact.chargeback.consumers.length > 0) {
      fold(
        `Chargeback ${impact.chargeback.month} (${impact.chargeback.consumers.length})`,
        table(['Consumer', 'Before', 'After', 'Change'], ['left', 'right', 'right', 'right'], impact.chargeback.consumers.map((k) => [k.consumer, money(k.baseMinor, currency), money(k.headMinor, currency), money(k.deltaMinor, currency, true)])),
      );
    }
    if (impact.retired.length > 0) {
      fold(
        `Retired services still depended on (${impact.retired.length})`,
        table(['Retired', 'Dependent', 'Path'], ['left', 'left', 'left'], impact.retired.flatMap((r) => r.dependents.map((d) => [r.service, d.service, d.path.join(' → ')]))),
      );
    }
    if (impact.past.length > 0) {
      fold(`History rewritten (${impact.past.length})`, table(['Month', 'SLA', 'Clocks'], ['left', 'left', 'right'], impact.past.map((p) => [p.month, p.sla, String(p.clocks)])));
    }
  }
  for (const side of [report.base, report.head]) {
    if (side.diagnostics.length === 0) continue;
    fold(`Problems in ${revisionLabel(side)} (${side.diagnostics.length})`, side.diagnostics.map((d) => `- ${escapeText(diagnosticLine(d))}`).join('\n'));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Inline code for a revision name; a backtick in it is dropped rather than ending the span. */
function code(text: string): string {
  return `\`${text.replace(/`/g, '').replace(/[\u0000-\u001f\u007f]/g, ' ')}\``;
}
