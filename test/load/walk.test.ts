import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/load/load-repository.js';
import { walkRepository } from '../../src/load/walk.js';
import { configYaml, createTempTree, type TempTree, type TreeEntry } from '../helpers/temp-repo.js';

const trees: TempTree[] = [];
function tree(entries: Record<string, TreeEntry>): string {
  const t = createTempTree(entries, 'itsm-walk-');
  trees.push(t);
  return t.root;
}
afterAll(() => {
  for (const t of trees) t.remove();
});

/** Not YAML at all: if any of these were read, there would be a diagnostic. */
const BROKEN = 'this: is: not: yaml: [\n';

describe('walkRepository', () => {
  it('lists *.yaml, *.yml and *.usage.csv files, sorted, with forward slashes', () => {
    const root = tree({
      'b.yml': '',
      'a.yaml': '',
      'sub/z.YAML': '',
      'sub/a.yaml': '',
      'usage/2026-03.usage.csv': '',
      'usage/notes.csv': '',
      'README.md': '',
      'empty-folder': { folder: true },
    });
    expect(walkRepository(root, () => false)).toEqual({
      yamlFiles: ['a.yaml', 'b.yml', 'sub/a.yaml', 'sub/z.YAML'],
      usageCsvFiles: ['usage/2026-03.usage.csv'],
      diagnostics: [],
    });
  });

  it('skips hidden files and folders (.github, .git) and node_modules', () => {
    const root = tree({
      '.github/workflows/ci.yml': 'on: push\n',
      '.git/config.yaml': '',
      '.hidden.yaml': '',
      'node_modules/pkg/x.yaml': '',
      'services/a.yaml': '',
    });
    expect(walkRepository(root, () => false).yamlFiles).toEqual(['services/a.yaml']);
  });

  it('asks about every folder and file by its repository-relative path, and skips what is excluded', () => {
    const root = tree({ 'a/b/c.yaml': '', 'a/d.yaml': '' });
    const asked: string[] = [];
    const result = walkRepository(root, (path) => {
      asked.push(path);
      return path === 'a/b';
    });
    expect(result.yamlFiles).toEqual(['a/d.yaml']);
    expect(asked).toEqual(['a', 'a/b', 'a/d.yaml']);
  });

  it('follows a symbolic link to a folder outside the loop, and to a file', () => {
    const root = tree({ 'shared/a.yaml': '', 'services/linked': { symlink: '../shared' }, 'b.yaml': { symlink: 'shared/a.yaml' } });
    expect(walkRepository(root, () => false).yamlFiles).toEqual(['b.yaml', 'services/linked/a.yaml', 'shared/a.yaml']);
  });
});

describe('loadFiles: what the repository reads', () => {
  it('skips the paths that itsm.yaml excludes, so broken files there raise nothing', () => {
    const root = tree({
      'itsm.yaml': configYaml(['  exclude: ["drafts/**", "*.tmp.yaml", "tickets/2025"]']),
      'drafts/new-service.yaml': BROKEN,
      'services/scratch.tmp.yaml': BROKEN,
      'tickets/2025/old.yaml': BROKEN,
      'tickets/2025/usage.usage.csv': 'not,a,usage,file\n',
      'tickets/2026/new.yaml': '',
    });
    const loaded = loadFiles(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.files).toEqual(['itsm.yaml', 'tickets/2026/new.yaml']);
  });

  it('skips hidden folders such as .github, whose YAML is another tool\'s', () => {
    const root = tree({ 'itsm.yaml': configYaml(), '.github/workflows/ci.yml': 'on: [push\n', '.itsm-cache/x.yaml': BROKEN });
    const loaded = loadFiles(root);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.files).toEqual(['itsm.yaml']);
  });

  it('reads itsm.yaml first and the rest in path order', () => {
    const root = tree({ 'itsm.yaml': configYaml(), 'a.yaml': '', 'z/usage.usage.csv': 'date,consumer,service,metric,quantity\n', 'b/c.yml': '' });
    expect(loadFiles(root).files).toEqual(['itsm.yaml', 'a.yaml', 'b/c.yml', 'z/usage.usage.csv']);
  });

  it('a Config in a nested itsm.yaml is read like any other file', () => {
    const root = tree({ 'itsm.yaml': configYaml(), 'nested/itsm.yaml': configYaml() });
    const loaded = loadFiles(root);
    expect(loaded.documents.map((d) => d.file)).toEqual(['itsm.yaml', 'nested/itsm.yaml']);
  });

  it('throws a UsageError for a folder that does not exist or is a file', () => {
    const root = tree({ 'itsm.yaml': configYaml() });
    expect(() => loadFiles(`${root}/missing`)).toThrow(expect.objectContaining({ name: 'UsageError', message: `no such folder: ${root}/missing` }));
    expect(() => loadFiles(`${root}/itsm.yaml`)).toThrow(expect.objectContaining({ name: 'UsageError' }));
  });
});
