import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, REPO_ROOT, runCliAsync } from '../helpers/cli.js';

/**
 * `--out` when the file cannot be written (issue #10): one line naming the path and the cause, exit 2, nothing on
 * stdout, and the file that was there left as it was. The tests run as root in CI, where permissions do not stop a
 * write, so they use what fails for root too: a folder (EISDIR), a path below a file (ENOTDIR), /dev/full (ENOSPC),
 * /sys (EACCES or EROFS, when the machine has it). A disk that fills up during the atomic write of a regular file is
 * simulated with ITSM_TEST_FAIL=write:ENOSPC (src/fs/test-hooks.ts), which fails the write half-way as the system would;
 * every errno's words are unit-tested in test/fs/io-error.test.ts.
 */

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'sla', 'one-breach');
const COMMANDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['sla report', ['sla', 'report', FIXTURE, '--period', '2026-03', '--now', '2026-04-01T00:00:00Z']],
  ['sla status', ['sla', 'status', FIXTURE, '--now', '2026-03-10T14:00:00Z']],
  ['chargeback', ['chargeback', FIXTURE, '--period', '2026-03']],
  ['catalog export', ['catalog', 'export', FIXTURE]],
  ['export tickets', ['export', 'tickets', FIXTURE, '--now', '2026-04-01T00:00:00Z']],
];

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-out-errors-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe.concurrent('--out that cannot be written', { timeout: E2E_TIMEOUT }, () => {
  it.each(COMMANDS)('%s --out naming a folder: exit 2, "it is a folder", with or without --force', async (_name, args) => {
    const dir = tempDir();
    const expected = { status: 2, stdout: '', stderr: `itsm: cannot write ${dir}: it is a folder, not a file\n` };
    expect(await runCliAsync([...args, '--out', dir])).toEqual(expected);
    expect(await runCliAsync([...args, '--out', dir, '--force'])).toEqual(expected);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(COMMANDS)('%s --out below a file: exit 2, naming the file in the way; the file is intact', async (_name, args) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const result = await runCliAsync([...args, '--out', 'notes.txt/report.out'], { cwd: dir });
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'itsm: cannot write notes.txt/report.out: notes.txt is a file, not a folder\n' });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it.each(COMMANDS)('%s: a disk that fills up during the write leaves the old file intact and no temporary file', async (_name, args) => {
    const dir = tempDir();
    const file = join(dir, 'result.out');
    writeFileSync(file, 'the previous result\n');
    const result = await runCliAsync([...args, '--out', file, '--force'], { env: { ITSM_TEST_FAIL: 'write:ENOSPC' } });
    expect(result).toEqual({ status: 2, stdout: '', stderr: `itsm: cannot write ${file}: no space left on the device; free some space and run again\n` });
    expect(readFileSync(file, 'utf8')).toBe('the previous result\n');
    expect(readdirSync(dir)).toEqual(['result.out']);
  });

  it.runIf(existsSync('/dev/full'))('/dev/full is written into (a device is never replaced), and it is full: exit 2, "no space left"', async () => {
    const [report, exportTickets] = await Promise.all([runCliAsync([...COMMANDS[0]![1], '--out', '/dev/full']), runCliAsync([...COMMANDS[4]![1], '--out', '/dev/full'])]);
    const expected = { status: 2, stdout: '', stderr: 'itsm: cannot write /dev/full: no space left on the device; free some space and run again\n' };
    expect(report).toEqual(expected);
    expect(exportTickets).toEqual(expected);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it.runIf(existsSync('/dev/null'))('--out /dev/null needs no --force and leaves the device a device', async () => {
    expect(await runCliAsync([...COMMANDS[0]![1], '--out', '/dev/null'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  // /sys refuses new files even to root: EACCES on most Linux machines, EROFS where it is mounted read-only (Docker).
  const sysCause = probeSys();
  it.runIf(sysCause !== undefined)('a folder that refuses new files even to root (/sys): exit 2 with the cause in words', async () => {
    const result = await runCliAsync([...COMMANDS[0]![1], '--out', '/sys/itsm-report.txt']);
    expect(result).toEqual({ status: 2, stdout: '', stderr: `itsm: cannot write /sys/itsm-report.txt: ${sysCause}\n` });
  });
});

describe.concurrent('--out that can be written', { timeout: E2E_TIMEOUT }, () => {
  it('through a symbolic link: the file it points to is replaced, the link is kept', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports/2026-03.csv'), 'old\n');
    symlinkSync('reports/2026-03.csv', join(dir, 'latest.csv'));
    const expected = await runCliAsync([...COMMANDS[0]![1], '--format', 'csv']);
    const result = await runCliAsync([...COMMANDS[0]![1], '--format', 'csv', '--out', 'latest.csv', '--force'], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(lstatSync(join(dir, 'latest.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'latest.csv'))).toBe('reports/2026-03.csv');
    expect(readFileSync(join(dir, 'reports/2026-03.csv'), 'utf8')).toBe(expected.stdout);
  });

  it('removes the temporary file a killed run left for the same file, and says so', async () => {
    const dir = tempDir();
    const dead = deadPid();
    writeFileSync(join(dir, `.report.csv.${dead}.tmp`), 'half a report');
    writeFileSync(join(dir, `.other.csv.${dead}.tmp`), 'not ours to judge: another target');
    const result = await runCliAsync([...COMMANDS[0]![1], '--format', 'csv', '--out', 'report.csv'], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: '', stderr: `itsm: notice: removed .report.csv.${dead}.tmp, left by an interrupted write (process ${dead} no longer runs)\n` });
    expect(readdirSync(dir).sort()).toEqual([`.other.csv.${dead}.tmp`, 'report.csv']);
  });
});

/** What writing a new file in /sys fails with, in words; undefined where it does not fail that way (not Linux). */
function probeSys(): string | undefined {
  try {
    writeFileSync('/sys/.itsm-probe', '', { flag: 'wx' });
    rmSync('/sys/.itsm-probe', { force: true });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') return 'permission denied; check the permissions of the file and of its folder';
    if (code === 'EROFS') return 'the file system is read-only; write somewhere else';
    return undefined;
  }
}
