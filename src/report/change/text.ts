import { Chalk } from 'chalk';
import type { ChangeReport } from '../../practices/change/index.js';
import { prose } from '../terminal-text.js';
import { localTime, minutesText, rateText, type ChangeFormatOptions } from './shared.js';

/** `itsm change report` for the terminal: the figures, the failed changes, the counts. */
export function formatReportText(report: ChangeReport, options: ChangeFormatOptions = {}): string {
  const c = new Chalk({ level: options.color === true ? 1 : 0 });
  const out = [prose(`Change report ${report.period.label} (${report.timeZone})`, options.width, (l) => c.bold(l)), ''];
  const line = (label: string, value: string) => out.push(`${label.padEnd(26)}${value}`);
  line('Changes', String(report.changes));
  line('Implemented', String(report.implemented));
  line('Change success rate', rateText(report.successRate));
  line('Change failure rate', rateText(report.failureRate));
  line('Emergency share', rateText(report.emergencyShare));
  line('Time to restore (median)', minutesText(report.timeToRestoreMinutes));
  if (report.restores.length > 0) {
    out.push('', c.bold('Failed changes'));
    for (const r of report.restores) {
      const restored = r.restored === null ? 'not restored yet' : `restored ${localTime(r.restored, report.timeZone)} after ${minutesText(r.minutes)}`;
      out.push(prose(`${r.change}: ${r.incidents.join(', ')}; ${restored}`, options.width, undefined, '  ', '    '));
    }
  }
  const counts = (record: Record<string, number>) => Object.entries(record).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  out.push('', ...[`By type: ${counts(report.byType)}`, `By risk: ${counts(report.byRisk)}`, `By outcome: ${counts(report.byOutcome)}`].map((text) => prose(text, options.width, undefined, '', '  ')));
  return `${out.join('\n')}\n`;
}
