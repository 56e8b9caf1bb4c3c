import type { ChalkInstance } from 'chalk';
import type { ClockStory, StorySegment, TicketStory } from '../../sla/explain.js';
import { formatMinutes, localInstant, localParts, NONE, painter, type SlaFormatOptions } from './shared.js';

/**
 * The human format of `sla explain`: the ticket, then for each clock a verdict line and the segments that make up
 * its business time, in aligned columns, so that anyone who doubts a figure can add it up by hand.
 *
 * The ticket's own instants are shown in `options.timeZone` (the organisation's; default: the first clock's zone).
 * Segments are shown in their clock's calendar zone, which is the zone business hours are defined in; their UTC
 * offset is printed only when it changes within the clock's story (a daylight-saving change), since otherwise the
 * heading's zone says it once.
 */
export function formatTicketStoryText(story: TicketStory, options: SlaFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? story.clocks[0]?.timeZone ?? 'UTC';
  const where = `${story.type} on ${story.service}${story.consumer === null ? '' : ` for ${story.consumer}`}`;
  const lines = [chalk.bold(`${story.ticket} — ${story.title}`), `${where}, opened ${localInstant(zone, story.opened)}; as of ${localInstant(zone, story.asOf)}`];
  if (story.clocks.length === 0) lines.push('', 'No SLA clock applies to this ticket.');
  for (const clock of story.clocks) lines.push('', ...clockLines(clock, story.asOf, chalk));
  return `${lines.join('\n')}\n`;
}

function clockLines(clock: ClockStory, asOf: string, chalk: ChalkInstance): string[] {
  const heading = chalk.bold(`${clock.sla} · ${clock.metric} · ${clock.priority} · target ${clock.target} on ${clock.calendar} (${clock.timeZone})`);
  const lines = [heading, `  ${verdictLine(clock, chalk)}`];
  if (clock.segments.length > 0) lines.push(...segmentTable(clock, asOf, chalk).map((l) => `  ${l}`));
  return lines;
}

function stateWord(clock: ClockStory, chalk: ChalkInstance): string {
  switch (clock.state) {
    case 'met':
      return chalk.green('met');
    case 'breached':
      return chalk.red('breached');
    case 'running':
      return clock.warning ? chalk.yellow('running (warning)') : 'running';
    default:
      return clock.state;
  }
}

/** "met — 6h40m of 8h used, 2h15m paused; stopped …; due …". */
function verdictLine(clock: ClockStory, chalk: ChalkInstance): string {
  const zone = clock.timeZone;
  const parts = [`${formatMinutes(clock.elapsedMinutes)} of ${clock.target} used, ${formatMinutes(clock.pausedMinutes)} paused`];
  if (clock.breachedAt !== null) parts.push(`breached ${localInstant(zone, clock.breachedAt)}`);
  if (clock.stoppedAt !== null) parts.push(`stopped ${localInstant(zone, clock.stoppedAt)}`);
  // For a met clock `dueAt` is when it would have fallen due had it kept running: how much room there was.
  if (clock.state !== 'breached' && clock.state !== 'cancelled') {
    parts.push(clock.dueAt === null ? 'no due time while paused' : `due ${localInstant(zone, clock.dueAt)}`);
  }
  if (clock.cycles > 1) parts.push(`${clock.cycles} cycles${clock.anyCycleBreached && clock.state !== 'breached' ? ', an earlier one breached' : ''}`);
  return `${stateWord(clock, chalk)} — ${parts.join('; ')}`;
}

function calendarCell(segment: StorySegment): string {
  switch (segment.calendar) {
    case 'working':
      return 'working';
    case 'outside-hours':
      return 'outside hours';
    case 'holiday':
      return segment.note === null ? 'holiday' : `holiday: ${segment.note}`;
    case 'special-day':
      return segment.note === null ? 'special day' : `special day: ${segment.note}`;
    default:
      // Stopped or cancelled: the clock does not run, so the calendar does not matter.
      return NONE;
  }
}

function segmentTable(clock: ClockStory, asOf: string, chalk: ChalkInstance): string[] {
  const offsets = new Set(clock.segments.flatMap((s) => [localParts(s.fromLocal).offset, localParts(s.toLocal).offset]));
  const withOffset = offsets.size > 1;
  const local = (formatted: string) => {
    const p = localParts(formatted);
    return withOffset ? `${p.date} ${p.time} ${p.offset}` : `${p.date} ${p.time}`;
  };
  const rows = clock.segments.map((s, i) => [
    local(s.fromLocal),
    // The last stretch still going on at the measurement instant has no end yet.
    i === clock.segments.length - 1 && s.to === asOf ? '…' : local(s.toLocal),
    s.status,
    s.phase,
    calendarCell(s),
    formatMinutes(s.addedMinutes),
    formatMinutes(s.totalMinutes),
  ]);
  const head = ['from', 'to', 'status', 'clock', 'calendar', 'added', 'total'];
  const right = [false, false, false, false, false, true, true];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  return [chalk.dim(line(head)), ...rows.map(line)];
}
