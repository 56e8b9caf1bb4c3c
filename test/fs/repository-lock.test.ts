import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inFlightCount } from '../../src/fs/in-flight.js';
import { acquireRepositoryLock, LOCK_FILE, RepositoryLockedError, type LockHolder } from '../../src/fs/repository-lock.js';

const root = mkdtempSync(join(tmpdir(), 'itsm-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(root, `repo-${++n}`);
  mkdirSync(dir);
  return dir;
};
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const NOW = () => new Date('2026-12-06T10:00:00Z');
const holderOf = (over: Partial<LockHolder>): LockHolder => ({ pid: deadPid(), hostname: hostname(), started: '2026-12-01T09:00:00.000Z', command: 'itsm import csv', token: 'old', ...over });

describe('acquireRepositoryLock', () => {
  it('writes who holds it, and release removes it (twice is harmless)', () => {
    const dir = fresh();
    const lock = acquireRepositoryLock(dir, 'itsm import servicenow', NOW);
    const written = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
    expect(written).toEqual({ pid: process.pid, hostname: hostname(), started: '2026-12-06T10:00:00.000Z', command: 'itsm import servicenow', token: lock.holder.token });
    expect(lock.tookOver).toBeUndefined();
    expect(inFlightCount()).toBe(1);
    lock.release();
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
    expect(inFlightCount()).toBe(0);
  });

  it('a running holder keeps it: the second writer gets RepositoryLockedError naming the holder', () => {
    const dir = fresh();
    const first = acquireRepositoryLock(dir, 'itsm import jira', NOW);
    try {
      acquireRepositoryLock(dir, 'itsm import csv', NOW);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RepositoryLockedError);
      expect((error as RepositoryLockedError).holder).toEqual(first.holder);
    } finally {
      first.release();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process that no longer runs on this host, and says whose it was', () => {
    const dir = fresh();
    const stale = holderOf({});
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
    const lock = acquireRepositoryLock(dir, 'itsm import servicenow', NOW);
    expect(lock.tookOver).toEqual(stale);
    expect((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder).pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('respects a lock of another host, whatever its pid, and a file that is not a lock', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holderOf({ hostname: 'elsewhere' })));
    expect(() => acquireRepositoryLock(dir, 'itsm import csv', NOW)).toThrow(RepositoryLockedError);
    writeFileSync(join(dir, LOCK_FILE), 'not json');
    try {
      acquireRepositoryLock(dir, 'itsm import csv', NOW);
      expect.unreachable();
    } catch (error) {
      expect((error as RepositoryLockedError).holder).toBeUndefined();
    }
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('not json');
  });

  it('release never removes a lock that is no longer its own', () => {
    const dir = fresh();
    const lock = acquireRepositoryLock(dir, 'itsm import csv', NOW);
    const someoneElse = JSON.stringify(holderOf({ pid: process.pid, token: 'theirs' }));
    writeFileSync(join(dir, LOCK_FILE), someoneElse);
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(someoneElse);
  });

  it('waits its turn while another writer is taking over a stale lock, and clears the mark of one that died doing so', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holderOf({})));
    // A live writer is breaking the stale lock: this one does not remove it too.
    writeFileSync(join(dir, `${LOCK_FILE}.break`), String(process.ppid));
    expect(() => acquireRepositoryLock(dir, 'itsm import csv', NOW)).toThrow(RepositoryLockedError);
    expect(existsSync(join(dir, `${LOCK_FILE}.break`))).toBe(true);
    // The breaker died: its mark is cleared and the stale lock taken over.
    writeFileSync(join(dir, `${LOCK_FILE}.break`), String(deadPid()));
    const lock = acquireRepositoryLock(dir, 'itsm import csv', NOW);
    expect(lock.tookOver?.token).toBe('old');
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
