#!/usr/bin/env node
// The entry of the pre-commit hook `itsm-validate` (.pre-commit-hooks.yaml, `language: script`). pre-commit clones
// this repository into its cache and runs this file from the root of the user's git repository, with the staged
// files' names as arguments; it runs `itsm validate FILE...` and exits as it does.
//
// Why not `language: node`: pre-commit installs a node hook with `npm install -g git+file://<clone>`, and npm does not
// install a git package's devDependencies before its `prepare` script when the install is global (npm/cli#8440,
// open), so `tsc` is missing and the install fails; the nested install it runs instead writes into the same global
// folder as the outer one, which also fails at random (ENOTEMPTY).
//
// So the first run builds the clone itself: the dependencies from package-lock.json (`npm ci --omit=dev`), then the
// TypeScript of package.json's devDependencies through npx, emitting without the type check (our own CI checks the
// types; there are no @types here). It builds into a folder of its own and renames it to dist/ at the end, so an
// interrupted build leaves no half-built dist/ behind, and holds a lock so that two commits at once build once.
// A clone that already has dist/ (a developer's, after `npm ci`) is used as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const lock = join(root, '.itsm-hook-build.lock');
const STALE_MS = 15 * 60_000;

if (!existsSync(dist)) {
  try {
    buildOnce();
  } catch (error) {
    console.error(`itsm-validate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
const result = spawnSync(process.execPath, [join(root, 'bin', 'itsm.js'), 'validate', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 2);

function buildOnce() {
  while (!takeLock()) {
    if (existsSync(dist)) return;
    sleep(1000);
  }
  try {
    if (!existsSync(dist)) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the folder holds the lock. A lock older than a build can take is left over. */
function takeLock() {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // gone meanwhile: try again
    }
    return false;
  }
}

function build() {
  const building = join(root, `dist.building-${process.pid}`);
  const config = join(root, `tsconfig.hook-${process.pid}.json`);
  const removeTemporaries = () => {
    rmSync(building, { recursive: true, force: true });
    rmSync(config, { force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      removeTemporaries();
      rmSync(lock, { recursive: true, force: true });
      process.exit(130);
    });
  }
  console.error('itsm-validate: first run of this hook version, building itsm (npm ci --omit=dev, then tsc)…');
  try {
    run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
    const typescript = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.typescript;
    writeFileSync(config, JSON.stringify({ extends: './tsconfig.build.json', compilerOptions: { outDir: building, types: [], noCheck: true } }));
    run('npx', ['--yes', '--package', `typescript@${typescript}`, '--', 'tsc', '-p', config]);
    renameSync(building, dist);
  } finally {
    removeTemporaries();
  }
}

function run(command, args) {
  // On Windows npm and npx are .cmd files, which Node runs only through a shell (since its fix of CVE-2024-27980);
  // the shell then needs the arguments quoted, as the temporary tsconfig's path may hold spaces.
  const windows = process.platform === 'win32';
  const r = windows
    ? spawnSync([command, ...args.map((a) => (/[\s"]/.test(a) ? `"${a.replace(/"/g, '""')}"` : a))].join(' '), { cwd: root, stdio: ['ignore', 2, 2], shell: true })
    : spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`}) in ${root}`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
