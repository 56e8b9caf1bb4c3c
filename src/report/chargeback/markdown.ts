import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import { grandTotal } from './table.js';
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
} from './shared.js';
import { cell, escapeText, heading, table, wrap } from '../markdown-blocks.js';

/**
 * `--format markdown`: one statement per consumer, to be mailed or committed, under an H1 for the whole period;
 * with `--by service` one section per service instead. Then the unallocated cost and, unless `--consumer` narrows
 * the view, the cost recovery of each service.
 *
 * Written to pass markdownlint's default rules with none disabled, the way the SLA report's Markdown is: blank lines
 * around headings and tables; headings one level apart and unique; tables "tight" (`|a|b|`) with the spaces inside
 * cells written `&nbsp;`, so that no line has whitespace past column 80 for MD013 to count; prose wrapped at 80
 * columns; Markdown syntax in names escaped.
 */
export function formatChargebackMarkdown(result: Chargeback): string {
  const months = spansMonths(result);
  const blocks: string[] = [heading('#', titleText(result)), wrap(escapeText(introduction(result)))];

  if (result.by === 'service') {
    for (const { key, lines } of byService(result)) {
      const first = lines[0]!;
      blocks.push(heading('##', `${first.serviceName} (${key})`), wrap(escapeText(`Pricing model: ${first.model}. Category: ${first.serviceCategory}.`)));
      blocks.push(lineTable(result, lines, 'consumer', months));
      const charged = totalOf(lines, 'charge');
      const credits = totalOf(lines, 'credit');
      blocks.push(wrap(`Charged ${escapeText(money(result, charged))}, credits ${escapeText(money(result, credits))}; total **${escapeText(money(result, charged + credits))} ${result.currency}**.`));
    }
  } else {
    for (const consumer of result.consumers) {
      const lines = result.lines.filter((l) => l.consumer === consumer.consumer);
      blocks.push(heading('##', `${consumer.name} (${consumer.consumer})`));
      blocks.push(wrap(escapeText(`Cost center ${consumer.costCenter}. Period ${periodText(result)}.`)));
      if (lines.length === 0) {
        blocks.push('No charges.');
        continue;
      }
      blocks.push(result.by === 'consumer,service' ? serviceSummaryTable(result, lines) : lineTable(result, lines, 'service', months));
      blocks.push(
        wrap(
          `Charges ${escapeText(money(result, consumer.charged))}, credits ${escapeText(money(result, consumer.credits))}; ` +
            `total due **${escapeText(money(result, consumer.total))} ${result.currency}**.`,
        ),
      );
    }
    const unallocated = result.lines.filter((l) => l.kind === 'unallocated');
    if (unallocated.length > 0) {
      blocks.push(
        heading('##', 'Unallocated cost'),
        wrap(escapeText('Cost that no consumer carries: shares of allocated costs that no driver covers, and requests with no consumer. IT bears it.')),
        lineTable(result, unallocated, 'service', months),
      );
    }
  }

  blocks.push(heading('##', 'Totals'), wrap(escapeText(`${grandTotal(result)}.`)));
  if (result.filters.consumers === null && result.services.length > 0) {
    blocks.push(
      heading('##', 'Cost recovery by service'),
      wrap(escapeText('Balance = charged + credits − cost: positive when a service recovered more than it cost, negative when less.')),
      recoveryTable(result),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function introduction(result: Chargeback): string {
  const statements = result.by === 'service' ? `${new Set(result.lines.map((l) => l.service)).size} service(s)` : `${result.consumers.length} statement(s)`;
  return `${result.organisation.name}, period ${periodText(result)}, amounts in ${result.currency}, ${statements}. ` +
    'Every amount is rounded once, half away from zero, to the cent; allocated shares add up to the cost exactly.';
}

function lineTable(result: Chargeback, lines: readonly ChargeLine[], first: 'service' | 'consumer', months: boolean): string {
  const head = [first, ...(months ? ['month'] : []), 'model', 'quantity', 'unit price', 'amount', 'credits'];
  const align: Array<'left' | 'right'> = ['left', ...(months ? (['left'] as const) : []), 'left', 'right', 'right', 'right', 'right'];
  const rows = lines.map((l) => [
    first === 'service' ? l.service : (l.consumer ?? '(unallocated)'),
    ...(months ? [l.period] : []),
    modelText(l),
    quantityCell(result, l),
    l.kind === 'credit' ? '' : unitPriceCell(result, l),
    l.kind === 'credit' ? '' : money(result, l.amount),
    l.kind === 'credit' ? money(result, l.amount) : '',
  ]);
  const charged = totalOf(lines, 'charge') + totalOf(lines, 'unallocated');
  rows.push(['total', ...(months ? [''] : []), '', '', '', money(result, charged), money(result, totalOf(lines, 'credit'))]);
  return table(head, align, rows);
}

function serviceSummaryTable(result: Chargeback, lines: readonly ChargeLine[]): string {
  const rows = groupLines(lines, (l) => l.service).map(({ key, lines: mine }) => {
    const charged = totalOf(mine, 'charge');
    const credits = totalOf(mine, 'credit');
    return [key, mine[0]!.model, money(result, charged), money(result, credits), money(result, charged + credits)];
  });
  const charged = totalOf(lines, 'charge');
  const credits = totalOf(lines, 'credit');
  rows.push(['total', '', money(result, charged), money(result, credits), money(result, charged + credits)]);
  return table(['service', 'model', 'charged', 'credits', 'total'], ['left', 'left', 'right', 'right', 'right'], rows);
}

function recoveryTable(result: Chargeback): string {
  const head = ['service', 'model', 'own cost', 'shares', 'cost', 'charged', 'credits', 'unallocated', 'balance'];
  const align = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as const;
  const rows = result.services.map((s) => [
    s.service,
    s.model ?? NONE,
    money(result, s.ownCost),
    signedMoney(result, s.sharesIn - s.sharesOut),
    money(result, s.cost),
    money(result, s.charged),
    money(result, s.credits),
    money(result, s.unallocated),
    signedMoney(result, s.balance),
  ]);
  return table(head, align, rows);
}

