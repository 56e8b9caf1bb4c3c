import type { ChalkInstance } from 'chalk';
import type { SlaStatus } from '../../sla/status.js';
import { formatMinutes, localInstant, painter, renderTable, type Align, type SlaFormatOptions } from './shared.js';

type OpenClock = SlaStatus['clocks'][number];

/**
 * The human format of `sla status`: the open clocks in the order given (most urgent first: breached, then by time
 * left), and a line of counts. Instants are shown in `options.timeZone` (default: the status's zone).
 */
export function formatSlaStatusTable(status: SlaStatus, options: SlaFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? status.timeZone;
  const heading = chalk.bold(`Open clocks as of ${localInstant(zone, status.asOf)} (${zone}) — ${status.organisation}`);
  if (status.clocks.length === 0) return `${heading}\n\nNo open clocks.\n`;
  const head = ['ticket', 'priority', 'service', 'sla', 'metric', 'state', 'elapsed', 'target', 'left', 'due'];
  const align: Align[] = ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left'];
  const body = status.clocks.map((c) => [
    c.ticket,
    c.priority,
    c.service,
    c.sla,
    c.metric,
    stateCell(c, chalk),
    formatMinutes(c.elapsedMinutes),
    c.target,
    leftCell(c, chalk),
    dueCell(c, zone),
  ]);
  return `${heading}\n\n${renderTable(chalk, head, body, align)}\n\n${counts(status)}\n`;
}

function stateCell(c: OpenClock, chalk: ChalkInstance): string {
  if (c.state === 'breached') return chalk.red('breached');
  if (c.warning) return chalk.yellow('warning');
  return c.state;
}

/** Business time left; a breached clock shows how far past its target it is, e.g. "-2h10m overdue". */
function leftCell(c: OpenClock, chalk: ChalkInstance): string {
  const left = formatMinutes(c.leftMinutes);
  return left.startsWith('-') ? chalk.red(`${left} overdue`) : left;
}

/**
 * When the target falls due if nothing pauses it; for a breached clock, when it fell due. A clock paused now (waiting
 * on the customer, say) has no due time until it runs again.
 */
function dueCell(c: OpenClock, zone: string): string {
  if (c.state === 'breached') return localInstant(zone, c.breachedAt ?? c.dueAt);
  return c.dueAt === null ? 'paused' : localInstant(zone, c.dueAt);
}

export function counts(status: SlaStatus): string {
  const { breached, running, warning } = status.counts;
  return `${breached} breached, ${running} running${warning > 0 ? ` (${warning} warning)` : ''}.`;
}
