import type { ClockRow, MonthlyRow, SlaReport, SummaryRow } from '../../sla/report.js';
import { breachedClocks, failedTargets, groupBySla, slaHeading, verdictText } from './report-table.js';
import {
  floorPercent,
  formatAvailability,
  formatCompliance,
  formatMinutes,
  formatMinutesOrNone,
  formatObjective,
  formatRunning,
  localInstant,
  moreBreaches,
  plural,
  targetText,
  type SlaFormatOptions,
} from './shared.js';
import { cell, escapeText, heading, table, wrap } from '../markdown-blocks.js';

export interface SlaMarkdownOptions extends SlaFormatOptions {
  /**
   * Level of the section's heading; its sub-sections are one below. The default, 2, is for pasting under a
   * document's H1. Use 1 for a file of its own: markdownlint's MD041 (first-line-heading) wants a file to open with
   * an H1.
   */
  headingLevel?: 1 | 2 | 3 | 4 | 5;
}

/**
 * `sla report --format markdown`: the section a service owner pastes into the monthly service review.
 *
 * Written to pass markdownlint's default rules with none disabled (under an H1, or with `headingLevel: 1` alone):
 * blank lines around headings, tables and fences; no trailing spaces; one trailing newline; headings one level apart.
 * MD013 (line length 80, tables and code included) allows a long line only when it has no whitespace past column 80,
 * so tables are written "tight" (`|a|b|`, one of MD060's consistent styles) with the spaces inside cells written
 * `&nbsp;`, prose is wrapped at 80 columns, and a heading's spaces past column 80 become `&nbsp;`. On GitHub all of it
 * renders as ordinary spaces.
 */
export function formatSlaReportMarkdown(report: SlaReport, options: SlaMarkdownOptions = {}): string {
  const zone = options.timeZone ?? report.timeZone;
  const level = options.headingLevel ?? 2;
  const h1 = '#'.repeat(level);
  const h2 = '#'.repeat(level + 1);
  const blocks: string[] = [heading(h1, `SLA report — ${report.organisation}, ${report.period.label}`), wrap(summarySentence(report, zone))];

  if (report.summary.length === 0) blocks.push('No SLA targets in scope.');
  for (const rows of groupBySla(report.summary)) blocks.push(heading(h2, slaHeading(rows[0]!)), summaryTable(rows, report.by));

  if (report.availability.length > 0) blocks.push(heading(h2, 'Availability'), availabilityTable(report));

  const breaches = breachedClocks(report);
  blocks.push(heading(h2, 'Breaches'));
  if (breaches.count === 0) blocks.push('None.');
  else {
    blocks.push(breachTable(breaches.first, zone));
    if (breaches.count > breaches.first.length) blocks.push(escapeText(moreBreaches(breaches.count - breaches.first.length)));
  }

  const charts = monthlyCharts(report.monthly);
  if (charts.length > 0) {
    blocks.push(
      heading(h2, 'Monthly compliance'),
      wrap(
        'One chart per SLA and metric, as Mermaid’s xychart has no legend. A month in which nothing was measured is ' +
          'left out of its chart rather than drawn as 0% or 100%; a series measured in fewer than two months has no chart.',
      ),
      ...charts,
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function summarySentence(report: SlaReport, zone: string): string {
  const sum = (key: 'measured' | 'met' | 'breached' | 'running') => report.summary.reduce((n, s) => n + s[key], 0);
  const sentences = [
    `Period ${localInstant(zone, report.period.from)} to ${localInstant(zone, report.period.to)}, measured as of ${localInstant(zone, report.asOf)} (${zone}).`,
    `${plural(sum('measured'), 'clock')} measured: ${sum('met')} met, ${sum('breached')} breached; ${sum('running')} still running.`,
  ];
  const total = report.summary.length + report.availability.length;
  const failed = failedTargets(report);
  if (total > 0) sentences.push(failed === 0 ? verdictText(report) : `${total - failed} of ${plural(total, 'target')} met; ${verdictText(report)}`);
  return escapeText(sentences.join(' '));
}


/** ✅ / ❌ render as coloured marks on GitHub and stay readable as text elsewhere. */
function okMark(ok: boolean): string {
  return ok ? '✅' : '❌';
}

function summaryTable(rows: readonly SummaryRow[], by: SlaReport['by']): string {
  const head = ['type', 'priority', 'metric', 'target', 'objective', 'measured', 'met', 'breached', 'running', 'compliance', 'ok'];
  const align = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'center'] as const;
  const body = rows.map((r) => {
    const cells = [
      r.type,
      r.priority,
      r.metric,
      targetText(r),
      formatObjective(r.objectivePercent),
      String(r.measured),
      String(r.met),
      String(r.breached),
      formatRunning(r.running, r.warning),
      formatCompliance(r.compliancePercent, r.objectivePercent),
      okMark(r.ok),
    ];
    return by === null ? cells : [r.group ?? '', ...cells];
  });
  return by === null ? table(head, align, body) : table([by, ...head], ['left', ...align], body);
}

function availabilityTable(report: SlaReport): string {
  const head = ['service', 'window', 'target', 'availability', 'downtime', 'budget left', 'MTTR', 'MTBF', 'ok'];
  const align = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'] as const;
  const body = report.availability.map((r) => [
    r.service,
    r.window,
    formatObjective(r.targetPercent),
    formatAvailability(r.availabilityPercent, r.targetPercent),
    formatMinutes(r.downtimeMinutes),
    formatMinutes(r.errorBudgetRemainingMinutes),
    formatMinutesOrNone(r.mttrMinutes),
    formatMinutesOrNone(r.mtbfMinutes),
    okMark(r.ok),
  ]);
  return table(head, align, body);
}

function breachTable(breaches: readonly ClockRow[], zone: string): string {
  const head = ['ticket', 'service', 'sla', 'metric', 'priority', 'elapsed', 'target', 'breached at'];
  const align = ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'left'] as const;
  const body = breaches.map((c) => [c.ticket, c.service, c.sla, c.metric, c.priority, formatMinutes(c.elapsedMinutes), c.target, localInstant(zone, c.breachedAt)]);
  return table(head, align, body);
}

/**
 * Mermaid `xychart-beta` line charts of monthly compliance, only when the period spans more than one month.
 * One chart per SLA and metric, because xychart draws lines without a legend: two lines in one chart could not be
 * told apart. A month with nothing measured (compliance null) is left out of that chart's x-axis: 0 would read as
 * total failure, 100 as success, and carrying the previous value forward would invent a measurement. A series
 * measured in fewer than two months gets no chart, since a line needs two points (the tables above have the figure).
 * Values are rounded down like the tables' figures. Items are written without spaces so that long periods keep
 * MD013 quiet inside the fence.
 */
function monthlyCharts(monthly: readonly MonthlyRow[]): string[] {
  if (new Set(monthly.map((m) => m.month)).size <= 1) return [];
  const series = new Map<string, MonthlyRow[]>();
  for (const row of monthly) {
    const key = `${row.sla}\u0000${row.metric}`;
    const list = series.get(key);
    if (list) list.push(row);
    else series.set(key, [row]);
  }
  const charts: string[] = [];
  for (const rows of series.values()) {
    const measured = rows.filter((r): r is MonthlyRow & { compliancePercent: number } => r.compliancePercent !== null);
    if (measured.length < 2) continue;
    const first = measured[0]!;
    charts.push(
      [
        '```mermaid',
        'xychart-beta',
        // The metric first: the id, which may be long, then holds no space that MD013 would count.
        `  title "${first.metric} · ${first.sla}"`,
        `  x-axis [${measured.map((r) => `"${r.month}"`).join(',')}]`,
        '  y-axis "Compliance %" 0 --> 100',
        `  line [${measured.map((r) => floorPercent(r.compliancePercent, 1).slice(0, -1)).join(',')}]`,
        '```',
      ].join('\n'),
    );
  }
  return charts;
}
