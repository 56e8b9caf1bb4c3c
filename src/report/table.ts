import type { ChalkInstance } from 'chalk';
import { safeText } from './text-safe.js';
import { displayWidth, pad, truncate } from './terminal-text.js';

/**
 * The tables of the human formats, fitted to a width.
 *
 * Without a width a table has its full layout, the same on every machine (what the CLI prints when stdout is not a
 * terminal). With one, no line is wider, and no row ever wraps:
 *
 * 1. when the full layout is too wide, columns switch to their short heading;
 * 2. text columns (`min`) are cut with "…" down to their `min`, the one with the most room above it first;
 * 3. if that is not enough, the droppable column with the lowest `drop` rank is left out, and 2 is tried again;
 * 4. when nothing is left to drop, text columns are cut further, down to one column each.
 *
 * Every cell and heading goes through `safeText`: data never reaches the terminal as control characters.
 */

export type Align = 'left' | 'right' | 'center';

export interface Column {
  head: string;
  /** A shorter heading, used once the table has to be narrowed ("prio" for "priority"). */
  shortHead?: string;
  align?: Align;
  /** The widest this column ever is, in any layout; longer text is cut with "…" (a title of 200 characters). */
  max?: number;
  /** Marks a text column that may be cut with "…": to this width before any column is dropped, then further. */
  min?: number;
  /** Columns are left out lowest rank first when the table does not fit; a column without a rank is always shown. */
  drop?: number;
}

/** A cell: plain text, or text with the colour to paint it in once it has been cut to its column. */
export type Cell = string | { text: string; paint: (text: string) => string };

export interface TableOptions {
  /** Paints the headings (bold for boxed tables). */
  chalk: ChalkInstance;
  /** The widest a line may be, in terminal columns; undefined for the full layout. */
  width?: number;
}

interface Layout {
  /** Indices of the columns shown, in order. */
  shown: number[];
  widths: number[];
  heads: string[];
}

const textOf = (cell: Cell): string => safeText(typeof cell === 'string' ? cell : cell.text);

/** Chooses the columns and their widths; `frame` is what borders and gaps take for n columns. */
export function fitColumns(columns: readonly Column[], rows: readonly (readonly string[])[], width: number | undefined, frame: (n: number) => number): Layout {
  const natural = (i: number, heads: readonly string[]) =>
    Math.min(columns[i]!.max ?? Infinity, Math.max(displayWidth(heads[i]!), ...rows.map((r) => displayWidth(r[i]!))));
  const full = columns.map((c) => safeText(c.head));
  let shown = columns.map((_, i) => i);
  const fullWidths = shown.map((i) => natural(i, full));
  if (width === undefined || sum(fullWidths) + frame(shown.length) <= width) return { shown, widths: fullWidths, heads: full };

  const heads = columns.map((c) => safeText(c.shortHead ?? c.head));
  const droppable = shown.filter((i) => columns[i]!.drop !== undefined).sort((a, b) => columns[a]!.drop! - columns[b]!.drop!);
  for (;;) {
    const widths = shown.map((i) => natural(i, heads));
    const excess = sum(widths) + frame(shown.length) - width;
    const comfortable = (k: number) => Math.min(widths[k]!, columns[shown[k]!]!.min ?? Infinity);
    if (shrink(widths, comfortable, excess) <= 0) return { shown, widths, heads };
    const next = droppable.shift();
    if (next !== undefined) {
      shown = shown.filter((i) => i !== next);
      continue;
    }
    shrink(widths, (k) => (columns[shown[k]!]!.min === undefined ? widths[k]! : 1), sum(widths) + frame(shown.length) - width);
    return { shown, widths, heads };
  }
}

/**
 * Takes `excess` columns, one at a time, from the column with the most room above its floor (so a long title gives
 * before a short status is cut); returns what could not be taken.
 */
function shrink(widths: number[], floor: (k: number) => number, excess: number): number {
  const floors = widths.map((_, k) => floor(k));
  let left = excess;
  while (left > 0) {
    let roomiest = -1;
    for (let k = 0; k < widths.length; k++) {
      const room = widths[k]! - floors[k]!;
      if (room > 0 && (roomiest < 0 || room >= widths[roomiest]! - floors[roomiest]!)) roomiest = k;
    }
    if (roomiest < 0) break;
    widths[roomiest]!--;
    left--;
  }
  return left;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A cell cut to its width and painted. */
function render(cell: Cell, width: number): string {
  const text = truncate(textOf(cell), width);
  return typeof cell === 'string' ? text : cell.paint(text);
}

/**
 * A box-drawn table (the look of cli-table3's compact style): a border, the headings in bold, a rule, one line per
 * row. Each column is as wide as its widest cell plus a space on either side.
 */
export function boxTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], options: TableOptions): string {
  const plain = rows.map((r) => r.map(textOf));
  const { shown, widths, heads } = fitColumns(columns, plain, options.width, (n) => 3 * n + 1);
  const rule = (left: string, middle: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;
  const line = (cells: readonly string[]) => `│${cells.map((c, k) => ` ${pad(c, widths[k]!, columns[shown[k]!]!.align ?? 'left')} `).join('│')}│`;
  const head = shown.map((i, k) => options.chalk.bold(truncate(heads[i]!, widths[k]!)));
  const body = rows.map((r) => line(shown.map((i, k) => render(r[i]!, widths[k]!))));
  return [rule('┌', '┬', '┐'), line(head), rule('├', '┼', '┤'), ...body, rule('└', '┴', '┘')].join('\n');
}

/**
 * A table without borders: columns two spaces apart, the heading line dimmed, no trailing spaces. For tables read as
 * part of a text (the segments of `sla explain`).
 */
export function plainTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], options: TableOptions): string[] {
  const plain = rows.map((r) => r.map(textOf));
  const { shown, widths, heads } = fitColumns(columns, plain, options.width, (n) => 2 * Math.max(0, n - 1));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => {
        const align = columns[shown[k]!]!.align ?? 'left';
        return align === 'left' && k === cells.length - 1 ? c : pad(c, widths[k]!, align);
      })
      .join('  ');
  const head = line(shown.map((i, k) => truncate(heads[i]!, widths[k]!)));
  return [options.chalk.dim(head), ...rows.map((r) => line(shown.map((i, k) => render(r[i]!, widths[k]!))))];
}
