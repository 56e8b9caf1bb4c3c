import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { createTempTree, type TempTree } from '../helpers/temp-repo.js';

const SCAFFOLD_FILES = [
  '.gitignore',
  'calendars/business-hours.yaml',
  'consumers/example-department.yaml',
  'itsm.yaml',
  'services/service-desk.yaml',
  'slas/standard.yaml',
];
/** The example ticket file is named for the month `init` runs in: tickets/YYYY/YYYY-MM.yaml. */
const TICKET_FILE = /^tickets\/(\d{4})\/\1-\d{2}\.yaml$/;

function listFiles(root: string, relative = ''): string[] {
  return readdirSync(join(root, relative), { withFileTypes: true })
    .flatMap((e) => {
      const path = relative ? `${relative}/${e.name}` : e.name;
      return e.isDirectory() ? listFiles(root, path) : [path];
    })
    .sort();
}

const trees: TempTree[] = [];
function tempTree(entries: Parameters<typeof createTempTree>[0] = {}): TempTree {
  const tree = createTempTree(entries, 'itsm-init-');
  trees.push(tree);
  return tree;
}
// afterAll, not afterEach: the tests run concurrently, so one test's end must not remove another's tree.
afterAll(() => {
  for (const tree of trees) tree.remove();
});

describe.concurrent('itsm init', { timeout: E2E_TIMEOUT }, () => {
  it('creates a repository that validates cleanly', async () => {
    const tree = tempTree();
    const init = await runCliAsync(['init', 'acme'], { cwd: tree.root });
    expect(init.status).toBe(0);
    expect(init.stdout).toBe('');
    const files = listFiles(join(tree.root, 'acme'));
    expect(files.filter((f) => !TICKET_FILE.test(f))).toEqual(SCAFFOLD_FILES);
    expect(files.filter((f) => TICKET_FILE.test(f))).toHaveLength(1);
    expect(init.stderr.split('\n').slice(-3)).toEqual(['Initialised an itsm repository in acme (7 file(s) written).', 'Next: itsm validate acme', '']);

    const validate = await runCliAsync(['validate', 'acme', '--format', 'json'], { cwd: tree.root });
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
    expect((JSON.parse(validate.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([]);
  });

  it('writes the name, currency and time zone it is given, and the result validates', async () => {
    const tree = tempTree();
    const init = await runCliAsync(['init', '--name', 'Müller & Söhne GmbH', '--currency', 'EUR', '--time-zone', 'Europe/Berlin'], { cwd: tree.root });
    expect(init.status).toBe(0);
    const config = readFileSync(join(tree.root, 'itsm.yaml'), 'utf8');
    expect(config).toContain('  name: "Müller & Söhne GmbH"\n');
    expect(config).toContain('  currency: EUR\n');
    expect(config).toContain('  timeZone: Europe/Berlin\n');
    const validate = await runCliAsync(['validate'], { cwd: tree.root });
    expect([validate.status, validate.stdout]).toEqual([0, '']);
    expect(validate.stderr).toMatch(/^✔ \.: 6 files valid /);
  });

  it('refuses a folder that is not empty (exit 2, one line) and writes nothing', async () => {
    const tree = tempTree({ 'notes.txt': 'mine\n' });
    const init = await runCliAsync(['init', '.'], { cwd: tree.root });
    expect(init).toEqual({
      status: 2,
      stdout: '',
      stderr: 'itsm: . is not empty; use --force to add the example files to it (existing files are never overwritten)\n',
    });
    expect(listFiles(tree.root)).toEqual(['notes.txt']);
  });

  it('counts a folder that holds only .git as empty', async () => {
    const tree = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n' });
    const init = await runCliAsync(['init'], { cwd: tree.root });
    expect(init.status).toBe(0);
    expect(existsSync(join(tree.root, 'itsm.yaml'))).toBe(true);
  });

  it('with --force adds the missing files and never overwrites an existing one', async () => {
    const mine = 'apiVersion: itsm/v1\nkind: Config\nmetadata:\n  id: mine\nspec:\n  currency: CHF\n  timeZone: Europe/Zurich\n';
    const myService = '# my own service desk, not the example\n';
    const tree = tempTree({ 'itsm.yaml': mine, 'services/service-desk.yaml': myService });
    const init = await runCliAsync(['init', '--force'], { cwd: tree.root });
    expect(init.status).toBe(0);
    expect(init.stderr).toContain('  skipped itsm.yaml (already exists)\n');
    expect(init.stderr).toContain('  skipped services/service-desk.yaml (already exists)\n');
    expect(init.stderr).toContain('(5 file(s) written)');
    expect(readFileSync(join(tree.root, 'itsm.yaml'), 'utf8')).toBe(mine);
    expect(readFileSync(join(tree.root, 'services/service-desk.yaml'), 'utf8')).toBe(myService);
    expect(existsSync(join(tree.root, 'slas/standard.yaml'))).toBe(true);

    const again = await runCliAsync(['init', '--force'], { cwd: tree.root });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('(0 file(s) written)');
    expect(readFileSync(join(tree.root, 'itsm.yaml'), 'utf8')).toBe(mine);
  });

  it('writes a .gitignore that keeps the cache, the lock and temporary files out of git, and only those', async () => {
    const tree = tempTree();
    const init = await runCliAsync(['init'], { cwd: tree.root });
    expect(init.stderr).toContain('  created .gitignore\n');
    expect(readFileSync(join(tree.root, '.gitignore'), 'utf8')).toBe(
      '# Files itsm makes that do not belong in git (see docs/import.md, "Writing safely").\n.itsm-cache/\n.itsm-lock*\n.*.[0-9]*.tmp\n',
    );
    // What git itself makes of the patterns (skipped where git is not installed).
    const git = (...args: string[]) => spawnSync('git', ['-C', tree.root, ...args], { encoding: 'utf8' });
    if (git('init', '-q').status !== 0) return;
    const paths = [
      '.itsm-cache/0a1b2c.json',
      '.itsm-lock',
      '.itsm-lock.break',
      'tickets/2016/.2016-03.yaml.4242.tmp',
      '.CATALOG.md.17.tmp',
      'tickets/2016/2016-03.yaml',
      'itsm.yaml',
      '.itsm/servicenow.map.yaml',
      'notes.tmp',
    ];
    const ignored = git('check-ignore', '--no-index', ...paths).stdout.split('\n').filter((l) => l !== '');
    expect(ignored).toEqual(paths.slice(0, 5));
  });

  it('never changes an existing .gitignore, even with --force; it lists the patterns to add', async () => {
    const tree = tempTree({ '.gitignore': 'node_modules/\n.itsm-cache/\n' });
    const init = await runCliAsync(['init', '--force'], { cwd: tree.root });
    expect(init.status).toBe(0);
    expect(init.stderr).toContain(
      "  skipped .gitignore (already exists)\n  note: .gitignore does not ignore .itsm-lock* and .*.[0-9]*.tmp; add those lines so that git does not track itsm's cache, lock and temporary files\n",
    );
    expect(readFileSync(join(tree.root, '.gitignore'), 'utf8')).toBe('node_modules/\n.itsm-cache/\n');
  });

  it('refuses a bad time zone or currency (exit 2) and writes nothing', async () => {
    const tree = tempTree();
    const [zone, currency] = await Promise.all([
      runCliAsync(['init', 'a', '--time-zone', 'Mars/Olympus'], { cwd: tree.root }),
      runCliAsync(['init', 'b', '--currency', 'euro'], { cwd: tree.root }),
    ]);
    expect(zone).toEqual({
      status: 2,
      stdout: '',
      stderr: 'itsm: --time-zone: expected an IANA time zone such as "Europe/Berlin" but found "Mars/Olympus"\n',
    });
    expect(currency.status).toBe(2);
    expect(currency.stderr.split('\n')[0]).toBe(
      `error: option '--currency <code>' argument 'euro' is invalid. expected an ISO 4217 code such as USD but found "euro"`,
    );
    expect(listFiles(tree.root)).toEqual([]);
  });

  it('takes a lower-case currency as its ISO 4217 code in upper case, and the result validates', async () => {
    const tree = tempTree();
    const init = await runCliAsync(['init', '--currency', 'eur'], { cwd: tree.root });
    expect(init.status).toBe(0);
    expect(readFileSync(join(tree.root, 'itsm.yaml'), 'utf8')).toContain('  currency: EUR\n');
    const validate = await runCliAsync(['validate'], { cwd: tree.root });
    expect([validate.status, validate.stdout]).toEqual([0, '']);
  });

  it('refuses an empty or blank --name (exit 2, one line) and writes nothing', async () => {
    // An empty name used to be written as `name: ""`, which the schema refuses: a new repository that did not validate.
    const tree = tempTree();
    const [empty, blank] = await Promise.all([
      runCliAsync(['init', 'a', '--name', ''], { cwd: tree.root }),
      runCliAsync(['init', 'b', '--name', '  \t '], { cwd: tree.root }),
    ]);
    for (const result of [empty, blank]) {
      expect(result).toEqual({ status: 2, stdout: '', stderr: "itsm: --name: expected the organisation's name but found an empty one\n" });
    }
    expect(listFiles(tree.root)).toEqual([]);
  });

  it('makes a valid id of a long name whose cut would end in "-"', async () => {
    // 62 letters, a space and "b": the slug "aaa…a-b" is 64 characters, cut to 63 it ended in "-", an invalid id.
    const tree = tempTree();
    const init = await runCliAsync(['init', '--name', `${'a'.repeat(62)} b`], { cwd: tree.root });
    expect(init.status).toBe(0);
    expect(readFileSync(join(tree.root, 'itsm.yaml'), 'utf8')).toContain(`  id: ${'a'.repeat(62)}\n`);
    const validate = await runCliAsync(['validate'], { cwd: tree.root });
    expect([validate.status, validate.stdout]).toEqual([0, '']);
  });

  it('refuses a path that is a file', async () => {
    const tree = tempTree({ 'taken.yaml': 'x: 1\n' });
    const init = await runCliAsync(['init', 'taken.yaml'], { cwd: tree.root });
    expect(init).toEqual({ status: 2, stdout: '', stderr: 'itsm: taken.yaml exists and is not a folder\n' });
  });
});
