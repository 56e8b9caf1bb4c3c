import { safeText } from './text-safe.js';

/**
 * Markdown building blocks shared by the report formatters: text escaped for GFM, table cells, headings and paragraphs
 * wrapped at 80 columns, so that every report passes markdownlint's default rules (MD013 counts table and heading lines too).
 */

/**
 * Inline text: runs of whitespace (a name written as a YAML block scalar may hold newlines or tabs) become one space,
 * other control and bidirectional-control characters become visible escapes (src/report/text-safe.ts: they would
 * reach the terminal when the report is printed, and reorder the rendered text), characters that Markdown or GFM
 * would read as syntax are backslash-escaped, and `&` is written as an entity.
 */
export function escapeText(text: string): string {
  return safeText(text.replace(/\s+/g, ' ').trim())
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** A table cell: escaped, with its spaces as `&nbsp;` so that no table line has whitespace for MD013 to count. */
export function cell(text: string): string {
  return escapeText(text).replace(/ /g, '&nbsp;');
}

export const LINE_LENGTH = 80;

/** An ATX heading; its spaces past column 80 become `&nbsp;` (a heading cannot be wrapped). */
export function heading(marks: string, text: string): string {
  const line = `${marks} ${escapeText(text)}`;
  return line.slice(0, LINE_LENGTH) + line.slice(LINE_LENGTH).replace(/ /g, '&nbsp;');
}

/** A line that would start a list item, a heading, a quote or a setext underline if a paragraph line began with it. */
const BLOCK_START_RE = /^(?:\d+[.)]|[-+*>#=]+|`{3,}|~{3,})$/;

/** Greedy word wrap at 80 columns, never starting a line with a word that Markdown would read as block syntax. */
export function wrap(text: string): string {
  const lines: string[][] = [[]];
  let length = 0;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const current = lines[lines.length - 1]!;
    if (current.length > 0 && length + 1 + word.length > LINE_LENGTH) {
      const next: string[] = [];
      // Carry the previous word down with a risky one, so "3." or "-" never opens a line.
      if (BLOCK_START_RE.test(word) && current.length > 1) next.push(current.pop()!);
      next.push(word);
      lines.push(next);
      length = next.join(' ').length;
    } else {
      current.push(word);
      length = current.join(' ').length;
    }
  }
  return lines.map((l) => l.join(' ')).join('\n');
}

export function table(head: readonly string[], align: readonly ('left' | 'right' | 'center')[], rows: readonly (readonly string[])[]): string {
  const delimiter = align.map((a) => (a === 'right' ? '---:' : a === 'center' ? ':---:' : '---'));
  return [head.map(cell), delimiter, ...rows.map((r) => r.map(cell))].map((r) => `|${r.join('|')}|`).join('\n');
}
