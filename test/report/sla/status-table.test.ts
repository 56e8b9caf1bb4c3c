import { describe, expect, it } from 'vitest';
import { formatSlaStatusTable } from '../../../src/report/sla/index.js';
import { sampleStatus } from './sample.js';

describe('sla status: table', () => {
  it('lists the open clocks in the order given, with time left, due time and counts', () => {
    expect(formatSlaStatusTable(sampleStatus(), { color: false })).toBe(
      [
        'Open clocks as of 2026-10-06 09:30 -04:00 (America/New_York) — Acme Corp',
        '',
        '┌─────────┬──────────┬─────────┬──────┬────────────┬──────────┬─────────┬────────┬────────────────┬────────────────────────────┐',
        '│ ticket  │ priority │ service │ sla  │ metric     │ state    │ elapsed │ target │           left │ due                        │',
        '├─────────┼──────────┼─────────┼──────┼────────────┼──────────┼─────────┼────────┼────────────────┼────────────────────────────┤',
        '│ INC0007 │ P1       │ vpn     │ gold │ resolution │ breached │   6h10m │     4h │ -2h10m overdue │ 2026-10-06 07:20 -04:00    │',
        '│ INC0009 │ P1       │ vpn     │ gold │ response   │ warning  │     12m │    15m │             3m │ 2026-10-06 09:32:36 -04:00 │',
        '│ INC0008 │ P2       │ print   │ gold │ resolution │ running  │   1h00m │     8h │          7h00m │ paused                     │',
        '└─────────┴──────────┴─────────┴──────┴────────────┴──────────┴─────────┴────────┴────────────────┴────────────────────────────┘',
        '',
        '1 breached, 2 running (1 warning).',
        '',
      ].join('\n'),
    );
  });

  it('says so when no clock is open', () => {
    const status = { ...sampleStatus(), clocks: [], counts: { running: 0, warning: 0, breached: 0 } };
    expect(formatSlaStatusTable(status, { timeZone: 'Europe/London' })).toBe(
      ['Open clocks as of 2026-10-06 14:30 +01:00 (Europe/London) — Acme Corp', '', 'No open clocks.', ''].join('\n'),
    );
  });

  it('colours breached and warning clocks only when asked', () => {
    expect(formatSlaStatusTable(sampleStatus())).not.toContain('\u001b[');
    const coloured = formatSlaStatusTable(sampleStatus(), { color: true });
    expect(coloured).toContain('\u001b[31mbreached\u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toContain('\u001b[31m-2h10m overdue\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatSlaStatusTable(sampleStatus()));
  });
});
