// Assignment groups and the agreements of issue #11 for generated repositories (bench/generate.js --assignments):
// four Group documents, an OLA scoped to the network group, dated versions of gold and silver, a subscription-level
// agreement, a consumer calendar with an agreement that runs on it, and for every ticket its opening group and
// 0-3 reassignments (with an assignee event or two) inside its life.
//
// Reassignments are drawn from their own generator, seeded from the run's seed, after a month's tickets are built:
// the tickets themselves (and so the default output, without the flag) are the same with and without them.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, TEAMS } from './acme-profile.js';
import { Random } from './prng.js';

const MINUTE = 60_000;
/** Mixed into the seed so that the assignment stream never repeats the ticket stream. */
const STREAM = 0x5a11_0b11;

export const OPENING_GROUP = 'service-desk';
export const OLA_GROUP = 'network';

/** The four groups: the desk that opens every ticket, two resolver teams and the vendor queue. */
export const GROUPS = [
  {
    id: 'service-desk',
    name: 'Service Desk (New York)',
    description: 'First line: logs, classifies and routes every ticket.',
    calendar: 'extended-hours',
    manager: 'r.adams',
    members: TEAMS.desk,
  },
  {
    id: 'network',
    name: 'Network Operations',
    description: 'Second line for the network, DNS, VPN, telephony and the data centre.',
    calendar: 'us-business-hours',
    manager: 'p.raman',
    members: [...TEAMS.network, ...TEAMS.infra],
  },
  {
    id: 'applications',
    name: 'Application Support',
    description: 'Second line for the business applications, identity and the workplace.',
    calendar: 'de-business-hours',
    manager: 'k.vogel',
    members: [...TEAMS.sap, ...TEAMS.bizapps, ...TEAMS.iam, ...TEAMS.workplace, ...TEAMS.euc],
  },
  {
    id: 'vendor',
    name: 'Vendor escalations',
    description: 'Tickets handed to an outside supplier; the supplier works around the clock.',
    manager: 'm.webb',
    members: ['vendor-support'],
  },
];
const MEMBERS = new Map(GROUPS.map((g) => [g.id, g.members]));

function groupYaml(group) {
  let s = `apiVersion: itsm/v1\nkind: Group\nmetadata:\n  id: ${group.id}\n  name: ${JSON.stringify(group.name)}\nspec:\n`;
  s += `  description: ${JSON.stringify(group.description)}\n`;
  if (group.calendar) s += `  calendar: ${group.calendar}\n`;
  s += `  manager: ${group.manager}\n  members:\n`;
  for (const name of group.members) s += `    - { name: ${name} }\n`;
  return s;
}

const OLA = `# Written by bench/generate.js --assignments: the network team's commitment to the service desk. Its clocks run
# only while the network group holds a ticket, on the group's calendar (us-business-hours).
apiVersion: itsm/v1
kind: SLA
metadata:
  id: ola-network
  name: OLA Service Desk - Network Operations
spec:
  type: ola
  parties: [ACME IT Service Desk, Network Operations]
  group: network
  pauseOn: [awaiting-customer, awaiting-vendor]
  targets:
    - { type: incident, priority: P1, response: { within: 15m, objective: 95 }, resolution: { within: 2h, objective: 95 } }
    - { type: incident, priority: P2, response: { within: 30m, objective: 95 }, resolution: { within: 6h, objective: 90 } }
    - { type: incident, priority: P3, response: { within: 2h, objective: 90 }, resolution: { within: 2bd, objective: 90 } }
    - { type: incident, priority: P4, response: { within: 4h, objective: 90 }, resolution: { within: 4bd, objective: 90 } }
`;

const REGIONAL = `# Written by bench/generate.js --assignments: Berlin R&D's agreement, measured in the consumer's own hours.
apiVersion: itsm/v1
kind: SLA
metadata:
  id: regional
  name: Regional service level (consumer hours)
spec:
  type: sla
  calendar: us-business-hours
  calendarSource: consumer
  pauseOn: [awaiting-customer, awaiting-vendor]
  targets:
    - { type: incident, priority: P1, response: { within: 30m, objective: 95 }, resolution: { within: 4h, objective: 95 } }
    - { type: incident, priority: P2, response: { within: 1h, objective: 95 }, resolution: { within: 8h, objective: 90 } }
    - { type: incident, priority: P3, response: { within: 4h, objective: 90 }, resolution: { within: 2bd, objective: 90 } }
    - { type: incident, priority: P4, response: { within: 1bd, objective: 90 }, resolution: { within: 5bd, objective: 90 } }
    - { type: request, priority: P1, response: { within: 1h, objective: 95 }, resolution: { within: 1bd, objective: 90 } }
    - { type: request, priority: P2, response: { within: 2h, objective: 90 }, resolution: { within: 2bd, objective: 90 } }
    - { type: request, priority: P3, response: { within: 1bd, objective: 90 }, resolution: { within: 4bd, objective: 90 } }
    - { type: request, priority: P4, response: { within: 2bd, objective: 90 }, resolution: { within: 8bd, objective: 90 } }
`;

/** One changed target per agreement, in force for tickets opened from 1 July 2026 (the contract renewal). */
const VERSIONS = {
  gold: { type: 'incident', priority: 'P2', resolution: { within: '6h', objective: 95 } },
  silver: { type: 'incident', priority: 'P3', response: { within: '2h', objective: 90 } },
};

/**
 * Edits a copied file as text, so that everything else in it (comments, folding, flow style) stays as written.
 * `edit` returns the new text; the edit must change something, or the example has moved away from what it expects.
 */
function editText(outDir, path, edit) {
  const file = join(outDir, path);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`${path}: the --assignments edit found nothing to change`);
  writeFileSync(file, after);
}

/** Appends keys to `spec`, which is the last top-level key of every document of the example. */
function appendToSpec(text, lines) {
  return `${text.endsWith('\n') ? text : `${text}\n`}${lines.map((line) => `  ${line}\n`).join('')}`;
}

/**
 * Writes the groups and the new agreements into a repository copied from the ACME example, and edits the copied
 * services, agreements and consumers to use them. Returns the paths written or edited, relative to `outDir`.
 */
export function writeAgreementModel(outDir) {
  const touched = [];
  mkdirSync(join(outDir, 'groups'), { recursive: true });
  for (const group of GROUPS) {
    writeFileSync(join(outDir, 'groups', `${group.id}.yaml`), groupYaml(group));
    touched.push(`groups/${group.id}.yaml`);
  }
  writeFileSync(join(outDir, 'slas', 'ola-network.yaml'), OLA);
  writeFileSync(join(outDir, 'slas', 'regional.yaml'), REGIONAL);
  touched.push('slas/ola-network.yaml', 'slas/regional.yaml');

  // The OLA applies to every service: its clocks run only for tickets the network group holds.
  for (const id of Object.keys(SERVICES)) {
    const path = `services/${id}.yaml`;
    editText(outDir, path, (text) =>
      /^ {2}agreements: \[/m.test(text)
        ? text.replace(/^( {2}agreements: \[[^\]]*)\]/m, '$1, ola-network]')
        : appendToSpec(text, ['agreements: [ola-network]']),
    );
    touched.push(path);
  }
  for (const [id, target] of Object.entries(VERSIONS)) {
    const path = `slas/${id}.yaml`;
    const objectives = ['response', 'resolution']
      .filter((metric) => target[metric])
      .map((metric) => `${metric}: { within: ${target[metric].within}, objective: ${target[metric].objective} }`);
    editText(outDir, path, (text) =>
      appendToSpec(text, [
        'versions:',
        '  - from: 2026-07-01',
        '    note: Contract renewal 2026',
        '    targets:',
        `      - { type: ${target.type}, priority: ${target.priority}, ${objectives.join(', ')} }`,
      ]),
    );
    touched.push(path);
  }
  // Sales buys laptops at silver instead of the service's bronze (a subscription-level agreement).
  editText(outDir, 'consumers/sales.yaml', (text) => text.replace(/^( {4}- \{ service: laptops,[^}]*?) \}$/m, '$1, agreements: [silver] }'));
  // Berlin R&D: its region's calendar, and an agreement that runs on it for every subscription.
  editText(outDir, 'consumers/berlin-rnd.yaml', (text) => appendToSpec(text, ['calendar: de-business-hours', 'agreements: [regional]']));
  touched.push('consumers/sales.yaml', 'consumers/berlin-rnd.yaml');
  return touched;
}

/** The resolver group a service's tickets usually go to. */
function homeGroup(serviceId) {
  const team = SERVICES[serviceId]?.team;
  return team === 'network' || team === 'infra' ? 'network' : 'applications';
}

/** Gives tickets their opening group, reassignments and assignees, from a stream of its own. */
export class Assigner {
  constructor(seed) {
    this.rnd = new Random((seed ^ STREAM) >>> 0);
  }

  /**
   * Sets `t.group` and inserts 0-3 reassignments (`{ at, group }`) and an assignee event after some of them, at
   * whole minutes strictly between the opening and the first resolution (else the last event).
   */
  assign(t) {
    const rnd = this.rnd;
    t.group = OPENING_GROUP;
    const resolved = t.events.find((e) => e.status === 'resolved' || e.status === 'cancelled');
    const end = (resolved ?? t.events[t.events.length - 1])?.at;
    const span = end === undefined ? 0 : Math.floor((end - t.opened) / MINUTE);
    if (span < 4) return;
    const count = Math.min(rnd.weighted([[0, 30], [1, 40], [2, 20], [3, 10]]), Math.floor(span / 2));
    const minutes = new Set();
    while (minutes.size < count) minutes.add(rnd.int(1, span - 1));
    const reassigned = [...minutes].sort((a, b) => a - b);
    const added = [];
    // The desk's agent picks the ticket up within half an hour, before anyone else takes it.
    const pickUp = rnd.int(1, Math.min(30, span - 1));
    if (rnd.chance(0.6) && pickUp < (reassigned[0] ?? span)) {
      added.push({ at: t.opened + pickUp * MINUTE, assignee: rnd.pick(MEMBERS.get(OPENING_GROUP)) });
    }
    let current = OPENING_GROUP;
    const home = homeGroup(t.service);
    for (const m of reassigned) {
      const choices = [[home, 60], ['vendor', 15], [home === 'network' ? 'applications' : 'network', 10], [OPENING_GROUP, 15]].filter(([g]) => g !== current);
      current = rnd.weighted(choices);
      const at = t.opened + m * MINUTE;
      added.push({ at, group: current });
      if (rnd.chance(0.5)) added.push({ at, assignee: rnd.pick(MEMBERS.get(current)) });
    }
    if (added.length === 0) return;
    // Merge by instant; an added event goes after the recorded events of the same minute.
    const merged = [];
    let k = 0;
    for (const e of t.events) {
      while (k < added.length && added[k].at < e.at) merged.push(added[k++]);
      merged.push(e);
    }
    while (k < added.length) merged.push(added[k++]);
    t.events = merged;
  }
}
