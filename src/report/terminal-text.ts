import { safeText } from './text-safe.js';

/**
 * Text measured and cut as a terminal shows it: in columns, not UTF-16 code units. A CJK character or an emoji takes
 * two columns, a combining accent none, and "…" one; colour escapes take none. The human formats use these to keep
 * every line within the width they are given (src/report/table.ts, and the prose lines around the tables).
 */

/** The SGR sequences chalk writes ("\x1b[31m"); data never holds ESC by the time it is measured (text-safe.ts). */
const SGR_RE = /\u001b\[[0-9;]*m/g;
const PRINTABLE_ASCII_RE = /^[\u0020-\u007e]*$/;
/** A grapheme that takes no column: a lone combining mark, a format character (zero-width space, soft hyphen, BOM). */
const ZERO_WIDTH_RE = /^(?:\p{M}|\p{Cf})+$/u;
const EMOJI_RE = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;

/**
 * Code points that are East Asian Wide or Fullwidth (Unicode UAX #11): Hangul Jamo, CJK radicals, kana, ideographs,
 * Hangul syllables, compatibility ideographs, fullwidth forms and the supplementary ideographic planes.
 */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  for (const [from, to] of WIDE_RANGES) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemeWidth(grapheme: string): number {
  const first = grapheme.codePointAt(0)!;
  if (first < 0x20 || (first >= 0x7f && first < 0xa0)) return 0;
  if (ZERO_WIDTH_RE.test(grapheme)) return 0;
  return isWide(first) || EMOJI_RE.test(grapheme) ? 2 : 1;
}

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** How many terminal columns the text takes (one line; colour escapes ignored). */
export function displayWidth(text: string): number {
  const plain = text.includes('\u001b') ? text.replace(SGR_RE, '') : text;
  if (PRINTABLE_ASCII_RE.test(plain)) return plain.length;
  let width = 0;
  for (const g of graphemes(plain)) width += graphemeWidth(g);
  return width;
}

/** The text cut to at most `width` columns, ending with "…" when something was cut. Plain text only (no colour). */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let kept = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    if (used + w > width - 1) break;
    kept += g;
    used += w;
  }
  return `${kept.trimEnd()}…`;
}

/** Pads plain or coloured text with spaces to `width` columns. */
export function pad(text: string, width: number, align: 'left' | 'right' | 'center'): string {
  const room = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(room) + text;
  if (align === 'center') {
    const left = Math.floor(room / 2);
    return ' '.repeat(left) + text + ' '.repeat(room - left);
  }
  return text + ' '.repeat(room);
}

/**
 * Greedy word wrap of one line of plain text to `width` columns: the first line starts with `indent`, the following
 * ones with `hanging` (default: the same). A word longer than a line is cut where the line ends. Without a width, the
 * text is one line. Returns the lines, without line breaks.
 */
export function wrapText(text: string, width: number | undefined, indent = '', hanging = indent): string[] {
  if (width === undefined || displayWidth(indent + text) <= width) return [indent + text];
  const lines: string[] = [];
  let line = indent;
  let lineWidth = displayWidth(indent);
  let empty = true;
  const flush = () => {
    lines.push(line.trimEnd());
    line = hanging;
    lineWidth = displayWidth(hanging);
    empty = true;
  };
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const w = displayWidth(word);
    if (!empty && lineWidth + 1 + w > width) flush();
    if (!empty) {
      line += ' ';
      lineWidth += 1;
    }
    if (lineWidth + w <= width) {
      line += word;
      lineWidth += w;
      empty = false;
      continue;
    }
    // A word wider than the room on a line of its own: cut it across lines.
    for (const g of graphemes(word)) {
      const gw = graphemeWidth(g);
      if (!empty && lineWidth + gw > width) flush();
      line += g;
      lineWidth += gw;
      empty = false;
    }
  }
  if (!empty) lines.push(line.trimEnd());
  return lines;
}

const NO_BREAK = '\u00a0';

/** Words that `prose` must not break apart ("due 2026-12-01 08:15 -05:00"); they print with ordinary spaces. */
export function keepTogether(text: string): string {
  return text.replace(/ /g, NO_BREAK);
}

/**
 * A line of prose for the terminal (a heading, a verdict, a note): data made safe (text-safe.ts), wrapped to the
 * width at spaces (not inside `keepTogether` runs), each line painted on its own so that colour never spans a line
 * break. Returns the lines joined by "\n".
 */
export function prose(text: string, width: number | undefined, paint: (line: string) => string = (line) => line, indent = '', hanging = indent): string {
  return wrapText(safeText(text), width, indent, hanging)
    .map((line) => paint(line.replace(/\u00a0/g, ' ')))
    .join('\n');
}
