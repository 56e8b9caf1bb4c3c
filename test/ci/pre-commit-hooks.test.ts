import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { E2E_TIMEOUT, REPO_ROOT, assertBuilt } from '../helpers/cli.js';

// .pre-commit-hooks.yaml is read by the pre-commit framework (https://pre-commit.com/#new-hooks). These tests read it
// as pre-commit does and run its entry as pre-commit would: for `language: script`, the entry is a file of the hook's
// repository (here scripts/pre-commit-validate.js), run from the root of the user's git repository with the matching
// file names appended. The real framework ran it too (pre-commit 4.6.2, `pre-commit try-repo`: docs/ci.md).

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

/** Runs the hook's entry on files, from `gitRoot`, as pre-commit runs it (the clone's entry + file names). */
function runHook(h: ManifestHook, gitRoot: string, files: readonly string[], clone = REPO_ROOT, path = process.env.PATH) {
  assertBuilt();
  // pre-commit splits the entry with shlex; it holds no quotes or spaces, so the entry is the file's path.
  expect(h.entry).toMatch(/^[\w./-]+$/);
  const result = spawnSync(join(clone, h.entry), files, {
    cwd: gitRoot,
    env: { ...process.env, PATH: path, NO_COLOR: '1', PRE_COMMIT: '1' },
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
  it('declares the itsm-validate hook with the keys pre-commit requires: an executable script, on file names', () => {
    const h = hook();
    for (const key of ['id', 'name', 'entry', 'language'] as const) expect(typeof h[key]).toBe('string');
    expect(h.language).toBe('script');
    expect(h.entry).toBe('scripts/pre-commit-validate.js');
    expect(h.pass_filenames).toBe(true);
    expect(h.require_serial).toBe(true);
    // pre-commit executes the file itself: it must be executable and say which interpreter runs it.
    expect(statSync(join(REPO_ROOT, h.entry)).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(REPO_ROOT, h.entry), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
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

  describe('the first run in a fresh clone builds it, once, and leaves nothing half-done', () => {
    // A clone as pre-commit makes it (no dist/, no node_modules of its own: the fake npm links ours), with fake `npm`
    // and `npx` first on the PATH, so that no test reaches the registry: npx "compiles" by copying our build into the
    // folder the script's tsconfig names. Each fake writes its arguments to calls.log.
    const fixture = join(REPO_ROOT, 'test/fixtures/validate/unknown-reference-ticket-service');

    function freshClone(npmExit: number) {
      const base = mkdtempSync(join(tmpdir(), 'itsm-hook-'));
      const clone = join(base, 'clone');
      const fakes = join(base, 'bin');
      for (const file of ['scripts/pre-commit-validate.js', 'bin/itsm.js', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
        cpSync(join(REPO_ROOT, file), join(clone, file), { recursive: true });
      }
      mkdirSync(fakes);
      const log = join(base, 'calls.log');
      writeFileSync(
        join(fakes, 'npm'),
        `#!/bin/sh\necho "npm $*" >> '${log}'\n[ ${npmExit} -eq 0 ] && ln -s '${join(REPO_ROOT, 'node_modules')}' node_modules\nexit ${npmExit}\n`,
      );
      writeFileSync(
        join(fakes, 'npx'),
        `#!/bin/sh\necho "npx $*" >> '${log}'\nfor last; do :; done\n` +
          `out=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).compilerOptions.outDir)" "$last")\n` +
          `cp -r '${join(REPO_ROOT, 'dist')}' "$out"\n`,
      );
      chmodSync(join(fakes, 'npm'), 0o755);
      chmodSync(join(fakes, 'npx'), 0o755);
      const path = `${fakes}:${process.env.PATH ?? ''}`;
      const calls = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
      return { base, clone, path, calls };
    }

    it('builds with the production dependencies and the TypeScript of package.json, then validates; the second run only validates', { timeout: E2E_TIMEOUT }, () => {
      const { base, clone, path, calls } = freshClone(0);
      try {
        const first = runHook(hook(), fixture, ['services/service-desk.yaml', 'tickets/2026/2026-03.yaml'], clone, path);
        expect(first.status).toBe(1);
        expect(first.stdout).toContain('service "servicedesk" does not exist  unknown-reference');
        expect(first.stderr).toMatch(/^itsm-validate: first run of this hook version, building itsm \(npm ci --omit=dev, then tsc\)…\n/);
        const typescript = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: { typescript: string } }).devDependencies.typescript;
        expect(calls()).toMatch(
          new RegExp(`^npm ci --omit=dev --ignore-scripts --no-audit --no-fund\nnpx --yes --package typescript@${typescript.replace('.', '\\.')} -- tsc -p .*tsconfig\\.hook-\\d+\\.json\n$`),
        );
        // Built into dist/ by one rename; the lock, the build folder and the temporary tsconfig are gone.
        expect(readdirSync(clone).sort()).toEqual(['bin', 'dist', 'node_modules', 'package.json', 'scripts', 'tsconfig.build.json', 'tsconfig.json']);

        const second = runHook(hook(), fixture, ['services/service-desk.yaml'], clone, path);
        expect([second.status, second.stderr.startsWith('✔ .: 1 file given, valid')]).toEqual([0, true]);
        expect(calls().split('\n').filter(Boolean)).toHaveLength(2); // no new npm or npx call
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });

    it('a failed build exits 2 with the failing command, and leaves no dist/, lock or temporary file', { timeout: E2E_TIMEOUT }, () => {
      const { base, clone, path } = freshClone(1);
      try {
        const run = runHook(hook(), fixture, ['services/service-desk.yaml'], clone, path);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(`itsm-validate: \`npm ci --omit=dev --ignore-scripts --no-audit --no-fund\` failed (exit 1) in ${clone}\n`);
        expect(readdirSync(clone).sort()).toEqual(['bin', 'package.json', 'scripts', 'tsconfig.build.json', 'tsconfig.json']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });
  });
});
