import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDecimal, sum } from '../../src/chargeback/money.js';
import type { ChargebackJson } from '../../src/report/chargeback/index.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync, type CliResult } from '../helpers/cli.js';

// `itsm chargeback`, run as a user runs it (the built CLI, NO_COLOR=1), with stdout, stderr and the exit status
// asserted together. Figures are worked out by hand from the YAML; the arithmetic is in the comments.

const ACME = join(REPO_ROOT, 'examples', 'acme');
const EVERY_MODEL = join(REPO_ROOT, 'test', 'fixtures', 'chargeback', 'every-model');
const LEAP_DAY = join(REPO_ROOT, 'test', 'fixtures', 'chargeback', 'leap-day');

// Runs start together: each costs about half a second of start-up.
const runs = new Map<string, Promise<CliResult>>();
function run(...args: string[]): Promise<CliResult> {
  const key = args.join('\u0000');
  let result = runs.get(key);
  if (!result) {
    result = runCliAsync(['chargeback', ...args]);
    runs.set(key, result);
  }
  return result;
}
const acme = (...args: string[]) => run(ACME, '--period', '2026-11', ...args);

/** The block of one consumer in the table: from its heading to its "Net:" line. */
function block(stdout: string, consumer: string): string {
  const start = stdout.indexOf(`\n${consumer} — `);
  const end = stdout.indexOf('\n', stdout.indexOf('\nNet: ', start) + 1);
  return stdout.slice(start + 1, end);
}

/** RFC 4180 records (no newlines inside fields in these outputs). */
function records(csv: string): Array<Record<string, string>> {
  const parse = (line: string) => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        out.push(field);
        field = '';
      } else field += c;
    }
    out.push(field);
    return out;
  };
  const [head, ...rows] = csv.trimEnd().split('\n');
  const columns = parse(head!);
  return rows.map((row) => Object.fromEntries(parse(row).map((v, i) => [columns[i]!, v])));
}

const total = (values: string[]) => sum(values.map((v) => parseDecimal(v)));

describe('itsm chargeback examples/acme --period 2026-11', { timeout: E2E_TIMEOUT }, () => {
  it('prints legal’s statement, every line worked out by hand', async () => {
    const result = await acme();
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('Chargeback — ACME Corporation, 2026-11\n2026-11-01 to 2026-11-30 (30 days) · amounts in USD · America/New_York\n\n')).toBe(true);
    // November 2026 has 30 days; legal is subscribed to all of it. Shares are of 9 consumers with 1 449 people.
    // backup    allocation by backup-gb: 60 000/year → 5 000.00 + 2 800.00 = 7 800.00 × 1 425 ÷ 153 826 GB
    //           = 72.2570 → 72.25, plus the largest-remainder cent → 72.26
    // collab.   tiers on all 1 349 users: 100 × 9.00 + 400 × 7.50 + 849 × 6.00 = 8 994.00; × 18 ÷ 1 349 = 120.0089
    //           → 120.00 + the cent → 120.01
    // dns       36 000/year → 3 000.00 ÷ 9 = 333.33 (the 3 odd cents went to berlin-rnd, customer-support, engineering)
    // email     18 × 6.50 = 117.00
    // identity  8 700 + 26 000 + 12% of the desk's 69 200.00 (8 304.00) = 43 004.00 × 18 ÷ 1 449 = 534.2112 → 534.21
    // laptops   18 × 45.00 = 810.00
    // network   18 500 + 96 000/12 + 42 000 + 8% of the desk (5 536.00) = 74 036.00 × 18 ÷ 1 449 = 919.7019 → 919.70
    // printing  1 413 pages × 0.04 = 56.52
    // storage   tiers on 99 752 GB-month: 10 000 × 0.08 + 40 000 × 0.06 + 49 752 × 0.04 = 5 190.08; × 951 ÷ 99 752
    //           = 49.4804 → 49.48
    // telephony 15 × 12.00 = 180.00
    // vpn       250.00
    // Total 72.26 + 120.01 + 333.33 + 117.00 + 534.21 + 810.00 + 919.70 + 56.52 + 49.48 + 180.00 + 250.00 = 3 442.51;
    // no credits: every availability window of November met its SLA.
    expect(block(result.stdout, 'legal')).toBe(
      [
        'legal — Legal & Compliance · cost center CC-1300',
        '┌───────────────┬───────────────────────────────┬─────────────────┬────────────┬──────────┬─────────┐',
        '│ service       │ model                         │        quantity │ unit price │   amount │ credits │',
        '├───────────────┼───────────────────────────────┼─────────────────┼────────────┼──────────┼─────────┤',
        '│ backup        │ allocation: backup-gb 0.9264% │ 1,425 backup-gb │          — │    72.26 │         │',
        '│ collaboration │ per-unit, tiered              │         18 user │     tiered │   120.01 │         │',
        '│ dns           │ allocation: even 11.1111%     │         1 share │          — │   333.33 │         │',
        '│ email         │ per-unit                      │      18 mailbox │       6.50 │   117.00 │         │',
        '│ identity      │ allocation: headcount 1.2422% │       18 person │          — │   534.21 │         │',
        '│ laptops       │ per-unit                      │       18 device │      45.00 │   810.00 │         │',
        '│ network       │ allocation: headcount 1.2422% │       18 person │          — │   919.70 │         │',
        '│ printing      │ usage                         │      1,413 page │       0.04 │    56.52 │         │',
        '│ storage       │ usage, tiered                 │    951 GB-month │     tiered │    49.48 │         │',
        '│ telephony     │ per-unit                      │    15 extension │      12.00 │   180.00 │         │',
        '│ vpn           │ fixed                         │         1 month │     250.00 │   250.00 │         │',
        '│ total         │                               │                 │            │ 3,442.51 │    0.00 │',
        '└───────────────┴───────────────────────────────┴─────────────────┴────────────┴──────────┴─────────┘',
        'Net: 3,442.51 USD',
      ].join('\n'),
    );
  });

  it('prints finance’s statement, whose total is worked out by hand', async () => {
    const result = await acme();
    // backup    7 800.00 × 10 006 ÷ 153 826 = 507.3707 → 507.37
    // collab.   8 994.00 × 85 ÷ 1 349 = 566.7087 → 566.70 + the largest-remainder cent → 566.71
    // dns       333.33
    // email     85 × 6.50 = 552.50
    // erp       allocation by SAP users: 420 000/12 + 68 000 + 10% of the desk (6 920.00) = 109 920.00 × 70 ÷ 343
    //           = 22 432.6531 → 22 432.65
    // hosting   31 412 vCPU-hours × 0.045 = 1 413.54
    // hr-system 400.00
    // identity  43 004.00 × 85 ÷ 1 449 = 2 522.6639 → 2 522.66
    // laptops   88 × 45.00 = 3 960.00
    // mobile    REQ0001281, a replacement smartphone resolved on 2026-11-06: 1 × 650.00
    // network   74 036.00 × 85 ÷ 1 449 = 4 343.0366 → 4 343.03 + the cent → 4 343.04
    // printing  4 297 × 0.04 = 171.88
    // storage   5 190.08 × 6 325 ÷ 99 752 = 329.0887 → 329.08 + the cent → 329.09
    // telephony 60 × 12.00 = 720.00
    // vpn       250.00
    // Total 39 152.77.
    const finance = block(result.stdout, 'finance');
    expect(finance.split('\n').slice(-3)).toEqual([
      '│ total          │                                     │                  │            │ 39,152.77 │    0.00 │',
      '└────────────────┴─────────────────────────────────────┴──────────────────┴────────────┴───────────┴─────────┘',
      'Net: 39,152.77 USD',
    ]);
    expect(finance).toContain('│ mobile-devices │ per-request: smartphone-replacement │        1 request │     650.00 │    650.00 │         │');
    expect(finance).toContain('│ erp            │ allocation: units 20.4082%          │          70 unit │          — │ 22,432.65 │         │');
  });

  it('prints the unallocated cost, the grand total and the cost recovery of each service', async () => {
    const { stdout } = await acme();
    // The desk keeps 5% of its 69 200.00 (3 460.00) and allocates it by tickets: 7 service-desk tickets were opened
    // in November, 2 without a consumer → 2/7 = 988.57 unallocated.
    expect(stdout).toContain('│ service-desk │ allocation: tickets 28.5714% │ 2 ticket │          — │ 988.57 │         │');
    expect(stdout).toContain('\nTotal: charged 349,418.12 · credits 0.00 · due 349,418.12 USD · unallocated 988.57\n');
    expect(stdout).toContain('│ service-desk   │ allocation  │  69,200.00 │ -65,740.00 │   3,460.00 │   2,471.43 │    0.00 │      988.57 │     -988.57 │');
    expect(stdout).toContain('│ crm            │ per-unit    │  30,000.00 │       0.00 │  30,000.00 │       0.00 │    0.00 │        0.00 │  -30,000.00 │');
    expect(stdout.endsWith('balance = charged + credits − cost: + over-recovered, − under-recovered\n')).toBe(true);
  });

  it('--format json: the same totals, money as decimal strings', async () => {
    const result = await acme('--format', 'json');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as ChargebackJson;
    expect(result.stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
    expect(json.version).toBe(1);
    expect(json.period).toEqual({ label: '2026-11', from: '2026-11-01', to: '2026-12-01', start: '2026-11-01T04:00:00Z', end: '2026-12-01T05:00:00Z' });
    const consumer = (id: string) => json.consumers.find((c) => c.consumer === id);
    expect(consumer('legal')).toEqual({ consumer: 'legal', name: 'Legal & Compliance', costCenter: 'CC-1300', charged: '3442.51', credits: '0.00', total: '3442.51' });
    expect(consumer('finance')).toMatchObject({ charged: '39152.77', total: '39152.77' });
    expect(json.totals).toEqual({ charged: '349418.12', credits: '0.00', total: '349418.12', unallocated: '988.57' });
    const legalNetwork = json.lines.find((l) => l.consumer === 'legal' && l.service === 'network');
    expect(legalNetwork).toMatchObject({ driver: 'headcount', driverQuantity: '18', driverTotal: '1449', costBasis: '74036.00', amount: '919.70' });
  });

  it('--format csv: one row per charge line, adding up to the statements', async () => {
    const result = await acme('--format', 'csv');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const rows = records(result.stdout);
    expect(total(rows.filter((r) => r.consumer === 'legal').map((r) => r.amount!))).toEqual(parseDecimal('3442.51'));
    expect(total(rows.filter((r) => r.consumer === 'finance').map((r) => r.amount!))).toEqual(parseDecimal('39152.77'));
    expect(total(rows.map((r) => r.amount!))).toEqual(parseDecimal('350406.69')); // 349 418.12 charged + 988.57 unallocated
  });

  it('--format markdown: a statement per consumer that passes markdownlint', async () => {
    const result = await acme('--format', 'markdown');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(lint({ strings: { acme: result.stdout } }).acme).toEqual([]);
    expect(result.stdout).toContain(
      [
        '## Legal &amp; Compliance (legal)',
        '',
        'Cost center CC-1300. Period 2026-11-01 to 2026-11-30 (30 days).',
        '',
        '|service|model|quantity|unit&nbsp;price|amount|credits|',
        '|---|---|---:|---:|---:|---:|',
        '|backup|allocation:&nbsp;backup-gb&nbsp;0.9264%|1,425&nbsp;backup-gb|—|72.26||',
      ].join('\n'),
    );
    expect(result.stdout).toContain('|total||||3,442.51|0.00|\n\nCharges 3,442.51, credits 0.00; total due **3,442.51 USD**.\n');
  });

  it('--format focus: FOCUS columns, one row per line, the consumers as sub accounts', async () => {
    const result = await acme('--format', 'focus');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.slice(0, result.stdout.indexOf('\n'))).toBe(
      'BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,' +
        'ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ContractedCost,' +
        'ContractedUnitPrice,EffectiveCost,InvoiceIssuerName,ListCost,ListUnitPrice,PricingCategory,PricingQuantity,PricingUnit,' +
        'ProviderName,PublisherName,ServiceCategory,ServiceName,SubAccountId,SubAccountName,x_ChargeKind,x_CostCenter,' +
        'x_PricingModel,x_ServiceCategoryName,x_ServiceId',
    );
    const rows = records(result.stdout);
    expect(total(rows.filter((r) => r.SubAccountId === 'legal').map((r) => r.BilledCost!))).toEqual(parseDecimal('3442.51'));
    expect(rows.find((r) => r.SubAccountId === 'legal' && r.x_ServiceId === 'email')).toMatchObject({
      ChargeCategory: 'Purchase',
      ChargeFrequency: 'Recurring',
      PricingQuantity: '18',
      PricingUnit: 'Mailbox-Months',
      ListUnitPrice: '6.50',
      BilledCost: '117.00',
      ChargePeriodStart: '2026-11-01T04:00:00Z',
      ChargePeriodEnd: '2026-12-01T05:00:00Z',
      SubAccountName: 'Legal & Compliance',
      x_CostCenter: 'CC-1300',
    });
  });
});

describe('itsm chargeback examples/acme --period 2026-10: service credits', { timeout: E2E_TIMEOUT }, () => {
  it('returns 5% of identity’s charges: 99.679% availability is below gold’s 99.9%', async () => {
    const result = await run(ACME, '--period', '2026-10', '--consumer', 'finance,legal', '--service', 'identity');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    // finance: 2 522.66 × 5% = 126.133 → 126.13; legal: 534.21 × 5% = 26.7105 → 26.71 (the same identity shares as in
    // November: 43 004.00 by headcount).
    // Net 2 522.66 − 126.13 = 2 396.53 and 534.21 − 26.71 = 507.50.
    expect(result.stdout).toBe(`Chargeback — ACME Corporation, 2026-10
2026-10-01 to 2026-10-31 (31 days) · amounts in USD · America/New_York

finance — Finance & Controlling · cost center CC-1100
┌──────────┬───────────────────────────────┬────────────────┬────────────┬──────────┬─────────┐
│ service  │ model                         │       quantity │ unit price │   amount │ credits │
├──────────┼───────────────────────────────┼────────────────┼────────────┼──────────┼─────────┤
│ identity │ allocation: headcount 5.8661% │      85 person │          — │ 2,522.66 │         │
│ identity │ credit 5%: 99.679% < 99.9%    │ 5% of 2,522.66 │            │          │ -126.13 │
│ total    │                               │                │            │ 2,522.66 │ -126.13 │
└──────────┴───────────────────────────────┴────────────────┴────────────┴──────────┴─────────┘
Net: 2,396.53 USD

legal — Legal & Compliance · cost center CC-1300
┌──────────┬───────────────────────────────┬──────────────┬────────────┬────────┬─────────┐
│ service  │ model                         │     quantity │ unit price │ amount │ credits │
├──────────┼───────────────────────────────┼──────────────┼────────────┼────────┼─────────┤
│ identity │ allocation: headcount 1.2422% │    18 person │          — │ 534.21 │         │
│ identity │ credit 5%: 99.679% < 99.9%    │ 5% of 534.21 │            │        │  -26.71 │
│ total    │                               │              │            │ 534.21 │  -26.71 │
└──────────┴───────────────────────────────┴──────────────┴────────────┴────────┴─────────┘
Net: 507.50 USD

Total: charged 3,056.87 · credits -152.84 · due 2,904.03 USD
`);
    // --consumer narrows the view to statements: no recovery table, which is about every consumer.
    expect(result.stdout).not.toContain('Cost recovery by service');
  });
});

describe('itsm chargeback on small fixtures', { timeout: E2E_TIMEOUT }, () => {
  it('every-model: every pricing model, unallocated cost, a credit, worked out by hand', async () => {
    const result = await run(EVERY_MODEL, '--period', '2026-11');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    // November 2026, 30 days, UTC.
    // desk: 1 000.00; mail carries 40% (400.00), laptops 30% (300.00); 300.00 stay, split by tickets opened in
    //   November: INC1 finance, INC2 sales, INC3 no consumer (INC4 is cancelled) → 100.00 each, 100.00 unallocated.
    // files: 80 + 70 = 150 GB-month: 100 × 0.10 + 50 × 0.05 = 12.50, shared 80 : 70 → 6.666… and 5.833…;
    //   floors 6.66 + 5.83 = 12.49, the cent to finance's larger remainder → 6.67 and 5.83. (The October record
    //   and the gb-scanned record do not count.)
    // laptops: REQ1 finance laptop 1 450.00; REQ2 sales mouse 25.00 (reopened, resolved again: charged once);
    //   REQ4 mouse with no consumer 25.00 unallocated; REQ3 was resolved in October, REQ5 cancelled.
    // mail: finance 20 × 6.50 = 130.00; sales 12 mailboxes until 10 November: 12 × 10 ÷ 30 × 6.50 = 26.00.
    //   INC5: 60 minutes down of 43 200 → 99.861% < 99.9% → 5%: 6.50 and 1.30.
    // net: 600.00 by headcount; sales (10) joins on the 11th: finance 10/30 + 20/30 × 20/30 = 7/9 → 466.67,
    //   sales 20/30 × 10/30 = 2/9 → 133.33.
    // vpn: finance from the 16th: 250.00 × 15/30 = 125.00.
    // finance 100.00 + 6.67 + 1 450.00 + 130.00 + 466.67 + 125.00 = 2 278.34 − 6.50 = 2 271.84;
    // sales 100.00 + 5.83 + 25.00 + 26.00 + 133.33 = 290.16 − 1.30 = 288.86.
    expect(result.stdout).toBe(`Chargeback — Small Org, 2026-11
2026-11-01 to 2026-11-30 (30 days) · amounts in USD · UTC

finance — Finance · cost center CC-100
┌─────────┬────────────────────────────────┬──────────────┬────────────┬──────────┬─────────┐
│ service │ model                          │     quantity │ unit price │   amount │ credits │
├─────────┼────────────────────────────────┼──────────────┼────────────┼──────────┼─────────┤
│ desk    │ allocation: tickets 33.3333%   │     1 ticket │          — │   100.00 │         │
│ files   │ usage, tiered                  │  80 GB-month │     tiered │     6.67 │         │
│ laptops │ per-request: laptop            │    1 request │   1,450.00 │ 1,450.00 │         │
│ mail    │ per-unit                       │   20 mailbox │       6.50 │   130.00 │         │
│ mail    │ credit 5%: 99.861% < 99.9%     │ 5% of 130.00 │            │          │   -6.50 │
│ net     │ allocation: headcount 77.7778% │    20 person │          — │   466.67 │         │
│ vpn     │ fixed                          │  15/30 month │     250.00 │   125.00 │         │
│ total   │                                │              │            │ 2,278.34 │   -6.50 │
└─────────┴────────────────────────────────┴──────────────┴────────────┴──────────┴─────────┘
Net: 2,271.84 USD

sales — Sales · cost center CC-200
┌─────────┬────────────────────────────────┬───────────────┬────────────┬────────┬─────────┐
│ service │ model                          │      quantity │ unit price │ amount │ credits │
├─────────┼────────────────────────────────┼───────────────┼────────────┼────────┼─────────┤
│ desk    │ allocation: tickets 33.3333%   │      1 ticket │          — │ 100.00 │         │
│ files   │ usage, tiered                  │   70 GB-month │     tiered │   5.83 │         │
│ laptops │ per-request: mouse             │     1 request │      25.00 │  25.00 │         │
│ mail    │ per-unit                       │     4 mailbox │       6.50 │  26.00 │         │
│ mail    │ credit 5%: 99.861% < 99.9%     │   5% of 26.00 │            │        │   -1.30 │
│ net     │ allocation: headcount 22.2222% │ 6.6667 person │          — │ 133.33 │         │
│ total   │                                │               │            │ 290.16 │   -1.30 │
└─────────┴────────────────────────────────┴───────────────┴────────────┴────────┴─────────┘
Net: 288.86 USD

Unallocated: cost that no consumer carries
┌─────────┬──────────────────────────────┬───────────┬────────────┬────────┬─────────┐
│ service │ model                        │  quantity │ unit price │ amount │ credits │
├─────────┼──────────────────────────────┼───────────┼────────────┼────────┼─────────┤
│ desk    │ allocation: tickets 33.3333% │  1 ticket │          — │ 100.00 │         │
│ laptops │ per-request: mouse           │ 1 request │      25.00 │  25.00 │         │
│ total   │                              │           │            │ 125.00 │    0.00 │
└─────────┴──────────────────────────────┴───────────┴────────────┴────────┴─────────┘

Total: charged 2,568.50 · credits -7.80 · due 2,560.70 USD · unallocated 125.00

Cost recovery by service
┌─────────┬─────────────┬──────────┬─────────┬──────────┬──────────┬─────────┬─────────────┬───────────┐
│ service │ model       │ own cost │  shares │     cost │  charged │ credits │ unallocated │   balance │
├─────────┼─────────────┼──────────┼─────────┼──────────┼──────────┼─────────┼─────────────┼───────────┤
│ desk    │ allocation  │ 1,000.00 │ -700.00 │   300.00 │   200.00 │    0.00 │      100.00 │   -100.00 │
│ files   │ usage       │     0.00 │    0.00 │     0.00 │    12.50 │    0.00 │        0.00 │    +12.50 │
│ laptops │ per-request │     0.00 │ +300.00 │   300.00 │ 1,475.00 │    0.00 │       25.00 │ +1,175.00 │
│ mail    │ per-unit    │     0.00 │ +400.00 │   400.00 │   156.00 │   -7.80 │        0.00 │   -251.80 │
│ net     │ allocation  │   600.00 │    0.00 │   600.00 │   600.00 │    0.00 │        0.00 │      0.00 │
│ vpn     │ fixed       │     0.00 │    0.00 │     0.00 │   125.00 │    0.00 │        0.00 │   +125.00 │
│ total   │             │ 1,600.00 │    0.00 │ 1,600.00 │ 2,568.50 │   -7.80 │      125.00 │   +960.70 │
└─────────┴─────────────┴──────────┴─────────┴──────────┴──────────┴─────────┴─────────────┴───────────┘
balance = charged + credits − cost: + over-recovered, − under-recovered
`);
  });

  it('every-model --by service: a block per service, unallocated rows included', async () => {
    const result = await run(EVERY_MODEL, '--period', '2026-11', '--by', 'service');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      [
        'laptops — Laptops · per-request',
        '┌───────────────┬─────────────────────┬───────────┬────────────┬──────────┬─────────┐',
        '│ consumer      │ model               │  quantity │ unit price │   amount │ credits │',
        '├───────────────┼─────────────────────┼───────────┼────────────┼──────────┼─────────┤',
        '│ finance       │ per-request: laptop │ 1 request │   1,450.00 │ 1,450.00 │         │',
        '│ sales         │ per-request: mouse  │ 1 request │      25.00 │    25.00 │         │',
        '│ (unallocated) │ per-request: mouse  │ 1 request │      25.00 │    25.00 │         │',
        '│ total         │                     │           │            │ 1,500.00 │    0.00 │',
        '└───────────────┴─────────────────────┴───────────┴────────────┴──────────┴─────────┘',
      ].join('\n'),
    );
  });

  it('every-model --by consumer,service --format json: groups per consumer and service', async () => {
    const result = await run(EVERY_MODEL, '--period', '2026-11', '--by', 'consumer,service', '--format', 'json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as ChargebackJson;
    expect(json.by).toBe('consumer,service');
    expect(json.groups.filter((g) => g.consumer === 'sales')).toEqual([
      { consumer: 'sales', service: 'desk', charged: '100.00', credits: '0.00', unallocated: '0.00', total: '100.00' },
      { consumer: 'sales', service: 'files', charged: '5.83', credits: '0.00', unallocated: '0.00', total: '5.83' },
      { consumer: 'sales', service: 'laptops', charged: '25.00', credits: '0.00', unallocated: '0.00', total: '25.00' },
      { consumer: 'sales', service: 'mail', charged: '26.00', credits: '-1.30', unallocated: '0.00', total: '24.70' },
      { consumer: 'sales', service: 'net', charged: '133.33', credits: '0.00', unallocated: '0.00', total: '133.33' },
    ]);
  });

  it('leap-day: proration across a month boundary and 2028-02-29', async () => {
    const result = await run(LEAP_DAY, '--period', '2028-Q1');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    // Subscribed 2028-02-29 to 2028-03-01 (inclusive): 1 day of February's 29, 1 of March's 31.
    // seats 3 × 29.00: February 87 ÷ 29 = 3.00, March 87 ÷ 31 = 2.806… → 2.81.
    // support 290.00: February ÷ 29 = 10.00, March ÷ 31 = 9.354… → 9.35. Total 25.16 EUR.
    // support costs 3 650.00 a year = 365 000 cents ÷ 12 = 30 416.67: January–August 304.17, the rest 304.16;
    // the quarter 3 × 304.17 = 912.51.
    expect(result.stdout).toBe(`Chargeback — Lab Org, 2028-Q1
2028-01-01 to 2028-03-31 (91 days) · amounts in EUR · Europe/Berlin

lab — Research lab · cost center CC-900
┌─────────┬─────────┬──────────┬──────────────────┬────────────┬────────┬─────────┐
│ service │ month   │ model    │         quantity │ unit price │ amount │ credits │
├─────────┼─────────┼──────────┼──────────────────┼────────────┼────────┼─────────┤
│ seats   │ 2028-02 │ per-unit │ 3 seat-days ÷ 29 │      29.00 │   3.00 │         │
│ seats   │ 2028-03 │ per-unit │ 3 seat-days ÷ 31 │      29.00 │   2.81 │         │
│ support │ 2028-02 │ fixed    │       1/29 month │     290.00 │  10.00 │         │
│ support │ 2028-03 │ fixed    │       1/31 month │     290.00 │   9.35 │         │
│ total   │         │          │                  │            │  25.16 │    0.00 │
└─────────┴─────────┴──────────┴──────────────────┴────────────┴────────┴─────────┘
Net: 25.16 EUR

Total: charged 25.16 · credits 0.00 · due 25.16 EUR · unallocated 0.00

Cost recovery by service
┌─────────┬──────────┬──────────┬────────┬────────┬─────────┬─────────┬─────────────┬─────────┐
│ service │ model    │ own cost │ shares │   cost │ charged │ credits │ unallocated │ balance │
├─────────┼──────────┼──────────┼────────┼────────┼─────────┼─────────┼─────────────┼─────────┤
│ seats   │ per-unit │     0.00 │   0.00 │   0.00 │    5.81 │    0.00 │        0.00 │   +5.81 │
│ support │ fixed    │   912.51 │   0.00 │ 912.51 │   19.35 │    0.00 │        0.00 │ -893.16 │
│ total   │          │   912.51 │   0.00 │ 912.51 │   25.16 │    0.00 │        0.00 │ -887.35 │
└─────────┴──────────┴──────────┴────────┴────────┴─────────┴─────────┴─────────────┴─────────┘
balance = charged + credits − cost: + over-recovered, − under-recovered
`);
  });
});

describe('itsm chargeback options', { timeout: E2E_TIMEOUT }, () => {
  const usage = async (args: string[], message: string) => {
    const result = await run(...args);
    expect(result).toEqual({ status: 2, stdout: '', stderr: `itsm: ${message}\n` });
  };

  it('refuses --by with csv and focus, which always have one row per charge line', () =>
    usage([EVERY_MODEL, '--by', 'service', '--format', 'csv'], '--by applies to --format table, json, markdown; csv always has one row per charge line'));

  it('refuses instants for --from/--to: charges are computed in whole days', () =>
    usage([EVERY_MODEL, '--from', '2026-11-01T00:00:00Z', '--to', '2026-12-01'], '--from: expected a date (2026-11-01) but found "2026-11-01T00:00:00Z"; charges are computed in whole days'));

  it('refuses a malformed period, and --period with --from', async () => {
    await usage([EVERY_MODEL, '--period', '2026-13'], '--period: expected a month (2026-10), a quarter (2026-Q4), a year (2026) or a relative period (this-month, last-month, this-quarter, last-quarter, this-year, last-year) but found "2026-13"');
    await usage([EVERY_MODEL, '--period', '2026-11', '--from', '2026-11-01', '--to', '2026-12-01'], 'use either --period or --from/--to, not both');
  });

  it('refuses an unknown consumer or service rather than printing an empty statement', async () => {
    await usage([EVERY_MODEL, '--period', '2026-11', '--consumer', 'finanse'], '--consumer: no consumer "finanse" (known: finance, sales)');
    await usage([EVERY_MODEL, '--period', '2026-11', '--service', 'email'], '--service: no service "email" (known: desk, files, laptops, mail, net, vpn)');
  });

  it('refuses an unknown format or --by value (commander)', async () => {
    const result = await run(EVERY_MODEL, '--format', 'xlsx');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("error: option '-f, --format <format>' argument 'xlsx' is invalid. Allowed choices are table, json, csv, markdown, focus, parquet.");
  });

  it('takes a period of dates: --from included, --to excluded', async () => {
    const result = await run(EVERY_MODEL, '--from', '2026-11-16', '--to', '2026-12-01', '--service', 'vpn', '--format', 'csv');
    expect(result.status).toBe(0);
    // 16–30 November: finance's whole VPN subscription, 15 of 30 days → 125.00.
    expect(records(result.stdout).map((r) => [r.consumer, r.start, r.end, r.unitDays, r.monthDays, r.amount])).toEqual([['finance', '2026-11-16', '2026-12-01', '15', '30', '125.00']]);
  });

  it('prints no figure from a repository with errors: exit 1, the errors on stderr', async () => {
    const result = await run(join(REPO_ROOT, 'test', 'fixtures', 'validate', 'subscription-units'), '--period', '2026-03');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error  subscription to "email" has no "units", but its per-unit pricing charges per mailbox  subscription-units');
    expect(result.stderr).toContain('has 1 error(s); fix them');
  });
});

describe('itsm chargeback --out', { timeout: E2E_TIMEOUT }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'itsm-chargeback-out-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('writes the file and nothing to stdout; refuses to replace it without --force', async () => {
    const file = join(temp, 'statements.md');
    const expected = await run(EVERY_MODEL, '--period', '2026-11', '--format', 'markdown');
    expect(await runCliAsync(['chargeback', EVERY_MODEL, '--period', '2026-11', '--format', 'markdown', '--out', file])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(expected.stdout);
    const again = await runCliAsync(['chargeback', EVERY_MODEL, '--period', '2026-11', '--format', 'focus', '--out', file]);
    expect(again).toEqual({ status: 2, stdout: '', stderr: `itsm: ${file} already exists; use --force to replace it\n` });
    const forced = await runCliAsync(['chargeback', EVERY_MODEL, '--period', '2026-11', '--format', 'focus', '--out', file, '--force']);
    expect(forced).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8').startsWith('BilledCost,')).toBe(true);
  });

  it('a usage error writes no file', async () => {
    const file = join(temp, 'never.csv');
    const result = await runCliAsync(['chargeback', EVERY_MODEL, '--period', '2026-13', '--out', file]);
    expect(result.status).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});
