import type { Period } from '../../sla/period.js';
import type { SummaryRow } from '../../sla/report.js';
import { percent } from '../../sla/report-summary.js';
import { TicketType } from '../../model/ticket-type.js';
import type { ComplianceImpact } from '../impact.js';
import { wholeMonthsOf } from './months.js';
import type { SideReports } from './measure-sides.js';
import { byText } from '../changes/words.js';

/** A target's figures on one side over the period. */
interface TargetFigures {
  sla: string;
  version: string | null;
  metric: string;
  type: string;
  priority: string;
  target: string;
  objectivePercent: number;
  met: number;
  breached: number;
}

/**
 * The period's compliance per target on one side: the targets in force (with their objectives), and the met and
 * breached clocks of the months of the period added up from the report by month (or the period's own report when the
 * period is not made of whole months). Keyed as the report keys its rows: agreement, the version that set the target,
 * metric, type and priority.
 */
function figuresOf(side: SideReports, period: Period, timeZone: string): Map<string, TargetFigures> {
  const figures = new Map<string, TargetFigures>();
  const add = (row: SummaryRow, counts: boolean): void => {
    const key = keyOf(row);
    let f = figures.get(key);
    if (f === undefined) {
      f = { sla: row.sla, version: row.slaVersion, metric: row.metric, type: row.type, priority: row.priority, target: row.target, objectivePercent: row.objectivePercent, met: 0, breached: 0 };
      figures.set(key, f);
    }
    if (counts) {
      f.met += row.met;
      f.breached += row.breached;
    }
  };
  for (const row of side.targets.summary) add(row, false);
  if (side.period !== null) {
    for (const row of side.period.summary) add(row, true);
  } else if (side.months !== null) {
    const months = new Set(wholeMonthsOf(period, timeZone));
    for (const row of side.months.summary) if (row.group !== null && months.has(row.group)) add(row, true);
  }
  return figures;
}

function keyOf(row: Pick<SummaryRow, 'sla' | 'slaVersion' | 'metric' | 'type' | 'priority'>): string {
  return [row.sla, row.slaVersion ?? '', row.metric, row.type, row.priority].join('\u0000');
}

/**
 * Every target whose objective, met or breached count (and so compliance) differs between the sides, with the change
 * in percentage points. A target on one side only (added, removed, or set by a version only one side has) is compared
 * with nothing: its other side has no objective and no clocks.
 */
export function complianceImpact(base: SideReports, head: SideReports, period: Period, zones: { base: string; head: string }, priorities: readonly string[]): ComplianceImpact[] {
  const before = figuresOf(base, period, zones.base);
  const after = figuresOf(head, period, zones.head);
  const impacts: ComplianceImpact[] = [];
  for (const key of new Set([...after.keys(), ...before.keys()])) {
    const b = before.get(key);
    const h = after.get(key);
    const any = (h ?? b)!;
    const side = (f: TargetFigures | undefined) => ({ met: f?.met ?? 0, breached: f?.breached ?? 0, compliancePercent: f === undefined ? null : percent(f.met, f.breached) });
    const baseSide = side(b);
    const headSide = side(h);
    const objective = { base: b?.objectivePercent ?? null, head: h?.objectivePercent ?? null };
    if (objective.base === objective.head && baseSide.met === headSide.met && baseSide.breached === headSide.breached) continue;
    impacts.push({
      sla: any.sla,
      version: any.version,
      type: any.type,
      priority: any.priority,
      metric: any.metric,
      target: { base: b?.target ?? null, head: h?.target ?? null },
      objectivePercent: objective,
      base: baseSide,
      head: headSide,
      deltaPoints: baseSide.compliancePercent === null || headSide.compliancePercent === null ? null : Math.round((headSide.compliancePercent - baseSide.compliancePercent) * 1000) / 1000,
    });
  }
  const types = TicketType.options as readonly string[];
  return impacts.sort(
    (a, b) =>
      byText(a.sla, b.sla) ||
      types.indexOf(a.type) - types.indexOf(b.type) ||
      priorities.indexOf(a.priority) - priorities.indexOf(b.priority) ||
      byText(b.metric, a.metric) ||
      byText(a.version ?? '', b.version ?? ''),
  );
}
