import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepository } from '../../src/open-repository.js';
import { linkedMarkdownFile, markdownLinks } from '../../src/validate/rules/articles.js';
import { scratchFolders } from '../helpers/temp-repo.js';

describe('markdownLinks', () => {
  it('finds inline links, images and reference definitions at their line and column in the file', () => {
    const body = ['# Title', '', 'See [vpn](vpn.md#top) and ![map](img/map.png).', '[ref]: ../kb/other.md "Other"'].join('\n');
    // The body starts at line 10: "See [vpn](" is 4 + 6 = 10 characters, so vpn.md is at column 11; img/map.png at
    // column 34 ("See " 4 + "[vpn](" 6 + "vpn.md#top" 10 + ")" 1 + " and " 5 + "![map](" 7 = 33 characters before it).
    expect(markdownLinks(body, 10)).toEqual([
      { destination: 'vpn.md#top', line: 12, column: 11 },
      { destination: 'img/map.png', line: 12, column: 34 },
      { destination: '../kb/other.md', line: 13, column: 8 },
    ]);
  });

  it('skips code spans and fenced code blocks, and reads <destinations> with spaces', () => {
    const body = ['`[a](a.md)` [b](<b c.md>)', '```md', '[d](d.md)', '```', '~~~', '[e](e.md)', '~~~', '[f](f.md)'].join('\n');
    expect(markdownLinks(body, 1).map((l) => l.destination)).toEqual(['<b c.md>', 'f.md']);
  });
});

describe('linkedMarkdownFile', () => {
  it('resolves a relative link against the article\'s folder, without its anchor or query', () => {
    expect(linkedMarkdownFile('kb/network/vpn.md', '../email.md#outlook')).toBe('kb/email.md');
    expect(linkedMarkdownFile('kb/vpn.md', './sub/a%20b.md')).toBe('kb/sub/a b.md');
    expect(linkedMarkdownFile('kb/vpn.md', '<dns.markdown>')).toBe('kb/dns.markdown');
  });

  it('leaves alone what it does not check: other schemes, anchors, root paths, other files, links out of the repository', () => {
    for (const link of ['https://example.com/a.md', 'mailto:desk@example.com', '//cdn/a.md', '#section', '/docs/a.md', 'map.png', '../../a.md']) {
      expect(linkedMarkdownFile('kb/vpn.md', link), link).toBeUndefined();
    }
  });
});

describe('Markdown files of a repository', () => {
  const folders = scratchFolders('itsm-articles-');

  it('count as files read only when they are articles; links may name any of them, and only articles pass', () => {
    const root = folders.copyOf('test/fixtures/validate/article-link');
    // itsm.yaml, a calendar, a service, an SLA and two articles: 6 files; README.md (no front matter) is not one.
    expect(openRepository(root).files).toEqual([
      'itsm.yaml',
      'calendars/business-hours.yaml',
      'knowledge/printing.md',
      'knowledge/scanner.md',
      'services/service-desk.yaml',
      'slas/standard.yaml',
    ]);
    writeFileSync(join(root, 'notes.md'), '---\ntitle: Jekyll front matter\n---\nNot itsm.\n');
    expect(openRepository(root).files).toHaveLength(6);
  });
});
