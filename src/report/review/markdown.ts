import type { Review } from '../../practices/review/types.js';

export function reviewMarkdown(review: Review): string {
  void review;
  throw new Error('reviewMarkdown: not written yet');
}
