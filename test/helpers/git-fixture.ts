import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The people who commit in the fixtures, so that tests can pin who changed what. */
export const AUTHORS = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.org' },
  grace: { name: 'Grace Hopper', email: 'grace@example.org' },
} as const;
export type Author = keyof typeof AUTHORS;

/**
 * A real git repository in a folder, driven through the git executable with argument arrays. Commits are made by a
 * named author at a fixed date (so hashes do not depend on the day the tests run), without reading the user's git
 * configuration (no signing, no hooks, no templates).
 */
export class GitFixture {
  private tick = 0;

  constructor(readonly dir: string) {}

  /** `git init` in `dir` (created if needed), on branch main. */
  static init(dir: string): GitFixture {
    mkdirSync(dir, { recursive: true });
    const fixture = new GitFixture(dir);
    fixture.git('init', '--quiet', '--initial-branch=main');
    return fixture;
  }

  /** Runs git in the fixture; returns stdout, trimmed. */
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: gitEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** Writes files (relative path → text); a null content deletes the file. */
  write(files: Readonly<Record<string, string | null>>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    return this;
  }

  /** Copies a folder (e.g. examples/acme) to `into` inside the fixture. */
  copy(from: string, into = '.'): this {
    cpSync(from, join(this.dir, into), { recursive: true });
    return this;
  }

  /** Stages everything and commits as `author`; returns the commit's hash. */
  commit(author: Author, subject: string): string {
    this.git('add', '--all');
    this.tick++;
    const date = `2026-11-${String(this.tick).padStart(2, '0')}T10:00:00Z`;
    const { name, email } = AUTHORS[author];
    execFileSync('git', ['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '--quiet', '--no-verify', '--allow-empty', '-m', subject], {
      cwd: this.dir,
      env: { ...gitEnvironment(), ...as(name, email), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'ignore',
    });
    return this.git('rev-parse', 'HEAD');
  }

  /** A merge commit of `branch` into the current branch, as a pull request merges it. */
  merge(author: Author, branch: string, subject: string): string {
    this.tick++;
    const date = `2026-11-${String(this.tick).padStart(2, '0')}T10:00:00Z`;
    const { name, email } = AUTHORS[author];
    execFileSync('git', ['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'merge', '--quiet', '--no-ff', '--no-edit', '-m', subject, branch], {
      cwd: this.dir,
      env: { ...gitEnvironment(), ...as(name, email), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'ignore',
    });
    return this.git('rev-parse', 'HEAD');
  }

  /** `git clone --depth 1 file://…` of this fixture into `dir`, as a CI checkout without history. */
  shallowClone(dir: string, branch = 'main'): GitFixture {
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', branch, `file://${this.dir}`, dir], { env: gitEnvironment(), stdio: 'ignore' });
    return new GitFixture(dir);
  }
}

/** The identity variables win over `-c user.name`: they must name the author too. */
function as(name: string, email: string): NodeJS.ProcessEnv {
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
}

/** git without the user's or the system's configuration, so that a test runs the same on every machine. */
function gitEnvironment(): NodeJS.ProcessEnv {
  // An identity for the commands that record one besides `commit` (an annotated tag), which passes its own.
  const identity = { GIT_AUTHOR_NAME: 'Fixture', GIT_AUTHOR_EMAIL: 'fixture@example.org', GIT_COMMITTER_NAME: 'Fixture', GIT_COMMITTER_EMAIL: 'fixture@example.org' };
  return { ...process.env, ...identity, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
}
