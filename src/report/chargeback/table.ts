import type { ChalkInstance } from 'chalk';
import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import { painter, renderTable, type Align } from '../sla/shared.js';
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
  const blocks: string[] = [`${chalk.bold(titleText(result))}\n${chalk.dim(`${periodText(result)} · amounts in ${result.currency} · ${result.timeZone}`)}`];
  const months = spansMonths(result);

  if (result.by === 'service') {
    for (const { key, lines } of byService(result)) blocks.push(serviceBlock(result, key, lines, months, chalk));
  } else {
    for (const consumer of result.consumers) {
      const lines = result.lines.filter((l) => l.consumer === consumer.consumer);
      const heading = chalk.bold(`${consumer.consumer} — ${consumer.name} · cost center ${consumer.costCenter}`);
      if (lines.length === 0) {
        blocks.push(`${heading}\nNo charges.`);
        continue;
      }
      const table = result.by === 'consumer,service' ? serviceSummaryTable(result, lines, chalk) : lineTable(result, lines, 'service', months, chalk);
      blocks.push(`${heading}\n${table}`);
    }
    const unallocated = result.lines.filter((l) => l.kind === 'unallocated');
    if (unallocated.length > 0) blocks.push(`${chalk.bold('Unallocated: cost that no consumer carries')}\n${lineTable(result, unallocated, 'service', months, chalk)}`);
  }

  blocks.push(chalk.bold(grandTotal(result)));
  if (result.filters.consumers === null && result.services.length > 0) blocks.push(`${chalk.bold('Cost recovery by service')}\n${recoveryTable(result, chalk)}`);
  return `${blocks.join('\n\n')}\n`;
}

export function grandTotal(result: Chargeback): string {
  const t = result.totals;
  const parts = [`charged ${money(result, t.charged)}`, `credits ${money(result, t.credits)}`, `due ${money(result, t.total)} ${result.currency}`];
  if (t.unallocated !== 0n || result.filters.consumers === null) parts.push(`unallocated ${money(result, t.unallocated)}`);
  return `Total: ${parts.join(' · ')}`;
}

function lineTable(result: Chargeback, lines: readonly ChargeLine[], first: 'service' | 'consumer', months: boolean, chalk: ChalkInstance): string {
  const head = [first, ...(months ? ['month'] : []), 'model', 'quantity', 'unit price', 'amount', 'credits'];
  const align: Align[] = ['left', ...(months ? (['left'] as Align[]) : []), 'left', 'right', 'right', 'right', 'right'];
  const rows = lines.map((l) => [
    first === 'service' ? l.service : (l.consumer ?? '(unallocated)'),
    ...(months ? [l.period] : []),
    modelText(l),
    quantityCell(result, l),
    l.kind === 'credit' ? '' : unitPriceCell(result, l),
    l.kind === 'credit' ? '' : money(result, l.amount),
    l.kind === 'credit' ? chalk.red(money(result, l.amount)) : '',
  ]);
  const charged = totalOf(lines, 'charge') + totalOf(lines, 'unallocated');
  const credits = totalOf(lines, 'credit');
  rows.push([chalk.bold('total'), ...(months ? [''] : []), '', '', '', chalk.bold(money(result, charged)), chalk.bold(money(result, credits))]);
  const table = renderTable(chalk, head, rows, align);
  return first === 'service' && lines.every((l) => l.kind !== 'unallocated') ? `${table}\n${net(result, charged + credits)}` : table;
}

function net(result: Chargeback, minor: bigint): string {
  return `Net: ${money(result, minor)} ${result.currency}`;
}

/** `--by consumer,service`: one row per service of the consumer, months and offerings added up. */
function serviceSummaryTable(result: Chargeback, lines: readonly ChargeLine[], chalk: ChalkInstance): string {
  const head = ['service', 'model', 'charged', 'credits', 'total'];
  const align: Align[] = ['left', 'left', 'right', 'right', 'right'];
  const rows = groupLines(lines, (l) => l.service).map(({ key, lines: mine }) => {
    const charged = totalOf(mine, 'charge');
    const credits = totalOf(mine, 'credit');
    return [key, mine[0]!.model, money(result, charged), money(result, credits), money(result, charged + credits)];
  });
  const charged = totalOf(lines, 'charge');
  const credits = totalOf(lines, 'credit');
  rows.push([chalk.bold('total'), '', chalk.bold(money(result, charged)), chalk.bold(money(result, credits)), chalk.bold(money(result, charged + credits))]);
  return `${renderTable(chalk, head, rows, align)}\n${net(result, charged + credits)}`;
}

function serviceBlock(result: Chargeback, service: string, lines: readonly ChargeLine[], months: boolean, chalk: ChalkInstance): string {
  const first = lines[0]!;
  const heading = chalk.bold(`${service} — ${first.serviceName} · ${first.model}`);
  return `${heading}\n${lineTable(result, lines, 'consumer', months, chalk)}`;
}

function recoveryTable(result: Chargeback, chalk: ChalkInstance): string {
  const head = ['service', 'model', 'own cost', 'shares', 'cost', 'charged', 'credits', 'unallocated', 'balance'];
  const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows = result.services.map((s) => [
    s.service,
    s.model ?? NONE,
    money(result, s.ownCost),
    signedMoney(result, s.sharesIn - s.sharesOut),
    money(result, s.cost),
    money(result, s.charged),
    money(result, s.credits),
    money(result, s.unallocated),
    s.balance < 0n ? chalk.red(signedMoney(result, s.balance)) : signedMoney(result, s.balance),
  ]);
  const sum = (key: 'ownCost' | 'cost' | 'charged' | 'credits' | 'unallocated' | 'balance') => result.services.reduce((t, s) => t + s[key], 0n);
  const shares = result.services.reduce((t, s) => t + s.sharesIn - s.sharesOut, 0n);
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
    ].map((c) => chalk.bold(c)),
  );
  return `${renderTable(chalk, head, rows, align)}\nbalance = charged + credits − cost: + over-recovered, − under-recovered`;
}
