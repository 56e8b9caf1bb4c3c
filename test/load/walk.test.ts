import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/load/load-repository.js';
import { compileSegmentExcludes, type SegmentExcludes } from '../../src/load/glob.js';
import { NODE_FILE_SYSTEM, walkRepository, type WalkFileSystem } from '../../src/load/walk.js';
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

const NOTHING_EXCLUDED = compileSegmentExcludes([]);

/** Not YAML at all: if any of these were read, there would be a diagnostic. */
const BROKEN = 'this: is: not: yaml: [\n';

describe('walkRepository', () => {
  it('lists *.yaml, *.yml, *.md, *.usage.csv and *.ics files, sorted, with forward slashes', () => {
    const root = tree({
      'b.yml': '',
      'a.yaml': '',
      'sub/z.YAML': '',
      'sub/a.yaml': '',
      'usage/2026-03.usage.csv': '',
      'usage/notes.csv': '',
      'holidays/de-sn.ics': '',
      'README.md': '',
      'notes.txt': '',
      'empty-folder': { folder: true },
    });
    // Markdown files are listed with the YAML: only their text says whether they are articles (front-matter.ts).
    expect(walkRepository(root, NOTHING_EXCLUDED)).toEqual({
      yamlFiles: ['README.md', 'a.yaml', 'b.yml', 'sub/a.yaml', 'sub/z.YAML'],
      usageCsvFiles: ['usage/2026-03.usage.csv'],
      icsFiles: ['holidays/de-sn.ics'],
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
    expect(walkRepository(root, NOTHING_EXCLUDED).yamlFiles).toEqual(['services/a.yaml']);
  });

  it('asks about every folder and file by its repository-relative path, and skips what is excluded', () => {
    const root = tree({ 'a/b/c.yaml': '', 'a/d.yaml': '' });
    const asked: string[] = [];
    // The state of a folder is its path here: each name is asked about once, below the folder it is in.
    const recording: SegmentExcludes<string> = {
      root: '',
      enter(folder, name) {
        const path = folder === '' ? name : `${folder}/${name}`;
        asked.push(path);
        return { excluded: path === 'a/b', state: path };
      },
    };
    const result = walkRepository(root, recording);
    expect(result.yamlFiles).toEqual(['a/d.yaml']);
    expect(asked).toEqual(['a', 'a/b', 'a/d.yaml']);
  });

  it('follows links to folders and files inside the repository; a folder it reads anyway is read once', () => {
    const root = tree({
      '.templates/common/a.yaml': '',
      'shared/b.yaml': '',
      'services/common': { symlink: '../.templates/common' },
      'services/shared': { symlink: '../shared' },
      'c.yaml': { symlink: 'shared/b.yaml' },
    });
    const result = walkRepository(root, NOTHING_EXCLUDED);
    // Folders reached through links come after the others, so "shared" is read under its own name.
    expect(result.yamlFiles).toEqual(['c.yaml', 'shared/b.yaml', 'services/common/a.yaml']);
    expect(result.diagnostics.map(brief)).toEqual([
      ['services/shared', 'warning', 'a symbolic link leads here to a folder that is read anyway as shared; not read twice'],
    ]);
  });
});

/** file, severity and message of a diagnostic. */
function brief(d: { file: string; severity: string; message: string }): [string, string, string] {
  return [d.file, d.severity, d.message];
}

/** The walk's file system calls, counted. */
function countingFileSystem(): { fs: WalkFileSystem; calls: Record<keyof WalkFileSystem, number> } {
  const calls = { readdir: 0, stat: 0, realpath: 0 };
  const fs: WalkFileSystem = {
    readdir: (path) => (calls.readdir++, NODE_FILE_SYSTEM.readdir(path)),
    stat: (path) => (calls.stat++, NODE_FILE_SYSTEM.stat(path)),
    realpath: (path) => (calls.realpath++, NODE_FILE_SYSTEM.realpath(path)),
  };
  return { fs, calls };
}

describe('walkRepository: bounded whatever the tree holds', () => {
  it('walks 1,500 nested folders with one readdir each and no other call (linear, no stack overflow)', () => {
    const deep = `${'d/'.repeat(1500)}x.yaml`;
    const root = tree({ [deep]: '' });
    const { fs, calls } = countingFileSystem();
    const result = walkRepository(root, compileSegmentExcludes(['**/e', 'd/d/*.yml']), fs);
    expect(result).toEqual({ yamlFiles: [deep], usageCsvFiles: [], icsFiles: [], diagnostics: [] });
    // One realpath for the root; then one readdir per folder (the root and 1,500 below it), and nothing per level
    // that grows with the depth. The old walk called realpath on every folder, which resolves every component.
    expect(calls).toEqual({ readdir: 1501, stat: 0, realpath: 1 });
  });

  it('does not follow a link to / (or anywhere outside the repository), and says so', () => {
    const outside = tree({ 'elsewhere.yaml': BROKEN, 'sub/more.yaml': BROKEN });
    const root = tree({
      'itsm.yaml': configYaml(),
      'a.yaml': '',
      'services/root': { symlink: '/' },
      'services/out': { symlink: outside },
      'x.yaml': { symlink: `${outside}/elsewhere.yaml` },
    });
    const loaded = loadFiles(root);
    expect(loaded.files).toEqual(['itsm.yaml', 'a.yaml']);
    const real = NODE_FILE_SYSTEM.realpath(outside);
    expect(loaded.diagnostics.map(brief)).toEqual([
      ['services/out', 'warning', `symbolic link to ${real}, outside the repository; not followed`],
      ['services/root', 'warning', 'symbolic link to /, outside the repository; not followed'],
      ['x.yaml', 'warning', `symbolic link to ${real}/elsewhere.yaml, outside the repository; not followed`],
    ]);
  });

  it('reads each real folder once however many links lead to it (links to links do not multiply the work)', () => {
    // level i holds two links to level i+1: 2^20 paths through the links, 21 real folders.
    const entries: Record<string, TreeEntry> = { 'levels/20/leaf.yaml': '' };
    for (let i = 0; i < 20; i++) {
      entries[`levels/${i}/x`] = { symlink: `../${i + 1}` };
      entries[`levels/${i}/y`] = { symlink: `../${i + 1}` };
    }
    const root = tree(entries);
    const { fs, calls } = countingFileSystem();
    const result = walkRepository(root, NOTHING_EXCLUDED, fs);
    expect(result.yamlFiles).toEqual(['levels/20/leaf.yaml']);
    expect(calls.readdir).toBe(23);
    expect(result.diagnostics).toHaveLength(40);
    expect(result.diagnostics.every((d) => d.severity === 'warning' && d.message.includes('read anyway'))).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('reports a FIFO named like a data file and never opens it', () => {
    const root = tree({ 'services/a.yaml': '' });
    execFileSync('mkfifo', [join(root, 'services', 'pipe.yaml'), join(root, 'usage.usage.csv')]);
    const result = walkRepository(root, NOTHING_EXCLUDED);
    expect(result.yamlFiles).toEqual(['services/a.yaml']);
    expect(result.diagnostics.map(brief)).toEqual([
      ['services/pipe.yaml', 'warning', 'not a regular file (it is a named pipe (FIFO)); skipped'],
      ['usage.usage.csv', 'warning', 'not a regular file (it is a named pipe (FIFO)); skipped'],
    ]);
  });

  it.skipIf(process.platform === 'win32')('reports a folder nested past the path length limit, with its path', () => {
    const root = tree({ 'itsm.yaml': configYaml(), 'a.yaml': '' });
    // Created one level at a time from inside (no path this long can be passed to mkdir), as a user's tool might.
    const name = 'n'.repeat(200);
    const create = `const fs = require('fs'); process.chdir(process.argv[1]);
      for (let i = 0; i < 25; i++) { fs.mkdirSync(process.argv[2]); process.chdir(process.argv[2]); }
      fs.writeFileSync('deep.yaml', 'x: [');`;
    try {
      execFileSync(process.execPath, ['-e', create, root, name]);
      const loaded = loadFiles(root);
      expect(loaded.files).toEqual(['itsm.yaml', 'a.yaml']);
      expect(loaded.diagnostics).toHaveLength(1);
      const [d] = loaded.diagnostics;
      expect(d?.severity).toBe('warning');
      expect(d?.message).toBe('cannot read folder: ENAMETOOLONG (its path is longer than the operating system allows); skipped');
      expect(d?.file).toMatch(new RegExp(`^(${name}/)+${name}$`));
      expect(`${root}/${d?.file}`.length).toBeGreaterThan(4096);
    } finally {
      // Node's rmSync cannot reach below the limit either; rm walks down with relative paths.
      execFileSync('rm', ['-rf', join(root, name)]);
    }
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
