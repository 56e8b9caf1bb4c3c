import type { ChalkInstance } from 'chalk';
import type { AvailabilityRow, ClockRow, SlaReport, SummaryRow } from '../../sla/report.js';
import {
  BREACH_LIMIT,
  formatAvailability,
  formatCompliance,
  formatMinutes,
  formatMinutesOrNone,
  formatObjective,
  formatRunning,
  localInstant,
  moreBreaches,
  painter,
  plural,
  renderTable,
  type Align,
  type SlaFormatOptions,
} from './shared.js';

/**
 * The human format of `sla report`: a heading, one table of targets per SLA, the availability windows, the breaches,
 * and a one-line verdict. Instants are shown in `options.timeZone` (default: the report's zone).
 */
export function formatSlaReportTable(report: SlaReport, options: SlaFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? report.timeZone;
  const blocks: string[] = [reportHeading(report, zone, chalk)];

  if (report.summary.length === 0) blocks.push('No SLA targets in scope.');
  for (const rows of groupBySla(report.summary)) blocks.push(slaBlock(rows, report.by, chalk));

  if (report.availability.length > 0) blocks.push(`${chalk.bold('Availability')}\n${availabilityTable(report.availability, chalk)}`);

  const breaches = breachedClocks(report);
  if (breaches.length === 0) blocks.push(`${chalk.bold('Breaches')}: none`);
  else blocks.push(`${chalk.bold('Breaches')}\n${breachTable(breaches, zone, chalk)}`);

  blocks.push(verdict(report, chalk));
  return `${blocks.join('\n\n')}\n`;
}

function reportHeading(report: SlaReport, zone: string, chalk: ChalkInstance): string {
  const title = chalk.bold(`SLA report — ${report.organisation}, ${report.period.label}`);
  const details = `${localInstant(zone, report.period.from)} – ${localInstant(zone, report.period.to)} · as of ${localInstant(zone, report.asOf)} · times in ${zone}`;
  return `${title}\n${chalk.dim(details)}`;
}

/** Summary rows in runs of the same SLA, keeping the report's order (it is sorted by SLA). */
export function groupBySla(summary: readonly SummaryRow[]): SummaryRow[][] {
  const groups = new Map<string, SummaryRow[]>();
  for (const row of summary) {
    const list = groups.get(row.sla);
    if (list) list.push(row);
    else groups.set(row.sla, [row]);
  }
  return [...groups.values()];
}

/** "gold — Gold service level (sla)": the id people type, the name people say, and the kind of agreement. */
export function slaHeading(row: SummaryRow): string {
  return `${row.sla} — ${row.slaName} (${row.slaType})`;
}

const SUMMARY_HEAD = ['type', 'priority', 'metric', 'target', 'objective', 'measured', 'met', 'breached', 'running', 'compliance', 'ok'];
const SUMMARY_ALIGN: Align[] = ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'center'];

function slaBlock(rows: readonly SummaryRow[], by: SlaReport['by'], chalk: ChalkInstance): string {
  const head = by === null ? SUMMARY_HEAD : [by, ...SUMMARY_HEAD];
  const align: Align[] = by === null ? SUMMARY_ALIGN : ['left', ...SUMMARY_ALIGN];
  const body = rows.map((r) => {
    const cells = [
      r.type,
      r.priority,
      r.metric,
      r.target,
      formatObjective(r.objectivePercent),
      String(r.measured),
      String(r.met),
      r.breached > 0 ? chalk.red(String(r.breached)) : '0',
      r.warning > 0 ? chalk.yellow(formatRunning(r.running, r.warning)) : formatRunning(r.running, r.warning),
      r.ok ? formatCompliance(r.compliancePercent, r.objectivePercent) : chalk.red(formatCompliance(r.compliancePercent, r.objectivePercent)),
      okMark(r.ok, chalk),
    ];
    return by === null ? cells : [r.group ?? '', ...cells];
  });
  return `${chalk.bold(slaHeading(rows[0]!))}\n${renderTable(chalk, head, body, align)}`;
}

function okMark(ok: boolean, chalk: ChalkInstance): string {
  return ok ? chalk.green('✓') : chalk.red('✗');
}

function availabilityTable(rows: readonly AvailabilityRow[], chalk: ChalkInstance): string {
  const head = ['service', 'window', 'target', 'availability', 'downtime', 'budget left', 'MTTR', 'MTBF', 'ok'];
  const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'];
  const body = rows.map((r) => {
    const availability = formatAvailability(r.availabilityPercent, r.targetPercent);
    const left = formatMinutes(r.errorBudgetRemainingMinutes);
    return [
      r.service,
      r.window,
      formatObjective(r.targetPercent),
      r.ok ? availability : chalk.red(availability),
      formatMinutes(r.downtimeMinutes),
      r.errorBudgetRemainingMinutes < 0 ? chalk.red(left) : left,
      formatMinutesOrNone(r.mttrMinutes),
      formatMinutesOrNone(r.mtbfMinutes),
      okMark(r.ok, chalk),
    ];
  });
  return renderTable(chalk, head, body, align);
}

/** The clocks that breached and count in the period (a breach of an earlier period is not this period's). */
export function breachedClocks(report: SlaReport): ClockRow[] {
  return report.tickets.filter((t) => t.state === 'breached' && t.counted);
}

function breachTable(breaches: readonly ClockRow[], zone: string, chalk: ChalkInstance): string {
  const head = ['ticket', 'service', 'sla', 'metric', 'priority', 'elapsed / target', 'breached at'];
  const align: Align[] = ['left', 'left', 'left', 'left', 'left', 'right', 'left'];
  const shown = breaches.slice(0, BREACH_LIMIT);
  const body = shown.map((c) => [c.ticket, c.service, c.sla, c.metric, c.priority, `${chalk.red(formatMinutes(c.elapsedMinutes))} / ${c.target}`, localInstant(zone, c.breachedAt)]);
  const table = renderTable(chalk, head, body, align);
  return breaches.length > shown.length ? `${table}\n${chalk.dim(moreBreaches(breaches.length - shown.length))}` : table;
}

/** How many targets (summary rows and availability windows) are below their objective. */
export function failedTargets(report: SlaReport): number {
  return report.summary.filter((s) => !s.ok).length + report.availability.filter((a) => !a.ok).length;
}

export function verdictText(report: SlaReport): string {
  const targets = report.summary.filter((s) => !s.ok).length;
  const windows = report.availability.filter((a) => !a.ok).length;
  if (targets + windows === 0) return 'All targets met.';
  const parts: string[] = [];
  if (targets > 0) parts.push(`${plural(targets, 'target')} below objective`);
  if (windows > 0) parts.push(`${plural(windows, 'availability window')} below target`);
  return `${parts.join('; ')}.`;
}

function verdict(report: SlaReport, chalk: ChalkInstance): string {
  return failedTargets(report) === 0 ? chalk.green.bold(verdictText(report)) : chalk.red.bold(verdictText(report));
}
