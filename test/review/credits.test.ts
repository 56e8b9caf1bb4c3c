import { describe, expect, it } from 'vitest';
import type { SlaSpec, TicketSpec } from '../../src/model/index.js';
import { reviewContext, type ReviewFilters } from '../../src/practices/review/context.js';
import { serviceCredits, windowEnd } from '../../src/practices/review/credits.js';
import { chargebackRepository } from '../chargeback/helpers.js';

const MONTHLY: Partial<SlaSpec> = {
  availability: { target: 99.9, window: 'month' },
  credits: [
    { below: 99.9, credit: 5 },
    { below: 99.5, credit: 10 },
    { below: 99.0, credit: 25 },
  ],
};

function outage(start: string, end: string): Partial<TicketSpec> {
  return { service: 'mail', opened: start, timeline: [{ at: end, status: 'resolved' }], outage: { start, end, impact: 'down' } };
}

/**
 * mail at 12.345 per mailbox under `gold` (24x7, UTC; the organisation is in UTC): finance 100 mailboxes = 1 234.50 a
 * month, legal 20 = 246.90. Four hours down on 2026-11-10: 1 − 240 ÷ 43 200 = 99.444 % < 99.5 → the 10 % tier.
 */
function mailRepository(sla: Partial<SlaSpec> = MONTHLY) {
  return chargebackRepository({
    services: { mail: { sla: 'gold', pricing: { model: 'per-unit', unit: 'mailbox', rate: '12.345' } } },
    slas: { gold: sla },
    consumers: {
      finance: { subscriptions: [{ service: 'mail', units: 100, from: '2024-01-01' }] },
      legal: { subscriptions: [{ service: 'mail', units: 20, from: '2024-01-01' }] },
    },
    tickets: { INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T04:00:00Z') },
  });
}

function credits(sla: Partial<SlaSpec> = MONTHLY, options: { now?: string; filters?: ReviewFilters; months?: number } = {}) {
  const context = reviewContext(mailRepository(sla), {
    month: '2026-11',
    months: options.months ?? 2,
    now: Date.parse(options.now ?? '2027-01-01T00:00:00Z'),
    ...(options.filters ? { filters: options.filters } : {}),
  });
  return serviceCredits(context);
}

describe('serviceCredits', () => {
  it('gives each consumer’s credit exactly, as the chargeback JSON writes money, and their total', () => {
    // finance: 10 % of 1 234.50 = 123.45; legal: 10 % of 246.90 = 24.69; total 148.14, returned (negative).
    expect(credits()).toEqual({
      currency: 'USD',
      total: '-148.14',
      lines: [
        { consumer: 'finance', service: 'mail', sla: 'gold', window: '2026-11', amount: '-123.45' },
        { consumer: 'legal', service: 'mail', sla: 'gold', window: '2026-11', amount: '-24.69' },
      ],
    });
  });

  it('honours the consumer and service filters', () => {
    expect(credits(MONTHLY, { filters: { consumer: ['legal'] } })).toEqual({
      currency: 'USD',
      total: '-24.69',
      lines: [{ consumer: 'legal', service: 'mail', sla: 'gold', window: '2026-11', amount: '-24.69' }],
    });
    expect(credits(MONTHLY, { filters: { service: ['other'] } })).toEqual({ currency: 'USD', total: '0.00', lines: [] });
  });

  it('leaves out a window that ends after the months (a quarter running into December)', () => {
    const quarterly: Partial<SlaSpec> = { availability: { target: 99.9, window: 'quarter' }, credits: [{ below: 99.9, credit: 10 }] };
    // 2026-Q4 ends 2027-01-01, after the reviewed November.
    expect(credits(quarterly)).toEqual({ currency: 'USD', total: '0.00', lines: [] });
  });

  it('owes nothing yet for the window of a month that has not ended at the review’s instant', () => {
    expect(credits(MONTHLY, { now: '2026-11-20T00:00:00Z' })).toEqual({ currency: 'USD', total: '0.00', lines: [] });
  });

  it('reads the end of a window from its label', () => {
    expect([windowEnd('2026-11'), windowEnd('2026-12'), windowEnd('2026-Q3'), windowEnd('2026-Q4'), windowEnd('2026')]).toEqual(['2026-12-01', '2027-01-01', '2026-10-01', '2027-01-01', '2027-01-01']);
  });
});
