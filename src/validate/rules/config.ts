import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

/**
 * The clocks need exactly one initial status (where every ticket starts, and leaving it stops the response clock) and
 * at least one status that stops resolution. Ids must be unique so that a timeline means one thing.
 */
export const configVocabulary: Rule = {
  id: 'config-vocabulary',
  description: 'itsm.yaml defines statuses or priorities that the clocks cannot work with (duplicates, no initial or no resolved status).',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    const source = repository.configSource;
    if (!source) return diagnostics;
    const { statuses, priorities } = repository.config;
    for (const [field, list] of [['statuses', statuses], ['priorities', priorities]] as const) {
      const seen = new Map<string, number>();
      list.forEach((item, i) => {
        const first = seen.get(item.id);
        if (first === undefined) seen.set(item.id, i);
        else
          diagnostics.push(
            diagnosticAt(source, ['spec', field, i, 'id'], 'config-vocabulary', 'error', `"${item.id}" is defined twice in ${field}`, {
              related: [relatedAt(source, ['spec', field, first, 'id'], 'first definition')],
            }),
          );
      });
    }
    const initial = statuses.filter((s) => s.category === 'new');
    if (initial.length !== 1) {
      diagnostics.push(
        diagnosticAt(source, ['spec', 'statuses'], 'config-vocabulary', 'error', `expected exactly one status with category "new" (where tickets start) but found ${initial.length}`),
      );
    }
    if (!statuses.some((s) => s.category === 'resolved' || s.category === 'closed')) {
      diagnostics.push(diagnosticAt(source, ['spec', 'statuses'], 'config-vocabulary', 'error', 'no status has category "resolved" or "closed", so no resolution clock could stop'));
    }
    return diagnostics;
  },
};
