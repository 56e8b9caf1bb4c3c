import { describe, expect, it } from 'vitest';
import { columnsWidth, csvDelimiter } from '../../src/cli/options.js';
import { outputWidth } from '../../src/cli/terminal.js';

// How the CLI chooses the width the human formats fit: the spawned CLI of the end-to-end tests never writes to a
// terminal, so the terminal's side of the choice is tested here on stand-ins for process.stdout.

const tty = (columns: number) => ({ isTTY: true, columns });
const pipe = { isTTY: false, columns: 0 } as unknown as { isTTY: boolean; columns: number };

describe('outputWidth', () => {
  it("is the terminal's width when stdout is a terminal", () => {
    expect(outputWidth(tty(80), {})).toBe(80);
    expect(outputWidth(tty(213), {})).toBe(213);
  });

  it('is undefined (the full layout) when stdout is not a terminal', () => {
    expect(outputWidth(pipe, {})).toBeUndefined();
    // A terminal that does not report its size.
    expect(outputWidth(tty(0), {})).toBeUndefined();
  });

  it('is --width when given, terminal or not', () => {
    expect(outputWidth(pipe, { width: 100 })).toBe(100);
    expect(outputWidth(tty(80), { width: 132 })).toBe(132);
  });

  it('is the full layout when writing to a file with --out, even from a terminal; "-" is stdout', () => {
    expect(outputWidth(tty(80), { out: 'report.txt' })).toBeUndefined();
    expect(outputWidth(tty(80), { out: '-' })).toBe(80);
    expect(outputWidth(tty(80), { out: 'report.txt', width: 90 })).toBe(90);
  });
});

describe('option parsers', () => {
  it('--width takes a whole number of 40 columns or more', () => {
    expect(columnsWidth('40')).toBe(40);
    expect(columnsWidth('200')).toBe(200);
    for (const bad of ['39', '0', '-80', '80.0', 'wide', '']) expect(() => columnsWidth(bad), bad).toThrow(/expected a whole number of columns, 40 or more/);
  });

  it('--delimiter takes , ; | and tab (also \\t or a tab character), nothing else', () => {
    expect([',', ';', '|', 'tab', '\\t', '\t'].map(csvDelimiter)).toEqual([',', ';', '|', '\t', '\t', '\t']);
    for (const bad of [':', 'comma', '"', ';;', '', 'TAB']) expect(() => csvDelimiter(bad), bad).toThrow(/expected one of , ; \| tab but found/);
  });
});
