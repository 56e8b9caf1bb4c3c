import { describe, expect, it } from 'vitest';
import { formatSlaReportTable } from '../../../src/report/sla/index.js';
import { manyBreaches, sampleReport, summaryRow } from './sample.js';

describe('sla report: table', () => {
  it('prints a heading, a table per SLA, availability, breaches and a verdict', () => {
    expect(formatSlaReportTable(sampleReport(), { color: false })).toBe(
      [
        'SLA report — Acme Corp, 2026-10',
        '2026-10-01 00:00 -04:00 – 2026-11-01 00:00 -04:00 · as of 2026-11-15 09:00 -05:00 · times in America/New_York',
        '',
        'gold — Gold service level (sla)',
        '┌──────────┬──────────┬────────────┬────────┬───────────┬──────────┬─────┬──────────┬───────────────┬────────────┬────┐',
        '│ type     │ priority │ metric     │ target │ objective │ measured │ met │ breached │       running │ compliance │ ok │',
        '├──────────┼──────────┼────────────┼────────┼───────────┼──────────┼─────┼──────────┼───────────────┼────────────┼────┤',
        '│ incident │ P1       │ response   │    15m │       95% │       10 │   9 │        1 │             0 │      90.0% │ ✗  │',
        '│ incident │ P1       │ resolution │     4h │       95% │       10 │  10 │        0 │ 2 (1 warning) │     100.0% │ ✓  │',
        '└──────────┴──────────┴────────────┴────────┴───────────┴──────────┴─────┴──────────┴───────────────┴────────────┴────┘',
        '1 target with nothing measured or running not shown (--all lists them).',
        '',
        'desk — Service desk (ola)',
        '┌──────────┬──────────┬────────────┬────────┬───────────┬──────────┬─────┬──────────┬─────────┬────────────┬────┐',
        '│ type     │ priority │ metric     │ target │ objective │ measured │ met │ breached │ running │ compliance │ ok │',
        '├──────────┼──────────┼────────────┼────────┼───────────┼──────────┼─────┼──────────┼─────────┼────────────┼────┤',
        '│ incident │ P2       │ resolution │     8h │     99.5% │        3 │   3 │        0 │       0 │     100.0% │ ✓  │',
        '└──────────┴──────────┴────────────┴────────┴───────────┴──────────┴─────┴──────────┴─────────┴────────────┴────┘',
        '',
        'Availability',
        '┌─────────┬─────────┬────────┬──────────────┬──────────┬─────────────┬──────┬─────────┬────┐',
        '│ service │ window  │ target │ availability │ downtime │ budget left │ MTTR │    MTBF │ ok │',
        '├─────────┼─────────┼────────┼──────────────┼──────────┼─────────────┼──────┼─────────┼────┤',
        '│ email   │ 2026-10 │  99.5% │      100.00% │       0m │       3h43m │    — │       — │ ✓  │',
        '│ vpn     │ 2026-10 │ 99.95% │       99.89% │      45m │        -23m │  23m │ 371h38m │ ✗  │',
        '└─────────┴─────────┴────────┴──────────────┴──────────┴─────────────┴──────┴─────────┴────┘',
        '',
        'Breaches',
        '┌─────────┬─────────┬──────┬──────────┬──────────┬──────────────────┬─────────────────────────┐',
        '│ ticket  │ service │ sla  │ metric   │ priority │ elapsed / target │ breached at             │',
        '├─────────┼─────────┼──────┼──────────┼──────────┼──────────────────┼─────────────────────────┤',
        '│ INC0001 │ vpn     │ gold │ response │ P1       │        48m / 15m │ 2026-10-05 09:15 -04:00 │',
        '└─────────┴─────────┴──────┴──────────┴──────────┴──────────────────┴─────────────────────────┘',
        '',
        '1 target below objective; 1 availability window below target.',
        '',
      ].join('\n'),
    );
  });

  it('adds the grouping column first when the report is grouped', () => {
    const report = { ...sampleReport(), by: 'month' as const, summary: [summaryRow({ group: '2026-10', measured: 4, met: 4, compliancePercent: 100 })], availability: [], tickets: [] };
    expect(formatSlaReportTable(report).split('\n').slice(3, 9)).toEqual([
      'gold — Gold service level (sla)',
      '┌─────────┬──────────┬──────────┬────────────┬────────┬───────────┬──────────┬─────┬──────────┬─────────┬────────────┬────┐',
      '│ month   │ type     │ priority │ metric     │ target │ objective │ measured │ met │ breached │ running │ compliance │ ok │',
      '├─────────┼──────────┼──────────┼────────────┼────────┼───────────┼──────────┼─────┼──────────┼─────────┼────────────┼────┤',
      '│ 2026-10 │ incident │ P1       │ resolution │     4h │       95% │        4 │   4 │        0 │       0 │     100.0% │ ✓  │',
      '└─────────┴──────────┴──────────┴────────────┴────────┴───────────┴──────────┴─────┴──────────┴─────────┴────────────┴────┘',
    ]);
  });

  it('says so when nothing breached and every target is met', () => {
    const report = { ...sampleReport(), summary: [summaryRow({ measured: 1, met: 1, compliancePercent: 100 })], availability: [], tickets: [] };
    expect(formatSlaReportTable(report).split('\n').slice(-4)).toEqual(['Breaches: none', '', 'All targets met.', '']);
  });

  it('lists at most 50 breaches and says how many more there are', () => {
    const lines = formatSlaReportTable(manyBreaches(53)).split('\n');
    expect(lines.filter((l) => l.startsWith('│ INC'))).toHaveLength(50);
    expect(lines.at(-6)).toBe('│ INC0050 │ vpn     │ gold │ resolution │ P1       │       4h10m / 4h │ 2026-10-05 13:00 -04:00 │');
    expect(lines.slice(-4)).toEqual(['… and 3 more (use --format json for all)', '', '1 target below objective.', '']);
    expect(formatSlaReportTable(manyBreaches(50))).not.toContain('more (use');
  });

  it('shows instants in the zone it is given', () => {
    expect(formatSlaReportTable(sampleReport(), { timeZone: 'Europe/Berlin' }).split('\n')[1]).toBe(
      '2026-10-01 06:00 +02:00 – 2026-11-01 05:00 +01:00 · as of 2026-11-15 15:00 +01:00 · times in Europe/Berlin',
    );
    expect(formatSlaReportTable(sampleReport(), { timeZone: 'UTC' }).split('\n')[1]).toBe(
      '2026-10-01 04:00 +00:00 – 2026-11-01 04:00 +00:00 · as of 2026-11-15 14:00 +00:00 · times in UTC',
    );
  });

  it('colours marks, failures and headings only when asked', () => {
    const plain = formatSlaReportTable(sampleReport(), { color: false });
    expect(plain).not.toContain('\u001b[');
    expect(formatSlaReportTable(sampleReport())).toBe(plain);
    const coloured = formatSlaReportTable(sampleReport(), { color: true });
    expect(coloured).toContain('\u001b[32m✓\u001b[39m');
    expect(coloured).toContain('\u001b[31m✗\u001b[39m');
    expect(coloured).toContain('\u001b[31m90.0%\u001b[39m');
    expect(coloured).toContain('\u001b[31m-23m\u001b[39m');
    expect(coloured.split('\n').at(-2)).toBe('\u001b[31m\u001b[1m1 target below objective; 1 availability window below target.\u001b[22m\u001b[39m');
    // Escape codes take no room: the coloured table has the same shape as the plain one.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
