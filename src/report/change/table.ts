import { Chalk } from 'chalk';
import type { ChangeCalendar, ChangeImpact } from '../../practices/change/index.js';
import { boxTable, type Column } from '../table.js';
import { safeText } from '../text-safe.js';
import { prose } from '../terminal-text.js';
import { budgetCells, localTime, freezeDays, freezeServices, minutesText, typeRisk, windowText, type ChangeFormatOptions } from './shared.js';

const CHANGE_COLUMNS: Column[] = [
  { head: 'change' },
  { head: 'window' },
  { head: 'type/risk', shortHead: 'type', drop: 2 },
  { head: 'services', min: 8, drop: 3 },
  { head: 'title', min: 8, drop: 1 },
];

/** `itsm change impact` for the terminal: a heading, then a table per section that has rows. */
export function formatImpactTable(impact: ChangeImpact, options: ChangeFormatOptions = {}): string {
  const chalk = new Chalk({ level: options.color === true ? 1 : 0 });
  const table = { chalk, ...(options.width !== undefined ? { width: options.width } : {}) };
  const tz = impact.timeZone;
  const out: string[] = [];
  const c = impact.change;
  const heading = c
    ? `Impact of ${safeText(c.id)} (${typeRisk(c)}): ${safeText(c.title)}`
    : `Impact of a change to ${safeText(impact.subject.id)}, as of ${localTime(impact.asOf, tz)}`;
  out.push(prose(heading, options.width, (line) => chalk.bold(line)).replace(/\n$/, ''));
  if (c) out.push(prose(`Window: ${windowText(c, tz)} (${tz})`, options.width).replace(/\n$/, ''));
  out.push(prose(`Affected: ${impact.affected.map(safeText).join(', ')}`, options.width).replace(/\n$/, ''));
  const section = (title: string, none: string, body: () => string) => {
    out.push('', chalk.bold(title));
    out.push(none === '' ? body() : none);
  };
  section('Dependent services', impact.dependents.length === 0 ? 'none' : '', () =>
    boxTable([{ head: 'service' }, { head: 'path', min: 10 }], impact.dependents.map((d) => [d.service, d.path.join(' → ')]), table),
  );
  section(`Consumers (headcount ${impact.headcount})`, impact.consumers.length === 0 ? 'none' : '', () =>
    boxTable(
      [{ head: 'consumer' }, { head: 'headcount', shortHead: 'heads', align: 'right' }, { head: 'services', min: 8 }],
      impact.consumers.map((k) => [k.consumer, String(k.headcount), k.services.join(', ')]),
      table,
    ),
  );
  section('Agreements and error budgets', impact.agreements.length === 0 ? 'none' : '', () =>
    boxTable(
      [
        { head: 'service' },
        { head: 'sla', min: 6, drop: 2 },
        { head: 'window', min: 7, drop: 4 },
        { head: 'target', align: 'right', drop: 3 },
        { head: 'allowed', align: 'right' },
        { head: 'consumed', shortHead: 'used', align: 'right' },
        { head: 'left', align: 'right' },
        { head: 'change', align: 'right', drop: 1 },
      ],
      impact.agreements.map((a) => [a.service, a.sla, ...budgetCells(a), minutesText(a.budget?.changeMinutes ?? null)]),
      table,
    ),
  );
  section(c ? 'Other changes in the window' : 'Changes scheduled from now', impact.changes.length === 0 ? 'none' : '', () =>
    boxTable(
      [...CHANGE_COLUMNS.slice(0, 3), { head: 'shared', min: 8, drop: 3 }, CHANGE_COLUMNS[4]!],
      impact.changes.map((k) => [k.id, windowText(k, tz), typeRisk(k), k.shared.join(', ') || 'none', k.title]),
      table,
    ),
  );
  section(c ? 'Freezes crossed' : 'Freezes ahead', impact.freezes.length === 0 ? 'none' : '', () =>
    boxTable(
      [{ head: 'freeze' }, { head: 'days' }, { head: 'covers', min: 8 }, { head: 'name', min: 8, drop: 1 }],
      impact.freezes.map((f) => [f.id, freezeDays(f), f.covered.join(', '), f.name]),
      table,
    ),
  );
  return `${out.join('\n')}\n`;
}

/** `itsm change calendar` for the terminal: the changes by start, then the freezes. */
export function formatCalendarTable(calendar: ChangeCalendar, options: ChangeFormatOptions = {}): string {
  const chalk = new Chalk({ level: options.color === true ? 1 : 0 });
  const table = { chalk, ...(options.width !== undefined ? { width: options.width } : {}) };
  const tz = calendar.timeZone;
  const out = [chalk.bold(`Change schedule ${safeText(calendar.period.label)} (${tz})`), ''];
  out.push(
    calendar.changes.length === 0
      ? 'No change is scheduled.'
      : boxTable(
          CHANGE_COLUMNS,
          calendar.changes.map((c) => [c.id, windowText(c, tz), typeRisk(c), c.services.join(', '), c.title]),
          table,
        ),
  );
  out.push('', chalk.bold('Freezes'));
  out.push(
    calendar.freezes.length === 0
      ? 'none'
      : boxTable(
          [{ head: 'freeze' }, { head: 'days' }, { head: 'services', min: 8 }, { head: 'name', min: 8, drop: 1 }],
          calendar.freezes.map((f) => [f.id, freezeDays(f), freezeServices(f), f.name]),
          table,
        ),
  );
  return `${out.join('\n')}\n`;
}
