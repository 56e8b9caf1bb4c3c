import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import { validateDocuments } from '../../src/validate/index.js';
import { approvalPolicyFor } from '../../src/validate/rules/changes.js';

// Hand-built repositories for the change rules (docs/rules.md, change-*). Services: web → app → db (dependsOn), and
// mail on its own. Group cab lists alice, bob and carol; group ecab lists no members.

const doc = (file: string, value: unknown): RawDocument => ({ file, index: 0, value });

function config(change: Record<string, unknown> = {}, timeZone = 'UTC'): RawDocument {
  return doc('itsm.yaml', { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'example' }, spec: { currency: 'USD', timeZone, change } });
}

const service = (id: string, dependsOn: string[] = []) =>
  doc(`services/${id}.yaml`, {
    apiVersion: 'itsm/v1',
    kind: 'Service',
    metadata: { id },
    spec: { description: 'A service.', category: 'Infrastructure', owner: 'Platform team', lifecycle: 'live', dependsOn },
  });

const SERVICES = [service('db'), service('app', ['db']), service('web', ['app']), service('mail')];
const GROUPS = [
  doc('groups/cab.yaml', { apiVersion: 'itsm/v1', kind: 'Group', metadata: { id: 'cab' }, spec: { members: [{ name: 'alice' }, { name: 'bob' }, { name: 'carol' }] } }),
  doc('groups/ecab.yaml', { apiVersion: 'itsm/v1', kind: 'Group', metadata: { id: 'ecab' }, spec: {} }),
];

const TEMPLATE = doc('templates/patch.yaml', {
  apiVersion: 'itsm/v1',
  kind: 'ChangeTemplate',
  metadata: { id: 'patch' },
  spec: { services: ['db', 'app'], risk: 'moderate', implementation: 'Apply the patch.', backout: 'Restore the snapshot.', maxDuration: '2h' },
});

interface ChangeInput {
  service?: string;
  window?: [string, string];
  change: Record<string, unknown>;
  status?: string;
}

function change(id: string, { service = 'db', window, change, status }: ChangeInput): RawDocument {
  return ticket(id, {
    type: 'change',
    service,
    opened: '2026-03-01T00:00:00Z',
    ...(window ? { maintenance: { start: window[0], end: window[1] } } : {}),
    ...(status ? { timeline: [{ at: '2026-03-01T01:00:00Z', status }] } : {}),
    change,
  });
}

function ticket(id: string, spec: Record<string, unknown>): RawDocument {
  return doc(`tickets/${id}.yaml`, {
    apiVersion: 'itsm/v1',
    kind: 'Ticket',
    metadata: { id },
    spec: { type: 'incident', service: 'db', priority: 'P3', title: id, opened: '2026-03-01T00:00:00Z', ...spec },
  });
}

const approved = (by: string, at: string, extra: Record<string, unknown> = {}) => ({ by, decision: 'approved', at, ...extra });
const rejected = (by: string, at: string) => ({ by, decision: 'rejected', at });

/** Validation runs on this day unless a test says otherwise: every window of the tests before it has come. */
const NOW = Date.parse('2026-06-01T12:00:00Z');

/** The diagnostics of the rules whose id starts with `prefix`, as [file, rule, message] (without positions, sorted by message within a file). */
function run(documents: RawDocument[], prefix: string, now: number | null = NOW): Array<[string, string, string]> {
  return validateDocuments([...SERVICES, ...GROUPS, TEMPLATE, ...documents], [], [], new Map(), now === null ? {} : { now })
    .diagnostics.filter((d) => d.rule.startsWith(prefix))
    .map((d) => [d.file, d.rule, d.message]);
}

function diagnostics(documents: RawDocument[], rule: string) {
  return validateDocuments([...SERVICES, ...GROUPS, TEMPLATE, ...documents], [], [], new Map(), { now: NOW }).diagnostics.filter((d) => d.rule === rule);
}

describe('references of the change fields', () => {
  it('reports every unknown id the change fields name, in the ticket, the template and the Config', () => {
    const got = run(
      [
        config({ approvals: [{ type: 'normal', approvals: 1, group: 'cabb' }], freezes: [{ id: 'eoy', from: '2026-12-20', to: '2026-12-31', services: ['dbb'] }] }),
        doc('templates/other.yaml', { apiVersion: 'itsm/v1', kind: 'ChangeTemplate', metadata: { id: 'other' }, spec: { services: ['wbe'], risk: 'low', implementation: 'x', backout: 'y' } }),
        change('CHG1', {
          change: { type: 'emergency', risk: 'low', services: ['mial'], template: 'pach', approvals: [approved('alice', '2026-03-01T00:00:00Z', { group: 'cba' })], review: { at: '2026-03-02T00:00:00Z', summary: 'ok', problem: 'PRB9' } },
        }),
        ticket('INC1', { causedBy: 'CHG9', problem: 'PRB9' }),
        ticket('PRB1', { type: 'problem', fixedBy: 'CHG9' }),
      ],
      'unknown-reference',
    );
    expect(got).toEqual([
      ['itsm.yaml', 'unknown-reference', 'group "cabb" does not exist'],
      ['itsm.yaml', 'unknown-reference', 'service "dbb" does not exist'],
      ['templates/other.yaml', 'unknown-reference', 'service "wbe" does not exist'],
      ['tickets/CHG1.yaml', 'unknown-reference', 'change template "pach" does not exist'],
      ['tickets/CHG1.yaml', 'unknown-reference', 'group "cba" does not exist'],
      ['tickets/CHG1.yaml', 'unknown-reference', 'service "mial" does not exist'],
      ['tickets/CHG1.yaml', 'unknown-reference', 'ticket "PRB9" does not exist'],
      ['tickets/INC1.yaml', 'unknown-reference', 'ticket "CHG9" does not exist'],
      ['tickets/INC1.yaml', 'unknown-reference', 'ticket "PRB9" does not exist'],
      ['tickets/PRB1.yaml', 'unknown-reference', 'ticket "CHG9" does not exist'],
    ]);
  });

  it('reports a link to a ticket of the wrong type, saying what type it is', () => {
    const got = run(
      [
        config(),
        ticket('INC1', { causedBy: 'INC2', problem: 'CHG1' }),
        ticket('INC2', {}),
        ticket('PRB1', { type: 'problem', fixedBy: 'PRB1' }),
        change('CHG1', { window: ['2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'], change: { type: 'standard', risk: 'low', template: 'patch', outcome: 'failed', review: { at: '2026-03-03T00:00:00Z', summary: 'x', problem: 'INC2' } } }),
        ticket('INC3', { causedBy: 'CHG1', problem: 'PRB1' }),
      ],
      'ticket-reference-type',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'ticket-reference-type', '"problem" must name a problem ticket, but ticket "INC2" is an incident'],
      ['tickets/INC1.yaml', 'ticket-reference-type', '"causedBy" must name a change ticket, but ticket "INC2" is an incident'],
      ['tickets/INC1.yaml', 'ticket-reference-type', '"problem" must name a problem ticket, but ticket "CHG1" is a change'],
      ['tickets/PRB1.yaml', 'ticket-reference-type', '"fixedBy" must name a change ticket, but ticket "PRB1" is a problem'],
    ]);
  });
});

describe('approvalPolicyFor', () => {
  const policies = [
    { type: 'normal' as const, approvals: 1 },
    { type: 'normal' as const, risk: 'high' as const, approvals: 2, group: 'cab' },
    { type: 'normal' as const, approvals: 5 },
  ];
  it('prefers the entry for the type and risk, then the first for the type without a risk', () => {
    expect(approvalPolicyFor(policies, 'normal', 'high')?.index).toBe(1);
    expect(approvalPolicyFor(policies, 'normal', 'low')?.index).toBe(0);
    expect(approvalPolicyFor(policies, 'emergency', 'low')).toBeUndefined();
  });
});

describe('change-approval', () => {
  const window: [string, string] = ['2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'];

  it('without a policy, a normal change needs one approval given before its window starts', () => {
    const got = run(
      [
        config(),
        change('CHG1', { window, change: { type: 'normal', risk: 'low' } }),
        change('CHG2', { window, service: 'mail', change: { type: 'normal', risk: 'low', approvals: [approved('alice', '2026-03-02T10:30:00Z')] } }),
        // Approved at the very instant the window starts: approved in time.
        change('CHG3', { window: ['2026-03-03T10:00:00Z', '2026-03-03T11:00:00Z'], change: { type: 'normal', risk: 'low', approvals: [approved('alice', '2026-03-03T10:00:00Z')] } }),
        // Standard and emergency changes need none without a policy.
        change('CHG4', { window: ['2026-03-04T10:00:00Z', '2026-03-04T11:00:00Z'], change: { type: 'emergency', risk: 'high' } }),
      ],
      'change-approval',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-approval', 'normal change has no approval'],
      ['tickets/CHG2.yaml', 'change-approval', 'window starts (2026-03-02T10:00:00Z) before the change was approved (2026-03-02T10:30:00Z)'],
    ]);
  });

  it('counts each approver once, by their last decision, and only members of the policy group', () => {
    const policy = config({ approvals: [{ type: 'normal', approvals: 1 }, { type: 'normal', risk: 'high', approvals: 2, group: 'cab' }] });
    const got = run(
      [
        policy,
        // alice twice and dave (not in cab): 1 of 2.
        change('CHG1', { window, change: { type: 'normal', risk: 'high', approvals: [approved('alice', '2026-03-01T08:00:00Z'), approved('alice', '2026-03-01T09:00:00Z'), approved('dave', '2026-03-01T09:00:00Z')] } }),
        // Moderate falls back to the entry without a risk: one approval from anyone.
        change('CHG2', { window: ['2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'], change: { type: 'normal', risk: 'moderate', approvals: [approved('dave', '2026-03-01T09:00:00Z')] } }),
        // alice at 08:00 and bob at 11:00: approval 2 of 2 comes after the 10:00 start.
        change('CHG3', { window: ['2026-03-06T10:00:00Z', '2026-03-06T12:00:00Z'], change: { type: 'normal', risk: 'high', approvals: [approved('bob', '2026-03-06T11:00:00Z'), approved('alice', '2026-03-06T08:00:00Z')] } }),
      ],
      'change-approval',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-approval', 'normal change of high risk has 1 approval from group "cab", but its approval policy demands 2'],
      ['tickets/CHG3.yaml', 'change-approval', 'window starts (2026-03-06T10:00:00Z) before the change was approved (2026-03-06T11:00:00Z)'],
    ]);
    const [late] = diagnostics([policy, change('CHG3', { window, change: { type: 'normal', risk: 'high', approvals: [approved('bob', '2026-03-02T11:00:00Z'), approved('alice', '2026-03-02T08:00:00Z')] } })], 'change-approval');
    expect(late?.related?.map((r) => [r.file, r.path?.join('.'), r.message])).toEqual([
      ['tickets/CHG3.yaml', 'spec.change.approvals.0.at', 'approval 2 of 2'],
      ['itsm.yaml', 'spec.change.approvals.1', 'the approval policy for normal changes of high risk'],
    ]);
  });

  it('counts approvals that name a group without members, and applies policies to emergency changes too', () => {
    const got = run(
      [
        config({ approvals: [{ type: 'emergency', approvals: 1, group: 'ecab' }] }),
        change('CHG1', { window, change: { type: 'emergency', risk: 'high', approvals: [approved('erin', '2026-03-02T11:00:00Z', { group: 'ecab' })] } }),
        change('CHG2', { window, service: 'mail', change: { type: 'emergency', risk: 'high', approvals: [approved('erin', '2026-03-02T11:00:00Z')] } }),
      ],
      'change-approval',
    );
    // CHG1 is approved after its window started, which an emergency change may be (no timing check).
    expect(got).toEqual([['tickets/CHG2.yaml', 'change-approval', 'emergency change of high risk has 0 approvals from group "ecab", but its approval policy demands 1']]);
  });

  it('reports a rejection that stands, not one the approver later overturned; skips cancelled changes and changes without a window', () => {
    const got = run(
      [
        config(),
        change('CHG1', { window, change: { type: 'normal', risk: 'low', approvals: [approved('alice', '2026-03-01T08:00:00Z'), rejected('bob', '2026-03-01T09:00:00Z')] } }),
        change('CHG2', { window: ['2026-03-07T10:00:00Z', '2026-03-07T11:00:00Z'], change: { type: 'normal', risk: 'low', approvals: [rejected('bob', '2026-03-01T09:00:00Z'), approved('bob', '2026-03-01T10:00:00Z')] } }),
        change('CHG3', { window, status: 'cancelled', change: { type: 'normal', risk: 'low', approvals: [rejected('bob', '2026-03-01T09:00:00Z')] } }),
        change('CHG4', { change: { type: 'normal', risk: 'low' } }),
      ],
      'change-approval',
    );
    expect(got).toEqual([['tickets/CHG1.yaml', 'change-approval', 'change was rejected by "bob" (2026-03-01T09:00:00Z) but is not cancelled']]);
  });
});

describe('change-approval of changes still being planned', () => {
  // The organisation is in New York; "today" is its local date at `now`.
  const planned = (id: string, start: string, extra: Record<string, unknown> = {}) =>
    change(id, { window: [start, '2026-03-10T23:00:00Z'], change: { type: 'normal', risk: 'low', ...extra } });
  const documents = [
    config({}, 'America/New_York'),
    // Starts 2026-03-10T14:00Z = 10:00 in New York (EDT from 8 March), the day of `now` there: due.
    planned('CHG1', '2026-03-10T14:00:00Z'),
    // Starts 2026-03-11T03:00Z = 23:00 on 10 March in New York: still the day of `now`, due.
    change('CHG2', { window: ['2026-03-11T03:00:00Z', '2026-03-11T04:00:00Z'], change: { type: 'normal', risk: 'low' } }),
    // Starts 2026-03-11T05:00Z = 01:00 on 11 March in New York: tomorrow, waiting for its CAB.
    change('CHG3', { window: ['2026-03-11T05:00:00Z', '2026-03-11T06:00:00Z'], change: { type: 'normal', risk: 'low' } }),
    // Rejected, window next week: the CAB said no, the change is being reworked; not a finding yet.
    change('CHG4', { window: ['2026-03-17T14:00:00Z', '2026-03-17T15:00:00Z'], change: { type: 'normal', risk: 'low', approvals: [rejected('bob', '2026-03-09T09:00:00Z')] } }),
    // Window next week but already done (an outcome): carried out without approval.
    change('CHG5', { window: ['2026-03-17T14:00:00Z', '2026-03-17T15:00:00Z'], change: { type: 'normal', risk: 'low', outcome: 'successful' } }),
  ];

  it('reports missing and rejected approvals once the window’s local day has come, or once the change is done', () => {
    // now = 2026-03-10T20:00Z = 16:00 on 10 March in New York.
    expect(run(documents, 'change-approval', Date.parse('2026-03-10T20:00:00Z'))).toEqual([
      ['tickets/CHG1.yaml', 'change-approval', 'normal change has no approval'],
      ['tickets/CHG2.yaml', 'change-approval', 'normal change has no approval'],
      ['tickets/CHG5.yaml', 'change-approval', 'normal change has no approval'],
    ]);
  });

  it('without the current time, reports only changes that are done', () => {
    expect(run(documents, 'change-approval', null)).toEqual([['tickets/CHG5.yaml', 'change-approval', 'normal change has no approval']]);
  });
});

describe('change-freeze', () => {
  // Europe/Berlin leaves summer time on Sunday 2026-10-25 at 03:00 CEST (01:00Z). The freeze's last day, the 25th,
  // ends at 2026-10-26 00:00 CET = 2026-10-25T23:00:00Z (not 22:00Z, as a summer-time offset would give); its
  // first day, the 20th, starts at 00:00 CEST = 2026-10-19T22:00:00Z.
  const berlin = config({ freezes: [{ id: 'release', from: '2026-10-20', to: '2026-10-25' }] }, 'Europe/Berlin');
  const normal = { type: 'normal', risk: 'low', approvals: [approved('alice', '2026-10-01T00:00:00Z')] };

  it('covers whole local days, the last included, across the day the clocks change', () => {
    const got = run(
      [
        berlin,
        change('CHG1', { window: ['2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z'], change: normal }), // 23:30 CET on the 25th
        change('CHG2', { window: ['2026-10-25T23:00:00Z', '2026-10-26T01:00:00Z'], change: normal }), // starts as the freeze ends
        change('CHG3', { window: ['2026-10-19T21:00:00Z', '2026-10-19T22:00:00Z'], change: normal }), // ends as it starts
        change('CHG4', { window: ['2026-10-19T21:00:00Z', '2026-10-19T22:01:00Z'], change: normal }), // one minute into the 20th
      ],
      'change-freeze',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-freeze', 'window (2026-10-25T22:30:00Z to 2026-10-25T23:30:00Z) is in change freeze "release" (2026-10-20 to 2026-10-25), which covers every service'],
      ['tickets/CHG4.yaml', 'change-freeze', 'window (2026-10-19T21:00:00Z to 2026-10-19T22:01:00Z) is in change freeze "release" (2026-10-20 to 2026-10-25), which covers every service'],
    ]);
  });

  it('covers the changes that affect one of its services, and no emergency change', () => {
    const window: [string, string] = ['2026-12-24T10:00:00Z', '2026-12-24T11:00:00Z'];
    const got = run(
      [
        config({ freezes: [{ id: 'eoy', from: '2026-12-20', to: '2026-12-31', services: ['db'] }] }),
        change('CHG1', { window, service: 'web', change: { ...normal, services: ['db'] } }),
        change('CHG2', { window, service: 'web', change: normal }), // web depends on db, but the freeze names db only
        change('CHG3', { window, change: { type: 'emergency', risk: 'high' } }),
      ],
      'change-freeze',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-freeze', 'window (2026-12-24T10:00:00Z to 2026-12-24T11:00:00Z) is in change freeze "eoy" (2026-12-20 to 2026-12-31), which covers service "db"'],
    ]);
  });

  it('reports a freeze that ends before it starts', () => {
    expect(run([config({ freezes: [{ id: 'eoy', from: '2026-12-20', to: '2026-12-01' }] })], 'change-freeze')).toEqual([
      ['itsm.yaml', 'change-freeze', 'freeze "eoy" ends (2026-12-01) before it starts (2026-12-20)'],
    ]);
  });
});

describe('change-conflict', () => {
  const std = (services?: string[]) => ({ type: 'emergency', risk: 'low', ...(services ? { services } : {}) });

  it('reports overlapping windows on dependent services once, on the later change, pointing at the other', () => {
    const documents = [
      config(),
      change('CHG1', { service: 'db', window: ['2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'], change: std() }),
      change('CHG2', { service: 'web', window: ['2026-03-02T11:00:00Z', '2026-03-02T13:00:00Z'], change: std() }), // web → app → db
      change('CHG3', { service: 'mail', window: ['2026-03-02T10:30:00Z', '2026-03-02T12:30:00Z'], change: std() }), // unrelated
      change('CHG4', { service: 'app', window: ['2026-03-02T13:00:00Z', '2026-03-02T14:00:00Z'], change: std() }), // touches CHG2's end
    ];
    expect(run(documents, 'change-conflict')).toEqual([
      ['tickets/CHG2.yaml', 'change-conflict', 'window (2026-03-02T11:00:00Z to 2026-03-02T13:00:00Z) overlaps the window of change "CHG1" (2026-03-02T10:00:00Z to 2026-03-02T12:00:00Z) on "web", which depends on "db"'],
    ]);
    const [d] = diagnostics(documents, 'change-conflict');
    expect(d?.related?.map((r) => [r.file, r.path?.join('.')])).toEqual([['tickets/CHG1.yaml', 'spec.maintenance.start']]);
  });

  it('counts the same service, and any of a change\'s services; windows that start together go on the later file', () => {
    const window: [string, string] = ['2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z'];
    expect(
      run(
        [
          config(),
          change('CHG1', { service: 'mail', window, change: std(['db']) }),
          change('CHG2', { service: 'db', window, change: std() }),
          change('CHG3', { service: 'mail', window: ['2026-03-02T10:59:00Z', '2026-03-02T12:00:00Z'], change: std() }),
        ],
        'change-conflict',
      ),
    ).toEqual([
      ['tickets/CHG2.yaml', 'change-conflict', 'window (2026-03-02T10:00:00Z to 2026-03-02T11:00:00Z) overlaps the window of change "CHG1" (2026-03-02T10:00:00Z to 2026-03-02T11:00:00Z) on service "db", which both affect'],
      ['tickets/CHG3.yaml', 'change-conflict', 'window (2026-03-02T10:59:00Z to 2026-03-02T12:00:00Z) overlaps the window of change "CHG1" (2026-03-02T10:00:00Z to 2026-03-02T11:00:00Z) on service "mail", which both affect'],
    ]);
  });

  it('finds the same pairs as comparing every pair of changes', () => {
    const services = ['db', 'app', 'web', 'mail'];
    const related = (a: string, b: string) => a === b || (a !== 'mail' && b !== 'mail'); // web → app → db: all linked
    fc.assert(
      fc.property(fc.array(fc.record({ s: fc.constantFrom(...services), start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 10 }) }), { maxLength: 25 }), (changes) => {
        const at = (hour: number) => new Date(Date.UTC(2026, 2, 2) + hour * 3_600_000).toISOString().replace('.000Z', 'Z');
        const documents = [config(), ...changes.map((c, i) => change(`CHG${String(i).padStart(2, '0')}`, { service: c.s, window: [at(c.start), at(c.start + c.length)], change: std() }))];
        const expected = new Set<string>();
        changes.forEach((a, i) =>
          changes.forEach((b, j) => {
            if (i >= j || !related(a.s, b.s) || a.start >= b.start + b.length || b.start >= a.start + a.length) return;
            // The later start carries it; at the same start the later file.
            const later = b.start > a.start || (b.start === a.start && j > i) ? j : i;
            expected.add(`${later}/${later === i ? j : i}`);
          }),
        );
        const got = diagnostics(documents, 'change-conflict').map((d) => {
          const other = /change "CHG(\d+)"/.exec(d.message)![1]!;
          return `${Number(d.file.slice(11, 13))}/${Number(other)}`;
        });
        expect(new Set(got)).toEqual(expected);
        expect(got.length).toBe(expected.size);
      }),
      { numRuns: 60 },
    );
  });
});

describe('change-review', () => {
  const window: [string, string] = ['2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'];
  it('asks a done emergency change and a failed or backed-out change for a review, once', () => {
    const got = run(
      [
        config(),
        change('CHG1', { window, change: { type: 'emergency', risk: 'high', outcome: 'successful' } }),
        change('CHG2', { window, status: 'resolved', change: { type: 'emergency', risk: 'high' } }),
        change('CHG3', { window, status: 'in-progress', change: { type: 'emergency', risk: 'high' } }), // not done yet
        change('CHG4', { window, change: { type: 'emergency', risk: 'high', outcome: 'failed' } }),
        change('CHG5', { window, change: { type: 'standard', risk: 'low', template: 'patch', outcome: 'backed-out' } }),
        change('CHG6', { window, change: { type: 'standard', risk: 'low', template: 'patch', outcome: 'partial' } }),
      ],
      'change-review',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-review', 'emergency change is done but has no review'],
      ['tickets/CHG2.yaml', 'change-review', 'emergency change is done but has no review'],
      ['tickets/CHG4.yaml', 'change-review', 'change failed but has no review'],
      ['tickets/CHG5.yaml', 'change-review', 'change was backed out but has no review'],
    ]);
  });

  it('wants an emergency change reviewed at or after its window ends', () => {
    const got = run(
      [
        config(),
        change('CHG1', { window, change: { type: 'emergency', risk: 'high', outcome: 'successful', review: { at: '2026-03-02T11:59:00Z', summary: 'Fine.' } } }),
        change('CHG2', { window, service: 'mail', change: { type: 'emergency', risk: 'high', outcome: 'successful', review: { at: '2026-03-02T12:00:00Z', summary: 'Fine.' } } }),
      ],
      'change-review',
    );
    expect(got).toEqual([['tickets/CHG1.yaml', 'change-review', 'review (2026-03-02T11:59:00Z) is dated before the window ends (2026-03-02T12:00:00Z)']]);
  });
});

describe('change-template', () => {
  it('keeps a standard change within its template: services, risk and window length (wall clock)', () => {
    const got = run(
      [
        config(),
        change('CHG1', { window: ['2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'], change: { type: 'standard', risk: 'low' } }),
        change('CHG2', { service: 'web', window: ['2026-03-03T10:00:00Z', '2026-03-03T12:00:00Z'], change: { type: 'standard', risk: 'moderate', template: 'patch', services: ['db', 'mail'] } }),
        change('CHG3', { window: ['2026-03-04T10:00:00Z', '2026-03-04T12:00:00Z'], change: { type: 'standard', risk: 'high', template: 'patch' } }),
        // 2h is the limit: 2h01m is over it.
        change('CHG4', { window: ['2026-03-05T10:00:00Z', '2026-03-05T12:01:00Z'], change: { type: 'standard', risk: 'low', template: 'patch' } }),
      ],
      'change-template',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-template', 'standard change names no template'],
      ['tickets/CHG2.yaml', 'change-template', 'service "mail" is not among the services of template "patch" (db, app)'],
      ['tickets/CHG2.yaml', 'change-template', 'service "web" is not among the services of template "patch" (db, app)'],
      ['tickets/CHG3.yaml', 'change-template', 'risk "high" is above the highest that template "patch" allows ("moderate")'],
      ['tickets/CHG4.yaml', 'change-template', 'window lasts 2h1m, longer than the 2h that template "patch" allows'],
    ]);
  });

  it('refuses a maxDuration in business days', () => {
    const bd = doc('templates/bd.yaml', { apiVersion: 'itsm/v1', kind: 'ChangeTemplate', metadata: { id: 'bd' }, spec: { services: ['db'], risk: 'low', implementation: 'x', backout: 'y', maxDuration: '1bd' } });
    expect(run([config(), bd], 'change-template')).toEqual([['templates/bd.yaml', 'change-template', 'maxDuration "1bd" is in business days, which a change window cannot be measured in']]);
  });
});

describe('change-window-missing', () => {
  it('warns about a normal or standard change without a window, not an emergency or a cancelled one', () => {
    const got = run(
      [
        config(),
        change('CHG1', { change: { type: 'normal', risk: 'low' } }),
        change('CHG2', { change: { type: 'standard', risk: 'low', template: 'patch' } }),
        change('CHG3', { change: { type: 'emergency', risk: 'low' } }),
        change('CHG4', { status: 'cancelled', change: { type: 'normal', risk: 'low' } }),
        // A change ticket without a change block predates change enablement: left alone by every change rule.
        ticket('CHG5', { type: 'change' }),
      ],
      'change-window-missing',
    );
    expect(got).toEqual([
      ['tickets/CHG1.yaml', 'change-window-missing', 'normal change has no window, so its approvals, freezes and conflicts cannot be checked'],
      ['tickets/CHG2.yaml', 'change-window-missing', 'standard change has no window, so its approvals, freezes and conflicts cannot be checked'],
    ]);
  });
});

describe('imported changes', () => {
  const imported = (id: string, input: ChangeInput): RawDocument => {
    const d = change(id, input);
    (d.value as { metadata: { labels?: Record<string, string> } }).metadata.labels = { 'itsm/source': 'servicenow' };
    return d;
  };
  const window: [string, string] = ['2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'];

  it('are not checked for their process (approvals, review, template, freeze), which their source ran', () => {
    const got = run(
      [
        config({ freezes: [{ id: 'march', from: '2026-03-01', to: '2026-03-31' }] }),
        // Each of these breaks a process rule when kept in git: no approval, failed without a review, a standard
        // change without a template, inside the freeze.
        imported('CHG1', { window, service: 'mail', change: { type: 'normal', risk: 'low', outcome: 'failed' } }),
        imported('CHG2', { window: ['2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'], change: { type: 'standard', risk: 'low' } }),
        imported('CHG3', { change: { type: 'normal', risk: 'low' } }),
      ],
      'change-',
    );
    expect(got).toEqual([]);
  });

  it('count in conflicts with a change kept in git, not with each other', () => {
    const got = run(
      [
        config(),
        imported('CHG1', { window, change: { type: 'emergency', risk: 'low' } }),
        // Overlaps CHG1 on db: both imported, not reported.
        imported('CHG2', { window: ['2026-03-02T11:00:00Z', '2026-03-02T13:00:00Z'], change: { type: 'emergency', risk: 'low' } }),
        // Kept in git, overlaps both on db (app depends on db).
        change('CHG3', { window: ['2026-03-02T11:30:00Z', '2026-03-02T12:30:00Z'], service: 'app', change: { type: 'emergency', risk: 'low' } }),
      ],
      'change-conflict',
    );
    expect(got.map(([file]) => file)).toEqual(['tickets/CHG3.yaml', 'tickets/CHG3.yaml']);
  });
});
