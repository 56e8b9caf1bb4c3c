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
    expect(complete(['itsm', 'sla', 'report', '--period', '2026', '--format', ''])).toEqual(['table', 'json', 'csv', 'markdown', 'parquet']);
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

const ACME = join(REPO_ROOT, 'examples', 'acme');
/** `itsm completion --ids services examples/acme`: what --service offers in acme's folder. */
const ACME_SERVICES = ['backup', 'collaboration', 'crm', 'dns', 'email', 'erp', 'hosting', 'hr-system', 'identity', 'laptops', 'legacy-pbx', 'mobile-devices', 'network', 'printing', 'service-desk', 'storage', 'telephony', 'vpn'];
/** The shells below are driven for real; each run starts several `itsm completion --ids`, so the limit is generous. */
const SHELL_TIMEOUT = 180_000;

/** The shells' environment: HOME a scratch folder (nothing of the user's is read or written), a terminal zsh's line editor knows. */
function shellEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, HOME: scratch.empty(), TERM: 'xterm', NO_COLOR: '1' };
}

/**
 * Types each line in a real interactive zsh (in a pseudo-terminal, its line editor running as for a person) with the
 * zsh script sourced after compinit, presses Tab, and returns the command line after Tab and the matches zsh offered,
 * sorted as zsh lists them (test/helpers/zsh-complete.zsh). zsh's own matching filters them by the word typed.
 */
function zshComplete(lines: string[], cwd: string): { line: string; matches: string[] }[] {
  const dir = scratch.empty();
  const setup = join(dir, 'setup.zsh');
  // A ~/.zshrc as the README says (compinit, then the script), with compinit's dump file kept out of HOME.
  writeFileSync(setup, [
    `itsm() { ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"; }`,
    `autoload -U compinit && compinit -u -d ${JSON.stringify(join(dir, 'zcompdump'))}`,
    'source <(itsm completion zsh)',
  ].join('\n'));
  const driver = join(REPO_ROOT, 'test', 'helpers', 'zsh-complete.zsh');
  const result = spawnSync('/usr/bin/zsh', ['-f', driver, setup, ...lines], { cwd, env: shellEnvironment(), encoding: 'utf8', timeout: SHELL_TIMEOUT });
  // A signal here is the time limit: zsh never printed what a Tab completed (the blocks it did print are in stdout).
  expect({ status: result.status, signal: result.signal, stderr: result.stderr, stdout: result.status === 0 ? '' : result.stdout }).toEqual({ status: 0, signal: null, stderr: '', stdout: '' });
  return result.stdout.split('\n\n').filter((b) => b !== '').map((block) => {
    const [line = '', ...matches] = block.split('\n');
    return { line, matches: matches.filter((m) => m !== '').sort() };
  });
}

/** fish's candidates for a command line, as its Tab offers them (`complete -C`), with the fish script sourced. */
function fishComplete(line: string, cwd: string): string[] {
  const file = join(scratch.empty(), 'itsm.fish');
  writeFileSync(file, runCli(['completion', 'fish']).stdout);
  const script = `function itsm; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} $argv; end; source ${JSON.stringify(file)}; complete -C ${JSON.stringify(line)}`;
  const result = spawnSync('/usr/bin/fish', ['--no-config', '-c', script], { cwd, env: shellEnvironment(), encoding: 'utf8', timeout: SHELL_TIMEOUT });
  expect([result.status, result.signal, result.stderr]).toEqual([0, null, '']);
  // Each candidate is printed with its description after a tab.
  return result.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]!);
}

for (const shell of ['zsh', 'fish'] as const) {
  const binary = `/usr/bin/${shell}`;
  const present = existsSync(binary);
  if (!present) console.warn(`SKIPPED the ${shell} completion tests: ${binary} is not installed (apt-get install ${shell}).`);
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

    if (shell === 'zsh') {
      it('completes commands, options and ids when Tab is pressed in an interactive zsh', { timeout: SHELL_TIMEOUT }, () => {
        const typed = ['itsm sl', 'itsm sla report --for', 'itsm sla report --service ', 'itsm sla report --service cr', 'itsm sla explain INC000100'];
        expect(zshComplete(typed, ACME)).toEqual([
          // One match: zsh writes it out, and a space after it.
          { line: 'itsm sla ', matches: ['sla'] },
          // Two: the line stays as typed (both begin with --for) and zsh lists them.
          { line: 'itsm sla report --for', matches: ['--force', '--format'] },
          { line: 'itsm sla report --service ', matches: ACME_SERVICES },
          { line: 'itsm sla report --service crm ', matches: ['crm'] },
          // acme's incidents INC0001001 to INC0001009.
          { line: 'itsm sla explain INC000100', matches: Array.from({ length: 9 }, (_, i) => `INC000100${i + 1}`) },
        ]);
      });
    } else {
      it("completes commands, options and ids as fish's Tab offers them (complete -C)", { timeout: SHELL_TIMEOUT }, () => {
        expect(fishComplete('itsm sl', ACME)).toEqual(['sla']);
        expect(fishComplete('itsm sla report --for', ACME)).toEqual(['--force', '--format']);
        expect(fishComplete('itsm sla report --service ', ACME)).toEqual(ACME_SERVICES);
        expect(fishComplete('itsm sla report --service cr', ACME)).toEqual(['crm']);
      });
    }
  });
}
