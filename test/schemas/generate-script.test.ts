import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT } from '../helpers/cli.js';

/**
 * `npm run schemas` (scripts/generate-schemas.js) on a copy of the repository's layout, so that the real schemas/ is
 * never written: one message per line, each saying what happened to which file.
 */
const temp = mkdtempSync(join(tmpdir(), 'itsm-schemas-script-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SCHEMAS = readdirSync(join(REPO_ROOT, 'schemas')).filter((name) => name.endsWith('.schema.json'));

/** A folder laid out like the repository: the script, the built dist/ (linked), and schemas/ as committed. */
function layout(name: string): string {
  const root = join(temp, name);
  mkdirSync(join(root, 'scripts'), { recursive: true });
  mkdirSync(join(root, 'schemas'));
  copyFileSync(join(REPO_ROOT, 'scripts', 'generate-schemas.js'), join(root, 'scripts', 'generate-schemas.js'));
  symlinkSync(join(REPO_ROOT, 'dist'), join(root, 'dist'));
  for (const schema of SCHEMAS) copyFileSync(join(REPO_ROOT, 'schemas', schema), join(root, 'schemas', schema));
  return root;
}

function run(root: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'generate-schemas.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/generate-schemas.js', () => {
  it('finds the committed schemas (a sanity check)', () => {
    expect(SCHEMAS).toContain('sla.schema.json');
  });

  it('says which files it wrote and removed, one message per line, then that schemas/ is up to date', () => {
    assertBuilt();
    const root = layout('write');
    writeFileSync(join(root, 'schemas', 'sla.schema.json'), '{}\n');
    writeFileSync(join(root, 'schemas', 'old.schema.json'), '{}\n');
    expect(run(root)).toEqual({
      status: 0,
      stdout: '',
      stderr: ['wrote schemas/sla.schema.json', 'removed schemas/old.schema.json (not generated any more)', `schemas/ is up to date (${SCHEMAS.length} files)`, ''].join('\n'),
    });
    expect(readFileSync(join(root, 'schemas', 'sla.schema.json'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'schemas', 'sla.schema.json'), 'utf8'));
    expect(readdirSync(join(root, 'schemas')).sort()).toEqual([...SCHEMAS].sort());
    // Run again: nothing to do.
    expect(run(root)).toEqual({ status: 0, stdout: '', stderr: `schemas/ is up to date (${SCHEMAS.length} files)\n` });
  });

  it('with --check, lists what is out of date, one per line, writes nothing and exits 1', () => {
    assertBuilt();
    const root = layout('check');
    writeFileSync(join(root, 'schemas', 'sla.schema.json'), '{}\n');
    writeFileSync(join(root, 'schemas', 'old.schema.json'), '{}\n');
    expect(run(root, '--check')).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        'out of date: schemas/sla.schema.json',
        'not generated any more: schemas/old.schema.json',
        'run `npm run build && npm run schemas` and commit the result',
        '',
      ].join('\n'),
    });
    expect(readFileSync(join(root, 'schemas', 'sla.schema.json'), 'utf8')).toBe('{}\n');
  });
});
