import { join } from 'node:path';
import type { Repository } from '../../src/model/repository.js';
import { openRepository } from '../../src/open-repository.js';
import { REPO_ROOT } from '../helpers/cli.js';

export const ACME = join(REPO_ROOT, 'examples', 'acme');

let cached: Repository | undefined;

/** The example repository, read once per test file (awaited, so that it works whether opening is synchronous or not). */
export async function acmeRepository(): Promise<Repository> {
  if (cached === undefined) {
    const opened = await openRepository(ACME);
    const errors = opened.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`examples/acme has errors: ${errors.map((d) => d.message).join('; ')}`);
    cached = opened.repository;
  }
  return cached;
}
