import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NO_TICKET_FILES } from '../../src/validate/ticket-rule.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import { buildContext } from '../../src/validate/context.js';
import { TICKET_RULES, validateDocuments } from '../../src/validate/index.js';
import { definitionsContext } from '../../src/validate/ticket-rule.js';

// The change rules as TicketRules: their findings spread over two ticket files (a conflict across them, an approval
// that depends on the day), and what their facts keep of each file.

const CHANGE_RULES = ['change-approval', 'change-freeze', 'change-conflict', 'change-review', 'change-template', 'change-window-missing'];

const definition = (file: string, kind: string, id: string, spec: Record<string, unknown>): RawDocument => ({
  file,
  index: 0,
  value: { apiVersion: 'itsm/v1', kind, metadata: { id }, spec },
});

const service = (id: string, dependsOn: string[] = []) =>
  definition(`services/${id}.yaml`, 'Service', id, { description: 'A service.', category: 'Infrastructure', owner: 'Platform team', lifecycle: 'live', dependsOn });

const DEFINITIONS: RawDocument[] = [
  definition('itsm.yaml', 'Config', 'example', {
    currency: 'USD',
    timeZone: 'UTC',
    change: { freezes: [{ id: 'eoq', from: '2026-03-30', to: '2026-03-31' }], approvals: [{ type: 'normal', approvals: 2, group: 'cab' }] },
  }),
  service('db'),
  service('app', ['db']),
  service('web', ['app']),
  service('mail'),
  definition('groups/cab.yaml', 'Group', 'cab', { members: [{ name: 'alice' }, { name: 'bob' }] }),
  definition('templates/patch.yaml', 'ChangeTemplate', 'patch', { services: ['db', 'app'], risk: 'moderate', implementation: 'Apply.', backout: 'Restore.', maxDuration: '2h' }),
];

function ticket(file: string, index: number, id: string, spec: Record<string, unknown>): RawDocument {
  return { file, index, value: { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { type: 'change', priority: 'P3', title: id, opened: '2026-03-01T00:00:00Z', ...spec } } };
}

const MARCH = 'tickets/2026-03.yaml';
const APRIL = 'tickets/2026-04.yaml';
const MAY = 'tickets/2026-05.yaml';

const TICKETS: RawDocument[] = [
  // Approved by the second CAB member only after its window started.
  ticket(MARCH, 0, 'CHG1', {
    service: 'app',
    maintenance: { start: '2026-03-10T10:00:00Z', end: '2026-03-10T12:00:00Z' },
    change: {
      type: 'normal',
      risk: 'low',
      approvals: [
        { by: 'alice', decision: 'approved', at: '2026-03-01T00:00:00Z' },
        { by: 'bob', decision: 'approved', at: '2026-03-11T00:00:00Z' },
      ],
    },
  }),
  ticket(MARCH, 1, 'INC1', { type: 'incident', service: 'db' }),
  // Outside its template (a service, 3h of 2h) and in the freeze.
  ticket(MARCH, 2, 'CHG2', {
    service: 'web',
    maintenance: { start: '2026-03-30T09:00:00Z', end: '2026-03-30T12:00:00Z' },
    change: { type: 'standard', risk: 'low', template: 'patch' },
  }),
  // Overlaps CHG2 (of the other file) on db, which web depends on; done but not reviewed.
  ticket(APRIL, 0, 'CHG3', {
    service: 'db',
    maintenance: { start: '2026-03-30T11:00:00Z', end: '2026-03-30T13:00:00Z' },
    change: { type: 'emergency', risk: 'high', outcome: 'successful' },
  }),
  // Not approved: a finding once its window's day has come.
  ticket(APRIL, 1, 'CHG4', { service: 'mail', maintenance: { start: '2026-04-20T10:00:00Z', end: '2026-04-20T11:00:00Z' }, change: { type: 'normal', risk: 'moderate' } }),
  ticket(APRIL, 2, 'CHG5', { service: 'mail', change: { type: 'normal', risk: 'low' } }),
  ticket(MAY, 0, 'INC2', { type: 'incident', service: 'db' }),
];

function validate(now: string) {
  return validateDocuments([...DEFINITIONS, ...TICKETS], [], [], new Map(), { now: Date.parse(now) });
}

const mine = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => CHANGE_RULES.includes(d.rule));
const brief = (diagnostics: readonly Diagnostic[]) => mine(diagnostics).map((d) => [d.file, d.document, d.rule, d.message]);

describe('the change rules over the facts of each ticket file', () => {
  const BEFORE_CHG4 = [
    [MARCH, 0, 'change-approval', 'window starts (2026-03-10T10:00:00Z) before the change was approved (2026-03-11T00:00:00Z)'],
    [MARCH, 2, 'change-freeze', 'window (2026-03-30T09:00:00Z to 2026-03-30T12:00:00Z) is in change freeze "eoq" (2026-03-30 to 2026-03-31), which covers every service'],
    [MARCH, 2, 'change-template', 'service "web" is not among the services of template "patch" (db, app)'],
    [MARCH, 2, 'change-template', 'window lasts 3h, longer than the 2h that template "patch" allows'],
    [APRIL, 0, 'change-conflict', 'window (2026-03-30T11:00:00Z to 2026-03-30T13:00:00Z) overlaps the window of change "CHG2" (2026-03-30T09:00:00Z to 2026-03-30T12:00:00Z) on "web", which depends on "db"'],
    [APRIL, 0, 'change-review', 'emergency change is done but has no review'],
    [APRIL, 2, 'change-window-missing', 'normal change has no window, so its approvals, freezes and conflicts cannot be checked'],
  ];

  it('reports what each rule finds, across files', () => {
    const { diagnostics } = validate('2026-04-19T23:59:00Z');
    expect(brief(diagnostics)).toEqual(BEFORE_CHG4);
    const conflict = mine(diagnostics).find((d) => d.rule === 'change-conflict')!;
    expect(conflict.related).toEqual([{ file: MARCH, document: 2, path: ['spec', 'maintenance', 'start'], message: "change CHG2's window" }]);
  });

  it('reports a missing approval once its window\'s day has come, from facts that do not change with the day', () => {
    const before = validate('2026-04-19T23:59:00Z');
    const after = validate('2026-04-20T00:00:00Z');
    expect(isDeepStrictEqual([...before.ticketFacts], [...after.ticketFacts])).toBe(true);
    expect(brief(after.diagnostics)).toEqual([
      ...BEFORE_CHG4.slice(0, 6),
      [APRIL, 1, 'change-approval', 'normal change of moderate risk has 0 approvals from group "cab", but its approval policy demands 2'],
      BEFORE_CHG4[6],
    ]);
  });

  it('keeps facts that survive JSON, and give the same findings read back', () => {
    const now = Date.parse('2026-04-20T00:00:00Z');
    const { repository, ticketFacts } = validate('2026-04-20T00:00:00Z');
    const files = [...ticketFacts.values()];
    const readBack: unknown[][] = JSON.parse(JSON.stringify(files));
    expect(isDeepStrictEqual(readBack, files)).toBe(true);
    const definitions = definitionsContext(buildContext(repository, [], { now }));
    for (const id of CHANGE_RULES) {
      const index = TICKET_RULES.findIndex((rule) => rule.id === id);
      expect(index, id).toBeGreaterThanOrEqual(0);
      const rule = TICKET_RULES[index]!;
      const direct = rule.check(definitions, files.map((facts) => facts[index]), NO_TICKET_FILES);
      expect(direct.length, id).toBeGreaterThan(0);
      expect(rule.check(definitions, readBack.map((facts) => facts[index]), NO_TICKET_FILES), id).toEqual(direct);
    }
  });

  it('keeps next to nothing of a file without change records', () => {
    const { ticketFacts } = validate('2026-04-20T00:00:00Z');
    const may = ticketFacts.get(MAY)!;
    for (const id of CHANGE_RULES) {
      const facts = may[TICKET_RULES.findIndex((rule) => rule.id === id)];
      expect(JSON.stringify(facts).length, id).toBeLessThanOrEqual(4);
    }
  });
});
