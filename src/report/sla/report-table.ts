import type { ChalkInstance } from 'chalk';
import { reportClocks, type AvailabilityRow, type ClockRow, type SlaReport, type SummaryRow } from '../../sla/report.js';
import { boxTable, type Cell, type Column } from '../table.js';
import { keepTogether, prose } from '../terminal-text.js';
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
  targetText,
  type SlaFormatOptions,
} from './shared.js';

export interface SlaReportTableOptions extends SlaFormatOptions {
  /**
   * List every target, also those with nothing measured and nothing running in the period (`--all`). By default they
   * are left out of the tables, with a line saying how many: a quarter of 64 targets is otherwise mostly rows of zeros.
   * They can never hide a failure: a target with nothing measured has no compliance to fall short.
   */
  allTargets?: boolean;
}

/**
 * The human format of `sla report`: a heading, one table of targets per SLA, the availability windows, the breaches,
 * and a one-line verdict. Instants are shown in `options.timeZone` (default: the report's zone). With
 * `options.width`, every line fits it (src/report/table.ts says which columns go first).
 */
export function formatSlaReportTable(report: SlaReport, options: SlaReportTableOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? report.timeZone;
  const width = options.width;
  const blocks: string[] = [reportHeading(report, zone, chalk, width)];

  if (report.summary.length === 0) blocks.push('No SLA targets in scope.');
  for (const rows of groupBySla(report.summary)) blocks.push(slaBlock(rows, report.by, chalk, width, options.allTargets === true));

  if (report.availability.length > 0) blocks.push(`${chalk.bold('Availability')}\n${availabilityTable(report.availability, chalk, width)}`);

  const breaches = breachedClocks(report);
  if (breaches.count === 0) blocks.push(`${chalk.bold('Breaches')}: none`);
  else blocks.push(`${chalk.bold('Breaches')}\n${breachTable(breaches, zone, chalk, width)}`);

  blocks.push(verdict(report, chalk, width));
  return `${blocks.join('\n\n')}\n`;
}

function reportHeading(report: SlaReport, zone: string, chalk: ChalkInstance, width: number | undefined): string {
  const title = prose(`SLA report — ${report.organisation}, ${report.period.label}`, width, chalk.bold);
  const at = (instant: string) => keepTogether(localInstant(zone, instant));
  const details = `${at(report.period.from)} – ${at(report.period.to)} · as of ${at(report.asOf)} · times in ${zone}`;
  return `${title}\n${prose(details, width, chalk.dim)}`;
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

/** Whether a target has anything to show: a clock that counted in the period, or one still running. */
function hasClocks(row: SummaryRow): boolean {
  return row.measured > 0 || row.running > 0;
}

/** The columns of a target table, the counts going first when it must narrow ("met %" is what compliance is). */
const SUMMARY_COLUMNS: readonly Column[] = [
  { head: 'type', min: 8 },
  { head: 'priority', shortHead: 'prio', min: 4 },
  { head: 'metric', min: 10 },
  { head: 'target', align: 'right', drop: 6 },
  { head: 'objective', shortHead: 'obj', align: 'right', drop: 5 },
  { head: 'measured', align: 'right', drop: 3 },
  { head: 'met', align: 'right', drop: 2 },
  { head: 'breached', align: 'right', drop: 4 },
  { head: 'running', align: 'right', drop: 1 },
  { head: 'compliance', shortHead: 'met %', align: 'right' },
  { head: 'ok', align: 'center' },
];

function slaBlock(all: readonly SummaryRow[], by: SlaReport['by'], chalk: ChalkInstance, width: number | undefined, allTargets: boolean): string {
  const heading = prose(slaHeading(all[0]!), width, chalk.bold);
  const rows = allTargets ? all : all.filter(hasClocks);
  const hidden = all.length - rows.length;
  if (rows.length === 0) return `${heading}\n${prose(`Nothing measured or running for its ${plural(hidden, 'target')} (--all lists them).`, width, chalk.dim)}`;
  const columns: Column[] = by === null ? [...SUMMARY_COLUMNS] : [{ head: by, min: 8 }, ...SUMMARY_COLUMNS];
  const body = rows.map((r) => {
    const cells: Cell[] = [
      r.type,
      r.priority,
      r.metric,
      targetText(r),
      formatObjective(r.objectivePercent),
      String(r.measured),
      String(r.met),
      r.breached > 0 ? { text: String(r.breached), paint: chalk.red } : '0',
      r.warning > 0 ? { text: formatRunning(r.running, r.warning), paint: chalk.yellow } : formatRunning(r.running, r.warning),
      r.ok ? formatCompliance(r.compliancePercent, r.objectivePercent) : { text: formatCompliance(r.compliancePercent, r.objectivePercent), paint: chalk.red },
      okMark(r.ok, chalk),
    ];
    return by === null ? cells : [r.group ?? '', ...cells];
  });
  const table = `${heading}\n${boxTable(columns, body, { chalk, width })}`;
  if (hidden === 0) return table;
  return `${table}\n${prose(`${plural(hidden, 'target')} with nothing measured or running not shown (--all lists them).`, width, chalk.dim)}`;
}

function okMark(ok: boolean, chalk: ChalkInstance): Cell {
  return ok ? { text: '✓', paint: chalk.green } : { text: '✗', paint: chalk.red };
}

const AVAILABILITY_COLUMNS: readonly Column[] = [
  { head: 'service', min: 8 },
  { head: 'window', min: 7 },
  { head: 'target', align: 'right', drop: 4 },
  { head: 'availability', shortHead: 'avail', align: 'right' },
  { head: 'downtime', shortHead: 'down', align: 'right', drop: 3 },
  { head: 'budget left', shortHead: 'budget', align: 'right' },
  { head: 'MTTR', align: 'right', drop: 2 },
  { head: 'MTBF', align: 'right', drop: 1 },
  { head: 'ok', align: 'center' },
];

function availabilityTable(rows: readonly AvailabilityRow[], chalk: ChalkInstance, width: number | undefined): string {
  const body = rows.map((r): Cell[] => {
    const availability = formatAvailability(r.availabilityPercent, r.targetPercent);
    const left = formatMinutes(r.errorBudgetRemainingMinutes);
    return [
      r.service,
      r.window,
      formatObjective(r.targetPercent),
      r.ok ? availability : { text: availability, paint: chalk.red },
      formatMinutes(r.downtimeMinutes),
      r.errorBudgetRemainingMinutes < 0 ? { text: left, paint: chalk.red } : left,
      formatMinutesOrNone(r.mttrMinutes),
      formatMinutesOrNone(r.mtbfMinutes),
      okMark(r.ok, chalk),
    ];
  });
  return boxTable(AVAILABILITY_COLUMNS, body, { chalk, width });
}

/**
 * The clocks that breached and count in the period (a breach of an earlier period is not this period's): how many, and
 * the first BREACH_LIMIT of them, the only ones the human formats build rows for.
 */
export function breachedClocks(report: SlaReport): { count: number; first: ClockRow[] } {
  return reportClocks(report).breaches(BREACH_LIMIT);
}

const BREACH_COLUMNS: readonly Column[] = [
  { head: 'ticket', min: 10 },
  { head: 'service', min: 8, drop: 1 },
  { head: 'sla', min: 8, drop: 2 },
  { head: 'metric', min: 10, drop: 5 },
  { head: 'priority', shortHead: 'prio', min: 4, drop: 4 },
  { head: 'elapsed / target', align: 'right' },
  { head: 'breached at', drop: 3 },
];

function breachTable(breaches: { count: number; first: readonly ClockRow[] }, zone: string, chalk: ChalkInstance, width: number | undefined): string {
  const shown = breaches.first;
  const body = shown.map((c): Cell[] => [
    c.ticket,
    c.service,
    c.sla,
    c.metric,
    c.priority,
    { text: `${formatMinutes(c.elapsedMinutes)} / ${c.target}`, paint: chalk.red },
    localInstant(zone, c.breachedAt),
  ]);
  const table = boxTable(BREACH_COLUMNS, body, { chalk, width });
  return breaches.count > shown.length ? `${table}\n${prose(moreBreaches(breaches.count - shown.length), width, chalk.dim)}` : table;
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

function verdict(report: SlaReport, chalk: ChalkInstance, width: number | undefined): string {
  return prose(verdictText(report), width, failedTargets(report) === 0 ? chalk.green.bold : chalk.red.bold);
}
