import { describe, expect, it } from 'vitest';
import { openRepository } from '../../src/open-repository.js';
import { buildReview } from '../../src/practices/review/build.js';
import { metricValue } from '../../src/practices/review/improvements.js';
import { at } from '../sla/helpers.js';

/**
 * The improvement register of examples/acme in its November 2026 review, through the narrowed reviews (one per
 * service and priority). This runs the section modules of the other parts of #15 (tickets.ts, clocks.ts): on this
 * branch alone they are stubs, so it passes once they are merged. The figures were worked out from
 * `itsm export tickets examples/acme --now 2026-12-01T05:00:00Z --format jsonl` and the tickets' timelines.
 */
describe('the improvement register of examples/acme, reviewed for November 2026', () => {
  const { repository } = openRepository('examples/acme');
  const now = at('2026-12-15T00:00:00Z');
  const review = buildReview(repository, { month: '2026-11', now });

  it('gives a verdict of each kind', () => {
    expect(review.improvements.map((r) => [r.improvement, r.current, r.verdict, r.progressPercent, r.fewerThanMinimum])).toEqual([
      // laptops, P3, resolution median: 21 clocks stopped in November, the median 499 business minutes;
      // (750 − 499) ÷ (750 − 540) = 251 ÷ 210 = 119.5 %.
      ['CSI-001', 499, 'achieved', 119.5, false],
      // first contact, the organisation: 86 of the 161 incidents and requests first resolved in November = 53.4 %;
      // (50 − 53.4) ÷ (50 − 65) = 22.7 %, due 2027-03-31.
      ['CSI-002', 53.4, 'on-track', 22.7, false],
      // vpn incidents opened in November: 9, as in August; due 2026-10-31 and still open: (9 − 9) ÷ 5 = 0 %.
      ['CSI-003', 9, 'overdue', 0, false],
      // email incidents opened in November: 13; due 2026-11-15, done: (19 − 13) ÷ (19 − 10) = 66.7 %.
      ['CSI-004', 13, 'missed', 66.7, false],
    ]);
  });

  it('reads a service’s figure as the review narrowed to that service gives it', () => {
    const vpn = buildReview(repository, { month: '2026-11', now, filters: { service: ['vpn'] } });
    expect(metricValue(vpn, 'incidents').value).toBe(9);
    const laptopsP3 = buildReview(repository, { month: '2026-11', now, filters: { service: ['laptops'], priority: ['P3'] } });
    expect(metricValue(laptopsP3, 'resolution-median')).toEqual({ value: 499, sample: 21 });
  });
});
