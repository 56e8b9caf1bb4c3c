import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceRef } from '../../model/repository.js';
import { didYouMean, diagnosticAt, relatedAt, type Rule } from '../context.js';
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
 * An assignee is a member of the group that holds the ticket: a name that is not among the group's members is usually
 * a typo, a person who changed teams, or a reassignment whose group was not recorded. Checked where a ticket names an
 * assignee (`assignee` when opened, or a timeline event's), against the group holding the ticket at that moment (the
 * event's own `group` when it has one), and only for groups that list their members. A warning: the clocks do not
 * depend on it. Reported once per group and name, at the first place, with the number of places.
 */
export const unknownAssignee: Rule = {
  id: 'unknown-assignee',
  description: 'A ticket names an assignee who is not a member of the group holding the ticket at that moment (warning).',
  check({ repository, groups }) {
    const members = new Map<string, Set<string>>();
    for (const [id, { doc }] of groups) if ((doc.spec.members ?? []).length > 0) members.set(id, new Set(doc.spec.members!.map((m) => m.name)));
    if (members.size === 0) return [];
    const found = new Map<string, { group: string; name: string; places: Array<{ source: SourceRef; path: (string | number)[]; ticket: string }> }>();
    // Checked before anything is allocated: on a year of tickets nearly every assignment is fine.
    const isStranger = (group: string | undefined, name: string | undefined): boolean => {
      if (group === undefined || name === undefined) return false;
      const names = members.get(group);
      return names !== undefined && !names.has(name);
    };
    const record = (group: string, name: string, source: SourceRef, path: (string | number)[], ticket: string) => {
      const key = `${group}\u0000${name}`;
      const entry = found.get(key);
      if (entry) entry.places.push({ source, path, ticket });
      else found.set(key, { group, name, places: [{ source, path, ticket }] });
    };
    for (const { source, doc } of repository.tickets) {
      const { spec } = doc;
      let group = spec.group;
      if (isStranger(group, spec.assignee)) record(group!, spec.assignee!, source, ['spec', 'assignee'], doc.metadata.id);
      const timeline = spec.timeline ?? [];
      for (let i = 0; i < timeline.length; i++) {
        const event = timeline[i]!;
        if (event.group !== undefined) group = event.group;
        if (isStranger(group, event.assignee)) record(group!, event.assignee!, source, ['spec', 'timeline', i, 'assignee'], doc.metadata.id);
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const { group, name, places } of found.values()) {
      const [first, ...others] = places;
      if (!first) continue;
      const hidden = others.length - MORE_PLACES_SHOWN;
      const count = places.length > 1 ? ` (${places.length} assignments, this one first)` : '';
      const hint = (didYouMean(name, members.get(group)!) ?? `add "${name}" to the members of group ${group}, or correct the name`) + (hidden > 0 ? ` (${hidden} more not listed)` : '');
      diagnostics.push(
        diagnosticAt(first.source, first.path, 'unknown-assignee', 'warning', `assignee "${name}" is not a member of group "${group}", which holds the ticket at that moment${count}`, {
          hint,
          related: [
            relatedAt(groups.get(group)!.source, ['spec', 'members'], `the members of ${group}`),
            ...others.slice(0, MORE_PLACES_SHOWN).map((p) => relatedAt(p.source, p.path, `ticket ${p.ticket} too`)),
          ],
        }),
      );
    }
    return diagnostics;
  },
};
