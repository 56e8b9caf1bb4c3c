import type { ChalkInstance } from 'chalk';
import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import { painter } from '../sla/shared.js';
import { boxTable, type Cell, type Column } from '../table.js';
import { prose } from '../terminal-text.js';
import {
  byService,
  groupLines,
  modelText,
  money,
  NONE,
  periodText,
  quantityCell,
  signedMoney,
  spansMonths,
  titleText,
  totalOf,
  unitPriceCell,
  type ChargebackFormatOptions,
} from './shared.js';

/**
 * The human format of `itsm chargeback`: a heading; one block per consumer (or per service with `--by service`)
 * with its lines and totals; the unallocated cost; the grand total; and, unless `--consumer` narrows the view, each
 * service's cost against what it recovered, which is what service owners watch.
 */
export function formatChargebackTable(result: Chargeback, options: ChargebackFormatOptions = {}): string {
  const chalk = painter(options);
  const t: Terminal = { chalk, width: options.width };
  const blocks: string[] = [`${prose(titleText(result), t.width, chalk.bold)}\n${prose(`${periodText(result)} · amounts in ${result.currency} · ${result.timeZone}`, t.width, chalk.dim)}`];
  const months = spansMonths(result);

  if (result.by === 'service') {
    for (const { key, lines } of byService(result)) blocks.push(serviceBlock(result, key, lines, months, t));
  } else {
    for (const consumer of result.consumers) {
      const lines = result.lines.filter((l) => l.consumer === consumer.consumer);
      const heading = prose(`${consumer.consumer} — ${consumer.name} · cost center ${consumer.costCenter}`, t.width, chalk.bold);
      if (lines.length === 0) {
        blocks.push(`${heading}\nNo charges.`);
        continue;
      }
      const table = result.by === 'consumer,service' ? serviceSummaryTable(result, lines, t) : lineTable(result, lines, 'service', months, t);
      blocks.push(`${heading}\n${table}`);
    }
    const unallocated = result.lines.filter((l) => l.kind === 'unallocated');
    if (unallocated.length > 0) blocks.push(`${prose('Unallocated: cost that no consumer carries', t.width, chalk.bold)}\n${lineTable(result, unallocated, 'service', months, t)}`);
  }

  blocks.push(prose(grandTotal(result), t.width, chalk.bold));
  if (result.filters.consumers === null && result.services.length > 0) blocks.push(`${chalk.bold('Cost recovery by service')}\n${recoveryTable(result, t)}`);
  return `${blocks.join('\n\n')}\n`;
}

/** How to paint, and the widest a line may be (undefined: the full layout). */
interface Terminal {
  chalk: ChalkInstance;
  width: number | undefined;
}

export function grandTotal(result: Chargeback): string {
  const t = result.totals;
  const parts = [`charged ${money(result, t.charged)}`, `credits ${money(result, t.credits)}`, `due ${money(result, t.total)} ${result.currency}`];
  if (t.unallocated !== 0n || result.filters.consumers === null) parts.push(`unallocated ${money(result, t.unallocated)}`);
  return `Total: ${parts.join(' · ')}`;
}

/**
 * The columns of a statement. Narrowed, the unit price goes first (amount ÷ quantity gives it back), then the
 * quantity; the model is cut before either.
 */
function lineColumns(first: 'service' | 'consumer', months: boolean): Column[] {
  return [
    { head: first, min: 16 },
    ...(months ? [{ head: 'month' }] : []),
    { head: 'model', min: 24 },
    { head: 'quantity', align: 'right', min: 15, drop: 2 },
    { head: 'unit price', shortHead: 'price', align: 'right', drop: 1 },
    { head: 'amount', align: 'right' },
    { head: 'credits', align: 'right' },
  ];
}

function lineTable(result: Chargeback, lines: readonly ChargeLine[], first: 'service' | 'consumer', months: boolean, t: Terminal): string {
  const { chalk } = t;
  const rows = lines.map((l): Cell[] => [
    first === 'service' ? l.service : (l.consumer ?? '(unallocated)'),
    ...(months ? [l.period] : []),
    modelText(l),
    quantityCell(result, l),
    l.kind === 'credit' ? '' : unitPriceCell(result, l),
    l.kind === 'credit' ? '' : money(result, l.amount),
    l.kind === 'credit' ? { text: money(result, l.amount), paint: chalk.red } : '',
  ]);
  const charged = totalOf(lines, 'charge') + totalOf(lines, 'unallocated');
  const credits = totalOf(lines, 'credit');
  rows.push([bold(t, 'total'), ...(months ? [''] : []), '', '', '', bold(t, money(result, charged)), bold(t, money(result, credits))]);
  const table = boxTable(lineColumns(first, months), rows, t);
  return first === 'service' && lines.every((l) => l.kind !== 'unallocated') ? `${table}\n${prose(net(result, charged + credits), t.width)}` : table;
}

function bold(t: Terminal, text: string): Cell {
  return { text, paint: t.chalk.bold };
}

function net(result: Chargeback, minor: bigint): string {
  return `Net: ${money(result, minor)} ${result.currency}`;
}

const SERVICE_SUMMARY_COLUMNS: readonly Column[] = [
  { head: 'service', min: 16 },
  { head: 'model', min: 10, drop: 1 },
  { head: 'charged', align: 'right' },
  { head: 'credits', align: 'right' },
  { head: 'total', align: 'right' },
];

/** `--by consumer,service`: one row per service of the consumer, months and offerings added up. */
function serviceSummaryTable(result: Chargeback, lines: readonly ChargeLine[], t: Terminal): string {
  const rows = groupLines(lines, (l) => l.service).map(({ key, lines: mine }): Cell[] => {
    const charged = totalOf(mine, 'charge');
    const credits = totalOf(mine, 'credit');
    return [key, mine[0]!.model, money(result, charged), money(result, credits), money(result, charged + credits)];
  });
  const charged = totalOf(lines, 'charge');
  const credits = totalOf(lines, 'credit');
  rows.push([bold(t, 'total'), '', bold(t, money(result, charged)), bold(t, money(result, credits)), bold(t, money(result, charged + credits))]);
  return `${boxTable(SERVICE_SUMMARY_COLUMNS, rows, t)}\n${prose(net(result, charged + credits), t.width)}`;
}

function serviceBlock(result: Chargeback, service: string, lines: readonly ChargeLine[], months: boolean, t: Terminal): string {
  const first = lines[0]!;
  const heading = prose(`${service} — ${first.serviceName} · ${first.model}`, t.width, t.chalk.bold);
  return `${heading}\n${lineTable(result, lines, 'consumer', months, t)}`;
}

/**
 * Narrowed, the table keeps what a service owner watches (cost, charged, balance) and gives up first how the cost
 * came about (own cost, shares), then credits and unallocated (balance = charged + credits − cost still holds).
 */
const RECOVERY_COLUMNS: readonly Column[] = [
  { head: 'service', min: 16 },
  { head: 'model', min: 10, drop: 5 },
  { head: 'own cost', align: 'right', drop: 1 },
  { head: 'shares', align: 'right', drop: 2 },
  { head: 'cost', align: 'right' },
  { head: 'charged', align: 'right' },
  { head: 'credits', align: 'right', drop: 3 },
  { head: 'unallocated', shortHead: 'unalloc.', align: 'right', drop: 4 },
  { head: 'balance', align: 'right' },
];

function recoveryTable(result: Chargeback, t: Terminal): string {
  const rows = result.services.map((s): Cell[] => [
    s.service,
    s.model ?? NONE,
    money(result, s.ownCost),
    signedMoney(result, s.sharesIn - s.sharesOut),
    money(result, s.cost),
    money(result, s.charged),
    money(result, s.credits),
    money(result, s.unallocated),
    s.balance < 0n ? { text: signedMoney(result, s.balance), paint: t.chalk.red } : signedMoney(result, s.balance),
  ]);
  const sum = (key: 'ownCost' | 'cost' | 'charged' | 'credits' | 'unallocated' | 'balance') => result.services.reduce((n, s) => n + s[key], 0n);
  const shares = result.services.reduce((n, s) => n + s.sharesIn - s.sharesOut, 0n);
  rows.push(
    [
      'total',
      '',
      money(result, sum('ownCost')),
      signedMoney(result, shares),
      money(result, sum('cost')),
      money(result, sum('charged')),
      money(result, sum('credits')),
      money(result, sum('unallocated')),
      signedMoney(result, sum('balance')),
    ].map((c) => bold(t, c)),
  );
  return `${boxTable(RECOVERY_COLUMNS, rows, t)}\n${prose('balance = charged + credits − cost: + over-recovered, − under-recovered', t.width)}`;
}
