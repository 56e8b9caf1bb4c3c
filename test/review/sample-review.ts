import type { Review, SpeedFigure } from '../../src/practices/review/types.js';

/**
 * A small review written by hand for the formatters' tests: three months, the first with no tickets at all (a 0 on
 * every axis, null medians and rates), two priorities, changes and problems, one improvement of each verdict, and
 * names that need escaping in Markdown and HTML ("R&D <lab>", a pipe in a title). The figures agree with each other
 * where a reader would check them (opened per type adds up to opened, met + breached = measured).
 */
export function sampleReview(): Review {
  const months = [
    { label: '2026-09', from: '2026-08-31T22:00:00.000Z', to: '2026-09-30T22:00:00.000Z' },
    { label: '2026-10', from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' },
    { label: '2026-11', from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' },
  ];
  const speed = (month: string, metric: 'response' | 'resolution', priority: string | null, values: number[]): SpeedFigure => {
    const sorted = [...values].sort((a, b) => a - b);
    const n = sorted.length;
    const median = n === 0 ? null : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    const p90 = n === 0 ? null : sorted[Math.max(1, Math.ceil(0.9 * n)) - 1]!;
    const mean = n === 0 ? null : Math.round((sorted.reduce((a, b) => a + b, 0) / n) * 100) / 100;
    return { month, metric, priority, count: n, medianMinutes: median, p90Minutes: p90, meanMinutes: mean, fewerThanMinimum: n < 5 };
  };
  return {
    version: 1,
    organisation: 'Acme Corp',
    timeZone: 'Europe/Berlin',
    period: months[2]!,
    months,
    // Records began in August: September, with no tickets, is a month without tickets, not one before any record.
    recordsFrom: '2026-08',
    asOf: '2026-11-30T23:00:00.000Z',
    scope: { services: null, consumers: null, groups: null, priorities: null },
    minimumSample: 5,
    volume: {
      types: ['incident', 'request'],
      priorities: ['P1', 'P2'],
      months: [
        { month: '2026-09', opened: 0, resolved: 0, openedByType: [{ key: 'incident', count: 0 }, { key: 'request', count: 0 }], openedByPriority: [{ key: 'P1', count: 0 }, { key: 'P2', count: 0 }], resolvedByType: [{ key: 'incident', count: 0 }, { key: 'request', count: 0 }], resolvedByPriority: [{ key: 'P1', count: 0 }, { key: 'P2', count: 0 }] },
        { month: '2026-10', opened: 12, resolved: 9, openedByType: [{ key: 'incident', count: 8 }, { key: 'request', count: 4 }], openedByPriority: [{ key: 'P1', count: 3 }, { key: 'P2', count: 9 }], resolvedByType: [{ key: 'incident', count: 6 }, { key: 'request', count: 3 }], resolvedByPriority: [{ key: 'P1', count: 3 }, { key: 'P2', count: 6 }] },
        { month: '2026-11', opened: 15, resolved: 14, openedByType: [{ key: 'incident', count: 10 }, { key: 'request', count: 5 }], openedByPriority: [{ key: 'P1', count: 2 }, { key: 'P2', count: 13 }], resolvedByType: [{ key: 'incident', count: 9 }, { key: 'request', count: 5 }], resolvedByPriority: [{ key: 'P1', count: 2 }, { key: 'P2', count: 12 }] },
      ],
      // 15 against 12: +25 %; a year ago 0: no percentage.
      opened: { value: 15, previousMonth: 12, monthOverMonthPercent: 25, yearAgo: 0, yearOverYearPercent: null },
      // 14 against 9: (14 − 9) ÷ 9 = 55.6 %.
      resolved: { value: 14, previousMonth: 9, monthOverMonthPercent: 55.6, yearAgo: 0, yearOverYearPercent: null },
    },
    backlog: {
      months: [
        { month: '2026-09', open: 0, bands: [{ band: 'under-1d', count: 0 }, { band: '1d-7d', count: 0 }, { band: '7d-30d', count: 0 }, { band: 'over-30d', count: 0 }] },
        { month: '2026-10', open: 3, bands: [{ band: 'under-1d', count: 1 }, { band: '1d-7d', count: 1 }, { band: '7d-30d', count: 1 }, { band: 'over-30d', count: 0 }] },
        { month: '2026-11', open: 4, bands: [{ band: 'under-1d', count: 0 }, { band: '1d-7d', count: 2 }, { band: '7d-30d', count: 1 }, { band: 'over-30d', count: 1 }] },
      ],
      oldest: [
        { ticket: 'INC0000104', title: 'VPN drops | every hour', type: 'incident', service: 'vpn', priority: 'P2', status: 'waiting', group: 'network', opened: '2026-10-20T08:00:00.000Z', ageDays: 41 },
        { ticket: 'INC0000131', title: 'Printer on floor 3', type: 'incident', service: 'print', priority: 'P2', status: 'in-progress', group: null, opened: '2026-11-12T09:30:00.000Z', ageDays: 18 },
        { ticket: 'REQ0000140', title: 'New laptop for R&D <lab>', type: 'request', service: 'workplace', priority: 'P2', status: 'new', group: 'service-desk', opened: '2026-11-26T10:00:00.000Z', ageDays: 4 },
        { ticket: 'INC0000142', title: 'Mail delayed', type: 'incident', service: 'email', priority: 'P1', status: 'in-progress', group: 'messaging', opened: '2026-11-28T07:00:00.000Z', ageDays: 2 },
      ],
    },
    speed: {
      priorities: ['P1', 'P2'],
      figures: [
        speed('2026-09', 'response', null, []),
        speed('2026-09', 'response', 'P1', []),
        speed('2026-09', 'response', 'P2', []),
        speed('2026-09', 'resolution', null, []),
        speed('2026-09', 'resolution', 'P1', []),
        speed('2026-09', 'resolution', 'P2', []),
        speed('2026-10', 'response', null, [5, 8, 10, 12, 15, 20, 25, 30, 45]),
        speed('2026-10', 'response', 'P1', [5, 8, 10]),
        speed('2026-10', 'response', 'P2', [12, 15, 20, 25, 30, 45]),
        speed('2026-10', 'resolution', null, [60, 90, 120, 180, 240, 300, 480, 600, 900]),
        speed('2026-10', 'resolution', 'P1', [60, 90, 120]),
        speed('2026-10', 'resolution', 'P2', [180, 240, 300, 480, 600, 900]),
        speed('2026-11', 'response', null, [4, 6, 7, 9, 10, 11, 14, 15, 18, 20, 22, 25, 28, 40]),
        speed('2026-11', 'response', 'P1', [4, 6]),
        speed('2026-11', 'response', 'P2', [7, 9, 10, 11, 14, 15, 18, 20, 22, 25, 28, 40]),
        speed('2026-11', 'resolution', null, [45, 50, 70, 90, 110, 150, 200, 240, 260, 300, 360, 420, 480, 1500]),
        speed('2026-11', 'resolution', 'P1', [45, 50]),
        speed('2026-11', 'resolution', 'P2', [70, 90, 110, 150, 200, 240, 260, 300, 360, 420, 480, 1500]),
      ],
      reopen: [
        { month: '2026-09', resolved: 0, count: 0, ratePercent: null, fewerThanMinimum: true },
        // 1 of 9: 11.1 %.
        { month: '2026-10', resolved: 9, count: 1, ratePercent: 11.1, fewerThanMinimum: false },
        // 1 of 14: 7.1 %.
        { month: '2026-11', resolved: 14, count: 1, ratePercent: 7.1, fewerThanMinimum: false },
      ],
      firstContact: [
        { month: '2026-09', resolved: 0, count: 0, ratePercent: null, fewerThanMinimum: true },
        // 5 of 9: 55.6 %.
        { month: '2026-10', resolved: 9, count: 5, ratePercent: 55.6, fewerThanMinimum: false },
        // 10 of 14: 71.4 %.
        { month: '2026-11', resolved: 14, count: 10, ratePercent: 71.4, fewerThanMinimum: false },
      ],
    },
    serviceLevels: {
      targets: [
        {
          sla: 'standard-sla', slaName: 'Standard SLA', slaType: 'sla', metric: 'response', type: 'incident', priority: 'P1', target: '30m', objectivePercent: 95, slaVersion: null,
          months: [
            { month: '2026-09', measured: 0, met: 0, breached: 0, compliancePercent: null, ok: null, fewerThanMinimum: true },
            { month: '2026-10', measured: 3, met: 3, breached: 0, compliancePercent: 100, ok: true, fewerThanMinimum: true },
            { month: '2026-11', measured: 2, met: 1, breached: 1, compliancePercent: 50, ok: false, fewerThanMinimum: true },
          ],
        },
        {
          sla: 'standard-sla', slaName: 'Standard SLA', slaType: 'sla', metric: 'resolution', type: 'incident', priority: 'P2', target: '8h', objectivePercent: 90, slaVersion: null,
          months: [
            { month: '2026-09', measured: 0, met: 0, breached: 0, compliancePercent: null, ok: null, fewerThanMinimum: true },
            // 5 of 6: 83.3 %.
            { month: '2026-10', measured: 6, met: 5, breached: 1, compliancePercent: 83.3, ok: false, fewerThanMinimum: false },
            // 11 of 12: 91.7 %.
            { month: '2026-11', measured: 12, met: 11, breached: 1, compliancePercent: 91.7, ok: true, fewerThanMinimum: false },
          ],
        },
      ],
      availability: [
        {
          service: 'email', sla: 'standard-sla', targetPercent: 99.5,
          windows: [
            // 43,200 agreed minutes in 30 days; budget 0.5 % = 216; no downtime.
            { window: '2026-09', from: months[0]!.from, to: months[0]!.to, availabilityPercent: 100, agreedMinutes: 43200, downtimeMinutes: 0, errorBudgetMinutes: 216, errorBudgetRemainingMinutes: 216, budgetBurnPercent: 0, ok: true },
            // 44,640 in 31 days (+60 for the hour DST gives back); budget 223.5; 90 down: 40.3 % burnt.
            { window: '2026-10', from: months[1]!.from, to: months[1]!.to, availabilityPercent: 99.799, agreedMinutes: 44700, downtimeMinutes: 90, errorBudgetMinutes: 223.5, errorBudgetRemainingMinutes: 133.5, budgetBurnPercent: 40.3, ok: true },
            // 43,200; budget 216; 300 down: 138.9 % burnt, the target missed.
            { window: '2026-11', from: months[2]!.from, to: months[2]!.to, availabilityPercent: 99.306, agreedMinutes: 43200, downtimeMinutes: 300, errorBudgetMinutes: 216, errorBudgetRemainingMinutes: -84, budgetBurnPercent: 138.9, ok: false },
          ],
        },
      ],
      credits: { currency: 'EUR', total: '-123.45', lines: [{ consumer: 'r-and-d', service: 'email', sla: 'standard-sla', window: '2026-11', amount: '-123.45' }] },
    },
    recurrence: {
      services: [
        { service: 'vpn', category: null, incidents: 9, months: [0, 3, 6], trend: 'rising' },
        { service: 'email', category: null, incidents: 6, months: [0, 4, 2], trend: 'falling' },
      ],
      categories: [
        { service: 'vpn', category: 'disconnects', incidents: 7, months: [0, 2, 5], trend: 'rising' },
        { service: 'email', category: 'mail delayed', incidents: 3, months: [0, 2, 1], trend: 'falling' },
      ],
    },
    changes: {
      months: [
        { month: '2026-09', completed: 0, successful: 0, failed: 0, causedIncidents: 0, emergency: 0, successRatePercent: null, failureRatePercent: null },
        { month: '2026-10', completed: 4, successful: 3, failed: 1, causedIncidents: 1, emergency: 1, successRatePercent: 75, failureRatePercent: 25 },
        { month: '2026-11', completed: 5, successful: 5, failed: 0, causedIncidents: 0, emergency: 0, successRatePercent: 100, failureRatePercent: 0 },
      ],
    },
    problems: {
      months: [
        { month: '2026-09', opened: 0, resolved: 0, knownErrorsAdded: 0 },
        { month: '2026-10', opened: 2, resolved: 0, knownErrorsAdded: 1 },
        { month: '2026-11', opened: 1, resolved: 1, knownErrorsAdded: 0 },
      ],
      openAtEnd: 2,
      knownErrorsAtEnd: 1,
    },
    worst: {
      byBreaches: [
        { service: 'vpn', name: 'Remote access (VPN)', breached: 3, measured: 10, compliancePercent: 70 },
        { service: 'email', name: 'E-mail', breached: 1, measured: 8, compliancePercent: 87.5 },
      ],
      byDowntime: [{ service: 'email', name: 'E-mail', downtimeMinutes: 300, degradedMinutes: 45, failures: 2 }],
      mostImproved: [{ service: 'workplace', name: 'Workplace & devices', compliancePercent: 100, previousPercent: 80, changePoints: 20 }],
    },
    breakdown: {
      services: [
        { id: 'email', name: 'E-mail', opened: 4, resolved: 4, backlog: 1, measured: 8, breached: 1, compliancePercent: 87.5, resolutionMedianMinutes: 200, downtimeMinutes: 300, fewerThanMinimum: false },
        { id: 'vpn', name: 'Remote access (VPN)', opened: 7, resolved: 6, backlog: 1, measured: 10, breached: 3, compliancePercent: 70, resolutionMedianMinutes: 360, downtimeMinutes: 0, fewerThanMinimum: false },
        { id: 'workplace', name: 'Workplace & devices', opened: 4, resolved: 4, backlog: 2, measured: 4, breached: 0, compliancePercent: 100, resolutionMedianMinutes: 110, downtimeMinutes: 0, fewerThanMinimum: true },
      ],
      consumers: [
        { id: 'r-and-d', name: 'R&D <lab>', opened: 9, resolved: 8, backlog: 3, measured: 14, breached: 2, compliancePercent: 85.7, resolutionMedianMinutes: 240, downtimeMinutes: null, fewerThanMinimum: false },
        { id: 'sales', name: 'Sales', opened: 6, resolved: 6, backlog: 1, measured: 8, breached: 2, compliancePercent: 75, resolutionMedianMinutes: 200, downtimeMinutes: null, fewerThanMinimum: false },
      ],
      groups: null,
    },
    improvements: [
      { improvement: 'IMP-001', title: 'Faster P2 resolution', owner: 'service-desk', service: null, metric: 'resolution-median', priority: 'P2', unit: 'minutes', baseline: 360, target: 240, direction: 'lower', current: 240, progressPercent: 100, raised: '2026-08-01', due: '2026-12-31', status: 'open', verdict: 'achieved', fewerThanMinimum: false, file: 'improvements/imp-001.yaml', line: 1 },
      { improvement: 'IMP-002', title: 'More first-contact resolution', owner: 'Jane Doe', service: null, metric: 'first-contact-rate', priority: null, unit: 'percent', baseline: 50, target: 80, direction: 'higher', current: 71.4, progressPercent: 71.3, raised: '2026-08-01', due: '2027-03-31', status: 'open', verdict: 'on-track', fewerThanMinimum: false, file: 'improvements/imp-002.yaml', line: 1 },
      { improvement: 'IMP-003', title: 'Fewer VPN incidents', owner: 'network', service: 'vpn', metric: 'incidents', priority: null, unit: 'count', baseline: 5, target: 2, direction: 'lower', current: 6, progressPercent: -33.3, raised: '2026-07-01', due: '2026-10-31', status: 'open', verdict: 'overdue', fewerThanMinimum: false, file: 'improvements/imp-003.yaml', line: 1 },
      { improvement: 'IMP-004', title: 'E-mail availability', owner: 'messaging', service: 'email', metric: 'availability', priority: null, unit: 'percent', baseline: 99.5, target: 99.9, direction: 'higher', current: 99.306, progressPercent: -48.5, raised: '2026-07-01', due: '2026-11-15', status: 'done', verdict: 'missed', fewerThanMinimum: false, file: 'improvements/imp-004.yaml', line: 1 },
      { improvement: 'IMP-005', title: 'Backlog of the print service', owner: 'facilities', service: 'print', metric: 'backlog', priority: null, unit: 'count', baseline: 4, target: 1, direction: 'lower', current: null, progressPercent: null, raised: '2026-10-01', due: '2027-01-31', status: 'open', verdict: 'no-data', fewerThanMinimum: true, file: 'improvements/imp-005.yaml', line: 1 },
    ],
  };
}
