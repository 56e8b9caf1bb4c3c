import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChargebackJson } from '../../src/report/chargeback/index.js';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

// `itsm chargeback` on a repository with dated price versions (test/fixtures/chargeback/price-versions), run as a user
// runs it: stdout, stderr and the exit status together. The arithmetic is in the comments.

const PRICE_VERSIONS = join(REPO_ROOT, 'test', 'fixtures', 'chargeback', 'price-versions');
const run = (...args: string[]) => runCliAsync(['chargeback', PRICE_VERSIONS, ...args]);

describe('itsm chargeback with price versions', () => {
  it(
    'splits the month where a price changes and names the version of each line in the table',
    async () => {
      const result = await run('--period', '2027-01', '--consumer', 'sales,support');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      // email 6.50 to the 15th, 7.00 from the 16th (January: 31 days).
      //   sales 20 mailboxes: 300 mailbox-days × 6.50 ÷ 31 = 62.9032, 320 × 7.00 ÷ 31 = 72.2581; together 135.1613
      //   → 135.16, split by the exact parts (largest remainder): 62.90 and 72.26.
      //   support 10 mailboxes from the 11th: 50 × 6.50 ÷ 31 = 10.4839, 160 × 7.00 ÷ 31 = 36.1290; together 46.6129
      //   → 46.61: 10.48 and 36.13.
      // vpn 260.00 from 2027-01-01 (was 250.00): the whole month at the new price, no split.
      expect(result.stdout).toBe(`Chargeback — Lab Org, 2027-01
2027-01-01 to 2027-01-31 (31 days) · amounts in EUR · Europe/Berlin

sales — Sales · cost center CC-100
┌─────────┬─────────────────────────────────┬───────────────────────┬────────────┬────────┬─────────┐
│ service │ model                           │              quantity │ unit price │ amount │ credits │
├─────────┼─────────────────────────────────┼───────────────────────┼────────────┼────────┼─────────┤
│ email   │ per-unit                        │ 300 mailbox-days ÷ 31 │       6.50 │  62.90 │         │
│ email   │ per-unit, price from 2027-01-16 │ 320 mailbox-days ÷ 31 │       7.00 │  72.26 │         │
│ vpn     │ fixed, price from 2027-01-01    │               1 month │     260.00 │ 260.00 │         │
│ total   │                                 │                       │            │ 395.16 │    0.00 │
└─────────┴─────────────────────────────────┴───────────────────────┴────────────┴────────┴─────────┘
Net: 395.16 EUR

support — Customer support · cost center CC-200
┌─────────┬─────────────────────────────────┬───────────────────────┬────────────┬────────┬─────────┐
│ service │ model                           │              quantity │ unit price │ amount │ credits │
├─────────┼─────────────────────────────────┼───────────────────────┼────────────┼────────┼─────────┤
│ email   │ per-unit                        │  50 mailbox-days ÷ 31 │       6.50 │  10.48 │         │
│ email   │ per-unit, price from 2027-01-16 │ 160 mailbox-days ÷ 31 │       7.00 │  36.13 │         │
│ total   │                                 │                       │            │  46.61 │    0.00 │
└─────────┴─────────────────────────────────┴───────────────────────┴────────────┴────────┴─────────┘
Net: 46.61 EUR

Total: charged 441.77 · credits 0.00 · due 441.77 EUR
`);
    },
    E2E_TIMEOUT,
  );

  it(
    'JSON and CSV carry priceVersion on every line; the month before the change is at the base price',
    async () => {
      const json = await run('--from', '2026-12-01', '--to', '2027-02-01', '--service', 'email', '--format', 'json');
      expect(json.stderr).toBe('');
      expect(json.status).toBe(0);
      const lines = (JSON.parse(json.stdout) as ChargebackJson).lines;
      // December: 20 × 6.50 = 130.00 for sales, nothing for support (not yet subscribed).
      expect(lines.map((l) => [l.consumer, l.period, l.start, l.end, l.amount, l.priceVersion])).toEqual([
        ['sales', '2026-12', '2026-12-01', '2027-01-01', '130.00', null],
        ['sales', '2027-01', '2027-01-01', '2027-01-16', '62.90', null],
        ['sales', '2027-01', '2027-01-16', '2027-02-01', '72.26', '2027-01-16'],
        ['support', '2027-01', '2027-01-01', '2027-01-16', '10.48', null],
        ['support', '2027-01', '2027-01-16', '2027-02-01', '36.13', '2027-01-16'],
      ]);

      const csv = await run('--period', '2027-01', '--consumer', 'support', '--format', 'csv');
      expect(csv.stderr).toBe('');
      expect(csv.status).toBe(0);
      expect(csv.stdout).toBe(
        'kind,consumer,consumerName,costCenter,service,serviceName,serviceCategory,model,period,start,end,description,quantity,unit,unitPrice,amount,unitDays,monthDays,tiered,serviceQuantity,serviceAmount,offering,offeringName,tickets,driver,metric,driverQuantity,driverTotal,share,costBasis,sla,availability,below,creditPercent,creditBasis,priceVersion\n' +
          'charge,support,Customer support,CC-200,email,Email,Communication,per-unit,2027-01,2027-01-01,2027-01-16,1.6129 mailbox (50 mailbox-days ÷ 31 days) × 6.50 per month (base price),1.612903,mailbox,6.50,10.48,50,31,false,,,,,,,,,,,,,,,,,\n' +
          'charge,support,Customer support,CC-200,email,Email,Communication,per-unit,2027-01,2027-01-16,2027-02-01,5.1613 mailbox (160 mailbox-days ÷ 31 days) × 7.00 per month (price from 2027-01-16),5.16129,mailbox,7.00,36.13,160,31,false,,,,,,,,,,,,,,,,,2027-01-16\n',
      );
    },
    E2E_TIMEOUT,
  );
});
