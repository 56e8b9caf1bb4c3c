import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync, startCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

/**
 * Two writers at once, interrupted writers and what they leave behind, a disk that fills up (issue #10). Every race is made deterministic
 * by ITSM_TEST_PAUSE (src/fs/test-hooks.ts): the first import stops at a named point and waits for a line on stdin,
 * the test does what the other writer would do, then lets it go on. No sleeps, no timing.
 */

const FIXTURES = join(REPO_ROOT, 'test/fixtures/import/servicenow');
const HEADER = 'number,incident_state,priority,opened_at,sys_updated_at,resolved_at,closed_at,category,short_description,made_sla';

/** A one-row-per-incident ServiceNow export of tickets opened in October 2016 (all in tickets/2016/2016-10.yaml). */
function plainExport(ids: readonly string[], priority = '3 - Moderate'): string {
  const rows = ids.map((id, i) => `${id},Closed,${priority},${3 + i}/10/2016 09:15,8/10/2016 10:00,${3 + i}/10/2016 15:40,8/10/2016 10:00,Category 55,Printer ${id},true`);
  return [HEADER, ...rows, ''].join('\n');
}
const A = ['INC0200001', 'INC0200002', 'INC0200003'];
const B = ['INC0300001', 'INC0300002'];
const SHARD = 'repo/tickets/2016/2016-10.yaml';
const LOCK = 'repo/.itsm-lock';

const scratches = scratchFolders('itsm-writers-e2e-');
/** A copy of the fixture repository (`repo/`) with the exports a.csv (tickets A) and b.csv (tickets B). */
function scratch(): string {
  const dir = scratches.empty();
  cpSync(join(FIXTURES, 'repo'), join(dir, 'repo'), { recursive: true });
  writeFileSync(join(dir, 'a.csv'), plainExport(A));
  writeFileSync(join(dir, 'b.csv'), plainExport(B));
  // The same tickets as a.csv at another priority (a corrected mapping, say): an update of every ticket of the shard.
  writeFileSync(join(dir, 'a-updated.csv'), plainExport(A, '2 - High'));
  return dir;
}

const importArgs = (file: string) => ['import', 'servicenow', file, '--repo', 'repo'];
const run = (dir: string, file: string) => runCliAsync(importArgs(file), { cwd: dir });
const start = (dir: string, file: string, pause: string) => startCli(importArgs(file), { cwd: dir, env: { ITSM_TEST_PAUSE: pause } });
const pausedAt = (point: string) => `itsm-test: paused at ${point}\n`;
/** stderr without the test hook's own line. */
const withoutPause = (stderr: string) => stderr.replace(/^itsm-test: paused at .*\n/m, '');

/** The ticket ids in a shard file. */
function idsIn(dir: string, file = SHARD): string[] {
  return [...readFileSync(join(dir, file), 'utf8').matchAll(/^ {2}id: (\S+)$/gm)].map((m) => m[1]!);
}

/** Every hidden temporary file below the repository (`.<name>.<pid>.tmp`). */
function tempFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else if (/^\..+\.\d+\.tmp$/.test(e.name)) found.push(`${rel}/${e.name}`);
    }
  };
  walk('repo');
  return found;
}

/** The pid of a process that has ended: a pid that no process of this host has. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe.concurrent('two writers at once', { timeout: E2E_TIMEOUT }, () => {
  it('a second import while the first holds the lock stops with exit 2, naming the holder; no ticket is lost', async () => {
    const dir = scratch();
    const first = start(dir, 'a.csv', 'import-before-write');
    await first.stderrIncludes(pausedAt('import-before-write'));
    const lock = JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as Record<string, unknown>;
    expect(lock).toMatchObject({ pid: first.child.pid, hostname: hostname(), command: 'itsm import servicenow' });

    const second = await run(dir, 'b.csv');
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(
      `itsm: repo is locked by \`itsm import servicenow\` (pid ${first.child.pid} on ${hostname()}, since ${String(lock.started)}), which is writing into it; ` +
        'nothing was written. Run again when it has finished; if that process no longer runs, delete repo/.itsm-lock\n',
    );
    expect(second.status).toBe(2);
    // A dry run writes nothing, so it needs no lock.
    const dry = await runCliAsync([...importArgs('b.csv'), '--dry-run'], { cwd: dir });
    expect(dry.status).toBe(0);

    first.child.stdin!.end();
    const done = await first.result;
    expect([done.status, done.stdout.split('\n')[1]]).toEqual([0, 'Tickets: 3 new, 0 updated, 0 unchanged']);
    expect(idsIn(dir)).toEqual(A);
    expect(existsSync(join(dir, LOCK))).toBe(false);

    const again = await run(dir, 'b.csv');
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(idsIn(dir)).toEqual([...A, ...B]);
    const validate = await runCliAsync(['validate', 'repo'], { cwd: dir });
    expect(validate.status).toBe(0);
  });

  it('a shard written by a program that ignores the lock, between the read and the write, is not overwritten (exit 2)', async () => {
    const dir = scratch();
    expect((await run(dir, 'a.csv')).status).toBe(0);
    const importer = start(dir, 'a-updated.csv', 'import-before-write');
    await importer.stderrIncludes(pausedAt('import-before-write'));
    // Another writer (an editor, a `git checkout`, an older itsm) rewrites the file the import is about to update.
    const theirs = `${readFileSync(join(dir, SHARD), 'utf8')}# a note added meanwhile\n`;
    writeFileSync(join(dir, SHARD), theirs);
    importer.child.stdin!.end();
    const result = await importer.result;
    expect(result.stdout).toBe('');
    expect(withoutPause(result.stderr)).toBe(
      'itsm: repo/tickets/2016/2016-10.yaml was changed by another program while the import ran, so it was not overwritten and no ticket of it was lost; ' +
        'nothing was written; run the import again\n',
    );
    expect(result.status).toBe(2);
    expect(readFileSync(join(dir, SHARD), 'utf8')).toBe(theirs);
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('a shard created by another program between the read and the write is not overwritten (exit 2)', async () => {
    const dir = scratch();
    const importer = start(dir, 'a.csv', 'import-before-write');
    await importer.stderrIncludes(pausedAt('import-before-write'));
    mkdirSync(join(dir, 'repo/tickets/2016'), { recursive: true });
    writeFileSync(join(dir, SHARD), '# written by hand meanwhile\n');
    importer.child.stdin!.end();
    const result = await importer.result;
    expect(withoutPause(result.stderr)).toBe(
      'itsm: repo/tickets/2016/2016-10.yaml was created by another program while the import ran, so it was not overwritten and no ticket of it was lost; ' +
        'nothing was written; run the import again\n',
    );
    expect(result.status).toBe(2);
    expect(readFileSync(join(dir, SHARD), 'utf8')).toBe('# written by hand meanwhile\n');
  });

  it('a lock held by a process on another host is respected: its pid means nothing here', async () => {
    const dir = scratch();
    const holder = { pid: 4242, hostname: 'build-agent-7', started: '2026-12-01T09:00:00.000Z', command: 'itsm import jira', token: 't' };
    writeFileSync(join(dir, LOCK), JSON.stringify(holder));
    const result = await run(dir, 'a.csv');
    expect(result.stderr).toBe(
      'itsm: repo is locked by `itsm import jira` (pid 4242 on build-agent-7, since 2026-12-01T09:00:00.000Z), which is writing into it; ' +
        'nothing was written. Run again when it has finished; if that process no longer runs, delete repo/.itsm-lock\n',
    );
    expect(result.status).toBe(2);
    expect(existsSync(join(dir, 'repo/tickets'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, LOCK), 'utf8'))).toEqual(holder);
  });

  it('a lock that cannot be read (a folder in its place) is an I/O error: exit 2, one line', async () => {
    const dir = scratch();
    mkdirSync(join(dir, LOCK));
    const result = await run(dir, 'a.csv');
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'itsm: cannot read the lock file repo/.itsm-lock: it is a folder, not a file (nothing was written)\n' });
    expect(existsSync(join(dir, 'repo/tickets'))).toBe(false);
  });

  it('a lock file that itsm did not write is not taken over', async () => {
    const dir = scratch();
    writeFileSync(join(dir, LOCK), 'locked by the backup script\n');
    const result = await run(dir, 'a.csv');
    expect(result.stderr).toBe(
      'itsm: repo/.itsm-lock exists but is not a lock that itsm wrote; nothing was written. If no itsm command is writing into repo, delete repo/.itsm-lock and run again\n',
    );
    expect(result.status).toBe(2);
  });
});

describe.concurrent('interrupted writers', { timeout: E2E_TIMEOUT }, () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s while a temporary file is written: it and the lock are removed, the shard is intact, the shell sees %i', async (signal, _shellStatus) => {
    const dir = scratch();
    expect((await run(dir, 'a.csv')).status).toBe(0);
    const before = readFileSync(join(dir, SHARD), 'utf8');
    const importer = start(dir, 'a-updated.csv', 'import-temp-written');
    await importer.stderrIncludes(pausedAt('import-temp-written'));
    expect(tempFiles(dir)).toEqual([`repo/tickets/2016/.2016-10.yaml.${importer.child.pid}.tmp`]);
    expect(existsSync(join(dir, LOCK))).toBe(true);

    importer.child.kill(signal);
    const result = await importer.result;
    // Ended by the signal itself (re-raised after the clean-up), which a shell reports as 128 + its number.
    expect([result.status, result.signal, result.stdout]).toEqual([null, signal, '']);
    expect(tempFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, LOCK))).toBe(false);
    expect(readFileSync(join(dir, SHARD), 'utf8')).toBe(before);
  });

  it('after a SIGKILL, the next import takes over the stale lock and removes the temporary file, saying so', async () => {
    const dir = scratch();
    expect((await run(dir, 'a.csv')).status).toBe(0);
    const before = readFileSync(join(dir, SHARD), 'utf8');
    const killed = start(dir, 'a-updated.csv', 'import-temp-written');
    await killed.stderrIncludes(pausedAt('import-temp-written'));
    const pid = killed.child.pid!;
    const started = (JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { started: string }).started;
    killed.child.kill('SIGKILL');
    expect((await killed.result).signal).toBe('SIGKILL');
    // Nothing can clean up after SIGKILL: the lock and the temporary file stay, the shard is intact.
    expect(tempFiles(dir)).toEqual([`repo/tickets/2016/.2016-10.yaml.${pid}.tmp`]);
    expect(existsSync(join(dir, LOCK))).toBe(true);
    expect(readFileSync(join(dir, SHARD), 'utf8')).toBe(before);

    const next = await run(dir, 'a-updated.csv');
    expect(next.stderr).toBe(
      [
        `itsm: notice: took over the lock repo/.itsm-lock of \`itsm import servicenow\` (pid ${pid}, since ${started}), which no longer runs`,
        `itsm: notice: removed repo/tickets/2016/.2016-10.yaml.${pid}.tmp, left by an interrupted write (process ${pid} no longer runs)`,
        '',
      ].join('\n'),
    );
    expect([next.status, next.stdout.split('\n')[1]]).toEqual([0, 'Tickets: 0 new, 3 updated, 0 unchanged']);
    expect(tempFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('removes the temporary files of dead processes at the next import, and leaves those of running ones', async () => {
    const dir = scratch();
    const dead = deadPid();
    mkdirSync(join(dir, 'repo/tickets/2016'), { recursive: true });
    writeFileSync(join(dir, `repo/tickets/2016/.2016-03.yaml.${dead}.tmp`), 'half a file');
    // This test's own process runs: its file may be a write in progress.
    writeFileSync(join(dir, `repo/tickets/2016/.2016-04.yaml.${process.pid}.tmp`), 'in progress');
    // Not a temporary file of itsm's: kept whatever its name.
    writeFileSync(join(dir, `repo/tickets/2016/.notes.${dead}.txt`), 'mine');
    const result = await run(dir, 'a.csv');
    expect(result.stderr).toBe(`itsm: notice: removed repo/tickets/2016/.2016-03.yaml.${dead}.tmp, left by an interrupted write (process ${dead} no longer runs)\n`);
    expect(result.status).toBe(0);
    expect(tempFiles(dir)).toEqual([`repo/tickets/2016/.2016-04.yaml.${process.pid}.tmp`]);
    expect(existsSync(join(dir, `repo/tickets/2016/.notes.${dead}.txt`))).toBe(true);
  });

  it('a disk that fills up during the import: exit 2 naming the file, which is left as it was; the lock is released', async () => {
    const dir = scratch();
    expect((await run(dir, 'a.csv')).status).toBe(0);
    const before = readFileSync(join(dir, SHARD), 'utf8');
    const result = await runCliAsync(importArgs('a-updated.csv'), { cwd: dir, env: { ITSM_TEST_FAIL: 'write:ENOSPC' } });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'itsm: cannot write repo/tickets/2016/2016-10.yaml: no space left on the device; free some space and run again (the file was left as it was; nothing was written)\n',
    });
    expect(readFileSync(join(dir, SHARD), 'utf8')).toBe(before);
    expect(tempFiles(dir)).toEqual([]);
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });
});
