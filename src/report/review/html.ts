import type { Review } from '../../practices/review/types.js';

export function reviewHtml(review: Review): string {
  void review;
  throw new Error('reviewHtml: not written yet');
}
