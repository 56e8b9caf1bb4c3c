import { describe, expect, it } from 'vitest';
import { mayBeRead } from '../../src/git/worktree.js';
import { openDefinitions, readDefinitionFile, type DefinitionFile } from '../../src/open-definitions.js';

const bytes = (text: string) => new TextEncoder().encode(text);

const CONFIG = 'apiVersion: itsm/v1\nkind: Config\nmetadata: { id: lab }\nspec: { currency: USD, timeZone: UTC }\n';
const ARTICLE = '---\napiVersion: itsm/v1\nkind: Article\nmetadata: { id: KB1 }\nspec:\n  title: VPN\n  audience: customer\n  owner: Network\n  reviewBy: 2026-06-30\n---\nSee [the README](../README.md).\nkind: Ticket\n';

describe('the git side reads Markdown files as the loader does (itsm diff, itsm audit)', () => {
  it('lists Markdown files among the files the loader may read', () => {
    expect(['kb/vpn.md', 'kb/VPN.Markdown', 'README.md'].map(mayBeRead)).toEqual([true, true, true]);
    expect(mayBeRead('.github/notes.md')).toBe(false);
  });

  it('reads an article\'s front matter, counts it as a file read, and checks its links like validate', () => {
    const files = new Map<string, DefinitionFile>([
      ['itsm.yaml', readDefinitionFile('itsm.yaml', bytes(CONFIG))],
      // The body's "kind: Ticket" line must not make the article a file of tickets only.
      ['kb/vpn.md', readDefinitionFile('kb/vpn.md', bytes(ARTICLE))],
      ['README.md', readDefinitionFile('README.md', bytes('# Lab\n'))],
    ]);
    const opened = openDefinitions(files, '.');
    expect(opened.repository.articles.map((a) => a.doc.metadata.id)).toEqual(['KB1']);
    expect(opened.files).toEqual(['itsm.yaml', 'kb/vpn.md']);
    expect(opened.diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual(['article-link: link to README.md, which is not an article']);
  });
});
