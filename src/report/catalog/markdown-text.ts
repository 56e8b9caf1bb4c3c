import { safeText } from '../text-safe.js';

/**
 * Writing GitHub-flavoured Markdown that passes markdownlint's default rules with none disabled, whatever text the
 * repository holds. The rules that text from YAML can break, and what this module does about each:
 *
 * - MD013 (line length 80, tables, headings and code included): prose and list items are wrapped at 80 columns.
 *   A line that cannot be wrapped (a table row, a heading) is allowed past column 80 only when it has no whitespace
 *   there, so its spaces past column 80 are written `&nbsp;`, which renders as a space.
 * - MD034 (no bare URLs): URLs and e-mail addresses in text become autolinks `<…>`.
 * - MD033 (no inline HTML): `<`, `>` and `&` that would start a tag or an entity are escaped.
 * - MD026 (no trailing punctuation in headings): a heading's trailing `.,;:!` is dropped.
 * - MD037/MD049/MD050 (emphasis): `*`, `_` (except inside words, where GFM never reads it as emphasis) and the other
 *   characters that Markdown reads as syntax are backslash-escaped.
 * - MD051 (link fragments): anchors are computed with markdownlint's own algorithm for GitHub's heading ids, and
 *   numbered `-1`, `-2` for repeated headings, as GitHub does.
 */

export const LINE_LENGTH = 80;

const URL_RE = /\b(?:https?:\/\/|mailto:)[^\s<>]*[^\s<>.,;:!?'")\]]/g;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Backslash-escapes what Markdown or GFM would read as syntax in running text. */
function escapePlain(text: string): string {
  return text
    .replace(/[\\`*[\]|~<>]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'));
}

/**
 * Inline text from the repository: whitespace runs become one space; URLs and e-mail addresses become autolinks
 * (MD034); everything else is escaped.
 */
export function inline(text: string): string {
  // Control and bidirectional-control characters as visible escapes (src/report/text-safe.ts), as in every human format.
  const flat = safeText(text.replace(/\s+/g, ' ').trim());
  const out: string[] = [];
  let last = 0;
  const matches = [...flat.matchAll(URL_RE), ...flat.matchAll(EMAIL_RE)].sort((a, b) => a.index - b.index);
  for (const m of matches) {
    if (m.index < last) continue; // an e-mail address inside a URL already linked
    out.push(escapePlain(flat.slice(last, m.index)), `<${m[0]}>`);
    last = m.index + m[0].length;
  }
  out.push(escapePlain(flat.slice(last)));
  return out.join('');
}

/** A code span; ids never hold backticks, but a value that does gets a longer fence (CommonMark 6.1). */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A link; the text is escaped (an address in it is not made a link of its own) and the destination has its parentheses and spaces percent-encoded. */
export function link(text: string, destination: string): string {
  return `[${escapePlain(safeText(text.replace(/\s+/g, ' ').trim()))}](${destination.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

/** Spaces past column 80 become `&nbsp;`, for lines that cannot be wrapped (MD013 ignores lines without them). */
export function unbreakable(line: string): string {
  if (line.length <= LINE_LENGTH) return line;
  return line.slice(0, LINE_LENGTH) + line.slice(LINE_LENGTH).replace(/ /g, '&nbsp;');
}

/** An ATX heading of already-escaped text, without the trailing punctuation that MD026 refuses. */
export function heading(level: number, markdown: string): string {
  return unbreakable(`${'#'.repeat(level)} ${markdown.replace(/(?:\\?[.,;:!])+$/, '')}`);
}

/** "1." → "1\.", "-" → "\-": the word as text, when it would otherwise open a block at the start of a line. */
function escapeBlockStart(word: string): string {
  if (!BLOCK_START_RE.test(word)) return word;
  const ordered = /^(\d+)([.)])$/.exec(word);
  return ordered ? `${ordered[1]!}\\${ordered[2]!}` : `\\${word}`;
}

/** A word that would start a list item, heading, quote, fence, table or setext underline at the start of a line. */
const BLOCK_START_RE = /^(?:\d+[.)]|[-+*>#=|]+|`{3,}|~{3,})$/;

/**
 * Greedy word wrap of already-escaped Markdown at `width`, never starting a line with a word that Markdown would read
 * as block syntax (the previous word is carried down with it, and a first word is escaped): text that begins "1. " or
 * "- " stays a paragraph and does not become a list. Splitting inside link text or a code span is safe: a
 * line break there is a space.
 */
export function wrap(markdown: string, width = LINE_LENGTH): string[] {
  const lines: string[][] = [[]];
  let length = 0;
  // A link that fits on a line is kept on one: "[Identity and\nDirectory](#…)" renders the same, but reads badly.
  const glued = markdown.replace(LINK_RE, (link) => (link.length <= width ? link.replace(/ /g, GLUE) : link));
  const words = glued.split(' ').filter((w) => w !== '');
  // A first word has no previous word to lean on: it is escaped instead.
  if (words[0] !== undefined) words[0] = escapeBlockStart(words[0]);
  for (const word of words) {
    const current = lines[lines.length - 1]!;
    if (current.length > 0 && length + 1 + word.length > width) {
      const next: string[] = [];
      if (BLOCK_START_RE.test(word) && current.length > 1) next.push(escapeBlockStart(current.pop()!), word);
      else next.push(escapeBlockStart(word));
      lines.push(next);
      length = next.join(' ').length;
    } else {
      current.push(word);
      length = current.join(' ').length;
    }
  }
  return lines.map((l) => l.join(' ').replaceAll(GLUE, ' '));
}

/** An inline link as `link` writes it: escaped text, a destination without spaces. */
const LINK_RE = /\[(?:\\.|[^\]\\])*\]\([^()\s]*\)/g;
const GLUE = '\u0000';

/** A paragraph wrapped at 80 columns. */
export function paragraph(markdown: string): string {
  return wrap(markdown).join('\n');
}

/** A list item "- …" wrapped at 80 columns, continuation lines indented under its text; `depth` nests it (MD007: 2 spaces). */
export function listItem(markdown: string, depth = 0): string {
  const indent = '  '.repeat(depth);
  const lines = wrap(markdown, LINE_LENGTH - indent.length - 2);
  return lines.map((line, i) => `${indent}${i === 0 ? '- ' : '  '}${line}`).join('\n');
}

/** A table cell: already-escaped Markdown with `|` escaped. */
function cell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}

/**
 * A GFM table with leading and trailing pipes (MD055). Written with a space either side of each cell when every row
 * fits in 80 columns; otherwise written tight (`|a|b|`), with a long row's spaces past column 80 as `&nbsp;`, so that
 * MD013 passes and no cell gains a visible leading space.
 */
export function table(head: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string {
  const delimiter = align.map((a) => (a === 'right' ? '---:' : '---'));
  const all = [head.map(cell), delimiter, ...rows.map((r) => r.map(cell))];
  const padded = all.map((r) => `| ${r.join(' | ')} |`);
  if (padded.every((line) => line.length <= LINE_LENGTH)) return padded.join('\n');
  return all.map((r) => unbreakable(`|${r.join('|')}|`)).join('\n');
}

/**
 * GitHub's id for a heading, as markdownlint's MD051 computes it: the heading's text (escapes resolved, entities and
 * markup dropped) in lower case, without characters other than letters, marks, numbers, connector punctuation, `-`
 * and space, spaces turned into `-`, percent-encoded.
 */
export function headingSlug(text: string): string {
  return encodeURIComponent(
    text
      .toLowerCase()
      .replace(/[^\p{Letter}\p{Mark}\p{Number}\p{Connector_Punctuation}\- ]/gu, '')
      .replace(/ /g, '-'),
  );
}

/**
 * The id GitHub gives a heading written as `markdown` (one line, as `heading` writes it): escapes resolved, entities
 * such as `&nbsp;` dropped (markdownlint ignores them, and GitHub drops the character they stand for).
 */
export function headingMarkdownSlug(markdown: string): string {
  return headingSlug(markdown.replace(/&[A-Za-z0-9#]+;/g, '').replace(/\\(.)/g, '$1'));
}

/** Assigns anchors in document order, numbering repeats `-1`, `-2` as GitHub (github-slugger) and MD051 do. */
export class Slugger {
  private readonly occurrences = new Map<string, number>();

  slug(base: string): string {
    let result = base;
    while (this.occurrences.has(result)) {
      const n = (this.occurrences.get(base) ?? 0) + 1;
      this.occurrences.set(base, n);
      result = `${base}-${n}`;
    }
    this.occurrences.set(result, 0);
    return result;
  }
}
