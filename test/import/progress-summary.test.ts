import { describe, expect, it } from 'vitest';
import { createProgress, formatProgress } from '../../src/import/progress.js';
import { formatProblems, formatSummaryJson, formatSummaryText, nothingUsedReason, skippedByKind, unmappedValues, UNMAPPED_SHOWN } from '../../src/import/summary.js';
import type { ImportProblem, ImportSummary } from '../../src/import/types.js';

describe('progress', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const written: string[] = [];
    const progress = createProgress({ stream: { isTTY: false, write: (s: string) => written.push(s) > 0 }, totalBytes: 100 });
    progress.update({ bytes: 50, rows: 10 });
    progress.done();
    expect(written).toEqual([]);
  });

  it('on a terminal, redraws one line at most every interval and clears it at the end', () => {
    const written: string[] = [];
    let now = 0;
    const progress = createProgress({ stream: { isTTY: true, columns: 60, write: (s: string) => written.push(s) > 0 }, totalBytes: 1000, now: () => now });
    progress.update({ bytes: 100, rows: 5, label: 'pass 1/2' });
    now = 50;
    progress.update({ bytes: 200, rows: 9 });
    now = 150;
    progress.update({ bytes: 500, rows: 20 });
    progress.done();
    expect(written).toEqual([
      '\rpass 1/2 [===>                         ]  10%  5 rows  0.0s\x1b[K',
      '\rpass 1/2 [==============>             ]  50%  20 rows  0.1s\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('fits the width it is given', () => {
    const state = { bytes: 1000, rows: 141_712, label: 'pass 2/2: importing' };
    expect(formatProgress(state, 1000, 5400, 79)).toBe('pass 2/2: importing [==============================] 100%  141,712 rows  5.4s');
    expect(formatProgress(state, 1000, 5400, 30)).toHaveLength(30);
  });
});

const SUMMARY: ImportSummary = {
  rowsRead: 57,
  rowsUsed: 48,
  rowsSkipped: 9,
  ticketsRead: 9,
  written: 8,
  updated: 1,
  unchanged: 0,
  ticketsSkipped: 0,
  ticketsKept: 0,
  problems: [
    { line: 55, kind: 'unknown-state', skipped: true, ticket: 'INC2', message: 'INC2: state "-100"' },
    { line: 4, kind: 'duplicate-row', skipped: true, ticket: 'INC1', message: 'INC1: twice' },
    { line: 21, kind: 'unparseable-date', skipped: true, ticket: 'INC3', message: 'INC3: opened_at', rows: 2 },
    { line: 54, kind: 'unknown-state', skipped: true, ticket: 'INC2', message: 'INC2: state "-100"' },
    { line: 9, kind: 'unparseable-date', skipped: false, ticket: 'INC4', message: 'INC4: gap' },
  ],
  files: [
    { file: 'tickets/2016/2016-02.yaml', action: 'create', tickets: 5, new: 5, updated: 0 },
    { file: 'tickets/2016/2016-03.yaml', action: 'update', tickets: 4, new: 3, updated: 1, blocked: 'edited' },
    { file: 'tickets/2016/2016-05.yaml', action: 'unchanged', tickets: 1, new: 0, updated: 0 },
  ],
};
const CONTEXT = { source: 'servicenow', file: 'log.csv', repository: 'repo', dryRun: false };

describe('summary', () => {
  it('groups skipped rows by kind in a fixed order, counting every row', () => {
    expect(skippedByKind(SUMMARY.problems)).toEqual([
      { kind: 'unknown-state', rows: 2, lines: [{ line: 54 }, { line: 55 }] },
      { kind: 'unparseable-date', rows: 2, lines: [{ line: 21 }] },
      { kind: 'duplicate-row', rows: 1, lines: [{ line: 4 }] },
    ]);
  });

  it('prints the counts, the files that change and the skipped rows by reason', () => {
    expect(formatSummaryText(SUMMARY, CONTEXT)).toBe(
      [
        'Imported log.csv (servicenow) into repo: 57 rows read, 48 used, 9 skipped',
        'Tickets: 8 new, 1 updated, 0 unchanged',
        'Files: 1 created, 1 updated, 1 unchanged',
        '  created tickets/2016/2016-02.yaml (5 tickets)',
        '  updated tickets/2016/2016-03.yaml (3 new, 1 updated) — edited by hand since the last import: needs --force',
        'Skipped rows by reason:',
        '  unknown-state     2  lines 54, 55',
        '  unparseable-date  2  line 21',
        '  duplicate-row     1  line 4',
        'Used with a correction: 1 value (line 9)',
        '',
      ].join('\n'),
    );
    expect(formatSummaryText({ ...SUMMARY, problems: [] }, { ...CONTEXT, dryRun: true }).split('\n').slice(0, 5)).toEqual([
      'Dry run of importing log.csv (servicenow) into repo: 57 rows read, 48 used, 9 skipped',
      'Tickets: 8 new, 1 updated, 0 unchanged',
      'Files: 1 to create, 1 to update, 1 unchanged',
      '  would create tickets/2016/2016-02.yaml (5 tickets)',
      '  would update tickets/2016/2016-03.yaml (3 new, 1 updated) — edited by hand since the last import: needs --force',
    ]);
  });

  it('lists the first problems by line, and says how many more there are', () => {
    expect(formatProblems(SUMMARY.problems, 'log.csv', 3)).toBe(
      [
        'log.csv:4  duplicate-row  INC1: twice',
        'log.csv:9  unparseable-date  INC4: gap (row used)',
        'log.csv:21  unparseable-date  INC3: opened_at',
        '… and 2 more problem(s); --format json lists them all',
        '',
      ].join('\n'),
    );
    expect(formatProblems([], 'log.csv')).toBe('');
  });

  it('has a versioned JSON form with every problem', () => {
    const json = JSON.parse(formatSummaryJson(SUMMARY, CONTEXT)) as Record<string, unknown>;
    expect(json).toMatchObject({ version: 1, source: 'servicenow', file: 'log.csv', dryRun: false, rowsRead: 57, skippedByKind: { 'unknown-state': 2, 'unparseable-date': 2, 'duplicate-row': 1 } });
    expect((json.problems as Array<{ line: number }>).map((p) => p.line)).toEqual([4, 9, 21, 54, 55]);
  });
});

/** A ticket left out because its category names no service: `rows` rows skipped. */
const noService = (ticket: string, value: string, rows: number, line: number): ImportProblem => ({
  line,
  kind: 'invalid-ticket',
  skipped: true,
  ticket,
  message: `${ticket}: no service for category "${value}"`,
  rows,
  unmapped: { field: 'service', column: 'category', value },
});

/** Nothing used: 12 categories name no service (category c-k has k tickets of 2 rows each), and one state is unknown. */
function nothingUsed(): ImportSummary {
  const problems: ImportProblem[] = [];
  let line = 2;
  for (let k = 1; k <= 12; k++) {
    for (let t = 0; t < k; t++) {
      problems.push(noService(`INC${k}-${t}`, `Category ${k}`, 2, line));
      line += 2;
    }
  }
  problems.push({ line, kind: 'unknown-state', skipped: true, ticket: 'INC99', message: 'state "-100"', unmapped: { field: 'status', column: 'incident_state', value: '-100' } });
  // 1 + 2 + … + 12 = 78 tickets of 2 rows = 156 rows, and the row in state -100: 157 rows read, all skipped.
  return { rowsRead: 157, rowsUsed: 0, rowsSkipped: 157, ticketsRead: 0, written: 0, updated: 0, unchanged: 0, ticketsSkipped: 78, ticketsKept: 0, problems, files: [] };
}

describe('values that map to nothing', () => {
  it('counts each value once, with its tickets and the rows skipped for it, most tickets first', () => {
    const values = unmappedValues([
      noService('A', 'Network', 3, 2),
      noService('B', 'Email', 1, 5),
      noService('C', 'Network', 2, 6),
      // The same ticket twice (one problem per row) is one ticket.
      { line: 8, kind: 'unknown-state', skipped: true, ticket: 'D', message: '', unmapped: { field: 'status', column: 'state', value: 'Frozen' } },
      { line: 9, kind: 'unknown-state', skipped: true, ticket: 'D', message: '', unmapped: { field: 'status', column: 'state', value: 'Frozen' } },
      // A value that maps to nothing but skips nothing (a status left out of a timeline) counts its ticket and no row.
      { line: 10, kind: 'unknown-state', skipped: false, ticket: 'E', message: '', unmapped: { field: 'status', column: 'state', value: 'Parked' } },
      { line: 11, kind: 'duplicate-row', skipped: true, ticket: 'F', message: '' },
    ]);
    expect(values).toEqual([
      { field: 'service', column: 'category', value: 'Network', tickets: 2, rows: 5 },
      { field: 'service', column: 'category', value: 'Email', tickets: 1, rows: 1 },
      { field: 'status', column: 'state', value: 'Frozen', tickets: 1, rows: 2 },
      { field: 'status', column: 'state', value: 'Parked', tickets: 1, rows: 0 },
    ]);
  });

  it('lists the first values of each column in the text summary, and all of them in the JSON', () => {
    const summary = nothingUsed();
    const text = formatSummaryText(summary, CONTEXT).split('\n');
    const at = text.indexOf('Values that map to nothing (most tickets first):');
    expect(UNMAPPED_SHOWN).toBe(10);
    expect(text.slice(at)).toEqual([
      'Values that map to nothing (most tickets first):',
      '  category → service: 12 values, 78 tickets, 156 rows skipped',
      '    "Category 12"  12 tickets  24 rows',
      '    "Category 11"  11 tickets  22 rows',
      '    "Category 10"  10 tickets  20 rows',
      '    "Category 9"    9 tickets  18 rows',
      '    "Category 8"    8 tickets  16 rows',
      '    "Category 7"    7 tickets  14 rows',
      '    "Category 6"    6 tickets  12 rows',
      '    "Category 5"    5 tickets  10 rows',
      '    "Category 4"    4 tickets   8 rows',
      '    "Category 3"    3 tickets   6 rows',
      '    … and 2 more values (--format json lists them all)',
      '  incident_state → status: 1 value, 1 ticket, 1 row skipped',
      '    "-100"  1 ticket  1 row',
      '',
    ]);
    const json = JSON.parse(formatSummaryJson(summary, CONTEXT)) as { unmapped: Array<{ value: string; tickets: number; rows: number }> };
    expect(json.unmapped).toHaveLength(13);
    expect(json.unmapped[11]).toEqual({ field: 'service', column: 'category', value: 'Category 1', tickets: 1, rows: 2 });
    expect(JSON.parse(formatSummaryJson(SUMMARY, CONTEXT))).toMatchObject({ unmapped: [] });
  });

  it('says in one sentence why nothing was imported and what to do, naming the service to fall back on', () => {
    const context = { file: 'log.csv', repository: 'repo', services: ['service-desk'], dryRun: false };
    expect(nothingUsedReason(nothingUsed(), context)).toBe(
      'nothing was imported from log.csv: the 12 values of column "category" (listed in the summary) map to no service of repo and there is no fallback service; ' +
        're-run with --default-service service-desk to import every ticket under one service now and map the values to their services later (a re-import moves the tickets), ' +
        'or map them under service.values in a --map file (docs/import.md#when-nothing-is-imported)',
    );
    expect(nothingUsedReason(nothingUsed(), { ...context, services: ['email', 'network'], dryRun: true })).toMatch(
      /^nothing would be imported from log\.csv: .*; re-run with --default-service <id> \(email, network\) to import/,
    );
    expect(nothingUsedReason(nothingUsed(), { ...context, services: [] })).toMatch(/; repo has no service yet: add one under services\/ \(docs\/format\.md\), then re-run with --default-service <its id>/);
  });

  it('names the cause that skipped the most rows: a status, or a kind of problem', () => {
    const context = { file: 'log.csv', repository: 'repo', services: ['service-desk'], dryRun: false };
    const states: ImportSummary = {
      ...nothingUsed(),
      problems: [1, 2, 3].map((line) => ({ line, kind: 'unknown-state' as const, skipped: true, ticket: 'INC1', message: '', unmapped: { field: 'status' as const, column: 'state', value: 'Open' } })),
    };
    expect(nothingUsedReason(states, context)).toBe(
      'nothing was imported from log.csv: the one value of column "state", "Open", maps to no status of repo; map it to statuses under "statuses" in a --map file (docs/import.md#when-nothing-is-imported)',
    );
    const dates: ImportSummary = { ...nothingUsed(), problems: [{ line: 2, kind: 'unparseable-date', skipped: true, message: '', rows: 200 }, ...nothingUsed().problems] };
    expect(nothingUsedReason(dates, context)).toMatch(/^nothing was imported from log\.csv: no row has a date that can be read \(see the problems\); name the export's date format under "dateFormats"/);
  });

  it('shows how the lines were spent when they are not one per row, and the lines a skipped row took', () => {
    const swallowed: ImportSummary = {
      ...SUMMARY,
      rowsRead: 11,
      rowsUsed: 10,
      rowsSkipped: 1,
      lines: { total: 60, header: 1, rows: 58, blank: 1 },
      problems: [{ line: 12, lastLine: 59, kind: 'missing-field', skipped: true, message: 'a quote' }],
    };
    const text = formatSummaryText(swallowed, CONTEXT).split('\n');
    // 60 lines = 1 header + 10 rows of one line + 48 lines (12–59) of the skipped row + 1 blank.
    expect(text[1]).toBe('Lines: 60 in the file = 1 in the header + 58 in the 11 rows + 1 blank');
    expect(text).toContain('  missing-field  1  lines 12–59');
    expect(formatSummaryText({ ...SUMMARY, lines: { total: 58, header: 1, rows: 57, blank: 0 } }, CONTEXT)).not.toContain('Lines:');
    expect(JSON.parse(formatSummaryJson(swallowed, CONTEXT))).toMatchObject({ lines: { total: 60, header: 1, rows: 58, blank: 1 }, problems: [{ line: 12, lastLine: 59 }] });
  });
});
