import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';
import { commitAll, hasGit, smallCopy } from '../catalog/e2e.js';

// `catalog export --check FILE`, for CI like `prettier --check`: exit 0 when FILE is what export would write now,
// 1 with a short diff on stderr when it is not. Nothing is ever written, and nothing goes to stdout.

const copy = smallCopy();
const temp = mkdtempSync(join(tmpdir(), 'itsm-catalog-check-'));
afterAll(() => {
  copy.remove();
  rmSync(temp, { recursive: true, force: true });
});

describe('catalog export --check', () => {
  it(
    'exits 0 when the file is current, with LF or CRLF line endings',
    async () => {
      const file = join(temp, 'current.md');
      writeFileSync(file, (await runCliAsync(['catalog', 'export', copy.root])).stdout);
      expect(await runCliAsync(['catalog', 'export', copy.root, '--check', file])).toEqual({ status: 0, stdout: '', stderr: `itsm: ${file} is up to date\n` });
      // The same file as a Windows checkout with core.autocrlf has it.
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
      expect((await runCliAsync(['catalog', 'export', copy.root, '--check', file])).status).toBe(0);
    },
    E2E_TIMEOUT,
  );

  it(
    'exits 1 with the command that regenerates it and a short unified diff when the file is out of date',
    async () => {
      const file = join(temp, 'stale.md');
      const current = (await runCliAsync(['catalog', 'export', copy.root])).stdout;
      writeFileSync(file, current.replace('| New account | 1 business day | EUR 20.00 |', '| New account | 1 business day | EUR 15.00 |'));
      const result = await runCliAsync(['catalog', 'export', copy.root, '--check', file]);
      expect(result).toEqual({
        status: 1,
        stdout: '',
        stderr: [
          `itsm: ${file} is out of date with the repository; regenerate it with: itsm catalog export ${copy.root} --out ${file} --force`,
          `--- ${file}`,
          '+++ itsm catalog export',
          '@@ -49,3 +49,3 @@',
          ' | Offering | Fulfilment | Price |',
          ' | --- | --- | ---: |',
          '-| New account | 1 business day | EUR 15.00 |',
          '+| New account | 1 business day | EUR 20.00 |',
          '',
        ].join('\n'),
      });
      expect(readFileSync(file, 'utf8')).not.toBe(current);
    },
    E2E_TIMEOUT,
  );

  it(
    'checks the format and audience it is given, and names them in the command to regenerate',
    async () => {
      const file = join(temp, 'catalog.json');
      writeFileSync(file, (await runCliAsync(['catalog', 'export', copy.root, '-f', 'json'])).stdout);
      expect((await runCliAsync(['catalog', 'export', copy.root, '-f', 'json', '--check', file])).status).toBe(0);
      const internal = await runCliAsync(['catalog', 'export', copy.root, '-f', 'json', '--audience', 'internal', '--include-retired', '--check', file]);
      expect(internal.status).toBe(1);
      expect(internal.stderr.split('\n')[0]).toBe(
        `itsm: ${file} is out of date with the repository; regenerate it with: itsm catalog export ${copy.root} --format json --audience internal --include-retired --out ${file} --force`,
      );
    },
    E2E_TIMEOUT,
  );

  it(
    'exits 1 when the file does not exist, and 2 when combined with --out',
    async () => {
      const missing = join(temp, 'missing.md');
      expect(await runCliAsync(['catalog', 'export', copy.root, '--check', missing])).toEqual({
        status: 1,
        stdout: '',
        stderr: `itsm: ${missing} does not exist or cannot be read; create it with: itsm catalog export ${copy.root} --out ${missing} --force\n`,
      });
      expect(await runCliAsync(['catalog', 'export', copy.root, '--check', missing, '--out', missing])).toEqual({
        status: 2,
        stdout: '',
        stderr: 'itsm: --check and --out cannot be combined: --check only reads the file\n',
      });
    },
    E2E_TIMEOUT,
  );

  it.skipIf(!hasGit)(
    'ignores the commit and date the file names: a catalog generated before a later commit is still current',
    async () => {
      const repo = smallCopy();
      try {
        const file = join(temp, 'before-git.md');
        // Generated outside git (no provenance), then checked inside a git repository (with provenance): current.
        writeFileSync(file, (await runCliAsync(['catalog', 'export', repo.root])).stdout);
        commitAll(repo.root);
        const withSource = (await runCliAsync(['catalog', 'export', repo.root])).stdout;
        expect(withSource).toContain('- **Source:** commit `');
        expect((await runCliAsync(['catalog', 'export', repo.root, '--check', file])).status).toBe(0);
        // And a file naming some other commit is current too.
        const other = join(temp, 'other-commit.md');
        writeFileSync(other, withSource.replace(/commit `[0-9a-f]{40}`/, `commit \`${'0'.repeat(40)}\``).replace(/Committed:\*\* \S+/, 'Committed:** 2020-01-01T00:00:00Z'));
        expect(await runCliAsync(['catalog', 'export', repo.root, '--check', other])).toEqual({ status: 0, stdout: '', stderr: `itsm: ${other} is up to date\n` });
      } finally {
        repo.remove();
      }
    },
    E2E_TIMEOUT,
  );

  it(
    'examples/acme/CATALOG.md is current (the check README puts in CI)',
    async () => {
      const result = await runCliAsync(['catalog', 'export', 'examples/acme', '--check', 'examples/acme/CATALOG.md'], { cwd: REPO_ROOT });
      expect(result).toEqual({ status: 0, stdout: '', stderr: 'itsm: examples/acme/CATALOG.md is up to date\n' });
    },
    E2E_TIMEOUT,
  );
});
