export { buildReview, type BuildReviewOptions } from './build.js';
export { DEFAULT_MONTHS, MINIMUM_SAMPLE, type ReviewFilters, type ReviewOptions } from './context.js';
export * from './types.js';
