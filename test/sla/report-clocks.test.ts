import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { formatSlaJson, formatSlaReportCsv, formatSlaReportMarkdown, formatSlaReportTable, slaReportCsvChunks, slaReportJsonChunks } from '../../src/report/sla/index.js';
import { resolvePeriod } from '../../src/sla/period.js';
import type { ReportedClock } from '../../src/sla/kept-clocks.js';
import { ClockColumns } from '../../src/sla/report-clocks.js';
import { buildSlaReport, reportClocks, type SlaReport } from '../../src/sla/report.js';
import { at, buildRepository, targets } from './helpers.js';

// `sla report` keeps its clocks as columns and builds a clock's row only when a format prints it
// (src/sla/report-clocks.ts): the table and Markdown build the first 50 breaches, JSON and CSV build each row as it is
// written. What it prints must be what it printed when every row was built first, in the same order.

// 60 email tickets, listed from the highest id down, each breaching its 30-minute P1 response (45 minutes) and meeting
// its 4-hour resolution (2 hours): 60 counted breaches, more than the 50 the human formats list. Every ticket is also
// measured by the OLA `net-ola` (service agreements), whose id sorts after `email-sla`, so each ticket has four clocks.
const tickets = Array.from({ length: 60 }, (_, n) => {
  const i = 59 - n;
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    id: `INC${String(i).padStart(4, '0')}`,
    service: 'email',
    priority: 'P1',
    opened: `2026-10-${day}T10:00:00Z`,
    timeline: [[`2026-10-${day}T10:45:00Z`, 'in-progress'], [`2026-10-${day}T12:00:00Z`, 'resolved']] as [string, string][],
  };
});
const repo = buildRepository({
  slas: {
    'email-sla': { targets: targets([['incident', 'P1', '30m', '4h']]) },
    'net-ola': { type: 'ola', targets: targets([['incident', 'P1', '1h', '8h']]) },
  },
  services: { email: { sla: 'email-sla', agreements: ['net-ola'] } },
  tickets,
});

function october(): SlaReport {
  const p = resolvePeriod({ period: '2026-10' }, 'America/New_York', at('2027-01-01T00:00:00Z'));
  if ('error' in p) throw new Error(p.error);
  return buildSlaReport(repo, { period: p, asOf: p.to });
}

/** The same report with its rows built: a copy reads `tickets`, and is a report the formats know nothing more of. */
const built = (report: SlaReport): SlaReport => ({ ...report });

describe('the clocks of sla report', () => {
  it('come in the order of ticket id, agreement id, response before resolution, whatever order the files hold', () => {
    const keys = october().tickets.map((t) => `${t.ticket} ${t.sla} ${t.metric}`);
    // 60 tickets × 2 agreements × 2 metrics.
    expect(keys).toHaveLength(240);
    expect(keys.slice(0, 5)).toEqual(['INC0000 email-sla response', 'INC0000 email-sla resolution', 'INC0000 net-ola response', 'INC0000 net-ola resolution', 'INC0001 email-sla response']);
    expect(keys.at(-1)).toBe('INC0059 net-ola resolution');
  });

  it('read through reportClocks are the rows of `tickets`, and its breaches the counted breached ones', () => {
    const report = october();
    expect([...reportClocks(report)]).toEqual(report.tickets);
    const breaches = reportClocks(report).breaches(50);
    // Only the email-sla responses breach (45 > 30 minutes; the OLA's response target is 1 hour): 60, of which 50 shown.
    expect(breaches.count).toBe(60);
    expect(breaches.first.map((t) => `${t.ticket} ${t.sla} ${t.metric}`)).toEqual(
      report.tickets.filter((t) => t.state === 'breached' && t.counted).slice(0, 50).map((t) => `${t.ticket} ${t.sla} ${t.metric}`),
    );
    expect(breaches.first[0]).toMatchObject({ ticket: 'INC0000', sla: 'email-sla', metric: 'response', elapsedMinutes: 45, counted: true });
  });

  it('print the same text in every format as the report with every row built', () => {
    const report = october();
    expect([...slaReportJsonChunks(report)].join('')).toBe(formatSlaJson(built(october())));
    expect([...slaReportCsvChunks(report, { delimiter: ';' })].join('')).toBe(formatSlaReportCsv(built(october()), { delimiter: ';' }));
    const table = formatSlaReportTable(report);
    expect(table).toBe(formatSlaReportTable(built(october())));
    expect(table).toContain('… and 10 more (use --format json for all)');
    expect(formatSlaReportMarkdown(report)).toBe(formatSlaReportMarkdown(built(october())));
  });

  it('are not all built by the table, Markdown, CSV or JSON: none of them reads `tickets`', () => {
    const report = october();
    const descriptor = Object.getOwnPropertyDescriptor(report, 'tickets');
    expect(descriptor?.get).toBeTypeOf('function');
    const read = vi.fn(descriptor!.get!);
    Object.defineProperty(report, 'tickets', { ...descriptor, get: read });
    formatSlaReportTable(report);
    formatSlaReportMarkdown(report);
    [...slaReportCsvChunks(report)].join('');
    [...slaReportJsonChunks(report)].join('');
    expect(read).not.toHaveBeenCalled();
    // Stringified whole, the report reads them, and they are kept.
    expect(JSON.parse(formatSlaJson(report)).tickets).toHaveLength(240);
    expect(report.tickets).toBe(report.tickets);
  });

  it('replaced by other rows are what the formats print', () => {
    const report = october();
    const [first] = report.tickets;
    report.tickets = [first!];
    expect(formatSlaReportCsv(report).trimEnd().split('\n')).toHaveLength(2);
    expect(reportClocks(report).breaches(50).count).toBe(1);
  });
});

describe('the columns of sla report', () => {
  // 131,072 tickets of two clocks each (262,144 clocks: four chunks of 65,536, full). Per clock: 8 figures (64 bytes),
  // 11 indexes (44 bytes: its ticket and 10 string fields), 1 byte of flags = 109 bytes; per ticket 5 references
  // (40 bytes, 20 a clock): 129 bytes a clock. Kept as they were (12 arrays of references, 96 bytes a clock and room
  // to grow, and figures in an array doubled past its size), it was 249 bytes a clock here.
  const TICKETS = 131_072;
  const clock = (ticket: string, metric: 'response' | 'resolution'): ReportedClock => ({
    ticket,
    title: 'Mail is down',
    type: 'incident',
    service: 'email',
    consumer: null,
    sla: 'email-sla',
    slaVersion: null,
    selectedBy: 'service',
    calendar: '24x7',
    calendarBy: 'agreement',
    assignmentGroup: 'service-desk',
    metric,
    priority: 'P1',
    state: metric === 'response' ? 'breached' : 'met',
    warning: false,
    within: '30m',
    targetMs: 1_800_000,
    objective: 95,
    targetSince: null,
    elapsedMs: 2_700_000,
    pausedMs: 0,
    startedAt: 1_790_000_000_000,
    stoppedAt: 1_790_002_700_000,
    breachedAt: 1_790_001_800_000,
    dueAt: 1_790_001_800_000,
    cycles: 1,
    anyCycleBreached: metric === 'response',
  });

  it('hold a clock in under 160 bytes, its strings kept once, and give back every row crossing the chunks', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const ids = Array.from({ length: TICKETS }, (_, i) => `INC${String(i).padStart(7, '0')}`);
    gc();
    const before = process.memoryUsage();
    const columns = new ClockColumns();
    for (const id of ids) {
      columns.push(clock(id, 'response'), true);
      columns.push(clock(id, 'resolution'), true);
    }
    gc();
    const after = process.memoryUsage();
    const held = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
    expect(held / (2 * TICKETS)).toBeLessThan(160);
    expect(columns.length).toBe(2 * TICKETS);
    // The clock after the first chunk's last (index 65,536: ticket 32,768's response) and the very last.
    const rows = [...columns];
    expect(rows[65_536]).toMatchObject({ ticket: 'INC0032768', metric: 'response', state: 'breached', elapsedMinutes: 45, assignmentGroup: 'service-desk', consumer: null });
    expect(rows.at(-1)).toMatchObject({ ticket: 'INC0131071', metric: 'resolution', state: 'met', counted: true, stoppedAt: '2026-09-21T14:58:20.000Z' });
    expect(columns.breaches(2)).toMatchObject({ count: TICKETS, first: [{ ticket: 'INC0000000' }, { ticket: 'INC0000001' }] });
  });
});
