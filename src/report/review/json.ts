import type { Review } from '../../practices/review/types.js';

/** The review as JSON: the `Review` object as it is, every field documented in docs/review.md. */
export function reviewJson(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
