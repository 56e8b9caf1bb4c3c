import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean, diagnosticAt, relatedAt, type Rule } from '../context.js';
import type { FactsContext, TicketRule } from '../ticket-rule.js';
import { findCycles } from '../graph.js';

/**
 * Groups form a tree (teams within departments): a report that rolls a team's figures up to its parents walks the
 * `parent` chain, which must end at a group without one. Each cycle is reported once, at the `parent` of its
 * alphabetically first group, naming every member.
 */
export const groupCycles: Rule = {
  id: 'group-cycle',
  description: 'Groups are each other\'s parents in a cycle.',
  check({ groups }) {
    const parentOf = (id: string): readonly string[] => {
      const parent = groups.get(id)?.doc.spec.parent;
      return parent === undefined ? [] : [parent];
    };
    return findCycles(groups.keys(), parentOf).map((ordered) => {
      const first = ordered[0]!;
      const message = ordered.length === 1 ? `group "${first}" is its own parent` : `group parents form a cycle: ${[...ordered, first].join(' → ')}`;
      return diagnosticAt(groups.get(first)!.source, ['spec', 'parent'], 'group-cycle', 'error', message, {
        hint: 'the parent chain must end at a group without "parent"; remove or correct one of these parents',
        related: ordered.slice(1).map((member, i) => relatedAt(groups.get(member)!.source, ['spec', 'parent'], `the parent of ${member} is ${ordered[(i + 2) % ordered.length]!}`)),
      });
    });
  },
};

/** Other places listed under the first, so that an assignee named on a thousand tickets gets a short note. */
const MORE_PLACES_SHOWN = 3;

/**
 * Where a ticket names an assignee who is not a member of the group holding it: the ticket's document, the timeline
 * event (-1 for the ticket's own `assignee`) and the ticket's id.
 */
type AssigneePlace = [document: number, event: number, ticket: string];

/**
 * One file's assignments of `name` while `group` held the ticket: how many, and the first places (as many as a
 * diagnostic names: the first and MORE_PLACES_SHOWN others).
 */
export interface UnknownAssigneeFacts {
  file: string;
  group: string;
  name: string;
  count: number;
  places: AssigneePlace[];
}

/** The member names of each group that lists members, by group id; built once per definitions context. */
const membersOf = new WeakMap<FactsContext['groups'], Map<string, Set<string>>>();

function groupMembers(groups: FactsContext['groups']): Map<string, Set<string>> {
  let members = membersOf.get(groups);
  if (members === undefined) {
    members = new Map();
    for (const [id, { doc }] of groups) if ((doc.spec.members ?? []).length > 0) members.set(id, new Set(doc.spec.members!.map((m) => m.name)));
    membersOf.set(groups, members);
  }
  return members;
}

/**
 * An assignee is a member of the group that holds the ticket: a name that is not among the group's members is usually
 * a typo, a person who changed teams, or a reassignment whose group was not recorded. Checked where a ticket names an
 * assignee (`assignee` when opened, or a timeline event's), against the group holding the ticket at that moment (the
 * event's own `group` when it has one), and only for groups that list their members. A warning: the clocks do not
 * depend on it. Reported once per group and name, at the first place, with the number of places.
 */
export const unknownAssignee: TicketRule<UnknownAssigneeFacts[]> = {
  id: 'unknown-assignee',
  description: 'A ticket names an assignee who is not a member of the group holding the ticket at that moment (warning).',
  facts({ groups }, { file, tickets }) {
    const members = groupMembers(groups);
    if (members.size === 0) return [];
    const found = new Map<string, UnknownAssigneeFacts>();
    // Checked before anything is allocated: on a year of tickets nearly every assignment is fine.
    const isStranger = (group: string | undefined, name: string | undefined): boolean => {
      if (group === undefined || name === undefined) return false;
      const names = members.get(group);
      return names !== undefined && !names.has(name);
    };
    const record = (group: string, name: string, document: number, event: number, ticket: string) => {
      const key = `${group}\u0000${name}`;
      const entry = found.get(key);
      if (entry === undefined) found.set(key, { file, group, name, count: 1, places: [[document, event, ticket]] });
      else if (entry.count++ <= MORE_PLACES_SHOWN) entry.places.push([document, event, ticket]);
    };
    for (const { source, doc } of tickets) {
      const { spec } = doc;
      let group = spec.group;
      if (isStranger(group, spec.assignee)) record(group!, spec.assignee!, source.document, -1, doc.metadata.id);
      const timeline = spec.timeline ?? [];
      for (let i = 0; i < timeline.length; i++) {
        const event = timeline[i]!;
        if (event.group !== undefined) group = event.group;
        if (isStranger(group, event.assignee)) record(group!, event.assignee!, source.document, i, doc.metadata.id);
      }
    }
    return [...found.values()];
  },
  check({ groups }, facts) {
    // Merged in file order, so that the first place and the places listed are the first in the repository's order.
    const merged = new Map<string, { group: string; name: string; count: number; places: Array<{ file: string; place: AssigneePlace }> }>();
    for (const fileFacts of facts) {
      for (const { file, group, name, count, places } of fileFacts) {
        const key = `${group}\u0000${name}`;
        let entry = merged.get(key);
        if (entry === undefined) merged.set(key, (entry = { group, name, count: 0, places: [] }));
        entry.count += count;
        for (const place of places) if (entry.places.length <= MORE_PLACES_SHOWN) entry.places.push({ file, place });
      }
    }
    const members = groupMembers(groups);
    const diagnostics: Diagnostic[] = [];
    const at = ({ file, place: [document, event] }: { file: string; place: AssigneePlace }) => ({
      source: { file, document },
      path: event < 0 ? ['spec', 'assignee'] : ['spec', 'timeline', event, 'assignee'],
    });
    for (const { group, name, count: total, places } of merged.values()) {
      const [first, ...others] = places;
      if (!first) continue;
      const hidden = total - 1 - MORE_PLACES_SHOWN;
      const count = total > 1 ? ` (${total} assignments, this one first)` : '';
      const hint = (didYouMean(name, members.get(group)!) ?? `add "${name}" to the members of group ${group}, or correct the name`) + (hidden > 0 ? ` (${hidden} more not listed)` : '');
      const { source, path } = at(first);
      diagnostics.push(
        diagnosticAt(source, path, 'unknown-assignee', 'warning', `assignee "${name}" is not a member of group "${group}", which holds the ticket at that moment${count}`, {
          hint,
          related: [
            relatedAt(groups.get(group)!.source, ['spec', 'members'], `the members of ${group}`),
            ...others.slice(0, MORE_PLACES_SHOWN).map((p) => {
              const { source, path } = at(p);
              return relatedAt(source, path, `ticket ${p.place[2]} too`);
            }),
          ],
        }),
      );
    }
    return diagnostics;
  },
};
