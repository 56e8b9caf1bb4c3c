import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { boxTable, plainTable, type Column } from '../../../src/report/table.js';
import { displayWidth } from '../../../src/report/terminal-text.js';

const chalk = new Chalk({ level: 0 });

const COLUMNS: Column[] = [
  { head: 'ticket', min: 7 },
  { head: 'title', min: 10, max: 30 },
  { head: 'priority', shortHead: 'prio', min: 4, drop: 2 },
  { head: 'service', min: 7, drop: 1 },
  { head: 'left', align: 'right' },
];
const ROWS = [
  ['INC0001', 'VPN drops every 10 minutes when on the train', 'P1', 'vpn', '3h 20m left'],
  ['INC0002', 'Printer', 'P3', 'printing', '44h overdue'],
];

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

describe('boxTable', () => {
  it('has the full layout without a width: every column, full headings, only `max` cuts', () => {
    expect(boxTable(COLUMNS, ROWS, { chalk })).toBe(
      [
        '┌─────────┬────────────────────────────────┬──────────┬──────────┬─────────────┐',
        '│ ticket  │ title                          │ priority │ service  │        left │',
        '├─────────┼────────────────────────────────┼──────────┼──────────┼─────────────┤',
        '│ INC0001 │ VPN drops every 10 minutes wh… │ P1       │ vpn      │ 3h 20m left │',
        '│ INC0002 │ Printer                        │ P3       │ printing │ 44h overdue │',
        '└─────────┴────────────────────────────────┴──────────┴──────────┴─────────────┘',
      ].join('\n'),
    );
  });

  it('keeps the full layout when it fits the width', () => {
    expect(boxTable(COLUMNS, ROWS, { chalk, width: 80 })).toBe(boxTable(COLUMNS, ROWS, { chalk }));
  });

  it('narrows: short headings, then text cut to its `min`, then columns dropped lowest rank first', () => {
    // The full layout is 80 wide. At 76 the short heading "prio" saves the 4 columns needed, and nothing is cut.
    expect(boxTable(COLUMNS, ROWS, { chalk, width: 76 }).split('\n')[1]).toBe('│ ticket  │ title                          │ prio │ service  │        left │');
    // At 75 the title gives one column.
    expect(boxTable(COLUMNS, ROWS, { chalk, width: 75 }).split('\n')[3]).toBe('│ INC0001 │ VPN drops every 10 minutes w… │ P1   │ vpn      │ 3h 20m left │');
    // 50: with the title at its min of 10 it still does not fit, so "service" (rank 1) goes, then "prio" fits again.
    expect(boxTable(COLUMNS, ROWS, { chalk, width: 50 })).toBe(
      [
        '┌─────────┬─────────────────┬──────┬─────────────┐',
        '│ ticket  │ title           │ prio │        left │',
        '├─────────┼─────────────────┼──────┼─────────────┤',
        '│ INC0001 │ VPN drops ever… │ P1   │ 3h 20m left │',
        '│ INC0002 │ Printer         │ P3   │ 44h overdue │',
        '└─────────┴─────────────────┴──────┴─────────────┘',
      ].join('\n'),
    );
    // 36: every droppable column is gone, and the text columns are cut below their `min` as a last resort.
    expect(boxTable(COLUMNS, ROWS, { chalk, width: 36 }).split('\n')[3]).toBe('│ INC0001 │ VPN dro… │ 3h 20m left │');
  });

  it('never has a line wider than the width, from 120 columns down to 34', () => {
    for (let width = 120; width >= 34; width--) expect(widest(boxTable(COLUMNS, ROWS, { chalk, width })), `width ${width}`).toBeLessThanOrEqual(width);
  });

  it('measures wide characters by display width', () => {
    const rows = [['INC0003', '東京オフィスのプリンターが印刷しない', 'P2', 'printing', '1h left']];
    for (const width of [40, 60, 80]) {
      const table = boxTable(COLUMNS, rows, { chalk, width });
      expect(widest(table)).toBeLessThanOrEqual(width);
      // Every line of a box table is exactly as wide as the others: nothing is misaligned.
      expect(new Set(table.split('\n').map(displayWidth)).size).toBe(1);
    }
  });

  it('escapes control characters in cells and headings, and measures the escapes', () => {
    const table = boxTable([{ head: 'ti\u0007tle' }], [['A\u001b[31mB\rC\u202eD']], { chalk });
    expect(table.split('\n')[1]).toBe('│ ti\\x07tle            │');
    expect(table.split('\n')[3]).toBe('│ A\\x1b[31mB\\rC\\u202eD │');
    expect(table).not.toMatch(/[\u0007\u001b\r\u202e]/);
  });

  it('paints a cell after cutting it, so that colour never counts towards the width', () => {
    const painted = new Chalk({ level: 1 });
    const table = boxTable([{ head: 'state', min: 3 }], [[{ text: 'breached', paint: painted.red }]], { chalk: painted, width: 9 });
    expect(table.split('\n')[3]).toBe('│ \u001b[31mbrea…\u001b[39m │');
  });
});

describe('plainTable', () => {
  it('separates columns by two spaces, dims the heading, and leaves no trailing space', () => {
    const lines = plainTable(COLUMNS, ROWS, { chalk });
    expect(lines[0]).toBe('ticket   title                           priority  service          left');
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
    for (const width of [40, 60, 80]) for (const line of plainTable(COLUMNS, ROWS, { chalk, width })) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });
});
