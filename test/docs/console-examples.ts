import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShownLine } from './output-diff.js';

/**
 * The console examples of the documentation, as something a test can run: every ```console block of README.md,
 * docs/*.md and examples/**\/README.md is a series of commands, each followed by the lines it prints. The grammar is
 * in test/docs/README.md; it is small and strict, so that an example the harness cannot run fails instead of being
 * passed over.
 */

/** Where a block runs. */
export type BlockSetup =
  /** A temporary folder whose entries link to the repository root's: paths read as from the root, and new files land in the temporary folder. */
  | { kind: 'repository' }
  /** A temporary copy of this folder of the repository (`<!-- console: in DIR -->`). */
  | { kind: 'copy'; dir: string }
  /** Not run (`<!-- console: skip REASON -->`). */
  | { kind: 'skip'; reason: string };

export interface ConsoleCommand {
  /** The command as the shell gets it (continuation lines included), without the leading `$ `. */
  text: string;
  /** The line of the `$` in the Markdown file. */
  line: number;
  /** The exit status the example expects: 0, or N when the command line ends with `# exit N`. */
  exitStatus: number;
  /** The lines the example shows under the command, up to the next command or the end of the block. */
  shown: ShownLine[];
}

export interface ConsoleBlock {
  /** Repository-relative path of the Markdown file. */
  file: string;
  /** The line of the opening fence. */
  line: number;
  setup: BlockSetup;
  commands: ConsoleCommand[];
}

/** Something in a Markdown file that the harness refuses, with where it is. */
export interface DocProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedDoc {
  blocks: ConsoleBlock[];
  problems: DocProblem[];
}

/** The Markdown files whose console examples are checked, repository-relative and sorted. */
export function documentationFiles(root: string): string[] {
  const files = ['README.md'];
  const docs = join(root, 'docs');
  if (existsSync(docs)) files.push(...readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      else if (entry.isFile() && entry.name === 'README.md') files.push(path);
    }
  };
  if (existsSync(join(root, 'examples'))) walk('examples');
  return files.sort();
}

const FENCE = /^(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER = /^<!--\s*console:(.*?)-->\s*$/;
const EXIT_COMMENT = /(?:^|\s)#\s*exit\s+(\d+)\s*$/;

function parseMarker(body: string): BlockSetup | string {
  const text = body.trim();
  const skip = /^skip\s+(\S.*)$/.exec(text);
  if (skip) return { kind: 'skip', reason: skip[1]!.trim() };
  const inDir = /^in\s+(\S+)$/.exec(text);
  if (inDir) {
    const dir = inDir[1]!.replace(/\/$/, '');
    if (dir.startsWith('/') || dir.split('/').includes('..')) return `"in ${dir}": the folder must be inside the repository, written relative to its root`;
    return { kind: 'copy', dir };
  }
  return `unknown marker "<!-- console:${body}-->"; write "<!-- console: skip REASON -->" or "<!-- console: in DIR -->"`;
}

/** Splits a Markdown file into its console blocks, and lists what the harness cannot accept. */
export function parseConsoleBlocks(file: string, markdown: string): ParsedDoc {
  const lines = markdown.split('\n');
  const blocks: ConsoleBlock[] = [];
  const problems: DocProblem[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  // The marker waiting for the block it stands before: it must be the last non-blank line before the fence.
  let pending: { line: number; setup: BlockSetup | string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const fence = FENCE.exec(text);
    if (fence === null) {
      const marker = MARKER.exec(text.trim());
      if (marker) {
        if (pending) problem(pending.line, 'a console marker must stand directly before a ```console block');
        pending = { line: i + 1, setup: parseMarker(marker[1]!) };
      } else if (text.trim() !== '' && pending) {
        problem(pending.line, 'a console marker must stand directly before a ```console block');
        pending = undefined;
      }
      continue;
    }
    // A fenced block: find its end (the same fence character, at least as long).
    const [, opener, language] = fence;
    const close = new RegExp(`^${opener![0] === '`' ? '`' : '~'}{${opener!.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    if (end === lines.length) problem(i + 1, 'this fenced block is never closed');
    const body = lines.slice(i + 1, end).map((t, k) => ({ text: t, line: i + 2 + k }));
    const marker = pending;
    pending = undefined;
    if (language === 'console') {
      const setup = marker?.setup ?? { kind: 'repository' as const };
      if (typeof setup === 'string') problem(marker!.line, setup);
      else blocks.push(parseBlock(file, i + 1, setup, body, problem));
    } else {
      if (marker) problem(marker.line, 'a console marker must stand directly before a ```console block');
      const prompt = body.find((l) => l.text.startsWith('$ '));
      if (prompt) problem(prompt.line, `a command with a "$ " prompt in a \`\`\`${language || '(plain)'} block is not checked; write the block as \`\`\`console`);
    }
    i = end;
  }
  if (pending) problem(pending.line, 'a console marker must stand directly before a ```console block');
  return { blocks, problems };
}

function parseBlock(file: string, line: number, setup: BlockSetup, body: readonly ShownLine[], problem: (line: number, message: string) => void): ConsoleBlock {
  const commands: ConsoleCommand[] = [];
  for (let k = 0; k < body.length; k++) {
    const { text, line: at } = body[k]!;
    if (text.startsWith('$ ')) {
      let command = text.slice(2);
      // A line ending in a backslash continues on the next line, as in the shell.
      while (/(^|[^\\])\\$/.test(command) && k + 1 < body.length) command += `\n${body[++k]!.text}`;
      const exit = EXIT_COMMENT.exec(command);
      commands.push({ text: command, line: at, exitStatus: exit ? Number(exit[1]) : 0, shown: [] });
    } else if (commands.length === 0) {
      if (text.trim() !== '') problem(at, 'output before the first command: each command line starts with "$ "');
    } else {
      commands.at(-1)!.shown.push({ text, line: at });
    }
  }
  if (commands.length === 0 && setup.kind !== 'skip') problem(line, 'a ```console block without a "$ " command');
  return { file, line, setup, commands };
}

type Token = { word: string } | { op: string };

/** The programs an example may run: itsm, and what a reader uses to look at its output or files. */
export const PROGRAMS = ['itsm', 'cd', 'cat', 'grep', 'head', 'tail', 'wc', 'ls', 'sort'] as const;
const OPERATORS = ['|', '&&', '>', '>>', '<', '2>', '2>>', '2>&1'] as const;

/**
 * Splits a command into words and operators, like the shell, and refuses what the harness does not run: variables,
 * command substitution, `;`, `||`, background jobs, here-documents and subshells.
 */
export function tokenize(command: string): Token[] | string {
  const tokens: Token[] = [];
  const src = command.replace(/\\\n/g, ' ');
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') break; // a comment runs to the end of the command
    const op = /^(2>&1|2>>|2>|&&|\|\||>>|<<|[|&;<>()])/.exec(src.slice(i));
    if (op) {
      const text = op[1]!;
      if (!(OPERATORS as readonly string[]).includes(text)) return `"${text}" is not supported`;
      tokens.push({ op: text });
      i += text.length;
      continue;
    }
    let word = '';
    while (i < src.length && !/[\s|&;<>()]/.test(src[i]!)) {
      const ch = src[i]!;
      if (ch === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) return 'an unclosed single quote';
        word += src.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '$' || src[i] === '`') return 'variables and command substitution are not supported';
          if (src[i] === '\\' && i + 1 < src.length) i++;
          word += src[i++];
        }
        if (i >= src.length) return 'an unclosed double quote';
        i++;
      } else if (ch === '$' || ch === '`') {
        return 'variables and command substitution are not supported';
      } else if (ch === '\\' && i + 1 < src.length) {
        word += src[i + 1];
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    tokens.push({ word });
  }
  return tokens;
}

/** The simple commands of a pipeline or `&&` list: their words, without assignments and redirections. */
function simpleCommands(tokens: readonly Token[]): string[][] | string {
  const commands: string[][] = [[]];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if ('op' in token) {
      if (token.op === '|' || token.op === '&&') {
        if (commands.at(-1)!.length === 0) return `"${token.op}" without a command before it`;
        commands.push([]);
      } else if (token.op !== '2>&1') {
        const target = tokens[k + 1];
        if (target === undefined || !('word' in target)) return `"${token.op}" without a file after it`;
        k++;
      }
      continue;
    }
    const current = commands.at(-1)!;
    if (current.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(token.word)) continue; // VAR=value prefix
    current.push(token.word);
  }
  if (commands.at(-1)!.length === 0) return 'a command is missing';
  return commands;
}

function optionValue(args: readonly string[], name: string): string | undefined {
  for (let k = 0; k < args.length; k++) {
    if (args[k] === name) return args[k + 1];
    if (args[k]!.startsWith(`${name}=`)) return args[k]!.slice(name.length + 1);
  }
  return undefined;
}

/** The instant a `--period` or `--to` value ends, with a day's margin for the organisation's time zone; undefined when unreadable. */
function periodEnd(args: readonly string[]): number | undefined {
  const to = optionValue(args, '--to');
  if (to !== undefined) {
    const ms = Date.parse(to);
    return Number.isNaN(ms) ? undefined : ms + 86_400_000;
  }
  const period = optionValue(args, '--period');
  if (period === undefined) return undefined;
  let m = /^(\d{4})$/.exec(period);
  if (m) return Date.UTC(Number(m[1]) + 1, 0, 2);
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) * 3, 2);
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]), 2);
  return undefined;
}

/**
 * Why an itsm command's output would depend on when it runs, or null. Commands that measure clocks need `--now`;
 * `sla report` may instead name a period that has ended (its clocks are then measured at the period's end), and
 * `chargeback` needs a period (its default is the current month).
 */
export function clockDependence(args: readonly string[], now: number): string | null {
  const command = args.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
  const has = (name: string) => optionValue(args, name) !== undefined;
  if (command === 'sla status' || command === 'sla explain' || command === 'export tickets') {
    return has('--now') ? null : `\`itsm ${command}\` measures as of the current time: give --now`;
  }
  if (command === 'sla report' && !has('--now')) {
    const end = periodEnd(args);
    if (end === undefined) return '`itsm sla report` without --period, --to or --now reports the current month: give --now';
    if (end > now) return '`itsm sla report` of a period that has not ended measures as of the current time: give --now';
  }
  if (command.startsWith('chargeback') && !has('--period') && !has('--from')) {
    return '`itsm chargeback` without --period or --from charges the current month: give --period';
  }
  return null;
}

/** Why the harness cannot run this command as the example means it, or null. */
export function commandProblem(command: string, now: number): string | null {
  const tokens = tokenize(command);
  if (typeof tokens === 'string') return tokens;
  const commands = simpleCommands(tokens);
  if (typeof commands === 'string') return commands;
  for (const [program, ...args] of commands) {
    if (!(PROGRAMS as readonly string[]).includes(program!)) {
      return `\`${program}\` is not a program the harness runs (it runs ${PROGRAMS.join(', ')})`;
    }
    if (program === 'itsm') {
      const clock = clockDependence(args, now);
      if (clock) return clock;
    }
  }
  return null;
}

export interface CommandResult {
  /** What the command printed on stdout and stderr, in the order it printed it, as a terminal shows it. */
  output: string;
  status: number;
}

export interface RunBlockOptions {
  root: string;
  /** A folder holding the `itsm` executable the commands find on their PATH. */
  binDir: string;
  timeoutMs: number;
}

/** A folder with an `itsm` that runs this repository's built CLI; remove it when done. */
export function createItsmShim(root: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-docs-bin-'));
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(join(dir, 'itsm'), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(join(root, 'bin', 'itsm.js'))} "$@"\n`);
  chmodSync(join(dir, 'itsm'), 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function createSandbox(root: string, setup: BlockSetup): string {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-docs-'));
  if (setup.kind === 'copy') {
    if (!existsSync(join(root, setup.dir))) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`<!-- console: in ${setup.dir} -->: the repository has no folder ${setup.dir}`);
    }
    cpSync(join(root, setup.dir), dir, { recursive: true });
  } else {
    for (const entry of readdirSync(root)) {
      if (entry !== '.git') symlinkSync(join(root, entry), join(dir, entry));
    }
  }
  return dir;
}

/** Separates the commands' output: a byte no command prints, then the exit status. */
const SEPARATOR = '\u001e';

/**
 * Runs a block's commands, in order, in one shell in a fresh temporary folder (so `cd` carries over, as in a terminal),
 * with stderr merged into stdout as a terminal shows them, NO_COLOR=1, and `itsm` on the PATH.
 */
export function runBlock(block: ConsoleBlock, options: RunBlockOptions): Promise<CommandResult[]> {
  let sandbox: string;
  try {
    sandbox = createSandbox(options.root, block.setup);
  } catch (error) {
    return Promise.reject(new Error(`${block.file}:${block.line}: ${(error as Error).message}`));
  }
  const script = ['exec 2>&1 </dev/null', ...block.commands.flatMap((c) => [c.text, `printf '${SEPARATOR}%d${SEPARATOR}\\n' "$?"`])].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LC_ALL: 'C', PATH: `${options.binDir}:${process.env.PATH ?? ''}` };
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], { cwd: sandbox, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      rmSync(sandbox, { recursive: true, force: true });
      const text = Buffer.concat(out).toString('utf8');
      const parts = text.split(new RegExp(`${SEPARATOR}(\\d+)${SEPARATOR}\\n`));
      const results: CommandResult[] = [];
      for (let k = 0; k + 1 < parts.length; k += 2) results.push({ output: parts[k]!, status: Number(parts[k + 1]) });
      if (results.length !== block.commands.length) {
        reject(new Error(`${block.file}:${block.line}: the block's shell ended early (status ${status}, signal ${signal}) after ${results.length} of ${block.commands.length} command(s):\n${text}`));
        return;
      }
      resolve(results);
    });
  });
}

/** The example's own command line, for messages: one line, without the continuation backslashes. */
export function commandLabel(command: ConsoleCommand): string {
  return command.text.replace(/\s*\\\n\s*/g, ' ');
}
