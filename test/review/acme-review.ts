import { openRepository } from '../../src/open-repository.js';
import { buildReview } from '../../src/practices/review/build.js';
import type { Review } from '../../src/practices/review/types.js';

let cached: Review | undefined;

/**
 * The review of examples/acme for November 2026, as of 6 December: a real repository (17 services, monthly and
 * quarterly availability windows, some 145 targets, records from July 2026), where long tables and crowded charts
 * show. Built once per test file; callers must not change it.
 */
export function acmeReview(): Review {
  if (cached === undefined) {
    const { repository } = openRepository('examples/acme');
    cached = buildReview(repository, { month: '2026-11', now: Date.parse('2026-12-06T00:00:00Z') });
  }
  return cached;
}
