import { describe, expect, it } from 'vitest';
import { formatSlaStatusTable } from '../../../src/report/sla/index.js';
import { sampleStatus } from './sample.js';

describe('sla status: table', () => {
  it('lists the open clocks in the order given, with title, status, state, time left, due time and counts', () => {
    // One unit system per duration column: INC0007 used 370 = 6h 10m of 240 = 4h, 130 = 2h 10m overdue; INC0008 is
    // paused (state "paused", no due time), 480 − 60 = 420 = 7h left.
    expect(formatSlaStatusTable(sampleStatus(), { color: false })).toBe(
      [
        'Open clocks as of 2026-10-06 09:30 -04:00 (America/New_York) — Acme Corp',
        '',
        '┌─────────┬──────────┬────────────────────────────┬───────────────────┬─────────┬──────┬────────────┬──────────┬─────────┬────────┬────────────────┬────────────────────────────┐',
        '│ ticket  │ priority │ title                      │ status            │ service │ sla  │ metric     │ state    │ elapsed │ target │           time │ due                        │',
        '├─────────┼──────────┼────────────────────────────┼───────────────────┼─────────┼──────┼────────────┼──────────┼─────────┼────────┼────────────────┼────────────────────────────┤',
        '│ INC0007 │ P1       │ VPN drops every 10 minutes │ in-progress       │ vpn     │ gold │ resolution │ breached │  6h 10m │     4h │ 2h 10m overdue │ 2026-10-06 07:20 -04:00    │',
        '│ INC0009 │ P1       │ VPN drops every 10 minutes │ in-progress       │ vpn     │ gold │ response   │ warning  │     12m │    15m │        3m left │ 2026-10-06 09:32:36 -04:00 │',
        '│ INC0008 │ P2       │ +1 for the printer         │ awaiting-customer │ print   │ gold │ resolution │ paused   │      1h │     8h │        7h left │ —                          │',
        '└─────────┴──────────┴────────────────────────────┴───────────────────┴─────────┴──────┴────────────┴──────────┴─────────┴────────┴────────────────┴────────────────────────────┘',
        '',
        '1 breached, 1 running (1 warning), 1 paused.',
        '',
      ].join('\n'),
    );
  });

  it('says so when no clock is open', () => {
    const status = { ...sampleStatus(), clocks: [], counts: { running: 0, warning: 0, breached: 0, paused: 0 } };
    expect(formatSlaStatusTable(status, { timeZone: 'Europe/London' })).toBe(
      ['Open clocks as of 2026-10-06 14:30 +01:00 (Europe/London) — Acme Corp', '', 'No open clocks.', ''].join('\n'),
    );
  });

  it('colours breached and warning clocks only when asked', () => {
    expect(formatSlaStatusTable(sampleStatus())).not.toContain('\u001b[');
    const coloured = formatSlaStatusTable(sampleStatus(), { color: true });
    expect(coloured).toContain('\u001b[31mbreached\u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toContain('\u001b[31m2h 10m overdue\u001b[39m');
    expect(coloured).toContain('\u001b[36mpaused\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatSlaStatusTable(sampleStatus()));
  });
});
