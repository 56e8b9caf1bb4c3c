import { describe, expect, it } from 'vitest';
import { formatTicketStoryText } from '../../../src/report/sla/index.js';
import { dstStory, sampleStory } from './sample.js';

describe('sla explain: text', () => {
  it('tells each clock segment by segment in aligned columns, naming holidays, and which priority chose the target', () => {
    expect(formatTicketStoryText(sampleStory(), { color: false })).toBe(
      [
        'INC0001234 — VPN drops every 10 minutes',
        'incident on vpn for finance, opened 2026-11-25 16:00 -05:00; as of 2026-12-31 12:00 -05:00',
        'priority P3 when opened; P2 from 2026-11-30 10:15 -05:00',
        '',
        'gold · resolution · P2 · target 8h on us-business-hours (America/New_York)',
        '  met — 5h25m of 8h used, 2h15m paused; stopped 2026-11-30 14:40 -05:00; due 2026-12-01 08:15 -05:00',
        '  target chosen by priority P2 at 2026-11-30 14:40 -05:00 (when the clock stopped)',
        "  the service's SLA",
        '  from              to                status             clock    calendar                   added  total',
        '  2026-11-25 16:00  2026-11-25 17:00  in-progress        running  working                    1h00m  1h00m',
        '  2026-11-25 17:00  2026-11-26 00:00  in-progress        running  outside hours                 0m  1h00m',
        '  2026-11-26 00:00  2026-11-27 00:00  in-progress        running  holiday: Thanksgiving Day     0m  1h00m',
        '  2026-11-27 00:00  2026-11-30 08:00  in-progress        running  outside hours                 0m  1h00m',
        '  2026-11-30 08:00  2026-11-30 10:15  awaiting-customer  paused   working                       0m  1h00m',
        '  2026-11-30 10:15  2026-11-30 14:40  in-progress        running  working                    4h25m  5h25m',
        '  2026-11-30 14:40  …                 resolved           stopped  —                             0m  5h25m',
        '',
      ].join('\n'),
    );
  });

  it('prints UTC offsets when they change within a story, and explains breached and paused clocks', () => {
    expect(formatTicketStoryText(dstStory())).toBe(
      [
        'INC0002000 — Core switch down',
        'incident on vpn, opened 2026-11-01 01:50 -04:00; as of 2026-11-01 01:10 -05:00',
        'priority P1',
        '',
        'gold · response · P1 · target 15m on around-the-clock (America/New_York)',
        '  breached — 20m of 15m used, 0m paused; breached 2026-11-01 01:05 -05:00; 2 cycles',
        '  target chosen by priority P1 at 2026-11-01 01:10 -05:00 (as of now)',
        "  the service's SLA",
        '  from                     to                       status  clock    calendar  added  total',
        '  2026-11-01 01:50 -04:00  2026-11-01 01:00 -05:00  new     running  working     10m    10m',
        '  2026-11-01 01:00 -05:00  …                        new     running  working     10m    20m',
        '',
        'gold · resolution · P1 · target 8h on around-the-clock (America/New_York)',
        '  running (warning) — 3h20m of 8h used, 30m paused; no due time while paused',
        '  target chosen by priority P1 at 2026-11-01 01:10 -05:00 (as of now)',
        "  the service's SLA",
        '  from                     to  status   clock   calendar                   added  total',
        '  2026-11-01 01:50 -04:00  …   on-hold  paused  special day: Election Day     0m  3h20m',
        '',
      ].join('\n'),
    );
  });

  it('shows the ticket in the zone it is given and says when no clock applies', () => {
    expect(formatTicketStoryText({ ...sampleStory(), clocks: [] }, { timeZone: 'Asia/Kolkata' })).toBe(
      [
        'INC0001234 — VPN drops every 10 minutes',
        'incident on vpn for finance, opened 2026-11-26 02:30 +05:30; as of 2026-12-31 22:30 +05:30',
        'priority P3 when opened; P2 from 2026-11-30 20:45 +05:30',
        '',
        'No SLA clock applies to this ticket.',
        '',
      ].join('\n'),
    );
  });

  it('colours the verdict, headings and column names only when asked', () => {
    const plain = formatTicketStoryText(sampleStory());
    expect(plain).not.toContain('\u001b[');
    const coloured = formatTicketStoryText(sampleStory(), { color: true });
    expect(coloured).toContain('  \u001b[32mmet\u001b[39m — 5h25m of 8h used');
    expect(coloured.split('\n')[0]).toBe('\u001b[1mINC0001234 — VPN drops every 10 minutes\u001b[22m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
