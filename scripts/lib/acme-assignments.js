// Assignment groups for the ACME example's generated tickets, derived from who works on them: every ticket opens at
// the service desk, and when someone of another team acts on it the desk has handed it to that team's group a few
// minutes before. Deterministic (no random draws), so the other fields of the tickets stay as they were generated.

import { TEAMS } from './acme-profile.js';

/** The assignment group of each team of the profile (groups/*.yaml in examples/acme). */
const GROUP_OF_TEAM = {
  desk: 'service-desk',
  network: 'network',
  sap: 'sap-cc',
  infra: 'platform',
  iam: 'platform',
  workplace: 'platform',
  euc: 'platform',
  bizapps: 'platform',
};

const TEAM_OF_PERSON = new Map(Object.entries(TEAMS).flatMap(([team, people]) => people.map((person) => [person, team])));

/** How long before the other team's first action the ticket is handed over (a dispatcher's few minutes). */
const HANDOVER_MS = 10 * 60_000;

export class ActorAssigner {
  /** Gives `t` its opening group, a hand-over event before each other team's first action, and its assignees. */
  assign(t) {
    let group = 'service-desk';
    let assignee = null;
    t.group = group;
    const events = [];
    for (const event of t.events) {
      const team = TEAM_OF_PERSON.get(event.actor);
      if (team !== undefined) {
        const next = GROUP_OF_TEAM[team];
        if (next !== group) {
          const previous = events.length > 0 ? events[events.length - 1].at : t.opened;
          const handover = { at: Math.max(previous, event.at - HANDOVER_MS), group: next, note: `Handed to ${next}` };
          if (assignee !== null) handover.actor = assignee;
          events.push(handover);
          group = next;
        }
        if (event.actor !== assignee) {
          event.assignee = event.actor;
          assignee = event.actor;
        }
      }
      events.push(event);
    }
    t.events = events;
  }
}
