import { describe, expect, it } from 'vitest';
import { auditEntry, datedVersion, filterEntries, inForceOf, pullRequestOf, type AuditCommit, type AuditEntry } from '../../src/governance/audit.js';
import type { DefinitionChange } from '../../src/governance/changes.js';
import { docYaml, repositoryOf, serviceYaml, slaYaml } from './changes-helpers.js';

const COMMIT: AuditCommit = {
  hash: 'a'.repeat(40),
  parent: 'b'.repeat(40),
  merge: false,
  author: { name: 'Ada Lovelace', email: 'ada@example.org' },
  date: '2026-11-02T10:00:00+00:00',
  committer: { name: 'Ada Lovelace', email: 'ada@example.org' },
  committed: '2026-11-02T10:00:00+00:00',
  subject: 'Gold: P2 in 4h (#34)',
  pullRequest: 34,
  merged: [],
};

const change = (kind: DefinitionChange['kind'], id: string): DefinitionChange => ({ kind, id, action: 'changed', file: `${kind}/${id}.yaml`, details: [] });
const entry = (hash: string, changes: DefinitionChange[]): AuditEntry => ({ ...COMMIT, hash, changes, files: changes.map((c) => c.file), errors: 0 });

describe('pullRequestOf', () => {
  it.each([
    ['Merge pull request #123 from acme/gold-p2', 123],
    ['Gold: P2 in 4h (#34)', 34],
    ['Gold: P2 in 4h (#34)  ', 34],
    ['Merged in feature/gold (pull request #7)', 7],
    ['Merged PR 88: Gold P2 in 4h', 88],
  ])('%s names pull request %i', (subject, number) => {
    expect(pullRequestOf(subject)).toBe(number);
  });

  it.each(['Fix #123', 'Gold (#34) and more', 'Merge branch main into feature', 'Revert "Merge pull request" #5'])('%s names none', (subject) => {
    expect(pullRequestOf(subject)).toBeNull();
  });
});

describe('filterEntries', () => {
  const entries = [entry('3', [change('SLA', 'gold'), change('Service', 'erp')]), entry('2', [change('Service', 'crm')]), entry('1', [])];

  it('without a filter keeps every entry, those without a change in meaning included', () => {
    expect(filterEntries(entries, { kinds: {} }).map((e) => e.hash)).toEqual(['3', '2', '1']);
  });

  it('by kind and id keeps only those changes, and drops the entries left with none', () => {
    const gold = filterEntries(entries, { kinds: { SLA: ['gold'] } });
    expect(gold.map((e) => [e.hash, e.changes.map((c) => c.id)])).toEqual([['3', ['gold']]]);
    const services = filterEntries(entries, { kinds: { Service: null } });
    expect(services.map((e) => [e.hash, e.changes.map((c) => c.id)])).toEqual([
      ['3', ['erp']],
      ['2', ['crm']],
    ]);
    // Two kinds: a change of either.
    expect(filterEntries(entries, { kinds: { SLA: ['gold'], Service: ['crm'] } }).map((e) => e.hash)).toEqual(['3', '2']);
  });

  it('--for takes the id in any kind', () => {
    expect(filterEntries(entries, { kinds: {}, for: 'crm' }).map((e) => e.hash)).toEqual(['2']);
  });
});

describe('datedVersion', () => {
  const versions = [{ from: '2026-01-01' }, { from: '2027-01-01' }, { from: '2026-07-01' }];

  it('is the latest from on or before today, and the earliest after it, whatever their order', () => {
    expect(datedVersion(versions, '2026-11-06')).toEqual({ current: '2026-07-01', next: '2027-01-01' });
    expect(datedVersion(versions, '2026-07-01')).toEqual({ current: '2026-07-01', next: '2027-01-01' });
    // Before the first version the undated terms are in force.
    expect(datedVersion(versions, '2025-12-31')).toEqual({ current: null, next: '2026-01-01' });
    expect(datedVersion(versions, '2027-02-01')).toEqual({ current: '2027-01-01', next: null });
  });
});

describe('auditEntry', () => {
  const gold = (p2: string) => slaYaml('gold', ['calendar: 24x7', 'targets:', `  - { type: incident, priority: P2, resolution: { within: ${p2}, objective: 95 } }`]);

  it('a first commit adds everything it holds, its settings included', () => {
    const after = repositoryOf({ 'services/erp.yaml': serviceYaml('erp'), 'slas/gold.yaml': gold('8h') });
    const result = auditEntry(COMMIT, null, after, ['itsm.yaml', 'services/erp.yaml', 'slas/gold.yaml'], 0);
    expect(result.changes.map((c) => `${c.action} ${c.kind} ${c.id}`)).toEqual(['added Config lab', 'added Service erp', 'added SLA gold']);
    expect(result.changes[0]!.details[0]!.text).toBe('added (currency USD, time zone UTC)');
    expect(result).toMatchObject({ hash: COMMIT.hash, pullRequest: 34, files: ['itsm.yaml', 'services/erp.yaml', 'slas/gold.yaml'], errors: 0 });
  });

  it('compares only the definitions of the files the commit changed', () => {
    const before = repositoryOf({ 'services/erp.yaml': serviceYaml('erp'), 'slas/gold.yaml': gold('8h') });
    // The service differs too, but git says only gold's file changed: the service is not compared (in a real history
    // it cannot differ; here it shows that other files are left alone).
    const after = repositoryOf({ 'services/erp.yaml': serviceYaml('erp', ['lifecycle: retired']), 'slas/gold.yaml': gold('4h') });
    const result = auditEntry(COMMIT, before, after, ['slas/gold.yaml'], 0);
    expect(result.changes.map((c) => `${c.id}: ${c.details.map((d) => d.text).join('; ')}`)).toEqual(['gold: incident P2 resolution 8h → 4h (objective 95% unchanged)']);
  });

  it('compares every definition when an iCalendar file changed, whose holidays reach calendars in other files', () => {
    const calendar = { 'calendars/uk.yaml': docYaml('Calendar', 'uk', ['timeZone: Europe/London', 'hours: { monday: ["09:00-17:00"] }', 'holidaysFrom: ../holidays/uk.ics']) };
    const ics = (dates: string[]) => new Map([['holidays/uk.ics', { holidays: dates.map((date) => ({ date, name: 'Bank holiday' })) }]]);
    const before = repositoryOf(calendar, ics(['2026-12-25']));
    const after = repositoryOf(calendar, ics(['2026-12-25', '2026-12-28']));
    const result = auditEntry(COMMIT, before, after, ['holidays/uk.ics'], 0);
    expect(result.changes.map((c) => `${c.id}: ${c.details.map((d) => d.text).join('; ')}`)).toEqual(['uk: holiday 2026-12-28 added (from holidays/uk.ics)']);
  });
});

describe('inForceOf', () => {
  const head = repositoryOf({
    'slas/gold.yaml': slaYaml('gold', [
      'calendar: 24x7',
      'targets:',
      '  - { type: incident, priority: P2, resolution: { within: 8h, objective: 95 } }',
      'versions:',
      '  - from: 2026-07-01',
      '    targets:',
      '      - { type: incident, priority: P2, resolution: { within: 6h, objective: 95 } }',
      '  - from: 2027-01-01',
      '    targets:',
      '      - { type: incident, priority: P2, resolution: { within: 4h, objective: 95 } }',
    ]),
  });
  const entries = [entry('new', [change('SLA', 'gold')]), entry('old', [change('SLA', 'gold')])];

  it('names the file, the newest commit that changed it, and the dated version in force today', () => {
    expect(inForceOf('gold', head, entries, '2026-11-06')).toEqual([
      {
        kind: 'SLA',
        id: 'gold',
        file: 'slas/gold.yaml',
        since: { hash: 'new', date: COMMIT.date, author: COMMIT.author, pullRequest: 34 },
        dated: { asOf: '2026-11-06', current: '2026-07-01', next: '2027-01-01' },
      },
    ]);
  });

  it('a definition removed since is still found through its history, with no file', () => {
    const removed: DefinitionChange = { kind: 'Service', id: 'pbx', action: 'removed', file: 'services/pbx.yaml', details: [] };
    expect(inForceOf('pbx', head, [entry('gone', [removed])], '2026-11-06')).toEqual([
      { kind: 'Service', id: 'pbx', file: null, since: { hash: 'gone', date: COMMIT.date, author: COMMIT.author, pullRequest: 34 }, dated: null },
    ]);
  });

  it('an id nobody has is nothing', () => {
    expect(inForceOf('nope', head, entries, '2026-11-06')).toEqual([]);
  });
});
