import type { ChangeCalendar, ChangeImpact, ChangeReport } from '../../practices/change/index.js';
import { escapeText, heading, table, wrap } from '../markdown-blocks.js';
import { budgetCells, freezeDays, freezeServices, localTime, minutesText, rateText, typeRisk, windowText } from './shared.js';

const CHANGE_HEAD = ['Change', 'Window', 'Type/risk', 'Services', 'Title'];
const CHANGE_ALIGN = ['left', 'left', 'left', 'left', 'left'] as const;

function section(out: string[], title: string, rows: number, body: () => string): void {
  out.push('', heading('##', title), '', rows === 0 ? 'None.' : body());
}

/** `itsm change impact --format markdown`: the assessment a CAB reads, one section per question. */
export function formatImpactMarkdown(impact: ChangeImpact): string {
  const tz = impact.timeZone;
  const c = impact.change;
  const out = [heading('#', c ? `Impact of ${c.id}: ${c.title}` : `Impact of a change to ${impact.subject.id}`), ''];
  const facts = c
    ? `${c.type === null || c.risk === null ? 'change without a change record (type and risk)' : `${c.type} change, risk ${c.risk}`}; window ${windowText(c, tz)} (${tz}). Affected: ${impact.affected.join(', ')}.`
    : `As of ${localTime(impact.asOf, tz)} (${tz}). Affected: ${impact.affected.join(', ')}.`;
  out.push(wrap(escapeText(facts)));
  section(out, 'Dependent services', impact.dependents.length, () => table(['Service', 'Path'], ['left', 'left'], impact.dependents.map((d) => [d.service, d.path.join(' → ')])));
  section(out, `Consumers (headcount ${impact.headcount})`, impact.consumers.length, () =>
    table(['Consumer', 'Headcount', 'Services'], ['left', 'right', 'left'], impact.consumers.map((k) => [k.consumer, String(k.headcount), k.services.join(', ')])),
  );
  section(out, 'Agreements and error budgets', impact.agreements.length, () =>
    table(
      ['Service', 'SLA', 'Window', 'Target', 'Allowed', 'Consumed', 'Left', 'Change'],
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
      impact.agreements.map((a) => [a.service, a.sla, ...budgetCells(a), minutesText(a.budget?.changeMinutes ?? null)]),
    ),
  );
  section(out, c ? 'Other changes in the window' : 'Changes scheduled from now', impact.changes.length, () =>
    table(['Change', 'Window', 'Type/risk', 'Shared services', 'Title'], CHANGE_ALIGN, impact.changes.map((k) => [k.id, windowText(k, tz), typeRisk(k), k.shared.join(', ') || 'none', k.title])),
  );
  section(out, c ? 'Freezes crossed' : 'Freezes ahead', impact.freezes.length, () =>
    table(['Freeze', 'Days', 'Covers', 'Name'], ['left', 'left', 'left', 'left'], impact.freezes.map((f) => [f.id, freezeDays(f), f.covered.join(', '), f.name])),
  );
  return `${out.join('\n')}\n`;
}

/** `itsm change calendar --format markdown`: the schedule for the CAB agenda. */
export function formatCalendarMarkdown(calendar: ChangeCalendar): string {
  const tz = calendar.timeZone;
  const out = [heading('#', `Change schedule ${calendar.period.label}`), '', wrap(escapeText(`Times are local to ${tz}.`))];
  section(out, 'Changes', calendar.changes.length, () =>
    table(CHANGE_HEAD, CHANGE_ALIGN, calendar.changes.map((c) => [c.id, windowText(c, tz), typeRisk(c), c.services.join(', '), c.title])),
  );
  section(out, 'Freezes', calendar.freezes.length, () =>
    table(['Freeze', 'Days', 'Services', 'Name'], ['left', 'left', 'left', 'left'], calendar.freezes.map((f) => [f.id, freezeDays(f), freezeServices(f), f.name])),
  );
  return `${out.join('\n')}\n`;
}

/** `itsm change report --format markdown`. */
export function formatReportMarkdown(report: ChangeReport): string {
  const out = [heading('#', `Change report ${report.period.label}`), ''];
  out.push(
    table(
      ['Figure', 'Value'],
      ['left', 'right'],
      [
        ['Changes', String(report.changes)],
        ['Implemented', String(report.implemented)],
        ['Change success rate', rateText(report.successRate)],
        ['Change failure rate', rateText(report.failureRate)],
        ['Emergency share', rateText(report.emergencyShare)],
        ['Time to restore (median)', minutesText(report.timeToRestoreMinutes)],
      ],
    ),
  );
  section(out, 'Failed changes', report.restores.length, () =>
    table(
      ['Change', 'Incidents', 'Restored', 'Time to restore'],
      ['left', 'left', 'left', 'right'],
      report.restores.map((r) => [r.change, r.incidents.join(', '), r.restored === null ? 'not yet' : localTime(r.restored, report.timeZone), minutesText(r.minutes)]),
    ),
  );
  out.push('', heading('##', 'Counts'), '');
  const counts = (name: string, record: Record<string, number>) => Object.entries(record).filter(([, n]) => n > 0).map(([k, n]) => [name, k, String(n)]);
  out.push(table(['By', 'Value', 'Changes'], ['left', 'left', 'right'], [...counts('type', report.byType), ...counts('risk', report.byRisk), ...counts('outcome', report.byOutcome)]));
  return `${out.join('\n')}\n`;
}
