import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../src/model/repository.js';
import type { TicketDocument } from '../../src/model/ticket.js';
import { openRepository } from '../../src/open-repository.js';
import { budgetWindow, errorBudgets } from '../../src/practices/change/budget.js';
import { compileAgreements } from '../../src/sla/agreements.js';
import { outagesAndMaintenanceOf } from '../../src/sla/availability.js';
import { windowText } from '../../src/report/change/shared.js';
import { buildChangeCalendar } from '../../src/practices/change/calendar.js';
import { dependentsOf } from '../../src/practices/change/dependents.js';
import { freezeIntervals, freezesCrossed } from '../../src/practices/change/freezes.js';
import { buildChangeImpact, impactSubject } from '../../src/practices/change/impact.js';
import { overlaps } from '../../src/time/interval.js';
import { buildChangeReport, median, resolvedAt } from '../../src/practices/change/report.js';
import { REPO_ROOT } from '../helpers/cli.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/change/schedule');
const at = (iso: string) => Date.parse(iso);

function fixture(): Repository {
  const { repository } = openRepository(FIXTURE);
  return repository;
}

describe('change windows', () => {
  it('do not overlap when one ends at the instant the other starts (half-open windows)', () => {
    const a = { start: at('2026-12-05T21:00:00Z'), end: at('2026-12-06T01:00:00Z') };
    expect(overlaps(a, { start: at('2026-12-06T01:00:00Z'), end: at('2026-12-06T02:00:00Z') })).toBe(false);
    expect(overlaps({ start: at('2026-12-06T01:00:00Z'), end: at('2026-12-06T02:00:00Z') }, a)).toBe(false);
    // One minute earlier they share 00:59–01:00.
    expect(overlaps(a, { start: at('2026-12-06T00:59:00Z'), end: at('2026-12-06T02:00:00Z') })).toBe(true);
    // Equal windows overlap.
    expect(overlaps(a, { ...a })).toBe(true);
  });
});

describe('freezes', () => {
  it('cover whole local days: a year-end freeze in Berlin runs from local midnight to the midnight after its last day', () => {
    const [f] = freezeIntervals([{ id: 'year-end', from: '2026-12-21', to: '2027-01-03' }], 'Europe/Berlin');
    // Berlin is UTC+1 in winter: 2026-12-21 00:00 local = 2026-12-20T23:00Z; the day after 2027-01-03 starts 2027-01-03T23:00Z.
    expect(f!.start).toBe(at('2026-12-20T23:00:00Z'));
    expect(f!.end).toBe(at('2027-01-03T23:00:00Z'));
    // A window on 2027-01-03 22:30–23:30 local (21:30–22:30Z) is inside the last day; one at 2027-01-04 00:00 local is not.
    expect(freezesCrossed([f!], { start: at('2027-01-03T21:30:00Z'), end: at('2027-01-03T22:30:00Z') }, ['db'])).toHaveLength(1);
    expect(freezesCrossed([f!], { start: at('2027-01-03T23:00:00Z'), end: at('2027-01-04T01:00:00Z') }, ['db'])).toHaveLength(0);
    // The last minute of 2026-12-20 local (22:59Z) is before it.
    expect(freezesCrossed([f!], { start: at('2026-12-20T22:00:00Z'), end: at('2026-12-20T23:00:00Z') }, ['db'])).toHaveLength(0);
  });

  it('cross the change of clocks: a freeze on 2026-10-25 in Berlin lasts 25 hours', () => {
    const [f] = freezeIntervals([{ id: 'dst', from: '2026-10-25', to: '2026-10-25' }], 'Europe/Berlin');
    // 00:00 CEST (UTC+2) = 2026-10-24T22:00Z; the next midnight is CET (UTC+1) = 2026-10-25T23:00Z: 25 hours.
    expect(f!.start).toBe(at('2026-10-24T22:00:00Z'));
    expect(f!.end - f!.start).toBe(25 * 3_600_000);
  });

  it('cover only the services they name', () => {
    const freezes = freezeIntervals([{ id: 'billing', from: '2027-01-29', to: '2027-01-31', services: ['api'] }], 'UTC');
    const window = { start: at('2027-01-30T10:00:00Z'), end: at('2027-01-30T11:00:00Z') };
    expect(freezesCrossed(freezes, window, ['db'])).toEqual([]);
    expect(freezesCrossed(freezes, window, ['db', 'api']).map((x) => x.services)).toEqual([['api']]);
  });
});

describe('dependents', () => {
  const services = (deps: Record<string, string[]>) =>
    ({
      services: Object.entries(deps).map(([id, dependsOn]) => ({ source: { file: 'x', document: 0 }, doc: { metadata: { id }, spec: { dependsOn } } })),
    }) as unknown as Pick<Repository, 'services'>;

  it('are found transitively with a shortest path, dependent first', () => {
    // web → api → db, report → db, portal → web and → db directly.
    const repo = services({ db: [], api: ['db'], web: ['api'], report: ['db'], portal: ['web', 'db'], mail: [] });
    expect(dependentsOf(repo, ['db'])).toEqual([
      { service: 'api', path: ['api', 'db'] },
      { service: 'portal', path: ['portal', 'db'] },
      { service: 'report', path: ['report', 'db'] },
      { service: 'web', path: ['web', 'api', 'db'] },
    ]);
  });

  it('stop at a cycle and never list an affected service', () => {
    const repo = services({ a: ['b'], b: ['a'] });
    expect(dependentsOf(repo, ['a'])).toEqual([{ service: 'b', path: ['b', 'a'] }]);
    expect(dependentsOf(repo, ['a', 'b'])).toEqual([]);
  });
});

describe('budget windows', () => {
  it('are the local month, quarter or year that holds the instant', () => {
    // 2026-11-30T23:30Z is already 1 December in Berlin.
    const m = budgetWindow(at('2026-11-30T23:30:00Z'), 'month', 'Europe/Berlin');
    expect(m).toEqual({ label: '2026-12', from: at('2026-11-30T23:00:00Z'), to: at('2026-12-31T23:00:00Z') });
    expect(budgetWindow(at('2026-11-30T23:30:00Z'), 'quarter', 'Europe/Berlin').label).toBe('2026-Q4');
    expect(budgetWindow(at('2026-11-30T23:30:00Z'), 'year', 'UTC').label).toBe('2026');
  });
});

describe('a change window across the change of clocks (Europe/Berlin, 2026-10-25 03:00 CEST → 02:00 CET)', () => {
  const repository = fixture();
  // 01:30 CEST (UTC+2) = 2026-10-24T23:30Z to 03:30 CET (UTC+1) = 2026-10-25T02:30Z: 3 real hours for 2 on the clock.
  const window = { start: at('2026-10-24T23:30:00Z'), end: at('2026-10-25T02:30:00Z') };

  it('is shown in local time on one date, and counts its real duration against the budget', () => {
    expect(windowText({ start: '2026-10-24T23:30:00.000Z', end: '2026-10-25T02:30:00.000Z' }, 'Europe/Berlin')).toBe('2026-10-25 01:30 → 03:30');
    const [db] = errorBudgets(repository, compileAgreements(repository), outagesAndMaintenanceOf(repository), ['db'], window.start, window, at('2026-10-01T00:00:00Z'));
    // October in Berlin has 31 days, one of them 25 hours: 31 × 1440 + 60 = 44 700 minutes, 24x7, no maintenance on
    // db in October: 44 700 × 0.005 = 223.5 allowed. The window is 180 minutes of agreed time.
    expect(db!.budget).toMatchObject({ window: '2026-10', from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', allowedMinutes: 223.5, consumedMinutes: 0, changeMinutes: 180 });
  });
});

describe('change impact (test/fixtures/change/schedule)', () => {
  const repository = fixture();
  const now = at('2026-12-03T09:00:00Z');

  it('of CHG001 (db): dependents, consumers, budgets, the overlapping change, no freeze', () => {
    const subject = impactSubject(repository, 'CHG001');
    if ('error' in subject) throw new Error(subject.error);
    const impact = buildChangeImpact(repository, subject, now);
    expect(impact.affected).toEqual(['db']);
    expect(impact.dependents).toEqual([
      { service: 'api', path: ['api', 'db'] },
      { service: 'web', path: ['web', 'api', 'db'] },
    ]);
    // finance (web, 120) and support (api, 35); marketing uses mail only: 120 + 35 = 155.
    expect(impact.consumers.map((c) => [c.consumer, c.headcount, c.services])).toEqual([
      ['finance', 120, ['web']],
      ['support', 35, ['api']],
    ]);
    expect(impact.headcount).toBe(155);
    // December in Berlin is 31 days = 44 640 minutes, 24x7, target 99.5 %:
    // db: maintenance CHG001 240 min and CHG004 60 min (CHG004 affects api and db: its window is maintenance on
    // both) → (44 640 − 240 − 60) × 0.005 = 221.7; nothing consumed by 3 December.
    // api: maintenance CHG004 60 min → 44 580 × 0.005 = 222.9.
    // web: maintenance CHG003 30 min → 44 610 × 0.005 = 223.05; INC100 was down 10:00–10:45 on 1 December: 45 used, 178.05 left.
    const budgets = Object.fromEntries(impact.agreements.map((a) => [a.service, a.budget && [a.budget.allowedMinutes, a.budget.consumedMinutes, a.budget.leftMinutes, a.budget.changeMinutes]]));
    expect(budgets).toEqual({ db: [221.7, 0, 221.7, 240], api: [222.9, 0, 222.9, 240], web: [223.05, 45, 178.05, 240] });
    expect(impact.agreements[0]!.budget!.window).toBe('2026-12');
    // CHG002 (mail) 23:00–00:30Z overlaps 21:00–01:00Z and shares no service.
    expect(impact.changes.map((c) => [c.id, c.shared])).toEqual([['CHG002', []]]);
    expect(impact.freezes).toEqual([]);
  });

  it('measures what is consumed as of now: after INC101 (db down 01:00–02:30) 90 of 221.7 are gone', () => {
    const subject = impactSubject(repository, 'CHG001');
    if ('error' in subject) throw new Error(subject.error);
    const db = buildChangeImpact(repository, subject, at('2026-12-07T00:00:00Z')).agreements.find((a) => a.service === 'db')!;
    // 221.7 − 90 = 131.7.
    expect(db.budget!.consumedMinutes).toBe(90);
    expect(db.budget!.leftMinutes).toBeCloseTo(131.7, 10);
  });

  it('of CHG004 (emergency on api and db) crosses the year-end freeze on both', () => {
    const subject = impactSubject(repository, 'CHG004');
    if ('error' in subject) throw new Error(subject.error);
    const impact = buildChangeImpact(repository, subject, now);
    expect(impact.affected).toEqual(['api', 'db']);
    expect(impact.freezes.map((f) => [f.id, f.covered])).toEqual([['year-end', ['api', 'db']]]);
  });

  it('of a service: changes on it or its dependents from now, freezes ahead', () => {
    const subject = impactSubject(repository, 'api');
    if ('error' in subject) throw new Error(subject.error);
    const impact = buildChangeImpact(repository, subject, now);
    expect(impact.change).toBeNull();
    // CHG001 is on db (not api's dependent); CHG003 is on web (depends on api), CHG004 on api; CHG006 is cancelled.
    expect(impact.changes.map((c) => [c.id, c.shared])).toEqual([
      ['CHG003', ['web']],
      ['CHG004', ['api']],
    ]);
    expect(impact.freezes.map((f) => f.id)).toEqual(['year-end', 'billing-run']);
    expect(impact.agreements.every((a) => a.budget?.changeMinutes === null)).toBe(true);
  });

  it('refuses an unknown id with a hint, and a ticket that is not a change', () => {
    expect(impactSubject(repository, 'CHG01')).toEqual({ error: 'no change or service "CHG01" in the repository; did you mean "CHG001"?' });
    expect(impactSubject(repository, 'INC101')).toEqual({ error: '"INC101" is a ticket of type incident, not a change; give a change id or a service id' });
  });
});

describe('change calendar', () => {
  it('lists the changes whose window intersects the period, by start, without cancelled ones, with the freezes', () => {
    const calendar = buildChangeCalendar(fixture(), { label: '2026-12', from: at('2026-11-30T23:00:00Z'), to: at('2026-12-31T23:00:00Z') });
    expect(calendar.changes.map((c) => c.id)).toEqual(['CHG001', 'CHG002', 'CHG003', 'CHG004']);
    expect(calendar.freezes.map((f) => f.id)).toEqual(['year-end']);
  });

  it('takes a change whose window ends exactly at the period start as outside it', () => {
    // CHG003 is 06:00–06:30Z on 10 December.
    const calendar = buildChangeCalendar(fixture(), { label: 'x', from: at('2026-12-10T06:30:00Z'), to: at('2026-12-11T00:00:00Z') });
    expect(calendar.changes).toEqual([]);
  });
});

describe('change report', () => {
  it('December 2026 of the fixture, worked by hand', () => {
    const report = buildChangeReport(fixture(), { label: '2026-12', from: at('2026-11-30T23:00:00Z'), to: at('2026-12-31T23:00:00Z') }, at('2027-01-05T00:00:00Z'));
    // In December: CHG001–CHG004 (CHG005 starts in January, CHG006 is cancelled): 4, all implemented.
    expect([report.changes, report.implemented]).toEqual([4, 4]);
    // Outcomes failed, successful, successful, successful: 3 of 4 = 75 %.
    expect(report.successRate).toEqual({ count: 3, of: 4, percent: 75 });
    // CHG001 caused INC101 and INC102, CHG004 caused INC103: 2 of 4 = 50 % (CHG004 is "successful" yet failed DORA's test).
    expect(report.failureRate).toEqual({ count: 2, of: 4, percent: 50 });
    expect(report.emergencyShare).toEqual({ count: 1, of: 4, percent: 25 });
    // CHG001: the failure began with INC101's outage at 01:00Z (INC102 opened later, 02:00Z); INC101 resolved 03:00Z,
    // INC102 05:00Z → the last, 05:00 − 01:00 = 4 h = 240 min.
    // CHG004: INC103's outage began 14:30Z (it was opened 15:05Z), resolved 16:30Z → 120 min.
    // Median of (120, 240) = (120 + 240) / 2 = 180.
    expect(report.restores.map((r) => [r.change, r.minutes, r.incidents])).toEqual([
      ['CHG001', 240, ['INC101', 'INC102']],
      ['CHG004', 120, ['INC103']],
    ]);
    expect(report.timeToRestoreMinutes).toBe(180);
    expect(report.byType).toEqual({ standard: 1, normal: 2, emergency: 1, unspecified: 0 });
    expect(report.byRisk).toEqual({ low: 2, moderate: 0, high: 2, 'very-high': 0, unspecified: 0 });
  });

  it('does not count a restore while an incident is unresolved', () => {
    // On 6 December at 04:00Z INC102 is still open: CHG001 is failed but not restored; INC103 (28 December) is not
    // opened yet, so CHG004 has caused nothing so far.
    const report = buildChangeReport(fixture(), { label: '2026-12', from: at('2026-11-30T23:00:00Z'), to: at('2026-12-31T23:00:00Z') }, at('2026-12-06T04:00:00Z'));
    expect(report.restores).toEqual([{ change: 'CHG001', from: '2026-12-06T01:00:00.000Z', restored: null, minutes: null, incidents: ['INC101', 'INC102'] }]);
    expect(report.timeToRestoreMinutes).toBeNull();
    // Implemented by then: CHG001 and CHG002 (started; outcomes are recorded on all four, so all four count).
    expect(report.implemented).toBe(4);
    expect(report.failureRate).toEqual({ count: 1, of: 4, percent: 25 });
  });

  it('median and resolution times', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    const ticket = {
      spec: {
        timeline: [
          { at: '2026-01-01T10:00:00Z', status: 'resolved' },
          { at: '2026-01-01T11:00:00Z', status: 'in-progress' },
          { at: '2026-01-01T12:00:00Z', status: 'resolved' },
          { at: '2026-01-01T13:00:00Z', status: 'closed' },
        ],
      },
    } as unknown as TicketDocument;
    const categoryOf = (s: string) => (s === 'resolved' ? 'resolved' : s === 'closed' ? 'closed' : 'active') as 'resolved' | 'closed' | 'active';
    // Reopened at 11:00 and resolved again at 12:00; closing at 13:00 is the same stop.
    expect(resolvedAt(ticket, categoryOf, at('2026-01-02T00:00:00Z'))).toBe(at('2026-01-01T12:00:00Z'));
    expect(resolvedAt(ticket, categoryOf, at('2026-01-01T11:30:00Z'))).toBeNull();
  });
});
