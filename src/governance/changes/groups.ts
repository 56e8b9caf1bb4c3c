import type { GroupDocument } from '../../model/group.js';
import type { ChangeDetail } from '../changes.js';
import type { KindDescriber } from './match.js';
import { metadataChanges } from './metadata.js';
import { removedDetails } from './refs.js';
import { count, scalarChange, textChange } from './words.js';

type Member = NonNullable<GroupDocument['spec']['members']>[number];

/** Assignment groups (docs/sla.md, "Assignment groups and OLAs"): their calendar, parent, manager and members. */
export const groups: KindDescriber<GroupDocument> = {
  kind: 'Group',
  changed(before, after) {
    const b = before.spec;
    const a = after.spec;
    return [
      ...metadataChanges(before.metadata, after.metadata),
      ...textChange('description', 'description', b.description, a.description),
      ...scalarChange('calendar', 'calendar', b.calendar, a.calendar),
      ...scalarChange('parent', 'parent', b.parent, a.parent),
      ...scalarChange('manager', 'manager', b.manager, a.manager),
      ...memberChanges(b.members ?? [], a.members ?? []),
    ];
  },
  added(doc) {
    const parts = [count(doc.spec.members?.length ?? 0, 'member'), ...(doc.spec.calendar ? [`calendar ${doc.spec.calendar}`] : [])];
    return [{ field: '', before: null, after: doc.metadata.id, text: `added (${parts.join(', ')})` }];
  },
  removed(doc, context) {
    return removedDetails(context.head, 'Group', doc.metadata.id);
  },
};

function memberChanges(before: Member[], after: Member[]): ChangeDetail[] {
  const was = new Map(before.map((m) => [m.name, m]));
  const now = new Map(after.map((m) => [m.name, m]));
  const details: ChangeDetail[] = [];
  for (const [name, a] of now) {
    const b = was.get(name);
    if (!b) details.push({ field: `members.${name}`, before: null, after: name, text: `member ${name} added` });
    else details.push(...scalarChange(`members.${name}.email`, `member ${name} email`, b.email, a.email));
  }
  for (const name of was.keys()) if (!now.has(name)) details.push({ field: `members.${name}`, before: name, after: null, text: `member ${name} removed` });
  return details;
}
