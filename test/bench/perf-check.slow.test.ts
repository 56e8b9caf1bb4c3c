import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const PERF = join(REPO_ROOT, 'bench', 'perf.js');
const ACME = join(REPO_ROOT, 'examples', 'acme');
const scratch = scratchFolders('itsm-perf-check-');

function perf(args: string[]) {
  assertBuilt();
  const result = spawnSync(process.execPath, [PERF, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Another "build": this one, except that its chargeback JSON has one byte changed (the first `"` becomes `'`). */
function alteredBuild(): string {
  const dir = scratch.empty();
  mkdirSync(join(dir, 'bin'));
  const bin = join(dir, 'bin', 'itsm.js');
  writeFileSync(
    bin,
    `import { spawnSync } from 'node:child_process';
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [${JSON.stringify(join(REPO_ROOT, 'bin', 'itsm.js'))}, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
process.stdout.write(args[0] === 'chargeback' ? r.stdout.replace('"', "'") : r.stdout);
process.exitCode = r.status ?? 2;
`,
  );
  return bin;
}

// The "bench check": the same outputs from two builds, compared byte for byte. Speed plays no part here; the
// check runs the CLI twelve times on examples/acme, which on a busy two-core machine takes a minute, hence *.slow.
describe('bench/perf.js --check-identical', () => {
  it('says OK for each output two builds write the same, DIFFERENT (with where) for the one they do not, and exits 1', { timeout: 300_000 }, () => {
    const { stdout, stderr, status } = perf(['--repo', ACME, '--check-identical', alteredBuild()]);
    expect(stderr).not.toContain('bench/perf:');
    const verdicts = stdout
      .split('\n')
      .filter((line) => /\| (OK|DIFFERENT)/.test(line))
      .map((line) => `${line.split(' | ')[0]!.slice(2)}: ${/\| (OK|DIFFERENT)[^|]*\|$/.exec(line)![0].slice(2, -2)}`);
    expect(verdicts).toEqual([
      'sla report --format json: OK',
      // '{\n  "…': the first byte after "{\n  " is offset 4, on line 2.
      'chargeback --format json: DIFFERENT from byte 4 (line 2)',
      'export tickets (csv): OK',
      'export tickets --format jsonl: OK',
      'catalog export --format json: OK',
      'catalog export --format json --audience internal: OK',
    ]);
    expect(stdout).toContain('DIFFERENT: the outputs differ');
    expect(status).toBe(1);
  });

  it('refuses an unknown command for --only with exit 2 and the list of commands', () => {
    const { stdout, stderr, status } = perf(['--only', 'validate,nope']);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(
      'bench/perf: --only: unknown command "nope"; expected some of validate-w1, validate, sla-w1, sla, sla-json, validate-warm, sla-warm, validate-edit, sla-edit, chargeback, catalog, startup',
    );
    expect(status).toBe(2);
  });
});
