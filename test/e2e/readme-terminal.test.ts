import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

// The README's examples of `sla report`, `sla status` and `sla explain` are real output: every line shown after a
// `$ itsm …` command is a line of what that command prints, in order ("…" stands for lines left out). A command
// marked "# on an 80-column terminal" is run with --width 80; "| cat" marks the full layout of a pipe.

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

interface Example {
  args: string[];
  lines: string[];
}

function examples(heading: string): Example[] {
  const start = README.indexOf(heading);
  const section = README.slice(start, README.indexOf('\n### ', start + heading.length));
  const found: Example[] = [];
  for (const block of section.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const part of block[1]!.split(/^(?=\$ itsm )/m).filter((p) => p.startsWith('$ itsm '))) {
      const [command, ...output] = part.split('\n');
      const narrow = command!.includes('80-column terminal');
      const args = command!.replace(/#.*$/, '').replace('| cat', '').trim().split(/\s+/).slice(2);
      found.push({ args: narrow ? [...args, '--width', '80'] : args, lines: output.filter((l) => l !== '' && l !== '…') });
    }
  }
  return found;
}

describe.each(['### `itsm sla report [path]`', '### `itsm sla status [path]`', '### `itsm sla explain <ticket> [path]`'])('README %s', (heading) => {
  const cases = examples(heading);

  it('has examples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map((c) => [c.args.join(' '), c] as const))('itsm %s prints what the README shows', async (_, example) => {
    const result = await runCliAsync(example.args, { timeout: E2E_TIMEOUT });
    expect(result.stderr).toBe('');
    const actual = result.stdout.split('\n');
    let at = 0;
    for (const line of example.lines) {
      const found = actual.indexOf(line, at);
      expect(found, `README line not in the output after line ${at + 1}: ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }, E2E_TIMEOUT);
});
