import { describe, expect, it } from 'vitest';
import { createProgress, formatProgress } from '../../src/import/progress.js';
import { formatProblems, formatSummaryJson, formatSummaryText, skippedByKind } from '../../src/import/summary.js';
import type { ImportSummary } from '../../src/import/types.js';

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
