import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { E2E_TIMEOUT, REPO_ROOT, assertBuilt } from '../helpers/cli.js';

// .pre-commit-hooks.yaml is read by the pre-commit framework (https://pre-commit.com/#new-hooks). These tests read it
// as pre-commit does and run its entry as pre-commit would: the entry split into words, the matching file names
// appended, run from the root of the git repository. For `language: node`, pre-commit installs this package globally
// (pre_commit/languages/node.py: npm install, npm pack, npm install -g), so `itsm` is package.json's bin, bin/itsm.js.

interface ManifestHook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
  require_serial?: boolean;
  description?: string;
  minimum_pre_commit_version?: string;
}

const manifest = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as unknown;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};

/** pre-commit matches `files` with Python's re.search; a leading (?i) is Python's inline flag, JavaScript's `i`. */
function filesPattern(hook: ManifestHook): RegExp {
  return hook.files.startsWith('(?i)') ? new RegExp(hook.files.slice(4), 'i') : new RegExp(hook.files);
}

function hook(): ManifestHook {
  expect(Array.isArray(manifest)).toBe(true);
  const hooks = manifest as ManifestHook[];
  const found = hooks.find((h) => h.id === 'itsm-validate');
  if (found === undefined) throw new Error('.pre-commit-hooks.yaml has no itsm-validate hook');
  return found;
}

/** Runs the hook's entry on files, from `gitRoot`, as pre-commit runs it (hook.cmd + file names). */
function runHook(h: ManifestHook, gitRoot: string, files: readonly string[]) {
  assertBuilt();
  // pre-commit splits the entry with shlex; it holds no quotes, so words are what shlex would give.
  expect(h.entry).not.toMatch(/["'\\]/);
  const [program, ...args] = h.entry.split(/\s+/);
  const bin = pkg.bin[program!];
  if (bin === undefined) throw new Error(`the entry runs ${program}, which package.json does not install as a bin`);
  const result = spawnSync(process.execPath, [join(REPO_ROOT, bin), ...args, ...files], {
    cwd: gitRoot,
    env: { ...process.env, NO_COLOR: '1', PRE_COMMIT: '1' },
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Every file under `root`, relative to it with forward slashes, as `git ls-files` would list them. */
function listFiles(root: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? listFiles(root, path) : [relative(root, path).split('\\').join('/')];
  });
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the itsm-validate hook with the keys pre-commit requires, for Node, on file names', () => {
    const h = hook();
    for (const key of ['id', 'name', 'entry', 'language'] as const) expect(typeof h[key]).toBe('string');
    expect(h.language).toBe('node');
    expect(h.entry).toBe('itsm validate');
    expect(h.pass_filenames).toBe(true);
    expect(h.require_serial).toBe(true);
  });

  it('can be installed the way pre-commit installs a node hook: npm pack holds a built CLI', () => {
    // npm install runs `prepare`, which builds dist/; npm pack then packs the `files` of package.json.
    expect(pkg.scripts.prepare).toMatch(/\bnpm run build\b/);
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist']));
    expect(pkg.bin.itsm).toBe('bin/itsm.js');
  });

  it('passes the files the loader reads, in any case, and no others', () => {
    const pattern = filesPattern(hook());
    const read = ['services/email.yaml', 'slas/GOLD.YML', 'knowledge/reset.md', 'kb/x.markdown', 'usage/2026-10.usage.csv', 'holidays/de.ics'];
    const notRead = ['package.json', 'src/main.ts', 'usage/notes.csv', 'README.txt', 'yaml/folder-name'];
    expect(read.filter((f) => !pattern.test(f))).toEqual([]);
    expect(notRead.filter((f) => pattern.test(f))).toEqual([]);
  });

  it('fails a commit that holds the broken file, and passes one that does not, with the whole repository behind both', { timeout: E2E_TIMEOUT }, () => {
    const h = hook();
    // The fixture stands for the git repository: the hook runs from its root with the staged files' paths.
    const gitRoot = join(REPO_ROOT, 'test/fixtures/validate/unknown-reference-ticket-service');
    const staged = [...listFiles(gitRoot), 'notes.txt'].filter((f) => filesPattern(h).test(f)).sort();
    expect(staged).toEqual([
      'calendars/business-hours.yaml',
      'consumers/example-department.yaml',
      'itsm.yaml',
      'services/service-desk.yaml',
      'slas/standard.yaml',
      'tickets/2026/2026-03.yaml',
    ]);

    const broken = runHook(h, gitRoot, staged);
    expect(broken.stdout).toBe(
      [
        'tickets/2026/2026-03.yaml',
        '  8:12  error  service "servicedesk" does not exist  unknown-reference',
        '               hint: did you mean "service-desk"?',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    );
    expect(broken.stderr).toBe("reported 6 files given, of the repository's 6 files\n");
    expect(broken.status).toBe(1);

    const fine = runHook(h, gitRoot, ['services/service-desk.yaml']);
    expect(fine.stdout).toBe('');
    expect(fine.stderr).toMatch(/^✔ \.: 1 file given, valid \(of the repository's 6 files: .*\); 1 problem in other files, not reported/);
    expect(fine.status).toBe(0);
  });
});
