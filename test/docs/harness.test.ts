import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { clockDependence, commandProblem, parseConsoleBlocks, runBlock } from './console-examples.js';
import { linesMatch, renderDiff, type ShownLine } from './output-diff.js';

/** The harness of console-examples.test.ts, on inline Markdown: what it reads, refuses and reports. */

const md = (...lines: string[]) => `${lines.join('\n')}\n`;
const shown = (...lines: string[]): ShownLine[] => lines.map((text, i) => ({ text, line: 10 + i }));

describe('parseConsoleBlocks', () => {
  it('reads commands, continuation lines, the shown output and an expected exit status', () => {
    const { blocks, problems } = parseConsoleBlocks(
      'doc.md',
      md('Text.', '', '```console', '$ itsm validate a   # exit 1', 'a.yaml', '  1:1  error  x', '', '$ itsm sla report a \\', '    --period 2026-10', 'SLA report', '```'),
    );
    expect(problems).toEqual([]);
    expect(blocks).toEqual([
      {
        file: 'doc.md',
        line: 3,
        setup: { kind: 'repository' },
        commands: [
          { text: 'itsm validate a   # exit 1', line: 4, exitStatus: 1, shown: [{ text: 'a.yaml', line: 5 }, { text: '  1:1  error  x', line: 6 }, { text: '', line: 7 }] },
          { text: 'itsm sla report a \\\n    --period 2026-10', line: 8, exitStatus: 0, shown: [{ text: 'SLA report', line: 10 }] },
        ],
      },
    ]);
  });

  it('applies the marker on the line before a block', () => {
    const { blocks, problems } = parseConsoleBlocks(
      'doc.md',
      md('<!-- console: in test/fixtures/import/servicenow -->', '```console', '$ itsm validate repo', '```', '', '<!-- console: skip it downloads from a server -->', '```console', '$ itsm import jira x.json', '```'),
    );
    expect(problems).toEqual([]);
    expect(blocks.map((b) => b.setup)).toEqual([
      { kind: 'copy', dir: 'test/fixtures/import/servicenow' },
      { kind: 'skip', reason: 'it downloads from a server' },
    ]);
  });

  it('refuses what it cannot run or place, naming the line', () => {
    const { problems } = parseConsoleBlocks(
      'doc.md',
      md(
        '```console',
        'output first',
        '$ itsm validate',
        '```',
        '<!-- console: sometimes -->',
        '```console',
        '$ itsm validate',
        '```',
        '<!-- console: skip stray -->',
        'Some prose.',
        '```text',
        '$ itsm validate',
        '```',
        '<!-- console: in ../elsewhere -->',
        '```console',
        '$ itsm validate',
        '```',
        '```console',
        '```',
      ),
    );
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: output before the first command: each command line starts with "$ "',
      '5: unknown marker "<!-- console: sometimes -->"; write "<!-- console: skip REASON -->" or "<!-- console: in DIR -->"',
      '9: a console marker must stand directly before a ```console block',
      '12: a command with a "$ " prompt in a ```text block is not checked; write the block as ```console',
      '14: "in ../elsewhere": the folder must be inside the repository, written relative to its root',
      '18: a ```console block without a "$ " command',
    ]);
  });
});

describe('commandProblem', () => {
  const now = Date.parse('2026-12-06T00:00:00Z');
  it.each([
    'itsm validate examples/acme',
    "itsm export tickets examples/acme --now 2027-01-01T05:00:00Z | grep '^INC9000001,'",
    'itsm import servicenow uci-sample.csv --repo repo --map mapping.yaml 2>/dev/null',
    'cd my-itsm && itsm validate . > out.txt 2>&1',
    'NO_COLOR=1 itsm sla explain INC1 examples/acme --now=2027-01-01',
    'itsm chargeback examples/acme --period 2026-11 --format csv | head -3',
  ])('runs %s', (command) => {
    expect(commandProblem(command, now)).toBeNull();
  });

  it.each([
    ['curl -s https://example.com > x.json', '`curl` is not a program the harness runs (it runs itsm, cd, cat, grep, head, tail, wc, ls, sort)'],
    ['itsm validate $HOME', 'variables and command substitution are not supported'],
    ['itsm validate "$(pwd)"', 'variables and command substitution are not supported'],
    ['itsm validate; itsm validate', '";" is not supported'],
    ['itsm validate || true', '"||" is not supported'],
    ['itsm validate >', '">" without a file after it'],
    ['itsm validate | ', 'a command is missing'],
    ["itsm validate 'open", 'an unclosed single quote'],
  ])('refuses %s', (command, problem) => {
    expect(commandProblem(command, now)).toBe(problem);
  });

  it('accepts a comment that is not an exit status', () => {
    expect(commandProblem('itsm validate .   # the CI gate; not an exit status', now)).toBeNull();
  });
});

describe('clockDependence', () => {
  const now = Date.parse('2026-12-06T00:00:00Z');
  it.each([
    [['sla', 'status', 'examples/acme'], '`itsm sla status` measures as of the current time: give --now'],
    [['sla', 'explain', 'INC1'], '`itsm sla explain` measures as of the current time: give --now'],
    [['export', 'tickets', '.'], '`itsm export tickets` measures as of the current time: give --now'],
    [['sla', 'report', '.'], '`itsm sla report` without --period, --to or --now reports the current month: give --now'],
    // The quarter ends 2027-01-01, after "now": its running clocks would be measured as of the current time.
    [['sla', 'report', '.', '--period', '2026-Q4'], '`itsm sla report` of a period that has not ended measures as of the current time: give --now'],
    [['sla', 'report', '.', '--period', '2026-12'], '`itsm sla report` of a period that has not ended measures as of the current time: give --now'],
    [['chargeback', '.'], '`itsm chargeback` without --period or --from charges the current month: give --period'],
  ])('%j: %s', (args, problem) => {
    expect(clockDependence(args, now)).toBe(problem);
  });

  it.each([
    [['sla', 'report', '.', '--period', '2026-10']],
    [['sla', 'report', '.', '--period', '2026-Q3']],
    [['sla', 'report', '.', '--period', '2025']],
    [['sla', 'report', '.', '--from', '2026-10-01', '--to', '2026-11-01']],
    [['sla', 'report', '.', '--period', '2026-Q4', '--now', '2027-01-01']],
    [['chargeback', '.', '--period', '2026-12']],
    [['validate', '.']],
  ])('%j is fixed in time', (args) => {
    expect(clockDependence(args, now)).toBeNull();
  });
});

describe('linesMatch', () => {
  it('ignores trailing spaces and blank lines at the end', () => {
    expect(linesMatch(shown('a  ', 'b', '', ''), ['a', 'b  ', ''])).toBe(true);
  });

  it('lets a line of "…" stand for any number of lines, none included', () => {
    expect(linesMatch(shown('a', '…', 'd'), ['a', 'b', 'c', 'd'])).toBe(true);
    expect(linesMatch(shown('a', '…', 'd'), ['a', 'd'])).toBe(true);
    expect(linesMatch(shown('…'), [])).toBe(true);
    expect(linesMatch(shown('a', '…'), ['x', 'a'])).toBe(false);
  });

  it('lets "…" inside a line stand for any text of that line only', () => {
    expect(linesMatch(shown('  created tickets/….yaml'), ['  created tickets/2026/2026-12.yaml'])).toBe(true);
    expect(linesMatch(shown('"filters": { … },'), ['"filters": {', '},'])).toBe(false);
    // Other characters are literal, not patterns.
    expect(linesMatch(shown('a.c (x)'), ['abc (x)'])).toBe(false);
  });

  it('needs every printed line to be shown or elided', () => {
    expect(linesMatch(shown('a'), ['a', 'b'])).toBe(false);
    expect(linesMatch(shown('a', 'b'), ['a'])).toBe(false);
  });
});

describe('renderDiff', () => {
  it('shows a changed figure as that one line, with file:line and context', () => {
    const example = shown('Report', 'head', '| P1 | 100.0% |', '| P2 | 50.0% |', '| P3 | 88.8% |', '…', 'end');
    const printed = ['Report', 'head', '| P1 | 100.0% |', '| P2 | 66.6% |', '| P3 | 88.8% |', 'x', 'y', 'end'];
    expect(linesMatch(example, printed)).toBe(false);
    expect(renderDiff('README.md', example, printed)).toEqual([
      '              ⋮ 1 line(s) as shown',
      'README.md:11    head',
      'README.md:12    | P1 | 100.0% |',
      'README.md:13  - | P2 | 50.0% |',
      '              + | P2 | 66.6% |',
      'README.md:14    | P3 | 88.8% |',
      'README.md:15    …  (2 line(s) elided)',
      '              ⋮ 1 line(s) as shown',
    ]);
  });

  it('shows lines the example lacks at its end', () => {
    expect(renderDiff('d.md', shown('Net: 2,396.53 USD'), ['Net: 2,396.53 USD', '', 'Total: 2,522.66'])).toEqual([
      'd.md:10    Net: 2,396.53 USD',
      '         + ',
      '         + Total: 2,522.66',
    ]);
  });
});

describe('runBlock', () => {
  it('names the example when its marker names a folder that does not exist', async () => {
    const block = { file: 'doc.md', line: 7, setup: { kind: 'copy' as const, dir: 'test/fixtures/nowhere' }, commands: [] };
    await expect(runBlock(block, { root: REPO_ROOT, binDir: REPO_ROOT, timeoutMs: 60_000 })).rejects.toThrow(
      'doc.md:7: <!-- console: in test/fixtures/nowhere -->: the repository has no folder test/fixtures/nowhere',
    );
  });
});
