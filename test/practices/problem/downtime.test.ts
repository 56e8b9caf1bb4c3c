import { describe, expect, it } from 'vitest';
import { downtimeOf, unionLength } from '../../../src/practices/problem/downtime.js';
import { outage } from './tickets.js';

const H = 3_600_000;
const M = 60_000;
const AS_OF = Date.parse('2026-07-01T00:00:00Z');

describe('downtimeOf', () => {
  it('counts overlapping outages on one service once', () => {
    // mail 08:00-10:00 and 09:00-11:30 overlap 09:00-10:00: the union is 08:00-11:30 = 3h30m (not 2h + 2h30m = 4h30m).
    const { total, services } = downtimeOf(
      [
        { service: 'mail', outage: outage('2026-03-01T08:00:00Z', '2026-03-01T10:00:00Z') },
        { service: 'mail', outage: outage('2026-03-01T09:00:00Z', '2026-03-01T11:30:00Z') },
      ],
      AS_OF,
    );
    expect(total).toEqual({ downMs: 3 * H + 30 * M, degradedMs: 0 });
    expect(services.get('mail')).toEqual({ downMs: 3 * H + 30 * M, degradedMs: 0 });
  });

  it('adds up outages on different services, even at the same time', () => {
    // mail 08:00-10:00 (2h) and crm 08:00-10:00 (2h): two services down, 4h in all.
    const { total } = downtimeOf(
      [
        { service: 'mail', outage: outage('2026-03-01T08:00:00Z', '2026-03-01T10:00:00Z') },
        { service: 'crm', outage: outage('2026-03-01T08:00:00Z', '2026-03-01T10:00:00Z') },
      ],
      AS_OF,
    );
    expect(total.downMs).toBe(4 * H);
  });

  it('counts degraded time only where the service was not also down', () => {
    // degraded 08:00-12:00 (4h) around down 09:00-10:00 (1h): down 1h, degraded 4h - 1h = 3h.
    const { total } = downtimeOf(
      [
        { service: 'mail', outage: outage('2026-03-01T08:00:00Z', '2026-03-01T12:00:00Z', 'degraded') },
        { service: 'mail', outage: outage('2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z', 'down') },
      ],
      AS_OF,
    );
    expect(total).toEqual({ downMs: H, degradedMs: 3 * H });
  });

  it('runs an outage without an end to the instant, and counts nothing of one that starts after it', () => {
    // 2026-06-30T22:00 open-ended, as of 2026-07-01T00:00: 2h. One starting 2026-07-02 counts 0.
    const { total } = downtimeOf(
      [
        { service: 'mail', outage: outage('2026-06-30T22:00:00Z', undefined) },
        { service: 'mail', outage: outage('2026-07-02T00:00:00Z', '2026-07-02T05:00:00Z') },
      ],
      AS_OF,
    );
    expect(total.downMs).toBe(2 * H);
  });

  it('counts two outages at the same instant once', () => {
    const same = outage('2026-03-01T08:00:00Z', '2026-03-01T08:45:00Z');
    expect(downtimeOf([{ service: 'mail', outage: same }, { service: 'mail', outage: same }], AS_OF).total.downMs).toBe(45 * M);
  });
});

describe('unionLength', () => {
  it('merges touching, nested and unsorted intervals', () => {
    // [5,10) and [0,5) touch: [0,10); [2,3) is inside; [20,25) apart: 10 + 5 = 15.
    expect(unionLength([[5, 10], [20, 25], [0, 5], [2, 3]])).toBe(15);
    expect(unionLength([])).toBe(0);
  });
});
