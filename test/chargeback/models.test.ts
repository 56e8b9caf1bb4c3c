import { describe, expect, it } from 'vitest';
import { tieredPrice } from '../../src/chargeback/charges.js';
import { formatDecimal, parseDecimal, rational } from '../../src/chargeback/money.js';
import { charge, chargebackRepository, month, summary, usd } from './helpers.js';

const LAPTOP_TIERS = [
  { upTo: 100, rate: 45 },
  { upTo: 500, rate: 40 },
  { rate: 35 },
];

describe('tieredPrice', () => {
  it('prices each tier’s slice of the quantity at its own rate', () => {
    const price = (q: number | string) => formatDecimal(tieredPrice(parseDecimal(q), LAPTOP_TIERS), 4);
    expect(price(150)).toBe('6500'); // 100 × 45 + 50 × 40 (docs/format.md)
    expect(price(100)).toBe('4500'); // the bound is inclusive in its tier
    expect(price(600)).toBe('24000'); // 100 × 45 + 400 × 40 + 100 × 35 = 4 500 + 16 000 + 3 500
    expect(price('100.5')).toBe('4520'); // 4 500 + 0.5 × 40
    expect(price(0)).toBe('0');
    // Without an open-ended last tier, quantity above the last bound is not priced.
    expect(formatDecimal(tieredPrice(rational(300), [{ upTo: 100, rate: 1 }, { upTo: 200, rate: '0.5' }]), 4)).toBe('150');
  });
});

describe('per-unit and usage prices', () => {
  it('applies tiers to the total of all consumers and splits the tiered price by quantity, to the cent', () => {
    const repository = chargebackRepository({
      services: { laptops: { pricing: { model: 'per-unit', unit: 'device', tiers: [{ upTo: 2, rate: 10 }, { rate: '5.01' }] } } },
      consumers: {
        a: { subscriptions: [{ service: 'laptops', units: 1, from: '2026-01-01' }] },
        b: { subscriptions: [{ service: 'laptops', units: 2, from: '2026-01-01' }] },
      },
    });
    const result = charge(repository, month('2026-11'));
    // Total 3 devices: 2 × 10.00 + 1 × 5.01 = 25.01, rounded once. Shares 1 : 2 → 8.336… and 16.673…;
    // floors 8.33 + 16.67 = 25.00; the cent goes to the larger remainder (a's .67 of a cent).
    expect(summary(result)).toEqual([
      ['a', 'laptops', 'charge', '2026-11', '8.34'],
      ['b', 'laptops', 'charge', '2026-11', '16.67'],
    ]);
    expect(result.lines[0]).toMatchObject({ tiered: true, serviceQuantity: rational(3), serviceAmount: 2501n, unitPrice: null });
  });

  it('splitting a department in two does not lower its tiered price (tiers are on the total)', () => {
    const base = (consumers: Record<string, number>) =>
      charge(
        chargebackRepository({
          services: { laptops: { pricing: { model: 'per-unit', unit: 'device', tiers: LAPTOP_TIERS } } },
          consumers: Object.fromEntries(Object.entries(consumers).map(([id, units]) => [id, { subscriptions: [{ service: 'laptops', units, from: '2026-01-01' }] }])),
        }),
        month('2026-11'),
      ).totals.total;
    // 60 + 90 = 150 devices → 6 500.00 however the 150 are split.
    expect(usd(base({ a: 60, b: 90 }))).toBe('6500.00');
    expect(usd(base({ a: 60, b1: 45, b2: 45 }))).toBe('6500.00');
  });

  it('charges metered usage of the pricing’s metric dated in the period, rounded once per line', () => {
    const repository = chargebackRepository({
      services: { storage: { pricing: { model: 'usage', metric: 'gb-month', unit: 'GB-month', rate: '0.0250' } } },
      consumers: { finance: {}, marketing: {} },
      usage: [
        { date: '2026-11-30', consumer: 'finance', service: 'storage', metric: 'gb-month', quantity: 1249.8 },
        { date: '2026-11-01', consumer: 'marketing', service: 'storage', metric: 'gb-month', quantity: 3000 },
        { date: '2026-11-15', consumer: 'marketing', service: 'storage', metric: 'gb-month', quantity: 480.5 },
        // Not counted: another metric, another month.
        { date: '2026-11-30', consumer: 'finance', service: 'storage', metric: 'gb-scanned', quantity: 1e6 },
        { date: '2026-12-01', consumer: 'finance', service: 'storage', metric: 'gb-month', quantity: 1e6 },
        { date: '2026-10-31', consumer: 'finance', service: 'storage', metric: 'gb-month', quantity: 1e6 },
      ],
    });
    const result = charge(repository, month('2026-11'));
    // finance: 1 249.8 × 0.025 = 31.245 → 31.25 (half away from zero). marketing: 3 480.5 × 0.025 = 87.0125 → 87.01.
    expect(summary(result)).toEqual([
      ['finance', 'storage', 'charge', '2026-11', '31.25'],
      ['marketing', 'storage', 'charge', '2026-11', '87.01'],
    ]);
    expect(result.lines[1]).toMatchObject({ quantity: parseDecimal('3480.5'), unit: 'GB-month', unitPrice: parseDecimal('0.025'), metric: 'gb-month' });
  });
});

describe('per-request prices', () => {
  const repository = chargebackRepository({
    services: {
      mobile: {
        offerings: [
          { id: 'phone', name: 'Smartphone', fulfilment: '3bd', price: 650 },
          { id: 'sim', name: 'SIM card', fulfilment: '1bd', price: '25.00' },
          { id: 'advice', name: 'Advice', fulfilment: '1bd' },
        ],
        pricing: { model: 'per-request' },
      },
    },
    consumers: { finance: {}, sales: {} },
    tickets: {
      REQ1: { type: 'request', service: 'mobile', consumer: 'finance', offering: 'phone', opened: '2026-11-02T09:00:00Z', timeline: [{ at: '2026-11-04T09:00:00Z', status: 'resolved' }] },
      // Reopened and resolved again in December: charged once, in November.
      REQ2: {
        type: 'request',
        service: 'mobile',
        consumer: 'finance',
        offering: 'sim',
        opened: '2026-11-20T09:00:00Z',
        timeline: [
          { at: '2026-11-21T09:00:00Z', status: 'resolved' },
          { at: '2026-11-30T09:00:00Z', status: 'in-progress' },
          { at: '2026-12-02T09:00:00Z', status: 'closed' },
        ],
      },
      REQ3: { type: 'request', service: 'mobile', consumer: 'sales', offering: 'sim', opened: '2026-11-20T09:00:00Z', timeline: [{ at: '2026-11-20T10:00:00Z', status: 'closed' }] },
      REQ4: { type: 'request', service: 'mobile', consumer: 'sales', offering: 'sim', opened: '2026-11-22T09:00:00Z', timeline: [{ at: '2026-11-22T10:00:00Z', status: 'resolved' }] },
      // Not charged: resolved in October; cancelled at the end; not resolved; an offering without a price; an incident.
      REQ5: { type: 'request', service: 'mobile', consumer: 'sales', offering: 'phone', opened: '2026-10-02T09:00:00Z', timeline: [{ at: '2026-10-31T23:59:00Z', status: 'resolved' }] },
      REQ6: {
        type: 'request',
        service: 'mobile',
        consumer: 'sales',
        offering: 'phone',
        opened: '2026-11-02T09:00:00Z',
        timeline: [
          { at: '2026-11-03T09:00:00Z', status: 'resolved' },
          { at: '2026-11-03T10:00:00Z', status: 'cancelled' },
        ],
      },
      REQ7: { type: 'request', service: 'mobile', consumer: 'sales', offering: 'phone', opened: '2026-11-02T09:00:00Z', timeline: [{ at: '2026-11-03T09:00:00Z', status: 'in-progress' }] },
      REQ8: { type: 'request', service: 'mobile', consumer: 'sales', offering: 'advice', opened: '2026-11-02T09:00:00Z', timeline: [{ at: '2026-11-03T09:00:00Z', status: 'resolved' }] },
      INC1: { service: 'mobile', consumer: 'sales', opened: '2026-11-02T09:00:00Z', timeline: [{ at: '2026-11-03T09:00:00Z', status: 'resolved' }] },
      // No consumer: unallocated, never dropped.
      REQ9: { type: 'request', service: 'mobile', offering: 'sim', opened: '2026-11-02T09:00:00Z', timeline: [{ at: '2026-11-03T09:00:00Z', status: 'resolved' }] },
    },
  });

  it('charges the offering price of each request first resolved in the period, once', () => {
    const result = charge(repository, month('2026-11'));
    // finance: 1 × 650.00 + 1 × 25.00; sales: 2 × 25.00 = 50.00; no consumer: 1 × 25.00 unallocated.
    expect(summary(result)).toEqual([
      ['finance', 'mobile', 'charge', '2026-11', '650.00'],
      ['finance', 'mobile', 'charge', '2026-11', '25.00'],
      ['sales', 'mobile', 'charge', '2026-11', '50.00'],
      [null, 'mobile', 'unallocated', '2026-11', '25.00'],
    ]);
    expect(result.lines[2]).toMatchObject({ offering: 'sim', quantity: rational(2), unitPrice: rational(25), tickets: ['REQ3', 'REQ4'] });
    expect(usd(result.services[0]!.unallocated)).toBe('25.00');
  });

  it('does not charge the reopened request again in the month it was closed', () => {
    expect(charge(repository, month('2026-12')).lines).toEqual([]);
  });
});

describe('allocation', () => {
  it('splits by headcount day by day: a consumer that joins mid-month carries only its days', () => {
    const repository = chargebackRepository({
      services: { net: { pricing: { model: 'allocation', driver: 'headcount' }, costs: [{ item: 'Circuits', amount: 600, per: 'month' }] } },
      consumers: {
        finance: { headcount: 20, subscriptions: [{ service: 'net', from: '2024-01-01' }] },
        sales: { headcount: 10, subscriptions: [{ service: 'net', from: '2026-11-11' }] },
      },
    });
    const result = charge(repository, month('2026-11'));
    // Days 1–10 (10/30): finance alone. Days 11–30 (20/30): 20 : 10.
    // finance = 10/30 + 20/30 × 2/3 = 7/9 → 466.666…; sales = 20/30 × 1/3 = 2/9 → 133.333…
    // floors 466.66 + 133.33 = 599.99; the cent to finance's larger remainder.
    expect(summary(result)).toEqual([
      ['finance', 'net', 'charge', '2026-11', '466.67'],
      ['sales', 'net', 'charge', '2026-11', '133.33'],
    ]);
    expect(result.lines[0]).toMatchObject({ driver: 'headcount', share: rational(7, 9), costBasis: 60_000n, driverQuantity: rational(20), driverTotal: rational(80, 3) });
    // sales' headcount counts for 20 of 30 days: 10 × 2/3.
    expect(result.lines[1]!.driverQuantity).toEqual(rational(20, 3));
  });

  it('keeps the cost of days on which nobody was subscribed visible as unallocated (idle cost)', () => {
    const repository = chargebackRepository({
      services: { net: { pricing: { model: 'allocation', driver: 'units' }, costs: [{ item: 'Circuits', amount: 3000, per: 'month' }] } },
      consumers: { finance: { subscriptions: [{ service: 'net', units: 4, from: '2026-09-11', to: '2026-09-25' }] } },
    });
    const result = charge(repository, month('2026-09'));
    // Subscribed 11–25 September: 15 of 30 days → 1 500.00; the other 15 days → 1 500.00 unallocated.
    expect(summary(result)).toEqual([
      ['finance', 'net', 'charge', '2026-09', '1500.00'],
      [null, 'net', 'unallocated', '2026-09', '1500.00'],
    ]);
    expect(result.lines[1]).toMatchObject({ share: rational(1, 2), description: '50% of the cost 3,000.00 is unallocated: no consumer with a subscribed unit on 15 of 30 days' });
    expect(result.services[0]).toMatchObject({ cost: 300_000n, charged: 150_000n, unallocated: 150_000n, balance: -150_000n });
  });

  it('splits evenly, the odd cent to the first consumer by id', () => {
    const subscribed = { subscriptions: [{ service: 'dns', from: '2024-01-01' }] };
    const repository = chargebackRepository({
      services: { dns: { pricing: { model: 'allocation', driver: 'even' }, costs: [{ item: 'Grid', amount: 100, per: 'month' }] } },
      consumers: { c: subscribed, a: subscribed, b: subscribed, d: {} },
    });
    // 100.00 ÷ 3 = 33.333…: a (first by id) gets 33.34; d is not subscribed.
    expect(summary(charge(repository, month('2026-11')))).toEqual([
      ['a', 'dns', 'charge', '2026-11', '33.34'],
      ['b', 'dns', 'charge', '2026-11', '33.33'],
      ['c', 'dns', 'charge', '2026-11', '33.33'],
    ]);
  });

  it('splits by usage, and leaves everything unallocated when nothing was used', () => {
    const repository = chargebackRepository({
      services: { backup: { pricing: { model: 'allocation', driver: 'usage', metric: 'backup-gb' }, costs: [{ item: 'Vault', amount: 7800, per: 'month' }] } },
      consumers: { finance: {}, legal: {} },
      usage: [
        { date: '2026-11-30', consumer: 'finance', service: 'backup', metric: 'backup-gb', quantity: 10_006 },
        { date: '2026-11-30', consumer: 'legal', service: 'backup', metric: 'backup-gb', quantity: 1425 },
      ],
    });
    // 780 000 cents × 10 006 ÷ 11 431 = 682 764.41 and × 1 425 ÷ 11 431 = 97 235.59; floors add up to 779 999;
    // the cent goes to legal, whose remainder (.59) is the larger.
    expect(summary(charge(repository, month('2026-11')))).toEqual([
      ['finance', 'backup', 'charge', '2026-11', '6827.64'],
      ['legal', 'backup', 'charge', '2026-11', '972.36'],
    ]);
    const december = charge(repository, month('2026-12'));
    expect(summary(december)).toEqual([[null, 'backup', 'unallocated', '2026-12', '7800.00']]);
    expect(december.lines[0]!.description).toBe('100% of the cost 7,800.00 is unallocated: no usage of backup-gb was recorded');
  });

  it('splits by the tickets each consumer raised; tickets with no consumer are unallocated, cancelled ones do not count', () => {
    const ticket = (consumer: string | undefined, opened: string, status = 'resolved') => ({
      service: 'desk',
      ...(consumer ? { consumer } : {}),
      opened,
      timeline: [{ at: opened.replace('T09', 'T10'), status }],
    });
    const repository = chargebackRepository({
      services: { desk: { pricing: { model: 'allocation', driver: 'tickets' }, costs: [{ item: 'Analysts', amount: 1000, per: 'month' }] } },
      consumers: { finance: {}, sales: {} },
      tickets: {
        INC1: ticket('finance', '2026-11-02T09:00:00Z'),
        INC2: ticket('finance', '2026-11-03T09:00:00Z'),
        INC3: ticket('sales', '2026-11-04T09:00:00Z'),
        INC4: ticket(undefined, '2026-11-05T09:00:00Z'),
        INC5: ticket('sales', '2026-11-06T09:00:00Z', 'cancelled'),
        INC6: ticket('sales', '2026-10-31T09:00:00Z'),
      },
    });
    // Four tickets count: finance 2, sales 1, no consumer 1 → 500.00, 250.00 and 250.00 unallocated.
    const result = charge(repository, month('2026-11'));
    expect(summary(result)).toEqual([
      ['finance', 'desk', 'charge', '2026-11', '500.00'],
      ['sales', 'desk', 'charge', '2026-11', '250.00'],
      [null, 'desk', 'unallocated', '2026-11', '250.00'],
    ]);
    expect(result.lines[0]).toMatchObject({ driverQuantity: rational(2), driverTotal: rational(4) });
    expect(result.lines[2]).toMatchObject({ quantity: rational(1), unit: 'ticket', description: '25% of the cost 1,000.00 is unallocated: 1 of 4 tickets had no consumer' });
  });
});

describe('costs and cost shares', () => {
  it('splits a shared service’s cost among the services that carry it, exactly, and keeps the rest', () => {
    const repository = chargebackRepository({
      services: {
        desk: { costs: [{ item: 'Analysts', amount: '1000.01', per: 'month' }] },
        mail: { costShares: [{ service: 'desk', percent: 30 }] },
        erp: { costShares: [{ service: 'desk', percent: 45.5 }] },
      },
    });
    const [desk, erp, mail] = (() => {
      const s = charge(repository, month('2026-11')).services;
      return [s.find((x) => x.service === 'desk')!, s.find((x) => x.service === 'erp')!, s.find((x) => x.service === 'mail')!];
    })();
    // 100 001 cents by 45.5 : 30 : 24.5 (erp, mail, the rest): 45 500.455, 30 000.3, 24 500.245;
    // floors 45 500 + 30 000 + 24 500 = 100 000; the cent to .455 (erp).
    expect([erp.sharesIn, mail.sharesIn, desk.sharesOut, desk.cost]).toEqual([45_501n, 30_000n, 75_501n, 24_500n]);
    // Nothing appears or disappears: the net costs add up to the own costs.
    expect(desk.cost + erp.cost + mail.cost).toBe(desk.ownCost);
  });

  it('steps down through a chain: a shared service passes on the shares it carries itself', () => {
    const repository = chargebackRepository({
      services: {
        desk: { costs: [{ item: 'Analysts', amount: 1000, per: 'month' }] },
        network: { costs: [{ item: 'Circuits', amount: 900, per: 'month' }], costShares: [{ service: 'desk', percent: 10 }] },
        email: { costShares: [{ service: 'network', percent: 50 }] },
      },
    });
    const s = Object.fromEntries(charge(repository, month('2026-11')).services.map((x) => [x.service, x]));
    // desk 1 000 → network 100; network (900 + 100) → email 500, keeps 500; desk keeps 900.
    expect([s.desk!.cost, s.network!.sharesIn, s.network!.sharesOut, s.network!.cost, s.email!.cost].map(usd)).toEqual(['900.00', '100.00', '500.00', '500.00', '500.00']);
  });

  it('recovers a service’s cost after shares through its pricing, and reports the balance', () => {
    const repository = chargebackRepository({
      services: {
        desk: { pricing: { model: 'allocation', driver: 'headcount' }, costs: [{ item: 'Analysts', amount: 1000, per: 'month' }] },
        mail: { pricing: { model: 'per-unit', unit: 'mailbox', rate: 5 }, costs: [{ item: 'Licences', amount: 120, per: 'year' }], costShares: [{ service: 'desk', percent: 25 }] },
      },
      consumers: { finance: { subscriptions: [{ service: 'mail', units: 40, from: '2024-01-01' }, { service: 'desk', from: '2024-01-01' }] } },
    });
    const s = Object.fromEntries(charge(repository, month('2026-11')).services.map((x) => [x.service, x]));
    // mail: 10.00 (120 ÷ 12) + 250.00 of desk = 260.00; charged 40 × 5.00 = 200.00 → −60.00 under-recovered.
    expect(s.mail).toMatchObject({ ownCost: 1000n, sharesIn: 25_000n, cost: 26_000n, charged: 20_000n, recovered: 20_000n, balance: -6000n });
    // desk keeps 750.00 and allocates all of it: balance 0.
    expect(s.desk).toMatchObject({ cost: 75_000n, charged: 75_000n, balance: 0n });
  });
});

describe('filters and groups', () => {
  const repository = chargebackRepository({
    services: {
      mail: { pricing: { model: 'per-unit', unit: 'mailbox', rate: 5 } },
      net: { pricing: { model: 'allocation', driver: 'even' }, costs: [{ item: 'Circuits', amount: 90, per: 'month' }] },
    },
    consumers: {
      finance: { subscriptions: [{ service: 'mail', units: 2, from: '2024-01-01' }, { service: 'net', from: '2026-11-11' }] },
      sales: { subscriptions: [{ service: 'mail', units: 3, from: '2024-01-01' }] },
    },
  });

  it('--consumer keeps that consumer’s lines only (no unallocated ones); the recovery rows stay whole', () => {
    const result = charge(repository, month('2026-11'), { consumers: ['finance'] });
    // net: finance subscribed 20 of 30 days → 60.00; 30.00 unallocated, left out of finance's view.
    expect(summary(result)).toEqual([
      ['finance', 'mail', 'charge', '2026-11', '10.00'],
      ['finance', 'net', 'charge', '2026-11', '60.00'],
    ]);
    expect(result.consumers.map((c) => c.consumer)).toEqual(['finance']);
    expect(result.services.find((s) => s.service === 'net')).toMatchObject({ charged: 6000n, unallocated: 3000n });
    expect(result.totals).toEqual({ charged: 7000n, credits: 0n, unallocated: 0n, total: 7000n });
  });

  it('--service keeps that service’s lines and recovery row', () => {
    const result = charge(repository, month('2026-11'), { services: ['mail'] });
    expect(summary(result)).toEqual([
      ['finance', 'mail', 'charge', '2026-11', '10.00'],
      ['sales', 'mail', 'charge', '2026-11', '15.00'],
    ]);
    expect(result.services.map((s) => s.service)).toEqual(['mail']);
    // Narrowed to a service, only the consumers with lines of it have a statement.
    expect(charge(repository, month('2026-11'), { services: ['net'] }).consumers.map((c) => c.consumer)).toEqual(['finance']);
  });

  it('groups by consumer, by service, or by both', () => {
    const groups = (by: 'consumer' | 'service' | 'consumer,service') => charge(repository, month('2026-11'), { by }).groups.map((g) => [g.consumer, g.service, usd(g.charged), usd(g.unallocated)]);
    expect(groups('consumer')).toEqual([
      ['finance', null, '70.00', '0.00'],
      ['sales', null, '15.00', '0.00'],
      [null, null, '0.00', '30.00'],
    ]);
    expect(groups('service')).toEqual([
      [null, 'mail', '25.00', '0.00'],
      [null, 'net', '60.00', '30.00'],
    ]);
    expect(groups('consumer,service')).toEqual([
      ['finance', 'mail', '10.00', '0.00'],
      ['finance', 'net', '60.00', '0.00'],
      ['sales', 'mail', '15.00', '0.00'],
      [null, 'net', '0.00', '30.00'],
    ]);
  });

  it('charges each month of a longer period on its own line', () => {
    const result = charge(repository, { label: '2026-Q4', from: '2026-10-01', to: '2027-01-01' }, { services: ['mail'], consumers: ['sales'] });
    expect(summary(result)).toEqual([
      ['sales', 'mail', 'charge', '2026-10', '15.00'],
      ['sales', 'mail', 'charge', '2026-11', '15.00'],
      ['sales', 'mail', 'charge', '2026-12', '15.00'],
    ]);
  });

  it('uses the currency’s minor unit: whole yen', () => {
    const yen = chargebackRepository({
      currency: 'JPY',
      services: { vpn: { pricing: { model: 'fixed', amount: 650 } } },
      consumers: { lab: { subscriptions: [{ service: 'vpn', from: '2026-11-14' }] } },
    });
    // ¥650 × 17/30 = ¥368.33 → ¥368.
    const result = charge(yen, month('2026-11'));
    expect(result.minorDigits).toBe(0);
    expect(result.lines[0]!.amount).toBe(368n);
  });
});
