import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../src/validate/index.js';
import { brief, calendar, config, consumer, service, sla, ticket } from './model-11-fixtures.js';

const rule = (id: string, documents: Parameters<typeof validateDocuments>[0]) => validateDocuments(documents).diagnostics.filter((d) => d.rule === id);

describe('consumer-calendar-missing', () => {
  const gold = sla('gold', { calendarSource: 'consumer', calendar: 'office' });
  const regional = sla('regional', { versions: [{ from: '2026-07-01', calendarSource: 'consumer' }] });

  it('once per consumer and agreement, at the subscription or consumer default that chose it', () => {
    const found = rule('consumer-calendar-missing', [
      config(),
      calendar('office'),
      gold,
      regional,
      service('email', { sla: 'regional' }),
      service('erp', { sla: 'standard' }),
      sla('standard'),
      consumer('finance', { subscriptions: [{ service: 'erp', from: '2026-01-01', agreements: ['standard', 'gold'] }, { service: 'email', from: '2026-01-01' }] }),
      consumer('sales', { agreements: ['gold'], subscriptions: [{ service: 'erp', from: '2026-01-01' }, { service: 'email', from: '2026-01-01' }] }),
      consumer('uk', { calendar: 'office', agreements: ['gold'], subscriptions: [{ service: 'erp', from: '2026-01-01' }] }),
    ]);
    // Sorted as the CLI prints them: by file, then (here, without positions) by message.
    expect(found.map(brief)).toEqual([
      [
        'consumers/finance.yaml',
        'consumer-calendar-missing',
        'spec.subscriptions.0.agreements.1',
        'agreement "gold" runs its clocks on the consumer\'s calendar (calendarSource: consumer), but consumer "finance" has no calendar',
      ],
      [
        'consumers/finance.yaml',
        'consumer-calendar-missing',
        'spec.subscriptions.1.service',
        'agreement "regional" runs its clocks on the consumer\'s calendar (calendarSource: consumer), but consumer "finance" has no calendar',
      ],
      [
        'consumers/sales.yaml',
        'consumer-calendar-missing',
        'spec.agreements.0',
        'agreement "gold" runs its clocks on the consumer\'s calendar (calendarSource: consumer), but consumer "sales" has no calendar',
      ],
    ]);
    expect(found[2]?.hint).toBe('give consumer sales a calendar: add "calendar: <id of its region\'s calendar>" to its spec');
    expect(found[1]?.related?.map((r) => [r.file, r.path?.join('.')])).toEqual([['slas/regional.yaml', 'spec.versions.0.calendarSource']]);
  });

  it('a consumer whose tickets alone use the agreement: at its id, with the first ticket and the count', () => {
    const found = rule('consumer-calendar-missing', [
      config(),
      calendar('office'),
      gold,
      service('email', { sla: 'gold' }),
      consumer('finance'),
      ticket('T1', { consumer: 'finance' }),
      ticket('T2', { consumer: 'finance' }),
      ticket('T3'), // no consumer: runs on the agreement's own calendar
    ]);
    expect(found.map(brief)).toEqual([
      ['consumers/finance.yaml', 'consumer-calendar-missing', 'metadata.id', 'agreement "gold" runs its clocks on the consumer\'s calendar (calendarSource: consumer), but consumer "finance" has no calendar'],
    ]);
    expect(found[0]?.related?.map((r) => [r.file, r.message])).toEqual([
      ['slas/gold.yaml', 'agreement "gold" runs on the consumer\'s calendar'],
      ['tickets/T1.yaml', 'ticket T1 (and 1 more) is measured under it'],
    ]);
  });
});

describe('ticket-without-subscription', () => {
  const base = [config('Europe/Berlin'), service('email'), service('desk')];

  it('on the opening local date in the repository\'s zone; once per consumer and service, with the count and the dates', () => {
    const found = rule('ticket-without-subscription', [
      ...base,
      consumer('finance', { subscriptions: [{ service: 'email', from: '2026-03-02', to: '2026-03-31' }] }),
      // 2026-03-01T23:30Z is 2026-03-02 00:30 in Berlin: subscribed.
      ticket('T1', { consumer: 'finance', opened: '2026-03-01T23:30:00Z' }),
      // 2026-03-01T22:30Z is 23:30 on 2026-03-01 in Berlin: the day before the subscription.
      ticket('T2', { consumer: 'finance', opened: '2026-03-01T22:30:00Z' }),
      ticket('T3', { consumer: 'finance', opened: '2026-04-01T08:00:00Z' }),
      ticket('T4', { consumer: 'finance', opened: '2026-04-02T08:00:00Z' }),
      // Nobody subscribes to the service desk: its tickets need no subscription.
      ticket('T5', { consumer: 'finance', service: 'desk' }),
      ticket('T6'), // no consumer
    ]);
    expect(found.map(brief)).toEqual([
      [
        'tickets/T2.yaml',
        'ticket-without-subscription',
        'spec.consumer',
        'consumer "finance" has no subscription to service "email" when 3 of its tickets were opened (2026-03-01 to 2026-04-02), this one first',
      ],
    ]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.related?.map((r) => [r.file, r.message])).toEqual([
      ['tickets/T3.yaml', 'ticket T3 too'],
      ['tickets/T4.yaml', 'ticket T4 too'],
    ]);
  });

  it('a single ticket says its day', () => {
    const found = rule('ticket-without-subscription', [...base, consumer('finance', { subscriptions: [{ service: 'email', from: '2026-04-01' }] }), ticket('T1', { consumer: 'finance' })]);
    expect(found.map((d) => d.message)).toEqual(['consumer "finance" has no subscription to service "email" on 2026-03-02, when this ticket was opened']);
  });
});

describe('sla-missing-target follows the agreement chosen for the ticket and its versions', () => {
  it('the consumer\'s agreement instead of the service\'s, with the targets of the versions in force when the ticket was opened', () => {
    const found = rule('sla-missing-target', [
      config(),
      service('email', { sla: 'standard' }),
      sla('standard', { targets: [{ type: 'incident', priority: 'P1', resolution: { within: '4h', objective: 90 } }] }),
      sla('gold', { versions: [{ from: '2026-04-01', targets: [{ type: 'incident', priority: 'P2', resolution: { within: '4h', objective: 90 } }] }] }),
      consumer('finance', { agreements: ['gold'], subscriptions: [{ service: 'email', from: '2026-01-01' }] }),
      ticket('T1', { consumer: 'finance', priority: 'P3' }), // gold covers P3
      ticket('T2', { consumer: 'finance', priority: 'P2' }), // gold covers P2 from 2026-04-01 only
      ticket('T3', { consumer: 'finance', priority: 'P2', opened: '2026-04-01T09:00:00Z' }),
    ]);
    expect(found.map(brief)).toEqual([
      ['slas/gold.yaml', 'sla-missing-target', 'spec.targets', 'no target for incident P2, which 1 ticket(s) use (e.g. T2); they are not measured'],
    ]);
  });
});
