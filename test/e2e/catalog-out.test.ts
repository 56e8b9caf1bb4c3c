import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { smallCopy } from '../catalog/e2e.js';

// `catalog export --out FILE`: written atomically; an existing file that differs is replaced only with --force; a
// file that is already what export would write is left alone, with or without --force.

const copy = smallCopy();
const temp = mkdtempSync(join(tmpdir(), 'itsm-catalog-out-'));
afterAll(() => {
  copy.remove();
  rmSync(temp, { recursive: true, force: true });
});

describe('catalog export --out', () => {
  it(
    'writes the file and nothing to stdout; regenerating it unchanged needs no --force; a different one does',
    async () => {
      const file = join(temp, 'CATALOG.md');
      const [markdown, json] = await Promise.all([runCliAsync(['catalog', 'export', copy.root]), runCliAsync(['catalog', 'export', copy.root, '-f', 'json'])]);

      expect(await runCliAsync(['catalog', 'export', copy.root, '--out', file])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(markdown.stdout);
      const written = statSync(file).mtimeMs;

      // The same content again: nothing to replace, so no --force is needed and the file is not rewritten.
      expect(await runCliAsync(['catalog', 'export', copy.root, '-o', file])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(statSync(file).mtimeMs).toBe(written);

      expect(await runCliAsync(['catalog', 'export', copy.root, '-f', 'json', '--out', file])).toEqual({
        status: 2,
        stdout: '',
        stderr: `itsm: ${file} already exists; use --force to replace it\n`,
      });
      expect(readFileSync(file, 'utf8')).toBe(markdown.stdout);

      expect(await runCliAsync(['catalog', 'export', copy.root, '-f', 'json', '--out', file, '--force'])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(json.stdout);
      // Written atomically: no temporary file is left beside it.
      expect(readdirSync(temp).filter((name) => name.includes('CATALOG.md'))).toEqual(['CATALOG.md']);
    },
    E2E_TIMEOUT,
  );

  it(
    'creates missing folders, and writes nothing when the repository has errors',
    async () => {
      const nested = join(temp, 'site', 'catalog', 'index.html');
      expect(await runCliAsync(['catalog', 'export', copy.root, '-f', 'html', '--out', nested])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(nested, 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);

      const never = join(temp, 'never.md');
      const broken = await runCliAsync(['catalog', 'export', 'test/fixtures/catalog/broken-reference', '--out', never]);
      expect(broken.status).toBe(1);
      expect(broken.stdout).toBe('');
      expect(existsSync(never)).toBe(false);
    },
    E2E_TIMEOUT,
  );

  it(
    '--out - writes to stdout',
    async () => {
      const [plain, dash] = await Promise.all([runCliAsync(['catalog', 'export', copy.root]), runCliAsync(['catalog', 'export', copy.root, '--out', '-'])]);
      expect(dash).toEqual(plain);
    },
    E2E_TIMEOUT,
  );

  it(
    'with --force, replaces a file that differs',
    async () => {
      const file = join(temp, 'old.md');
      writeFileSync(file, '# An old catalog\n');
      expect(await runCliAsync(['catalog', 'export', copy.root, '--out', file, '--force'])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(file, 'utf8').startsWith('# Small Company service catalog\n')).toBe(true);
    },
    E2E_TIMEOUT,
  );
});
