import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, type Rule } from '../context.js';

/** A subscription's `to` is its last day (inclusive), so it cannot come before `from`. */
export const subscriptionDates: Rule = {
  id: 'subscription-dates',
  description: 'A subscription ends before it starts.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.consumers) {
      doc.spec.subscriptions?.forEach((sub, i) => {
        if (sub.to !== undefined && sub.to < sub.from) {
          diagnostics.push(
            diagnosticAt(source, ['spec', 'subscriptions', i, 'to'], 'subscription-dates', 'error', `subscription ends (${sub.to}) before it starts (${sub.from})`),
          );
        }
      });
    }
    return diagnostics;
  },
};
