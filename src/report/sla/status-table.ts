import type { ChalkInstance } from 'chalk';
import type { OpenClock, SlaStatus } from '../../sla/status.js';
import { boxTable, type Cell, type Column } from '../table.js';
import { keepTogether, prose } from '../terminal-text.js';
import { localInstant, NONE, painter, type SlaFormatOptions } from './shared.js';

/**
 * The human format of `sla status`: the open clocks in the order given (most urgent first: breached, then by time
 * left), and a line of counts. Instants are shown in `options.timeZone` (default: the status's zone).
 *
 * Made to be read at a glance: each row says what the ticket is (its title) and where it stands (its status now);
 * the state is one word (breached, warning, running, paused); the time column says "44h overdue" or "3h 20m left";
 * and every duration column is in business hours and minutes, a target written in business days included (3bd on a
 * 10-hour calendar is 30h), so that the figures of a column compare at sight.
 */
export function formatSlaStatusTable(status: SlaStatus, options: SlaFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? status.timeZone;
  const width = options.width;
  const heading = prose(`Open clocks as of ${keepTogether(localInstant(zone, status.asOf))} (${zone}) — ${status.organisation}`, width, chalk.bold);
  if (status.clocks.length === 0) return `${heading}\n\nNo open clocks.\n`;
  const body = status.clocks.map((c): Cell[] => [
    c.ticket,
    c.priority,
    c.title,
    c.currentStatus,
    c.service,
    c.sla,
    c.metric,
    stateCell(c, chalk),
    formatDuration(c.elapsedMinutes),
    formatDuration(c.targetMinutes),
    timeCell(c, chalk),
    dueCell(c, zone),
  ]);
  return `${heading}\n\n${boxTable(STATUS_COLUMNS, body, { chalk, width })}\n\n${prose(counts(status), width)}\n`;
}

/**
 * Narrowed, the table keeps the ticket, its title, its status, the state and the time left, longest; it gives up
 * first the figures that the time column sums up (elapsed, target), then the due instant, the service, the priority,
 * and which clock it is (the metric, then the sla, which tells apart the rows of a ticket under two agreements).
 * At 80 columns a ticket with two open clocks can so show two rows alike.
 */
const STATUS_COLUMNS: readonly Column[] = [
  { head: 'ticket', min: 10 },
  { head: 'priority', shortHead: 'prio', min: 4, drop: 5 },
  { head: 'title', max: 40, min: 16 },
  { head: 'status', min: 12, drop: 8 },
  { head: 'service', min: 10, drop: 4 },
  { head: 'sla', min: 10, drop: 7 },
  { head: 'metric', min: 10, drop: 6 },
  { head: 'state' },
  { head: 'elapsed', align: 'right', drop: 1 },
  { head: 'target', align: 'right', drop: 2 },
  { head: 'time', align: 'right' },
  { head: 'due', drop: 3 },
];

/** What the clock is doing: breached; paused (waiting, say, on the customer); running in its warning share; running. */
function stateWord(c: OpenClock): 'breached' | 'paused' | 'warning' | 'running' {
  if (c.state === 'breached') return 'breached';
  if (c.paused) return 'paused';
  return c.warning ? 'warning' : 'running';
}

function stateCell(c: OpenClock, chalk: ChalkInstance): Cell {
  const word = stateWord(c);
  const paint = { breached: chalk.red, paused: chalk.cyan, warning: chalk.yellow, running: undefined }[word];
  return paint === undefined ? word : { text: word, paint };
}

/**
 * Business minutes as hours and minutes, rounded to the minute, minutes left out when there are none: "45m", "3h 20m",
 * "44h". Never days: a business day is not 24 hours. Under a minute that is not zero is "<1m".
 */
export function formatDuration(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  if (whole === 0) return minutes === 0 ? '0m' : '<1m';
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** "3h 20m left", or for a breached clock how far past its target it is: "44h overdue". */
function timeCell(c: OpenClock, chalk: ChalkInstance): Cell {
  if (c.state === 'breached') return { text: `${formatDuration(c.leftMinutes)} overdue`, paint: chalk.red };
  return `${formatDuration(c.leftMinutes)} left`;
}

/**
 * When the target falls due if nothing pauses it; for a breached clock, when it fell due. A paused clock has no due
 * time until it runs again.
 */
function dueCell(c: OpenClock, zone: string): string {
  if (c.state === 'breached') return localInstant(zone, c.breachedAt ?? c.dueAt);
  return c.dueAt === null ? NONE : localInstant(zone, c.dueAt);
}

/** The counts of the state column: "1 breached, 3 running (1 warning), 2 paused." */
export function counts(status: SlaStatus): string {
  const words = status.clocks.map(stateWord);
  const count = (word: ReturnType<typeof stateWord>) => words.filter((w) => w === word).length;
  const warning = count('warning');
  const running = count('running') + warning;
  const paused = count('paused');
  return `${count('breached')} breached, ${running} running${warning > 0 ? ` (${warning} warning)` : ''}${paused > 0 ? `, ${paused} paused` : ''}.`;
}
