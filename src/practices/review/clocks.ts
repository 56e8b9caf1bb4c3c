import type { SlaReport } from '../../sla/report.js';
import type { ReviewContext } from './context.js';
import type { ClockSections } from './sections.js';

/** Speed, service levels per month, availability, the worst five and the breakdown's clock figures, from the report's clocks. */
export function clockSections(report: SlaReport, context: ReviewContext): ClockSections {
  void report;
  void context;
  throw new Error('clockSections: not written yet');
}
