import type { ReviewContext } from './context.js';
import type { ChangeSection, ProblemSection } from './types.js';

/** Change success and failure per month; null when the repository has no change record. */
export function changeSection(context: ReviewContext): ChangeSection | null {
  void context;
  throw new Error('changeSection: not written yet');
}

/** Problems opened and resolved and known errors added per month; null when the repository has no problem. */
export function problemSection(context: ReviewContext): ProblemSection | null {
  void context;
  throw new Error('problemSection: not written yet');
}
