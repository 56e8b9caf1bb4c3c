import type { ChalkInstance } from 'chalk';
import type { ClockStory, StorySegment, TicketStory } from '../../sla/explain.js';
import { plainTable, type Column } from '../table.js';
import { keepTogether, prose } from '../terminal-text.js';
import { formatMinutes, localInstant, localParts, NONE, painter, type SlaFormatOptions } from './shared.js';

/**
 * The human format of `sla explain`: the ticket, then for each clock a verdict line and the segments that make up
 * its business time, in aligned columns, so that anyone who doubts a figure can add it up by hand.
 *
 * The ticket's own instants are shown in `options.timeZone` (the organisation's; default: the first clock's zone).
 * Segments are shown in their clock's calendar zone, which is the zone business hours are defined in; their UTC
 * offset is printed only when it changes within the clock's story (a daylight-saving change), since otherwise the
 heading's zone says it once.
 *
 * The ticket's priority changes are listed under its heading, and each clock says which priority chose its target and
 * at which instant: when the clock stopped, or as of now (docs/sla.md, "Priority changes").
 *
 * With `options.width`, prose lines are wrapped and the segment table narrowed to fit (the `to` column goes first:
 * each segment ends where the next begins).
 */
export function formatTicketStoryText(story: TicketStory, options: SlaFormatOptions = {}): string {
  const chalk = painter(options);
  const zone = options.timeZone ?? story.clocks[0]?.timeZone ?? 'UTC';
  const width = options.width;
  const where = `${story.type} on ${story.service}${story.consumer === null ? '' : ` for ${story.consumer}`}`;
  const lines = [
    prose(`${story.ticket} — ${story.title}`, width, chalk.bold),
    prose(`${where}, ${keepTogether(`opened ${localInstant(zone, story.opened)};`)} ${keepTogether(`as of ${localInstant(zone, story.asOf)}`)}`, width),
  ];
  if (story.priorities.length > 0) lines.push(prose(priorityLine(story, zone), width));
  if (story.groups.length > 0) lines.push(prose(groupLine(story), width));
  if (story.clocks.length === 0) lines.push('', 'No SLA clock applies to this ticket.');
  for (const clock of story.clocks) lines.push('', ...clockLines(clock, story.asOf, chalk, width));
  return `${lines.join('\n')}\n`;
}

/** "priority P3" or "priority P3 when opened; P1 from 2026-10-05 11:00 -04:00". */
function priorityLine(story: TicketStory, zone: string): string {
  const [first, ...changes] = story.priorities;
  if (changes.length === 0) return `priority ${first!.priority}`;
  return `priority ${first!.priority} when opened; ${changes.map((c) => keepTogether(`${c.priority} from ${localInstant(zone, c.at)}`)).join('; ')}`;
}

/** "held by service-desk 40m, network 3h20m; 1 reassignment". */
function groupLine(story: TicketStory): string {
  const held = story.groups.map((g) => keepTogether(`${g.group} ${formatMinutes(g.heldMinutes)}${g.assignments > 1 ? ` (${g.assignments} times)` : ''}`));
  return `held by ${held.join(', ')}; ${story.reassignments} reassignment${story.reassignments === 1 ? '' : 's'}`;
}

const SELECTED_BY: Readonly<Record<string, string>> = {
  subscription: "chosen by the consumer's subscription",
  consumer: "chosen by the consumer's default agreements",
  service: "the service's SLA",
  'service-agreement': 'an agreement of the service',
};

/** Which agreement measured the clock and why: the rule, the version, the calendar's source, the group scope. */
function agreementLine(clock: ClockStory): string {
  const parts = [SELECTED_BY[clock.selectedBy] ?? clock.selectedBy];
  if (clock.slaVersion !== null) parts.push(`terms in force from ${clock.slaVersion}`);
  if (clock.calendarBy === 'consumer') parts.push("on the consumer's calendar");
  if (clock.calendarBy === 'group') parts.push("on the group's calendar");
  if (clock.scopedToGroup !== null) parts.push(`runs only while ${clock.scopedToGroup} holds the ticket`);
  return parts.map(keepTogether).join('; ');
}

function clockLines(clock: ClockStory, asOf: string, chalk: ChalkInstance, width: number | undefined): string[] {
  const heading = prose(`${clock.sla} · ${clock.metric} · ${clock.priority} · target ${clock.target} on ${clock.calendar} (${clock.timeZone})`, width, chalk.bold, '', '  ');
  const chosen = `target chosen by priority ${clock.priority} at ${keepTogether(localInstant(clock.timeZone, clock.priorityAt))} (${clock.priorityWhen === 'stopped' ? 'when the clock stopped' : 'as of now'})`;
  // The state word opens the verdict, so it is coloured after wrapping (it is plain ASCII, unchanged by safeText).
  const state = stateWord(clock);
  const verdict = prose(verdictLine(clock), width, (l) => l, '  ', '    ');
  const lines = [
    heading,
    `  ${statePaint(clock, chalk)(state)}${verdict.slice(2 + state.length)}`,
    prose(chosen, width, chalk.dim, '  ', '    '),
    prose(agreementLine(clock), width, chalk.dim, '  ', '    '),
  ];
  if (clock.segments.length > 0) lines.push(...segmentTable(clock, asOf, chalk, width === undefined ? undefined : width - 2).map((l) => `  ${l}`));
  return lines;
}

function stateWord(clock: ClockStory): string {
  return clock.state === 'running' && clock.warning ? 'running (warning)' : clock.state;
}

function statePaint(clock: ClockStory, chalk: ChalkInstance): (text: string) => string {
  if (clock.state === 'met') return chalk.green;
  if (clock.state === 'breached') return chalk.red;
  return clock.state === 'running' && clock.warning ? chalk.yellow : (text) => text;
}

/** "met — 6h40m of 8h used, 2h15m paused; stopped …; due …". */
function verdictLine(clock: ClockStory): string {
  const zone = clock.timeZone;
  const parts = [`${formatMinutes(clock.elapsedMinutes)} of ${clock.target} used, ${formatMinutes(clock.pausedMinutes)} paused`];
  if (clock.breachedAt !== null) parts.push(`breached ${localInstant(zone, clock.breachedAt)}`);
  if (clock.stoppedAt !== null) parts.push(`stopped ${localInstant(zone, clock.stoppedAt)}`);
  // For a met clock `dueAt` is when it would have fallen due had it kept running: how much room there was.
  if (clock.state !== 'breached' && clock.state !== 'cancelled') {
    parts.push(clock.dueAt === null ? 'no due time while paused' : `due ${localInstant(zone, clock.dueAt)}`);
  }
  if (clock.cycles > 1) parts.push(`${clock.cycles} cycles${clock.anyCycleBreached && clock.state !== 'breached' ? ', an earlier one breached' : ''}`);
  return `${stateWord(clock)} — ${parts.map(keepTogether).join('; ')}`;
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

const SEGMENT_COLUMNS: readonly Column[] = [
  { head: 'from' },
  { head: 'to', drop: 1 },
  { head: 'status', min: 12 },
  { head: 'clock' },
  { head: 'calendar', min: 16 },
  { head: 'added', align: 'right', drop: 2 },
  { head: 'total', align: 'right' },
];

function segmentTable(clock: ClockStory, asOf: string, chalk: ChalkInstance, width: number | undefined): string[] {
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
  return plainTable(SEGMENT_COLUMNS, rows, { chalk, width });
}
