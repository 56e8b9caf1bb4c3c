/**
 * `catalog export --check FILE`: is FILE what export would write now? Pure: the caller reads the file and renders.
 *
 * The provenance (commit and date) is left out of the comparison. It cannot be part of it: a committed catalog can
 * only name a commit made before it (a commit's hash depends on its content), and squash or rebase merges rewrite
 * that commit anyway, so a check that compared it would fail on every merge. What `--check` guards is the content:
 * the services, their agreements, prices and contacts.
 */
import type { CatalogSource } from './model.js';

/**
 * Stand-ins rendered where the commit and date go. Letters only, so that no format escapes or quotes them, and as
 * long as the real values (40 and 25 characters), so that nothing around them is laid out differently.
 */
export const SOURCE_PLACEHOLDER: CatalogSource = {
  commit: 'ItsmCommitPlaceholderQQQQQQQQQQQQQQQQQQQ',
  date: 'ItsmDatePlaceholderQQQQQQ',
};

const COMMIT_RE = /[0-9a-f]{7,64}/y;
const DATE_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/y;

type Token = { literal: string } | { hole: RegExp };

/** `rendered` (text rendered with SOURCE_PLACEHOLDER) as literal text with holes where the stand-ins are. */
function tokenize(rendered: string): Token[] {
  const tokens: Token[] = [];
  rendered.split(SOURCE_PLACEHOLDER.commit).forEach((part, i) => {
    if (i > 0) tokens.push({ hole: COMMIT_RE });
    part.split(SOURCE_PLACEHOLDER.date).forEach((literal, j) => {
      if (j > 0) tokens.push({ hole: DATE_RE });
      if (literal !== '') tokens.push({ literal });
    });
  });
  return tokens;
}

/**
 * Whether `actual` is `template` with a commit and a date where the stand-ins are. Matched piece by piece rather than
 * as one regular expression, which for a catalog of a few hundred kilobytes would exceed what the engine compiles.
 * A hole takes the longest commit or date it finds; every format follows them with a character neither can hold.
 */
function matchesTemplate(template: string, actual: string): boolean {
  let position = 0;
  for (const token of tokenize(template)) {
    if ('literal' in token) {
      if (!actual.startsWith(token.literal, position)) return false;
      position += token.literal.length;
    } else {
      token.hole.lastIndex = position;
      const match = token.hole.exec(actual);
      if (match === null) return false;
      position += match[0].length;
    }
  }
  return position === actual.length;
}

function hasPlaceholder(text: string): boolean {
  return text.includes(SOURCE_PLACEHOLDER.commit) || text.includes(SOURCE_PLACEHOLDER.date);
}

/**
 * Whether `actual` is what `render` writes, whatever commit and date it names: the same text with any source, or
 * the text with no source at all (generated outside git).
 */
export function matchesIgnoringSource(render: (source: CatalogSource | null) => string, actual: string): boolean {
  if (actual === render(null)) return true;
  return matchesTemplate(render(SOURCE_PLACEHOLDER), actual);
}

export interface ShortDiffOptions {
  /** Shown on the `---` line: the file on disk. */
  actualLabel: string;
  /** Shown on the `+++` line: what export would write. */
  expectedLabel: string;
  /** At most this many removed and this many added lines are shown (default 10). */
  maxLines?: number;
  /** Unchanged lines shown before the first difference (default 2). */
  context?: number;
}

/**
 * A short unified-style diff from `actual` (the file) to `expected` (rendered with SOURCE_PLACEHOLDER): the first
 * run of differing lines, after the lines both share at the start and at the end, as `diff -u` would show it.
 * Provenance lines compare equal whatever commit they name; in the `+` lines, the stand-ins are replaced by `source`
 * when there is one. Returns "" when the texts match.
 */
export function shortDiff(expectedWithPlaceholder: string, actual: string, source: CatalogSource | null, options: ShortDiffOptions): string {
  const expectedLines = splitLines(expectedWithPlaceholder);
  const actualLines = splitLines(actual);
  const templated = expectedLines.map(hasPlaceholder);
  const same = (e: number, a: number) => (templated[e] ? matchesTemplate(expectedLines[e]!, actualLines[a]!) : expectedLines[e] === actualLines[a]);
  let start = 0;
  while (start < expectedLines.length && start < actualLines.length && same(start, start)) start++;
  let endE = expectedLines.length;
  let endA = actualLines.length;
  while (endE > start && endA > start && same(endE - 1, endA - 1)) {
    endE--;
    endA--;
  }
  if (start === endE && start === endA) return '';

  const max = options.maxLines ?? 10;
  const context = Math.min(options.context ?? 2, start);
  const show = (line: string) =>
    source === null ? line : line.split(SOURCE_PLACEHOLDER.commit).join(source.commit).split(SOURCE_PLACEHOLDER.date).join(source.date);
  const removed = actualLines.slice(start, endA);
  const added = expectedLines.slice(start, endE).map(show);
  const range = (from: number, count: number) => `${count === 0 ? from : from + 1},${count}`;
  const lines = [
    `--- ${options.actualLabel}`,
    `+++ ${options.expectedLabel}`,
    `@@ -${range(start - context, removed.length + context)} +${range(start - context, added.length + context)} @@`,
    ...actualLines.slice(start - context, start).map((l) => ` ${l}`),
    ...removed.slice(0, max).map((l) => `-${l}`),
  ];
  if (removed.length > max) lines.push(`… ${removed.length - max} more line(s) removed`);
  lines.push(...added.slice(0, max).map((l) => `+${l}`));
  if (added.length > max) lines.push(`… ${added.length - max} more line(s) added`);
  return `${lines.join('\n')}\n`;
}

/** Lines without their terminators; a final newline does not make an empty last line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
