import { describe, expect, it } from 'vitest';
import { rational } from '../../src/chargeback/money.js';
import { formatChargebackCsv } from '../../src/report/chargeback/csv.js';
import { formatChargebackJson } from '../../src/report/chargeback/json.js';
import { charge, chargebackRepository, month, usd } from './helpers.js';

/** Consumer, start, end, priceVersion, amount of each line: what a reader checks by hand. */
function parts(result: ReturnType<typeof charge>): Array<[string | null, string, string, string | null, string]> {
  return result.lines.map((l) => [l.consumer, l.start, l.end, l.priceVersion, usd(l.amount)]);
}

describe('dated price versions: fixed', () => {
  it('prices each day at the price in force: the month is cut where the version starts', () => {
    const repository = chargebackRepository({
      services: { vpn: { pricing: { model: 'fixed', amount: 250 }, versions: [{ from: '2027-01-16', note: 'new contract', pricing: { model: 'fixed', amount: 310 } }] } },
      consumers: { a: { subscriptions: [{ service: 'vpn', from: '2026-01-01' }] } },
    });
    const result = charge(repository, month('2027-01'));
    // January has 31 days: 1–15 at 250.00, 16–31 at 310.00.
    // Exact: 250 × 15/31 = 120.9677…, 310 × 16/31 = 160.00; together 8 710/31 = 280.9677… → 280.97, rounded once.
    // Split by the exact parts (largest remainder): 28 097 × 3 750/8 710 = 12 096.56, 28 097 × 4 960/8 710 = 16 000.44;
    // floors 12 096 + 16 000 = 28 096, the cent to the larger remainder (.56): 120.97 and 160.00.
    expect(parts(result)).toEqual([
      ['a', '2027-01-01', '2027-01-16', null, '120.97'],
      ['a', '2027-01-16', '2027-02-01', '2027-01-16', '160.00'],
    ]);
    expect(result.lines.map((l) => [l.unitDays, l.monthDays, l.description])).toEqual([
      [15, 31, 'fixed price 250.00 per month × 15/31 days subscribed (base price)'],
      [16, 31, 'fixed price 310.00 per month × 16/31 days subscribed (price from 2027-01-16)'],
    ]);
    expect(usd(result.totals.charged)).toBe('280.97');
  });

  it('a version that does not change the price does not change the figure by a cent (one rounding per consumer and month)', () => {
    const service = (versions: boolean) =>
      chargebackRepository({
        services: {
          vpn: { pricing: { model: 'fixed', amount: '25.01' }, ...(versions ? { versions: [{ from: '2026-11-16', note: 'renewed', pricing: { model: 'fixed', amount: '25.01' } }] } : {}) },
        },
        consumers: { a: { subscriptions: [{ service: 'vpn', from: '2026-01-01' }] } },
      });
    expect(usd(charge(service(false), month('2026-11')).totals.charged)).toBe('25.01');
    // November: 15 + 15 days, 12.505 each. Rounded apart they would be 12.51 + 12.51 = 25.02; rounded together 25.01,
    // split 1 250 + 1 250 and the odd cent to the earlier part on the tie: 12.51 and 12.50.
    const result = charge(service(true), month('2026-11'));
    expect(parts(result)).toEqual([
      ['a', '2026-11-01', '2026-11-16', null, '12.51'],
      ['a', '2026-11-16', '2026-12-01', '2026-11-16', '12.50'],
    ]);
  });

  it('a version from the first of the month prices the whole month, with no split', () => {
    const repository = chargebackRepository({
      services: { vpn: { pricing: { model: 'fixed', amount: 250 }, versions: [{ from: '2027-01-01', pricing: { model: 'fixed', amount: 300 } }] } },
      consumers: { a: { subscriptions: [{ service: 'vpn', from: '2026-01-01' }] } },
    });
    const result = charge(repository, { label: 'dec-jan', from: '2026-12-01', to: '2027-02-01' });
    expect(parts(result)).toEqual([
      ['a', '2026-12-01', '2027-01-01', null, '250.00'],
      ['a', '2027-01-01', '2027-02-01', '2027-01-01', '300.00'],
    ]);
    expect(result.lines[1]!.description).toBe('fixed price 300.00 per month (price from 2027-01-01)');
  });
});

describe('dated price versions: per-unit', () => {
  it('prorates each part by its unit-days, with a subscription that starts mid-month too', () => {
    const repository = chargebackRepository({
      services: {
        email: { pricing: { model: 'per-unit', unit: 'mailbox', rate: '6.50' }, versions: [{ from: '2027-01-16', pricing: { model: 'per-unit', unit: 'mailbox', rate: 7 } }] },
      },
      consumers: {
        a: { subscriptions: [{ service: 'email', units: 20, from: '2026-01-01' }] },
        b: { subscriptions: [{ service: 'email', units: 10, from: '2027-01-11' }] },
      },
    });
    const result = charge(repository, month('2027-01'));
    // a: 20 × 15 = 300 mailbox-days at 6.50, 20 × 16 = 320 at 7.00: 1 950/31 + 2 240/31 = 4 190/31 = 135.1613 → 135.16.
    //    Split 13 516 by 1 950 : 2 240 → 6 290.32 and 7 225.68; the cent to the larger remainder: 62.90 and 72.26.
    // b: from the 11th, 10 × 5 = 50 mailbox-days at 6.50 and 10 × 16 = 160 at 7.00: 325/31 + 1 120/31 = 1 445/31
    //    = 46.6129 → 46.61. Split 4 661 by 325 : 1 120 → 1 048.32 and 3 612.68: 10.48 and 36.13.
    expect(parts(result)).toEqual([
      ['a', '2027-01-01', '2027-01-16', null, '62.90'],
      ['a', '2027-01-16', '2027-02-01', '2027-01-16', '72.26'],
      ['b', '2027-01-01', '2027-01-16', null, '10.48'],
      ['b', '2027-01-16', '2027-02-01', '2027-01-16', '36.13'],
    ]);
    expect(result.lines.map((l) => [l.unitDays, l.monthDays, l.quantity])).toEqual([
      [300, 31, rational(300, 31)],
      [320, 31, rational(320, 31)],
      [50, 31, rational(50, 31)],
      [160, 31, rational(160, 31)],
    ]);
  });
});

describe('dated price versions: usage', () => {
  it('prices each record at the rate in force on its date (the version’s first day is at the new rate)', () => {
    const repository = chargebackRepository({
      services: {
        printing: {
          pricing: { model: 'usage', metric: 'pages', unit: 'page', rate: '0.04' },
          versions: [{ from: '2027-01-16', pricing: { model: 'usage', metric: 'pages', unit: 'page', rate: '0.05' } }],
        },
      },
      consumers: { a: {} },
      usage: [
        { consumer: 'a', service: 'printing', metric: 'pages', date: '2027-01-10', quantity: 1000 },
        { consumer: 'a', service: 'printing', metric: 'pages', date: '2027-01-15', quantity: 250 },
        { consumer: 'a', service: 'printing', metric: 'pages', date: '2027-01-16', quantity: 100 },
        { consumer: 'a', service: 'printing', metric: 'pages', date: '2027-01-20', quantity: 500 },
      ],
    });
    const result = charge(repository, month('2027-01'));
    // 1 000 + 250 pages × 0.04 = 50.00; 100 + 500 pages × 0.05 = 30.00.
    expect(parts(result)).toEqual([
      ['a', '2027-01-01', '2027-01-16', null, '50.00'],
      ['a', '2027-01-16', '2027-02-01', '2027-01-16', '30.00'],
    ]);
    expect(result.lines.map((l) => l.quantity)).toEqual([rational(1250), rational(600)]);
  });

  it('graduated tiers apply to the month’s whole volume; each part is priced at its version’s average price of it', () => {
    const repository = chargebackRepository({
      services: {
        storage: {
          pricing: { model: 'usage', metric: 'gb', unit: 'GB', tiers: [{ upTo: 100, rate: '0.10' }, { rate: '0.05' }] },
          versions: [{ from: '2027-01-16', pricing: { model: 'usage', metric: 'gb', unit: 'GB', tiers: [{ upTo: 100, rate: '0.12' }, { rate: '0.06' }] } }],
        },
      },
      consumers: { a: {}, b: {} },
      usage: [
        { consumer: 'a', service: 'storage', metric: 'gb', date: '2027-01-05', quantity: 70 },
        { consumer: 'b', service: 'storage', metric: 'gb', date: '2027-01-10', quantity: 45 },
        { consumer: 'a', service: 'storage', metric: 'gb', date: '2027-01-20', quantity: 61 },
        { consumer: 'b', service: 'storage', metric: 'gb', date: '2027-01-25', quantity: 29 },
      ],
    });
    const result = charge(repository, month('2027-01'));
    // The month's volume: 70 + 45 + 61 + 29 = 205 GB (115 before the 16th, 90 from it).
    // Base tiers price 205 GB at 100 × 0.10 + 105 × 0.05 = 15.25; the new tiers at 100 × 0.12 + 105 × 0.06 = 18.30.
    // Parts: 15.25 × 115/205 = 8.5549, 18.30 × 90/205 = 8.0341; together 16.5890 → 16.59, rounded once.
    // Split 1 659 by 8.5549 : 8.0341 → 855.54 and 803.46: the cent to the first, 8.56 and 8.03.
    // Part 1 by quantity 70 : 45 → 521.04 and 334.96: 5.21 and 3.35. Part 2 by 61 : 29 → 544.26 and 258.74: 5.44 and 2.59.
    // (Tiers restarting at the price change would price 115 GB at 11.75 and 90 GB at 10.80, 22.55 in all: the
    // organisation would pay the first tier twice in one month because the price list changed.)
    expect(parts(result)).toEqual([
      ['a', '2027-01-01', '2027-01-16', null, '5.21'],
      ['a', '2027-01-16', '2027-02-01', '2027-01-16', '5.44'],
      ['b', '2027-01-01', '2027-01-16', null, '3.35'],
      ['b', '2027-01-16', '2027-02-01', '2027-01-16', '2.59'],
    ]);
    expect(usd(result.totals.charged)).toBe('16.59');
    expect(result.lines.map((l) => [l.tiered, l.serviceQuantity, l.serviceAmount === null ? null : usd(l.serviceAmount)])).toEqual([
      [true, rational(205), '15.25'],
      [true, rational(205), '18.30'],
      [true, rational(205), '15.25'],
      [true, rational(205), '18.30'],
    ]);
    expect(result.lines[0]!.description).toBe('70 GB (gb) of 205 GB in the month, whose tiered price at these tiers 15.25 is shared by quantity (base price)');
  });

  it('with unchanged tiers, a version leaves the month’s tiered total as it was', () => {
    const tiers = [{ upTo: 100, rate: '0.10' }, { rate: '0.05' }];
    const repository = (versions: boolean) =>
      chargebackRepository({
        services: {
          storage: {
            pricing: { model: 'usage', metric: 'gb', unit: 'GB', tiers },
            ...(versions ? { versions: [{ from: '2027-01-16', pricing: { model: 'usage', metric: 'gb', unit: 'GB', tiers } }] } : {}),
          },
        },
        consumers: { a: {} },
        usage: [
          { consumer: 'a', service: 'storage', metric: 'gb', date: '2027-01-05', quantity: 70 },
          { consumer: 'a', service: 'storage', metric: 'gb', date: '2027-01-20', quantity: 61 },
        ],
      });
    // 131 GB: 100 × 0.10 + 31 × 0.05 = 11.55 either way (split 70 : 61 → 6.17 and 5.38).
    expect(usd(charge(repository(false), month('2027-01')).totals.charged)).toBe('11.55');
    const result = charge(repository(true), month('2027-01'));
    expect(usd(result.totals.charged)).toBe('11.55');
    expect(parts(result).map((p) => p[4])).toEqual(['6.17', '5.38']);
  });
});

describe('dated price versions: a change of model', () => {
  it('fixed until the 10th, per-unit from the 11th: one rounding for the consumer’s month', () => {
    const repository = chargebackRepository({
      services: { crm: { pricing: { model: 'fixed', amount: 100 }, versions: [{ from: '2027-01-11', note: 'per seat', pricing: { model: 'per-unit', unit: 'seat', rate: 5 } }] } },
      consumers: { a: { subscriptions: [{ service: 'crm', units: 12, from: '2026-01-01' }] } },
    });
    const result = charge(repository, month('2027-01'));
    // 1–10: 100.00 × 10/31 = 32.2581; 11–31: 12 seats × 21 days × 5.00 / 31 = 40.6452; together 2 260/31 = 72.9032
    // → 72.90. Split 7 290 by 1 000 : 1 260 → 3 225.66 and 4 064.34: the cent to the first, 32.26 and 40.64
    // (rounded apart, 32.26 + 40.65 would be 72.91).
    expect(parts(result)).toEqual([
      ['a', '2027-01-01', '2027-01-11', null, '32.26'],
      ['a', '2027-01-11', '2027-02-01', '2027-01-11', '40.64'],
    ]);
    expect(result.lines.map((l) => l.model)).toEqual(['fixed', 'per-unit']);
    // The recovery row names the model in force on the period's last day.
    expect(result.services.map((s) => [s.service, s.model])).toEqual([['crm', 'per-unit']]);
  });

  it('an allocation whose driver changes: the month’s cost split by days, each part by its own driver', () => {
    const repository = chargebackRepository({
      services: {
        network: {
          costs: [{ item: 'links', amount: 3100, per: 'month' }],
          pricing: { model: 'allocation', driver: 'headcount' },
          versions: [{ from: '2027-01-11', pricing: { model: 'allocation', driver: 'even' } }],
        },
      },
      consumers: {
        a: { headcount: 30, subscriptions: [{ service: 'network', from: '2026-01-01' }] },
        b: { headcount: 10, subscriptions: [{ service: 'network', from: '2026-01-01' }] },
      },
    });
    const result = charge(repository, month('2027-01'));
    // 3 100.00 by days: 10/31 = 1 000.00 and 21/31 = 2 100.00. Headcount 30 : 10 → 750.00 and 250.00; even → 1 050.00 each.
    expect(parts(result)).toEqual([
      ['a', '2027-01-01', '2027-01-11', null, '750.00'],
      ['a', '2027-01-11', '2027-02-01', '2027-01-11', '1050.00'],
      ['b', '2027-01-01', '2027-01-11', null, '250.00'],
      ['b', '2027-01-11', '2027-02-01', '2027-01-11', '1050.00'],
    ]);
    expect(result.lines.map((l) => (l.costBasis === null ? null : usd(l.costBasis)))).toEqual(['1000.00', '2100.00', '1000.00', '2100.00']);
    expect(result.services[0]).toMatchObject({ cost: 310000n, charged: 310000n, balance: 0n });
  });

  it('a service priced only from a version is charged only from then', () => {
    const repository = chargebackRepository({
      services: { vpn: { versions: [{ from: '2027-01-16', pricing: { model: 'fixed', amount: 310 } }] } },
      consumers: { a: { subscriptions: [{ service: 'vpn', from: '2026-01-01' }] } },
    });
    // 310.00 × 16/31 = 160.00.
    expect(parts(charge(repository, month('2027-01')))).toEqual([['a', '2027-01-16', '2027-02-01', '2027-01-16', '160.00']]);
    expect(charge(repository, month('2026-12')).lines).toEqual([]);
  });
});

describe('dated price versions in the formats', () => {
  const versioned = chargebackRepository({
    services: {
      vpn: { pricing: { model: 'fixed', amount: 250 }, versions: [{ from: '2027-01-16', pricing: { model: 'fixed', amount: 310 } }] },
      dns: { pricing: { model: 'fixed', amount: 10 } },
    },
    consumers: { a: { subscriptions: [{ service: 'vpn', from: '2026-01-01' }, { service: 'dns', from: '2026-01-01' }] } },
  });

  it('JSON and CSV name the version of each line when the repository has versions', () => {
    const result = charge(versioned, month('2027-01'));
    const json = JSON.parse(formatChargebackJson(result)) as { lines: Array<Record<string, unknown>> };
    expect(json.lines.map((l) => [l['service'], l['amount'], l['priceVersion']])).toEqual([
      ['dns', '10.00', null],
      ['vpn', '120.97', null],
      ['vpn', '160.00', '2027-01-16'],
    ]);
    const csv = formatChargebackCsv(result).split('\n');
    expect(csv[0]!.endsWith(',creditBasis,priceVersion')).toBe(true);
    expect(csv[3]!.endsWith(',2027-01-16')).toBe(true);
  });

  it('a repository without versions keeps its JSON and CSV shape: no priceVersion key or column', () => {
    const plain = chargebackRepository({
      services: { dns: { pricing: { model: 'fixed', amount: 10 } } },
      consumers: { a: { subscriptions: [{ service: 'dns', from: '2026-01-01' }] } },
    });
    const result = charge(plain, month('2027-01'));
    expect(result.priceVersions).toBe(false);
    expect(formatChargebackJson(result)).not.toContain('priceVersion');
    expect(formatChargebackCsv(result)).not.toContain('priceVersion');
  });
});

describe('dated price versions are validated like the base pricing', () => {
  it('a subscription to a service that becomes per-unit from a version needs units (subscription-units)', () => {
    expect(() =>
      chargebackRepository({
        services: { crm: { pricing: { model: 'fixed', amount: 100 }, versions: [{ from: '2027-01-11', pricing: { model: 'per-unit', unit: 'seat', rate: 5 } }] } },
        consumers: { a: { subscriptions: [{ service: 'crm', from: '2026-01-01' }] } },
      }),
    ).toThrow('subscription to "crm" has no "units", but its per-unit pricing charges per seat');
  });
});
