import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT } from '../helpers/cli.js';
import {
  commandLabel,
  commandProblem,
  createItsmShim,
  documentationFiles,
  parseConsoleBlocks,
  runBlock,
  type ConsoleBlock,
} from './console-examples.js';
import { linesMatch, printedLines, renderDiff } from './output-diff.js';

/**
 * Every ```console example of README.md, docs/*.md and examples/**\/README.md is run against the built CLI and must
 * print what it shows (test/docs/README.md: the grammar, and how to fix or skip an example). A failure names the file
 * and line of the example and shows the difference.
 */

/** Generous: a command takes about a second alone, several on a busy two-core machine; nothing here measures speed. */
const PER_COMMAND_MS = 120_000;

const NOW = Date.now();
const files = documentationFiles(REPO_ROOT);
const parsed = files.map((file) => ({ file, ...parseConsoleBlocks(file, readFileSync(join(REPO_ROOT, file), 'utf8')) }));

/** The work tree's changes as git lists them, or null outside git. */
function gitStatus(): string | null {
  const result = spawnSync('git', ['-C', REPO_ROOT, 'status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

let shim: ReturnType<typeof createItsmShim> | undefined;
let statusBefore: string | null = null;
beforeAll(() => {
  assertBuilt();
  shim = createItsmShim(REPO_ROOT);
  statusBefore = gitStatus();
});
afterAll(() => {
  shim?.remove();
  // The examples run in temporary folders that link to the repository's: one that writes through a link would change
  // the repository itself.
  if (statusBefore !== null) expect(gitStatus(), 'a console example wrote into the repository (test/docs/README.md: "Where")').toBe(statusBefore);
});

function blockName(block: ConsoleBlock): string {
  const first = block.commands[0];
  const more = block.commands.length > 1 ? ` (+${block.commands.length - 1})` : '';
  return `${block.file}:${block.line} $ ${first === undefined ? '' : commandLabel(first)}${more}`;
}

/** Everything wrong with one block's run, as readable text; empty when it printed what it shows. */
async function checkBlock(block: ConsoleBlock): Promise<string[]> {
  const refused = block.commands.flatMap((c) => {
    const problem = commandProblem(c.text, NOW);
    return problem === null ? [] : [`${block.file}:${c.line}: the harness cannot run \`${commandLabel(c)}\`: ${problem}.`];
  });
  if (refused.length > 0) {
    return [...refused, 'Change the example, or mark the block with <!-- console: skip REASON --> on the line before it (test/docs/README.md).'];
  }
  const results = await runBlock(block, { root: REPO_ROOT, binDir: shim!.dir, timeoutMs: PER_COMMAND_MS * block.commands.length });
  const failures: string[] = [];
  block.commands.forEach((command, k) => {
    const { output, status } = results[k]!;
    const printed = printedLines(output);
    const problems: string[] = [];
    if (status !== command.exitStatus) {
      problems.push(
        `it exited with status ${status}, but the example expects ${command.exitStatus}` +
          (command.exitStatus === 0 ? ` (end the command line with "# exit ${status}" if that is right)` : ''),
      );
    }
    if (!linesMatch(command.shown, printed)) {
      problems.push(
        'it printed something else than the example shows (- shown in the example, + printed by the command; "…" in the example stands for any lines):',
        ...renderDiff(block.file, command.shown, printed).map((l) => `  ${l}`),
      );
    }
    if (problems.length > 0) failures.push(`${block.file}:${command.line}: $ ${commandLabel(command)}`, ...problems.map((p) => (p.startsWith('  ') ? p : `  ${p}`)), '');
  });
  return failures;
}

describe('the documentation has only console examples the harness can read', () => {
  it.each(parsed.map((p) => [p.file, p.problems] as const))('%s', (_file, problems) => {
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('finds the examples (a sanity check of the search)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/sla.md', 'examples/acme/README.md']));
    expect(parsed.find((p) => p.file === 'README.md')!.blocks.length).toBeGreaterThan(5);
  });
});

for (const { file, blocks } of parsed) {
  if (blocks.length === 0) continue;
  describe.concurrent(file, () => {
    for (const block of blocks) {
      if (block.setup.kind === 'skip') {
        it.skip(`${blockName(block)} — skipped: ${block.setup.reason}`, () => {});
        continue;
      }
      it(blockName(block), { timeout: PER_COMMAND_MS * (block.commands.length + 1) }, async () => {
        const failures = await checkBlock(block);
        if (failures.length > 0) expect.fail(`\n${failures.join('\n')}`);
      });
    }
  });
}
