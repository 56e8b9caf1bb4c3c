import type { Review } from '../../practices/review/types.js';
import { reviewHtml } from './html.js';
import { reviewJson } from './json.js';
import { reviewMarkdown } from './markdown.js';

export const REVIEW_FORMATS = ['markdown', 'html', 'json'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** The review in `format`: a Markdown document, one self-contained HTML page, or its JSON. */
export function formatReview(format: ReviewFormat, review: Review): string {
  switch (format) {
    case 'markdown':
      return reviewMarkdown(review);
    case 'html':
      return reviewHtml(review);
    case 'json':
      return reviewJson(review);
  }
}
