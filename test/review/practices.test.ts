import { describe, expect, it } from 'vitest';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import type { Repository } from '../../src/model/repository.js';
import type { TicketSpec } from '../../src/model/ticket.js';
import { reviewContext, type ReviewFilters } from '../../src/practices/review/context.js';
import { changeSection, problemSection } from '../../src/practices/review/practices.js';
import { validateDocuments } from '../../src/validate/index.js';
import { at } from '../sla/helpers.js';

type TicketInput = { id: string } & Partial<TicketSpec> & Pick<TicketSpec, 'type' | 'service' | 'opened'>;

/** A repository in UTC with the services web and db and the given tickets, checked by validate (errors fail the test). */
function repositoryOf(tickets: TicketInput[]): Repository {
  const documents: RawDocument[] = [
    { file: 'itsm.yaml', index: 0, value: { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'org' }, spec: { currency: 'USD', timeZone: 'UTC' } } },
    ...['web', 'db'].map((id) => ({
      file: `services/${id}.yaml`,
      index: 0,
      value: { apiVersion: 'itsm/v1', kind: 'Service', metadata: { id }, spec: { description: id, category: 'Test', owner: 'Team', lifecycle: 'live' } },
    })),
    ...tickets.map(({ id, ...spec }) => ({
      file: `tickets/${id}.yaml`,
      index: 0,
      value: { apiVersion: 'itsm/v1', kind: 'Ticket', metadata: { id }, spec: { priority: 'P3', title: `Ticket ${id}`, ...spec } },
    })),
  ];
  const { repository, diagnostics } = validateDocuments(documents);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.file}: ${d.rule} ${d.message}`).join('\n'));
  return repository;
}

const review = { at: '2026-10-06T10:00:00Z', summary: 'Rolled back; cause under investigation.' };
const approvals = [{ by: 'Ana', decision: 'approved' as const, at: '2026-09-01T10:00:00Z' }];
const window = (day: string) => ({ start: `${day}T22:00:00Z`, end: `${day}T23:00:00Z` });

/**
 * Changes of September to November 2026, reviewed as of 2026-11-20 (the month has not ended):
 * - CHG1 web, 10 Sep, successful;
 * - CHG2 db and web, 5 Oct, failed, caused INC1;
 * - CHG3 db, 20 Oct, emergency, successful;
 * - CHG4 db, 25 Nov, no outcome: after the review's instant, so not implemented;
 * - CHG5 web, 2 Nov, emergency, backed out;
 * - CHG6 web, 3 Nov, cancelled: counted nowhere.
 */
const CHANGES = repositoryOf([
  { id: 'CHG1', type: 'change', service: 'web', opened: '2026-09-01T09:00:00Z', maintenance: window('2026-09-10'), change: { type: 'normal', risk: 'low', approvals, outcome: 'successful' } },
  {
    id: 'CHG2',
    type: 'change',
    service: 'db',
    opened: '2026-09-20T09:00:00Z',
    maintenance: window('2026-10-05'),
    change: { type: 'normal', risk: 'moderate', services: ['web'], approvals, outcome: 'failed', review },
  },
  { id: 'CHG3', type: 'change', service: 'db', opened: '2026-10-20T08:00:00Z', maintenance: window('2026-10-20'), change: { type: 'emergency', risk: 'high', outcome: 'successful', review: { ...review, at: '2026-10-21T10:00:00Z' } } },
  { id: 'CHG4', type: 'change', service: 'db', opened: '2026-11-10T09:00:00Z', maintenance: window('2026-11-25'), change: { type: 'normal', risk: 'low', approvals } },
  {
    id: 'CHG5',
    type: 'change',
    service: 'web',
    opened: '2026-11-02T08:00:00Z',
    maintenance: window('2026-11-02'),
    change: { type: 'emergency', risk: 'high', outcome: 'backed-out', review: { ...review, at: '2026-11-03T10:00:00Z' } },
  },
  {
    id: 'CHG6',
    type: 'change',
    service: 'web',
    opened: '2026-11-01T09:00:00Z',
    maintenance: window('2026-11-03'),
    change: { type: 'normal', risk: 'low' },
    timeline: [{ at: '2026-11-02T09:00:00Z', status: 'cancelled' }],
  },
  { id: 'INC1', type: 'incident', service: 'web', opened: '2026-10-05T22:30:00Z', causedBy: 'CHG2', timeline: [{ at: '2026-10-06T01:00:00Z', status: 'resolved' }] },
]);

const NOW = at('2026-11-20T00:00:00Z');

function changesOf(repository: Repository, filters: ReviewFilters = {}) {
  return changeSection(reviewContext(repository, { month: '2026-11', months: 3, now: NOW, filters }));
}

describe('changeSection: each month as `change report --period <month>` counts it', () => {
  it('every service', () => {
    expect(changesOf(CHANGES)?.months).toEqual([
      // September: CHG1, successful: 1 ÷ 1 = 100 %; no incident: 0 ÷ 1 = 0 %.
      { month: '2026-09', completed: 1, successful: 1, failed: 0, causedIncidents: 0, emergency: 0, successRatePercent: 100, failureRatePercent: 0 },
      // October: CHG2 failed (caused INC1) and CHG3 successful: 1 ÷ 2 = 50 % each way; CHG3 an emergency.
      { month: '2026-10', completed: 2, successful: 1, failed: 1, causedIncidents: 1, emergency: 1, successRatePercent: 50, failureRatePercent: 50 },
      // November: CHG4 not yet implemented (25 Nov is after 20 Nov), CHG5 backed out (a failure of the change but no
      // incident): success 0 ÷ 1 = 0 %, failure rate 0 ÷ 1 = 0 %; CHG6 cancelled.
      { month: '2026-11', completed: 1, successful: 0, failed: 1, causedIncidents: 0, emergency: 1, successRatePercent: 0, failureRatePercent: 0 },
    ]);
  });

  it('one service: a change counts for its service and for its change.services', () => {
    expect(changesOf(CHANGES, { service: ['db'] })?.months).toEqual([
      { month: '2026-09', completed: 0, successful: 0, failed: 0, causedIncidents: 0, emergency: 0, successRatePercent: null, failureRatePercent: null },
      { month: '2026-10', completed: 2, successful: 1, failed: 1, causedIncidents: 1, emergency: 1, successRatePercent: 50, failureRatePercent: 50 },
      // CHG4 only, not implemented: nothing to divide by.
      { month: '2026-11', completed: 0, successful: 0, failed: 0, causedIncidents: 0, emergency: 0, successRatePercent: null, failureRatePercent: null },
    ]);
    // web: CHG1, CHG2 (through change.services: [web]) and CHG5.
    expect(changesOf(CHANGES, { service: ['web'] })?.months[1]).toEqual({
      month: '2026-10',
      completed: 1,
      successful: 0,
      failed: 1,
      causedIncidents: 1,
      emergency: 0,
      successRatePercent: 0,
      failureRatePercent: 100,
    });
  });

  it('null when the repository has no change ticket, even if a filter leaves none', () => {
    expect(changesOf(repositoryOf([{ id: 'INC1', type: 'incident', service: 'web', opened: '2026-10-05T22:30:00Z' }]))).toBeNull();
    expect(changesOf(CHANGES, { service: ['nothing'] })?.months.map((m) => m.completed)).toEqual([0, 0, 0]);
  });
});

const workaround = (documented: string) => ({ description: 'Restart the pool.', documented });

/**
 * Problems reviewed as of 2026-11-20, months September to November:
 * - PRB1 web: opened 5 Sep, known error 1 Oct, resolved 10 Nov, closed 15 Nov;
 * - PRB2 db: opened 3 Oct, known error 5 Nov, still open;
 * - PRB3 db: opened 10 Oct, resolved 20 Oct, reopened 1 Nov, resolved again 12 Nov (its first resolution counts);
 * - PRB4 web: opened 2 Nov, cancelled 3 Nov: counted nowhere;
 * - PRB5 web: opened 15 Nov, workaround documented 25 Nov, after the review's instant: logged, not a known error;
 * - PRB6 db: opened 20 Aug (before the months), resolved 2 Sep.
 */
const PROBLEMS = repositoryOf([
  {
    id: 'PRB1',
    type: 'problem',
    service: 'web',
    opened: '2026-09-05T09:00:00Z',
    workaround: workaround('2026-10-01T12:00:00Z'),
    timeline: [
      { at: '2026-09-06T09:00:00Z', status: 'in-progress' },
      { at: '2026-11-10T09:00:00Z', status: 'resolved' },
      { at: '2026-11-15T09:00:00Z', status: 'closed' },
    ],
  },
  { id: 'PRB2', type: 'problem', service: 'db', opened: '2026-10-03T09:00:00Z', workaround: workaround('2026-11-05T12:00:00Z'), timeline: [{ at: '2026-10-04T09:00:00Z', status: 'in-progress' }] },
  {
    id: 'PRB3',
    type: 'problem',
    service: 'db',
    opened: '2026-10-10T09:00:00Z',
    timeline: [
      { at: '2026-10-20T09:00:00Z', status: 'resolved' },
      { at: '2026-11-01T09:00:00Z', status: 'in-progress' },
      { at: '2026-11-12T09:00:00Z', status: 'resolved' },
    ],
  },
  { id: 'PRB4', type: 'problem', service: 'web', opened: '2026-11-02T09:00:00Z', timeline: [{ at: '2026-11-03T09:00:00Z', status: 'cancelled' }] },
  { id: 'PRB5', type: 'problem', service: 'web', opened: '2026-11-15T09:00:00Z', workaround: workaround('2026-11-25T12:00:00Z') },
  { id: 'PRB6', type: 'problem', service: 'db', opened: '2026-08-20T09:00:00Z', timeline: [{ at: '2026-09-02T09:00:00Z', status: 'resolved' }] },
]);

function problemsOf(repository: Repository, filters: ReviewFilters = {}) {
  return problemSection(reviewContext(repository, { month: '2026-11', months: 3, now: NOW, filters }));
}

describe('problemSection: opened, resolved and known errors per month', () => {
  it('every service', () => {
    expect(problemsOf(PROBLEMS)).toEqual({
      months: [
        // PRB1 opened; PRB6 resolved.
        { month: '2026-09', opened: 1, resolved: 1, knownErrorsAdded: 0 },
        // PRB2 and PRB3 opened; PRB3 resolved; PRB1's workaround.
        { month: '2026-10', opened: 2, resolved: 1, knownErrorsAdded: 1 },
        // PRB5 opened (PRB4 withdrawn); PRB1 resolved (PRB3's second resolution does not count); PRB2's workaround
        // (PRB5's comes after the review's instant).
        { month: '2026-11', opened: 1, resolved: 1, knownErrorsAdded: 1 },
      ],
      // Open on 20 Nov: PRB2 (a known error) and PRB5 (logged).
      openAtEnd: 2,
      knownErrorsAtEnd: 1,
    });
  });

  it('one service', () => {
    expect(problemsOf(PROBLEMS, { service: ['db'] })).toEqual({
      months: [
        { month: '2026-09', opened: 0, resolved: 1, knownErrorsAdded: 0 },
        { month: '2026-10', opened: 2, resolved: 1, knownErrorsAdded: 0 },
        { month: '2026-11', opened: 0, resolved: 0, knownErrorsAdded: 1 },
      ],
      openAtEnd: 1,
      knownErrorsAtEnd: 1,
    });
  });

  it('as of the end of a month that has ended: PRB5 becomes a known error in November when reviewed in December', () => {
    const december = problemSection(reviewContext(PROBLEMS, { month: '2026-11', months: 1, now: at('2026-12-15T00:00:00Z') }));
    // As of 1 Dec: PRB5's workaround (25 Nov) counts; PRB2 and PRB5 open, both known errors.
    expect(december).toEqual({ months: [{ month: '2026-11', opened: 1, resolved: 1, knownErrorsAdded: 2 }], openAtEnd: 2, knownErrorsAtEnd: 2 });
  });

  it('null when the repository has no problem ticket', () => {
    expect(problemsOf(CHANGES)).toBeNull();
  });
});
