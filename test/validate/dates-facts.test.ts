import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NO_TICKET_FILES } from '../../src/validate/ticket-rule.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { TICKET_RULES, validateDocuments } from '../../src/validate/index.js';
import { buildContext } from '../../src/validate/context.js';
import { definitionsContext } from '../../src/validate/ticket-rule.js';
import { calendar, config, consumer, doc, service, sla } from './model-11-fixtures.js';

const RULE_IDS = ['date-range', 'consumer-calendar-missing', 'sla-missing-target', 'ticket-without-subscription'];

const JANUARY = 'tickets/2026-01.yaml';
const FEBRUARY = 'tickets/2026-02.yaml';
const ticket = (file: string, index: number, id: string, spec: Record<string, unknown>) =>
  doc(file, { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { type: 'incident', service: 'email', priority: 'P3', title: 'Mail is down', ...spec } }, index);

const definitions = [
  config(),
  calendar('office'),
  sla('gold', { calendarSource: 'consumer', calendar: 'office' }),
  service('email', { sla: 'gold' }),
  // Subscribes to email, so that tickets on email need a subscription; its "to" is out of range (a definition's date).
  consumer('sales', { calendar: 'office', subscriptions: [{ service: 'email', from: '2026-01-01', to: '2300-01-01' }] }),
  // No calendar and no subscription: its tickets on email run on gold, on its (missing) calendar, unsubscribed.
  consumer('ops'),
];
const january = [
  ticket(JANUARY, 0, 'A1', { consumer: 'ops', opened: '2026-01-05T10:00:00Z' }),
  ticket(JANUARY, 1, 'A2', { priority: 'P2', opened: '2026-01-06T10:00:00Z' }),
  ticket(JANUARY, 2, 'A3', {
    consumer: 'ops',
    opened: '2026-01-20T10:00:00Z',
    timeline: [
      { at: '2026-01-20T11:00:00Z', priority: 'P1' },
      { at: '2300-01-01T00:00:00Z', note: 'the year is a typo' },
    ],
  }),
];
const february = [
  ticket(FEBRUARY, 0, 'B1', { consumer: 'ops', priority: 'P2', opened: '2026-02-03T10:00:00Z' }),
  // Earlier than every January ticket: the earliest day comes from the second file.
  ticket(FEBRUARY, 1, 'B2', { consumer: 'ops', opened: '2025-12-30T10:00:00Z' }),
  ticket(FEBRUARY, 2, 'B3', { consumer: 'ops', opened: '2026-02-11T10:00:00Z' }),
  // Out of range: date-range reports it, and the aggregates leave it out.
  ticket(FEBRUARY, 3, 'B4', { consumer: 'ops', opened: '2300-02-01T00:00:00Z' }),
];
const documents = [...definitions, ...january, ...february];
const files = [...new Set(documents.map((d) => d.file))];

const ours = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => RULE_IDS.includes(d.rule));
const place = (d: { file: string; document?: number; path?: (string | number)[] }) => `${d.file}#${d.document ?? 0}:${(d.path ?? []).join('.')}`;
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the rules of dates, consumer calendars, targets and subscriptions over tickets in two files', () => {
  const result = validateDocuments(documents, [], [], new Map(), {}, { files });

  it('give the diagnostics worked out by hand', () => {
    const found = ours(result.diagnostics).map((d) => ({ rule: d.rule, at: place(d), message: d.message, hint: d.hint, related: d.related?.map((r) => `${place(r)} ${r.message}`) }));
    expect(found).toEqual([
      {
        rule: 'consumer-calendar-missing',
        at: 'consumers/ops.yaml#0:metadata.id',
        message: 'agreement "gold" runs its clocks on the consumer\'s calendar (calendarSource: consumer), but consumer "ops" has no calendar',
        hint: 'give consumer ops a calendar: add "calendar: <id of its region\'s calendar>" to its spec',
        // A1 and the in-range A3, B1, B2, B3.
        related: ['slas/gold.yaml#0:spec.calendarSource agreement "gold" runs on the consumer\'s calendar', `${JANUARY}#0:spec.consumer ticket A1 (and 4 more) is measured under it`],
      },
      {
        rule: 'date-range',
        at: 'consumers/sales.yaml#0:spec.subscriptions.0.to',
        message: '2300-01-01 is after 2199-12-31, the last date itsm computes',
        hint: 'leave out "to" for a subscription that does not end',
        related: undefined,
      },
      {
        rule: 'sla-missing-target',
        at: 'slas/gold.yaml#0:spec.targets',
        message: 'no target for incident P1, which 1 ticket(s) use (e.g. A3); they are not measured',
        hint: 'add a target with type: incident and priority: P1',
        related: undefined,
      },
      {
        rule: 'sla-missing-target',
        at: 'slas/gold.yaml#0:spec.targets',
        message: 'no target for incident P2, which 2 ticket(s) use (e.g. A2); they are not measured',
        hint: 'add a target with type: incident and priority: P2',
        related: undefined,
      },
      {
        rule: 'ticket-without-subscription',
        at: `${JANUARY}#0:spec.consumer`,
        message: 'consumer "ops" has no subscription to service "email" when 5 of its tickets were opened (2025-12-30 to 2026-02-11), this one first',
        hint: "add a subscription of ops to email that covers those days, or correct the ticket's consumer or service (1 more tickets not listed)",
        related: [`${JANUARY}#2:spec.consumer ticket A3 too`, `${FEBRUARY}#0:spec.consumer ticket B1 too`, `${FEBRUARY}#1:spec.consumer ticket B2 too`],
      },
      {
        rule: 'date-range',
        at: `${JANUARY}#2:spec.timeline.1.at`,
        message: '2300-01-01T00:00:00Z is after 2199-12-31T23:59:59.999Z, the last instant itsm computes',
        hint: 'itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
        related: undefined,
      },
      {
        rule: 'date-range',
        at: `${FEBRUARY}#3:spec.opened`,
        message: '2300-02-01T00:00:00Z is after 2199-12-31T23:59:59.999Z, the last instant itsm computes',
        hint: 'itsm computes the instants from 1970-01-01T00:00:00Z to 2199-12-31T23:59:59.999Z, in UTC; is the year a typo?',
        related: undefined,
      },
    ]);
  });

  it('keep facts that survive JSON unchanged', () => {
    expect([...result.ticketFacts.keys()]).toEqual([JANUARY, FEBRUARY]);
    for (const facts of result.ticketFacts.values()) expect(isDeepStrictEqual(roundTrip(facts), facts)).toBe(true);
  });

  it('give the same diagnostics from facts read back from JSON', () => {
    const context = definitionsContext(buildContext(result.repository));
    const kept = [...result.ticketFacts.values()].map(roundTrip);
    for (const id of RULE_IDS) {
      const r = TICKET_RULES.findIndex((rule) => rule.id === id);
      expect(r, id).toBeGreaterThanOrEqual(0);
      const rule = TICKET_RULES[r]!;
      const fresh = rule.check(context, [...result.ticketFacts.values()].map((facts) => facts[r]), NO_TICKET_FILES);
      expect(rule.check(context, kept.map((facts) => facts[r]), NO_TICKET_FILES), id).toEqual(fresh);
      expect(fresh.length, id).toBeGreaterThan(0);
    }
  });

  it('give the same diagnostics when one file is not read again and its facts come from JSON', () => {
    const again = validateDocuments([...definitions, ...february], [], [], new Map(), {}, { files, kept: new Map([[JANUARY, roundTrip(result.ticketFacts.get(JANUARY)!)]]) });
    expect(ours(again.diagnostics)).toEqual(ours(result.diagnostics));
  });
});
