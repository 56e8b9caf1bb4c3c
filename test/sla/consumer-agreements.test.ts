import { describe, expect, it } from 'vitest';
import { buildSlaReport } from '../../src/sla/report.js';
import { agreementSelector } from '../../src/sla/selection.js';
import { at, buildRepository, CALENDARS, clocksOf, minutesOf, targets, weekdays } from './helpers.js';

// Which agreements measure a ticket (docs/sla.md, "Which agreements measure a ticket"): the consumer's subscription,
// else the consumer's default, else the service's SLA; the service's further agreements (OLAs, SLOs) always.

const repo = buildRepository({
  calendars: {
    ...CALENDARS,
    // London office, Monday–Friday 09:00–17:00.
    'uk-office': { timeZone: 'Europe/London', hours: weekdays(['09:00-17:00']) },
  },
  slas: {
    standard: { calendar: 'us-office', targets: targets([['incident', 'P2', '1h', '8h']]) },
    gold: { calendar: 'us-office', targets: targets([['incident', 'P2', '30m', '4h']]) },
    // Runs on the consumer's own calendar (ServiceNow's schedule source), else on us-office.
    regional: { calendar: 'us-office', calendarSource: 'consumer', targets: targets([['incident', 'P2', '1h', '8h']]) },
    'ops-ola': { type: 'ola', targets: targets([['incident', 'P2', '15m', null]]) },
  },
  services: { erp: { sla: 'standard', agreements: ['ops-ola'] }, crm: { sla: 'standard' } },
  consumers: [
    { id: 'finance', subscriptions: [{ service: 'erp', from: '2026-01-01', agreements: ['gold'] }, { service: 'crm', from: '2026-01-01' }] },
    { id: 'sales', calendar: 'uk-office', agreements: ['regional'], subscriptions: [{ service: 'erp', from: '2026-01-01' }] },
    { id: 'hr', subscriptions: [{ service: 'erp', from: '2026-01-01', to: '2026-10-04' }] },
  ],
  tickets: [
    // Mon 2026-10-05 09:00–15:00 EDT: 6h of us-office time.
    { id: 'F1', service: 'erp', consumer: 'finance', priority: 'P2', opened: '2026-10-05T13:00:00Z', timeline: [['2026-10-05T13:10:00Z', 'in-progress'], ['2026-10-05T19:00:00Z', 'resolved']] },
    { id: 'F2', service: 'crm', consumer: 'finance', priority: 'P2', opened: '2026-10-05T13:00:00Z', timeline: [['2026-10-05T19:00:00Z', 'resolved']] },
    // Mon 08:00Z–20:00Z is 09:00–21:00 BST (8h of uk-office: 09–17) and 04:00–16:00 EDT (7h of us-office: 09–16).
    { id: 'S1', service: 'erp', consumer: 'sales', priority: 'P2', opened: '2026-10-05T08:00:00Z', timeline: [['2026-10-05T20:00:00Z', 'resolved']] },
    { id: 'H1', service: 'erp', consumer: 'hr', priority: 'P2', opened: '2026-10-05T13:00:00Z', timeline: [['2026-10-05T19:00:00Z', 'resolved']] },
    { id: 'N1', service: 'erp', priority: 'P2', opened: '2026-10-05T13:00:00Z', timeline: [['2026-10-05T19:00:00Z', 'resolved']] },
  ],
});
const AS_OF = at('2026-11-01T00:00:00Z');

const summary = (id: string) =>
  clocksOf(repo, id, AS_OF).map((c) => ({ sla: c.sla, by: c.selectedBy, metric: c.metric, calendar: c.calendar, calendarBy: c.calendarBy, state: c.state, elapsed: minutesOf(c.elapsedMs) }));

describe('agreements per consumer', () => {
  it("a subscription's agreements replace the service's SLA; the service's OLA still applies", () => {
    // gold: response 09:00 → 09:10 = 10 ≤ 30 met; resolution 09:00 → 15:00 = 360 > 240 breached (standard's 8h would be met).
    // ops-ola on 24x7: response 10 ≤ 15 met.
    expect(summary('F1')).toEqual([
      { sla: 'gold', by: 'subscription', metric: 'response', calendar: 'us-office', calendarBy: 'agreement', state: 'met', elapsed: 10 },
      { sla: 'gold', by: 'subscription', metric: 'resolution', calendar: 'us-office', calendarBy: 'agreement', state: 'breached', elapsed: 360 },
      { sla: 'ops-ola', by: 'service-agreement', metric: 'response', calendar: '24x7', calendarBy: 'agreement', state: 'met', elapsed: 10 },
    ]);
  });

  it("a subscription that names no agreement leaves the service's SLA (finance on crm)", () => {
    // standard: response 09:00 → 15:00 (the first move is the resolution) = 360 > 60 breached; resolution 360 ≤ 480 met.
    expect(summary('F2').map((c) => [c.sla, c.by, c.metric, c.state])).toEqual([
      ['standard', 'service', 'response', 'breached'],
      ['standard', 'service', 'resolution', 'met'],
    ]);
  });

  it("the consumer's default applies when its subscription names none, on the consumer's calendar when the agreement says so", () => {
    // regional on uk-office: 09:00–17:00 BST = 480 = 8h, met (not more than the target); on us-office it would be 420.
    expect(summary('S1').filter((c) => c.sla === 'regional')).toEqual([
      { sla: 'regional', by: 'consumer', metric: 'response', calendar: 'uk-office', calendarBy: 'consumer', state: 'breached', elapsed: 480 },
      { sla: 'regional', by: 'consumer', metric: 'resolution', calendar: 'uk-office', calendarBy: 'consumer', state: 'met', elapsed: 480 },
    ]);
  });

  it("a consumer whose subscription has ended, and a ticket without a consumer, get the service's SLA", () => {
    for (const id of ['H1', 'N1']) expect(summary(id).map((c) => [c.sla, c.by])).toEqual([['standard', 'service'], ['standard', 'service'], ['ops-ola', 'service-agreement']]);
  });

  it('the subscription in force is read on the local date of the opening, in the repository time zone', () => {
    const select = agreementSelector(repo);
    // hr's subscription runs to 2026-10-04 inclusive: that day it still names none, so the consumer has no default
    // and the service decides either way; finance's names gold from its first day.
    expect(select('erp', 'finance', '2026-01-01').map((c) => c.agreement)).toEqual(['gold', 'ops-ola']);
    expect(select('erp', 'finance', '2025-12-31').map((c) => c.agreement)).toEqual(['standard', 'ops-ola']);
    expect(select('erp', 'sales', '2025-12-31').map((c) => [c.agreement, c.rule])).toEqual([['regional', 'consumer'], ['ops-ola', 'service-agreement']]);
  });

  it('chooses once per service, consumer and subscription in force, whatever the day and the order of the questions', () => {
    const select = agreementSelector(repo);
    // hr: under its subscription until 2026-10-04 (which names none: the service's standard), then without one.
    const during = select('erp', 'hr', '2026-03-01');
    expect(select('erp', 'hr', '2026-10-04')).toBe(during);
    expect(select('erp', 'hr', '2026-10-05').map((c) => [c.agreement, c.rule])).toEqual([['standard', 'service'], ['ops-ola', 'service-agreement']]);
    expect(select('erp', 'hr', '2026-10-05')).not.toBe(during);
    // finance before and after its subscription began, asked in either order; no consumer at all; another service.
    expect(select('erp', 'finance', '2026-06-01').map((c) => c.agreement)).toEqual(['gold', 'ops-ola']);
    expect(select('erp', 'finance', '2025-06-01').map((c) => c.agreement)).toEqual(['standard', 'ops-ola']);
    expect(select('erp', 'finance', '2026-07-01').map((c) => c.agreement)).toEqual(['gold', 'ops-ola']);
    expect(select('erp', undefined, '2026-07-01').map((c) => c.agreement)).toEqual(['standard', 'ops-ola']);
    expect(select('crm', 'finance', '2026-07-01').map((c) => [c.agreement, c.rule])).toEqual([['standard', 'service']]);
  });
});

describe('availability under per-consumer agreements', () => {
  it("measures the service's outages against the service's SLA and against each agreement its subscribers bought", () => {
    const repository = buildRepository({
      slas: {
        standard: { targets: [], availability: { target: 99, window: 'month' } },
        platinum: { targets: [], availability: { target: 99.99, window: 'month' } },
      },
      services: { erp: { sla: 'standard' } },
      consumers: [{ id: 'finance', subscriptions: [{ service: 'erp', from: '2026-01-01', agreements: ['platinum'] }] }],
      tickets: [
        {
          id: 'O1',
          service: 'erp',
          priority: 'P2',
          opened: '2026-11-10T00:00:00Z',
          timeline: [['2026-11-10T01:00:00Z', 'resolved']],
          outage: { start: '2026-11-10T00:00:00Z', end: '2026-11-10T01:00:00Z', impact: 'down' },
        },
      ],
    });
    // November in New York runs from 04:00Z on the 1st to 05:00Z on 1 December (the clocks fall back on the 1st): 30 days
    // and an hour of 24x7 = 43 260 minutes; 60 down: 1 − 60/43 260 = 99.861% — over standard's 99, under platinum's 99.99.
    const report = buildSlaReport(repository, { period: { label: '2026-11', from: at('2026-11-01T04:00:00Z'), to: at('2026-12-01T05:00:00Z') }, asOf: at('2026-12-02T00:00:00Z') });
    expect(report.availability.map((a) => [a.sla, a.agreedMinutes, a.downtimeMinutes, a.availabilityPercent, a.ok])).toEqual([
      ['standard', 43_260, 60, 99.861, true],
      ['platinum', 43_260, 60, 99.861, false],
    ]);
  });
});
