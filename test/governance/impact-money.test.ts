import { describe, expect, it } from 'vitest';
import type { SlaSpec, TicketSpec } from '../../src/model/index.js';
import { at } from '../sla/helpers.js';
import { chargebackRepository } from '../chargeback/helpers.js';
import { impactOf } from './impact-helpers.js';

// UTC throughout. mail is priced per mailbox under the agreement `gold` (24x7, 99.9% a month, credits below it);
// finance has 64 mailboxes, legal 20, sales none.
const GOLD: Partial<SlaSpec> = { availability: { target: 99.9, window: 'month' }, credits: [{ below: 99.9, credit: 5 }] };
// One hour down on 10 November: availability 1 − 60 / 43 200 = 99.861% of November's 30 × 1 440 minutes.
const OUTAGE: Record<string, Partial<TicketSpec>> = {
  INC1: { service: 'mail', opened: '2026-11-10T00:00:00Z', timeline: [{ at: '2026-11-10T01:00:00Z', status: 'resolved' }], outage: { start: '2026-11-10T00:00:00Z', end: '2026-11-10T01:00:00Z', impact: 'down' } },
};

function mail(rate: number | string, gold: Partial<SlaSpec> = GOLD) {
  return chargebackRepository({
    services: { mail: { sla: 'gold', pricing: { model: 'per-unit', unit: 'mailbox', rate } } },
    slas: { gold },
    consumers: {
      finance: { subscriptions: [{ service: 'mail', units: 64, from: '2024-01-01' }] },
      legal: { subscriptions: [{ service: 'mail', units: 20, from: '2024-01-01' }] },
      sales: {},
    },
    tickets: OUTAGE,
  });
}

const options = { period: '2026-11', month: '2026-11', now: at('2026-12-15T00:00:00Z') };

describe('measureImpact: chargeback per consumer', () => {
  it('a price 6.50 → 7.00 per mailbox moves each consumer by units × 0.50, less the 5% credit', () => {
    const impact = impactOf(mail(6.5), mail(7), options);
    // finance: 64 × 6.50 = 416.00 − 5% = 395.20; 64 × 7.00 = 448.00 − 5% (22.40) = 425.60; +30.40.
    // legal: 20 × 6.50 = 130.00 − 6.50 = 123.50; 20 × 7.00 = 140.00 − 7.00 = 133.00; +9.50. sales: nothing either way.
    expect(impact.chargeback).toEqual({
      month: '2026-11',
      currency: 'USD',
      consumers: [
        { consumer: 'finance', baseMinor: 39_520, headMinor: 42_560, deltaMinor: 3040 },
        { consumer: 'legal', baseMinor: 12_350, headMinor: 13_300, deltaMinor: 950 },
      ],
    });
    // The credit is 5% of more: 20.80 + 6.50 = 27.30 → 22.40 + 7.00 = 29.40; availability itself does not move.
    expect(impact.availability).toEqual([{ service: 'mail', sla: 'gold', window: '2026-11', base: { availabilityPercent: 99.861, creditMinor: 2730 }, head: { availabilityPercent: 99.861, creditMinor: 2940 } }]);
    expect([impact.compliance, impact.clocks, impact.past]).toEqual([[], [], []]);
  });

  it('a stricter availability target earns credits where there were none', () => {
    // 99.861% is not below 99.8 (base: no credit) but is below 99.9 (head: 5% of 416.00 + 130.00 = 27.30).
    const impact = impactOf(mail(6.5, { ...GOLD, credits: [{ below: 99.8, credit: 5 }] }), mail(6.5), options);
    expect(impact.availability).toEqual([{ service: 'mail', sla: 'gold', window: '2026-11', base: { availabilityPercent: 99.861, creditMinor: 0 }, head: { availabilityPercent: 99.861, creditMinor: 2730 } }]);
    expect(impact.chargeback.consumers.map((c) => [c.consumer, c.deltaMinor])).toEqual([
      ['finance', -2080],
      ['legal', -650],
    ]);
  });

  it('a target that counts degraded time differently moves availability itself', () => {
    // Base weighs nothing but `down`; head the same hour at the default. Both 60 minutes: make it degraded instead.
    const degraded = { INC1: { ...OUTAGE.INC1!, outage: { start: '2026-11-10T00:00:00Z', end: '2026-11-10T01:00:00Z', impact: 'degraded' as const } } };
    const repo = (weight: number) =>
      chargebackRepository({
        services: { mail: { sla: 'gold', pricing: { model: 'per-unit', unit: 'mailbox', rate: 6.5 } } },
        slas: { gold: { availability: { target: 99.9, window: 'month', degradedWeight: weight } } },
        consumers: { finance: { subscriptions: [{ service: 'mail', units: 64, from: '2024-01-01' }] } },
        tickets: degraded,
      });
    // Weight 0: 100%; weight 1: 1 − 60 / 43 200 = 99.861%. No credits either way (the agreement has none).
    const impact = impactOf(repo(0), repo(1), options);
    expect(impact.availability).toEqual([{ service: 'mail', sla: 'gold', window: '2026-11', base: { availabilityPercent: 100, creditMinor: 0 }, head: { availabilityPercent: 99.861, creditMinor: 0 } }]);
    expect(impact.chargeback.consumers).toEqual([]);
  });
});

describe('measureImpact: retired services still depended on', () => {
  const services = (erpLifecycle: 'live' | 'retired') =>
    chargebackRepository({
      services: {
        erp: { lifecycle: erpLifecycle },
        payments: { dependsOn: ['erp'] },
        billing: { dependsOn: ['payments'] },
        archive: { lifecycle: 'retired', dependsOn: ['erp'] },
        web: {},
      },
    });

  it('names each live dependent with its path, nearest first; a retired dependent is not one', () => {
    const impact = impactOf(services('live'), services('retired'), options);
    expect(impact.retired).toEqual([
      {
        service: 'erp',
        dependents: [
          { service: 'payments', path: ['payments', 'erp'] },
          { service: 'billing', path: ['billing', 'payments', 'erp'] },
        ],
      },
    ]);
  });

  it('says nothing of a dependency that was already there before the change', () => {
    const before = services('retired');
    const after = chargebackRepository({
      services: { erp: { lifecycle: 'retired' }, payments: { dependsOn: ['erp'] }, billing: { dependsOn: ['payments'] }, archive: { lifecycle: 'retired', dependsOn: ['erp'] }, web: { description: 'Edited.' } },
    });
    expect(impactOf(before, after, options).retired).toEqual([]);
  });

  it('names a service that newly depends on a retired one', () => {
    const after = chargebackRepository({
      services: { erp: { lifecycle: 'retired' }, payments: { dependsOn: ['erp'] }, billing: { dependsOn: ['payments'] }, archive: { lifecycle: 'retired', dependsOn: ['erp'] }, web: { dependsOn: ['billing'] } },
    });
    expect(impactOf(services('retired'), after, options).retired).toEqual([{ service: 'erp', dependents: [{ service: 'web', path: ['web', 'billing', 'payments', 'erp'] }] }]);
  });
});
