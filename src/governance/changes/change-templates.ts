import type { ChangeTemplateDocument } from '../../model/change-template.js';
import type { ChangeContext, KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { count, listChanges, sameDuration, scalarChange, textChange, valueChange } from './words.js';

/**
 * Change templates (docs/change.md): the pre-approved model of a standard change. Widening one (more services, a
 * higher risk, a longer window) widens what is approved without a CAB, so each of those is said field by field.
 */
export const changeTemplates: KindDescriber<ChangeTemplateDocument> = {
  kind: 'ChangeTemplate',
  changed(before, after) {
    const b = before.spec;
    const a = after.spec;
    const duration =
      b.maxDuration !== undefined && a.maxDuration !== undefined && sameDuration(b.maxDuration, a.maxDuration)
        ? []
        : scalarChange('maxDuration', 'longest window', b.maxDuration, a.maxDuration);
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...textChange('description', 'description', b.description, a.description),
      ...listChanges('services', 'service', b.services, a.services),
      ...(b.risk === a.risk ? [] : [valueChange('risk', 'risk', b.risk, a.risk)]),
      ...duration,
      ...textChange('implementation', 'implementation plan', b.implementation, a.implementation),
      ...textChange('backout', 'back-out plan', b.backout, a.backout),
    ];
  },
  added(doc) {
    const parts = [`risk ${doc.spec.risk}`, count(doc.spec.services.length, 'service'), ...(doc.spec.maxDuration ? [`at most ${doc.spec.maxDuration}`] : [])];
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${parts.join(', ')})` }];
  },
  removed(doc, context: ChangeContext) {
    const following = context.head.tickets.filter((t) => t.doc.spec.change?.template === doc.metadata.id).length;
    return following === 0 ? [] : [{ field: '', before: doc.metadata.id, after: null, text: `removed; ${count(following, 'change')} still ${following === 1 ? 'follows' : 'follow'} it` }];
  },
};
