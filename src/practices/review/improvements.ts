import type { SlaReport } from '../../sla/report.js';
import type { ReviewContext } from './context.js';
import type { ImprovementRow, Review } from './types.js';

/** Each improvement of the register, measured over the reviewed month and judged (docs/review.md, "Improvement register"). */
export function measureImprovements(review: Omit<Review, 'improvements'>, report: SlaReport, context: ReviewContext): ImprovementRow[] {
  void review;
  void report;
  void context;
  throw new Error('measureImprovements: not written yet');
}
