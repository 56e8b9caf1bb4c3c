import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCliAsync } from '../helpers/cli.js';

/**
 * The figures of examples/acme, byte for byte: the JSON of sla report, sla status, chargeback, export tickets and the
 * catalog, as SHA-256 of the output of the commit before the performance work of issue #12 (33f8e05). Work that only
 * makes itsm faster must leave every one of them as it was. A change that is meant to change figures (or examples/acme)
 * updates test/golden/acme-figures.json with `UPDATE_GOLDEN=1 npx vitest run test/e2e/figures-unchanged.test.ts` and
 * says why in its commit.
 */
const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'acme-figures.json');

interface Golden {
  args: string[];
  bytes: number;
  sha256: string;
}

const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden[];

describe('the figures of examples/acme are unchanged', () => {
  it.each(golden.map((g) => [g.args.join(' '), g] as const))('itsm %s', async (_, entry) => {
    const result = await runCliAsync(entry.args, { timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const actual = { args: entry.args, bytes: Buffer.byteLength(result.stdout), sha256: createHash('sha256').update(result.stdout).digest('hex') };
    if (process.env.UPDATE_GOLDEN === '1') {
      Object.assign(entry, actual);
      writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 2)}\n`);
    }
    expect(actual).toEqual(entry);
  });
});
