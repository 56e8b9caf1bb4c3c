import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { causeInWords, IoError, ioErrorFrom, toIoError } from '../../src/fs/io-error.js';

/**
 * The errno codes a user can cause, in words. Most cannot be produced for real when the tests run as root (a
 * permission, a read-only or full file system), so they are injected here as the errors Node throws; the end-to-end
 * tests (test/e2e/out-errors.test.ts, import-writers.test.ts) produce the ones root can meet for real.
 */

function errno(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${syscall}${path ? ` '${path}'` : ''}`);
  error.code = code;
  error.syscall = syscall;
  if (path !== undefined) error.path = path;
  return error;
}

const dir = mkdtempSync(join(tmpdir(), 'itsm-io-error-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toIoError', () => {
  it.each([
    ['ENOSPC', 'cannot write out/report.csv: no space left on the device; free some space and run again'],
    ['EDQUOT', 'cannot write out/report.csv: the disk quota is exceeded; free some space and run again'],
    ['EACCES', 'cannot write out/report.csv: permission denied; check the permissions of the file and of its folder'],
    ['EPERM', 'cannot write out/report.csv: the operation is not permitted; check the permissions of the file and of its folder'],
    ['EROFS', 'cannot write out/report.csv: the file system is read-only; write somewhere else'],
    ['EISDIR', 'cannot write out/report.csv: it is a folder, not a file'],
    ['ENOENT', 'cannot write out/report.csv: no such file or folder'],
    ['EEXIST', 'cannot write out/report.csv: it already exists'],
    ['EMFILE', 'cannot write out/report.csv: too many files are open; close some programs and run again'],
    ['EIO', 'cannot write out/report.csv: an input/output error (the disk or the network file system failed)'],
    ['ENAMETOOLONG', 'cannot write out/report.csv: the name is too long for the file system'],
  ])('%s: one line naming the path and the cause', (code, message) => {
    const wrapped = toIoError(errno(code, 'write'), 'write', 'out/report.csv');
    expect(wrapped).toBeInstanceOf(IoError);
    expect((wrapped as IoError).message).toBe(message);
    expect((wrapped as IoError).code).toBe(code);
  });

  it('ENOTDIR names the file that stands where a folder should be', () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const path = join(dir, 'notes.txt', 'deeper', 'report.csv');
    const wrapped = toIoError(errno('ENOTDIR', 'mkdir', join(dir, 'notes.txt', 'deeper')), 'write', path) as IoError;
    expect(wrapped.message).toBe(`cannot write ${path}: ${join(dir, 'notes.txt')} is a file, not a folder`);
    expect(wrapped.restated((p) => p.slice(dir.length + 1), 'nothing was written').message).toBe(
      'cannot write notes.txt/deeper/report.csv: notes.txt is a file, not a folder (nothing was written)',
    );
  });

  it('leaves anything that is not a known errno as it was: that is a bug, and shows as one', () => {
    const bug = new TypeError('x is undefined');
    expect(toIoError(bug, 'write', 'a')).toBe(bug);
    const odd = errno('ESOMETHING', 'write');
    expect(toIoError(odd, 'write', 'a')).toBe(odd);
    expect(causeInWords('ESOMETHING')).toBe('the system reported ESOMETHING');
  });
});

describe('ioErrorFrom: an errno error that escaped unwrapped', () => {
  it('becomes an IoError when it says which path, with the verb of its system call', () => {
    expect(ioErrorFrom(errno('EACCES', 'open', 'export.csv'))?.message).toBe('cannot open export.csv: permission denied; check the permissions of the file and of its folder');
    expect(ioErrorFrom(errno('EISDIR', 'read', 'mapping'))?.message).toBe('cannot read mapping: it is a folder, not a file');
    expect(ioErrorFrom(errno('EROFS', 'rename', 'a.yaml'))?.message).toBe('cannot replace a.yaml: the file system is read-only; write somewhere else');
    expect(ioErrorFrom(errno('ENOSPC', 'mkdir', 'out'))?.message).toBe('cannot create the folder out: no space left on the device; free some space and run again');
  });

  it('stays a bug without a path or with an unknown code', () => {
    expect(ioErrorFrom(errno('ENOSPC', 'write'))).toBeUndefined();
    expect(ioErrorFrom(errno('EWHAT', 'open', 'x'))).toBeUndefined();
    expect(ioErrorFrom(new Error('plain'))).toBeUndefined();
    expect(ioErrorFrom('a string')).toBeUndefined();
  });
});
