import type { ReviewContext } from './context.js';
import type { ServiceLevelSection } from './types.js';

/** The service credits owed for the availability windows that end within the review's months. */
export function serviceCredits(context: ReviewContext): ServiceLevelSection['credits'] {
  void context;
  throw new Error('serviceCredits: not written yet');
}
