import { Chalk } from 'chalk';
import type { DiffReport } from '../../governance/report.js';
import { safeText } from '../text-safe.js';
import { CLOCK_WORDS, changeLines, changePlace, complianceLine, diagnosticLine, money, percent, revisionLabel, skippedText, ticketCountsText, type DiffFormatOptions } from './shared.js';

/**
 * `itsm diff` for the terminal: a heading naming both revisions, one `file  id: words` line per change, the ticket
 * counts, then what the change moves, section by section (only the sections that have something), and the problems of
 * each revision.
 */
export function formatDiffText(report: DiffReport, options: DiffFormatOptions = {}): string {
  const c = new Chalk({ level: options.color === true ? 1 : 0 });
  const out: string[] = [c.bold(`itsm diff: ${safeText(revisionLabel(report.base))} → ${safeText(revisionLabel(report.head))}`), ''];
  const { definitions } = report.changes;
  if (definitions.length === 0) out.push('No definition changed.');
  for (const change of definitions) for (const line of changeLines(change)) out.push(`${c.cyan(safeText(changePlace(change)))}  ${safeText(line)}`);
  out.push(`Tickets: ${ticketCountsText(report)}`);
  if (report.tickets) {
    for (const action of ['added', 'changed', 'removed'] as const) {
      for (const t of report.tickets[action]) out.push(`  ${action.padEnd(7)}  ${safeText(t.id)}  ${c.dim(safeText(t.file))}`);
    }
  }
  out.push('');
  const impact = report.impact;
  if (impact === null) {
    out.push(`Impact: ${skippedText(report) ?? 'not measured'}`);
  } else {
    out.push(c.bold(`Impact over ${impact.period.label}, running clocks as of ${impact.asOf}`));
    const section = (title: string, lines: string[]) => {
      if (lines.length === 0) return;
      out.push('', title, ...lines.map((l) => `  ${safeText(l)}`));
    };
    section(
      'Compliance',
      impact.compliance.map(complianceLine),
    );
    section(
      'Running clocks',
      impact.clocks.map((k) => `${k.ticket} ${k.sla} ${k.metric}: ${CLOCK_WORDS[k.kind]} (due ${k.base.dueAt ?? 'n/a'} → ${k.head.dueAt ?? 'n/a'}; ${k.base.state} → ${k.head.state})`),
    );
    section(
      'Availability',
      impact.availability.map((a) => `${a.service} ${a.sla} ${a.window}: ${percent(a.base.availabilityPercent)} → ${percent(a.head.availabilityPercent)}; credit ${money(a.base.creditMinor, impact.chargeback.currency)} → ${money(a.head.creditMinor, impact.chargeback.currency)}`),
    );
    section(
      `Chargeback ${impact.chargeback.month}`,
      impact.chargeback.consumers.map((k) => `${k.consumer}: ${money(k.deltaMinor, impact.chargeback.currency, true)} (${money(k.baseMinor, impact.chargeback.currency)} → ${money(k.headMinor, impact.chargeback.currency)})`),
    );
    section(
      'Retired services still depended on',
      impact.retired.flatMap((r) => r.dependents.map((d) => `${r.service}: ${d.service} depends on it (${d.path.join(' → ')})`)),
    );
    section(
      c.yellow('History rewritten'),
      impact.past.map((p) => `${p.month} ${p.sla}: ${p.clocks} clock(s) of a month already reported change`),
    );
    if (out[out.length - 1]!.startsWith(c.bold('Impact'))) out.push('  no figure moves');
  }
  for (const side of [report.base, report.head]) {
    if (side.diagnostics.length === 0) continue;
    out.push('', c.bold(`Problems in ${safeText(revisionLabel(side))}`));
    for (const d of side.diagnostics) out.push(`  ${(d.severity === 'error' ? c.red : c.yellow)(safeText(diagnosticLine(d)))}`);
  }
  return `${out.join('\n')}\n`;
}
