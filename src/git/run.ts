import { spawn } from 'node:child_process';
import { UsageError } from '../errors.js';

/** What one run of git printed and how it ended. */
export interface GitResult {
  stdout: Buffer;
  stderr: string;
  /** The exit status; null when git was ended by a signal. */
  status: number | null;
}

export interface GitRun {
  /** The folder git runs in (`git -C`): it finds its repository from there. */
  cwd: string;
  /** Bytes written to git's standard input, then closed. */
  input?: string;
  /** Called with each piece of stdout as it arrives; stdout is then not kept (a large `cat-file --batch`). */
  onStdout?: (chunk: Buffer) => void;
}

/**
 * Runs `git` with an argument array, never through a shell, so a revision or path is never read as shell syntax.
 * The environment is the user's (their git config, credentials helpers, safe.directory), with messages in English so
 * that the few we recognise can be recognised, and no pager or prompt that would wait for a terminal.
 */
export function runGit(args: readonly string[], run: GitRun): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], {
      cwd: run.cwd,
      env: { ...process.env, LC_ALL: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
      stdio: [run.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => (run.onStdout ? run.onStdout(chunk) : stdout.push(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? gitMissing() : error));
    child.on('close', (status) => resolve({ stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8'), status }));
    if (run.input !== undefined && child.stdin) {
      // git may stop reading early (it failed): the broken pipe is then not our error, its status says what happened.
      child.stdin.on('error', () => undefined);
      child.stdin.end(run.input);
    }
  });
}

/** Runs git and returns its stdout as text, or throws a UsageError quoting git's own first line of complaint. */
export async function gitText(args: readonly string[], run: GitRun): Promise<string> {
  const result = await runGit(args, run);
  if (result.status !== 0) throw new UsageError(`git ${args[0] ?? ''} failed: ${firstLine(result.stderr) || `exit status ${result.status ?? 'killed'}`}`);
  return result.stdout.toString('utf8');
}

/** The first line of git's message, without its "fatal: " or "error: " prefix. */
export function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}

/** The git executable could not be started. The command that needed it says what for (gitCheckoutOf, its first call). */
export class GitMissing extends UsageError {}

export const INSTALL_GIT = 'install git, https://git-scm.com/downloads';

function gitMissing(): UsageError {
  return new GitMissing(`git is not installed or not on the PATH (${INSTALL_GIT})`);
}
