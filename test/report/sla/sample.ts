import type { TicketStory } from '../../../src/sla/explain.js';
import type { ClockRow, MonthlyRow, SlaReport, SummaryRow } from '../../../src/sla/report.js';
import type { SlaStatus } from '../../../src/sla/status.js';

/**
 * Small results made by hand, as the SLA engine would return them for Acme in October 2026 (America/New_York,
 * UTC-4 until 1 November, UTC-5 after). Figures are chosen to exercise the formatters, not computed from tickets.
 */

export function summaryRow(overrides: Partial<SummaryRow>): SummaryRow {
  return {
    sla: 'gold',
    slaName: 'Gold service level',
    slaType: 'sla',
    metric: 'resolution',
    type: 'incident',
    priority: 'P1',
    group: null,
    target: '4h',
    targetMinutes: 240,
    objectivePercent: 95,
    measured: 0,
    met: 0,
    breached: 0,
    running: 0,
    warning: 0,
    compliancePercent: null,
    ok: true,
    slaVersion: null,
    ...overrides,
  };
}

export function clockRow(overrides: Partial<ClockRow>): ClockRow {
  return {
    ticket: 'INC0001',
    title: 'VPN drops every 10 minutes',
    type: 'incident',
    service: 'vpn',
    consumer: 'finance',
    sla: 'gold',
    metric: 'resolution',
    priority: 'P1',
    state: 'met',
    warning: false,
    target: '4h',
    targetMinutes: 240,
    elapsedMinutes: 100,
    pausedMinutes: 0,
    usedPercent: 41.7,
    startedAt: '2026-10-05T13:00:00.000Z',
    stoppedAt: '2026-10-05T14:40:00.000Z',
    breachedAt: null,
    dueAt: null,
    cycles: 1,
    anyCycleBreached: false,
    counted: true,
    slaVersion: null,
    selectedBy: 'service',
    calendar: 'us-business-hours',
    calendarBy: 'agreement',
    assignmentGroup: null,
    ...overrides,
  };
}

export function sampleReport(): SlaReport {
  return {
    version: 1,
    organisation: 'Acme Corp',
    timeZone: 'America/New_York',
    period: { label: '2026-10', from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' },
    asOf: '2026-11-15T14:00:00.000Z',
    by: null,
    ok: false,
    summary: [
      summaryRow({ metric: 'response', target: '15m', targetMinutes: 15, measured: 10, met: 9, breached: 1, compliancePercent: 90, ok: false }),
      summaryRow({ measured: 10, met: 10, running: 2, warning: 1, compliancePercent: 100 }),
      summaryRow({ type: 'request', priority: 'P3', target: '24h', targetMinutes: 1440, objectivePercent: 90 }),
      summaryRow({ sla: 'desk', slaName: 'Service desk', slaType: 'ola', priority: 'P2', target: '8h', targetMinutes: 480, objectivePercent: 99.5, measured: 3, met: 3, compliancePercent: 100 }),
    ],
    availability: [
      {
        service: 'email',
        sla: 'gold',
        window: '2026-10',
        from: '2026-10-01T04:00:00.000Z',
        to: '2026-11-01T04:00:00.000Z',
        targetPercent: 99.5,
        agreedMinutes: 44640,
        downtimeMinutes: 0,
        availabilityPercent: 100,
        errorBudgetMinutes: 223.2,
        errorBudgetRemainingMinutes: 223.2,
        failures: 0,
        mttrMinutes: null,
        mtbfMinutes: null,
        ok: true,
      },
      {
        service: 'vpn',
        sla: 'gold',
        window: '2026-10',
        from: '2026-10-01T04:00:00.000Z',
        to: '2026-11-01T04:00:00.000Z',
        targetPercent: 99.95,
        agreedMinutes: 44640,
        downtimeMinutes: 45,
        availabilityPercent: 99.899,
        errorBudgetMinutes: 22.32,
        errorBudgetRemainingMinutes: -22.68,
        failures: 2,
        mttrMinutes: 22.5,
        mtbfMinutes: 22297.5,
        ok: false,
      },
    ],
    monthly: [
      { month: '2026-10', sla: 'gold', metric: 'response', met: 9, breached: 1, compliancePercent: 90 },
      { month: '2026-10', sla: 'gold', metric: 'resolution', met: 13, breached: 0, compliancePercent: 100 },
    ],
    tickets: [
      clockRow({
        ticket: 'INC0001',
        metric: 'response',
        state: 'breached',
        target: '15m',
        targetMinutes: 15,
        elapsedMinutes: 47.5,
        usedPercent: 316.7,
        stoppedAt: '2026-10-05T13:47:30.000Z',
        breachedAt: '2026-10-05T13:15:00.000Z',
        anyCycleBreached: true,
      }),
      clockRow({ ticket: 'INC0002', title: '=HYPERLINK("http://evil.example","click")', consumer: null }),
      clockRow({
        ticket: 'INC0003',
        title: '-5 °C in the server room, again',
        state: 'running',
        warning: true,
        elapsedMinutes: 200,
        usedPercent: 83.3,
        stoppedAt: null,
        dueAt: '2026-11-16T14:40:00.000Z',
        counted: false,
      }),
      // Breached in September, still open: listed in the CSV, but not one of October's breaches.
      clockRow({ ticket: 'INC0004', title: 'Line one\nline two', state: 'breached', elapsedMinutes: 300, stoppedAt: null, breachedAt: '2026-09-30T20:00:00.000Z', counted: false }),
    ],
  };
}

/** The sample spread over a quarter: one series measured every month, one with a quiet month, one never measured. */
export function quarterReport(): SlaReport {
  const monthly: MonthlyRow[] = [
    { month: '2026-10', sla: 'gold', metric: 'response', met: 9, breached: 1, compliancePercent: 90 },
    { month: '2026-11', sla: 'gold', metric: 'response', met: 0, breached: 0, compliancePercent: null },
    { month: '2026-12', sla: 'gold', metric: 'response', met: 2, breached: 1, compliancePercent: 66.667 },
    { month: '2026-10', sla: 'gold', metric: 'resolution', met: 13, breached: 0, compliancePercent: 100 },
    { month: '2026-11', sla: 'gold', metric: 'resolution', met: 7, breached: 1, compliancePercent: 87.5 },
    { month: '2026-12', sla: 'gold', metric: 'resolution', met: 4, breached: 0, compliancePercent: 100 },
    { month: '2026-10', sla: 'desk', metric: 'resolution', met: 0, breached: 0, compliancePercent: null },
    { month: '2026-11', sla: 'desk', metric: 'resolution', met: 0, breached: 0, compliancePercent: null },
    { month: '2026-12', sla: 'desk', metric: 'resolution', met: 0, breached: 0, compliancePercent: null },
  ];
  return {
    ...sampleReport(),
    period: { label: '2026-Q4', from: '2026-10-01T04:00:00.000Z', to: '2027-01-01T05:00:00.000Z' },
    asOf: '2027-01-04T14:00:00.000Z',
    monthly,
  };
}

/** A report with `count` breached clocks counted in the period, and nothing else. */
export function manyBreaches(count: number): SlaReport {
  const tickets = Array.from({ length: count }, (_, i) =>
    clockRow({
      ticket: `INC${String(i + 1).padStart(4, '0')}`,
      state: 'breached',
      elapsedMinutes: 250,
      breachedAt: '2026-10-05T17:00:00.000Z',
      stoppedAt: '2026-10-05T17:10:00.000Z',
    }),
  );
  return { ...sampleReport(), summary: [summaryRow({ measured: count, breached: count, compliancePercent: 0, ok: false })], availability: [], tickets };
}

export function sampleStatus(): SlaStatus {
  const open = (row: Partial<ClockRow>, leftMinutes: number, currentStatus = 'in-progress', paused = false) => ({
    ...clockRow({ stoppedAt: null, counted: false, ...row }),
    leftMinutes,
    paused,
    currentStatus,
  });
  return {
    version: 1,
    organisation: 'Acme Corp',
    timeZone: 'America/New_York',
    asOf: '2026-10-06T13:30:00.000Z',
    clocks: [
      open({ ticket: 'INC0007', state: 'breached', elapsedMinutes: 370, usedPercent: 154.2, breachedAt: '2026-10-06T11:20:00.000Z' }, -130),
      open({ ticket: 'INC0009', metric: 'response', state: 'running', warning: true, target: '15m', targetMinutes: 15, elapsedMinutes: 12.4, usedPercent: 82.7, dueAt: '2026-10-06T13:32:36.000Z' }, 2.6),
      open({ ticket: 'INC0008', title: '+1 for the printer', priority: 'P2', service: 'print', state: 'running', target: '8h', targetMinutes: 480, elapsedMinutes: 60, usedPercent: 12.5, dueAt: null }, 420, 'awaiting-customer', true),
    ],
    counts: { running: 2, warning: 1, breached: 1, paused: 1 },
  };
}

export function sampleStory(): TicketStory {
  const segment = (from: string, to: string, fromLocal: string, toLocal: string, rest: Partial<TicketStory['clocks'][number]['segments'][number]>) => ({
    from,
    to,
    fromLocal,
    toLocal,
    status: 'in-progress',
    phase: 'running' as const,
    calendar: 'working' as const,
    note: null,
    addedMinutes: 0,
    totalMinutes: 0,
    ...rest,
  });
  return {
    version: 1,
    ticket: 'INC0001234',
    title: 'VPN drops every 10 minutes',
    type: 'incident',
    service: 'vpn',
    consumer: 'finance',
    opened: '2026-11-25T21:00:00.000Z',
    asOf: '2026-12-31T17:00:00.000Z',
    // Opened P3, raised to P2 on the Monday morning: the P2 target applies from the opening (retroactive start).
    priorities: [
      { at: '2026-11-25T21:00:00.000Z', priority: 'P3' },
      { at: '2026-11-30T15:15:00.000Z', priority: 'P2' },
    ],
    assignments: [],
    groups: [],
    reassignments: 0,
    clocks: [
      {
        sla: 'gold',
        slaVersion: null,
        selectedBy: 'service',
        metric: 'resolution',
        priority: 'P2',
        priorityAt: '2026-11-30T19:40:00.000Z',
        priorityWhen: 'stopped',
        calendar: 'us-business-hours',
        calendarBy: 'agreement',
        assignmentGroup: null,
        scopedToGroup: null,
        timeZone: 'America/New_York',
        target: '8h',
        targetMinutes: 480,
        state: 'met',
        warning: false,
        elapsedMinutes: 325,
        pausedMinutes: 135,
        startedAt: '2026-11-25T21:00:00.000Z',
        stoppedAt: '2026-11-30T19:40:00.000Z',
        dueAt: '2026-12-01T13:15:00.000Z',
        breachedAt: null,
        cycles: 1,
        anyCycleBreached: false,
        segments: [
          segment('2026-11-25T21:00:00.000Z', '2026-11-25T22:00:00.000Z', '2026-11-25T16:00:00-05:00', '2026-11-25T17:00:00-05:00', { addedMinutes: 60, totalMinutes: 60 }),
          segment('2026-11-25T22:00:00.000Z', '2026-11-26T05:00:00.000Z', '2026-11-25T17:00:00-05:00', '2026-11-26T00:00:00-05:00', { calendar: 'outside-hours', totalMinutes: 60 }),
          segment('2026-11-26T05:00:00.000Z', '2026-11-27T05:00:00.000Z', '2026-11-26T00:00:00-05:00', '2026-11-27T00:00:00-05:00', { calendar: 'holiday', note: 'Thanksgiving Day', totalMinutes: 60 }),
          segment('2026-11-27T05:00:00.000Z', '2026-11-30T13:00:00.000Z', '2026-11-27T00:00:00-05:00', '2026-11-30T08:00:00-05:00', { calendar: 'outside-hours', totalMinutes: 60 }),
          segment('2026-11-30T13:00:00.000Z', '2026-11-30T15:15:00.000Z', '2026-11-30T08:00:00-05:00', '2026-11-30T10:15:00-05:00', { status: 'awaiting-customer', phase: 'paused', totalMinutes: 60 }),
          segment('2026-11-30T15:15:00.000Z', '2026-11-30T19:40:00.000Z', '2026-11-30T10:15:00-05:00', '2026-11-30T14:40:00-05:00', { addedMinutes: 265, totalMinutes: 325 }),
          segment('2026-11-30T19:40:00.000Z', '2026-12-31T17:00:00.000Z', '2026-11-30T14:40:00-05:00', '2026-12-31T12:00:00-05:00', { status: 'resolved', phase: 'stopped', calendar: null, totalMinutes: 325 }),
        ],
      },
    ],
  };
}

/** A night when the clocks go back: 01:00–02:00 happens twice in New York on 1 November 2026. */
export function dstStory(): TicketStory {
  const base = sampleStory();
  const seg = base.clocks[0]!.segments[0]!;
  return {
    ...base,
    ticket: 'INC0002000',
    title: 'Core switch down',
    consumer: null,
    opened: '2026-11-01T05:50:00.000Z',
    asOf: '2026-11-01T06:10:00.000Z',
    priorities: [{ at: '2026-11-01T05:50:00.000Z', priority: 'P1' }],
    clocks: [
      {
        ...base.clocks[0]!,
        metric: 'response',
        priority: 'P1',
        priorityAt: '2026-11-01T06:10:00.000Z',
        priorityWhen: 'asOf',
        calendar: 'around-the-clock',
        target: '15m',
        targetMinutes: 15,
        state: 'breached',
        elapsedMinutes: 20,
        pausedMinutes: 0,
        startedAt: '2026-11-01T05:50:00.000Z',
        stoppedAt: null,
        dueAt: '2026-11-01T06:05:00.000Z',
        breachedAt: '2026-11-01T06:05:00.000Z',
        cycles: 2,
        anyCycleBreached: true,
        segments: [
          { ...seg, from: '2026-11-01T05:50:00.000Z', to: '2026-11-01T06:00:00.000Z', fromLocal: '2026-11-01T01:50:00-04:00', toLocal: '2026-11-01T01:00:00-05:00', status: 'new', addedMinutes: 10, totalMinutes: 10 },
          { ...seg, from: '2026-11-01T06:00:00.000Z', to: '2026-11-01T06:10:00.000Z', fromLocal: '2026-11-01T01:00:00-05:00', toLocal: '2026-11-01T01:10:00-05:00', status: 'new', addedMinutes: 10, totalMinutes: 20 },
        ],
      },
      {
        ...base.clocks[0]!,
        priority: 'P1',
        calendar: 'around-the-clock',
        priorityAt: '2026-11-01T06:10:00.000Z',
        priorityWhen: 'asOf',
        state: 'running',
        warning: true,
        elapsedMinutes: 200,
        pausedMinutes: 30,
        stoppedAt: null,
        dueAt: null,
        segments: [
          { ...seg, from: '2026-11-01T05:50:00.000Z', to: '2026-11-01T06:10:00.000Z', fromLocal: '2026-11-01T01:50:00-04:00', toLocal: '2026-11-01T01:10:00-05:00', status: 'on-hold', phase: 'paused', calendar: 'special-day', note: 'Election Day', addedMinutes: 0, totalMinutes: 200 },
        ],
      },
    ],
  };
}
