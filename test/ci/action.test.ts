import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { E2E_TIMEOUT, REPO_ROOT, assertBuilt } from '../helpers/cli.js';
import { GitFixture } from '../helpers/git-fixture.js';

// action.yml is run here the way the runner runs it, step by step: the steps that `uses:` another action
// (setup-node) or install (npm ci) are what the test machine already did; the step that runs itsm is run as written,
// its `run:` in bash with its `env:`, the `${{ inputs.* }}` expressions replaced by the inputs (defaults from
// action.yml), and the variables the runner sets: GITHUB_ACTION_PATH (the action's checkout: this repository),
// GITHUB_WORKSPACE (the caller's checkout, the working folder; here this repository too, so that the fixtures are
// folders inside it as a repository is inside a monorepo), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP.

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface ActionYaml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYaml;
const temp = mkdtempSync(join(tmpdir(), 'itsm-action-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const VALID = 'test/fixtures/action/valid';
const INVALID = 'test/fixtures/action/invalid';

/** Replaces `${{ inputs.name }}` by the input; any other expression fails the test, so that a new one is seen here. */
function evaluate(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input === null) throw new Error(`the test does not evaluate \${{ ${expression} }}`);
    const value = inputs[input[1]!] ?? action.inputs[input[1]!]?.default;
    if (value === undefined) throw new Error(`no input ${input[1]}`);
    return value;
  });
}

let runs = 0;
/** Runs the action's `run` step with these inputs, as the runner would; returns what a workflow run would show. */
function runAction(inputs: Record<string, string>, workspace: string = REPO_ROOT) {
  assertBuilt();
  const step = action.runs.steps.find((s) => s.id === 'run');
  if (step?.run === undefined) throw new Error('action.yml has no step with id "run"');
  expect(step.shell).toBe('bash');
  const folder = join(temp, String(++runs));
  rmSync(folder, { recursive: true, force: true });
  const runnerTemp = mkdtempSync(join(temp, `${runs}-`));
  const summary = join(runnerTemp, 'step-summary.md');
  const output = join(runnerTemp, 'github-output');
  const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value, inputs)]));
  const result = spawnSync('bash', ['-e', '-c', evaluate(step.run, inputs)], {
    cwd: workspace,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      RUNNER_TEMP: runnerTemp,
      ...stepEnv,
    },
    encoding: 'utf8',
  });
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return { stdout: result.stdout, stderr: result.stderr, status: result.status, summary: read(summary), output: read(output), runnerTemp };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs, and every step that runs a command names its shell', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'path', 'args', 'node-version']));
    for (const [name, input] of Object.entries(action.inputs)) expect(typeof input.description, name).toBe('string');
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      if (step.uses === undefined) {
        expect(typeof step.run).toBe('string');
        expect(step.shell).toBe('bash');
      } else expect(step.run).toBeUndefined();
    }
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version']).toBe('${{ inputs.node-version }}');
    // The inputs reach the script through env:, never through the script's text (GitHub's script-injection advice).
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
    expect(Object.keys(action.outputs)).toEqual(['exit-code', 'report']);
  });
});

describe('the action run as the runner runs it', { timeout: E2E_TIMEOUT }, () => {
  it('validate on a valid repository: no annotation, a summary that says so, exit 0', () => {
    const run = runAction({ path: VALID });
    expect(run.stdout).toBe('');
    expect(run.summary).toBe(`## itsm validate: valid ✅\n\nNo problems in ${VALID}.\n`);
    expect(run.output).toBe(`exit-code=0\nreport=${run.runnerTemp}/itsm-validate.md\n`);
    expect(readFileSync(join(run.runnerTemp, 'itsm-validate.md'), 'utf8')).toBe(run.summary);
    expect(run.status).toBe(0);
  });

  it('validate on an invalid repository: one annotation per problem at its line, a table in the summary, exit 1', () => {
    const run = runAction({ command: 'validate', path: INVALID });
    const file = `${INVALID}/tickets/2026/2026-03.yaml`;
    expect(run.stdout).toBe(
      `::error file=${file},line=26,col=12,endLine=26,endColumn=23,title=itsm(unknown-reference)::service "servicedesk" does not exist%0Ahint: did you mean "service-desk"?\n` +
        `::error file=${file},line=28,col=13,endLine=28,endColumn=15,title=itsm(unknown-priority)::priority "P9" is not defined%0Ahint: did you mean "P1"?\n`,
    );
    expect(run.summary).toBe(
      [
        '## itsm validate: 2 errors, 0 warnings ❌',
        '',
        '| file | line | severity | rule | problem |',
        '| --- | ---: | --- | --- | --- |',
        `| ${file} | 26:12 | error | unknown-reference | service "servicedesk" does not exist (hint: did you mean "service-desk"?) |`,
        `| ${file} | 28:13 | error | unknown-priority | priority "P9" is not defined (hint: did you mean "P1"?) |`,
        '',
      ].join('\n'),
    );
    expect(run.output).toMatch(/^exit-code=1\n/);
    expect(run.status).toBe(1);
  });

  it('validate prints the same annotations as `itsm validate --format github`', () => {
    const run = runAction({ path: INVALID });
    const direct = spawnSync(process.execPath, ['bin/itsm.js', 'validate', INVALID, '--format', 'github'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.stdout).toBe(direct.stdout);
  });

  it('validate passes args on: --max-warnings, and says why it failed', () => {
    const run = runAction({ path: 'test/fixtures/validate/implausible-date', args: '--max-warnings 0' });
    expect(run.stdout).toMatch(/^::warning file=test\/fixtures\/validate\/implausible-date\/tickets\/2026\/2026-03\.yaml,line=51,/);
    expect(run.stdout).toMatch(/\n::error title=itsm validate::too many warnings \(1\); the maximum allowed is 0\n$/);
    expect(run.summary).toMatch(/^## itsm validate: 0 errors, 1 warning ❌\n\ntoo many warnings \(1\); the maximum allowed is 0\n\n\| file \|/);
    expect(run.status).toBe(1);
  });

  it('sla-gate: the report in the summary under the verdict, one annotation when a target is below its objective', () => {
    const failed = runAction({ command: 'sla-gate', path: VALID, args: '--period 2026-03' });
    expect(failed.stdout).toBe('::error title=itsm SLA gate::1 target(s) below their objective\n');
    // INC0000002 answered after 5h30m against 4h: P3 response 1 of 2 met, 50.0% against 90%.
    expect(failed.summary).toMatch(/^## itsm SLA gate: failed ❌\n\n1 target\(s\) below their objective\n\n### SLA report — Example Organisation, 2026-03\n/);
    expect(failed.summary).toContain('\n#### standard — Standard service level (sla)\n');
    expect(failed.summary).toContain('|incident|P3|response|4h|90%|2|1|1|0|50.0%|❌|');
    expect(failed.status).toBe(1);

    const passed = runAction({ command: 'sla-gate', path: VALID, args: "--period 2026-03 --fail-under '40'" });
    expect(passed.stdout).toBe('');
    expect(passed.summary).toMatch(/^## itsm SLA gate: passed ✅\n\n### SLA report/);
    expect(passed.status).toBe(0);
  });

  it('catalog-check: up to date, or the diff in the summary and an annotation on the catalog file', () => {
    const current = runAction({ command: 'catalog-check', path: VALID });
    expect([current.stdout, current.summary, current.status]).toEqual(['', '## itsm catalog check: up to date ✅\n', 0]);

    const stale = runAction({ command: 'catalog-check', path: VALID, catalog: 'test/fixtures/action/stale-CATALOG.md' });
    const message = `test/fixtures/action/stale-CATALOG.md is out of date with the repository; regenerate it with: itsm catalog export ${VALID} --out test/fixtures/action/stale-CATALOG.md --force`;
    expect(stale.stdout).toBe(`::error file=test/fixtures/action/stale-CATALOG.md,title=itsm catalog check::${message}\n`);
    // The diff is the catalog check's own (docs/catalog.md): once the fixture is committed, it begins with the
    // provenance lines (a commit hash), so only its frame is pinned here.
    expect(stale.summary).toMatch(
      new RegExp(`^## itsm catalog check: out of date ❌\\n\\n${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\n\`\`\`diff\\n--- test/fixtures/action/stale-CATALOG\\.md\\n\\+\\+\\+ itsm catalog export\\n@@ [^\\n]+\\n`),
    );
    expect(stale.summary).toMatch(/\n```\n$/);
    expect(stale.status).toBe(1);
  });

  it('an invalid repository stops the figures: the problems in the summary, one annotation', () => {
    const run = runAction({ command: 'catalog-check', path: INVALID });
    expect(run.stdout).toBe(`::error title=itsm catalog check::${INVALID} has 2 error(s); fix them (see \`itsm validate ${INVALID}\`) before computing figures\n`);
    expect(run.summary).toMatch(/^## itsm catalog check: failed ❌\n\n.*\n\n```text\ntest\/fixtures\/action\/invalid\/tickets\/2026\/2026-03\.yaml\n {2}26:12 {2}error/);
    expect(run.status).toBe(1);
  });

  it.each([
    [{ command: 'check' }, 'command: "check" is not one of validate, sla-gate, catalog-check, diff'],
    [{ args: '--format json' }, "args: --format is set by the action (it reads itsm's output); leave it out"],
    [{ args: '--period "2026-03' }, 'args: a " is not closed: --period "2026-03'],
    [{ command: 'diff' }, 'diff needs a base revision: run it on pull_request, or set the base input'],
  ])('refuses wrong inputs %j: one annotation, exit 2', (inputs, message) => {
    const run = runAction(inputs);
    expect(run.stdout).toBe(`::error title=itsm action::${message}\n`);
    expect(run.summary).toBe(`## itsm: the action's inputs are wrong ❌\n\n${message}\n`);
    expect(run.output).toMatch(/^exit-code=2\n/);
    expect(run.status).toBe(2);
  });

  it('a usage error of itsm is one annotation and exit 2', () => {
    const run = runAction({ path: 'no/such/folder' });
    expect(run.stdout).toBe('::error title=itsm validate::no such file or folder: no/such/folder\n');
    expect(run.summary).toBe('## itsm validate: could not run ❌\n\n```text\nitsm: no such file or folder: no/such/folder\n```\n');
    expect(run.status).toBe(2);
  });
});

describe('docs/ci.md', { timeout: E2E_TIMEOUT }, () => {
  /** The fenced block after `<!-- action: NAME -->` in docs/ci.md. */
  function documented(name: string): string {
    const text = readFileSync(join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
    const at = text.indexOf(`<!-- action: ${name} -->\n`);
    if (at < 0) throw new Error(`docs/ci.md has no <!-- action: ${name} --> block`);
    const block = /^```\w*\n([\s\S]*?)^```$/m.exec(text.slice(at));
    if (block === null) throw new Error(`no fenced block after <!-- action: ${name} -->`);
    return block[1]!;
  }

  it('shows the annotations and the summary that the action really writes', () => {
    const run = runAction({ path: INVALID });
    expect(documented('annotations of test/fixtures/action/invalid')).toBe(run.stdout);
    expect(documented('summary of test/fixtures/action/invalid')).toBe(run.summary);
  });
});

describe('the diff of the action, on a pull request', { timeout: E2E_TIMEOUT }, () => {
  // A caller's checkout: a git repository whose main holds acme, and a pull request that changes a target.
  const workspace = join(temp, 'pull-request');
  const git = GitFixture.init(workspace).copy(join(REPO_ROOT, 'examples', 'acme'), 'acme');
  git.commit('ada', 'acme as it is');
  git.git('checkout', '--quiet', '-b', 'pull-request');
  const gold = join(workspace, 'acme', 'slas', 'gold.yaml');
  const before = readFileSync(gold, 'utf8');
  const after = before.replace(/within: 4h\b/, 'within: 3h');
  expect(after).not.toBe(before);
  writeFileSync(gold, after);
  git.commit('grace', 'gold: a tighter target');

  it('writes the Markdown of itsm diff base...HEAD to the summary and the report, exit 0', () => {
    const run = runAction({ command: 'diff', path: 'acme', base: 'main' }, workspace);
    const direct = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'itsm.js'), 'diff', 'main...HEAD', 'acme', '--format', 'markdown'], { cwd: workspace, encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(run.status).toBe(0);
    expect(run.summary).toContain(direct.stdout.trim().split('\n')[0]!);
    expect(run.summary).toContain('gold');
    expect(run.output).toBe(`exit-code=0\nreport=${run.runnerTemp}/itsm-diff.md\n`);
    expect(readFileSync(join(run.runnerTemp, 'itsm-diff.md'), 'utf8')).toBe(run.summary);
  });

  it('without a base, on an event that is not a pull request, stops with exit 2 and says what to set', () => {
    const run = runAction({ command: 'diff', path: 'acme' }, workspace);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('diff needs a base revision: run it on pull_request, or set the base input');
  });
});
