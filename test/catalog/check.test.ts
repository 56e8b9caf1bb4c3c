import { describe, expect, it } from 'vitest';
import { matchesIgnoringSource, shortDiff, SOURCE_PLACEHOLDER } from '../../src/catalog/check.js';
import type { CatalogSource } from '../../src/catalog/model.js';

const SOURCE: CatalogSource = { commit: '5d0c243a086b8c7430653f2025731704b17d05ee', date: '2026-11-22T11:26:32+00:00' };
const OTHER: CatalogSource = { commit: 'ddc2d1c0000000000000000000000000000000ff', date: '2026-12-01T09:00:00-05:00' };

/** A stand-in for an exporter: provenance on its own lines, content in the others. */
function render(content: string[]) {
  return (source: CatalogSource | null) =>
    ['# Catalog', ...(source ? [`commit ${source.commit}`, `date ${source.date}`] : []), ...content, ''].join('\n');
}

describe('matchesIgnoringSource', () => {
  const current = render(['a', 'b', 'c']);

  it('accepts the file whatever commit and date it names, or none', () => {
    expect(matchesIgnoringSource(current, current(SOURCE))).toBe(true);
    expect(matchesIgnoringSource(current, current(OTHER))).toBe(true);
    expect(matchesIgnoringSource(current, current(null))).toBe(true);
  });

  it('refuses a file whose content differs, or whose provenance is not a commit and a date', () => {
    expect(matchesIgnoringSource(current, render(['a', 'B', 'c'])(SOURCE))).toBe(false);
    expect(matchesIgnoringSource(current, current(SOURCE).replace(SOURCE.commit, 'not-a-commit'))).toBe(false);
    expect(matchesIgnoringSource(current, current(SOURCE).replace(SOURCE.date, 'yesterday'))).toBe(false);
    expect(matchesIgnoringSource(current, `${current(SOURCE)}\n`)).toBe(false);
  });

  it('treats regular-expression characters in the content literally', () => {
    const tricky = render(['a.b', '(x)*', '[^$]']);
    expect(matchesIgnoringSource(tricky, tricky(SOURCE))).toBe(true);
    expect(matchesIgnoringSource(tricky, tricky(SOURCE).replace('a.b', 'aXb'))).toBe(false);
  });
});

describe('shortDiff', () => {
  const options = { actualLabel: 'CATALOG.md', expectedLabel: 'itsm catalog export' };

  it('shows the first differing lines with two lines of context, ignoring a provenance that differs', () => {
    const expected = render(['one', 'two', 'three', 'four NEW', 'five'])(SOURCE_PLACEHOLDER);
    const actual = render(['one', 'two', 'three', 'four', 'five'])(OTHER);
    expect(shortDiff(expected, actual, SOURCE, options)).toBe(
      ['--- CATALOG.md', '+++ itsm catalog export', '@@ -5,3 +5,3 @@', ' two', ' three', '-four', '+four NEW', ''].join('\n'),
    );
  });

  it('writes the current provenance into added lines, and says how many more lines differ', () => {
    const expected = render(Array.from({ length: 15 }, (_, i) => `new ${i}`))(SOURCE_PLACEHOLDER);
    const actual = '# Old\n';
    const diff = shortDiff(expected, actual, SOURCE, { ...options, maxLines: 3 });
    expect(diff).toBe(
      [
        '--- CATALOG.md',
        '+++ itsm catalog export',
        '@@ -1,1 +1,18 @@',
        '-# Old',
        '+# Catalog',
        `+commit ${SOURCE.commit}`,
        `+date ${SOURCE.date}`,
        '… 15 more line(s) added',
        '',
      ].join('\n'),
    );
  });

  it('is empty when the texts match', () => {
    expect(shortDiff(render(['a'])(SOURCE_PLACEHOLDER), render(['a'])(OTHER), SOURCE, options)).toBe('');
  });
});
