import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idsInYaml } from '../../src/cli/completion/ids.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const scratch = scratchFolders('itsm-completion-');

const bashScript = runCli(['completion', 'bash']);
const BIN = join(REPO_ROOT, 'bin', 'itsm.js');

/** Runs bash's completion function on the words typed (the last one is being completed) and returns COMPREPLY. */
function complete(words: string[], cwd = REPO_ROOT): string[] {
  const script = [
    `itsm() { ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"; }`,
    bashScript.stdout,
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_itsm',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile'], { input: script, cwd, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter((l) => l !== '');
}

describe('itsm completion bash', () => {
  it('prints a script that bash reads without error', () => {
    expect([bashScript.status, bashScript.stderr]).toEqual([0, '']);
    const checked = spawnSync('bash', ['-n'], { input: bashScript.stdout, encoding: 'utf8' });
    expect([checked.status, checked.stderr]).toEqual([0, '']);
  });

  it('completes commands, subcommands and options from the program', () => {
    expect(complete(['itsm', 'sl'])).toEqual(['sla']);
    expect(complete(['itsm', 'sla', ''])).toEqual(['report', 'status', 'explain']);
    expect(complete(['itsm', 'sla', 'report', '--for'])).toEqual(['--format', '--force']);
    expect(complete(['itsm', 'export', 'metrics', '--p'])).toEqual(['--period']);
  });

  it("completes an option's choices, after options that take a value", () => {
    expect(complete(['itsm', 'sla', 'report', '--period', '2026', '--format', ''])).toEqual(['table', 'json', 'csv', 'markdown']);
    expect(complete(['itsm', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('completes ids from the repository: services after --service, tickets for sla explain', () => {
    expect(complete(['itsm', 'sla', 'report', 'examples/acme', '--service', 'cr'])).toEqual(['crm']);
    // acme's incidents INC0001001 to INC0001009 begin with INC000100 (ids come from the folder the shell is in).
    expect(complete(['itsm', 'sla', 'explain', 'INC000100'], join(REPO_ROOT, 'examples', 'acme'))).toEqual(Array.from({ length: 9 }, (_, i) => `INC000100${i + 1}`));
  });
});

describe('itsm completion --ids', () => {
  it('prints the ids of one kind, one per line, sorted', () => {
    const result = runCli(['completion', '--ids', 'agreements', 'examples/acme']);
    expect(result).toEqual({ status: 0, stderr: '', stdout: 'bronze\ngold\ngold-finance\nola-network\nola-sap-cc\nregional\nsilver\nslo-infrastructure\n' });
  });

  it('refuses an unknown kind and an unknown shell', () => {
    expect(runCli(['completion', '--ids', 'widgets', 'examples/acme'])).toEqual({ status: 2, stdout: '', stderr: 'itsm: --ids: expected one of services, agreements, consumers, calendars, groups, tickets but found "widgets"\n' });
    expect(runCli(['completion', 'tcsh'])).toEqual({ status: 2, stdout: '', stderr: 'itsm: completion: expected a shell, one of bash, zsh, fish, but found "tcsh"\n' });
  });

  it('finds ids by scanning the text: block and flow metadata, quoted ids, only the kind asked for', () => {
    const text = [
      'apiVersion: itsm/v1', 'kind: Service', 'metadata:', '  name: E-mail', '  id: "email"  # quoted', 'spec: {}',
      '---', 'kind: Service', 'metadata: { name: VPN, id: vpn }',
      '---', 'kind: SLA', 'metadata:', '  id: gold',
      '---', 'kind: Service', 'spec:', '  id: not-metadata',
    ].join('\n');
    expect(idsInYaml(text, 'Service')).toEqual(['email', 'vpn']);
    expect(idsInYaml(text, 'SLA')).toEqual(['gold']);
  });
});

for (const shell of ['zsh', 'fish'] as const) {
  const binary = `/usr/bin/${shell}`;
  const present = existsSync(binary);
  if (!present) console.warn(`SKIPPED ${shell} -n on the ${shell} completion script: ${binary} is not installed (apt-get install ${shell}).`);
  describe.skipIf(!present)(`itsm completion ${shell}${present ? '' : ` — SKIPPED: ${binary} is not installed`}`, () => {
    it(`prints a script that ${shell} -n accepts`, () => {
      const script = runCli(['completion', shell]);
      expect([script.status, script.stderr]).toEqual([0, '']);
      // fish -n does not read a script from a pipe: it is given a file.
      const file = join(scratch.empty(), `itsm.${shell}`);
      writeFileSync(file, script.stdout);
      const checked = spawnSync(binary, ['-n', file], { encoding: 'utf8' });
      expect([checked.status, checked.stderr]).toEqual([0, '']);
    });
  });
}
