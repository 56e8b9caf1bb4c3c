import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES } from '../../src/model/config.js';
import {
  findColumns,
  longestForwardRun,
  readServiceNow,
  serviceNowDefaults,
  ServiceNowColumnsError,
  shapeOf,
  ticketTypeOf,
  type ServiceNowOptions,
} from '../../src/import/servicenow.js';
import type { ImportedTicket, ImportProblem, InputLines, SeenGroup, ValueMapping } from '../../src/import/types.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { createTempTree } from '../helpers/temp-repo.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import/servicenow');
const SERVICES = new Set(['category-28', 'category-32', 'category-45', 'category-53', 'category-55', 'category-61', 'unclassified']);
const tree = createTempTree({}, 'itsm-servicenow-');
afterAll(() => tree.remove());

interface Result {
  tickets: ImportedTicket[];
  problems: ImportProblem[];
  rows: number;
  lines?: InputLines;
  groups?: SeenGroup[];
}

async function read(file: string, over: Partial<ServiceNowOptions> = {}, mapping: Partial<ValueMapping> = {}): Promise<Result> {
  const result: Result = { tickets: [], problems: [], rows: 0 };
  const options: ServiceNowOptions = {
    file,
    mapping: { ...serviceNowDefaults('UTC'), ...mapping },
    services: SERVICES,
    consumers: new Set(['finance']),
    statusCategories: new Map(DEFAULT_STATUSES.map((s) => [s.id, s.category])),
    ...over,
  };
  for await (const item of readServiceNow(options)) {
    if ('ticket' in item) result.tickets.push(item.ticket);
    else if ('problem' in item) result.problems.push(item.problem);
    else if ('rows' in item) result.rows += item.rows;
    else if ('lines' in item) result.lines = item.lines;
    else result.groups = item.groups;
  }
  return result;
}

const skippedRows = (problems: ImportProblem[]) => problems.reduce((n, p) => n + (p.skipped ? (p.rows ?? 1) : 0), 0);
const usedRows = (tickets: ImportedTicket[]) => tickets.reduce((n, t) => n + t.lines.count, 0);
const byId = (tickets: ImportedTicket[]) => Object.fromEntries(tickets.map((t) => [t.id, t]));
const WITH_FALLBACK = { service: { column: 'category', values: {}, fallback: 'unclassified' } };

describe('ServiceNow audit log (the UCI sample)', async () => {
  const sample = await read(join(FIXTURES, 'uci-sample.csv'), {}, WITH_FALLBACK);

  it('accounts for every row: used by a ticket, or skipped with a reason', () => {
    expect(sample.rows).toBe(57);
    expect(usedRows(sample.tickets) + skippedRows(sample.problems)).toBe(57);
    expect(sample.tickets.map((t) => t.id)).toEqual(['INC0000045', 'INC0000062', 'INC0000074', 'INC0000135', 'INC0000137', 'INC0000358', 'INC0001155', 'INC0001287', 'INC0028089']);
  });

  it('reports each messy row by line and kind', () => {
    expect(sample.problems.map((p) => [p.line, p.kind, p.ticket, p.rows ?? 1])).toEqual([
      [4, 'duplicate-row', 'INC0000045', 1],
      [17, 'unparseable-date', 'INC0000074', 1],
      [21, 'unparseable-date', 'INC0000093', 2],
      [23, 'out-of-order', 'INC0000135', 1],
      [31, 'out-of-order', 'INC0000137', 1],
      [47, 'unknown-priority', 'INC0001287', 1],
      [54, 'unknown-state', 'INC0028089', 1],
      [55, 'unknown-state', 'INC0028089', 1],
    ]);
    expect(sample.problems.find((p) => p.line === 21)!.message).toBe('INC0000093: opened_at no date ("?"); the incident\'s 2 row(s) are skipped');
  });

  it('builds a timeline of the state and priority changes, in UTC, with the updater as actor', () => {
    const t = byId(sample.tickets);
    expect(t.INC0000045).toEqual({
      id: 'INC0000045',
      type: 'incident',
      service: 'category-55',
      title: 'Category 55 / Subcategory 170 / Symptom 72',
      labels: { 'itsm/source': 'servicenow' },
      annotations: { 'servicenow/made_sla': 'true' },
      // The log has the link columns, empty for this incident: a re-import removes a link annotation written before (#14).
      clearedAnnotations: ['servicenow/caused_by', 'servicenow/problem_id', 'servicenow/rfc'],
      priority: 'P3',
      opened: '2016-02-29T01:16:00Z',
      // assigned_to is "?" on every row: no assignee.
      group: 'group-56',
      assignmentFields: ['group', 'assignee'],
      timeline: [
        { at: '2016-02-29T08:53:00Z', status: 'resolved', actor: 'Updated by 642' },
        { at: '2016-03-05T12:00:00Z', status: 'closed', actor: 'Updated by 908' },
      ],
      lines: { first: 2, last: 6, count: 4 },
    });
    // Raised from P3 to P2 at its second update.
    expect(t.INC0000062!.priority).toBe('P3');
    expect(t.INC0000062!.timeline[0]).toEqual({ at: '2016-02-29T07:29:00Z', priority: 'P2', actor: 'Updated by 340' });
    // Reassigned from Group 70 to Group 23 at its third update.
    expect(t.INC0000062!.group).toBe('group-70');
    expect(t.INC0000062!.timeline[1]).toEqual({ at: '2016-02-29T07:34:00Z', group: 'group-23', actor: 'Updated by 340' });
    // made_sla is ServiceNow's verdict on the last update.
    expect(t.INC0000062!.annotations).toEqual({ 'servicenow/made_sla': 'false' });
  });

  it('keeps a reopened incident’s whole story', () => {
    expect(byId(sample.tickets).INC0001155!.timeline.map((e) => [e.at, e.status])).toEqual([
      ['2016-03-02T11:09:00Z', 'in-progress'],
      ['2016-04-06T14:13:00Z', 'resolved'],
      ['2016-04-07T06:58:00Z', 'in-progress'],
      ['2016-04-25T09:43:00Z', 'resolved'],
      ['2016-04-30T10:07:00Z', 'closed'],
    ]);
  });

  it('maps the Awaiting states to pause statuses', () => {
    expect(byId(sample.tickets).INC0001287!.timeline.map((e) => e.status)).toEqual(['in-progress', 'awaiting-vendor', 'on-hold', 'resolved', 'closed']);
    expect(byId(sample.tickets).INC0000074!.timeline.map((e) => e.status)).toEqual(['in-progress', 'awaiting-customer', 'resolved', 'closed']);
  });

  it('drops updates out of order: before the opening, or where sys_mod_count and the timestamps disagree', () => {
    // INC0000135: update 7 at 09:27 is before it was opened (09:45); without it, no false reopening.
    expect(byId(sample.tickets).INC0000135!.timeline.map((e) => e.status)).toEqual(['in-progress', 'resolved', 'closed']);
    // INC0000137: two rows with sys_mod_count 1 (11:10 and 09:52) then 2 at 11:03; the resolution at 11:03 is kept.
    expect(byId(sample.tickets).INC0000137!.timeline.map((e) => [e.at, e.status])).toEqual([
      ['2016-02-29T11:03:00Z', 'resolved'],
      ['2016-03-05T12:00:00Z', 'closed'],
    ]);
  });

  it('says when a log starts later than the incident (`since`: its first update, when that is not update 0)', async () => {
    // INC0000045 has its update 0; INC0000135's first update that can be placed is 1 (its update 7 is before the opening).
    expect(byId(sample.tickets).INC0000045!.since).toBeUndefined();
    expect(byId(sample.tickets).INC0000135!.since).toEqual({ at: '2016-02-29T11:45:00Z', actor: 'Updated by 340', isFirstEvent: true });
    // The export of the updates since 1 March: INC0000062 starts at its closure (update 7), at P2, the priority then.
    const since = byId((await read(join(FIXTURES, 'uci-sample-since-2016-03-01.csv'), {}, WITH_FALLBACK)).tickets);
    expect(since.INC0000062).toMatchObject({ priority: 'P2', since: { at: '2016-03-05T16:00:00Z', actor: 'Updated by 908' } });
    expect(since.INC0001155!.since).toBeUndefined();
  });

  it('takes the service from the category, through the fallback when it is "?"', () => {
    expect(byId(sample.tickets).INC0000358!.service).toBe('unclassified');
  });

  it('without a fallback, skips an incident with no service as a whole, counting all its rows', async () => {
    const strict = await read(join(FIXTURES, 'uci-sample.csv'));
    const problem = strict.problems.find((p) => p.ticket === 'INC0000358')!;
    expect(problem).toMatchObject({ line: 35, kind: 'invalid-ticket', skipped: true, rows: 5 });
    expect(problem.message).toBe('INC0000358: no service: column "category" has no value ("?") and the mapping has no service fallback; not imported');
    expect(usedRows(strict.tickets) + skippedRows(strict.problems)).toBe(57);
  });

  it('reads a log in time order (not grouped by number) into the same tickets and problems', async () => {
    const byTime = await read(join(FIXTURES, 'uci-sample-by-time.csv'), {}, WITH_FALLBACK);
    const norm = (r: Result) => ({
      tickets: r.tickets.map((t) => ({ ...t, lines: { count: t.lines.count } })).sort((a, b) => a.id.localeCompare(b.id)),
      problems: r.problems.map((p) => [p.kind, p.ticket, p.rows ?? 1]).sort(),
    });
    expect(byTime.rows).toBe(57);
    expect(norm(byTime)).toEqual(norm(sample));
  });

  it('uses the mapping: a state mapped by the user is no longer unknown', async () => {
    const mapped = await read(join(FIXTURES, 'uci-sample.csv'), {}, { ...WITH_FALLBACK, statuses: { ...serviceNowDefaults('UTC').statuses, '-100': 'on-hold' } });
    expect(mapped.problems.filter((p) => p.kind === 'unknown-state')).toEqual([]);
    expect(byId(mapped.tickets).INC0028089!.timeline.map((e) => e.status)).toEqual(['on-hold', 'resolved', 'closed']);
  });

  it('reads naive timestamps in the mapping’s zone and reports those moved by a DST change', async () => {
    const path = join(tree.root, 'dst.csv');
    writeFileSync(
      path,
      [
        'number,incident_state,sys_mod_count,sys_updated_at,opened_at,priority,category,sys_updated_by',
        'INC1,New,0,15/10/2016 23:50,15/10/2016 23:50,3 - Moderate,Category 45,a',
        'INC1,Active,1,16/10/2016 00:20,15/10/2016 23:50,3 - Moderate,Category 45,b',
        'INC1,Resolved,2,18/2/2017 23:30,15/10/2016 23:50,3 - Moderate,Category 45,c',
        '',
      ].join('\n'),
    );
    const result = await read(path, {}, { timeZone: 'America/Sao_Paulo' });
    expect(result.tickets[0]!.opened).toBe('2016-10-16T02:50:00Z');
    expect(result.tickets[0]!.timeline.map((e) => e.at)).toEqual(['2016-10-16T03:20:00Z', '2017-02-19T01:30:00Z']);
    expect(result.problems.map((p) => [p.line, p.kind, p.skipped])).toEqual([
      [3, 'unparseable-date', false],
      [4, 'unparseable-date', false],
    ]);
    expect(result.problems[0]!.message).toBe('INC1: sys_updated_at "16/10/2016 00:20" does not exist in America/Sao_Paulo (the clocks skipped it); read as 2016-10-16T03:20:00Z');
  });

  it('skips rows that are not well-formed or have no number, and says why', async () => {
    const path = join(tree.root, 'broken.csv');
    writeFileSync(
      path,
      [
        'number,incident_state,sys_mod_count,sys_updated_at,opened_at,priority,category',
        'INC1,New,0,1/3/2016 10:00,1/3/2016 10:00,3 - Moderate,Category 45',
        'INC1,Active,1,1/3/2016 11:00,1/3/2016 10:00,3 - Moderate',
        ',Active,1,1/3/2016 11:00,1/3/2016 10:00,3 - Moderate,Category 45',
        'INC 2,Active,1,1/3/2016 11:00,1/3/2016 10:00,3 - Moderate,Category 45',
        'INC1,Active,x,1/3/2016 11:00,1/3/2016 10:00,3 - Moderate,Category 45',
        'INC1,Resolved,2,"1/3/2016 12:00"x,1/3/2016 10:00,3 - Moderate,Category 45',
        '',
      ].join('\n'),
    );
    const result = await read(path);
    expect(result.rows).toBe(6);
    expect(result.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'missing-field'],
      [4, 'missing-field'],
      [5, 'invalid-ticket'],
      [6, 'missing-field'],
      [7, 'missing-field'],
    ]);
    expect(result.problems[0]!.message).toBe('the row has 6 field(s) but the header has 7');
    expect(result.tickets.map((t) => [t.id, t.lines.count])).toEqual([['INC1', 1]]);
  });
});

describe('ServiceNow export with a quote that is not closed', () => {
  /** Lines accounted for: the header, a line per used row (the sample's rows are one line each), and every line a skipped problem took. */
  const linesAccounted = (r: Result) =>
    1 + usedRows(r.tickets) + r.problems.filter((p) => p.skipped).reduce((n, p) => n + (p.lastLine === undefined ? (p.rows ?? 1) : p.lastLine - p.line + 1), 0);

  it('reports the row whose quote runs to the end of the file with every line it swallowed, and the rows before it as usual', async () => {
    // unclosed-quote.csv is uci-sample.csv where line 12 (INC0000062's second update) opens a quote before its category
    // that nothing closes: lines 12–58 are one row.
    const result = await read(join(FIXTURES, 'unclosed-quote.csv'));
    const swallowing = result.problems.find((p) => p.line === 12)!;
    expect(swallowing).toEqual({
      line: 12,
      lastLine: 58,
      kind: 'missing-field',
      skipped: true,
      message:
        'the quote that opens column 17 on line 12 is not closed before the end of the file: the row starting on line 12 swallowed lines 12–58 (47 lines), ' +
        'which are skipped as this one row; fix that quote (a quote inside a field is written "") and import again',
    });
    // Rows: lines 2–11 (10 rows) and the one row of lines 12–58.
    expect(result.rows).toBe(11);
    expect(usedRows(result.tickets) + skippedRows(result.problems)).toBe(11);
    // Lines: 1 of header + 57 in the 11 rows = 58, every one of them used or skipped.
    expect(result.lines).toEqual({ total: 58, header: 1, rows: 57, blank: 0 });
    expect(linesAccounted(result)).toBe(58);
  });

  it('finds the rows swallowed between two stray quotes, though the record has the header\'s number of fields', async () => {
    // stray-quotes.csv: the quote opened on line 12 is closed by a stray one after the category of line 20: lines 13–19
    // became part of one field, and the record (line 12's first 16 fields, that field, line 20's last 19) has 36 fields,
    // as a row has.
    const result = await read(join(FIXTURES, 'stray-quotes.csv'));
    expect(result.problems.find((p) => p.line === 12)).toMatchObject({
      lastLine: 20,
      kind: 'missing-field',
      message: expect.stringMatching(/^the quote that opens column 17 on line 12 is probably not closed \(7 of its lines look like rows of the file\): the row starting on line 12 swallowed lines 12–20 \(9 lines\)/),
    });
    // 10 rows before it, the one row of lines 12–20, and the 38 rows of lines 21–58.
    expect(result.rows).toBe(49);
    expect(usedRows(result.tickets) + skippedRows(result.problems)).toBe(49);
    expect(result.lines).toEqual({ total: 58, header: 1, rows: 57, blank: 0 });
    expect(linesAccounted(result)).toBe(58);
  });
});

describe('ServiceNow plain export (one row per incident)', async () => {
  const plain = await read(join(FIXTURES, 'plain.csv'));

  it('accounts for every row', () => {
    expect(plain.rows).toBe(9);
    expect(usedRows(plain.tickets) + skippedRows(plain.problems)).toBe(9);
    expect(plain.problems.map((p) => [p.line, p.kind])).toEqual([
      [6, 'duplicate-row'],
      [7, 'unknown-state'],
      [8, 'unparseable-date'],
    ]);
  });

  it('takes the timeline from resolved_at and closed_at, and the current state at sys_updated_at', () => {
    const t = byId(plain.tickets);
    expect(t.INC0100001!.timeline).toEqual([
      { at: '2016-10-03T15:40:00Z', status: 'resolved' },
      { at: '2016-10-08T10:00:00Z', status: 'closed' },
    ]);
    expect(t.INC0100001!.title).toBe('Outlook cannot connect, again');
    expect(t.INC0100002!.timeline).toEqual([{ at: '2016-10-04T11:30:00Z', status: 'in-progress' }]);
    expect(t.INC0100003!.timeline).toEqual([]);
    expect(t.INC0100003!.title).toBe('New laptop for "Finance"');
    expect(t.INC0100004!.timeline).toEqual([{ at: '2016-10-07T09:00:00Z', status: 'resolved' }]);
    expect(t.INC0100008!.timeline).toEqual([{ at: '2016-10-12T16:00:00Z', status: 'awaiting-customer' }]);
  });

  it('keeps line numbers true after a field that spans two lines', () => {
    const t = byId(plain.tickets);
    expect(t.INC0100007!.lines).toEqual({ first: 9, last: 9, count: 1 });
    expect(t.INC0100008!.lines).toEqual({ first: 11, last: 11, count: 1 });
    expect(t.INC0100007!.title).toBe('Core switch down second line of the description');
  });

  it('is chosen by the header, or by --shape', async () => {
    expect(shapeOf(['number', 'state'])).toBe('plain');
    expect(shapeOf(['Number', 'Updates'])).toBe('audit');
    const asPlain = await read(join(FIXTURES, 'uci-sample.csv'), { shape: 'plain' }, WITH_FALLBACK);
    expect(asPlain.problems.filter((p) => p.kind === 'duplicate-row').length).toBeGreaterThan(30);
  });
});

describe('columns', () => {
  const mapping = serviceNowDefaults('UTC');

  it('finds columns by field name or by label, in any case', () => {
    const c = findColumns(['Number', 'State', 'Priority', 'Opened', 'Updated', 'Updates', 'Category'], mapping, 'audit');
    expect([c.number, c.state, c.priority, c.opened_at, c.sys_updated_at, c.sys_mod_count, c.service]).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('names every missing column, including the mapping’s', () => {
    expect(() => findColumns(['number', 'priority'], mapping, 'audit')).toThrow(
      new ServiceNowColumnsError(
        'the file has no column "incident_state", "opened_at", "sys_updated_at", "sys_mod_count", "category" (the mapping\'s service column); ' +
          'a ServiceNow audit log (one row per update) needs number, incident_state, priority, opened_at, sys_updated_at and sys_mod_count',
      ),
    );
    expect(() => findColumns(['number', 'state', 'priority', 'opened_at'], { ...mapping, service: { column: 'category', values: {}, fallback: 'x' } }, 'plain')).not.toThrow();
  });

  it('types tickets by their number', () => {
    expect(ticketTypeOf('INC0000045')).toBe('incident');
    expect(ticketTypeOf('RITM0010001')).toBe('request');
    expect(ticketTypeOf('PRB0000311')).toBe('problem');
    expect(ticketTypeOf('CHG0004518')).toBe('change');
  });
});

describe('longestForwardRun', () => {
  it('keeps the longest run that never goes back, preferring later elements on a tie', () => {
    expect([...longestForwardRun([1, 2, 3])].sort()).toEqual([0, 1, 2]);
    expect([...longestForwardRun([5, 1, 2, 3])].sort()).toEqual([1, 2, 3]);
    expect([...longestForwardRun([1, 3, 2, 4])].sort()).toEqual([0, 2, 3]);
    expect([...longestForwardRun([2, 2, 1, 2])].sort()).toEqual([0, 1, 3]);
    expect([...longestForwardRun([])]).toEqual([]);
  });
});
