import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of this repository (where package.json and bin/ are). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const BIN = join(REPO_ROOT, 'bin', 'itsm.js');
const BUILT_MAIN = join(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  /** The exit status; null only if the process was killed by a signal. */
  status: number | null;
}

export interface RunCliOptions {
  /** Working directory of the process; default the repository root. */
  cwd?: string;
  /** Environment variables on top of this process's; NO_COLOR=1 unless given here, and FORCE_COLOR only if given here. */
  env?: Record<string, string>;
  /** Milliseconds before the process is killed; default 30 s. */
  timeout?: number;
}

/**
 * Runs the BUILT command line (`node bin/itsm.js …`), as a user would, and returns what it printed and its exit status.
 * The tests do not build: `npm test` builds before vitest runs; a missing dist/ fails here with a message saying so.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): CliResult {
  assertBuilt();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: environment(options),
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Fails with a message that says what to do when the CLI has not been built. */
export function assertBuilt(): void {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: the end-to-end tests run the built CLI. Run \`npm run build\` first (npm test does).`);
  }
}

/**
 * The same as runCli, without blocking: each run costs about half a second of module loading, so suites that run the CLI
 * many times start the runs together and await them.
 */
export function runCliAsync(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  assertBuilt();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: environment(options),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout ?? 30_000,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolvePromise({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), status });
    });
  });
}

function environment(options: RunCliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return { ...env, ...options.env };
}

/**
 * Time limit for a test that starts the CLI: a run takes about half a second alone, but several at once on a busy
 * two-core machine take several seconds each.
 */
export const E2E_TIMEOUT = 60_000;

/** A run of the CLI that the test steers: it can wait for a line on stderr, write to stdin and send signals. */
export interface StartedCli {
  child: ChildProcess;
  /**
   * Resolves when stderr so far contains `text`; rejects when the process ends without printing it (so a test of a
   * pause point fails at once, with what the process printed, on a build that has no such point).
   */
  stderrIncludes(text: string): Promise<void>;
  /** Resolves when the process has ended; `signal` is set when a signal ended it. */
  result: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** Starts the built CLI with stdin, stdout and stderr as pipes (see runCliAsync). */
export function startCli(args: readonly string[], options: RunCliOptions = {}): StartedCli {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: environment(options),
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeout ?? 30_000,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const waiting: Array<{ text: string; resolve: () => void; reject: (error: Error) => void }> = [];
  const stderrText = () => Buffer.concat(stderr).toString('utf8');
  const check = (ended: boolean) => {
    for (const w of [...waiting]) {
      if (stderrText().includes(w.text)) w.resolve();
      else if (ended) w.reject(new Error(`the process ended without printing "${w.text}"; stderr: ${stderrText()}; stdout: ${Buffer.concat(stdout).toString('utf8')}`));
      else continue;
      waiting.splice(waiting.indexOf(w), 1);
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    check(false);
  });
  const result = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      check(true);
      resolvePromise({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderrText(), status, signal });
    });
  });
  let ended = false;
  void result.then(() => (ended = true));
  return {
    child,
    stderrIncludes: (text) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ text, resolve, reject });
        check(ended);
      }),
    result,
  };
}
