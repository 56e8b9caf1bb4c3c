import { describe, expect, it } from 'vitest';
import { creditWindows, deepestTier } from '../../src/chargeback/credits.js';
import { monthSegments } from '../../src/chargeback/days.js';
import { rational } from '../../src/chargeback/money.js';
import type { SlaSpec, TicketSpec } from '../../src/model/index.js';
import { charge, chargebackRepository, month, summary } from './helpers.js';

const GOLD: Partial<SlaSpec> = {
  availability: { target: 99.9, window: 'month' },
  credits: [
    { below: 99.9, credit: 5 },
    { below: 99.5, credit: 10 },
    { below: 99.0, credit: 25 },
  ],
};

function outage(start: string, end: string, impact: 'down' | 'degraded' = 'down'): Partial<TicketSpec> {
  return { service: 'mail', opened: start, timeline: [{ at: end, status: 'resolved' }], outage: { start, end, impact } };
}

/** mail: 6.50 per mailbox under `gold` (24x7, UTC); finance has 64 mailboxes (416.00 a month), legal 20 (130.00). */
function mailRepository(tickets: Record<string, Partial<TicketSpec>>, sla: Partial<SlaSpec> = GOLD, rate: number | string = 6.5) {
  return chargebackRepository({
    services: { mail: { sla: 'gold', pricing: { model: 'per-unit', unit: 'mailbox', rate } } },
    slas: { gold: sla },
    consumers: {
      finance: { subscriptions: [{ service: 'mail', units: 64, from: '2024-01-01' }] },
      legal: { subscriptions: [{ service: 'mail', units: 20, from: '2024-01-01' }] },
      sales: {},
    },
    tickets,
  });
}

describe('service credits', () => {
  it('returns the credit of the tier that availability falls below, as a negative line per consumer', () => {
    // November 2026 on 24x7: 30 × 1 440 = 43 200 agreed minutes; 60 minutes down → 1 − 60/43 200 = 99.861% < 99.9 → 5%.
    const result = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T01:00:00Z') }), month('2026-11'));
    // finance: 5% of 416.00 = 20.80; legal: 5% of 130.00 = 6.50; sales has no mail charges, so no credit.
    expect(summary(result)).toEqual([
      ['finance', 'mail', 'charge', '2026-11', '416.00'],
      ['finance', 'mail', 'credit', '2026-11', '-20.80'],
      ['legal', 'mail', 'charge', '2026-11', '130.00'],
      ['legal', 'mail', 'credit', '2026-11', '-6.50'],
    ]);
    expect(result.lines[1]).toMatchObject({
      sla: 'gold',
      availability: rational((43_200 - 60) * 100, 43_200),
      below: 99.9,
      creditPercent: 5,
      creditBasis: 41_600n,
      description: 'service credit 5% of 416.00: availability 99.861% in 2026-11 is below 99.9% (gold)',
    });
    expect(result.consumers.find((c) => c.consumer === 'finance')).toMatchObject({ charged: 41_600n, credits: -2080n, total: 39_520n });
    expect(result.services[0]).toMatchObject({ charged: 54_600n, credits: -2730n, recovered: 51_870n });
  });

  it('applies the deepest tier that availability is below', () => {
    // 4 hours down: 1 − 240/43 200 = 99.444%: below 99.9 and 99.5, not 99.0 → 10% of 416.00 = 41.60.
    const fourHours = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T04:00:00Z') }), month('2026-11'), { consumers: ['finance'] });
    expect(summary(fourHours)[1]).toEqual(['finance', 'mail', 'credit', '2026-11', '-41.60']);
    // 8 hours degraded at the default weight 0.5 = 240 minutes of downtime: the same 10%.
    const degraded = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T08:00:00Z', 'degraded') }), month('2026-11'), { consumers: ['finance'] });
    expect(summary(degraded)[1]).toEqual(['finance', 'mail', 'credit', '2026-11', '-41.60']);
    // 12 hours down: 1 − 720/43 200 = 98.333% < 99.0 → 25% of 416.00 = 104.00.
    const halfDay = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T12:00:00Z') }), month('2026-11'), { consumers: ['finance'] });
    expect(summary(halfDay)[1]).toEqual(['finance', 'mail', 'credit', '2026-11', '-104.00']);
  });

  it('owes nothing when availability equals the bound exactly (below means below), compared without floating point', () => {
    // 43 minutes 12 seconds of 43 200 minutes is exactly 0.1%: availability 99.9%, not below 99.9.
    const result = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T00:43:12Z') }), month('2026-11'));
    expect(result.lines.filter((l) => l.kind === 'credit')).toEqual([]);
    // One second more is below.
    const worse = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T00:43:13Z') }), month('2026-11'));
    expect(worse.lines.filter((l) => l.kind === 'credit').length).toBe(2);
  });

  it('rounds each credit once, half away from zero', () => {
    // 20 mailboxes × 6.505 = 130.10; 5% = 6.505 → 6.51.
    const result = charge(mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T01:00:00Z') }, GOLD, '6.505'), month('2026-11'), { consumers: ['legal'] });
    expect(summary(result)).toEqual([
      ['legal', 'mail', 'charge', '2026-11', '130.10'],
      ['legal', 'mail', 'credit', '2026-11', '-6.51'],
    ]);
  });

  it('returns a quarterly agreement’s credit on the charges of the whole quarter', () => {
    const quarterly: Partial<SlaSpec> = { availability: { target: 99.5, window: 'quarter' }, credits: [{ below: 99.5, credit: 10 }] };
    // Q4 2026 on 24x7 UTC: 92 days = 132 480 minutes; 12 hours down = 720 → 99.456% < 99.5 → 10% of 3 × 130.00.
    const repository = mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T12:00:00Z') }, quarterly);
    const q4 = charge(repository, { label: '2026-Q4', from: '2026-10-01', to: '2027-01-01' }, { consumers: ['legal'] });
    expect(summary(q4)).toEqual([
      ['legal', 'mail', 'charge', '2026-10', '130.00'],
      ['legal', 'mail', 'charge', '2026-11', '130.00'],
      ['legal', 'mail', 'charge', '2026-12', '130.00'],
      ['legal', 'mail', 'credit', '2026-Q4', '-39.00'],
    ]);
    expect(q4.lines[3]).toMatchObject({ start: '2026-10-01', end: '2027-01-01', creditBasis: 39_000n });
    // Asked for November alone, the quarter is clipped to November, as `itsm sla report --period 2026-11` measures it:
    // 720 of 43 200 minutes → 98.333% → 10% of 130.00.
    const november = charge(repository, month('2026-11'), { consumers: ['legal'] });
    expect(summary(november)[1]).toEqual(['legal', 'mail', 'credit', '2026-Q4', '-13.00']);
    // December alone had no outage: no credit.
    expect(charge(repository, month('2026-12')).lines.filter((l) => l.kind === 'credit')).toEqual([]);
  });

  it('gives no credit without credits in the service’s own SLA', () => {
    const noCredits = mailRepository({ INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T12:00:00Z') }, { availability: { target: 99.9, window: 'month' } });
    expect(charge(noCredits, month('2026-11')).lines.filter((l) => l.kind === 'credit')).toEqual([]);
  });
});

describe('deepestTier and creditWindows', () => {
  it('picks the lowest bound that availability is under, the larger credit on a tie', () => {
    const tiers = [
      { below: 99.9, credit: 5 },
      { below: 99.0, credit: 25 },
      { below: 99.5, credit: 10 },
      { below: 99.0, credit: 20 },
    ];
    expect(deepestTier(rational(9980, 100), tiers)).toEqual({ below: 99.9, credit: 5 });
    expect(deepestTier(rational(9920, 100), tiers)).toEqual({ below: 99.5, credit: 10 });
    expect(deepestTier(rational(9800, 100), tiers)).toEqual({ below: 99.0, credit: 25 });
    expect(deepestTier(rational(9990, 100), tiers)).toBeUndefined();
  });

  it('groups the period’s months into the agreement’s windows', () => {
    const segments = monthSegments('2026-11-15', '2027-02-01');
    expect(creditWindows(segments, 'quarter').map((w) => [w.label, w.start, w.end])).toEqual([
      ['2026-Q4', '2026-11-15', '2027-01-01'],
      ['2027-Q1', '2027-01-01', '2027-02-01'],
    ]);
    expect(creditWindows(segments, 'year').map((w) => w.label)).toEqual(['2026', '2027']);
    expect(creditWindows(segments, 'month').map((w) => w.label)).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('service credits under dated versions of the agreement', () => {
  it("judges each window by the terms in force on its first day, so a revision never changes an earlier month's credit", () => {
    // From 2026-12-01 gold promises 99.95% and credits 10% below it. The same 60 minutes down in November and in
    // December: November (30 days, 43 200 min) 1 − 60/43 200 = 99.861% < 99.9 → 5% under the first terms; December
    // (31 days, 44 640 min) 1 − 60/44 640 = 99.866% < 99.95 → 10% under the version.
    const revised: Partial<SlaSpec> = {
      ...GOLD,
      versions: [{ from: '2026-12-01', availability: { target: 99.95, window: 'month' }, credits: [{ below: 99.95, credit: 10 }] }],
    };
    const tickets = {
      INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T01:00:00Z'),
      INC2: outage('2026-12-10T00:00:00Z', '2026-12-10T01:00:00Z'),
    };
    const result = charge(mailRepository(tickets, revised), { label: '2026-11 – 2026-12', from: '2026-11-01', to: '2027-01-01' }, { consumers: ['finance'] });
    // finance: 5% of 416.00 = 20.80 in November; 10% of 416.00 = 41.60 in December.
    expect(summary(result)).toEqual([
      ['finance', 'mail', 'charge', '2026-11', '416.00'],
      ['finance', 'mail', 'charge', '2026-12', '416.00'],
      ['finance', 'mail', 'credit', '2026-11', '-20.80'],
      ['finance', 'mail', 'credit', '2026-12', '-41.60'],
    ]);
  });
});

describe('service credits per consumer', () => {
  it("owes each consumer what its own agreement promises: a subscription's agreement replaces the service's SLA", () => {
    // finance bought platinum on mail (99.99%, 20% below it); legal stays on the service's gold. 60 minutes down in
    // November: 1 − 60/43 200 = 99.861%. finance: below 99.99 → 20% of 416.00 = 83.20; legal: below 99.9 → 5% of
    // 130.00 = 6.50.
    const repository = chargebackRepository({
      services: { mail: { sla: 'gold', pricing: { model: 'per-unit', unit: 'mailbox', rate: 6.5 } } },
      slas: { gold: GOLD, platinum: { availability: { target: 99.99, window: 'month' }, credits: [{ below: 99.99, credit: 20 }] } },
      consumers: {
        finance: { subscriptions: [{ service: 'mail', units: 64, from: '2024-01-01', agreements: ['platinum'] }] },
        legal: { subscriptions: [{ service: 'mail', units: 20, from: '2024-01-01' }] },
      },
      tickets: { INC1: outage('2026-11-10T00:00:00Z', '2026-11-10T01:00:00Z') },
    });
    const result = charge(repository, month('2026-11'));
    expect(summary(result)).toEqual([
      ['finance', 'mail', 'charge', '2026-11', '416.00'],
      ['finance', 'mail', 'credit', '2026-11', '-83.20'],
      ['legal', 'mail', 'charge', '2026-11', '130.00'],
      ['legal', 'mail', 'credit', '2026-11', '-6.50'],
    ]);
    expect(result.lines.filter((l) => l.kind === 'credit').map((l) => l.sla)).toEqual(['platinum', 'gold']);
  });
});
