import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { buildChargeback, type ChargebackOptions } from '../../src/chargeback/build.js';
import { compare, mul, parseDecimal, sum } from '../../src/chargeback/money.js';
import type { Chargeback } from '../../src/chargeback/types.js';
import { openRepository } from '../../src/open-repository.js';
import {
  CHARGE_CSV_COLUMNS,
  FOCUS_COLUMNS,
  FOCUS_SERVICE_CATEGORIES,
  focusServiceCategory,
  formatChargeback,
  type ChargebackJson,
} from '../../src/report/chargeback/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { chargebackRepository, month } from './helpers.js';

const ACME = openRepository(join(REPO_ROOT, 'examples', 'acme')).repository;
const EVERY_MODEL = openRepository(join(REPO_ROOT, 'test', 'fixtures', 'chargeback', 'every-model')).repository;
const acme = (period: ChargebackOptions['period'], options: Omit<ChargebackOptions, 'period'> = {}) => buildChargeback(ACME, { period, ...options });
const everyModel = (options: Omit<ChargebackOptions, 'period'> = {}) => buildChargeback(EVERY_MODEL, { period: month('2026-11'), ...options });
const Q4 = { label: '2026-Q4', from: '2026-10-01', to: '2027-01-01' };

/** RFC 4180 fields of one CSV record (no newlines inside fields in these outputs). */
function fields(line: string, delimiter = ','): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function records(csv: string, delimiter = ','): Array<Record<string, string>> {
  // Only the last "\n" goes: with a tab delimiter, a record's trailing empty fields are whitespace.
  const [head, ...rows] = csv.replace(/\n$/, '').split('\n');
  const columns = fields(head!, delimiter);
  return rows.map((row) => {
    const values = fields(row, delimiter);
    expect(values.length).toBe(columns.length);
    return Object.fromEntries(columns.map((c, i) => [c, values[i]!]));
  });
}

describe('markdown', () => {
  const cases: Array<[string, Chargeback]> = [
    ['every model, by consumer', everyModel()],
    ['every model, by service', everyModel({ by: 'service' })],
    ['every model, by consumer and service', everyModel({ by: 'consumer,service' })],
    ['acme 2026-10 with credits', acme(month('2026-10'))],
    ['acme Q4, several months', acme(Q4)],
    ['acme, one consumer', acme(month('2026-11'), { consumers: ['finance'] })],
  ];
  for (const [name, result] of cases) {
    it(`passes markdownlint's default rules: ${name}`, () => {
      const text = formatChargeback('markdown', result);
      const problems = lint({ strings: { [name]: text } })[name] ?? [];
      expect(problems.map((p) => `${p.lineNumber} ${p.ruleNames.join('/')} ${p.ruleDescription} ${p.errorDetail ?? ''}`)).toEqual([]);
      expect(text.startsWith(`# Chargeback — ${result.organisation.name}, ${result.period.label}\n\n`)).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
    });
  }

  it('writes one statement per consumer with its total due, and escapes names', () => {
    const text = formatChargeback('markdown', acme(month('2026-11')));
    expect(text).toContain('## Finance &amp; Controlling (finance)\n');
    expect(text).toContain('Charges 39,152.77, credits 0.00; total due **39,152.77 USD**.');
    expect(text).toContain('## Legal &amp; Compliance (legal)\n');
    expect(text).toContain('total due **3,442.51 USD**.');
    // Ten statements (london-sales subscribes from December: its November statement is empty), unallocated cost,
    // totals, recovery.
    expect(text.match(/^## /gm)?.length).toBe(10 + 3);
  });
});

describe('json', () => {
  const result = everyModel();
  const json = JSON.parse(formatChargeback('json', result)) as ChargebackJson;

  it('has the documented top level, money as decimal strings', () => {
    expect(Object.keys(json)).toEqual(['version', 'organisation', 'currency', 'timeZone', 'period', 'by', 'filters', 'totals', 'consumers', 'services', 'groups', 'lines']);
    expect(json.period).toEqual({ label: '2026-11', from: '2026-11-01', to: '2026-12-01', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' });
    expect(json.totals).toEqual({ charged: '2568.50', credits: '-7.80', total: '2560.70', unallocated: '125.00' });
    for (const line of json.lines) expect(line.amount).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('gives every line the same keys, in the order of the CSV columns', () => {
    for (const line of json.lines) expect(Object.keys(line)).toEqual([...CHARGE_CSV_COLUMNS]);
  });

  it('adds up: the lines make the totals', () => {
    const add = (kind: string) => sum(json.lines.filter((l) => l.kind === kind).map((l) => parseDecimal(l.amount)));
    expect(add('charge')).toEqual(parseDecimal(json.totals.charged));
    expect(add('credit')).toEqual(parseDecimal(json.totals.credits));
    expect(add('unallocated')).toEqual(parseDecimal(json.totals.unallocated));
  });
});

describe('csv', () => {
  it('has one row per charge line, the JSON fields as columns', () => {
    const result = everyModel();
    const rows = records(formatChargeback('csv', result));
    expect(rows.length).toBe(result.lines.length);
    expect(Object.keys(rows[0]!)).toEqual([...CHARGE_CSV_COLUMNS]);
    const desk = rows.find((r) => r.service === 'desk' && r.consumer === 'finance')!;
    expect(desk).toMatchObject({ kind: 'charge', model: 'allocation', driver: 'tickets', driverQuantity: '1', driverTotal: '3', share: '0.3333333333', costBasis: '300.00', amount: '100.00' });
    const laptops = rows.find((r) => r.service === 'laptops' && r.consumer === 'finance')!;
    expect(laptops).toMatchObject({ offering: 'laptop', tickets: 'REQ0000001', quantity: '1', unitPrice: '1450.00', unitDays: '', tiered: 'false' });
  });

  it('guards free text against formula injection', () => {
    const repository = chargebackRepository({
      services: { vpn: { pricing: { model: 'fixed', amount: 10 } } },
      consumers: { finance: { costCenter: '=1+1', subscriptions: [{ service: 'vpn', from: '2024-01-01' }] } },
    });
    const [row] = records(formatChargeback('csv', buildChargeback(repository, { period: month('2026-11') })));
    expect(row!.costCenter).toBe("'=1+1");
    expect(row!.amount).toBe('10.00');
  });
});

describe('csv and focus: --delimiter', () => {
  // The descriptions hold commas ("13,115 of 143,178"), quoted with "," and bare with the others: every record must
  // read back to the same values whatever the delimiter.
  it.each(['csv', 'focus'] as const)('%s reads back to the same records with ; | and tab, money with its decimal point', (format) => {
    const result = acme(month('2026-10'));
    const comma = records(formatChargeback(format, result));
    for (const delimiter of [';', '|', '\t'] as const) {
      const text = formatChargeback(format, result, { delimiter });
      expect(text.split('\n')[0]).toBe((format === 'csv' ? CHARGE_CSV_COLUMNS : FOCUS_COLUMNS).join(delimiter));
      expect(records(text, delimiter)).toEqual(comma);
    }
    expect(comma.some((r) => Object.values(r).some((v) => /^\d+\.\d\d$/.test(v)))).toBe(true);
  });

  it('quotes free text that holds the delimiter', () => {
    const repository = chargebackRepository({
      services: { vpn: { pricing: { model: 'fixed', amount: 10 } } },
      consumers: { finance: { costCenter: 'CC-1; Treasury', subscriptions: [{ service: 'vpn', from: '2024-01-01' }] } },
    });
    const text = formatChargeback('csv', buildChargeback(repository, { period: month('2026-11') }), { delimiter: ';' });
    expect(text).toContain(';"CC-1; Treasury";');
    expect(records(text, ';')[0]!.costCenter).toBe('CC-1; Treasury');
  });
});

describe('focus', () => {
  const result = acme(month('2026-10'));
  const rows = records(formatChargeback('focus', result));

  it('has the FOCUS 1.2 columns, then custom x_ columns', () => {
    expect(Object.keys(rows[0]!)).toEqual([...FOCUS_COLUMNS]);
    const custom = FOCUS_COLUMNS.filter((c) => c.startsWith('x_'));
    expect(FOCUS_COLUMNS.slice(-custom.length)).toEqual(custom);
    expect(rows.length).toBe(result.lines.length);
  });

  it('uses only allowed values, UTC instants and plain decimals', () => {
    const instant = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
    const decimal = /^-?\d+(\.\d+)?$/;
    for (const r of rows) {
      expect(['Usage', 'Purchase', 'Credit', 'Adjustment']).toContain(r.ChargeCategory);
      expect(['Usage-Based', 'Recurring', 'One-Time']).toContain(r.ChargeFrequency);
      expect(FOCUS_SERVICE_CATEGORIES as readonly string[]).toContain(r.ServiceCategory);
      for (const c of ['BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd'] as const) expect(r[c]).toMatch(instant);
      for (const c of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const) expect(r[c]).toMatch(decimal);
      expect(r.BilledCost).toBe(r.ListCost);
      expect(r.BilledCost).toBe(r.EffectiveCost);
      expect(r.BillingCurrency).toBe('USD');
      expect(r.ChargeClass).toBe('');
    }
    // October 2026 in New York: 1 October 00:00 EDT to 1 November 00:00 EDT.
    expect(rows[0]).toMatchObject({ BillingPeriodStart: '2026-10-01T04:00:00Z', BillingPeriodEnd: '2026-11-01T04:00:00Z' });
  });

  it('follows the nullability rules of each charge category', () => {
    for (const r of rows) {
      if (r.ChargeCategory === 'Usage') {
        expect(parseDecimal(r.ConsumedQuantity!).n > 0n).toBe(true);
        expect(r.ConsumedUnit).not.toBe('');
      } else expect([r.ConsumedQuantity, r.ConsumedUnit]).toEqual(['', '']);
      if (r.ChargeCategory === 'Usage' || r.ChargeCategory === 'Purchase') {
        expect(r.PricingQuantity).not.toBe('');
        expect(r.PricingUnit).not.toBe('');
        expect(r.PricingCategory).toBe('Standard');
      } else expect(r.PricingCategory).toBe('');
      if (r.ChargeCategory === 'Purchase') expect(r.ChargeFrequency).not.toBe('Usage-Based');
      if (r.ChargeCategory === 'Credit') expect(r.BilledCost!.startsWith('-')).toBe(true);
      // Unit price × pricing quantity is the cost exactly, whenever a unit price is given.
      if (r.ListUnitPrice !== '') {
        expect(compare(mul(parseDecimal(r.ListUnitPrice!), parseDecimal(r.PricingQuantity!)), parseDecimal(r.ListCost!))).toBe(0);
        expect(r.ContractedUnitPrice).toBe(r.ListUnitPrice);
      }
    }
    // identity's outage in October: a credit row per consumer of identity.
    expect(rows.filter((r) => r.ChargeCategory === 'Credit').map((r) => r.x_ServiceId)).toEqual(Array(9).fill('identity'));
  });

  it('adds up to the charges, credits and unallocated cost', () => {
    const every = everyModel();
    const focus = records(formatChargeback('focus', every));
    expect(sum(focus.map((r) => parseDecimal(r.BilledCost!)))).toEqual(parseDecimal('2685.70')); // 2 568.50 − 7.80 + 125.00
    const unallocated = focus.filter((r) => r.x_ChargeKind === 'unallocated');
    expect(unallocated.map((r) => [r.ChargeCategory, r.SubAccountId, r.BilledCost])).toEqual([
      ['Adjustment', '', '100.00'],
      ['Adjustment', '', '25.00'],
    ]);
  });

  it('maps a catalog category to FOCUS’s ServiceCategory only when it is one of its values', () => {
    expect(focusServiceCategory('Business Applications')).toBe('Business Applications');
    expect(focusServiceCategory('networking')).toBe('Networking');
    expect(focusServiceCategory('Identity & Security')).toBe('Other');
  });
});

describe('table', () => {
  it('has no escape codes without colour, and some with it', () => {
    const result = everyModel();
    expect(formatChargeback('table', result)).not.toContain('\u001b[');
    expect(formatChargeback('table', result, { color: true })).toContain('\u001b[');
  });
});
