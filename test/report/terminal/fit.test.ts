import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChargeback } from '../../../src/chargeback/build.js';
import { openRepository } from '../../../src/open-repository.js';
import { formatChargebackTable } from '../../../src/report/chargeback/index.js';
import { formatSlaReportTable, formatSlaStatusTable, formatTicketStoryText } from '../../../src/report/sla/index.js';
import { displayWidth } from '../../../src/report/terminal-text.js';
import { explainTicket } from '../../../src/sla/explain.js';
import { resolvePeriod } from '../../../src/sla/period.js';
import { buildSlaReport } from '../../../src/sla/report.js';
import { buildSlaStatus } from '../../../src/sla/status.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { clockRow, sampleStatus, sampleStory } from '../sla/sample.js';

// Every human format fits the width it is given: no line wider, measured in terminal columns (a CJK character is two),
// at the widths people's terminals have. Without a width the full layout is printed, as before.

const ACME = openRepository(join(REPO_ROOT, 'examples', 'acme')).repository;
const at = (iso: string) => Date.parse(iso);
const WIDTHS = [60, 80, 100, 120] as const;

function widest(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

function quarter(label: string) {
  const period = resolvePeriod({ period: label }, ACME.config.timeZone, at('2027-01-05T00:00:00Z'));
  if ('error' in period) throw new Error(period.error);
  return period;
}

const q4 = quarter('2026-Q4');
const outputs: Record<string, (width: number | undefined) => string> = {
  'sla report (2026-Q4)': (width) => formatSlaReportTable(buildSlaReport(ACME, { period: q4, asOf: q4.to }), width === undefined ? {} : { width }),
  'sla report --by service': (width) => formatSlaReportTable(buildSlaReport(ACME, { period: q4, asOf: q4.to, by: 'service' }), width === undefined ? {} : { width }),
  'sla report --all': (width) => formatSlaReportTable(buildSlaReport(ACME, { period: q4, asOf: q4.to }), { allTargets: true, ...(width === undefined ? {} : { width }) }),
  'sla status': (width) => formatSlaStatusTable(buildSlaStatus(ACME, at('2026-12-31T17:00:00Z')), width === undefined ? {} : { width }),
  'sla explain INC9000001': (width) => formatTicketStoryText(explainTicket(ACME, 'INC9000001', at('2027-01-01T05:00:00Z'))!, width === undefined ? {} : { width }),
  'chargeback (2026-11)': (width) => formatChargebackTable(buildChargeback(ACME, { period: { label: '2026-11', from: '2026-11-01', to: '2026-12-01' } }), width === undefined ? {} : { width }),
  'chargeback --by service (2026-Q4)': (width) =>
    formatChargebackTable(buildChargeback(ACME, { period: { label: '2026-Q4', from: '2026-10-01', to: '2027-01-01' }, by: 'service' }), width === undefined ? {} : { width }),
};

describe.each(Object.entries(outputs))('%s', (_, format) => {
  const full = format(undefined);

  it.each(WIDTHS)('has no line wider than %i columns', (width) => {
    expect(widest(format(width))).toBeLessThanOrEqual(width);
  });

  it('is the full layout without a width, and with a width it is as wide as', () => {
    expect(format(widest(full))).toBe(full);
  });
});

describe('the full layout is too wide for 80 columns: that is what the widths are for', () => {
  it('sla report is 113 wide, sla status about 200 (it has the title and status now)', () => {
    expect(widest(outputs['sla report (2026-Q4)']!(undefined))).toBeGreaterThan(110);
    expect(widest(outputs['sla status']!(undefined))).toBeGreaterThan(150);
  });
});

describe('narrow layouts keep what matters', () => {
  it('sla status at 80: ticket, title, status, state and time left; the sla comes back at 100, the metric at 120', () => {
    const at80 = outputs['sla status']!(80).split('\n');
    expect(at80[3]).toMatch(/^│ ticket +│ title +│ status +│ state +│ +time │$/);
    expect(at80.find((l) => l.startsWith('│ INC0001645'))).toMatch(/^│ INC0001645 │ Outlook keeps as… │ awaiting-cus… │ paused +│ +16h 33m left │$/);
    expect(outputs['sla status']!(100).split('\n')[3]).toMatch(/│ status +│ sla +│ state/);
    expect(outputs['sla status']!(120).split('\n')[3]).toMatch(/│ prio │ title +│ status +│ sla +│ metric +│ state/);
  });

  it('sla report at 80 keeps the target, objective, breaches and compliance of each target', () => {
    expect(outputs['sla report (2026-Q4)']!(80).split('\n').find((l) => l.startsWith('│ type'))).toBe('│ type     │ prio │ metric     │ target │ obj │ breached │  met % │ ok │');
  });

  it('cuts wide titles by display width, and keeps every row of a table as wide as the others', () => {
    const status = sampleStatus();
    status.clocks[0] = { ...status.clocks[0]!, title: '東京オフィスのVPNが十分ごとに切断される' };
    for (const width of WIDTHS) {
      const table = formatSlaStatusTable(status, { width }).split('\n').filter((l) => /^[┌│├└]/.test(l));
      expect(new Set(table.map(displayWidth)), `width ${width}`).toEqual(new Set([displayWidth(table[0]!)]));
      expect(displayWidth(table[0]!)).toBeLessThanOrEqual(width);
    }
  });

  it('sla explain at 60 wraps its prose with hanging indents and narrows the segment table', () => {
    const lines = formatTicketStoryText(sampleStory(), { width: 60 }).split('\n');
    expect(lines.slice(7, 14)).toEqual([
      '  met — 5h25m of 8h used, 2h15m paused;',
      '    stopped 2026-11-30 14:40 -05:00;',
      '    due 2026-12-01 08:15 -05:00',
      '  target chosen by priority P2 at 2026-11-30 14:40 -05:00',
      '    (when the clock stopped)',
      "  the service's SLA",
      '  from              status       clock    calendar     total',
    ]);
    expect(widest(lines.join('\n'))).toBeLessThanOrEqual(60);
  });

  it('a clock row used in the tables is the same whatever the width', () => {
    // The formatters never change the result they are given.
    const row = clockRow({});
    const copy = structuredClone(row);
    formatSlaStatusTable({ ...sampleStatus(), clocks: [{ ...row, leftMinutes: 1, paused: false, currentStatus: 'new' }] }, { width: 60 });
    expect(row).toEqual(copy);
  });
});
