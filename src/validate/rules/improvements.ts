import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { IMPROVEMENT_METRIC_UNITS, type ImprovementMetric } from '../../model/improvement.js';
import { diagnosticAt, type Rule } from '../context.js';

/**
 * The improvement register (docs/format.md, "Improvement"): what `itsm review` can measure and judge. The service and
 * the priority an improvement names are unknown-reference's and unknown-priority's.
 */

/** An improvement is due on or after the day it was raised (both are local dates, compared as written). */
export const improvementDates: Rule = {
  id: 'improvement-dates',
  description: 'An improvement due before the day it was raised.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.improvements) {
      const { raised, due } = doc.spec;
      if (due < raised) diagnostics.push(diagnosticAt(source, ['spec', 'due'], 'improvement-dates', 'error', `improvement is due (${due}) before it was raised (${raised})`));
    }
    return diagnostics;
  },
};

/**
 * The baseline and the target say which way is better (lower when the target is below the baseline): equal, they say
 * nothing, and the review could only call the improvement achieved on its first day. A percentage runs to 100.
 */
export const improvementTarget: Rule = {
  id: 'improvement-target',
  description: 'An improvement whose target equals its baseline, or a percentage metric with a baseline or target above 100.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.improvements) {
      const { metric, baseline, target } = doc.spec;
      if (IMPROVEMENT_METRIC_UNITS[metric] === 'percent') {
        for (const [field, value] of [['baseline', baseline], ['target', target]] as const) {
          if (value <= 100) continue;
          diagnostics.push(
            diagnosticAt(source, ['spec', field], 'improvement-target', 'error', `${field} ${value} is above 100, but ${metric} is a percentage`, {
              hint: 'write percentages from 0 to 100 (99.9 for 99.9 %)',
            }),
          );
        }
      }
      if (baseline === target) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'target'], 'improvement-target', 'error', `target ${target} equals the baseline, so there is nothing to improve`, {
            hint: 'set the target below the baseline for a figure that should fall, above it for one that should rise',
          }),
        );
      }
    }
    return diagnostics;
  },
};

/** The metrics measured over a service's time rather than its tickets: they need a service and take no priority. */
const SERVICE_TIME_METRICS: ReadonlySet<ImprovementMetric> = new Set(['availability', 'downtime']);

/** The metrics not measured per ticket priority: a service's time, and the changes (counted as `change report` does). */
const NOT_BY_PRIORITY: ReadonlySet<ImprovementMetric> = new Set(['availability', 'downtime', 'change-success-rate', 'change-failure-rate']);

/** An improvement's metric must be measurable as written: availability and downtime are a service's, per service. */
export const improvementMetric: Rule = {
  id: 'improvement-metric',
  description: 'An availability or downtime improvement without a service, or a priority on a metric that is not measured per priority.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.improvements) {
      const { metric, service, priority } = doc.spec;
      if (SERVICE_TIME_METRICS.has(metric) && service === undefined) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'metric'], 'improvement-metric', 'error', `${metric} is measured per service, but the improvement names no service`, {
            hint: 'add service: <id> of the service whose figure should move',
          }),
        );
      }
      if (NOT_BY_PRIORITY.has(metric) && priority !== undefined) {
        diagnostics.push(
          diagnosticAt(source, ['spec', 'priority'], 'improvement-metric', 'error', `${metric} is not measured per priority, so "priority" cannot narrow it`, {
            hint: 'remove priority',
          }),
        );
      }
    }
    return diagnostics;
  },
};

export const IMPROVEMENT_RULES: readonly Rule[] = [improvementDates, improvementTarget, improvementMetric];
