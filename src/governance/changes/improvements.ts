import type { ImprovementDocument } from '../../model/improvement.js';
import type { KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { scalarChange, textChange } from './words.js';

/**
 * The improvement register (docs/review.md, "Improvement register"): a moved target or due date changes the verdict
 * the next review gives, so each field is said on its own ("target 480 → 420", "due 2026-12-31 → 2027-03-31").
 */
export const improvements: KindDescriber<ImprovementDocument> = {
  kind: 'Improvement',
  changed(before, after) {
    const b = before.spec;
    const a = after.spec;
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...scalarChange('title', 'title', b.title, a.title),
      ...textChange('description', 'description', b.description, a.description),
      ...scalarChange('owner', 'owner', b.owner, a.owner),
      ...scalarChange('service', 'service', b.service, a.service, ORGANISATION),
      ...scalarChange('metric', 'metric', b.metric, a.metric),
      ...scalarChange('priority', 'priority', b.priority, a.priority, EVERY_PRIORITY),
      ...scalarChange('baseline', 'baseline', String(b.baseline), String(a.baseline)),
      ...scalarChange('target', 'target', String(b.target), String(a.target)),
      ...scalarChange('raised', 'raised', b.raised, a.raised),
      ...scalarChange('due', 'due', b.due, a.due),
      ...scalarChange('status', 'status', b.status, a.status, 'open'),
    ];
  },
  added(doc) {
    const s = doc.spec;
    const scope = [s.service ?? ORGANISATION, ...(s.priority ? [s.priority] : [])].join(' ');
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${s.metric} of ${scope}, ${s.baseline} → ${s.target} by ${s.due})` }];
  },
  removed() {
    // Nothing names an improvement: taking one out of the register leaves nothing behind.
    return [];
  },
};

const ORGANISATION = 'the organisation';
const EVERY_PRIORITY = 'every priority';
