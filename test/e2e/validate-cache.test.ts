import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const folders = scratchFolders('itsm-validate-cache-');

/** The example repository with a service added: `owner` false leaves it without one (a warning), `agreement` names one. */
function exampleWith(service?: { owner: boolean; agreement: string }): string {
  const root = folders.copyOf('examples/acme');
  if (service) {
    let text = readFileSync(join(root, 'services', 'dns.yaml'), 'utf8').replace('id: dns', 'id: orphan-dns');
    if (!service.owner) text = text.replace('  owner: Network Operations\n', '');
    writeFileSync(join(root, 'services', 'orphan.yaml'), text.replace('[slo-infrastructure]', `[${service.agreement}]`));
  }
  return root;
}

/**
 * Runs validate with `args` without the cache, then twice with it (the first records the repository's check, the
 * second prints the recorded one): all three must print the same bytes and exit with the same status.
 */
function expectSameWarmAndCold(root: string, variants: readonly (readonly string[])[]): void {
  const cache = join(folders.empty(), 'cache');
  runCli(['validate', root, '--cache-location', cache]);
  expect(existsSync(join(cache, 'repository', 'validate.json'))).toBe(true);
  for (const args of variants) {
    const cold = runCli(['validate', root, ...args]);
    const warm = runCli(['validate', root, ...args, '--cache-location', cache]);
    expect({ args, ...warm }).toEqual({ args, ...cold });
  }
}

describe('validate --cache prints what a run without the cache prints', () => {
  it('on a repository with errors and warnings, in every format and with --quiet', () => {
    const root = exampleWith({ owner: false, agreement: 'no-such-agreement' });
    const cold = runCli(['validate', root, '--format', 'json']);
    expect(cold.status).toBe(1);
    const rules = (JSON.parse(cold.stdout) as { diagnostics: { rule: string; severity: string }[] }).diagnostics.map((d) => `${d.severity} ${d.rule}`);
    expect(rules).toEqual(['warning service-without-owner', 'error unknown-reference']);
    expectSameWarmAndCold(root, [[], ['--format', 'json'], ['--format', 'github'], ['--format', 'sarif'], ['--quiet']]);
  });

  it('on a repository with warnings only: the summary line with its counts, and --max-warnings', () => {
    const root = exampleWith({ owner: false, agreement: 'slo-infrastructure' });
    expectSameWarmAndCold(root, [[], ['--max-warnings', '0']]);
    const warm = runCli(['validate', root, '--cache']);
    expect(warm.stderr).toMatch(/: 71 files valid \(19 services, 8 SLAs, 4 calendars, 10 consumers, 6 groups, 1240 tickets, 1113 usage records, 2 change templates, 5 articles, 4 improvements\), 1 warning\(s\)\n$/);
  });

  it('on a valid repository', () => {
    expectSameWarmAndCold(exampleWith(), [[]]);
  });
});
