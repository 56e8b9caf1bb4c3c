import { describe, expect, it } from 'vitest';
import { frontMatterOf, isMarkdownFile, yamlTextOf } from '../../src/load/front-matter.js';
import { processYamlFile } from '../../src/load/file-result.js';

const ARTICLE = [
  '---', // line 1
  'apiVersion: itsm/v1',
  'kind: Article',
  'metadata:',
  '  id: KB0001',
  'spec:',
  '  title: Reset your password',
  '  audience: customer',
  '  owner: Service Desk',
  '  reviewBy: 2027-03-01', // line 10
  '---',
  '# Reset your password', // line 12: the body starts here
  '',
  'Open the portal.',
].join('\n');

describe('frontMatterOf', () => {
  it('keeps the front matter at its own lines and blanks the rest, so positions are the Markdown file’s', () => {
    const matter = frontMatterOf(ARTICLE)!;
    const lines = matter.yaml.split('\n');
    // As many lines as the file: 14.
    expect(lines).toHaveLength(14);
    expect(lines[9]).toBe('  reviewBy: 2027-03-01');
    expect(lines.slice(10).every((l) => l === '')).toBe(true);
    expect(matter.body).toEqual({ body: '# Reset your password\n\nOpen the portal.', line: 12 });
  });

  it('reads nothing from a README, or from another tool’s front matter', () => {
    expect(frontMatterOf('# Acme\n\nThe example repository.\n')).toBeUndefined();
    expect(frontMatterOf('---\nlayout: post\ntitle: Hello\n---\nBody\n')).toBeUndefined();
    // Never closed: not front matter.
    expect(frontMatterOf('---\napiVersion: itsm/v1\nkind: Article\n')).toBeUndefined();
    // Front matter only on the first line.
    expect(frontMatterOf('\n---\napiVersion: itsm/v1\n---\n')).toBeUndefined();
  });

  it('accepts CRLF line ends, a byte-order mark, a quoted apiVersion and "..." as the closing line', () => {
    const matter = frontMatterOf('\uFEFF---\r\napiVersion: "itsm/v1"\r\nkind: Article\r\n...\r\nBody\r\n')!;
    expect(matter.yaml.split('\n').slice(0, 3)).toEqual(['---', 'apiVersion: "itsm/v1"', 'kind: Article']);
    expect(matter.body.line).toBe(5);
  });

  it('is used for Markdown files only', () => {
    expect(isMarkdownFile('knowledge/vpn.md')).toBe(true);
    expect(isMarkdownFile('knowledge/VPN.Markdown')).toBe(true);
    expect(isMarkdownFile('services/vpn.yaml')).toBe(false);
    expect(yamlTextOf('a.yaml', 'x: 1')).toBe('x: 1');
    expect(yamlTextOf('README.md', '# Title')).toBe('');
  });
});

describe('processYamlFile on a Markdown file', () => {
  it('gives the article with its body, and schema problems at the Markdown file’s line and column', () => {
    const good = processYamlFile('knowledge/kb1.md', ARTICLE);
    expect(good.diagnostics).toEqual([]);
    expect(good.documents).toHaveLength(1);
    expect(good.documents[0]!.markdown).toEqual({ body: '# Reset your password\n\nOpen the portal.', line: 12 });

    const bad = processYamlFile('knowledge/kb1.md', ARTICLE.replace('  audience: customer', '  audience: everyone'));
    expect(bad.documents).toEqual([]);
    // "audience" is on line 8 of the file, its value at column 13.
    expect(bad.diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[8, 13, 'schema']]);
  });

  it('reads nothing, and reports nothing, from a Markdown file that is not an article', () => {
    expect(processYamlFile('README.md', '# Acme\n')).toEqual({ documents: [], diagnostics: [], rejected: [] });
  });
});
