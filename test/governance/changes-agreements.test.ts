import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/governance/changes.js';
import { diffLines, repositoryOf, slaYaml } from './changes-helpers.js';

const P2 = (within: string, objective = 95) => `{ type: incident, priority: P2, response: { within: 30m, objective: 95 }, resolution: { within: ${within}, objective: ${objective} } }`;
const gold = (lines: string[] = [], p2 = P2('8h')) => ({ 'slas/gold.yaml': slaYaml('gold', ['calendar: 24x7', `targets: [${p2}]`, ...lines]) });

describe('describeChanges: agreements', () => {
  it('writes an edit of the undated terms as the issue does, with the version it is in', () => {
    const changes = describeChanges(repositoryOf(gold()), repositoryOf(gold([], P2('4h'))));
    expect(changes.definitions[0]!.details).toEqual([
      {
        field: 'incident.P2.resolution',
        before: '95% within 8h',
        after: '95% within 4h',
        text: 'incident P2 resolution 8h → 4h (objective 95% unchanged)',
        version: { from: null, change: 'edited' },
      },
    ]);
  });

  it('says which of within and objective moved, and what stayed', () => {
    expect(diffLines(gold(), gold([], P2('8h', 90)))).toEqual(['slas/gold.yaml  gold: incident P2 resolution objective 95% → 90% (within 8h unchanged)']);
    expect(diffLines(gold(), gold([], P2('6h', 90)))).toEqual(['slas/gold.yaml  gold: incident P2 resolution 95% within 8h → 90% within 6h']);
    expect(diffLines(gold(), gold([], P2('PT8H')))).toEqual([]);
    const more = `${P2('8h')}, { type: request, priority: P1, resolution: { within: 1bd, objective: 90 } }`;
    expect(diffLines(gold(), gold([], more))).toEqual(['slas/gold.yaml  gold: request P1 resolution 90% within 1bd added']);
    expect(diffLines(gold([], more), gold())).toEqual(['slas/gold.yaml  gold: request P1 resolution 90% within 1bd removed']);
  });

  it('tells a new version (the future) from an edit inside one and a removed one (the past)', () => {
    const version = (within: string) => `versions: [{ from: 2026-10-01, targets: [{ type: incident, priority: P2, resolution: { within: ${within}, objective: 95 } }] }]`;
    const added = describeChanges(repositoryOf(gold()), repositoryOf(gold([version('6h')])));
    expect(added.definitions[0]!.details.map((d) => [d.text, d.version])).toEqual([
      ['incident P2 resolution 8h → 6h from 2026-10-01 (objective 95% unchanged)', { from: '2026-10-01', change: 'added' }],
    ]);
    expect(diffLines(gold([version('6h')]), gold([version('4h')]))).toEqual([
      'slas/gold.yaml  gold: incident P2 resolution 6h → 4h in version from 2026-10-01 (objective 95% unchanged)',
    ]);
    expect(diffLines(gold([version('6h')]), gold())).toEqual([
      'slas/gold.yaml  gold: incident P2 resolution 6h → 8h from 2026-10-01 (version removed; objective 95% unchanged)',
    ]);
    // An edit of the undated terms that a version overrides is said once, where it is (the version still says 6h).
    expect(diffLines(gold([version('6h')]), gold([version('6h')], P2('7h')))).toEqual(['slas/gold.yaml  gold: incident P2 resolution 8h → 7h (objective 95% unchanged)']);
  });

  it('describes the terms: calendar, calendar source, pauses, reopen, warning threshold (defaults applied)', () => {
    const base = gold(['pauseOn: [awaiting-customer, on-hold]']);
    const head = gold(['calendarSource: consumer', 'pauseOn: [awaiting-customer, awaiting-vendor]', 'reopen: new-cycle', 'warningThreshold: 80']);
    head['slas/gold.yaml'] = head['slas/gold.yaml']!.replace('calendar: 24x7', 'calendar: us');
    expect(diffLines(base, head)).toEqual([
      'slas/gold.yaml  gold: calendar 24x7 → us',
      'slas/gold.yaml  gold: calendar source agreement → consumer',
      'slas/gold.yaml  gold: pause on awaiting-vendor added',
      'slas/gold.yaml  gold: pause on on-hold removed',
      'slas/gold.yaml  gold: reopen resume → new-cycle',
      'slas/gold.yaml  gold: warning threshold 75% → 80%',
    ]);
    expect(diffLines(gold(), gold(['reopen: resume', 'warningThreshold: 75']))).toEqual([]);
  });

  it('describes availability and credits, including in a new version', () => {
    const base = gold(['availability: { target: 99.9, window: month }', 'credits: [{ below: 99.9, credit: 5 }, { below: 99.5, credit: 10 }]']);
    const head = gold([
      'availability: { target: 99.5, window: quarter, degradedWeight: 0.25, excludeMaintenance: false }',
      'credits: [{ below: 99.9, credit: 5 }, { below: 99.5, credit: 15 }, { below: 99, credit: 25 }]',
    ]);
    expect(diffLines(base, head)).toEqual([
      'slas/gold.yaml  gold: availability target 99.9% → 99.5%',
      'slas/gold.yaml  gold: availability window month → quarter',
      'slas/gold.yaml  gold: availability degraded weight 0.5 → 0.25',
      'slas/gold.yaml  gold: availability excludes maintenance yes → no',
      'slas/gold.yaml  gold: credit below 99.5%: 10% → 15%',
      'slas/gold.yaml  gold: credit below 99%: 25% added',
    ]);
    expect(diffLines(gold(), gold(['versions: [{ from: 2027-01-01, availability: { target: 99.9, window: month } }]']))).toEqual([
      'slas/gold.yaml  gold: availability 99.9% per month added from 2027-01-01',
    ]);
  });

  it('describes the fields without versions: type, parties, from, group, description', () => {
    const base = gold(['parties: [IT, Sales]']);
    const head = { 'slas/gold.yaml': slaYaml('gold', ['type: ola', 'description: Text', 'parties: [IT, Finance]', 'from: 2026-01-01', 'group: network', 'calendar: 24x7', `targets: [${P2('8h')}]`]) };
    expect(diffLines(base, head)).toEqual([
      'slas/gold.yaml  gold: type sla → ola',
      'slas/gold.yaml  gold: description added',
      'slas/gold.yaml  gold: party Finance added',
      'slas/gold.yaml  gold: party Sales removed',
      'slas/gold.yaml  gold: in force from 2026-01-01 added',
      'slas/gold.yaml  gold: group network added',
    ]);
  });

  it('says what a new agreement brings, and who still names a removed one', () => {
    expect(diffLines({}, gold(['versions: [{ from: 2027-01-01, reopen: new-cycle }]']))).toEqual([
      'slas/gold.yaml  gold: added (sla, 1 target, calendar 24x7, 1 version)',
    ]);
    const withUser = { ...gold(), 'services/s.yaml': 'apiVersion: itsm/v1\nkind: Service\nmetadata: { id: s }\nspec: { description: S, category: IT, lifecycle: live, sla: gold }\n' };
    expect(diffLines(withUser, { 'services/s.yaml': withUser['services/s.yaml'] })).toEqual([
      'slas/gold.yaml  gold: removed; still named by 1 definition (service s)',
    ]);
  });
});
